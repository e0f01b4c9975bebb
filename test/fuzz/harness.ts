// What the fuzz targets, the regression replay and the quick-fix property test share: an offline validator, the
// invariants every answer of the core must keep, and the properties of quick fixes and "fix all".
// A broken invariant throws a `Finding`; the fuzzer reports any exception as a crash and saves the input.
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, Diagnostic, Range, TextEdit } from 'vscode-languageserver-types';
import { createResolver, fixAll, parseYamlFile, quickFixes, validateText } from '../../common/src';
import { DEFAULT_SETTINGS, RULE_CODES, type CoreSettings } from '../../common/src/types';

export const ROOT = path.resolve(__dirname, '..', '..', '..');
export const URI = 'file:///fuzz/input.yaml';

export class Finding extends Error {
  override name = 'Finding';
}

export function check(ok: unknown, message: () => string): asserts ok {
  if (!ok) throw new Finding(message());
}

/** Settings as in the editor: `https://example.com/resources/` is read from examples/ (offline, like a mapping). */
export const SETTINGS: CoreSettings = {
  ...DEFAULT_SETTINGS,
  urlMappings: [{ prefix: 'https://example.com/resources/', folder: path.join(ROOT, 'examples') }],
};

const resolver = createResolver({
  settings: SETTINGS,
  fetchText: async (url) => {
    throw new Error(`offline (fuzz): ${url}`);
  },
});

export function validate(text: string): Promise<Diagnostic[]> {
  return validateText(text, { settings: SETTINGS, resolver, documentUri: URI });
}

/** The input as the editor would hold it: UTF-8 with replacement characters for invalid bytes. */
export function textOf(data: Uint8Array): string {
  return Buffer.from(data).toString('utf8');
}

function rangeInside(document: TextDocument, range: Range): boolean {
  const { start, end } = range;
  const lineLength = (line: number) => {
    const next = line + 1 < document.lineCount ? document.offsetAt({ line: line + 1, character: 0 }) : Infinity;
    return Math.min(next, document.getText().length) - document.offsetAt({ line, character: 0 });
  };
  const inside = (p: Range['start']) =>
    Number.isInteger(p.line) &&
    Number.isInteger(p.character) &&
    p.line >= 0 &&
    p.line < document.lineCount &&
    p.character >= 0 &&
    p.character <= lineLength(p.line);
  return (
    inside(start) &&
    inside(end) &&
    (start.line < end.line || (start.line === end.line && start.character <= end.character))
  );
}

/** Every diagnostic is ours, well formed, and placed inside the file. */
export function checkDiagnostics(text: string, diagnostics: Diagnostic[]): void {
  const document = TextDocument.create(URI, 'yaml', 0, text);
  for (const d of diagnostics) {
    check(d.source === 'forkspacer', () => `diagnostic without our source: ${JSON.stringify(d)}`);
    check((RULE_CODES as readonly unknown[]).includes(d.code), () => `unknown code ${String(d.code)}`);
    check(typeof d.message === 'string' && d.message.trim() !== '', () => `empty message: ${JSON.stringify(d)}`);
    check(d.severity !== undefined && d.severity >= 1 && d.severity <= 4, () => `severity ${d.severity}`);
    check(rangeInside(document, d.range), () => `range outside the text: ${JSON.stringify(d.range)} [${d.code}]`);
  }
}

/**
 * What identifies one finding across an edit: its rule and where it points in the YAML tree (or, for the
 * path-less YAML-level ones, its message). Several findings may share one identity (two `yes` values): they are
 * counted.
 */
function identity(d: Diagnostic): string {
  const data = (d.data ?? {}) as { path?: unknown; alias?: unknown };
  const where = data.path !== undefined ? JSON.stringify(data.path) : d.message;
  return `${String(d.code)} ${where} ${String(data.alias ?? '')}`;
}

function tally(ds: Diagnostic[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const d of ds) counts.set(identity(d), (counts.get(identity(d)) ?? 0) + 1);
  return counts;
}

const errorKeys = (ds: Diagnostic[]) => tally(ds.filter((d) => d.severity === 1));
const pathOf = (d: Diagnostic): unknown[] | undefined => ((d.data ?? {}) as { path?: unknown[] }).path;
/** Where errors are: the operator reports one problem per value, so a fix may reveal the next one there. */
const errorPaths = (ds: Diagnostic[]) =>
  ds.filter((d) => d.severity === 1 && pathOf(d)).map((d) => JSON.stringify(pathOf(d)).slice(0, -1));
