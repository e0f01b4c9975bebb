// Per-document validation: the operator's verdicts as LSP diagnostics in file coordinates.
// Errors exactly where the operator refuses; warnings/information where it accepts something dubious.
import { DiagnosticSeverity, type Diagnostic, type DiagnosticRelatedInformation } from 'vscode-languageserver-types';
import { pathToFileURL } from 'node:url';
import { isAbsolute } from 'node:path';
import { isMap, isScalar, isSeq } from 'yaml';
import type { ConfigItem, CoreSettings, RuleCode } from './types';
import type { WaivableRule } from './install';
import type { Problem, YamlPath } from './problem';
import { documentRange, nodeAt, parseYamlFile, positionAt, rangeOf, walkNodes, type ParsedDocument } from './document';
import type { ResourceResolver, ResolveResult } from './resolve';
import { allProblems, decodeResourceStaged, type StagedDecode } from './decode';
import { fromMarshalled, fromYaml } from './typedDecode';
import { constraintAllows, parseConstraint, versionString } from './constraint';
import { configProblems } from './config';
import { moduleSpecProblems, readModule } from './module';
import { goScalarText, resolvePlain, YAML11_FALSE, YAML11_TRUE } from './goYaml';
import { cronError } from './cron';
import { crdProblems } from './crd';
import { goJson } from './goYaml';
import {
  configRefs,
  hasTemplates,
  helmVerdict,
  renderFindings,
  type HelmVerdict,
  type Unavailable,
} from './helmRender';

export interface ValidationContext {
  settings: CoreSettings;
  resolver: ResourceResolver;
  documentUri?: string;
  signal?: AbortSignal;
  /**
   * Who acts on the verdict. `operator` (the default; `forkspacer validate`, CI): an error wherever the operator
   * refuses. `local-host` (the editor, whose embedded host runs Modules): what the local host runs although the
   * operator refuses it (a plugin path or `file://` URL, rule repo-file-scheme) is a warning that says both.
   */
  audience?: 'operator' | 'local-host';
}

export const SOURCE = 'forkspacer';

const SEVERITY: Record<Problem['severity'], DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** A problem placed in the file: `prefix` is where the checked value sits in the document. */
export function toDiagnostic(doc: ParsedDocument, p: Problem, prefix: YamlPath = []): Diagnostic {
  const path = [...prefix, ...p.path];
  return {
    range: rangeOf(doc, path, p.on ?? 'value'),
    severity: SEVERITY[p.severity],
    source: SOURCE,
    code: p.code,
    message: withoutDecoderLine(p.message),
    data: { ...(p.data ?? {}), path, on: p.on ?? 'value', documentIndex: doc.index },
  };
}

/**
 * yaml.v3 numbers the lines of the text it decoded, which is not the file: the operator re-marshals each config
 * item's spec (and reads source.raw as JSON turned back into YAML), so `line 2` means the spec's second line. The
 * diagnostic sits on the value itself, so the misleading number is dropped (the operator's own text stays in
 * `data.message`, which the host reports).
 */
function withoutDecoderLine(message: string): string {
  return message.replace(/\bline \d+: (cannot unmarshal\b)/, '$1');
}

/**
 * A diagnostic on a span of the document's own text: at least one character wide, and never past its end (an
 * error at the end of the text, such as a missing closing quote, is put on the last character).
 */
function spanDiagnostic(
  doc: ParsedDocument,
  [start, end]: readonly [number, number],
  severity: DiagnosticSeverity,
  code: RuleCode,
  message: string,
): Diagnostic {
  const last = doc.text.length;
  const to = Math.min(Math.max(end, start + 1), last);
  const from = Math.max(0, Math.min(start, to - 1));
  return { range: documentRange(doc, from, to), severity, source: SOURCE, code, message };
}

/**
 * The `yaml` parser's own stack ran out (flow collections nested about 800 deep): that is this checker's limit, not
 * the operator's (go-yaml v2's scanner, under kubectl, stops at max_flow_level 10,000, encoding/json at its
 * maxNestingDepth 10,000), so the document is left unchecked with a warning that says so, instead of an error in
 * the stack's words.
 */
