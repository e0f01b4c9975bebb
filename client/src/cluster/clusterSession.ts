// The Cluster view's connection: the kubeconfig's contexts, the backend of the selected context (cluster/src,
// loaded from its own bundle dist/cluster.js on first use) and its two live models (one list + one watch per kind).
// Nothing here waits for the cluster on the UI's path: the tree reads snapshot() and is told when it changed.
import * as vscode from 'vscode';
import type * as ClusterModule from '../../../cluster/src/index';
import type {
  ClusterBackend,
  ClusterEvent,
  ContextInfo,
  LiveModel,
  ModuleView,
  WorkspaceView,
} from '../../../cluster/src/types';
import type { ForkspacerSettings } from '../config';
import { throttle } from './model/throttleModel';
import { moduleKey, type ClusterSnapshot } from './model/clusterTreeModel';

export type ClusterApi = typeof ClusterModule;

export interface SessionTarget {
  kubeconfigPath?: string;
  context?: string;
  namespace?: string;
  readOnly: boolean;
}

/** Which kubeconfig the view uses: its own setting, else the host's, else the backend's default ($KUBECONFIG, ~/.kube/config). */
export function sessionTarget(settings: ForkspacerSettings, trusted: boolean): SessionTarget {
  const kubeconfigPath = settings.cluster.kubeconfig || settings.kubeconfig || undefined;
  return {
    ...(kubeconfigPath ? { kubeconfigPath } : {}),
    ...(settings.cluster.context ? { context: settings.cluster.context } : {}),
    ...(settings.cluster.namespace ? { namespace: settings.cluster.namespace } : {}),
    readOnly: !trusted,
  };
}

