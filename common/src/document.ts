// The YAML document model: one file, several documents, each recognised by its content and parsed as its own unit,
// so that an edit re-parses only the document it touches (the pieces' cache in parsePiece).
import type { Alias } from 'yaml';
import {
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  Composer,
  LineCounter,
  Parser,
  YAMLParseError,
  type Document,
  type Node,
  type Scalar,
  type CST,
  type YAMLError,
  type YAMLMap,
} from 'yaml';
import type { Position, Range } from 'vscode-languageserver-types';
import type { DocumentKind } from './types';
import type { YamlPath } from './problem';
import { Budget, goKeyString, goNodeValue, goSharpV, scalarValue } from './goYaml';
import { composeQuickly } from './quickCompose';
import { unreadContent } from './unreadContent';

export const FORKSPACER_API_VERSION = 'batch.forkspacer.com/v1';

export interface ParsedDocument {
  /** 0-based index of the document in its file. */
  index: number;
  /** Offsets (file coordinates) of the document's own text. */
  startOffset: number;
  endOffset: number;
  /** 0-based line of startOffset in the file. */
  startLine: number;
  /** The document's own text (file.text.slice(startOffset, endOffset)). */
  text: string;
  kind: DocumentKind;
  /** The composed document; node ranges are offsets into `text` (document coordinates). */
  doc: Document.Parsed;
  /**
   * The value as its consumer reads it: kubectl's YAML 1.1 decoder for Module/Workspace (yes/no/on/off are booleans),
   * go yaml.v3 for resource definitions (YAML 1.2 booleans; Go number syntax: 0777, 1_000, 0o17).
   */
  value: unknown;
  errors: YAMLError[];
  /** Keys repeated in a Module or Workspace (kubectl keeps the last value). */
  duplicateKeys: DuplicateKey[];
  /** Line starts of `text` (document coordinates). */
  lineStarts: number[];
  /**
   * Composed by the quick front end (parseYamlFile's `quick`): a verdict that finds anything is made again from the
   * `yaml` library's parse, which is the one whose findings are shown (see quickCompose.ts).
   */
  quick?: true;
}

export interface ParseOptions {
  /** Try the quick front end first (quickCompose.ts): for verdicts only, never in the editor's own parses. */
  quick?: boolean;
}

export interface ParsedFile {
  text: string;
  documents: ParsedDocument[];
  /** Line starts of the whole file. */
  lineStarts: number[];
}

/**
 * The line break at or after `from`: where the line ends and where the next one starts, or undefined on the last
 * line. `\r\n`, `\n` and a lone `\r` all end a line, as in LSP and YAML (b-break); a lone `\r` counted as part of a
 * line put every later diagnostic and quick-fix edit on the wrong line in the editor (found by fuzzing).
 */
export function lineBreakAt(text: string, from: number): { end: number; next: number } | undefined {
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) return { end: i, next: i + 1 };
    if (c === 13) return { end: i, next: text.charCodeAt(i + 1) === 10 ? i + 2 : i + 1 };
  }
  return undefined;
}

export function computeLineStarts(text: string): number[] {
  const starts = [0];
  if (!text.includes('\r')) {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    return starts;
  }
  for (let at = lineBreakAt(text, 0); at; at = lineBreakAt(text, at.next)) starts.push(at.next);
  return starts;
}

export function positionAt(lineStarts: readonly number[], offset: number): Position {
  let low = 0;
  let high = lineStarts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (lineStarts[mid] <= offset) low = mid;
    else high = mid - 1;
  }
  return { line: low, character: Math.max(0, offset - lineStarts[low]) };
}

export function offsetAt(lineStarts: readonly number[], position: Position): number {
  const line = Math.min(Math.max(position.line, 0), lineStarts.length - 1);
  return lineStarts[line] + Math.max(0, position.character);
}

/** A document-local offset range as a file Range. */
export function documentRange(doc: ParsedDocument, start: number, end: number): Range {
  const s = positionAt(doc.lineStarts, start);
  const e = positionAt(doc.lineStarts, Math.max(start, end));
  return {
    start: { line: s.line + doc.startLine, character: s.character },
    end: { line: e.line + doc.startLine, character: e.character },
  };
}