const TOO_DEEP = /^Maximum call stack size exceeded/;
const TOO_DEEP_MESSAGE =
  'nested too deeply for this checker to read (its YAML parser ran out of stack here); the document is not checked: kubectl and the API server read up to 10,000 levels';

function syntaxDiagnostics(doc: ParsedDocument): Diagnostic[] {
  return doc.errors.map((e) =>
    e.code === 'RESOURCE_EXHAUSTION' && TOO_DEEP.test(e.message)
      ? spanDiagnostic(doc, [e.pos[0], e.pos[1]], DiagnosticSeverity.Warning, 'yaml-syntax', TOO_DEEP_MESSAGE)
      : spanDiagnostic(doc, [e.pos[0], e.pos[1]], DiagnosticSeverity.Error, 'yaml-syntax', e.message.split('\n')[0]),
  );
}

function duplicateKeyDiagnostics(doc: ParsedDocument): Diagnostic[] {
  return doc.duplicateKeys.map((d) => {
    const firstLine = positionAt(doc.lineStarts, d.first).line + doc.startLine + 1;
    const message = `key ${JSON.stringify(d.key)} is repeated (first on line ${firstLine}): kubectl keeps only this last value`;
    return spanDiagnostic(doc, d.range, DiagnosticSeverity.Warning, 'yaml-duplicate-key', message);
  });
}

function lineOf(doc: ParsedDocument): (offset: number) => number {
  return (o) => positionAt(doc.lineStarts, o).line + 1;
}

/** Validate one document (a piece of a file); documents that are not Forkspacer's get no diagnostics. */
export async function validateDocument(doc: ParsedDocument, ctx: ValidationContext): Promise<Diagnostic[]> {
  if (doc.kind === 'other') return [];
  try {
    if (doc.errors.length) return syntaxDiagnostics(doc);
    switch (doc.kind) {
      case 'custom':
      case 'helm':
        return validateResourceDocument(doc, ctx);
      case 'module':
        return [...duplicateKeyDiagnostics(doc), ...(await validateModuleDocument(doc, ctx))];
      case 'workspace':
        return [...duplicateKeyDiagnostics(doc), ...validateWorkspaceDocument(doc)];
    }
  } catch (e) {
    if (ctx.signal?.aborted) throw e;
    // A bug here must never take the editor down: say so on the document instead.
    return [
      {
        range: rangeOf(doc, []),
        severity: DiagnosticSeverity.Information,
        source: SOURCE,
        code: 'yaml-syntax',
        message: `forkspacer: internal error while validating: ${e instanceof Error ? e.message : String(e)}`,
      },
    ];
  }
  return [];
}

/** Validate every document of a file. */
export async function validateText(text: string, ctx: ValidationContext): Promise<Diagnostic[]> {
  const file = parseYamlFile(text);
  const out: Diagnostic[] = [];
  for (const doc of file.documents) {
    ctx.signal?.throwIfAborted();
    out.push(...(await validateDocument(doc, ctx)));
  }
  return out;
}

/** Stage 3 of HandleResource: Check(operatorVersion). */
export function versionProblem(staged: StagedDecode, settings: CoreSettings): Problem | undefined {
  if (staged.constraint || !staged.definition) return undefined;
  const sov = staged.definition.metadata.supportedOperatorVersion;
  const parsed = parseConstraint(sov);
  if (parsed.ok && !constraintAllows(parsed.constraint, settings.operatorVersion)) {
    return {
      code: 'operator-version-unsupported',
      severity: 'error',
      message: `operator version ${versionString(settings.operatorVersion)} does not satisfy supported version constraint ${JSON.stringify(sov)}`,
      path: ['metadata', 'supportedOperatorVersion'],
      data: { operatorVersion: settings.operatorVersion },
    };
  }
  return undefined;
}

/** Rules the local host waives (install.ts WaivableRule): it builds or loads a local plugin the operator would not download. */
const LOCAL_HOST_RUNS: ReadonlySet<RuleCode> = new Set<RuleCode>(['repo-file-scheme'] satisfies WaivableRule[]);

/**
 * A problem as the audience needs it: for the editor, a rule the local host waives is a warning that says what the
 * operator does and what the local host does instead (operator: only http(s) plugin URLs are downloaded).
 */
