// The Cluster view (issue 9), wired in one place: the session (contexts, the backend, live models), the tree, the
// status-bar item, the read-only documents, the CodeLens and the commands. ctx.ts starts it with one call; it
// connects after activation (never on its path) and again when a cluster setting or the trust changes.
import * as vscode from 'vscode';
import { settingId } from '../../../common/src/settings';
import type { Ctx } from '../ctx';
import { ClusterSession, sessionTarget } from './clusterSession';
import { ClusterProvider } from './clusterProvider';
import { ClusterStatusBar } from './clusterStatusBar';
import { ClusterDocuments } from './clusterDocuments';
import { ClusterCodeLensProvider } from './clusterCodeLens';
import {
  CLUSTER_COMMANDS,
  CLUSTER_SCHEME,
  CLUSTER_UNTRUSTED_MESSAGE,
  CLUSTER_VIEW,
  CLUSTER_WRITES,
  type ClusterCommandKey,
} from './model/clusterIds';
import { clusterApply } from './commands/apply';
import { clusterDiff } from './commands/diff';
import {
  clusterDeleteModule,
  clusterRemoveFinalizer,
  clusterResumeModule,
  clusterSleepModule,
} from './commands/moduleOps';
import {
  clusterDeleteWorkspace,
  clusterForkWorkspace,
  clusterHibernateWorkspace,
  clusterResumeWorkspace,
} from './commands/workspaceOps';
import { clusterRefresh, clusterSelectNamespace, clusterShowStored, clusterSwitchContext } from './commands/viewOps';

type Factory = (feature: ClusterFeature) => (...args: never[]) => unknown;

const TABLE: Record<ClusterCommandKey, Factory> = {
  clusterSwitchContext,
  clusterSelectNamespace,
  clusterRefresh,
  clusterApply,
  clusterDiff,
  clusterSleepModule,
  clusterResumeModule,
  clusterDeleteModule,
  clusterRemoveFinalizer,
  clusterHibernateWorkspace,
  clusterResumeWorkspace,
  clusterForkWorkspace,
  clusterDeleteWorkspace,
  clusterShowStored,
};

const CLUSTER_SETTINGS = ['cluster.kubeconfig', 'cluster.context', 'cluster.namespace', 'kubeconfig'] as const;

export class ClusterFeature implements vscode.Disposable {
  readonly session: ClusterSession;
  readonly documents: ClusterDocuments;
  private readonly provider: ClusterProvider;
  private readonly statusBar: ClusterStatusBar;
  private readonly codeLens: ClusterCodeLensProvider;
  private readonly disposables: vscode.Disposable[] = [];
  private view: vscode.TreeView<unknown> | undefined;
  private firstTreeLogged = false;

  constructor(readonly ctx: Ctx) {
    this.session = new ClusterSession(ctx.extension, ctx.log, (namespace, name) =>
      ctx.index.modules().some((m) => m.namespace === namespace && m.name === name),
    );
    this.documents = new ClusterDocuments(this.session);
    this.provider = new ClusterProvider(this.session);
    this.statusBar = new ClusterStatusBar(this.session);
    this.codeLens = new ClusterCodeLensProvider(this.session, () => ctx.trusted);
  }

  /** Synchronous wiring; the connection starts after activation. */
  start(): vscode.Disposable[] {
    const view = vscode.window.createTreeView(CLUSTER_VIEW, { treeDataProvider: this.provider, showCollapseAll: true });
    this.view = view as vscode.TreeView<unknown>;
    this.disposables.push(
      this.session,
      this.provider,
      this.statusBar,
      this.codeLens,
      view,
      vscode.workspace.registerTextDocumentContentProvider(CLUSTER_SCHEME, this.documents),
      vscode.languages.registerCodeLensProvider({ language: 'yaml', scheme: 'file' }, this.codeLens),
      ...this.registerCommands(),
      this.session.onDidChange(() => this.render()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (CLUSTER_SETTINGS.some((k) => e.affectsConfiguration(settingId(k)))) void this.reconnect();
      }),
      // Trusted now: writes are allowed, the backend is opened again without read-only.
      vscode.workspace.onDidGrantWorkspaceTrust(() => void this.reconnect()),
    );
    this.statusBar.render();
    setImmediate(() => void this.reconnect());
    return [this];
  }

  /** Connects with the current settings and trust (drops the old watches first). */
  async reconnect(): Promise<void> {
    const started = performance.now();
    this.firstTreeLogged = false;
    this.connectStarted = started;
    await this.session.connect(sessionTarget(this.ctx.settings, this.ctx.trusted));
  }

  private connectStarted = 0;

  private render(): void {
    this.provider.refresh();
    this.codeLens.refresh();
    this.statusBar.render();
    const s = this.session.snapshot();
    if (this.view) this.view.description = s.selected ? `${s.selected}${s.readOnly ? ' (read-only)' : ''}` : undefined;
    const stats = this.session.stats();
    if (s.synced && !this.firstTreeLogged) {
      this.firstTreeLogged = true;
      this.ctx.log.info(
        `cluster: ${s.workspaces.length} Workspaces, ${s.modules.length} Modules listed in ${Math.round(performance.now() - this.connectStarted)} ms (lists ${(stats.workspaces?.lists ?? 0) + (stats.modules?.lists ?? 0)})`,
      );
    }
    // One watch per kind for the whole view, whatever the number of Modules: said whenever the count changes.
    const open = (stats.workspaces?.openWatches ?? 0) + (stats.modules?.openWatches ?? 0);
    if (open !== this.openWatchesLogged) {
      this.openWatchesLogged = open;
      this.ctx.log.info(
        `cluster: open watches ${open} (Workspaces ${stats.workspaces?.openWatches ?? 0}, Modules ${stats.modules?.openWatches ?? 0})`,
      );
    }
  }

  private openWatchesLogged = 0;

  private registerCommands(): vscode.Disposable[] {
    return (Object.keys(TABLE) as ClusterCommandKey[]).map((key) => {
      const run = TABLE[key](this) as (...args: unknown[]) => unknown;
      return vscode.commands.registerCommand(CLUSTER_COMMANDS[key], async (...args: unknown[]) => {
        if (CLUSTER_WRITES[key] && !this.ctx.trusted) {
          this.ctx.log.warn(`${CLUSTER_COMMANDS[key]} refused: the workspace is not trusted`);
          const choice = await vscode.window.showWarningMessage(CLUSTER_UNTRUSTED_MESSAGE, 'Manage Workspace Trust');
          if (choice) void vscode.commands.executeCommand('workbench.trust.manage');
          return;
        }
        try {
          await run(...args);
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          this.ctx.log.error(`${CLUSTER_COMMANDS[key]} failed: ${message}`);
          void vscode.window
            .showErrorMessage(`Forkspacer: ${message}`, 'Show Logs')
            .then((c) => c && this.ctx.log.show(true));
        }
      });
    });
  }

  dispose(): void {
    for (const d of this.disposables.splice(0).reverse()) {
      if (d !== this) d.dispose();
    }
  }
}
