// Completion, hover, outline and quick fixes, one YAML document at a time: the document under the cursor is cut out
// of the file, handed to yaml-language-server with its kind's schema (or, inside a Module's
// `spec.config`, a schema generated from its resource's config items), and ranges are shifted back.
import { setImmediate as nextTurn } from 'node:timers/promises';
import {
  CompletionItemKind,
  SymbolKind,
  type CodeAction,
  type Diagnostic,
  type WorkspaceEdit,
  type CompletionItem,
  type CompletionList,
  type DocumentSymbol,
  type Hover,
  type Position,
  type TextEdit,
} from 'vscode-languageserver-types';
import { decodeResource, parseYamlFile, quickFixes, type ParsedDocument } from '../../../common/src';
import type { ConfigItem, ResourceDefinition } from '../../../common/src/types';
import { splitYamlDocuments, type DocumentSegment } from './documentSplitter';
import { ownCopy } from './ownCopy';
import { documentTitle, moduleSourceOf } from './documentFacts';
import { isInsideSpecConfig } from './configRegion';
import { configItemDetail, configItemsKey, configItemsToJsonSchema, describeConfigItem } from './configSchema';
import { shiftRange, type DocumentVerdict, type ValidationService } from './validationService';
import { atDocumentStartInSegment, skeletonCompletions } from './skeletons';
import type { ResourceService } from './resourceService';
import type { ConfigSchema, SchemaKind, YamlService } from './yamlService';

const RECENT_DOCUMENTS = 8;
/**
 * Idle-time parses wait until no request or edit has arrived for this long: requests come first (issue 12). A burst
 * of requests (or keystrokes) is served without one idle parse in between; the parses resume in its pauses.
 */
export const IDLE_QUIET_MS = 30;

/**
 * What LanguageFeatures.prepare has done for a document: 'shared' and 'own' still need yaml-language-server's parse
 * (the validation's, or one of their own), 'parsed' has it, 'done' has also the matches hover reads (hoverMatches.ts).
 */
type PreparationState = 'shared' | 'own' | 'parsed' | 'done';

interface Located {
  segment: DocumentSegment;
  doc: ParsedDocument;
  position: Position;
}

export class LanguageFeatures {
  private readonly configSchemas = new Map<string, ConfigSchema>();
  private readonly split = new Map<string, { text: string; segments: DocumentSegment[] }>();
  private readonly recent = new Map<string, ParsedDocument>();
  /**
   * Per verdict, what prepare last found for its document at a slot: an unchanged document of an edited file keeps
   * its verdict object at its index (ValidationService.validateFile), so after an edit only the changed documents
   * are looked at again. Before, every edit of a 27,600-line file checked all 400 documents again, 2.8 ms in the turn
   * after each publish, which the next keystroke waited for (issue 12, by --cpu-prof of the bench's edits: edit p50
   * at 27,600 lines 13-14 ms before, 7.6-9.8 after, five runs each side by side). A stale entry only costs time: a
   * 'shared' or 'own' one (a request parsed the document meanwhile) a cheap check in yaml.prepare, and a 'done' one
   * (an undo brought back a text whose verdict was cached, after its slot held the edited text) the first request's
   * own parse of that document, as before any idle-time parse.
   */
  private readonly preparation = new WeakMap<DocumentVerdict, { slot: string; state: PreparationState }>();
  /** When the last request or edit arrived (performance.now()), for the idle-time parses. */
  private lastActivity = -Infinity;
  /** Per file, the line of its last request: its idle-time parses start with the documents nearest to it. */
  private readonly focus = new Map<string, number>();

  constructor(
    private readonly yaml: YamlService,
    private readonly resources: ResourceService,
    private readonly validation: ValidationService,
  ) {}

  /**
   * A request or an edit arrived (with the file and line when known): idle-time parses pause until
   * IDLE_QUIET_MS pass without another, and start again with the documents nearest to that line.
   */
  noteActivity(uri?: string, line?: number): void {
    this.lastActivity = performance.now();
    if (uri !== undefined && line !== undefined) this.focus.set(uri, line);
  }