function forAudience(p: Problem, ctx: Pick<ValidationContext, 'audience'>): Problem {
  if (ctx.audience !== 'local-host' || !LOCAL_HOST_RUNS.has(p.code) || p.severity !== 'error') return p;
  const file = typeof p.data?.file === 'string' ? p.data.file : '';
  const what = /\.so$/i.test(file) ? 'loads this .so' : 'builds this Go source folder';
  return {
    ...p,
    severity: 'warning',
    message: `the operator downloads only http(s) plugin URLs and refuses '${file}'; the local host ${what} (publish the .so at an http(s) URL for a cluster)`,
  };
}

function resourceDiagnostics(
  doc: ParsedDocument,
  staged: StagedDecode,
  ctx: Pick<ValidationContext, 'settings' | 'audience'>,
  prefix: YamlPath,
  mode: 'v3' | 'kubectl',
): Diagnostic[] {
  const problems = allProblems(staged);
  const version = versionProblem(staged, ctx.settings);
  if (version) problems.push(version);
  problems.push(...scalarTraps(doc, prefix, staged, mode));
  return problems.map((p) => toDiagnostic(doc, forAudience(p, ctx), prefix));
}

function validateResourceDocument(doc: ParsedDocument, ctx: ValidationContext): Diagnostic[] {
  const root = fromYaml(doc.doc.contents, doc.doc, lineOf(doc), 'v3');
  const staged = decodeResourceStaged(root);
  setItemRanges(doc, staged.definition?.config, []);
  const diagnostics = resourceDiagnostics(doc, staged, ctx, [], 'v3');
  // The file on its own: rendered as the operator renders it for a Module that sets nothing (the defaults).
  if (
    staged.definition?.kind === 'Helm' &&
    !refusedBeforeRender(staged, ctx.settings) &&
    hasTemplates(staged.definition.spec)
  ) {
    const verdict = helmVerdict(doc.text, null, DEFAULT_RELEASE_NAME);
    const said = diagnostics.filter((d) => d.severity === DiagnosticSeverity.Error).map((d) => d.message);
    if ('unavailable' in verdict) diagnostics.push(toDiagnostic(doc, unavailableProblem(verdict, ['spec'])));
    else
      for (const f of newFindings(verdict, said))
        diagnostics.push(
          toDiagnostic(doc, {
            code: 'helm-template-render',
            severity: 'error',
            message: `${f.message} (rendered with the config items' defaults)`,
            path: ['spec', ...f.specPath],
          }),
        );
  }
  return diagnostics;
}

/** The release name a resource file is rendered with on its own (a Module's is `<namespace>-<name>`). */
export const DEFAULT_RELEASE_NAME = 'default-module';

/**
 * Whether the operator refuses the resource before rendering: every stage of HandleResource and the Helm spec's typed
 * decode and template parse. HelmModuleSpec.Validate's refusals (helm-field-missing) come after RenderSpec: the
 * rendering still runs, and a template that fails is what the operator reports.
 */
function refusedBeforeRender(staged: StagedDecode, settings: CoreSettings): boolean {
  return (
    allProblems(staged).some(
      (p) => p.severity === 'error' && p.code !== 'helm-field-missing' && p.code !== 'helm-template-invalid',
    ) || versionProblem(staged, settings) !== undefined
  );
}

/** The findings not already said: Validate's refusal of a field without a template is among the static errors. */
function newFindings(verdict: HelmVerdict, said: readonly string[]): ReturnType<typeof renderFindings> {
  const inner = verdict.inner ?? '';
  if (verdict.stage === 'validate' && said.some((m) => m.includes(inner))) return [];
  // A template that does not parse is already said (decode.ts); the others may fail to execute: Go's map order decides
  // which one the operator names.
  return renderFindings(verdict).filter((f) => !said.some((m) => m.startsWith(f.message)));
}

function unavailableProblem(v: Unavailable, path: YamlPath): Problem {
  return { code: 'helm-template-render', severity: 'information', message: v.unavailable, path, on: 'key' };
}

/**
 * The Module's verdict past ValidateConfig for a Helm resource with templates: the operator's own RenderSpec and
 * Validate (helmRender.ts) with the Module's spec.config and release name. Placed on the config key the failing
 * template names (else spec.config, else the source), with the template string as related information.
 */
