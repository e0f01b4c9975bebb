// A live list of one kind (issue 9): one list, then one watch from the list's resourceVersion. A dropped
// connection resumes the watch from the last resourceVersion seen (bookmarks keep it fresh); 410 Gone (that
// version was compacted away) relists. At most one watch is open per model; dispose() closes it and stops retries.
import { ClusterError } from './errors';
import type { ClusterErrorInfo, KubeObject, LiveModel, LiveModelStats, ModelListener } from './types';

export interface ListResult {
  items: KubeObject[];
  resourceVersion: string;
}

export interface WatchHandle {
  abort(): void;
}

/** Watch callbacks: `event` per ADDED/MODIFIED/DELETED/BOOKMARK/ERROR, `done` once when the stream ends. */
export interface WatchCallbacks {
  event(type: string, object: KubeObject): void;
  done(error: unknown): void;
}

export interface LiveSource {
  list(): Promise<ListResult>;
  watch(resourceVersion: string, callbacks: WatchCallbacks): Promise<WatchHandle>;
  /** Converts a failure to a ClusterError (kind, user message). */
  toError(error: unknown, verb: string): ClusterError;
}

export interface LiveModelOptions {
  /** Delay before the first reconnect, doubled up to maxBackoffMs. */
  backoffMs?: number;
  maxBackoffMs?: number;
}

function key(o: KubeObject): string {
  return `${o.metadata?.namespace ?? ''}/${o.metadata?.name ?? ''}`;
}

export class LiveList<T> implements LiveModel<T> {
  readonly stats: LiveModelStats = { lists: 0, watches: 0, openWatches: 0, relists410: 0, reconnects: 0, events: 0 };
  error?: ClusterErrorInfo & { message: string };
  synced = false;

  private readonly objects = new Map<string, T>();
  private sorted: T[] | undefined = [];
  private resourceVersion = '';
  private handle: WatchHandle | undefined;
  private disposed = false;
  private timer: NodeJS.Timeout | undefined;
  private backoff: number;
  private readonly listeners: ModelListener<T>[] = [];
  private readonly readyPromise: Promise<void>;
  private resolveReady!: () => void;
  private rejectReady!: (error: unknown) => void;
  /** Incremented per connection: callbacks of an older watch are ignored. */
  private generation = 0;
  private watchStarted = 0;

  constructor(
    private readonly source: LiveSource,
    private readonly convert: (o: KubeObject) => T,
    listener: ModelListener<T> | undefined,
    private readonly options: LiveModelOptions = {},
  ) {
    this.backoff = options.backoffMs ?? 500;
    if (listener) this.listeners.push(listener);
    this.readyPromise = new Promise<void>((resolve, reject) => {
      this.resolveReady = resolve;
      this.rejectReady = reject;
    });
    this.readyPromise.catch(() => undefined); // observed through ready() or error
    void this.relist();
  }

  get items(): readonly T[] {
    if (!this.sorted) {
      const keys = [...this.objects.keys()].sort();
      this.sorted = keys.map((k) => this.objects.get(k)!);
    }
    return this.sorted;
  }

  ready(): Promise<void> {
    return this.readyPromise;
  }

  onChange(listener: ModelListener<T>): () => void {
    this.listeners.push(listener);
    return () => {
      const i = this.listeners.indexOf(listener);
      if (i >= 0) this.listeners.splice(i, 1);
    };
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    clearTimeout(this.timer);
    this.closeWatch();
    this.listeners.length = 0;
    this.rejectReady(new ClusterError('cancelled', 'Cancelled: the live list was closed.'));
  }

  private emit(change: Parameters<ModelListener<T>>[0]): void {
    for (const l of [...this.listeners]) {
      try {
        l(change);
      } catch {
        // a listener's failure must not stop the model
      }
    }
  }

  private closeWatch(): void {
    this.generation++;
    if (this.handle) {
      this.handle.abort();
      this.handle = undefined;
      this.stats.openWatches = 0;
    }
  }

