// Shares a large validation run with a worker thread (issue 12: a large file's diagnostics on both cores). The
// server validates the file's documents from the top (publishing as it goes), the worker from the bottom; where
// they meet, the server takes the worker's verdicts and stops it. One worker, started on the first large run and
// ended after a while without one; only when another core is free (a worker on a busy core only adds its work).
// FORKSPACER_VALIDATION_WORKER=always|never overrides that judgement (tests; a user who wants one core only).
import { availableParallelism, loadavg } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { ValidationContext } from '../../../common/src';
import type { CoreSettings } from '../../../common/src/types';
import type { DocumentSegment } from '../services/documentSplitter';
import type { SharedRun, ValidationHelper } from '../services/validationService';
import type { JobMessage, VerdictMessage, WorkerIdentity } from './protocol';

export interface WorkerHelperOptions {
  /** The script the worker runs: the server's entry (main.ts), which serves the worker in a worker thread. */
  script: string;
  trusted: () => boolean;
  /**
   * Whether to share a run now: false while the server's checks need the main thread (the cluster checks read the
   * server's own lookups), and when no other core is free (see anotherCoreFree).
   */
  enabled: () => boolean;
  log: (message: string) => void;
  /** The worker ends after this long without a run (its memory is given back). */
  idleMs?: number;
}

export class WorkerValidationHelper implements ValidationHelper {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly runs = new Map<number, Map<number, VerdictMessage>>();
  private idleTimer: NodeJS.Timeout | undefined;

  constructor(private readonly options: WorkerHelperOptions) {}

  share(
    uri: string,
    segments: DocumentSegment[],
    settings: CoreSettings,
    audience?: ValidationContext['audience'],
  ): SharedRun | undefined {
    if (!this.options.enabled()) return undefined;
    const worker = this.ensureWorker();
    if (!worker) return undefined;
    clearTimeout(this.idleTimer);
    const id = this.nextId++;
    const verdicts = new Map<number, VerdictMessage>();
    this.runs.set(id, verdicts);
    const job: JobMessage = {
      type: 'job',
      id,
      uri,
      settings,
      trusted: this.options.trusted(),
      ...(audience ? { audience } : {}),
      segments,
    };
    worker.postMessage(job);
    return {
      take: (index) => verdicts.get(index),
      stop: () => {
        if (!this.runs.delete(id)) return;
        this.worker?.postMessage({ type: 'stop', id });
        this.armIdleTimer();
      },
    };
  }

  dispose(): void {
    clearTimeout(this.idleTimer);
    void this.worker?.terminate();
    this.worker = undefined;
  }

  private ensureWorker(): Worker | undefined {
    if (this.worker) return this.worker;
    try {
      const identity: WorkerIdentity = { forkspacerValidationWorker: true };
      // stdout/stderr piped here: in a --stdio server the process's stdout is the protocol's channel.
      const worker = new Worker(this.options.script, { workerData: identity, stdout: true, stderr: true });
      worker.stdout.resume();
      worker.stderr.on('data', (chunk: Buffer) => this.options.log(`validation worker: ${String(chunk).trim()}`));
      worker.on('message', (message: VerdictMessage) => this.runs.get(message.id)?.set(message.index, message));
      worker.on('error', (error) => this.options.log(`validation worker failed: ${error.message}`));
      worker.on('exit', () => {
        if (this.worker === worker) this.worker = undefined;
      });
      worker.unref();
      this.worker = worker;
      return worker;
    } catch (error) {
      this.options.log(`validation worker could not start: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    }
  }

  private armIdleTimer(): void {
    if (this.runs.size > 0) return;
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => this.dispose(), this.options.idleMs ?? 30_000);
    this.idleTimer.unref();
  }
}

/** Another core is free: the 1-minute load average leaves at least half a core (make -l's judgement). */
export function anotherCoreFree(): boolean {
  const cores = availableParallelism();
  return cores >= 2 && (loadavg()[0] ?? 0) < cores - 0.5;
}

/** The server's judgement (FORKSPACER_VALIDATION_WORKER=always|never, else whether another core is free). */
export function workerWanted(env: NodeJS.ProcessEnv = process.env): boolean {
  const choice = env.FORKSPACER_VALIDATION_WORKER;
  return choice === 'always' ? true : choice === 'never' ? false : anotherCoreFree();
}
