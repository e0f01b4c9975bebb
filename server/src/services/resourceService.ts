// Resolves Modules' resource definitions for validation without making the editor wait for the network.
// In `background` mode (the server) an httpURL that is not resolved yet answers "pending" at once, the
// fetch runs on, and `onResolved` tells the caller to re-validate what depends on it. In `await` mode
// (the CLI) every resolution is awaited. Untrusted workspaces and `network.fetchHttp: false` never fetch.
import {
  createResolver,
  type ModuleSource,
  type ResolveResult,
  type ResourceResolver,
  type FetchText,
} from '../../../common/src';
import type { CoreSettings } from '../../../common/src/types';
import { CLUSTER_KEY_PREFIX, type ClusterLookups } from './clusterLookups';

/** Marker put in the message of a not-yet-resolved source; diagnostics carrying it are not shown. */
export const PENDING_MARKER = '(resolving…)';

export interface ResourceServiceOptions {
  mode: 'background' | 'await';
  fetchText?: FetchText;
  readFile?: (path: string) => Promise<string>;
  /** Called when a background resolution finishes: re-validate documents depending on `key`. */
  onResolved?: (key: string) => void;
  /** The cluster checks (issue 9): `source.configMap` resolved from the selected cluster when they are active. */
  cluster?: ClusterLookups;
}

/** How long a failed fetch is believed before it is tried again. */
const FAILURE_RETRY_MS = 15000;

/** What one document's validation looked up, with each key's generation at that time. */
export type Dependencies = Map<string, number>;

export class ResourceService {
  private resolver: ResourceResolver;
  private readonly results = new Map<string, ResolveResult>();
  private readonly inFlight = new Map<string, Promise<ResolveResult>>();
  private readonly generations = new Map<string, number>();
  private readonly failedAt = new Map<string, number>();

  constructor(
    private settings: CoreSettings,
    private trusted: boolean,
    private readonly options: ResourceServiceOptions,
  ) {
    this.resolver = this.createCoreResolver();
  }

  /** Settings or trust changed: forget everything resolved so far (the caller re-validates). */
  configure(settings: CoreSettings, trusted: boolean): void {
    this.settings = settings;
    this.trusted = trusted;
    this.refresh();
  }

  /** Drop cached resources (fetched or read from mapped folders). */
  refresh(): void {
    this.options.cluster?.reset();
    this.resolver = this.createCoreResolver();
    for (const key of this.results.keys()) this.bump(key);
    this.results.clear();
    this.inFlight.clear();
  }

  /** A local file changed: drop resources read from it. Returns the keys dropped. */
  invalidateLocation(path: string): string[] {
    const dropped: string[] = [];
    for (const [key, result] of this.results) {
      if (result.ok && result.location === path) {
        this.results.delete(key);
        this.bump(key);
        dropped.push(key);
      }
    }
    if (dropped.length) this.resolver = this.createCoreResolver();
    return dropped;
  }

  generation(key: string): number {
    if (key.startsWith(CLUSTER_KEY_PREFIX)) return this.options.cluster?.generation(key) ?? 0;
    return this.generations.get(key) ?? 0;
  }

  get cluster(): ClusterLookups | undefined {
    return this.options.cluster;
  }

  /** Whether every dependency recorded earlier is still at the same generation. */
  isCurrent(dependencies: Dependencies): boolean {
    for (const [key, generation] of dependencies) if (this.generation(key) !== generation) return false;
    return true;
  }

  /** A resolver for one document's validation that records what it looked up into `dependencies`. */
  tracking(dependencies: Dependencies): ResourceResolver {
    return { resolve: (source, from, signal) => this.resolve(source, from, signal, dependencies) };
  }

  /** The result if it is already known (never waits, never starts a fetch). */
  peek(source: ModuleSource): ResolveResult | undefined {
    return source.type === 'httpURL' ? this.known(source.url) : undefined;
  }

  async resolve(
    source: ModuleSource,
    from: { documentUri?: string },
    signal?: AbortSignal,
    dependencies?: Dependencies,
  ): Promise<ResolveResult> {
    if (source.type === 'configMap' && this.options.cluster?.active)
      return this.options.cluster.resolveConfigMap(source, dependencies);
    if (source.type !== 'httpURL') return this.resolver.resolve(source, from, signal);
    const key = source.url;
    dependencies?.set(key, this.generation(key));
    const known = this.known(key);
    if (known) return known;
    const running = this.inFlight.get(key) ?? this.start(key, source, from);
    if (this.options.mode === 'await') return running;
    return { ok: false, reason: 'fetch-failed', message: `${PENDING_MARKER} ${key}` };
  }

  /** The result for `source`, waiting for a fetch where one is needed (navigation; validation never waits). */
  async settled(source: ModuleSource, from: { documentUri?: string }): Promise<ResolveResult> {
    if (source.type !== 'httpURL') return this.resolver.resolve(source, from);
    return this.known(source.url) ?? this.inFlight.get(source.url) ?? this.start(source.url, source, from);
  }

  /** A failure is retried after a while (the server may come back); a success stays until refresh(). */
  private known(key: string): ResolveResult | undefined {
    const result = this.results.get(key);
    if (
      result &&
      !result.ok &&
      Date.now() - (this.failedAt.get(key) ?? 0) > FAILURE_RETRY_MS &&
      !this.inFlight.has(key)
    ) {
      this.results.delete(key);
      return undefined;
    }
    return result;
  }

  private start(key: string, source: ModuleSource, from: { documentUri?: string }): Promise<ResolveResult> {
    // Not tied to one validation's signal: a superseded validation must not cancel a fetch others wait for.
    const running = this.resolver
      .resolve(source, from)
      .catch((error: unknown): ResolveResult => ({
        ok: false,
        reason: 'fetch-failed',
        message: error instanceof Error ? error.message : String(error),
      }))
      .then((result) => {
        if (this.inFlight.get(key) === running) {
          this.inFlight.delete(key);
          this.results.set(key, result);
          if (!result.ok) this.failedAt.set(key, Date.now());
          this.bump(key);
          this.options.onResolved?.(key);
        }
        return result;
      });
    this.inFlight.set(key, running);
    return running;
  }

  private bump(key: string): void {
    this.generations.set(key, this.generation(key) + 1);
  }

  private createCoreResolver(): ResourceResolver {
    const settings: CoreSettings = { ...this.settings, fetchHttp: this.settings.fetchHttp && this.trusted };
    return createResolver({
      settings,
      ...(this.options.fetchText ? { fetchText: this.options.fetchText } : {}),
      ...(this.options.readFile ? { readFile: this.options.readFile } : {}),
    });
  }
}