export class ClusterSession implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires (debounced) when anything the tree shows changed. */
  readonly onDidChange = this.changed.event;
  private readonly fireSoon = throttle(60, () => this.changed.fire());
  private api: ClusterApi | undefined;
  private generation = 0;
  private contexts: ContextInfo[] = [];
  private contextsError: string | undefined;
  private selected: string | undefined;
  private backendValue: ClusterBackend | undefined;
  private workspacesModel: LiveModel<WorkspaceView> | undefined;
  private modulesModel: LiveModel<ModuleView> | undefined;
  private openError: { kind: string; message: string } | undefined;
  private readonly events = new Map<string, { resourceVersion: string; events: readonly ClusterEvent[] }>();
  private readonly eventsInFlight = new Set<string>();
  private readonly stuck = new Map<string, string>();
  private targetValue: SessionTarget = { readOnly: true };
  private started = false;

  constructor(
    private readonly extension: vscode.ExtensionContext,
    private readonly log: vscode.LogOutputChannel,
    private readonly hasFile: (namespace: string, name: string) => boolean,
  ) {}

  get target(): SessionTarget {
    return this.targetValue;
  }

  /** The backend of the selected context, once opened. */
  get backend(): ClusterBackend | undefined {
    return this.backendValue;
  }

  get selectedContext(): string | undefined {
    return this.selected;
  }

  get server(): string | undefined {
    return this.backendValue?.server ?? this.contexts.find((c) => c.name === this.selected)?.server;
  }

  get contextList(): readonly ContextInfo[] {
    return this.contexts;
  }

  get isStarted(): boolean {
    return this.started;
  }

  /** The backend module (dist/cluster.js), loaded on first use. */
  loadApi(): ClusterApi {
    if (!this.api) {
      // A run-time require of the separate bundle: esbuild must not follow it into dist/client.js.
      const path = this.extension.asAbsolutePath('dist/cluster.js');
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      this.api = require(path) as ClusterApi;
    }
    return this.api;
  }

  /** (Re)connects with these settings: contexts, then the selected context's live models. Never throws. */
  async connect(target: SessionTarget): Promise<void> {
    const generation = ++this.generation;
    this.started = true;
    this.closeBackend();
    this.targetValue = target;
    this.contextsError = undefined;
    this.openError = undefined;
    this.fireSoon();
    let api: ClusterApi;
    try {
      api = this.loadApi();
    } catch (error) {
      this.contextsError = `The cluster backend could not load: ${message(error)}`;
      this.log.error(`cluster: ${this.contextsError}`);
      this.fireSoon();
      return;
    }
    const kube = target.kubeconfigPath ? { kubeconfigPath: target.kubeconfigPath } : {};
    try {
      this.contexts = await api.listContexts(kube);
    } catch (error) {
      if (generation !== this.generation) return;
      this.contexts = [];
      this.contextsError = message(error);
      this.log.warn(`cluster: ${this.contextsError}`);
      this.fireSoon();
      return;
    }
    if (generation !== this.generation) return;
    const wanted = target.context ?? this.contexts.find((c) => c.current)?.name ?? this.contexts[0]?.name;
    this.selected = wanted;
    if (!wanted) {
      this.contextsError = 'The kubeconfig has no context.';
      this.fireSoon();
      return;
    }
    if (!this.contexts.some((c) => c.name === wanted)) {
      this.openError = { kind: 'no-kubeconfig', message: `The kubeconfig has no context "${wanted}".` };
      this.fireSoon();
      return;
    }
    try {
      const backend = await api.openCluster({ ...kube, context: wanted }, { readOnly: target.readOnly });
      if (generation !== this.generation) {
        backend.dispose();
        return;
      }
      this.backendValue = backend;
      this.log.info(
        `cluster: context "${backend.context}" (${backend.server})${backend.readOnly ? ', read-only (Restricted Mode)' : ''}; watching Workspaces and Modules in ${target.namespace ? `namespace ${target.namespace}` : 'all namespaces'}`,
      );
      this.workspacesModel = backend.watchWorkspaces(target.namespace, (change) => this.onChange('Workspaces', change));
      this.modulesModel = backend.watchModules(target.namespace, (change) => this.onChange('Modules', change));
      void this.workspacesModel.ready().catch(() => undefined);
      void this.modulesModel.ready().catch(() => undefined);
    } catch (error) {
      if (generation !== this.generation) return;
      this.openError = errorInfo(error);
      this.log.warn(`cluster: ${this.openError.message}`);
    }
    this.fireSoon();
  }

  private onChange(kind: string, change: { type: string; error?: { message: string }; item?: unknown }): void {
    if (change.type === 'error' && change.error) this.log.warn(`cluster: ${kind}: ${change.error.message}`);
    if (change.type === 'reconnected') this.log.info(`cluster: ${kind}: watch resumed`);
    if (kind === 'Modules' && (change.type === 'modified' || change.type === 'added')) {
      const m = change.item as ModuleView;
      this.onModuleChanged(m);
    }
    if (kind === 'Modules' && change.type === 'deleted') {
      const key = moduleKey(change.item as ModuleView);
      this.events.delete(key);
      this.stuck.delete(key);
    }
    this.fireSoon();
  }

  /** A failed or deleting Module: its Warning events explain it (and tell a stuck deletion). */
  private onModuleChanged(m: ModuleView): void {
    const key = moduleKey(m);
    const known = this.events.get(key);
    if (known && known.resourceVersion !== m.resourceVersion && (m.phase === 'failed' || m.deleting))
      void this.loadEvents(m);
    else if (!known && (m.phase === 'failed' || m.deleting)) void this.loadEvents(m);
  }

  /** Fetches a Module's Warning events (when shown expanded, or failed / deleting) and re-checks a stuck deletion. */
  async loadEvents(m: ModuleView): Promise<void> {
    const key = moduleKey(m);
    const backend = this.backendValue;
    if (!backend || this.eventsInFlight.has(key)) return;
    this.eventsInFlight.add(key);
    try {
      const events = await backend.moduleEvents(m.namespace, m.name);
      if (backend !== this.backendValue) return;
      this.events.set(key, { resourceVersion: m.resourceVersion, events });
      const verdict = m.deleting ? backend.isStuckDeletion(m, [...events]) : { stuck: false };
      if (verdict.stuck) this.stuck.set(key, verdict.reason ?? 'stuck deletion');
      else this.stuck.delete(key);
      this.fireSoon();
    } catch (error) {
      this.log.warn(`cluster: events of ${key}: ${message(error)}`);
    } finally {
      this.eventsInFlight.delete(key);
    }
  }

  /** Whether events were fetched for this version of the Module. */
  hasEvents(m: ModuleView): boolean {
    return this.events.get(moduleKey(m))?.resourceVersion === m.resourceVersion;
  }

  snapshot(): ClusterSnapshot {
    const w = this.workspacesModel;
    const m = this.modulesModel;
    const error = this.openError ?? w?.error ?? m?.error;
    const synced = !!w?.synced && !!m?.synced;
    const events = new Map<string, readonly ClusterEvent[]>();
    for (const [k, v] of this.events) events.set(k, v.events);
    const snapshot: ClusterSnapshot = {
      contexts: this.contexts,
      state: error ? 'error' : synced ? 'ready' : 'connecting',
      workspaces: w?.items ?? [],
      modules: m?.items ?? [],
      synced,
      events,
      stuck: this.stuck,
      hasFile: this.hasFile,
      readOnly: this.targetValue.readOnly,
      now: Date.now(),
    };
    if (this.selected) snapshot.selected = this.selected;
    if (this.contextsError) snapshot.contextsError = this.contextsError;
    if (error) snapshot.error = { kind: error.kind, message: error.message };
    if (this.targetValue.namespace) snapshot.namespaceFilter = this.targetValue.namespace;
    return snapshot;
  }

  module(key: string): ModuleView | undefined {
    return this.modulesModel?.items.find((m) => moduleKey(m) === key);
  }

  workspace(key: string): WorkspaceView | undefined {
    return this.workspacesModel?.items.find((w) => moduleKey(w) === key);
  }

  modulesOf(workspace: { namespace: string; name: string }): ModuleView[] {
    return (this.modulesModel?.items ?? []).filter(
      (m) => m.workspace.namespace === workspace.namespace && m.workspace.name === workspace.name,
    );
  }

  /** Live models' counters (requests and open watches), for the logs and the benchmark. */
  stats(): { workspaces?: LiveModel<WorkspaceView>['stats']; modules?: LiveModel<ModuleView>['stats'] } {
    return {
      ...(this.workspacesModel ? { workspaces: this.workspacesModel.stats } : {}),
      ...(this.modulesModel ? { modules: this.modulesModel.stats } : {}),
    };
  }

  private closeBackend(): void {
    this.workspacesModel?.dispose();
    this.modulesModel?.dispose();
    this.backendValue?.dispose();
    this.workspacesModel = this.modulesModel = this.backendValue = undefined;
    this.events.clear();
    this.stuck.clear();
  }

  dispose(): void {
    this.generation++;
    this.fireSoon.cancel();
    this.closeBackend();
    this.changed.dispose();
  }
}

export function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** A ClusterError's kind and message (any other error: kind 'unknown'). */
export function errorInfo(error: unknown): { kind: string; message: string; fields?: string[] } {
  const kind = (error as { kind?: unknown })?.kind;
  const fields = (error as { fields?: unknown })?.fields;
  return {
    kind: typeof kind === 'string' ? kind : 'unknown',
    message: message(error),
    ...(Array.isArray(fields) ? { fields: fields.map(String) } : {}),
  };
}
