// Validation of a file, one YAML document at a time: text + uri + settings → diagnostics.
// Each document is validated as its own unit (the core's operator rules + the JSON-Schema check of its kind,
// both on one parse of it) and the result is cached by the document's text, the settings generation and the
// generations of the resources it resolved. A change re-validates only documents whose text changed;
// the others' cached diagnostics are shifted to their current line.
import { DiagnosticSeverity, type Diagnostic, type Range } from 'vscode-languageserver-types';
import { parseYamlFile, validateDocument, type ParsedDocument, type ValidationContext } from '../../../common/src';
import type { CoreSettings, DocumentKind } from '../../../common/src/types';
import { splitYamlDocuments, type DocumentSegment } from './documentSplitter';
import { documentTitle } from './documentFacts';
import { PENDING_MARKER, type Dependencies, type ResourceService } from './resourceService';
import { schemaDiagnostics } from './schemaValidation';
import { ownCopy } from './ownCopy';
import { clusterDiagnostics } from './clusterDiagnostics';

/** What is kept per validated document text (no parse trees: memory stays proportional to diagnostics). */
export interface DocumentVerdict {
  kind: DocumentKind;
  /** Outline title, e.g. "Module my-app". */
  title: string;
  /** Diagnostics in the document's own coordinates (line 0 = its first line). */
  diagnostics: Diagnostic[];
  settingsGeneration: number;
  dependencies: Dependencies;
}

export interface ValidatedDocument {
  segment: DocumentSegment;
  verdict: DocumentVerdict;
}

export interface FileValidation {
  diagnostics: Diagnostic[];
  documents: ValidatedDocument[];
  /** How many documents were validated anew (the rest came from the cache). */
  validatedCount: number;
  /** Of those, how many by the helper (a worker thread). */
  helpedCount: number;
}

/** A run's documents shared with a helper (a worker thread, worker/validationHelper.ts). */
export interface SharedRun {
  /** The helper's verdict of document `index`, once it has one. */
  take(index: number): { kind: DocumentKind; title: string; diagnostics: Diagnostic[]; cacheable: boolean } | undefined;
  /** The run is done with the helper (it met the helper's documents, or was abandoned). */
  stop(): void;
}

export interface ValidationHelper {
  /** A run with enough documents to share begins (the helper samples the machine's idle cores from here). */
  runStarting(): void;
  /** Starts validating `segments` from the last one up; undefined when the helper declines (no free core). */
  share(
    uri: string,
    segments: DocumentSegment[],
    settings: CoreSettings,
    audience?: ValidationContext['audience'],
  ): SharedRun | undefined;
}

export interface ValidationServiceOptions {
  resources: ResourceService;
  settings: CoreSettings;
  /** Whose verdict (ValidationContext.audience): the editor's local host, or the operator's (CLI, CI). */
  audience?: ValidationContext['audience'];
  /** Most document verdicts kept. */
  cacheSize?: number;
  /**
   * Keep each file's last split and verdicts (the editor: a one-line edit then compares each document's text with
   * the same document's before, instead of hashing every document's text for the cache; `forget` on close).
   */
  rememberFiles?: boolean;
  /** Shares runs with many documents to validate (the language server's worker thread). */
  helper?: ValidationHelper;
  /** A run shares once it has gone on this long (default SHARE_AFTER_MS). */
  shareAfterMs?: number;
  /**
   * Compose documents with the quick front end first (common/src/quickCompose.ts), making a verdict that finds
   * anything again from the `yaml` library's parse: for processes whose parses serve verdicts only (the CLI).
   */
  quickParse?: boolean;
}

/** A run shares its documents with the helper from this many documents to validate, of this much text, up. */
const SHARE_MIN_DOCUMENTS = 64;
const SHARE_MIN_CHARS = 128 * 1024;
/** ... once it has run this long alone (the helper judges the cores' idle time over it). */
const SHARE_AFTER_MS = 50;

/** Give the event loop a turn after this much uninterrupted work, so a newer edit can cancel this run. */
const YIELD_EVERY_MS = 8;