/** At or under a path that already had an error (`["spec","config","x"` prefixes `["spec","config","x",0]`). */
const under = (paths: string[], d: Diagnostic) => {
  const p = pathOf(d);
  if (!p) return false;
  const text = JSON.stringify(p);
  return paths.some((q) => text === `${q}]` || text.startsWith(`${q},`));
};
/**
 * The operator checks a Module's `spec.config` only once its resource decodes (HandleResource before
 * ValidateUserInput): while the resource has an error, fixing it may reveal any config finding of that Module.
 */
const revealedBehindResource = (paths: string[], d: Diagnostic) =>
  paths.some((q) => q.startsWith('["spec","source"')) && JSON.stringify(pathOf(d) ?? []).startsWith('["spec","config"');
/**
 * kubectl converts a file to JSON before the API server sees it: while that fails (a `yaml-syntax` error, e.g. a
 * `.nan` it cannot write as JSON), fixing it may reveal the API server's findings (the CRD's schema, metadata).
 */
const API_SERVER_CODES = new Set(['crd-unknown-field', 'crd-invalid', 'metadata-invalid']);
/** The CRD's schema check keeps older codes for some fields (spec.workspace: module-workspace-name); its stage says whose. */
const byApiServer = (d: Diagnostic) =>
  API_SERVER_CODES.has(String(d.code)) || (d.data as { stage?: unknown } | undefined)?.stage === 'api-server';
const revealedBehindKubectl = (before: Diagnostic[], d: Diagnostic) =>
  byApiServer(d) && before.some((b) => b.severity === 1 && b.code === 'yaml-syntax');
/**
 * The API server decodes the request before it validates it against the schema (crd.ts): kubectl's lookup by
 * name first, then a strict decoding error (an unknown field, a wrongly typed label) stops the request. Fixing
 * those may reveal the schema's findings (found by fuzzing: removing an ignored source with an unknown field in it
 * revealed `spec.workspace` of the wrong type). Decoding reports every unknown field at once: a new one is added.
 */
const refused = (before: Diagnostic[], code: string, message: RegExp) =>
  before.some((b) => b.severity === 1 && b.code === code && message.test(b.message));
const revealedBehindDecoding = (before: Diagnostic[], d: Diagnostic) =>
  byApiServer(d) &&
  (refused(before, 'metadata-invalid', /^resource name may not be empty/) ||
    (d.code !== 'crd-unknown-field' &&
      (refused(before, 'crd-unknown-field', /^strict decoding error/) ||
        refused(before, 'metadata-invalid', /^json: cannot unmarshal/))));
/**
 * HandleResource reads the kind's spec (ReadResource[HelmModule] / [CustomModule]) before the kind's Validate: while
 * that decode fails (`failed to read Helm manager details: yaml: unmarshal errors: ...`), fixing it may reveal the
 * kind's own findings (an empty `version`, the repo's one-of).
 */
const KIND_DECODE = ['failed to read Helm manager details', 'failed to read base bundle information'];
const KIND_VALIDATE_CODES = new Set([
  'helm-field-missing',
  'helm-template-invalid',
  'helm-template-render',
  'repo-one-of',
  'repo-file-scheme',
]);
const revealedBehindKindDecode = (before: Diagnostic[], d: Diagnostic) =>
  KIND_VALIDATE_CODES.has(String(d.code)) &&
  before.some((b) => b.severity === 1 && KIND_DECODE.some((prefix) => b.message.startsWith(prefix)));
/**
 * The operator renders a Helm resource's templates only once nothing before refuses it (validate.ts,
 * refusedBeforeRender): fixing any refusal in that document may reveal a render failure (found by fuzzing: fixing
 * `editable: tsue` revealed a template that names `.releasK`).
 */
const documentOf = (d: Diagnostic) => (d.data as { documentIndex?: unknown } | undefined)?.documentIndex;
const revealedBehindRender = (before: Diagnostic[], d: Diagnostic) =>
  d.code === 'helm-template-render' &&
  before.some((b) => b.severity === 1 && b.code !== 'helm-template-render' && documentOf(b) === documentOf(d));
/**
 * The same finding under a new name: quoting the YAML 1.1 key `n` turns kubectl's key "false" into "n", so the API
 * server's `unknown field "false"` becomes `unknown field "n"` on the same key (found by fuzzing).
 */
