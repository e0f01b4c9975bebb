// `forkspacer validate` over many files or a large one, on every core (issue 12: throughput). The unit of work
// is one YAML document (the language server's unit too): this thread and its worker threads claim chunks of the
// files' documents from a shared board (claimBoard.ts) until none is left, and the verdicts are put back in file
// order, shifted to file lines, exactly as ValidationService.validateFile does. Small inputs stay on this thread.
// Each worker resolves resources on its own (a fetched httpURL is fetched once per thread that needs it).
import { availableParallelism, loadavg } from 'node:os';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { CoreSettings } from '../../../common/src/types';
import { splitYamlDocuments, type DocumentSegment } from '../../../server/src/services/documentSplitter';
import { shift } from '../../../server/src/services/validationService';
import { idleCoresSince, sampleCores, type CoreSample } from '../../../server/src/services/coreIdle';
import { createValidationServices, type ValidationServices } from '../../../server/src/services/validationServices';
import type { DocumentVerdict } from '../../../server/src/services/validationService';
import type { DiskCache } from './diskCache';
import { ClaimBoard } from './claimBoard';

export interface InputFile {
  uri: string;
  text: string;
}

export interface ValidateOptions {
  settings: CoreSettings;
  trusted: boolean;
  /** Most threads used, this one included (default: the idle cores, at most 4). */
  threads?: number;
  /** `--cache`: documents whose text, validator and settings are unchanged since the last run are not checked. */
  cache?: DiskCache;
}

/** A document's diagnostics (document coordinates); `cacheable` when it read nothing beyond its own text. */
interface UnitVerdict {
  diagnostics: Diagnostic[];
  cacheable: boolean;
}

/**
 * With --threads N, below this much YAML to validate the run stays on this thread: a worker contributes only after
 * its start-up (about 0.1 s: the thread, this bundle) and then runs on a cold JIT.
 */
const SHARED_MIN_CHARS = 256 * 1024;
/**
 * With no --threads, workers are considered only from this much YAML. On this 2-core machine a single-threaded run
 * already keeps the second core 0.3-0.6 busy with V8's concurrent compilers and GC (`time`: 2.2 s of CPU in 1.6 s of
 * a 1,000-file run), so a worker did not pay below that even when it claimed chunks as it came (1,000 files: one
 * thread 1.32-1.47 s, `--threads 2` 1.56 s; one 28,000-line file 0.83 against 0.94 s), and the cores' idle time over
 * the run's first 50 ms (os.cpus() counts in 10 ms ticks, before V8's compilers ramp up) reads 0.5-1.1 idle cores.
 */
const DEFAULT_SHARED_MIN_CHARS = 8 * 1024 * 1024;
const sharedMinChars = (options: ValidateOptions) =>
  options.threads === undefined ? DEFAULT_SHARED_MIN_CHARS : SHARED_MIN_CHARS;
/** One more worker for each this much YAML (a worker is only started for a share of at least this size). */
const SHARE_MIN_CHARS = 128 * 1024;
/** Documents per claim: small enough that the last chunks even out the threads' ends, large enough to be cheap. */
const CHUNK_UNITS = 4;
/** With no --threads, the cores' idle time is judged over this much of the run, and workers started then. */
const IDLE_SAMPLE_MS = 50;
/** Most threads of a run, this one included. */
const MOST_THREADS = 4;

interface Unit {
  file: number;
  segment: DocumentSegment;
}

interface WorkerInput {
  forkspacerValidate: true;
  settings: CoreSettings;
  trusted: boolean;
  units: { uri: string; segment: DocumentSegment }[];
  board: SharedArrayBuffer;
  /** The worker's id on the board (this thread is 1). */
  id: number;
}

/** What a worker posts when no chunk is left: its chunks' verdicts. */
type WorkerResult = [chunk: number, verdicts: UnitVerdict[]][];

/** Every file's diagnostics, in file coordinates, in the order given. */
export async function validateFiles(files: InputFile[], options: ValidateOptions): Promise<Diagnostic[][]> {
  const services = createValidationServices({
    settings: options.settings,
    trusted: options.trusted,
    mode: 'await',
    quickParse: true,
  });
  const { cache } = options;
  const chars = files.reduce((n, f) => n + f.text.length, 0);
  if (!cache && (chars < sharedMinChars(options) || options.threads === 1)) {
    const out: Diagnostic[][] = [];
    for (const file of files)
      out.push((await services.validation.validateFile(file.uri, file.text))?.diagnostics ?? []);
    return out;
  }
  const units: Unit[] = files.flatMap((f, file) => splitYamlDocuments(f.text).map((segment) => ({ file, segment })));
  const known = units.map((unit) => cache?.get(unit.segment.text));
  const todo = units.filter((_, i) => known[i] === undefined);
  const verdicts = await validateShared(services, files, todo, options);
  const fresh = new Map<Unit, UnitVerdict>(todo.map((unit, i) => [unit, verdicts[i]!]));
  const out: Diagnostic[][] = files.map(() => []);
  units.forEach((unit, i) => {
    let diagnostics = known[i];
    if (diagnostics === undefined) {
      const verdict = fresh.get(unit)!;
      diagnostics = verdict.diagnostics;
      if (verdict.cacheable) cache?.set(unit.segment.text, diagnostics);
    }
    for (const d of diagnostics) out[unit.file]!.push(shift(d, unit.segment.startLine));
  });
  cache?.save();
  return out;
}

