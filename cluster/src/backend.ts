// The cluster backend (issue 9): Workspaces and Modules of a real cluster running the Forkspacer operator v0.1.7,
// through @kubernetes/client-node (its KubeConfig for auth/TLS, its generated APIs, its Watch). See index.ts.
import type * as K8s from '@kubernetes/client-node';
import { diffDocuments } from './diff';
import { API_VERSION, GROUP, identify, VERSION } from './documents';
import { ClusterError, fromApiError, type RequestContext } from './errors';
import { clientNode, loadKubeConfig, type ClientNode } from './kubeconfig';
import { LiveList, type LiveSource } from './liveModel';
import { call } from './request';
import { runOperation, recreate } from './run';
import type {
  ClusterBackend,
  ClusterEvent,
  ClusterTarget,
  DiffResult,
  DryRunVerdict,
  HibernateResult,
  KubeObject,
  LiveModel,
  ModelListener,
  ModuleView,
  ObjectRef,
  OpenOptions,
  RunOperation,
  RunOptions,
  RunResult,
  StuckDeletion,
  WorkspaceView,
} from './types';
import { toModuleView, toWorkspaceView } from './views';

export const FIELD_MANAGER = 'forkspacer-vscode';
type Plural = 'modules' | 'workspaces';

/** Opens a cluster from a kubeconfig. No request is sent until a method is called. */
export async function openCluster(target: ClusterTarget = {}, options: OpenOptions = {}): Promise<ClusterBackend> {
  const config = await loadKubeConfig(target);
  return new Backend(await clientNode(), config, target, options);
}

export class Backend implements ClusterBackend {
  readonly context: string;
  readonly server: string;
  readonly readOnly: boolean;
  private readonly timeoutMs: number;
  private readonly custom: K8s.CustomObjectsApi;
  private readonly core: K8s.CoreV1Api;
  private readonly models = new Set<LiveList<unknown>>();
  /** Requests sent (lists, gets, patches, …; a watch counts as one), for the benchmark. */
  requests = 0;

  constructor(
    private readonly k8s: ClientNode,
    private readonly config: K8s.KubeConfig,
    readonly target: ClusterTarget,
    options: OpenOptions,
  ) {
    this.context = config.getCurrentContext();
    this.server = config.getCurrentCluster()?.server ?? '';
    this.readOnly = options.readOnly === true;
    this.timeoutMs = options.requestTimeoutMs ?? 15000;
    this.custom = config.makeApiClient(k8s.CustomObjectsApi);
    this.core = config.makeApiClient(k8s.CoreV1Api);
  }

  dispose(): void {
    for (const m of [...this.models]) m.dispose();
    this.models.clear();
  }

  stats(): { requests: number; openWatches: number } {
    let openWatches = 0;
    for (const m of this.models) openWatches += m.stats.openWatches;
    return { requests: this.requests, openWatches };
  }

  private ctx(verb: string, resource: string, namespace?: string, name?: string): RequestContext {
    return { verb, resource, namespace, name, server: this.server, context: this.context };
  }

  private req<T>(ctx: RequestContext, fn: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    this.requests++;
    return call(ctx, fn, { signal, timeoutMs: this.timeoutMs });
  }

  private write(verb: string, resource: string, namespace?: string, name?: string): void {
    if (this.readOnly)
      throw new ClusterError(
        'forbidden',
        `Restricted Mode: ${verb} ${resource}${name ? ` "${name}"` : ''} is not sent to the cluster. Trust the workspace to change the cluster.`,
        { verb, resource: `${resource}${namespace ? ` in namespace "${namespace}"` : ''}` },
      );
  }

  async namespaces(signal?: AbortSignal): Promise<string[]> {
    const list = await this.req(this.ctx('list', 'namespaces'), () => this.core.listNamespace(), signal);
    return list.items
      .map((n) => n.metadata?.name ?? '')
      .filter(Boolean)
      .sort();
  }