  /** No request or edit for `ms` (see noteActivity). */
  quietFor(ms: number): boolean {
    return performance.now() - this.lastActivity >= ms;
  }

  completion(uri: string, text: string, position: Position): Promise<CompletionList | null> {
    return this.asRequest(uri, position, () => this.completionAt(uri, text, position));
  }

  hover(uri: string, text: string, position: Position): Promise<Hover | null> {
    return this.asRequest(uri, position, () => this.hoverAt(uri, text, position));
  }

  /** A request is activity when it arrives and when it ends (the quiet period counts from its answer). */
  private async asRequest<T>(uri: string, position: Position, answer: () => Promise<T>): Promise<T> {
    this.noteActivity(uri, position.line);
    try {
      return await answer();
    } finally {
      this.noteActivity();
    }
  }

  private async completionAt(uri: string, text: string, position: Position): Promise<CompletionList | null> {
    // Where a document can start, the skeletons are all there is to offer (nothing above or below it yet).
    if (this.atDocumentStart(uri, text, position)) return { isIncomplete: false, items: skeletonCompletions(position) };
    const at = this.locate(uri, text, position);
    if (!at) return null;
    const config = await this.configContext(uri, at);
    const list = await this.yaml.complete(
      at.doc.kind as SchemaKind,
      slot(uri, at.segment),
      at.segment.text,
      at.position,
      config?.schema,
    );
    const byAlias = new Map((config?.items ?? []).map((item) => [item.alias, item]));
    return {
      isIncomplete: list.isIncomplete,
      items: list.items
        .filter((item) => !isParentSkeleton(item))
        .map((item) => {
          const shifted = shiftCompletion(item, at.segment.startLine);
          const configItem = byAlias.get(item.label);
          if (!configItem) return shifted;
          return {
            ...shifted,
            detail: configItemDetail(configItem),
            documentation: { kind: 'markdown', value: describeConfigItem(configItem) },
          };
        }),
    };
  }

  private async hoverAt(uri: string, text: string, position: Position): Promise<Hover | null> {
    const at = this.locate(uri, text, position);
    if (!at) return null;
    const config = await this.configContext(uri, at);
    const hover = await this.yaml.hover(
      at.doc.kind as SchemaKind,
      slot(uri, at.segment),
      at.segment.text,
      at.position,
      config?.schema,
    );
    if (!hover) return null;
    return hover.range ? { ...hover, range: shiftRange(hover.range, at.segment.startLine) } : hover;
  }

  /** One top-level symbol per Forkspacer document ("Module my-app"), its keys as children. */
  symbols(uri: string, text: string): DocumentSymbol[] {
    this.noteActivity();
    const symbols: DocumentSymbol[] = [];
    for (const segment of this.segments(uri, text)) {
      const known = this.validation.cached(segment.text);
      let kind = known?.kind;
      let title = known?.title;
      if (!kind || !title) {
        const doc = parseYamlFile(segment.text).documents.find((d) => d.kind !== 'other');
        kind = doc?.kind ?? 'other';
        title = doc ? documentTitle(doc.kind, doc.value) : 'Document';
      }
      if (kind === 'other') continue;
      const children = this.yaml
        .symbols(kind, slot(uri, segment), segment.text)
        .map((s) => shiftSymbol(s, segment.startLine));
      const lines = segment.text.split(/\r\n|\r|\n/);
      const lastLine = lines.length - 1;
      const range = shiftRange(
        { start: { line: 0, character: 0 }, end: { line: lastLine, character: lines[lastLine]!.length } },
        segment.startLine,
      );
      const firstContent = children[0]?.selectionRange ?? range;
      symbols.push({ name: title, kind: SYMBOL_KIND[kind], range, selectionRange: firstContent, children });
    }
    return symbols;
  }

