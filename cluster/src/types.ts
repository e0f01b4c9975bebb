// Public shapes of the cluster backend (issue 9): the same kind of interface as the embedded host (host/src), for a
// real cluster running the Forkspacer operator v0.1.7. Plain data, no `vscode`, no client-node types: the UI, the
// language server and the CLI only see these. Stable: add fields, never rename or remove.

/** Which cluster: a kubeconfig file (default $KUBECONFIG or ~/.kube/config) and a context in it (default current). */
export interface ClusterTarget {
  kubeconfigPath?: string;
  context?: string;
}

/** One context of a kubeconfig. */
export interface ContextInfo {
  name: string;
  cluster: string;
  user: string;
  /** The context's default namespace, when it names one. */
  namespace?: string;
  /** The API server URL of its cluster. */
  server?: string;
  current: boolean;
}

export interface OpenOptions {
  /** Restricted Mode: every write is refused before it is sent (kind 'forbidden'), and Secrets are never read. */
  readOnly?: boolean;
  /** Per-request timeout for ordinary (non-watch) requests, in ms. Default 15000. */
  requestTimeoutMs?: number;
}

export type ClusterErrorKind =
  | 'no-kubeconfig'
  | 'unreachable'
  | 'crd-missing'
  | 'forbidden'
  | 'conflict'
  | 'webhook'
  | 'immutable'
  | 'invalid'
  | 'not-found'
  | 'timeout'
  | 'cancelled'
  | 'bad-document';

/** What ClusterError carries besides its user-facing message (see errors.ts for the class). */
export interface ClusterErrorInfo {
  kind: ClusterErrorKind;
  /** HTTP status from the API server, when there was an answer. */
  status?: number;
  /** For 'forbidden': the verb and resource refused (`create modules.batch.forkspacer.com in namespace "x"`). */
  verb?: string;
  resource?: string;
  /** For 'immutable': the fields that cannot change on the live object (`spec.source`, …). */
  fields?: string[];
  /** The API server's own message, unchanged. */
  serverMessage?: string;
}

export interface Disposable {
  dispose(): void;
}

/** Reference to a namespaced object. */
export interface ObjectRef {
  namespace: string;
  name: string;
}

/** A Kubernetes object as JSON (what the API server returns). */
export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata?: {
    name?: string;
    namespace?: string;
    uid?: string;
    resourceVersion?: string;
    generation?: number;
    creationTimestamp?: string;
    deletionTimestamp?: string;
    finalizers?: string[];
    annotations?: Record<string, string>;
    labels?: Record<string, string>;
    [key: string]: unknown;
  };
  spec?: Record<string, unknown>;
  status?: Record<string, unknown>;
  [key: string]: unknown;
}

export interface WorkspaceView {
  namespace: string;
  name: string;
  uid: string;
  resourceVersion: string;
  /** status.phase: ready | hibernated | failed | '' (not reconciled yet). */
  phase: string;
  ready: boolean;
  message?: string;
  /** spec.hibernated (what the user asked for). */
  hibernated: boolean;
  hibernatedAt?: string;
  lastActivity?: string;
  /** spec.type (kubernetes). */
  type: string;
  connection: { type: string; secretReference?: ObjectRef & { key?: string } };
  autoHibernation?: { enabled: boolean; schedule: string; wakeSchedule?: string };
  /** spec.from: the Workspace this one was forked from. */
  from?: ObjectRef & { migrateData: boolean };
  /** metadata.deletionTimestamp is set. */
  deleting: boolean;
  createdAt?: string;
  raw: KubeObject;
}

