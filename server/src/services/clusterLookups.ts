// The language server's cluster checks (issue 9), read-only and only in a trusted workspace with
// `forkspacer.cluster.checks` on and a kubeconfig context: a Module's `source.configMap` resource is read from the
// cluster (key `module.yaml`, as the operator reads it) so its spec.config is checked like an httpURL resource; a
// resource's `repo.configMap` is checked for the plugin (key `plugin`); and a Module whose Workspace does not exist
// in the selected context gets an information. Lookups never make validation wait: the first answer is "pending"
// (nothing shown), the lookup runs on, and `onResolved` asks for re-validation (like an httpURL fetch). Answers are
// kept for `ttlMs`, then looked up again in the background while the old answer is still used; a cluster that
// cannot be reached (or no kubeconfig) shows nothing new, and the core's own information stays.
import type { ModuleSource, ResolveResult } from '../../../common/src';
import { resourceFromText } from '../../../common/src/resolve';
import type { ForkspacerSettings } from '../../../common/src/settings';
import type { Dependencies } from './resourceService';
import { PENDING_MARKER } from './resourceService';

/** What the checks need of the cluster backend (cluster/src ClusterBackend, opened read-only). */
export interface ClusterReader {
  readonly context: string;
  getConfigMap(namespace: string, name: string, signal?: AbortSignal): Promise<Record<string, string> | undefined>;
  workspaceExists(namespace: string, name: string, signal?: AbortSignal): Promise<boolean>;
  dispose(): void;
}

export type OpenClusterReader = (target: { kubeconfigPath?: string; context?: string }) => Promise<ClusterReader>;

export interface ClusterLookupsOptions {
  open: OpenClusterReader;
  /** A lookup finished with a new answer: re-validate what depends on `key`. */
  onResolved: (key: string) => void;
  log?: (message: string) => void;
  ttlMs?: number;
  now?: () => number;
}

type Answer =
  | { type: 'configMap'; data: Record<string, string> | undefined }
  | { type: 'workspace'; exists: boolean }
  | { type: 'unavailable'; message: string };

interface Entry {
  answer?: Answer;
  at: number;
  running?: Promise<void>;
}

/** The key prefix of every cluster lookup in a document's Dependencies (ResourceService.generation routes them here). */
export const CLUSTER_KEY_PREFIX = 'cluster:';

export class ClusterLookups {
  private enabled = false;
  private target: { kubeconfigPath?: string; context?: string } = {};
  private targetKey = '';
  private reader: Promise<ClusterReader | undefined> | undefined;
  private readonly entries = new Map<string, Entry>();
  private readonly generations = new Map<string, number>();
  private readonly ttlMs: number;
  private readonly now: () => number;
  private loggedUnavailable = false;

  constructor(private readonly options: ClusterLookupsOptions) {
    this.ttlMs = options.ttlMs ?? 30_000;
    this.now = options.now ?? Date.now;
  }

  /** Settings or trust changed. A new kubeconfig or context drops every answer. */
  configure(settings: ForkspacerSettings, trusted: boolean): void {
    this.enabled = trusted && settings.cluster.checks;
    const kubeconfigPath = settings.cluster.kubeconfig || settings.kubeconfig || undefined;
    const target = {
      ...(kubeconfigPath ? { kubeconfigPath } : {}),
      ...(settings.cluster.context ? { context: settings.cluster.context } : {}),
    };
    const key = JSON.stringify(target);
    if (key !== this.targetKey || !this.enabled) this.reset();
    this.target = target;
    this.targetKey = key;
  }

  get active(): boolean {
    return this.enabled;
  }

  /** Forget every answer (Refresh), keeping the settings. */
  reset(): void {
    void this.reader?.then((r) => r?.dispose()).catch(() => undefined);
    this.reader = undefined;
    for (const key of this.entries.keys()) this.bump(key);
    this.entries.clear();
    this.loggedUnavailable = false;
  }

  generation(key: string): number {
    return this.generations.get(key) ?? 0;
  }