function moduleRenderDiagnostics(
  doc: ParsedDocument,
  m: ReturnType<typeof readModule>,
  resolved: Extract<ResolveResult, { ok: true }>,
  ctx: ValidationContext,
  said: readonly string[],
): Diagnostic[] {
  if (resolved.definition.kind !== 'Helm' || !resolved.staged || refusedBeforeRender(resolved.staged, ctx.settings))
    return [];
  if (!hasTemplates(resolved.definition.spec)) return [];
  const raw = m.source.type === 'raw';
  const text = raw ? goJson(m.source.type === 'raw' ? m.source.raw : null) : resolved.text;
  if (text === undefined) return [];
  const value = doc.value as { spec?: { config?: unknown } } | null;
  const config = value?.spec?.config;
  const configJson = config === undefined || config === null ? '' : goJson(config);
  const verdict: HelmVerdict | Unavailable = helmVerdict(text, configJson, `${m.namespace}-${m.name}`, raw);
  const sourceKey: YamlPath = ['spec', 'source', m.source.type === 'raw' ? 'raw' : m.source.type];
  if ('unavailable' in verdict) return [toDiagnostic(doc, unavailableProblem(verdict, sourceKey))];
  const configMap = config && typeof config === 'object' && !Array.isArray(config) ? config : undefined;
  return newFindings(verdict, said).map((f) => {
    const ref = f.template ? configRefs(f.template).find((a) => configMap && a in configMap) : undefined;
    const at: YamlPath = ref !== undefined ? ['spec', 'config', ref] : configMap ? ['spec', 'config'] : sourceKey;
    const d = toDiagnostic(doc, {
      code: 'helm-template-render',
      severity: 'error',
      message: f.message,
      path: at,
      on: ref !== undefined ? 'value' : 'key',
      data: { specPath: f.specPath, ...(f.template !== undefined ? { template: f.template } : {}) },
    });
    const related = relatedTemplate(doc, resolved, f.specPath, ctx.documentUri);
    if (related) d.relatedInformation = [related];
    return d;
  });
}

/** The template string in the resource: inside this Module (source.raw) or in the mapped local file. */
function relatedTemplate(
  doc: ParsedDocument,
  resolved: Extract<ResolveResult, { ok: true }>,
  specPath: (string | number)[],
  documentUri: string | undefined,
): DiagnosticRelatedInformation | undefined {
  const message = 'the template the operator renders';
  if (resolved.origin === 'inline') {
    if (!documentUri) return undefined;
    return {
      location: { uri: documentUri, range: rangeOf(doc, ['spec', 'source', 'raw', 'spec', ...specPath]) },
      message,
    };
  }
  if (!resolved.text || !resolved.location) return undefined;
  const first = parseYamlFile(resolved.text).documents[0];
  if (!first) return undefined;
  const range = rangeOf(first, ['spec', ...specPath]);
  // A local file (a mapped URL) or the fetched URL; a ConfigMap (cluster checks) has no document to point at.
  if (resolved.origin === 'file' && !isAbsolute(resolved.location)) return undefined;
  const uri = resolved.origin === 'file' ? pathToFileURL(resolved.location).href : resolved.location;
  return { location: { uri, range }, message };
}

function setItemRanges(doc: ParsedDocument, items: ConfigItem[] | undefined, prefix: YamlPath): void {
  items?.forEach((item, i) => {
    item.range = rangeOf(doc, [...prefix, 'config', i]);
  });
}

const STRING_TARGETS = new Set(['string', 'option', 'multiple-options']);

/**
 * YAML traps in a resource definition: a number written where the operator reads a string (unquoted 1.10 is the
 * float 1.1, so the operator reads "1.1"), and YAML 1.1 booleans. `mode` is the reader of the surrounding text.
 */