/**
 * A long run's progress (validateFile's `progress` option): the diagnostics of the documents validated so far,
 * from the file's top. Each document is its own unit (its verdict never depends on another document of the file),
 * so these are final for those documents: a large file just opened shows its first screens' verdicts while the
 * rest is checked (issue 12: first diagnostics).
 */
export interface PartialValidation {
  diagnostics: Diagnostic[];
  /** Documents done, of `total`. */
  done: number;
  total: number;
}

export interface ProgressOptions {
  /** Called at a yield point once the run has taken `firstAfterMs`, then at most every `everyMs`. */
  onPartial: (partial: PartialValidation) => void;
  firstAfterMs: number;
  everyMs: number;
  /** Only for files of at least this many documents (a smaller one is done at a glance anyway). */
  minDocuments: number;
}

export class ValidationService {
  private settings: CoreSettings;
  private settingsGeneration = 0;
  private readonly verdicts = new Map<string, DocumentVerdict>();
  private readonly cacheSize: number;
  /** Per file (rememberFiles), its last validated text and documents. */
  private readonly files = new Map<string, { text: string; documents: ValidatedDocument[] }>();

  constructor(private readonly options: ValidationServiceOptions) {
    this.settings = options.settings;
    this.cacheSize = options.cacheSize ?? 20000;
  }

  get currentSettings(): CoreSettings {
    return this.settings;
  }

  /** New settings: every cached verdict is stale (operator version, mappings and fetching change results). */
  configure(settings: CoreSettings): void {
    this.settings = settings;
    this.settingsGeneration++;
    this.verdicts.clear();
  }

  /** Drop cached verdicts (e.g. resources were refreshed). */
  invalidate(): void {
    this.settingsGeneration++;
    this.verdicts.clear();
  }

  /** Validates a whole file; returns undefined when `signal` aborted the run (a newer version arrived). */
  async validateFile(
    uri: string,
    text: string,
    signal?: AbortSignal,
    progress?: ProgressOptions,
  ): Promise<FileValidation | undefined> {
    const previous = this.options.rememberFiles ? this.files.get(uri) : undefined;
    const segments = previous?.text === text ? previous.documents.map((d) => d.segment) : splitYamlDocuments(text);
    // The same document of the last version, unchanged: no hash of its text (issue 12, a one-line edit).
    const known = segments.map((segment, i) => {
      const before = previous?.documents[i];
      return before && before.segment.text === segment.text && this.isCurrent(before.verdict)
        ? before.verdict
        : this.cached(segment.text);
    });
    const sharing = { run: undefined as SharedRun | undefined };
    try {
      return await this.validateSegments(uri, text, segments, known, sharing, signal, progress);
    } finally {
      sharing.run?.stop();
    }
  }

  /** Whether the documents from `from` on are worth sharing (many left to validate). */
  private worthSharing(segments: DocumentSegment[], known: (DocumentVerdict | undefined)[], from: number): boolean {
    if (!this.options.helper) return false;
    let count = 0;
    let chars = 0;
    for (let i = from; i < segments.length; i++)
      if (!known[i]) {
        count++;
        chars += segments[i]!.text.length;
      }
    return count >= SHARE_MIN_DOCUMENTS && chars >= SHARE_MIN_CHARS;
  }

  private share(
    uri: string,
    segments: DocumentSegment[],
    known: (DocumentVerdict | undefined)[],
    from: number,
  ): SharedRun | undefined {
    const todo = segments.filter((_, i) => i >= from && !known[i]);
    return this.options.helper?.share(uri, todo, this.settings, this.options.audience);
  }

  /** A helper's verdict, taken when it read nothing beyond its document's text (else it is checked here). */
  private fromHelper(shared: SharedRun | undefined, index: number, generation: number): DocumentVerdict | undefined {
    const found = shared?.take(index);
    if (!found?.cacheable || generation !== this.settingsGeneration) return undefined;
    return {
      kind: found.kind,
      title: found.title,
      diagnostics: found.diagnostics,
      settingsGeneration: generation,
      dependencies: new Map(),
    };
  }