const MARKER = /^(---|\.\.\.)(?=[ \t\r]|$)/;
const TRIVIA = /^\s*(#.*)?$/;

/**
 * Split a YAML stream into per-document pieces at column-0 `---`/`...` markers (YAML forbids those inside any
 * scalar, so the split agrees with a full parse). Directive/comment-only lines stay with the document that follows.
 */
export function splitDocuments(text: string): { start: number; end: number }[] {
  const pieces: { start: number; end: number }[] = [];
  let start = 0;
  let onlyTrivia = true;
  let lineStart = 0;
  // Line by line with indexOf where there is no CR, and a line looked at only when it can matter (it starts with
  // `-` or `.`, or nothing but trivia came before it): this runs over every file the CLI reads (issue 12).
  const crs = text.includes('\r');
  while (lineStart <= text.length) {
    let lineEnd: number;
    let next: number;
    if (crs) {
      const br = lineBreakAt(text, lineStart);
      lineEnd = br ? br.end : text.length;
      next = br ? br.next : text.length + 1;
    } else {
      const eol = text.indexOf('\n', lineStart);
      lineEnd = eol === -1 ? text.length : eol;
      next = eol === -1 ? text.length + 1 : eol + 1;
    }
    const c = text.charCodeAt(lineStart);
    if (!onlyTrivia && c !== 45 /* - */ && c !== 46 /* . */) {
      lineStart = next;
      continue;
    }
    const line = text.slice(lineStart, lineEnd);
    const marker = MARKER.exec(line);
    if (marker && marker[1] === '---') {
      if (!onlyTrivia) {
        pieces.push({ start, end: lineStart });
        start = lineStart;
      }
      onlyTrivia = false;
    } else if (marker && marker[1] === '...') {
      pieces.push({ start, end: Math.min(next, text.length) });
      start = Math.min(next, text.length);
      onlyTrivia = true;
    } else if (onlyTrivia && !(TRIVIA.test(line) || line.startsWith('%'))) {
      onlyTrivia = false;
    }
    lineStart = next;
  }
  if (start < text.length) pieces.push({ start, end: text.length });
  return pieces.length ? pieces : [{ start: 0, end: text.length }];
}

function scalarString(node: unknown): string | undefined {
  return isScalar(node) && typeof node.value === 'string' ? node.value : undefined;
}

/** Recognise a document by content (never by file name). */
export function detectKind(doc: Document.Parsed, text: string): DocumentKind {
  const contents = doc.contents;
  if (isMap(contents)) {
    const kind = scalarString(contents.get('kind', true));
    const apiVersion = scalarString(contents.get('apiVersion', true));
    if (apiVersion === FORKSPACER_API_VERSION && (kind === 'Module' || kind === 'Workspace')) {
      return kind === 'Module' ? 'module' : 'workspace';
    }
    if ((kind === 'Custom' || kind === 'Helm') && (contents.has('metadata') || contents.has('spec'))) {
      return kind === 'Custom' ? 'custom' : 'helm';
    }
    if (doc.errors.length === 0) return 'other';
  }
  // A document too broken to compose into a map still gets its syntax errors when it plainly is ours.
  if (doc.errors.length > 0) {
    const kind = /^kind:[ \t]*["']?(Custom|Helm|Module|Workspace)["']?[ \t]*(#.*)?$/m.exec(text)?.[1];
    if (kind === 'Custom' || kind === 'Helm') return kind === 'Custom' ? 'custom' : 'helm';
    if (kind && text.includes(FORKSPACER_API_VERSION)) return kind === 'Module' ? 'module' : 'workspace';
  }
  return 'other';
}

/**
 * A mapping that repeats a key. yaml.v3 (a resource definition) refuses it: "mapping key already defined", keys
 * compared by their written text. kubectl's sigs.k8s.io/yaml (a Module, a Workspace) keeps the last value, keys
 * compared as the JSON keys they become (`yes` and `true` are both "true"): a warning, not an error.
 */
function checkUniqueKeys(doc: Document.Parsed, kind: DocumentKind, duplicates: DuplicateKey[]): void {
  const kubectl = kind === 'module' || kind === 'workspace';
  walkNodes(doc.contents, {
    map(map) {
      const seen = new Map<string, Node>();
      for (const pair of map.items) {
        const k = pair.key;
        if (!isScalar(k) || (k.type === 'PLAIN' && k.source === '<<')) continue;
        const text = kubectl ? goKeyString(scalarValue(k, 'kubectl').value, k, 'kubectl') : String(k.source ?? k.value);
        const first = seen.get(text);
        const range = (k as Node).range ?? [0, 0, 0];
        if (!first) seen.set(text, k);
        else if (kubectl) duplicates.push({ key: text, range: [range[0], range[1]], first: first.range?.[0] ?? 0 });
        else
          doc.errors.push(
            new YAMLParseError(
              [range[0], range[1]],
              'DUPLICATE_KEY',
              `mapping key ${JSON.stringify(text)} already defined (go yaml.v3 refuses a repeated key)`,
            ),
          );
      }
    },
  });
}

export interface NodeVisitor {
  map?(map: YAMLMap): void;
  /** `isKey`: the scalar is a mapping key. */
  scalar?(scalar: Scalar, isKey: boolean): void;
}

/**
 * Every map and scalar under `node`, depth first, maps before their pairs, keys before values (yaml's visit
 * order), aliases not followed. yaml's own `visit` does the same with a generic visitor protocol that costs
 * several times more per node; these walks run on every document of every validation (issue 12).
 */
export function walkNodes(node: unknown, visitor: NodeVisitor, isKey = false): void {
  if (isScalar(node)) visitor.scalar?.(node, isKey);
  else if (isMap(node)) {
    visitor.map?.(node);
    for (const pair of node.items) {
      walkNodes(pair.key, visitor, true);
      walkNodes(pair.value, visitor, false);
    }
  } else if (isSeq(node)) for (const item of node.items) walkNodes(item, visitor, false);
}

/** A repeated key kubectl accepts, keeping the last value. Offsets in document coordinates. */
export interface DuplicateKey {
  key: string;
  range: [number, number];
  /** Offset of the first occurrence. */
  first: number;
}

interface Piece {
  text: string;
  /** Composed by the quick front end. */
  quick?: true;
  /** The parse as it came, for yaml-language-server (see retainSyntaxForEditor): kept only in the editor. */
  syntax?: RetainedSyntax;
  docs: {
    doc: Document.Parsed;
    kind: DocumentKind;
    value: () => unknown;
    lineStarts: number[];
    duplicateKeys: DuplicateKey[];
  }[];
}

const pieceCache = new Map<string, Piece>();
const PIECE_CACHE_MAX = 2000;

/** A text's parse with what yaml-language-server's own parse keeps: the CST tokens and the line starts. */
export interface RetainedSyntax {
  tokens: CST.Token[];
  documents: Document.Parsed[];
  lineCounter: LineCounter;
}

let retainSyntax = false;

/**
 * The language server's mode: each parse keeps its CST tokens and line counter (and nodes their source tokens), so
 * that yaml-language-server's completion and hover can use the validation's parse of a document instead of parsing
 * it again (issue 12; see syntaxOf). The CLI does not keep them.
 */
export function retainSyntaxForEditor(): void {
  retainSyntax = true;
}

/**
 * The retained parse of exactly `text` when it is cached, is one Forkspacer document, and the parse is clean (no
 * error, warning or duplicate key), i.e. where yaml-language-server's own options (not strict, unique keys, its
 * `!include` tag) compose the same nodes and differ in nothing its completion or hover reads.
 */
export function syntaxOf(text: string): RetainedSyntax | undefined {
  const piece = pieceCache.get(text);
  const syntax = piece?.syntax;
  if (!piece || !syntax || syntax.documents.length !== 1 || piece.docs.length !== 1) return undefined;
  const [only] = piece.docs;
  if (!only || only.kind === 'other' || only.duplicateKeys.length) return undefined;
  if (only.doc.errors.length || only.doc.warnings.length) return undefined;
  return syntax;
}

function parsePiece(slice: string, quick: boolean): Piece {
  const cached = pieceCache.get(slice);
  if (cached) {
    // Least recently used goes first.
    pieceCache.delete(slice);
    pieceCache.set(cached.text, cached);
    return cached;
  }
  // Parse and cache an own copy: a slice (and every node's source text cut from it) would keep the whole
  // file's text alive (V8 sliced strings).
  const text = Buffer.from(slice, 'utf8').toString('utf8');
  // Quick pieces are not cached: the text is seen once (forkspacer validate), or again only when its verdict found
  // something and the `yaml` library's parse, cached below, must make it again.
  const quickDoc = quick && !retainSyntax ? composeQuickly(text) : undefined;
  if (quickDoc) return { ...finishPiece(text, [quickDoc], undefined), quick: true };
  let parsed: Document.Parsed[] = [];
  let syntax: RetainedSyntax | undefined;
  try {
    // parseAllDocuments' own steps, so that the editor can keep the tokens. uniqueKeys is checked below in linear
    // time (the library's own check is quadratic in a map's size).
    const lineCounter = retainSyntax ? new LineCounter() : undefined;
    const tokens = Array.from(new Parser(lineCounter?.addNewLine).parse(text));
    const composer = new Composer({ prettyErrors: false, keepSourceTokens: retainSyntax, uniqueKeys: false });
    parsed = Array.from(composer.compose(tokens));
    if (text.includes('?')) reportUnreadContent(tokens, text, parsed);
    if (lineCounter) syntax = { tokens, documents: parsed, lineCounter };
  } catch {
    parsed = [];
  }
  const piece = finishPiece(text, parsed, syntax);
  if (pieceCache.size >= PIECE_CACHE_MAX) pieceCache.delete(pieceCache.keys().next().value as string);
  pieceCache.set(text, piece);
  return piece;
}

/** Lines the composer drops silently (unreadContent.ts) are a syntax error of their document, as for go-yaml. */
function reportUnreadContent(tokens: CST.Token[], text: string, parsed: Document.Parsed[]): void {
  for (const range of unreadContent(tokens, text)) {
    const doc = parsed.find((d) => d.range[0] <= range[0] && range[0] < d.range[2]) ?? parsed[parsed.length - 1];
    doc?.errors.push(new YAMLParseError(range, 'UNEXPECTED_TOKEN', UNREAD_MESSAGE));
  }
}
const UNREAD_MESSAGE =
  "did not find expected key: this line belongs to no key (it follows a '? key' without a ':'); kubectl and the operator refuse the file";

/** What the checks read of each composed document of a piece: its kind, repeated keys and kubectl's reading. */
function finishPiece(text: string, parsed: Document.Parsed[], syntax: RetainedSyntax | undefined): Piece {
  const lineStarts = computeLineStarts(text);
  const docs: Piece['docs'] = [];
  for (const doc of parsed) {
    if (doc.contents === null && doc.errors.length === 0) continue;
    const kind = detectKind(doc, text);
    const duplicateKeys: DuplicateKey[] = [];
    if (kind !== 'other') checkUniqueKeys(doc, kind, duplicateKeys);
    let memo: { v: unknown } | undefined;
    if ((kind === 'module' || kind === 'workspace') && doc.errors.length === 0) {
      // kubectl's reading can fail where YAML does not: say so as a syntax error of the document.
      const budget = new Budget();
      try {
        memo = { v: goNodeValue(doc.contents, doc, 'kubectl', budget) };
      } catch (e) {
        doc.errors.push(new YAMLParseError([0, 1], 'RESOURCE_EXHAUSTION', e instanceof Error ? e.message : String(e)));
      }
      budget.nullKeys.forEach((key, i) => {
        const range = key.range ?? [0, 1, 1];
        doc.errors.push(
          new YAMLParseError(
            [range[0], Math.max(range[1], range[0] + 1)],
            'NON_STRING_KEY',
            `kubectl refuses a null map key (unsupported map key of type: %!s(<nil>), key: <nil>, value: ${goSharpV(budget.nullKeyValues[i])})`,
          ),
        );
      });
    }
    const value = () => {
      if (!memo) {
        let v: unknown;
        try {
          v = goNodeValue(doc.contents, doc, kind === 'module' || kind === 'workspace' ? 'kubectl' : 'v3');
        } catch {
          v = undefined;
        }
        memo = { v };
      }
      return memo.v;
    };
    docs.push({ doc, kind, value, lineStarts, duplicateKeys });
  }
  return { text, docs, ...(syntax ? { syntax } : {}) };
}

/**
 * Parse a file into its documents. Never throws. Documents whose text is unchanged since an earlier parse (of this
 * or any file) reuse that parse, so re-parsing after a one-line edit costs one document.
 */
export function parseYamlFile(text: string, options: ParseOptions = {}): ParsedFile {
  const safe = typeof text === 'string' ? text : String(text ?? '');
  const lineStarts = computeLineStarts(safe);
  const documents: ParsedDocument[] = [];
  for (const { start, end } of splitDocuments(safe)) {
    const piece = parsePiece(safe.slice(start, end), options.quick === true);
    const startLine = positionAt(lineStarts, start).line;
    for (const d of piece.docs) {
      const parsed = {
        index: documents.length,
        startOffset: start,
        endOffset: end,
        startLine,
        text: piece.text,
        kind: d.kind,
        doc: d.doc,
        errors: d.doc.errors,
        duplicateKeys: d.duplicateKeys,
        lineStarts: d.lineStarts,
        ...(piece.quick ? { quick: true } : {}),
      } as ParsedDocument;
      Object.defineProperty(parsed, 'value', { get: d.value, enumerable: true });
      documents.push(parsed);
    }
  }
  return { text: safe, documents, lineStarts };
}

export interface NodeAt {
  /** The node at the path, when it exists. */
  node?: Node | null;
  /** The key node of the last map entry walked (the path's own key when the node exists). */
  key?: Node | null;
  /** How many path segments were found. */
  depth: number;
  /** The deepest node found on the way. */
  last: Node | null;
}

/** Walk a composed document along a path of keys/indexes (through aliases). */
export function nodeAt(doc: Document.Parsed, path: YamlPath): NodeAt {
  let node: unknown = doc.contents;
  let key: Node | null | undefined;
  let last: Node | null = (doc.contents as Node | null) ?? null;
  let depth = 0;
  for (const segment of path) {
    if (isAlias(node)) node = (node as Alias).resolve(doc);
    if (isMap(node)) {
      // The last of a repeated key: kubectl (sigs.k8s.io/yaml) keeps it, and yaml.v3 refuses repeats anyway; the
      // first put diagnostics and fix edits on a value nobody reads (found by fuzzing).
      const pair =
        node.items.findLast((p) => isPair(p) && keyText(p.key) === String(segment)) ??
        node.items.findLast((p) => isPair(p) && goKeyNames(p.key).includes(String(segment)));
      if (!pair) return { key, depth, last };
      key = pair.key as Node;
      node = pair.value;
      last = (pair.value as Node | null) ?? (pair.key as Node);
    } else if (isSeq(node) && typeof segment === 'number' && segment < node.items.length) {
      node = node.items[segment];
      key = undefined;
      last = node as Node;
    } else {
      return { key, depth, last };
    }
    depth++;
  }
  return { node: node as Node | null, key, depth, last };
}

/**
 * The names a key has in the Go value the checks walk: a path from kubectl's JSON names the YAML 1.1 key `n` as
 * "false" (sigs.k8s.io/yaml), one from yaml.v3 names `0x1F` as "31". Without them an API-server finding on such a key
 * landed on the document's first line (found by fuzzing).
 */
function goKeyNames(key: unknown): string[] {
  if (!isScalar(key)) return [];
  return (['kubectl', 'v3'] as const).map((mode) => goKeyString(scalarValue(key, mode).value, key, mode));
}

export function keyText(key: unknown): string | undefined {
  if (isScalar(key)) return key.value === null ? 'null' : String(key.value);
  return undefined;
}

function nodeSpan(node: Node | null | undefined): [number, number] | undefined {
  const range = node?.range;
  return range ? [range[0], range[1]] : undefined;
}

/**
 * The file range of the node at `path` (its key with on='key'). When the path does not exist, the key of the
 * nearest existing ancestor (a missing required key is reported on its parent's key); the document start at worst.
 */
export function rangeOf(doc: ParsedDocument, path: YamlPath, on: 'key' | 'value' = 'value'): Range {
  const found = nodeAt(doc.doc, path);
  let span: [number, number] | undefined;
  if (found.depth === path.length) {
    span = on === 'key' ? (nodeSpan(found.key) ?? nodeSpan(found.node)) : (nodeSpan(found.node) ?? nodeSpan(found.key));
  } else {
    span = nodeSpan(found.key) ?? nodeSpan(found.last);
    if (span && found.depth === 0) span = firstLineSpan(doc);
  }
  if (!span) span = firstLineSpan(doc);
  return documentRange(doc, span[0], span[1]);
}

function firstLineSpan(doc: ParsedDocument): [number, number] {
  const start = doc.doc.contents?.range?.[0] ?? 0;
  return [start, lineBreakAt(doc.text, start)?.end ?? doc.text.length];
}