  private source(plural: Plural, namespace: string | undefined, fieldSelector?: string): LiveSource {
    const resource = `${plural}.${GROUP}`;
    const path = `/apis/${GROUP}/${VERSION}${namespace ? `/namespaces/${namespace}` : ''}/${plural}`;
    return {
      list: async () => {
        const list = (await this.req(this.ctx('list', resource, namespace), () =>
          namespace
            ? this.custom.listNamespacedCustomObject({
                group: GROUP,
                version: VERSION,
                namespace,
                plural,
                fieldSelector,
              })
            : this.custom.listClusterCustomObject({ group: GROUP, version: VERSION, plural, fieldSelector }),
        )) as { items?: KubeObject[]; metadata?: { resourceVersion?: string } };
        return { items: list.items ?? [], resourceVersion: list.metadata?.resourceVersion ?? '' };
      },
      watch: async (resourceVersion, callbacks) => {
        this.requests++;
        const watch = new this.k8s.Watch(this.config);
        const controller = await watch.watch(
          path,
          { resourceVersion, allowWatchBookmarks: true, fieldSelector },
          (type, object) => callbacks.event(type, object as KubeObject),
          (error) => callbacks.done(error),
        );
        return { abort: () => controller.abort() };
      },
      toError: (error, verb) => fromApiError(error, this.ctx(verb, resource, namespace)),
    };
  }

  private live<T>(
    plural: Plural,
    namespace: string | undefined,
    convert: (o: KubeObject) => T,
    listener?: ModelListener<T>,
    fieldSelector?: string,
  ): LiveList<T> {
    const model = new LiveList<T>(this.source(plural, namespace, fieldSelector), convert, listener);
    this.models.add(model as LiveList<unknown>);
    const dispose = model.dispose.bind(model);
    model.dispose = () => {
      dispose();
      this.models.delete(model as LiveList<unknown>);
    };
    return model;
  }

  watchWorkspaces(namespace: string | undefined, listener?: ModelListener<WorkspaceView>): LiveModel<WorkspaceView> {
    return this.live('workspaces', namespace, toWorkspaceView, listener);
  }

  watchModules(namespace: string | undefined, listener?: ModelListener<ModuleView>): LiveModel<ModuleView> {
    return this.live('modules', namespace, toModuleView, listener);
  }

  /** One Module, live (run() follows its phase with it). */
  watchModuleByName(namespace: string, name: string): LiveList<ModuleView> {
    return this.live('modules', namespace, toModuleView, undefined, `metadata.name=${name}`);
  }

  private async getObject(
    plural: Plural,
    namespace: string,
    name: string,
    signal?: AbortSignal,
  ): Promise<KubeObject | undefined> {
    try {
      return (await this.req(
        this.ctx('get', `${plural}.${GROUP}`, namespace, name),
        () => this.custom.getNamespacedCustomObject({ group: GROUP, version: VERSION, namespace, plural, name }),
        signal,
      )) as KubeObject;
    } catch (error) {
      if (error instanceof ClusterError && error.kind === 'not-found') return undefined;
      throw error;
    }
  }

  async getModule(namespace: string, name: string, signal?: AbortSignal): Promise<ModuleView | undefined> {
    const o = await this.getObject('modules', namespace, name, signal);
    return o && toModuleView(o);
  }

  async getWorkspace(namespace: string, name: string, signal?: AbortSignal): Promise<WorkspaceView | undefined> {
    const o = await this.getObject('workspaces', namespace, name, signal);
    return o && toWorkspaceView(o);
  }

  async workspaceExists(namespace: string, name: string, signal?: AbortSignal): Promise<boolean> {
    return (await this.getObject('workspaces', namespace, name, signal)) !== undefined;
  }

