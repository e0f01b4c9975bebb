// Living next to Red Hat's YAML extension (redhat.vscode-yaml), which runs its own yaml-language-server on every
// YAML file. Two things would double on a Forkspacer file when both are installed:
// - schema-driven completion, hover and diagnostics, whenever the user's `yaml.schemas` (e.g. the common
//   `{ "kubernetes": "*.yaml" }`), a `yamlValidation` contribution or the JSON Schema Store associates a schema
//   with the file. We contribute no `yamlValidation`, and through its extension API (registerContributor) we
//   answer for files that hold only Forkspacer documents with an empty schema, which takes precedence over
//   those associations: it offers nothing, explains nothing and accepts everything.
// - YAML syntax errors, which both servers find with the same parser: where it reports one on the same range,
//   ours is not shown (its operator verdicts, which it cannot know, always are).
import { isScalar } from 'yaml';
import { parseYamlFile } from '../../../common/src/index';

/** The contributor name, which is also the scheme of the schema URI we hand over (the API dispatches on it). */
export const CONTRIBUTOR = 'forkspacer';
export const EMPTY_SCHEMA_URI = `${CONTRIBUTOR}://schemas/forkspacer-document.json`;
/** Accepts every value and has no title, description or properties: nothing to complete or hover. */
export const EMPTY_SCHEMA = JSON.stringify({ $comment: 'Checked by the Forkspacer extension.' });
/** The `source` of yaml-language-server's diagnostics. */
export const PEER_SOURCE = 'YAML';

/** Whether we answer for a file: it has Forkspacer documents and nothing else (a Deployment keeps its schema). */
export function claimsFile(text: string): boolean {
  // An empty document (a trailing `---`) is neither.
  const documents = parseYamlFile(text).documents.filter((d) => d.kind !== 'other' || !isEmpty(d.doc.contents));
  return documents.length > 0 && documents.every((d) => d.kind !== 'other');
}

function isEmpty(contents: unknown): boolean {
  return contents === null || (isScalar(contents) && (contents.value === null || contents.value === ''));
}

interface Point {
  line: number;
  character: number;
}
export interface DiagnosticLike {
  range: { start: Point; end: Point };
  code?: string | number | { value: string | number } | undefined;
  source?: string | undefined;
  message?: string;
}

/** Our findings that the YAML extension also makes: plain YAML, not the operator's rules. */
const SHARED_CODES = new Set(['yaml-syntax', 'yaml-duplicate-key', 'schema']);

/** Ours without those the YAML extension reports on the same line and an overlapping range (or, for a syntax error, with the same message on the next line). */
export function withoutPeerDuplicates<D extends DiagnosticLike>(
  ours: readonly D[],
  all: readonly DiagnosticLike[],
): D[] {
  const peers = all.filter((d) => d.source === PEER_SOURCE);
  if (!peers.length) return [...ours];
  return ours.filter((d) => {
    if (!SHARED_CODES.has(codeOf(d))) return true;
    return !peers.some(
      (p) =>
        (p.range.start.line === d.range.start.line && overlaps(p.range, d.range)) ||
        // The same parser's error at a document's end: ours sits on its last character, the YAML extension's
        // just past it (the next line).
        (codeOf(d) === 'yaml-syntax' &&
          p.message !== undefined &&
          p.message === d.message &&
          Math.abs(p.range.start.line - d.range.start.line) <= 1),
    );
  });
}

function codeOf(d: DiagnosticLike): string {
  const code = d.code;
  return typeof code === 'object' && code !== null ? String(code.value) : String(code ?? '');
}

function overlaps(a: DiagnosticLike['range'], b: DiagnosticLike['range']): boolean {
  return !(before(a.end, b.start) || before(b.end, a.start));
}

function before(p: Point, q: Point): boolean {
  return p.line < q.line || (p.line === q.line && p.character < q.character);
}

/** Same diagnostics in the same order (by range and code), to avoid re-publishing an unchanged list. */
export function sameDiagnostics(a: readonly DiagnosticLike[], b: readonly DiagnosticLike[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

/** What an outline entry needs here (vscode.DocumentSymbol and the LSP shape both have it). */
export interface SymbolLike {
  name: string;
  children?: unknown[];
}

/**
 * Our outline next to the YAML extension's: it already lists every key of the file, so ours keeps only the one
 * entry per Forkspacer document (`Module my-app`) and drops the keys below it, which would be the same tree twice.
 */
export function outlineNextToPeer<S extends SymbolLike>(symbols: S[]): S[] {
  return symbols.map((s) => ({ ...s, children: [] }));
}