/**
 * The units' verdicts, in their order: this thread and its workers claim chunks of them from one board until none
 * is left. With --threads N the workers start at once; otherwise after IDLE_SAMPLE_MS of this thread's work, one
 * for each core that stayed idle meanwhile (a worker on a busy core only adds its start-up).
 */
async function validateShared(
  services: ValidationServices,
  files: InputFile[],
  todo: Unit[],
  options: ValidateOptions,
): Promise<UnitVerdict[]> {
  const out: UnitVerdict[] = new Array<UnitVerdict>(todo.length);
  const board = new ClaimBoard(Math.ceil(todo.length / CHUNK_UNITS));
  const chars = todo.reduce((n, u) => n + u.segment.text.length, 0);
  const most = Math.min(MOST_THREADS, Math.floor(chars / SHARE_MIN_CHARS));
  const workers: RunningWorker[] = [];
  const startWorkers = (threads: number) => {
    for (let id = 2; id <= Math.min(threads, most); id++) workers.push(startWorker(files, todo, board, id, options));
  };
  const validateChunk = async (chunk: number) => {
    for (let i = chunk * CHUNK_UNITS; i < Math.min(todo.length, (chunk + 1) * CHUNK_UNITS); i++)
      out[i] = await unitVerdict(services, files[todo[i]!.file]!.uri, todo[i]!.segment);
  };
  const minChars = sharedMinChars(options);
  let sample = chars >= minChars && options.threads === undefined ? sampleCores() : undefined;
  if (chars >= minChars && options.threads !== undefined) startWorkers(options.threads);
  for (let chunk = board.claim(1, 0); chunk !== -1; chunk = board.claim(1, chunk + 1)) {
    await validateChunk(chunk);
    if (sample && performance.now() - sample.at >= IDLE_SAMPLE_MS) {
      startWorkers(1 + idleCores(sample));
      sample = undefined;
    }
  }
  // Every chunk has its owner now. A worker that claimed none is stopped; one that failed has its chunks done here.
  for (const worker of workers) {
    const owned = board.ownedBy(worker.id);
    if (owned.length === 0) {
      void worker.thread.terminate();
      continue;
    }
    const result = new Map(await worker.result);
    for (const chunk of owned) {
      const verdicts = result.get(chunk);
      if (verdicts) verdicts.forEach((v, j) => (out[chunk * CHUNK_UNITS + j] = v));
      else await validateChunk(chunk);
    }
  }
  return out;
}

/**
 * Cores idle since `since` besides this thread's (at most MOST_THREADS - 1): from the cores' own idle times where the
 * platform reports them, else (as `make -l` judges) what the 1-minute load average leaves. The load average lags a
 * minute behind work that just ended, so on a machine that just finished other work (a CI job's install step) it
 * would keep a free core idle (issue 12: `--threads 2` was 1.3× faster at load average 1).
 */
function idleCores(since: CoreSample): number {
  const idle = idleCoresSince(since) ?? availableParallelism() - 1 - (loadavg()[0] ?? 0);
  return Math.max(0, Math.min(MOST_THREADS - 1, Math.floor(idle + 0.5)));
}

interface RunningWorker {
  id: number;
  thread: Worker;
  /** Its verdicts; empty when it failed (its chunks are then validated on this thread). */
  result: Promise<WorkerResult>;
}

function startWorker(
  files: InputFile[],
  todo: Unit[],
  board: ClaimBoard,
  id: number,
  options: ValidateOptions,
): RunningWorker {
  const input: WorkerInput = {
    forkspacerValidate: true,
    settings: options.settings,
    trusted: options.trusted,
    units: todo.map((u) => ({ uri: files[u.file]!.uri, segment: u.segment })),
    board: board.shared,
    id,
  };
  // This very file (the command's bundle, or its tsc output) runs in the worker: see the end of the file.
  const thread = new Worker(__filename, { workerData: input, stdout: false, stderr: false });
  const result = new Promise<WorkerResult>((resolve) => {
    thread.once('message', (posted: WorkerResult) => {
      resolve(posted);
      void thread.terminate();
    });
    thread.once('error', () => resolve([]));
    thread.once('exit', () => resolve([]));
  });
  return { id, thread, result };
}

async function unitVerdict(services: ValidationServices, uri: string, segment: DocumentSegment): Promise<UnitVerdict> {
  const verdict: DocumentVerdict =
    services.validation.cached(segment.text) ?? (await services.validation.validateSegment(uri, segment));
  return { diagnostics: verdict.diagnostics, cacheable: verdict.dependencies.size === 0 };
}

async function serveWorker(input: WorkerInput): Promise<void> {
  const services = createValidationServices({
    settings: input.settings,
    trusted: input.trusted,
    mode: 'await',
    quickParse: true,
  });
  const board = new ClaimBoard(input.board);
  const out: WorkerResult = [];
  for (let chunk = board.claim(input.id, 0); chunk !== -1; chunk = board.claim(input.id, chunk + 1)) {
    const verdicts: UnitVerdict[] = [];
    for (const unit of input.units.slice(chunk * CHUNK_UNITS, (chunk + 1) * CHUNK_UNITS))
      verdicts.push(await unitVerdict(services, unit.uri, unit.segment));
    out.push([chunk, verdicts]);
  }
  parentPort!.postMessage(out);
}

if (!isMainThread && (workerData as Partial<WorkerInput> | null)?.forkspacerValidate === true)
  void serveWorker(workerData as WorkerInput);