  async moduleEvents(namespace: string, name: string, signal?: AbortSignal): Promise<ClusterEvent[]> {
    const list = await this.req(
      this.ctx('list', 'events', namespace),
      () =>
        this.core.listNamespacedEvent({
          namespace,
          fieldSelector: `involvedObject.kind=Module,involvedObject.name=${name}`,
        }),
      signal,
    );
    return list.items
      .filter((e) => e.type === 'Warning')
      .map((e) => {
        const event: ClusterEvent = {
          type: e.type ?? 'Warning',
          reason: e.reason ?? '',
          message: e.message ?? '',
          count: e.count ?? 1,
          uid: e.metadata?.uid ?? '',
        };
        const first = e.firstTimestamp ?? e.eventTime;
        const last = e.lastTimestamp ?? e.eventTime ?? e.firstTimestamp;
        if (first) event.firstTimestamp = new Date(first as unknown as string).toISOString();
        if (last) event.lastTimestamp = new Date(last as unknown as string).toISOString();
        if (e.source?.component) event.source = e.source.component;
        return event;
      })
      .sort((a, b) => (a.lastTimestamp ?? '').localeCompare(b.lastTimestamp ?? ''));
  }

  private plural(kind: 'Module' | 'Workspace'): Plural {
    return kind === 'Module' ? 'modules' : 'workspaces';
  }

  /** The document as sent: apiVersion/kind/metadata (name, namespace, labels, annotations) and spec only. */
  private applyBody(doc: KubeObject): KubeObject {
    const { kind, namespace, name } = identify(doc);
    const metadata: NonNullable<KubeObject['metadata']> = { name, namespace };
    if (doc.metadata?.labels) metadata.labels = doc.metadata.labels;
    if (doc.metadata?.annotations) metadata.annotations = doc.metadata.annotations;
    return { apiVersion: API_VERSION, kind, metadata, spec: doc.spec ?? {} };
  }

  private async ssa(doc: KubeObject, dryRun: boolean, signal?: AbortSignal, force = false): Promise<KubeObject> {
    const { kind, namespace, name } = identify(doc);
    const plural = this.plural(kind);
    const body = this.applyBody(doc);
    return (await this.req(
      this.ctx('apply', `${plural}.${GROUP}`, namespace, name),
      () =>
        this.custom.patchNamespacedCustomObject(
          {
            group: GROUP,
            version: VERSION,
            namespace,
            plural,
            name,
            body,
            fieldManager: FIELD_MANAGER,
            ...(dryRun ? { dryRun: 'All' } : {}),
            ...(force ? { force: true } : {}),
          },
          this.k8s.setHeaderOptions('Content-Type', this.k8s.PatchStrategy.ServerSideApply),
        ),
      signal,
    )) as KubeObject;
  }

  async diff(doc: KubeObject, signal?: AbortSignal): Promise<DiffResult> {
    const { kind, namespace, name } = identify(doc);
    return diffDocuments(doc, await this.getObject(this.plural(kind), namespace, name, signal));
  }

  async dryRunApply(doc: KubeObject, signal?: AbortSignal): Promise<DryRunVerdict> {
    const d = await this.diff(doc, signal);
    const verdict: DryRunVerdict = { ok: false, creates: !d.exists, immutable: d.immutable };
    if (d.immutable.length) {
      verdict.error = immutableError(identify(doc).name, d.immutable).toInfo();
      return verdict;
    }
    try {
      verdict.result = await this.ssa(doc, true, signal);
      verdict.ok = true;
    } catch (error) {
      if (!(error instanceof ClusterError) || error.kind === 'cancelled' || error.kind === 'unreachable') throw error;
      verdict.error = error.toInfo();
    }
    return verdict;
  }

  async apply(doc: KubeObject, signal?: AbortSignal, options: { force?: boolean } = {}): Promise<KubeObject> {
    const { kind, namespace, name } = identify(doc);
    this.write('apply', `${this.plural(kind)}.${GROUP}`, namespace, name);
    if (kind === 'Module') {
      const d = await this.diff(doc, signal);
      if (d.immutable.length) throw immutableError(name, d.immutable);
    }
    return this.ssa(doc, false, signal, options.force === true);
  }

  private async patch(
    plural: Plural,
    namespace: string,
    name: string,
    body: unknown,
    strategy: 'MergePatch' | 'JsonPatch',
    signal?: AbortSignal,
  ): Promise<KubeObject> {
    this.write('patch', `${plural}.${GROUP}`, namespace, name);
    return (await this.req(
      this.ctx('patch', `${plural}.${GROUP}`, namespace, name),
      () =>
        this.custom.patchNamespacedCustomObject(
          { group: GROUP, version: VERSION, namespace, plural, name, body, fieldManager: FIELD_MANAGER },
          this.k8s.setHeaderOptions('Content-Type', this.k8s.PatchStrategy[strategy]),
        ),
      signal,
    )) as KubeObject;
  }