  /** A Module's `source.configMap` resource, for the core's resolver (ResourceService routes configMap sources here). */
  resolveConfigMap(source: Extract<ModuleSource, { type: 'configMap' }>, dependencies?: Dependencies): ResolveResult {
    const where = `ConfigMap ${source.namespace}/${source.name}`;
    const answer = this.lookup(`${CLUSTER_KEY_PREFIX}cm:${source.namespace}/${source.name}`, dependencies, (r) =>
      r.getConfigMap(source.namespace, source.name).then((data) => ({ type: 'configMap', data }) as const),
    );
    if (!answer) return { ok: false, reason: 'fetch-failed', message: `${PENDING_MARKER} ${where}` };
    // Unreachable or no kubeconfig: the core's information ("resolved from the cluster at install") stays.
    if (answer.type !== 'configMap')
      return { ok: false, reason: 'configMap', message: answer.type === 'unavailable' ? answer.message : where };
    const context = this.contextName();
    // operator (module_sources.go): the ConfigMap must exist and hold a non-empty `module.yaml`.
    if (!answer.data)
      return {
        ok: false,
        reason: 'fetch-failed',
        message: `${where} is not in cluster context "${context}": the operator's Install fails with "failed to read module location"`,
      };
    const text = answer.data['module.yaml'];
    if (!text)
      return {
        ok: false,
        reason: 'fetch-failed',
        message: `${where} in context "${context}" has no key 'module.yaml' (or it is empty): the operator's Install fails`,
      };
    const staged = resourceFromText(text);
    if ('error' in staged) return { ok: false, reason: 'invalid', message: staged.error };
    if (!staged.definition) return { ok: false, reason: 'invalid', message: 'the resource could not be decoded' };
    return { ok: true, definition: staged.definition, text, origin: 'file', location: where, staged };
  }

  /** Whether a Workspace exists in the selected context: undefined while unknown (pending, unreachable). */
  workspaceExists(namespace: string, name: string, dependencies?: Dependencies): boolean | undefined {
    const answer = this.lookup(`${CLUSTER_KEY_PREFIX}ws:${namespace}/${name}`, dependencies, (r) =>
      r.workspaceExists(namespace, name).then((exists) => ({ type: 'workspace', exists }) as const),
    );
    return answer?.type === 'workspace' ? answer.exists : undefined;
  }

  /** A resource's `repo.configMap`: 'missing' (no ConfigMap), 'no-plugin' (no `plugin` key), 'ok', or unknown. */
  pluginConfigMap(
    namespace: string,
    name: string,
    dependencies?: Dependencies,
  ): 'ok' | 'missing' | 'no-plugin' | undefined {
    const answer = this.lookup(`${CLUSTER_KEY_PREFIX}cm:${namespace}/${name}`, dependencies, (r) =>
      r.getConfigMap(namespace, name).then((data) => ({ type: 'configMap', data }) as const),
    );
    if (answer?.type !== 'configMap') return undefined;
    if (!answer.data) return 'missing';
    // operator (resources.CustomPluginConfigMapDataKey): the plugin binary is under key `plugin`.
    return 'plugin' in answer.data ? 'ok' : 'no-plugin';
  }

  contextName(): string {
    return this.resolvedContext ?? this.target.context ?? 'current';
  }

  private resolvedContext: string | undefined;

  /** The known answer (starting a lookup when there is none or it is old); undefined while the first one runs. */
  private lookup(
    key: string,
    dependencies: Dependencies | undefined,
    ask: (r: ClusterReader) => Promise<Answer>,
  ): Answer | undefined {
    dependencies?.set(key, this.generation(key));
    if (!this.enabled) return { type: 'unavailable', message: 'cluster checks are off' };
    let entry = this.entries.get(key);
    if (!entry) this.entries.set(key, (entry = { at: 0 }));
    if (!entry.running && (!entry.answer || this.now() - entry.at > this.ttlMs)) this.start(key, entry, ask);
    return entry.answer;
  }

  private start(key: string, entry: Entry, ask: (r: ClusterReader) => Promise<Answer>): void {
    const running = (async () => {
      let answer: Answer;
      try {
        const reader = await this.openReader();
        answer = reader ? await ask(reader) : { type: 'unavailable', message: 'no cluster' };
      } catch (error) {
        answer = { type: 'unavailable', message: error instanceof Error ? error.message : String(error) };
        if (!this.loggedUnavailable) {
          this.loggedUnavailable = true;
          this.options.log?.(`forkspacer: cluster checks: ${answer.message}`);
        }
      }
      if (this.entries.get(key) !== entry) return; // reset meanwhile
      const changed = JSON.stringify(answer) !== JSON.stringify(entry.answer);
      entry.answer = answer;
      entry.at = this.now();
      entry.running = undefined;
      if (changed) {
        this.bump(key);
        this.options.onResolved(key);
      }
    })();
    entry.running = running;
  }

  private openReader(): Promise<ClusterReader | undefined> {
    this.reader ??= this.options.open(this.target).then(
      (reader) => {
        this.resolvedContext = reader.context;
        return reader;
      },
      (error: unknown) => {
        // No kubeconfig, unknown context: try again on the next lookup after the answers expire.
        this.reader = undefined;
        throw error;
      },
    );
    return this.reader;
  }

  private bump(key: string): void {
    this.generations.set(key, this.generation(key) + 1);
  }

  dispose(): void {
    this.enabled = false;
    this.reset();
  }
}
