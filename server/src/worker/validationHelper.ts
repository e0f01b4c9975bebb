// Shares a large validation run with a worker thread (issue 12: a large file's diagnostics on both cores). The
// server validates the file's documents from the top (publishing as it goes), the worker from the bottom; where
// they meet, the server takes the worker's verdicts and stops it. One worker, started on the first large run and
// ended after a while without one; only when another core was idle over the run's first 50 ms (a worker on a busy
// core only adds its work). FORKSPACER_VALIDATION_WORKER=always|never overrides that (tests; one core only).
import { availableParallelism, loadavg } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { ValidationContext } from '../../../common/src';
import type { CoreSettings } from '../../../common/src/types';
import { normaliseSettings } from '../../../common/src/settings';
import type { DocumentSegment } from '../services/documentSplitter';
import type { SharedRun, ValidationHelper } from '../services/validationService';
import type { JobMessage, VerdictMessage, WorkerIdentity } from './protocol';
import { idleCoresSince, sampleCores, type CoreSample } from '../services/coreIdle';

export interface WorkerHelperOptions {
  /** The script the worker runs: the server's entry (main.ts), which serves the worker in a worker thread. */
  script: string;
  trusted: () => boolean;
  /** False while the server's checks need the main thread (the cluster checks read the server's own lookups). */
  enabled: () => boolean;
  /** `free-core` (default): share when another core was idle over the run so far (freeCores); `always`; `never`. */
  judge?: WorkerChoice;
  log: (message: string) => void;
  /** The worker ends after this long without a run (its memory is given back; default IDLE_MS). */
  idleMs?: number;
  /** Documents a new worker validates first, its verdicts dropped: its JIT's warm-up (see share). */
  warmUpTexts: () => string[];
  /** Resolves in a pause of the server's (nothing validating, no request): when a new worker starts and warms up. */
  idle: () => Promise<void>;
}

/**
 * A worker lives this long after its last run or warm-up: a new one is cold again (its bundle's load, its own JIT,
 * about 0.4 s of CPU), where a warm one takes a quarter off a large run on this 2-core machine (bench/worker.mjs).
 */
const IDLE_MS = 120_000;

const DEFAULT_SETTINGS = normaliseSettings(undefined);

export class WorkerValidationHelper implements ValidationHelper {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly runs = new Map<number, Map<number, VerdictMessage>>();
  private idleTimer: NodeJS.Timeout | undefined;
  private sample: CoreSample | undefined;
  private starting = false;

  constructor(private readonly options: WorkerHelperOptions) {}

  runStarting(): void {
    this.sample = sampleCores();
  }

  share(
    uri: string,
    segments: DocumentSegment[],
    settings: CoreSettings,
    audience?: ValidationContext['audience'],
  ): SharedRun | undefined {
    const judge = this.options.judge ?? 'free-core';
    if (!this.options.enabled() || judge === 'never') return undefined;
    // This thread was busy with the run: the worker is worth it when another half core was idle beside it.
    if (judge === 'free-core' && freeCores(this.sample) < 0.5) return undefined;
    // A cold worker (its bundle's load, its own JIT: about 0.4 s of CPU) makes a large run slower, not faster, and so
    // does one warming up beside it (V8's own background threads already use the other core): the first run that
    // would share has the worker started and warmed in the pause after it; the runs after that share.
    const worker = this.worker;
    if (!worker) {
      this.startInPause();
      return undefined;
    }
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

  private startInPause(): void {
    if (this.starting) return;
    this.starting = true;
    void this.options
      .idle()
      .then(() => {
        const worker = this.ensureWorker();
        if (worker) this.warmUp(worker, this.options.warmUpTexts());
      })
      .finally(() => {
        this.starting = false;
      });
  }

  private warmUp(worker: Worker, texts: string[]): void {
    const job: JobMessage = {
      type: 'job',
      id: this.nextId++,
      uri: 'forkspacer-warm-up:///worker.yaml',
      settings: DEFAULT_SETTINGS,
      trusted: false,
      segments: texts.map((text, index) => ({ index, startOffset: 0, endOffset: text.length, startLine: 0, text })),
    };
    worker.postMessage(job);
    this.armIdleTimer();
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
    this.idleTimer = setTimeout(() => this.dispose(), this.options.idleMs ?? IDLE_MS);
    this.idleTimer.unref();
  }
}

export type WorkerChoice = 'free-core' | 'always' | 'never';

/** FORKSPACER_VALIDATION_WORKER=always|never, else `free-core`. */
export function workerChoice(env: NodeJS.ProcessEnv = process.env): WorkerChoice {
  const choice = env.FORKSPACER_VALIDATION_WORKER;
  return choice === 'always' || choice === 'never' ? choice : 'free-core';
}

/**
 * Cores idle since `since` (this thread busy with its run among them); where that cannot be told, what the 1-minute
 * load average leaves beside this thread (make -l's judgement).
 */
export function freeCores(since: CoreSample | undefined): number {
  return (since && idleCoresSince(since, 20)) ?? availableParallelism() - (loadavg()[0] ?? 0) - 1;
}