  async setModuleHibernated(
    namespace: string,
    name: string,
    hibernated: boolean,
    signal?: AbortSignal,
  ): Promise<ModuleView> {
    return toModuleView(await this.patch('modules', namespace, name, { spec: { hibernated } }, 'MergePatch', signal));
  }

  async setWorkspaceHibernated(
    namespace: string,
    name: string,
    hibernated: boolean,
    signal?: AbortSignal,
  ): Promise<HibernateResult> {
    const workspace = toWorkspaceView(
      await this.patch('workspaces', namespace, name, { spec: { hibernated } }, 'MergePatch', signal),
    );
    const resumedModules: ObjectRef[] = [];
    if (hibernated)
      return {
        workspace,
        resumedModules,
        summary: `Workspace ${namespace}/${name} set to hibernate; the operator puts its Modules to sleep.`,
      };
    // Operator v0.1.7 (workspace_controller.go resumeModules) sets spec.hibernated=false only on Modules whose
    // spec.hibernated is already false, so the Modules it put to sleep stay asleep: resume them here.
    for (const m of await this.modulesOf({ namespace, name }, signal)) {
      if (!m.hibernated || m.deleting) continue;
      await this.setModuleHibernated(m.namespace, m.name, false, signal);
      resumedModules.push({ namespace: m.namespace, name: m.name });
    }
    const summary = resumedModules.length
      ? `Workspace ${namespace}/${name} resumed. The operator does not resume Modules it put to sleep; resumed them here: ${resumedModules.map((m) => `${m.namespace}/${m.name}`).join(', ')}.`
      : `Workspace ${namespace}/${name} resumed; none of its Modules was left asleep.`;
    return { workspace, resumedModules, summary };
  }

  /** Modules whose spec.workspace is this Workspace (all namespaces when allowed, else the Workspace's). */
  private async modulesOf(workspace: ObjectRef, signal?: AbortSignal): Promise<ModuleView[]> {
    let items: KubeObject[];
    try {
      items = (
        (await this.req(
          this.ctx('list', `modules.${GROUP}`),
          () => this.custom.listClusterCustomObject({ group: GROUP, version: VERSION, plural: 'modules' }),
          signal,
        )) as { items: KubeObject[] }
      ).items;
    } catch (error) {
      if (!(error instanceof ClusterError) || error.kind !== 'forbidden') throw error;
      items = (
        (await this.req(
          this.ctx('list', `modules.${GROUP}`, workspace.namespace),
          () =>
            this.custom.listNamespacedCustomObject({
              group: GROUP,
              version: VERSION,
              namespace: workspace.namespace,
              plural: 'modules',
            }),
          signal,
        )) as { items: KubeObject[] }
      ).items;
    }
    return items
      .map(toModuleView)
      .filter((m) => m.workspace.name === workspace.name && m.workspace.namespace === workspace.namespace);
  }

  async forkWorkspace(
    namespace: string,
    from: ObjectRef,
    newName: string,
    options: { migrateData?: boolean; signal?: AbortSignal } = {},
  ): Promise<WorkspaceView> {
    this.write('create', `workspaces.${GROUP}`, namespace, newName);
    const source = await this.getObject('workspaces', from.namespace, from.name, options.signal);
    if (!source)
      throw new ClusterError('not-found', `Cannot fork: Workspace ${from.namespace}/${from.name} does not exist.`);
    const spec: Record<string, unknown> = {
      from: { name: from.name, namespace: from.namespace, migrateData: options.migrateData === true },
    };
    // The fork keeps the source's connection (where its Modules run); type and hibernated take the CRD defaults.
    if (source.spec?.connection) spec.connection = source.spec.connection;
    const body = { apiVersion: API_VERSION, kind: 'Workspace', metadata: { name: newName, namespace }, spec };
    const created = (await this.req(
      this.ctx('create', `workspaces.${GROUP}`, namespace, newName),
      () =>
        this.custom.createNamespacedCustomObject({
          group: GROUP,
          version: VERSION,
          namespace,
          plural: 'workspaces',
          body,
          fieldManager: FIELD_MANAGER,
        }),
      options.signal,
    )) as KubeObject;
    return toWorkspaceView(created);
  }

