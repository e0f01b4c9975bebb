// Adapts the Cluster view model to a vscode.TreeDataProvider. The tree is rebuilt from the session's snapshot on
// each (throttled) change; a Module's children ask for its Warning events and show what is known meanwhile.
import * as vscode from 'vscode';
import { toTreeItem } from '../views/toTreeItem';
import type { ClusterSession } from './clusterSession';
import {
  clusterRoots,
  clusterTreeItem,
  contextChildren,
  moduleChildren,
  namespaceChildren,
  workspaceChildren,
  type ClusterNode,
  type ClusterSnapshot,
} from './model/clusterTreeModel';

export class ClusterProvider implements vscode.TreeDataProvider<ClusterNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ClusterNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private snap: ClusterSnapshot | undefined;
  /** Time of the last full tree (for the logs: time to a full tree after connecting). */
  lastRender = 0;

  constructor(private readonly session: ClusterSession) {}

  refresh(): void {
    this.snap = undefined;
    this.changed.fire(undefined);
  }

  private snapshot(): ClusterSnapshot {
    return (this.snap ??= this.session.snapshot());
  }

  getTreeItem(node: ClusterNode): vscode.TreeItem {
    return toTreeItem(clusterTreeItem(node, this.snapshot()));
  }

  getChildren(node?: ClusterNode): ClusterNode[] {
    const s = this.snapshot();
    if (!node) {
      this.lastRender = performance.now();
      return clusterRoots(s);
    }
    switch (node.type) {
      case 'context':
        return node.selected ? contextChildren(s) : [];
      case 'namespace':
        return namespaceChildren(node);
      case 'workspace':
        return workspaceChildren(node);
      case 'module':
        // Events are fetched when a Module is looked at; the tree updates when they arrive.
        if (!this.session.hasEvents(node.module)) void this.session.loadEvents(node.module);
        return moduleChildren(node, s);
      case 'detail':
        return node.children ?? [];
      default:
        return [];
    }
  }

  dispose(): void {
    this.changed.dispose();
  }
}