  private async validateSegments(
    uri: string,
    text: string,
    segments: DocumentSegment[],
    known: (DocumentVerdict | undefined)[],
    sharing: { run: SharedRun | undefined },
    signal: AbortSignal | undefined,
    progress: ProgressOptions | undefined,
  ): Promise<FileValidation | undefined> {
    const documents: ValidatedDocument[] = [];
    const diagnostics: Diagnostic[] = [];
    let validatedCount = 0;
    let helpedCount = 0;
    const generation = this.settingsGeneration;
    let lastYield = performance.now();
    const partials = progress && segments.length >= progress.minDocuments ? progress : undefined;
    let nextPartial = lastYield + (partials?.firstAfterMs ?? Infinity);
    // The remaining documents go to the helper once the run has gone on SHARE_AFTER_MS alone (a short run never).
    let shareAt = Infinity;
    if (this.worthSharing(segments, known, 0)) {
      this.options.helper!.runStarting();
      shareAt = lastYield + (this.options.shareAfterMs ?? SHARE_AFTER_MS);
    }
    for (const [i, segment] of segments.entries()) {
      let verdict = known[i];
      if (!verdict && shareAt !== Infinity && performance.now() >= shareAt) {
        shareAt = Infinity;
        if (this.worthSharing(segments, known, i + 1)) sharing.run = this.share(uri, segments, known, i + 1);
      }
      const helped = verdict ? undefined : this.fromHelper(sharing.run, segment.index, generation);
      if (helped) {
        verdict = helped;
        validatedCount++;
        helpedCount++;
        this.remember(ownCopy(segment.text), helped);
      }
      if (!verdict) {
        const now = performance.now();
        if (partials && now >= nextPartial) {
          partials.onPartial({ diagnostics: diagnostics.slice(), done: i, total: segments.length });
          nextPartial = now + partials.everyMs;
        }
        if (now - lastYield > YIELD_EVERY_MS) {
          await new Promise((resolve) => setImmediate(resolve));
          lastYield = performance.now();
        }
        if (signal?.aborted) return undefined;
        // Cached below and by the core: an own copy, not a slice of the whole file (see ownCopy.ts).
        const own = { ...segment, text: ownCopy(segment.text) };
        verdict = await this.validateSegment(uri, own, signal);
        if (signal?.aborted) return undefined;
        validatedCount++;
        this.remember(own.text, verdict);
      }
      documents.push({ segment, verdict });
      for (const d of verdict.diagnostics) diagnostics.push(shift(d, segment.startLine));
    }
    if (this.options.rememberFiles) this.files.set(uri, { text, documents });
    return { diagnostics, documents, validatedCount, helpedCount };
  }

  /** The documents of the file's last validation when it was of this very text (rememberFiles), else undefined. */
  lastValidated(uri: string, text: string): ValidatedDocument[] | undefined {
    const last = this.files.get(uri);
    if (last?.text !== text || !last.documents.every((d) => this.isCurrent(d.verdict))) return undefined;
    return last.documents;
  }

  /** A closed file: its last split and verdicts are dropped (the verdict cache keeps its documents). */
  forget(uri: string): void {
    this.files.delete(uri);
  }

  /** The cached verdict of a document text, if still current. */
  cached(text: string): DocumentVerdict | undefined {
    const verdict = this.verdicts.get(text);
    if (!verdict) return undefined;
    if (!this.isCurrent(verdict)) {
      this.verdicts.delete(text);
      return undefined;
    }
    return verdict;
  }

  private isCurrent(verdict: DocumentVerdict): boolean {
    return (
      verdict.settingsGeneration === this.settingsGeneration && this.options.resources.isCurrent(verdict.dependencies)
    );
  }

  /** Validates one document's text on its own (document coordinates). Never throws. */
  async validateSegment(uri: string, segment: DocumentSegment, signal?: AbortSignal): Promise<DocumentVerdict> {
    const first = await this.checkSegment(uri, segment, this.options.quickParse === true, signal);
    // A quick parse's findings are not shown: the `yaml` library's parse makes them (quickCompose.ts).
    if (first.quick && first.verdict.diagnostics.length)
      return (await this.checkSegment(uri, segment, false, signal)).verdict;
    return first.verdict;
  }