export interface ModuleView {
  namespace: string;
  name: string;
  uid: string;
  resourceVersion: string;
  /** status.phase: '' | installing | ready | sleeping | sleeped | resuming | uninstalling | failed. */
  phase: string;
  message?: string;
  lastActivity?: string;
  /** spec.hibernated. */
  hibernated: boolean;
  workspace: ObjectRef;
  /** Which spec.source key is used: raw | configMap | httpURL | github | existingHelmRelease. */
  sourceKind?: string;
  /** spec.config as sent. */
  config?: unknown;
  /** The operator's `forkspacer.com/resource` annotation (the resource YAML it installed). */
  resourceAnnotation?: string;
  /** `forkspacer.com/base-module-config`, parsed (the config values the plugin received). */
  baseModuleConfig?: unknown;
  /** `forkspacer.com/manager-data`, parsed (`pluginFilePath` and the plugin's metaData). */
  managerData?: Record<string, unknown>;
  finalizers: string[];
  deleting: boolean;
  createdAt?: string;
  raw: KubeObject;
}

/** A live list of one kind: one list + one watch, resumed after a dropped connection, relisted on 410 Gone. */
export interface LiveModel<T> extends Disposable {
  /** Current items (sorted by namespace then name). Empty until the first list arrives. */
  readonly items: readonly T[];
  /** True once the first list has arrived. */
  readonly synced: boolean;
  /** Last error (connection lost, forbidden, …); cleared when the watch is back. */
  readonly error?: ClusterErrorInfo & { message: string };
  /** Resolves when the first list has arrived (rejects with a ClusterError if it cannot). */
  ready(): Promise<void>;
  /** Counters for the benchmark and the tests. */
  readonly stats: LiveModelStats;
  /** Adds a listener (besides the one given when the model was opened); returns its remover. */
  onChange(listener: ModelListener<T>): () => void;
}

export interface LiveModelStats {
  lists: number;
  watches: number;
  /** Watches currently open (0 or 1 per model). */
  openWatches: number;
  relists410: number;
  reconnects: number;
  events: number;
}

export type ModelChange<T> =
  | { type: 'synced'; items: readonly T[] }
  | { type: 'added' | 'modified' | 'deleted'; item: T; items: readonly T[] }
  | { type: 'error'; error: ClusterErrorInfo & { message: string } }
  | { type: 'reconnected' };

export type ModelListener<T> = (change: ModelChange<T>) => void;

export interface ClusterEvent {
  type: string; // Warning | Normal
  reason: string;
  message: string;
  count: number;
  firstTimestamp?: string;
  lastTimestamp?: string;
  source?: string;
  uid: string;
}

export interface DryRunVerdict {
  ok: boolean;
  /** Would it create the object (false: it updates one). */
  creates: boolean;
  /** The object as the API server would store it (when ok). */
  result?: KubeObject;
  /** Why the API server or a webhook refused it (when not ok). */
  error?: ClusterErrorInfo & { message: string };
  /** Immutable fields that the document changes on the live object: the apply would be refused by the operator's rules. */
  immutable: string[];
}

export interface DiffResult {
  exists: boolean;
  /** Fields (dot paths under spec / metadata.labels / metadata.annotations) that differ file vs live. */
  changes: { path: string; file: unknown; live: unknown }[];
  /** Subset of changes on immutable fields (spec.source, spec.workspace, spec.config after creation): recreate. */
  immutable: string[];
  /** The live object (when it exists). */
  live?: KubeObject;
}

export interface HibernateResult {
  workspace: WorkspaceView;
  /**
   * For a resume: Modules of the Workspace that still had spec.hibernated=true and that this call set to false,
   * because the operator v0.1.7 resumes only Modules whose spec.hibernated is already false.
   */
  resumedModules: ObjectRef[];
  /** Human-readable summary of what was done. */
  summary: string;
}

export type RunOperation = 'install' | 'sleep' | 'resume' | 'uninstall';

export interface RunOptions {
  /** Seconds to wait for the phase to settle. Default 300. */
  timeoutS?: number;
  signal?: AbortSignal;
  onPhase?: (phase: string, module: ModuleView | undefined) => void;
  onEvent?: (event: ClusterEvent) => void;
}

export interface RunResult {
  ok: boolean;
  /** The settled phase: ready | sleeped | removed | failed. */
  phase: string;
  message?: string;
  /** Warning events seen while waiting. */
  events: ClusterEvent[];
  /** Not sent because the current phase does not allow the operation. */
  refused?: string;
  module?: ModuleView;
}

