// Cluster actions above each Module document of a file (next to the local host's CodeLens, moduleCodeLens.ts):
// its live phase in the selected context, Apply, Diff, and Sleep / Resume when the live phase allows them.
// Only shown once the Cluster view is connected; in Restricted Mode one lens says why nothing is offered.
import * as vscode from 'vscode';
import { parseYamlFile } from '../../../common/src/index';
import { entriesOfFile, firstContentLine } from '../workspace/workspaceModel';
import type { ClusterSession } from './clusterSession';
import { CLUSTER_COMMANDS, CLUSTER_UNTRUSTED_MESSAGE } from './model/clusterIds';
import { moduleActions, modulePhaseLabel, type ModuleClusterAction } from './model/clusterActionsModel';

/** The CodeLens of a Module's action on a Module the cluster holds: action, title, command. */
const MODULE_LENSES: [ModuleClusterAction, string, string][] = [
  ['sleep', 'Sleep', CLUSTER_COMMANDS.clusterSleepModule],
  ['resume', 'Resume', CLUSTER_COMMANDS.clusterResumeModule],
  ['delete', 'Delete', CLUSTER_COMMANDS.clusterDeleteModule],
  ['removeFinalizer', '$(warning) Stuck: Remove Finalizer…', CLUSTER_COMMANDS.clusterRemoveFinalizer],
];

export class ClusterCodeLensProvider implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;

  constructor(
    private readonly session: ClusterSession,
    private readonly trusted: () => boolean,
  ) {}

  refresh(): void {
    this.changed.fire();
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const s = this.session.snapshot();
    if (!this.session.backend || !s.selected) return [];
    let modules;
    try {
      modules = entriesOfFile(
        document.uri.fsPath,
        vscode.workspace.asRelativePath(document.uri),
        parseYamlFile(document.getText()).documents,
      ).modules;
    } catch {
      return [];
    }
    const lenses: vscode.CodeLens[] = [];
    const lineAt = (n: number) => (n < document.lineCount ? document.lineAt(n).text : undefined);
    for (const entry of modules) {
      const line = firstContentLine(lineAt, entry.line);
      const range = new vscode.Range(line, 0, line, 0);
      const ref = { path: entry.path, documentIndex: entry.documentIndex };
      const live = this.session.module(entry.recordKey);
      const phase = live
        ? modulePhaseLabel(live)
        : s.synced
          ? 'not in cluster'
          : s.state === 'error'
            ? 'unavailable'
            : 'loading…';
      lenses.push(
        new vscode.CodeLens(range, {
          title: `$(vm) ${s.selected}: ${phase}`,
          tooltip: live?.message ?? `The Module in cluster context "${s.selected}". Click to diff the file with it.`,
          command: live ? CLUSTER_COMMANDS.clusterDiff : CLUSTER_COMMANDS.clusterRefresh,
          arguments: live ? [ref] : [],
        }),
      );
      if (!this.trusted()) {
        lenses.push(
          new vscode.CodeLens(range, {
            title: '$(shield) Restricted Mode: Apply disabled',
            tooltip: CLUSTER_UNTRUSTED_MESSAGE,
            command: 'workbench.trust.manage',
            arguments: [],
          }),
        );
        continue;
      }
      lenses.push(
        new vscode.CodeLens(range, { title: 'Apply', command: CLUSTER_COMMANDS.clusterApply, arguments: [ref] }),
      );
      if (!live) continue;
      const actions = moduleActions({ module: live, hasFile: true, stuck: s.stuck.has(entry.recordKey) });
      for (const [action, title, command] of MODULE_LENSES)
        if (actions.includes(action))
          lenses.push(new vscode.CodeLens(range, { title, command, arguments: [entry.recordKey] }));
    }
    return lenses;
  }

  dispose(): void {
    this.changed.dispose();
  }
}