  private async relist(): Promise<void> {
    if (this.disposed) return;
    this.closeWatch();
    let result: ListResult;
    try {
      this.stats.lists++;
      result = await this.source.list();
    } catch (error) {
      if (this.disposed) return;
      const e = this.source.toError(error, 'list');
      this.fail(e);
      // Not retried when the answer will not change by itself (CRD missing, RBAC, bad kubeconfig): the UI refreshes.
      if (!this.synced && ['crd-missing', 'forbidden', 'no-kubeconfig'].includes(e.kind)) this.rejectReady(e);
      else if (!this.synced && e.kind === 'unreachable') this.rejectReady(e);
      this.schedule(() => this.relist());
      return;
    }
    if (this.disposed) return;
    this.objects.clear();
    for (const o of result.items) this.objects.set(key(o), this.convert(o));
    this.sorted = undefined;
    this.resourceVersion = result.resourceVersion;
    const wasError = !!this.error;
    this.error = undefined;
    this.synced = true;
    this.backoff = this.options.backoffMs ?? 500;
    this.resolveReady();
    this.emit({ type: 'synced', items: this.items });
    if (wasError) this.emit({ type: 'reconnected' });
    await this.startWatch();
  }

  private fail(error: ClusterError): void {
    this.error = error.toInfo();
    this.emit({ type: 'error', error: this.error });
  }

  private schedule(fn: () => Promise<void>): void {
    if (this.disposed) return;
    clearTimeout(this.timer);
    const delay = this.backoff;
    this.backoff = Math.min(this.backoff * 2, this.options.maxBackoffMs ?? 5000);
    this.timer = setTimeout(() => void fn(), delay);
    this.timer.unref?.();
  }

  private async startWatch(): Promise<void> {
    if (this.disposed) return;
    this.closeWatch();
    const generation = this.generation;
    let ended = false;
    const callbacks: WatchCallbacks = {
      event: (type, object) => {
        if (generation !== this.generation || this.disposed) return;
        this.onEvent(type, object);
      },
      done: (error) => {
        if (generation !== this.generation || this.disposed || ended) return;
        ended = true;
        this.handle = undefined;
        this.stats.openWatches = 0;
        this.onDone(error);
      },
    };
    try {
      this.stats.watches++;
      this.watchStarted = Date.now();
      const handle = await this.source.watch(this.resourceVersion, callbacks);
      if (generation !== this.generation || this.disposed || ended) {
        handle.abort();
        return;
      }
      this.handle = handle;
      this.stats.openWatches = 1;
      // Connected (the API server answered 200): the connection error, if any, is over.
      this.backoff = this.options.backoffMs ?? 500;
      if (this.error) {
        this.error = undefined;
        this.emit({ type: 'reconnected' });
      }
    } catch (error) {
      if (generation !== this.generation || this.disposed || ended) return;
      ended = true;
      this.onDone(error);
    }
  }

  private onEvent(type: string, object: KubeObject): void {
    this.stats.events++;
    if (type === 'ERROR') {
      const status = object as { code?: number; message?: string };
      if (status.code === 410) {
        // The resourceVersion is too old: relist (the watch ends right after this event; closeWatch makes its
        // end callback stale).
        this.stats.relists410++;
        this.closeWatch();
        void this.relist();
        return;
      }
      this.fail(this.source.toError({ code: status.code, body: object }, 'watch'));
      return;
    }
    const rv = object.metadata?.resourceVersion;
    if (rv) this.resourceVersion = rv;
    if (type === 'BOOKMARK') return;
    const k = key(object);
    if (this.error) {
      this.error = undefined;
      this.emit({ type: 'reconnected' });
    }
    if (type === 'DELETED') {
      const old = this.objects.get(k);
      this.objects.delete(k);
      this.sorted = undefined;
      this.emit({ type: 'deleted', item: old ?? this.convert(object), items: this.items });
    } else if (type === 'ADDED' || type === 'MODIFIED') {
      const item = this.convert(object);
      const existed = this.objects.has(k);
      this.objects.set(k, item);
      this.sorted = undefined;
      this.emit({ type: existed ? 'modified' : 'added', item, items: this.items });
    }
  }

  private onDone(error: unknown): void {
    if (this.disposed) return;
    if (error) {
      const e = this.source.toError(error, 'watch');
      if ((e.status === 410 || /too old resource version|410/.test(e.message)) && e.kind !== 'unreachable') {
        this.stats.relists410++;
        void this.relist();
        return;
      }
      this.fail(e);
    }
    // A clean end (the server's watch timeout, a graceful stop) or a dropped connection: resume from the last
    // resourceVersion; at once after a long-lived watch, with backoff when watches keep ending early.
    this.stats.reconnects++;
    if (!error && Date.now() - this.watchStarted > 5000) {
      void this.startWatch();
      return;
    }
    this.schedule(() => this.startWatch());
  }
}