export interface StuckDeletion {
  stuck: boolean;
  /** Why (from the phase and the UninstallError event), for the user. */
  reason?: string;
}

export interface ClusterBackend extends Disposable {
  readonly target: ClusterTarget;
  /** The context actually used, and its server. */
  readonly context: string;
  readonly server: string;
  readonly readOnly: boolean;
  /** Requests sent so far (a watch counts as one) and watches open now, over all live models of this backend. */
  stats(): { requests: number; openWatches: number };

  namespaces(signal?: AbortSignal): Promise<string[]>;
  /** Live Workspaces of a namespace (undefined = all namespaces). Call dispose() to stop the watch. */
  watchWorkspaces(namespace: string | undefined, listener?: ModelListener<WorkspaceView>): LiveModel<WorkspaceView>;
  watchModules(namespace: string | undefined, listener?: ModelListener<ModuleView>): LiveModel<ModuleView>;
  getModule(namespace: string, name: string, signal?: AbortSignal): Promise<ModuleView | undefined>;
  getWorkspace(namespace: string, name: string, signal?: AbortSignal): Promise<WorkspaceView | undefined>;
  /** Warning events of a Module (the operator emits only Warnings), oldest first. */
  moduleEvents(namespace: string, name: string, signal?: AbortSignal): Promise<ClusterEvent[]>;

  /** Server-side apply with dryRun=All: the API server's and webhooks' verdict, nothing stored. */
  dryRunApply(doc: KubeObject, signal?: AbortSignal): Promise<DryRunVerdict>;
  /**
   * Server-side apply (field manager `forkspacer-vscode`). A field another manager owns with another value is a
   * 409 'conflict' naming that manager, unless `force` (take the fields over, as `kubectl apply --force-conflicts`).
   * Immutable Module fields changed on the live object: 'immutable', nothing sent.
   */
  apply(doc: KubeObject, signal?: AbortSignal, options?: { force?: boolean }): Promise<KubeObject>;
  setModuleHibernated(namespace: string, name: string, hibernated: boolean, signal?: AbortSignal): Promise<ModuleView>;
  setWorkspaceHibernated(
    namespace: string,
    name: string,
    hibernated: boolean,
    signal?: AbortSignal,
  ): Promise<HibernateResult>;
  /** Creates Workspace `newName` in `namespace` with spec.from = `from` (the operator forks it). */
  forkWorkspace(
    namespace: string,
    from: ObjectRef,
    newName: string,
    options?: { migrateData?: boolean; signal?: AbortSignal },
  ): Promise<WorkspaceView>;
  deleteModule(namespace: string, name: string, signal?: AbortSignal): Promise<void>;
  deleteWorkspace(namespace: string, name: string, signal?: AbortSignal): Promise<void>;
  /** The operator's stuck deletion: uninstalling forever because the resource annotation was never written. */
  isStuckDeletion(module: ModuleView, events?: ClusterEvent[]): StuckDeletion;
  /** JSON patch removing metadata.finalizers: the Module goes away without the plugin's Uninstall. */
  removeFinalizer(namespace: string, name: string, signal?: AbortSignal): Promise<void>;
  /** File vs live. */
  diff(doc: KubeObject, signal?: AbortSignal): Promise<DiffResult>;
  /** Deletes the live Module, waits until it is gone, and applies the document (for immutable-field changes). */
  recreateModule(doc: KubeObject, options?: RunOptions): Promise<RunResult>;
  getConfigMap(namespace: string, name: string, signal?: AbortSignal): Promise<Record<string, string> | undefined>;
  workspaceExists(namespace: string, name: string, signal?: AbortSignal): Promise<boolean>;
  /** install: apply; sleep/resume: spec.hibernated; uninstall: delete. Waits until the phase settles. */
  run(op: RunOperation, moduleDoc: KubeObject, options?: RunOptions): Promise<RunResult>;
}