function scalarTraps(doc: ParsedDocument, prefix: YamlPath, staged: StagedDecode, mode: 'v3' | 'kubectl'): Problem[] {
  const problems: Problem[] = [];
  const items = nodeAt(doc.doc, [...prefix, 'config']).node;
  const check = (path: YamlPath, node: unknown) => {
    if (!isScalar(node) || node.type !== 'PLAIN' || typeof node.source !== 'string') return;
    const resolved = resolvePlain(node.source, mode);
    if ((resolved.tag === '!!int' || resolved.tag === '!!float') && goScalarText(resolved.value) !== node.source) {
      problems.push({
        code: 'yaml-float-version',
        severity: 'warning',
        message: `unquoted ${node.source} is the number ${goScalarText(resolved.value)}: the operator reads '${goScalarText(resolved.value)}'; quote it to keep "${node.source}"`,
        path,
        data: { text: node.source },
      });
    }
  };
  if (isSeq(items)) {
    items.items.forEach((item, i) => {
      if (!isMap(item)) return;
      const type = staged.definition?.config[i]?.type;
      const spec = item.get('spec', true);
      if (!isMap(spec)) return;
      if (type && STRING_TARGETS.has(type)) {
        for (const key of ['default', 'values']) {
          const node = spec.get(key, true);
          if (isSeq(node)) node.items.forEach((member, j) => check(['config', i, 'spec', key, j], member));
          else check(['config', i, 'spec', key], node);
        }
      }
    });
  }
  // yaml.v3 reads yes/no/on/off as booleans only into a typed bool field: right here, a string anywhere else.
  if (mode === 'v3' && isSeq(items)) {
    items.items.forEach((item, i) => {
      const spec = isMap(item) ? item.get('spec', true) : undefined;
      if (!isMap(spec)) return;
      const type = staged.definition?.config[i]?.type;
      for (const key of ['required', 'editable', ...(type === 'boolean' ? ['default'] : [])]) {
        const node = spec.get(key, true);
        if (!isScalar(node) || node.type !== 'PLAIN' || typeof node.source !== 'string') continue;
        const value = YAML11_TRUE.has(node.source) ? true : YAML11_FALSE.has(node.source) ? false : undefined;
        if (value === undefined) continue;
        problems.push({
          code: 'yaml11-boolean',
          severity: 'information',
          message: `'${node.source}' is read as ${value} here only because yaml.v3 accepts YAML 1.1 booleans in a bool field; write ${value}`,
          path: ['config', i, 'spec', key],
          data: { text: node.source, value },
        });
      }
    });
  }
  // Inline (kubectl-read) resources: metadata strings written as numbers lose their form too.
  if (mode === 'kubectl') {
    const meta = nodeAt(doc.doc, [...prefix, 'metadata']).node;
    if (isMap(meta))
      for (const key of ['name', 'version', 'supportedOperatorVersion']) check(['metadata', key], meta.get(key, true));
  }
  return problems;
}

/**
 * A yes/no/on/off given to a boolean config item is meant as the boolean: quoting it (the other fix for the
 * YAML 1.1 warning) would make it a string the operator refuses, so its diagnostic says it is a boolean's value.
 */
function markBooleanValues(doc: ParsedDocument, diagnostics: Diagnostic[], items: ConfigItem[]): void {
  for (const item of items) {
    if (item.type !== 'boolean') continue;
    const node = nodeAt(doc.doc, ['spec', 'config', item.alias]).node;
    if (!isScalar(node) || !node.range) continue;
    const at = documentRange(doc, node.range[0], node.range[1]).start;
    for (const d of diagnostics)
      if (d.code === 'yaml11-boolean' && d.range.start.line === at.line && d.range.start.character === at.character)
        d.data = { ...(d.data as object), booleanItem: true };
  }
}

/** Every plain yes/no/on/off/y/n in a kubectl-read document: a boolean to kubectl (YAML 1.1), a string to YAML 1.2. */
function yaml11Diagnostics(doc: ParsedDocument): Diagnostic[] {
  const found: Diagnostic[] = [];
  walkNodes(doc.doc.contents, {
    scalar(node, isKey) {
      if (node.type !== 'PLAIN' || typeof node.source !== 'string') return;
      const value = YAML11_TRUE.has(node.source);
      if (!value && !YAML11_FALSE.has(node.source)) return;
      const text = node.source;
      found.push({
        range: documentRange(doc, node.range?.[0] ?? 0, node.range?.[1] ?? 0),
        severity: DiagnosticSeverity.Warning,
        source: SOURCE,
        code: 'yaml11-boolean',
        message: isKey
          ? `the key '${text}' is the boolean ${value} to kubectl (YAML 1.1): the operator sees the key '${value}'; quote it`
          : `'${text}' is the boolean ${value} to kubectl (YAML 1.1) but the string "${text}" to YAML 1.2 tools; write ${value} or quote it`,
        data: { text, value, isKey },
      });
    },
  });
  return found;
}