const renamedInPlace = (before: Diagnostic[], d: Diagnostic) =>
  before.some(
    (b) =>
      b.severity === 1 &&
      b.code === d.code &&
      b.range.start.line === d.range.start.line &&
      b.range.start.character === d.range.start.character,
  );
const documentsWithSyntaxErrors = (text: string) =>
  parseYamlFile(text).documents.filter((d) => d.errors.length > 0).length;

/** The edits of an action, checked to be inside the text and not to overlap, applied. */
export function applyAction(text: string, action: CodeAction): string {
  const edits: TextEdit[] = action.edit?.changes?.[URI] ?? [];
  check(edits.length > 0, () => `"${action.title}" has no edit for the document`);
  check(
    Object.keys(action.edit?.changes ?? {}).length === 1 && !action.edit?.documentChanges,
    () => `"${action.title}" edits something else than the document`,
  );
  const document = TextDocument.create(URI, 'yaml', 0, text);
  const spans = edits.map((e) => {
    check(
      rangeInside(document, e.range),
      () => `"${action.title}": edit range outside the text ${JSON.stringify(e.range)}`,
    );
    return [document.offsetAt(e.range.start), document.offsetAt(e.range.end)] as const;
  });
  for (let i = 0; i < spans.length; i++)
    for (let j = i + 1; j < spans.length; j++) {
      const [a, b] = spans[i];
      const [c, e] = spans[j];
      check(!(a < e && c < b) && a !== c, () => `"${action.title}": edits ${i} and ${j} overlap`);
    }
  return TextDocument.applyEdits(document, edits);
}

export interface FixReport {
  /** Fixes offered and checked. */
  offered: number;
  /** Fixes applied by "fix all". */
  fixedAll: number;
}

/**
 * For every diagnostic and every fix offered for it alone: it applies cleanly, the YAML still parses, the
 * diagnostic is gone, and no error of another rule appeared where the document had none. Then "fix all" keeps the same promises and is
 * idempotent (run on its own result it changes nothing).
 */
export async function checkQuickFixes(text: string, before?: Diagnostic[]): Promise<FixReport> {
  const diagnostics = before ?? (await validate(text));
  const syntaxBefore = documentsWithSyntaxErrors(text);
  const errorsBefore = errorKeys(diagnostics);
  const erroneousBefore = errorPaths(diagnostics);
  let offered = 0;
  const sound = async (fixed: string, what: string, fixedCode?: string) => {
    check(documentsWithSyntaxErrors(fixed) <= syntaxBefore, () => `${what} leaves YAML that does not parse:\n${fixed}`);
    const after = await validate(fixed);
    // New: an error of another rule where there was none. At a value that was already refused, the next check
    // in the operator's order (e.g. its type, once it is editable) is revealed, not added.
    const added = after.filter(
      (d) =>
        d.severity === 1 &&
        d.code !== fixedCode &&
        (errorKeys(after).get(identity(d)) ?? 0) > (errorsBefore.get(identity(d)) ?? 0) &&
        !under(erroneousBefore, d) &&
        !revealedBehindResource(erroneousBefore, d) &&
        !revealedBehindKubectl(diagnostics, d) &&
        !revealedBehindDecoding(diagnostics, d) &&
        !revealedBehindRender(diagnostics, d) &&
        !revealedBehindKindDecode(diagnostics, d) &&
        !renamedInPlace(diagnostics, d),
    );
    check(
      added.length === 0,
      () => `${what} adds ${added.map((d) => `[${d.code}] ${d.message}`).join('; ')}:\n${fixed}`,
    );
    return after;
  };
  for (const d of diagnostics) {
    for (const action of quickFixes(text, URI, [d])) {
      offered++;
      const what = `"${action.title}" (for [${d.code}] ${d.message})`;
      const fixed = applyAction(text, action);
      const after = await sound(fixed, what, String(d.code));
      check(
        (tally(after).get(identity(d)) ?? 0) < (tally(diagnostics).get(identity(d)) ?? 0),
        () => `${what} leaves its diagnostic in place:\n${fixed}`,
      );
    }
  }
  const steps = { validate, fixes: (t: string, ds: Diagnostic[]) => quickFixes(t, URI, ds) };
  const once = await fixAll(text, URI, steps);
  if (once.applied) await sound(once.text, 'fix all');
  const twice = await fixAll(once.text, URI, steps);
  check(
    twice.text === once.text,
    () => `fix all is not idempotent: a second run changes\n${once.text}\ninto\n${twice.text}`,
  );
  return { offered, fixedAll: once.applied };
}
