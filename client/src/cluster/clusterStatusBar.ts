// The status-bar item with the Cluster view's context; a click switches context.
import * as vscode from 'vscode';
import { CLUSTER_COMMANDS, CLUSTER_STATUS_ITEM } from './model/clusterIds';
import { contextStatus } from './model/statusBarModel';
import type { ClusterSession } from './clusterSession';

export class ClusterStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem(CLUSTER_STATUS_ITEM, vscode.StatusBarAlignment.Left, 9);

  constructor(private readonly session: ClusterSession) {
    this.item.name = 'Forkspacer Cluster Context';
    this.item.command = CLUSTER_COMMANDS.clusterSwitchContext;
  }

  render(): void {
    const s = this.session.snapshot();
    const shown = contextStatus({
      ...(s.selected ? { context: s.selected } : {}),
      ...(this.session.server ? { server: this.session.server } : {}),
      state: !s.contexts.length ? 'none' : s.state === 'ready' ? 'ready' : s.state === 'error' ? 'error' : 'connecting',
      readOnly: s.readOnly,
      ...(s.error ? { error: s.error.message } : {}),
    });
    this.item.text = shown.text;
    this.item.tooltip = shown.tooltip;
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
  }
}