async function validateModuleDocument(doc: ParsedDocument, ctx: ValidationContext): Promise<Diagnostic[]> {
  const value = doc.value;
  const m = readModule(value);
  // The API server first (kubectl, strict decoding, the CRD's schema), then the webhook's and the controller's checks.
  const problems: Problem[] = [...crdProblems('Module', value).problems, ...moduleSpecProblems(value, m)];
  const diagnostics: Diagnostic[] = [];

  diagnostics.push(...yaml11Diagnostics(doc));

  const winner = m.sources[0];
  let resolved: ResolveResult | undefined;
  if (winner === 'raw') {
    // The embedded resource: problems are placed inside the Module, at spec.source.raw.
    const prefix: YamlPath = ['spec', 'source', 'raw'];
    // The operator reads source.raw as kubectl stored it, turned back into YAML (JSONToYAML): lines are that text's.
    const staged = decodeResourceStaged(fromMarshalled(m.source.type === 'raw' ? m.source.raw : null, []));
    setItemRanges(doc, staged.definition?.config, prefix);
    diagnostics.push(...resourceDiagnostics(doc, staged, ctx, prefix, 'kubectl'));
    if (staged.definition)
      resolved = { ok: true, definition: staged.definition, origin: 'inline', problems: allProblems(staged), staged };
  } else if (
    (winner === 'httpURL' && !problems.some((p) => p.code === 'module-source-scheme')) ||
    winner === 'configMap'
  ) {
    // A ConfigMap source is resolved only by a resolver that reaches a cluster (the language server's cluster
    // checks); the core's own resolver answers reason 'configMap' and the information below says so.
    resolved = await ctx.resolver.resolve(m.source, { documentUri: ctx.documentUri }, ctx.signal);
    const at: YamlPath = winner === 'configMap' ? ['spec', 'source', 'configMap'] : ['spec', 'source', 'httpURL'];
    const url =
      m.source.type === 'httpURL'
        ? m.source.url
        : m.source.type === 'configMap'
          ? `ConfigMap ${m.source.namespace}/${m.source.name}`
          : '';
    if (!resolved.ok) {
      if (resolved.reason === 'configMap')
        problems.push({
          code: 'module-source-configmap-unresolved',
          severity: 'information',
          message: 'the resource is resolved from the cluster at install; spec.config not checked here',
          path: at,
          on: 'key',
        });
      else if (resolved.reason === 'fetch-failed')
        problems.push({
          code: 'module-source-fetch-failed',
          severity: 'warning',
          message: `${resolved.message}; spec.config not checked`,
          path: at,
        });
      else if (resolved.reason === 'disabled')
        problems.push({
          code: 'module-source-fetch-failed',
          severity: 'information',
          message: `${resolved.message}; spec.config not checked`,
          path: at,
        });
      else if (resolved.reason === 'invalid')
        problems.push({
          code: 'module-source-fetch-failed',
          severity: 'error',
          message: `the resource at ${url} is refused by the operator: ${resolved.message}`,
          path: at,
        });
    } else if (resolved.staged) {
      const refusals = allProblems(resolved.staged).filter((p) => p.severity === 'error');
      const version = versionProblem(resolved.staged, ctx.settings);
      if (version) refusals.unshift(version);
      for (const r of refusals.slice(0, 3)) {
        const shown = forAudience(r, ctx);
        problems.push({
          code: r.code,
          severity: shown.severity,
          message:
            shown === r
              ? `the resource at ${resolved.location ?? url} is refused by the operator: ${r.message}`
              : `the resource at ${resolved.location ?? url}: ${shown.message}`,
          path: at,
        });
      }
    }
  }

  if (resolved?.ok && m.configIsMap) {
    markBooleanValues(doc, diagnostics, resolved.definition.config);
    const config = (m.config ?? undefined) as Record<string, unknown> | undefined;
    const configPath: YamlPath = ['spec', 'config'];
    for (const p of configProblems(resolved.definition.config, config)) {
      const node = nodeAt(doc.doc, [...configPath, ...p.path]).node;
      // Carry the value as written, for the "quote it" fix (1.10 → "1.10", yes → "yes").
      if (isScalar(node) && node.type === 'PLAIN' && typeof node.source === 'string')
        p.data = { ...(p.data ?? {}), text: node.source };
      problems.push({ ...p, path: [...configPath, ...p.path] });
      // A number where a string is needed, written so that YAML changes it (1.10 is 1.1): say so.
      if (
        p.code === 'config-type-mismatch' &&
        isScalar(node) &&
        node.type === 'PLAIN' &&
        typeof node.source === 'string'
      ) {
        const resolvedText = goScalarText(resolvePlain(node.source, 'kubectl').value);
        if (typeof node.value === 'number' && resolvedText !== node.source) {
          problems.push({
            code: 'yaml-float-version',
            severity: 'warning',
            message: `unquoted ${node.source} is the number ${resolvedText}; quote it: "${node.source}"`,
            path: [...configPath, ...p.path],
            data: { text: node.source },
          });
        }
      }
    }
  }

  diagnostics.push(...problems.map((p) => toDiagnostic(doc, p)));
  // The operator renders the Helm spec once everything before it passed (admission, the resource, ValidateConfig);
  // HelmModuleSpec.Validate (helm-field-missing) comes after it.
  const errors = diagnostics.filter((d) => d.severity === DiagnosticSeverity.Error);
  if (
    resolved?.ok &&
    m.configIsMap &&
    errors.every((d) => d.code === 'helm-field-missing' || d.code === 'helm-template-invalid')
  )
    diagnostics.push(
      ...moduleRenderDiagnostics(
        doc,
        m,
        resolved,
        ctx,
        errors.map((d) => d.message),
      ),
    );
  return diagnostics;
}