  /** The resource definition a Module uses, when it is known without waiting (inline, or resolved before). */
  async moduleResource(uri: string, value: unknown): Promise<ResourceDefinition | undefined> {
    const source = moduleSourceOf(value);
    if (source.type === 'raw') return decodeResource(source.raw).definition;
    if (source.type !== 'httpURL') return undefined;
    const known = this.resources.peek(source);
    if (known) return known.ok ? known.definition : undefined;
    // Starts the fetch (background) so that a later request finds it.
    const result = await this.resources.resolve(source, { documentUri: uri });
    return result.ok ? result.definition : undefined;
  }

  /**
   * The core's quick fixes, per document: each diagnostic is handed over with the text of its own
   * document (where its data's document index is 0), and the edits are shifted back into the file.
   */
  codeActions(uri: string, text: string, diagnostics: Diagnostic[]): CodeAction[] {
    this.noteActivity();
    const segments = this.segments(uri, text);
    const actions: CodeAction[] = [];
    for (const segment of segments) {
      const lines = segment.text.split(/\r\n|\r|\n/).length;
      const mine = diagnostics.filter(
        (d) => d.range.start.line >= segment.startLine && d.range.start.line < segment.startLine + lines,
      );
      if (!mine.length) continue;
      const local = mine.map((d) => ({
        ...d,
        range: shiftRange(d.range, -segment.startLine),
        ...(isRecord(d.data) ? { data: { ...d.data, documentIndex: 0 } } : {}),
      }));
      for (const action of quickFixes(segment.text, uri, local))
        actions.push(shiftAction(action, segment.startLine, mine, local));
    }
    return actions;
  }

  /**
   * Idle-time work after a file's diagnostics: every Forkspacer document of it gets yaml-language-server's parse
   * now, so that the first completion or hover on a document does not pay for it (issue 12: the anchor,
   * yaml-language-server alone, parses the whole file once as it validates). One document per event-loop turn, the
   * documents nearest to the file's last request first; documents parsed before cost no turn. First those whose
   * validation parse yaml-language-server can take (sharedParse.ts), each only its AST's conversion (about 0.1 ms):
   * one per turn without waiting, so that a request or edit waits at most that long. Then, each after IDLE_QUIET_MS
   * without a request or edit (a request never waits for one, see noteActivity), the schema matches hover reads of
   * every parsed document (hoverMatches.ts, about 0.5 ms each), and the documents that need a parse of their own
   * (about 1 ms, and their matches). Stops when `signal` aborts (a newer version arrived, or the file was closed).
   */
  async prepare(uri: string, text: string, signal: AbortSignal): Promise<void> {
    // Not in the turn of the publish that called it: an edit or request already waiting goes first.
    await nextTurn();
    if (signal.aborted) return;
    type Pending = { segment: DocumentSegment; kind: SchemaKind; verdict: DocumentVerdict };
    const queues: Record<Exclude<PreparationState, 'done'>, Pending[]> = { shared: [], parsed: [], own: [] };
    // Right after the validation of this text: its verdicts, without hashing every document's text again. Documents
    // prepared before (most of them, after an edit) are dropped here, in one pass.
    const validated =
      this.validation.lastValidated(uri, text) ??
      this.segments(uri, text).map((segment) => ({ segment, verdict: this.validation.cached(segment.text) }));
    for (const { segment, verdict } of validated) {
      const kind = verdict?.kind;
      if (!verdict || !kind || kind === 'other') continue;
      const at = slot(uri, segment);
      const known = this.preparation.get(verdict);
      const state: PreparationState =
        known?.slot === at
          ? known.state
          : this.yaml.isPrepared(kind, at, segment.text)
            ? 'parsed'
            : this.yaml.reusesParse(segment.text)
              ? 'shared'
              : 'own';
      if (known?.slot !== at) this.preparation.set(verdict, { slot: at, state });
      if (state !== 'done') queues[state].push({ segment, kind, verdict });
    }
    // Parses the validation can lend, one per event-loop turn without waiting; then, each after a quiet moment (a
    // burst of keystrokes or requests is served without one in between), the hover matches of every parsed
    // document (about 0.5 ms each, and garbage the edits would pay for), and the documents that need a parse of
    // their own (with their matches).
    for (const [state, wait] of [
      ['shared', nextTurn],
      ['parsed', () => this.quiet(signal)],
      ['own', () => this.quiet(signal)],
    ] as const) {
      const queue = queues[state];
      while (queue.length) {
        await wait();
        if (signal.aborted) return;
        // The nearest document now (a request in the wait may have moved the focus, or parsed this one).
        const focus = this.segmentAt(uri, text, this.focus.get(uri) ?? 0)?.index ?? 0;
        const next = queue.splice(nearest(queue, focus), 1)[0]!;
        const at = slot(uri, next.segment);
        if (state === 'shared') {
          this.yaml.prepare(next.kind, at, next.segment.text);
          this.preparation.set(next.verdict, { slot: at, state: 'parsed' });
          queues.parsed.push(next);
          continue;
        }
        await this.yaml.prepareHover(next.kind, at, next.segment.text);
        if (signal.aborted) return;
        this.preparation.set(next.verdict, { slot: at, state: 'done' });
      }
    }
  }

