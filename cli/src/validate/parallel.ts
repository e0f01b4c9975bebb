// `forkspacer validate` over many files or a large one, on every core (issue 12: throughput). The unit of work
// is one YAML document (the language server's unit too): the files' documents are cut into contiguous shares
// of about equal size, this thread validates the first and one worker thread each of the others, and the
// verdicts are put back in file order, shifted to file lines, exactly as ValidationService.validateFile does.
// Small inputs stay on this thread: a worker costs its start-up and the load of this bundle (tens of ms).
// Each worker resolves resources on its own (a fetched httpURL is fetched once per thread that needs it).
import { availableParallelism, loadavg } from 'node:os';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { CoreSettings } from '../../../common/src/types';
import { splitYamlDocuments, type DocumentSegment } from '../../../server/src/services/documentSplitter';
import { shift } from '../../../server/src/services/validationService';
import { idleCoresSince, sampleCores } from '../../../server/src/services/coreIdle';
import { createValidationServices, type ValidationServices } from '../../../server/src/services/validationServices';
import type { DocumentVerdict } from '../../../server/src/services/validationService';
import type { DiskCache } from './diskCache';

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
 * Below this much YAML the run stays on one thread unless --threads asks for more. Since the quick front end
 * (common/src/quickCompose.ts) a worker's start-up (its bundle load and JIT, about 0.3 s of CPU) no longer pays on
 * this 2-core machine, where V8's own GC and compiler threads keep the second core busy: one file of 28,000
 * lines took 0.43-0.50 s on one thread and 0.55-0.62 s with a worker; 5,000 files (7.9 MB) 2.4 s either way.
 */
const PARALLEL_MIN_CHARS = 8 * 1024 * 1024;
/** A worker is only started for a share of at least this size. */
const SHARE_MIN_CHARS = 128 * 1024;

interface Unit {
  file: number;
  segment: DocumentSegment;
}

interface WorkerInput {
  forkspacerValidate: true;
  settings: CoreSettings;
  trusted: boolean;
  units: { uri: string; segment: DocumentSegment }[];
}

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
  const minChars = options.threads === undefined ? PARALLEL_MIN_CHARS : 2 * SHARE_MIN_CHARS;
  if (!cache && (chars < minChars || (await threadsFor(chars, options)) < 2)) {
    const out: Diagnostic[][] = [];
    for (const file of files)
      out.push((await services.validation.validateFile(file.uri, file.text))?.diagnostics ?? []);
    return out;
  }
  const units: Unit[] = files.flatMap((f, file) => splitYamlDocuments(f.text).map((segment) => ({ file, segment })));
  const known = units.map((unit) => cache?.get(unit.segment.text));
  const todo = units.filter((_, i) => known[i] === undefined);
  const todoChars = todo.reduce((n, u) => n + u.segment.text.length, 0);
  const threads = todoChars < minChars ? 1 : await threadsFor(todoChars, options);
  const shares = threads < 2 ? [todo] : cut(todo, threads);
  const verdicts = await Promise.all(
    shares.map((share, i) =>
      i === 0 ? validateHere(services, files, share) : validateInWorker(files, share, options),
    ),
  );
  const fresh = new Map<Unit, UnitVerdict>();
  shares.forEach((share, i) => share.forEach((unit, j) => fresh.set(unit, verdicts[i]![j]!)));
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

async function threadsFor(chars: number, options: ValidateOptions): Promise<number> {
  const most = Math.floor(chars / SHARE_MIN_CHARS);
  if (most < 2) return 1;
  return Math.max(1, Math.min(options.threads ?? (await idleCores()), most));
}

/** How long the cores' idle time is sampled before a large run (a run this large takes a second or more). */
const IDLE_SAMPLE_MS = 50;

/**
 * Cores not busy with other work (at most 4): the idle time the cores had over the last IDLE_SAMPLE_MS, where
 * the platform reports it, else (as `make -l` judges) the 1-minute load average. A worker on a core that is already
 * busy only adds its start-up (measured on a machine at load 20: slower than one thread); the load average lags a
 * minute behind, so on a machine that just finished other work (a CI job's install step, a benchmark's previous
 * run) it kept one core idle that was free (issue 12: `--threads 2` was 1.3× faster at load average 1).
 */
async function idleCores(): Promise<number> {
  const cores = availableParallelism();
  const before = sampleCores();
  await new Promise((resolve) => setTimeout(resolve, IDLE_SAMPLE_MS));
  // No per-core times: what the load average leaves (0 load where the platform has none, Windows).
  const free = idleCoresSince(before) ?? cores - (loadavg()[0] ?? 0);
  return Math.max(1, Math.min(4, cores, Math.floor(free + 0.5)));
}

/** Contiguous shares of about equal text length (documents stay in order, so a file's stay together). */
function cut(units: Unit[], parts: number): Unit[][] {
  const total = units.reduce((n, u) => n + u.segment.text.length, 0);
  const shares: Unit[][] = [[]];
  let done = 0;
  for (const unit of units) {
    if (done >= (total * shares.length) / parts && shares.length < parts) shares.push([]);
    shares[shares.length - 1]!.push(unit);
    done += unit.segment.text.length;
  }
  return shares.filter((s) => s.length > 0);
}

async function validateHere(services: ValidationServices, files: InputFile[], units: Unit[]): Promise<UnitVerdict[]> {
  const out: UnitVerdict[] = [];
  for (const unit of units) out.push(await unitVerdict(services, files[unit.file]!.uri, unit.segment));
  return out;
}

async function unitVerdict(services: ValidationServices, uri: string, segment: DocumentSegment): Promise<UnitVerdict> {
  const verdict: DocumentVerdict =
    services.validation.cached(segment.text) ?? (await services.validation.validateSegment(uri, segment));
  return { diagnostics: verdict.diagnostics, cacheable: verdict.dependencies.size === 0 };
}

function validateInWorker(files: InputFile[], units: Unit[], options: ValidateOptions): Promise<UnitVerdict[]> {
  const input: WorkerInput = {
    forkspacerValidate: true,
    settings: options.settings,
    trusted: options.trusted,
    units: units.map((u) => ({ uri: files[u.file]!.uri, segment: u.segment })),
  };
  return new Promise((resolve, reject) => {
    // This very file (the command's bundle, or its tsc output) runs in the worker: see the end of the file.
    const worker = new Worker(__filename, {
      workerData: input,
      stdout: false,
      stderr: false,
    });
    worker.once('message', (result: UnitVerdict[]) => {
      resolve(result);
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`validation worker exited with code ${code}`)));
  });
}

async function serveWorker(input: WorkerInput): Promise<void> {
  const services = createValidationServices({
    settings: input.settings,
    trusted: input.trusted,
    mode: 'await',
    quickParse: true,
  });
  const out: UnitVerdict[] = [];
  for (const unit of input.units) out.push(await unitVerdict(services, unit.uri, unit.segment));
  parentPort!.postMessage(out);
}

if (!isMainThread && (workerData as Partial<WorkerInput> | null)?.forkspacerValidate === true)
  void serveWorker(workerData as WorkerInput);