function validateWorkspaceDocument(doc: ParsedDocument): Diagnostic[] {
  const value = doc.value as Record<string, unknown> | null;
  const spec =
    value && typeof value === 'object' && value.spec && typeof value.spec === 'object'
      ? (value.spec as Record<string, unknown>)
      : {};
  const problems: Problem[] = [];
  const e = (
    message: string,
    path: YamlPath,
    data?: Record<string, unknown>,
    on: Problem['on'] = 'value',
  ): Problem => ({ code: 'workspace-field', severity: 'error', message, path, on, ...(data ? { data } : {}) });
  // Types, required fields, lengths and enums are the CRD's (crd.ts); what follows is the webhook's ValidateCreate.
  problems.push(...crdProblems('Workspace', value).problems);
  const conn =
    spec.connection && typeof spec.connection === 'object' ? (spec.connection as Record<string, unknown>) : undefined;
  if (conn?.type === 'kubeconfig' && (conn.secretReference === undefined || conn.secretReference === null)) {
    problems.push(
      e(
        'spec.connection.secretReference: Required value: secretReference is required when connection type is kubeconfig',
        ['spec', 'connection'],
        undefined,
        'key',
      ),
    );
  }
  const auto =
    spec.autoHibernation && typeof spec.autoHibernation === 'object'
      ? (spec.autoHibernation as Record<string, unknown>)
      : undefined;
  if (auto) {
    if (typeof auto.schedule === 'string') {
      const err = cronError(String(auto.schedule));
      if (err)
        problems.push(
          e(`spec.schedule: Invalid value: ${JSON.stringify(String(auto.schedule))}: ${err}`, [
            'spec',
            'autoHibernation',
            'schedule',
          ]),
        );
    }
    if (typeof auto.wakeSchedule === 'string') {
      const err = cronError(String(auto.wakeSchedule));
      if (err)
        problems.push(
          e(`spec.wakeSchedule: Invalid value: ${JSON.stringify(String(auto.wakeSchedule))}: ${err}`, [
            'spec',
            'autoHibernation',
            'wakeSchedule',
          ]),
        );
      else if (String(auto.wakeSchedule) === String(auto.schedule))
        problems.push(
          e(
            `spec.wakeSchedule: Invalid value: ${JSON.stringify(String(auto.wakeSchedule))}: wakeSchedule cannot be the same as schedule`,
            ['spec', 'autoHibernation', 'wakeSchedule'],
          ),
        );
    }
  }
  return [...problems.map((p) => toDiagnostic(doc, p)), ...yaml11Diagnostics(doc)];
}