  /** One event-loop turn, then until IDLE_QUIET_MS have passed since the last request or edit. */
  private async quiet(signal: AbortSignal): Promise<void> {
    await nextTurn();
    for (;;) {
      const wait = this.lastActivity + IDLE_QUIET_MS - performance.now();
      if (wait <= 0 || signal.aborted) return;
      await new Promise((resolve) => setTimeout(resolve, Math.ceil(wait)));
    }
  }

  forget(uri: string): void {
    this.split.delete(uri);
    this.focus.delete(uri);
  }

  private async configContext(
    uri: string,
    at: Located,
  ): Promise<{ schema: ConfigSchema; items: ConfigItem[] } | undefined> {
    if (at.doc.kind !== 'module' || !isInsideSpecConfig(at.doc.doc, at.segment.text, at.position)) return undefined;
    const definition = await this.moduleResource(uri, at.doc.value);
    if (!definition) return undefined;
    const key = configItemsKey(definition.config);
    let schema = this.configSchemas.get(key);
    if (!schema) {
      schema = { key, schema: configItemsToJsonSchema(definition.config) };
      this.configSchemas.set(key, schema);
    }
    return { schema, items: definition.config };
  }

  private atDocumentStart(uri: string, text: string, position: Position): boolean {
    return atDocumentStartInSegment(text, this.segmentAt(uri, text, position.line), position);
  }

  private segmentAt(uri: string, text: string, line: number): DocumentSegment | undefined {
    const segments = this.segments(uri, text);
    // The last segment starting at or before the line (segments are in file order).
    let low = 0;
    let high = segments.length - 1;
    if (high < 0 || segments[0]!.startLine > line) return undefined;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (segments[mid]!.startLine <= line) low = mid;
      else high = mid - 1;
    }
    return segments[low];
  }

  private locate(uri: string, text: string, position: Position): Located | undefined {
    const segment = this.segmentAt(uri, text, position.line);
    if (!segment) return undefined;
    // A document the validation already judged 'other' is not parsed again.
    if (this.validation.cached(segment.text)?.kind === 'other') return undefined;
    const doc = this.parsed(segment.text);
    if (!doc) return undefined;
    return { segment, doc, position: { line: position.line - segment.startLine, character: position.character } };
  }

  /** The Forkspacer document of a text; the last few are kept, as requests cluster in one document. */
  private parsed(text: string): ParsedDocument | undefined {
    const known = this.recent.get(text);
    if (known) return known;
    const own = ownCopy(text);
    const doc = parseYamlFile(own).documents.find((d) => d.kind !== 'other');
    if (!doc) return undefined;
    this.recent.set(own, doc);
    if (this.recent.size > RECENT_DOCUMENTS) this.recent.delete(this.recent.keys().next().value!);
    return doc;
  }

  private segments(uri: string, text: string): DocumentSegment[] {
    const known = this.split.get(uri);
    if (known && known.text === text) return known.segments;
    // The validation's split of this text, when it was the last one validated (the usual case in the editor).
    const segments = this.validation.lastValidated(uri, text)?.map((d) => d.segment) ?? splitYamlDocuments(text);
    this.split.set(uri, { text, segments });
    return segments;
  }
}