  private async checkSegment(
    uri: string,
    segment: DocumentSegment,
    quick: boolean,
    signal?: AbortSignal,
  ): Promise<{ verdict: DocumentVerdict; quick: boolean }> {
    const dependencies: Dependencies = new Map();
    const verdict = (kind: DocumentKind, title: string, diagnostics: Diagnostic[]): DocumentVerdict => ({
      kind,
      title,
      diagnostics,
      settingsGeneration: this.settingsGeneration,
      dependencies,
    });
    let parsed: ParsedDocument[];
    try {
      parsed = parseYamlFile(segment.text, { quick }).documents;
    } catch (error) {
      return { verdict: verdict('other', 'Document', [internalError(error)]), quick: false };
    }
    const forkspacer = parsed.filter((d) => d.kind !== 'other');
    const first = forkspacer[0];
    // Documents that are not Forkspacer's (a Deployment, a Compose file) get nothing from us.
    if (!first) return { verdict: verdict('other', 'Document', []), quick: false };
    const core: Diagnostic[] = [];
    for (const doc of forkspacer) {
      try {
        core.push(
          ...(await validateDocument(doc, {
            settings: this.settings,
            resolver: this.options.resources.tracking(dependencies),
            documentUri: uri,
            ...(this.options.audience ? { audience: this.options.audience } : {}),
            ...(signal ? { signal } : {}),
          })),
        );
      } catch (error) {
        core.push(internalError(error));
      }
    }
    const cluster = this.options.resources.cluster;
    if (cluster?.active)
      for (const doc of forkspacer) {
        try {
          core.push(...clusterDiagnostics(doc, cluster, dependencies));
        } catch (error) {
          core.push(internalError(error));
        }
      }
    const schema: Diagnostic[] = [];
    for (const doc of forkspacer) {
      try {
        schema.push(...schemaDiagnostics(doc));
      } catch (error) {
        schema.push(internalError(error));
      }
    }
    const shown = core.filter((d) => !d.message.includes(PENDING_MARKER));
    return {
      verdict: verdict(first.kind, documentTitle(first.kind, first.value), mergeDiagnostics(shown, schema)),
      quick: parsed.some((d) => d.quick),
    };
  }

  private remember(text: string, verdict: DocumentVerdict): void {
    this.verdicts.delete(text);
    this.verdicts.set(text, verdict);
    if (this.verdicts.size > this.cacheSize) {
      const oldest = this.verdicts.keys().next().value;
      if (oldest !== undefined) this.verdicts.delete(oldest);
    }
  }
}

/**
 * The core's verdicts win: a schema finding on a range the core already reports (same start line, overlapping) is dropped, as are exact duplicates.
 */
export function mergeDiagnostics(core: Diagnostic[], schema: Diagnostic[]): Diagnostic[] {
  const merged = [...core];
  const seen = new Set(core.map(signature));
  for (const d of schema) {
    if (seen.has(signature(d))) continue;
    if (core.some((c) => c.range.start.line === d.range.start.line && overlaps(c.range, d.range))) continue;
    if (
      d.code === 'yaml-syntax' &&
      core.some((c) => c.code === 'yaml-syntax' && c.range.start.line === d.range.start.line)
    )
      continue;
    seen.add(signature(d));
    merged.push(d);
  }
  return merged;
}

function signature(d: Diagnostic): string {
  return `${d.range.start.line}:${d.range.start.character}:${d.message}`;
}

function overlaps(a: Range, b: Range): boolean {
  return !(before(a.end, b.start) || before(b.end, a.start));
}

function before(p: Range['start'], q: Range['start']): boolean {
  return p.line < q.line || (p.line === q.line && p.character < q.character);
}

export function shift(d: Diagnostic, lines: number): Diagnostic {
  if (lines === 0) return d;
  return { ...d, range: shiftRange(d.range, lines) };
}

export function shiftRange(range: Range, lines: number): Range {
  return {
    start: { line: range.start.line + lines, character: range.start.character },
    end: { line: range.end.line + lines, character: range.end.character },
  };
}

function internalError(error: unknown): Diagnostic {
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: DiagnosticSeverity.Information,
    source: 'forkspacer',
    message: `Forkspacer could not check this document: ${error instanceof Error ? error.message : String(error)}`,
  };
}