  private async deleteObject(plural: Plural, namespace: string, name: string, signal?: AbortSignal): Promise<void> {
    this.write('delete', `${plural}.${GROUP}`, namespace, name);
    await this.req(
      this.ctx('delete', `${plural}.${GROUP}`, namespace, name),
      () => this.custom.deleteNamespacedCustomObject({ group: GROUP, version: VERSION, namespace, plural, name }),
      signal,
    );
  }

  deleteModule(namespace: string, name: string, signal?: AbortSignal): Promise<void> {
    return this.deleteObject('modules', namespace, name, signal);
  }

  deleteWorkspace(namespace: string, name: string, signal?: AbortSignal): Promise<void> {
    return this.deleteObject('workspaces', namespace, name, signal);
  }

  isStuckDeletion(module: ModuleView, events: ClusterEvent[] = []): StuckDeletion {
    return stuckDeletion(module, events);
  }

  async removeFinalizer(namespace: string, name: string, signal?: AbortSignal): Promise<void> {
    // JSON patch (CLUSTER.md): the API server then deletes the Module without the operator's Uninstall.
    try {
      await this.patch(
        'modules',
        namespace,
        name,
        [{ op: 'remove', path: '/metadata/finalizers' }],
        'JsonPatch',
        signal,
      );
    } catch (error) {
      // 422 "the server rejected our request": there were no finalizers left; nothing to remove.
      if (
        error instanceof ClusterError &&
        error.kind === 'invalid' &&
        /nonexistent|does not exist|unable to remove/i.test(error.message)
      )
        return;
      throw error;
    }
  }

  async getConfigMap(
    namespace: string,
    name: string,
    signal?: AbortSignal,
  ): Promise<Record<string, string> | undefined> {
    try {
      const cm = await this.req(
        this.ctx('get', 'configmaps', namespace, name),
        () => this.core.readNamespacedConfigMap({ namespace, name }),
        signal,
      );
      return cm.data ?? {};
    } catch (error) {
      if (error instanceof ClusterError && error.kind === 'not-found') return undefined;
      throw error;
    }
  }

  run(op: RunOperation, moduleDoc: KubeObject, options: RunOptions = {}): Promise<RunResult> {
    return runOperation(this, op, moduleDoc, options);
  }

  recreateModule(doc: KubeObject, options: RunOptions = {}): Promise<RunResult> {
    return recreate(this, doc, options);
  }
}

export function immutableError(name: string, fields: string[]): ClusterError {
  return new ClusterError(
    'immutable',
    `Module "${name}": ${fields.join(', ')} cannot change after creation (the operator installed the plugin with them and ignores a change). Recreate the Module (delete, which runs the plugin's Uninstall, then apply) to use the new values.`,
    { fields },
  );
}

/** The operator's stuck deletion (CLUSTER.md): a Module that failed before `forkspacer.com/resource` was written. */
export function stuckDeletion(module: ModuleView, events: ClusterEvent[]): StuckDeletion {
  if (!module.deleting || !module.finalizers.length) return { stuck: false };
  const byEvent = events.find(
    (e) => e.reason === 'UninstallError' && /resource definition not found in module annotations/.test(e.message),
  );
  const noResource = module.resourceAnnotation === undefined;
  if (!byEvent && !(noResource && (module.phase === 'uninstalling' || module.phase === 'failed')))
    return { stuck: false };
  return {
    stuck: true,
    reason:
      `Module ${module.namespace}/${module.name} cannot be deleted: it failed before the operator recorded its resource ` +
      `(annotation forkspacer.com/resource), so the operator's Uninstall fails forever` +
      (byEvent ? ` ("${byEvent.message}")` : '') +
      `. Removing the finalizer lets it go; the plugin's Uninstall does not run, so remove by hand anything it created.`,
  };
}