const SYMBOL_KIND: Record<SchemaKind, SymbolKind> = {
  custom: SymbolKind.Class,
  helm: SymbolKind.Class,
  module: SymbolKind.Module,
  workspace: SymbolKind.Namespace,
};

/**
 * The index in `pending` of the document nearest to the document `focus` (by position in the file; earlier first);
 * -1 when none is left.
 */
function nearest(pending: readonly { segment: DocumentSegment }[], focus: number): number {
  if (!pending.length) return -1;
  let best = 0;
  for (let i = 1; i < pending.length; i++)
    if (Math.abs(pending[i]!.segment.index - focus) < Math.abs(pending[best]!.segment.index - focus)) best = i;
  return best;
}

function slot(uri: string, segment: DocumentSegment): string {
  return `${uri}#${segment.index}`;
}

/**
 * yaml-language-server's "parent" item: every required key of the object at once, labelled with the schema's bare
 * type name (`object`) and sorted first. In `spec.config` it pushes the aliases down and says nothing.
 */
function isParentSkeleton(item: CompletionItem): boolean {
  return item.kind === CompletionItemKind.Class && item.sortText === `_${item.label}`;
}

function shiftCompletion(item: CompletionItem, lines: number): CompletionItem {
  if (!item.textEdit || lines === 0) return item;
  const edit = item.textEdit;
  const textEdit =
    'range' in edit
      ? ({ ...edit, range: shiftRange(edit.range, lines) } as TextEdit)
      : { ...edit, insert: shiftRange(edit.insert, lines), replace: shiftRange(edit.replace, lines) };
  return {
    ...item,
    textEdit,
    ...(item.additionalTextEdits
      ? { additionalTextEdits: item.additionalTextEdits.map((e) => ({ ...e, range: shiftRange(e.range, lines) })) }
      : {}),
  };
}

function shiftSymbol(symbol: DocumentSymbol, lines: number): DocumentSymbol {
  return {
    ...symbol,
    range: shiftRange(symbol.range, lines),
    selectionRange: shiftRange(symbol.selectionRange, lines),
    ...(symbol.children ? { children: symbol.children.map((c) => shiftSymbol(c, lines)) } : {}),
  };
}

/** Moves a code action computed on one document back into file coordinates (its diagnostics too). */
function shiftAction(
  action: CodeAction,
  lines: number,
  fileDiagnostics: Diagnostic[],
  localDiagnostics: Diagnostic[],
): CodeAction {
  const shifted: CodeAction = { ...action };
  if (action.diagnostics)
    shifted.diagnostics = action.diagnostics.map(
      (d) => fileDiagnostics[localDiagnostics.indexOf(d)] ?? { ...d, range: shiftRange(d.range, lines) },
    );
  if (action.edit) shifted.edit = shiftEdit(action.edit, lines);
  return shifted;
}

function shiftEdit(edit: WorkspaceEdit, lines: number): WorkspaceEdit {
  const moved = (edits: TextEdit[]): TextEdit[] => edits.map((e) => ({ ...e, range: shiftRange(e.range, lines) }));
  const result: WorkspaceEdit = {};
  if (edit.changes)
    result.changes = Object.fromEntries(Object.entries(edit.changes).map(([uri, edits]) => [uri, moved(edits)]));
  if (edit.documentChanges) {
    result.documentChanges = edit.documentChanges.map((change) =>
      'edits' in change ? { ...change, edits: moved(change.edits as TextEdit[]) } : change,
    );
  }
  return result;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
