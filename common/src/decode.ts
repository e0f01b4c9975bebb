// The operator's typed decode of a resource definition (pkg/resources: HandleResource, config.go, custom.go,
// helm.go), stage by stage, so that callers can report every problem (the validator) or the first refusal in the
// operator's order (the install plan). Paths are relative to the resource's root.
import { goTransportRefusal, goUrlParse } from './goUrl';
import { goTemplateParseError } from './helmRender';
import { parseAllDocuments } from 'yaml';
import semver from 'semver';
import type { ConfigItem, ConfigItemSpec, ResourceDefinition } from './types';
import { CONFIG_TYPES } from './types';
import type { Problem, YamlPath } from './problem';
import { Decoder, fromMarshalled, fromValue, fromYaml, type TNode } from './typedDecode';
import { parseConstraint } from './constraint';
import { compileRe2, re2Find } from './re2';
import { computeLineStarts, positionAt } from './document';
import { goTypeList } from './goFormat';

export interface DecodeResult {
  definition?: ResourceDefinition;
  problems: Problem[];
}

/** The stages of HandleResource; the operator stops at the first failing one. */
export interface StagedDecode {
  definition?: ResourceDefinition;
  /** Stage 1, ReadResource[BaseResource]: "failed to read module type: ...". */
  decode: Problem[];
  decodeMessage?: string;
  /** Stage 2, semver.NewConstraint(supportedOperatorVersion). */
  constraint?: Problem;
  /** Stage 4a, GenerateConfigInputValidator: unregistered type, spec decode, regex; in item order. */
  config: Problem[];
  /** Stage 5, the kind's own decode and Validate (or "unknown kind"). */
  kind: Problem[];
  /** What the operator accepts but a user should know. */
  warnings: Problem[];
}

/** The kind's typed decode failed: one problem per yaml.v3 type error, the operator's message on each. */
function kindDecodeFailed(d: Decoder, prefix: string, out: StagedDecode): boolean {
  for (const e of d.errors)
    out.kind.push(
      err('config-spec-invalid', `${prefix}: yaml: unmarshal errors: ${e.message}`, e.path, 'value', {
        message: `${prefix}: ${d.message()}`,
        goType: e.goType,
      }),
    );
  return d.errors.length > 0;
}

const err = (
  code: Problem['code'],
  message: string,
  path: YamlPath,
  on: Problem['on'] = 'value',
  data?: Record<string, unknown>,
): Problem => ({
  code,
  severity: 'error',
  message,
  path,
  on,
  ...(data ? { data } : {}),
});
const warn = (
  code: Problem['code'],
  message: string,
  path: YamlPath,
  on: Problem['on'] = 'value',
  data?: Record<string, unknown>,
  severity: Problem['severity'] = 'warning',
): Problem => ({
  code,
  severity,
  message,
  path,
  on,
  ...(data ? { data } : {}),
});

const SPEC_TYPE_NAMES: Record<string, string> = {
  string: 'resources.StringSpec',
  integer: 'resources.IntegerSpec',
  float: 'resources.FloatSpec',
  boolean: 'resources.BooleanSpec',
  option: 'resources.OptionSpec',
  'multiple-options': 'resources.MultipleOptionsSpec',
};

/** Kubernetes resource.Quantity syntax. */
const QUANTITY = /^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)(([KMGTPE]i)|[mkMGTPE]|[eE][+-]?[0-9]+)?$/;

/** Decode a resource definition from its value (or its text, whose lines then appear in messages). */
export function decodeResource(value: unknown, text?: string): DecodeResult {
  const staged = decodeResourceStaged(rootNode(value, text));
  return { definition: staged.definition, problems: allProblems(staged) };
}

export function allProblems(staged: StagedDecode): Problem[] {
  return [
    ...staged.decode,
    ...(staged.constraint ? [staged.constraint] : []),
    ...staged.config,
    ...staged.kind,
    ...staged.warnings,
  ];
}

function rootNode(value: unknown, text?: string): TNode {
  if (text !== undefined && value === undefined) {
    try {
      const docs = parseAllDocuments(text, { prettyErrors: false });
      const doc = Array.isArray(docs) ? docs[0] : undefined;
      if (doc) {
        const lineStarts = computeLineStarts(text);
        return fromYaml(doc.contents, doc, (o) => positionAt(lineStarts, o).line + 1, 'v3');
      }
    } catch {
      // fall through: an undecodable text is an empty resource
    }
    return fromValue(null);
  }
  return fromValue(value);
}

/** Run every stage (not stopping at the first failure) over a typed-decode node tree. */
export function decodeResourceStaged(root: TNode): StagedDecode {
  const out: StagedDecode = { decode: [], config: [], kind: [], warnings: [] };

  // Stage 1: yaml.Unmarshal into BaseResource {kind, metadata{name, version, supportedOperatorVersion}, config[]}.
  const d = new Decoder();
  const top = d.struct(root, 'resources.BaseResource');
  const kind = d.string(top?.get('kind'), 'resources.KindType');
  const meta = d.struct(top?.get('metadata'), 'resources.ObjectMeta');
  const name = d.string(meta?.get('name'));
  const version = d.string(meta?.get('version'));
  const sov = d.string(meta?.get('supportedOperatorVersion'));
  const configNodes = d.list(top?.get('config'), '[]resources.ConfigItem') ?? [];
  const rawItems = configNodes.map((n) => {
    const fields = d.struct(n, 'resources.ConfigItem');
    return {
      node: n,
      type: d.string(fields?.get('type')),
      name: d.string(fields?.get('name')),
      alias: d.string(fields?.get('alias')),
      spec: fields?.get('spec'),
    };
  });
  if (d.errors.length) {
    out.decodeMessage = `failed to read module type: ${d.message()}`;
    for (const e of d.errors)
      out.decode.push(
        err('config-spec-invalid', `failed to read module type: ${e.message}`, e.path, 'value', { goType: e.goType }),
      );
  }

  // Stage 2: the constraint must parse (an empty one does not).
  const parsed = parseConstraint(sov);
  if (!parsed.ok) {
    const path = meta?.has('supportedOperatorVersion')
      ? ['metadata', 'supportedOperatorVersion']
      : meta
        ? ['metadata']
        : [];
    out.constraint = err(
      'operator-version-constraint-invalid',
      `failed to parse supported operator version constraint ${goQuote(sov)}: ${parsed.error}`,
      path,
      meta ? 'value' : 'key',
    );
  }

  // Stage 4a: one validator per item, in order.
  const items: ConfigItem[] = [];
  rawItems.forEach((raw, i) => {
    const item = decodeConfigItem(raw, i, out);
    items.push(item);
  });
  configWarnings(items, rawItems, out);

  // Stage 5: the kind's own decode and validation.
  const specNode = top?.get('spec');
  let spec: Record<string, unknown> = {};
  if (specNode && specNode.tag === '!!map') spec = specNode.value as Record<string, unknown>;
  if (kind === 'Custom') decodeCustomSpec(specNode, out);
  else if (kind === 'Helm') decodeHelmSpec(specNode, items, out);
  else
    out.kind.push(
      err(
        'config-spec-invalid',
        `unknown kind: ${kind}`,
        top?.has('kind') ? ['kind'] : [],
        top?.has('kind') ? 'value' : 'key',
      ),
    );

  metadataWarnings(meta, name, version, out);

  if (!out.decode.length && (kind === 'Custom' || kind === 'Helm')) {
    const metadata: ResourceDefinition['metadata'] = { name, version, supportedOperatorVersion: sov };
    for (const k of ['author', 'description', 'category', 'image'] as const) {
      const v = meta?.get(k);
      if (v && v.tag !== '!!null' && v.tag !== '!!seq' && v.tag !== '!!map') metadata[k] = v.text;
    }
    const usage = meta?.get('resource_usage');
    if (usage?.entries) {
      const ru: { cpu?: string; memory?: string } = {};
      for (const k of ['cpu', 'memory'] as const) {
        const v = usage.entries.get(k);
        if (v && v.tag !== '!!null' && v.tag !== '!!seq' && v.tag !== '!!map') ru[k] = v.text;
      }
      metadata.resource_usage = ru;
    }
    out.definition = { kind, metadata, config: items, spec };
  }
  return out;
}

/** Go's %q for a plain string. */
export function goQuote(s: string): string {
  return JSON.stringify(s);
}

interface RawItem {
  node: TNode;
  type: string;
  name: string;
  alias: string;
  spec: TNode | undefined;
}

function decodeConfigItem(raw: RawItem, i: number, out: StagedDecode): ConfigItem {
  const base: YamlPath = ['config', i];
  const specPath: YamlPath = [...base, 'spec'];
  const specValue = raw.spec?.value ?? null;
  const specMap =
    specValue && typeof specValue === 'object' && !Array.isArray(specValue)
      ? (specValue as Record<string, unknown>)
      : {};
  const has = (k: string) => Object.prototype.hasOwnProperty.call(specMap, k) && specMap[k] !== null;
  const spec: ConfigItemSpec = {
    required: false,
    default: null,
    hasDefault: has('default'),
    editable: false,
    editableOmitted: !has('editable'),
  };
  const item: ConfigItem = { type: raw.type, name: raw.name, alias: raw.alias, spec };
  if (!(CONFIG_TYPES as readonly string[]).includes(raw.type)) {
    const onType = raw.node.entries?.has('type');
    out.config.push(
      err(
        'config-type-unknown',
        `unregistered field type: ${raw.type}`,
        onType ? [...base, 'type'] : base,
        onType ? 'value' : 'value',
        { types: [...CONFIG_TYPES] },
      ),
    );
    return item;
  }
  // The operator re-marshals `spec` with yaml.v3 and unmarshals it into the type's struct.
  const node = fromMarshalled(specValue, specPath);
  const d = new Decoder();
  const fields = d.struct(node, SPEC_TYPE_NAMES[raw.type]);
  const f = (k: string) => fields?.get(k);
  spec.required = d.bool(f('required'));
  spec.editable = d.bool(f('editable'));
  switch (raw.type) {
    case 'string':
      spec.default = d.string(f('default'));
      spec.regex = d.string(f('regex')) || undefined;
      break;
    case 'option':
      spec.default = d.string(f('default'));
      spec.values = d.stringList(f('values')) ?? undefined;
      break;
    case 'integer':
      spec.default = d.int(f('default'));
      spec.min = d.int(f('min'), true);
      spec.max = d.int(f('max'), true);
      for (const k of ['default', 'min', 'max']) {
        const n = f(k);
        if (n?.tag === '!!float' && Number.isFinite(n.value as number) && !Number.isInteger(n.value)) {
          out.warnings.push(
            warn(
              'config-integer-truncated',
              `${k}: ${n.text} is read as ${Math.trunc(n.value as number)} by the operator (yaml.v3 truncates a float into an int)`,
              [...specPath, k],
            ),
          );
        }
      }
      break;
    case 'float':
      spec.default = d.float(f('default'));
      spec.min = d.float(f('min'), true);
      spec.max = d.float(f('max'), true);
      break;
    case 'boolean':
      spec.default = d.bool(f('default'));
      break;
    case 'multiple-options':
      spec.default = d.stringList(f('default'));
      spec.values = d.stringList(f('values')) ?? undefined;
      spec.min = d.int(f('min'), true);
      spec.max = d.int(f('max'), true);
      break;
  }
  for (const e of d.errors)
    out.config.push(
      err('config-spec-invalid', `yaml: unmarshal errors: ${e.message}`, e.path, 'value', {
        message: d.message(),
        goType: e.goType,
      }),
    );
  if (raw.type === 'string' && spec.regex !== undefined) {
    const compiled = compileRe2(spec.regex);
    if (!compiled.ok)
      out.config.push(
        err('config-regex-invalid', `invalid regex pattern: ${compiled.error}`, [...specPath, 'regex'], 'value', {
          message: `invalid regex pattern: ${compiled.error}`,
        }),
      );
  }
  return item;
}

function inRange(n: number, min?: number, max?: number): boolean {
  return (min === undefined || n >= min) && (max === undefined || n <= max);
}

function configWarnings(items: ConfigItem[], raws: RawItem[], out: StagedDecode): void {
  const lastIndex = new Map<string, number>();
  items.forEach((item, i) => lastIndex.set(item.alias, i));
  items.forEach((item, i) => {
    const base: YamlPath = ['config', i];
    const specPath: YamlPath = [...base, 'spec'];
    const hasAlias = raws[i].node.entries?.has('alias');
    if (item.alias === '') {
      out.warnings.push(
        warn(
          'config-alias-missing',
          `config item '${item.name}' has no alias: a Module cannot set it`,
          hasAlias ? [...base, 'alias'] : base,
        ),
      );
    } else if (lastIndex.get(item.alias) !== i) {
      out.warnings.push(
        warn(
          'config-alias-duplicate',
          `duplicate alias '${item.alias}': the operator keeps only the last item with this alias`,
          [...base, 'alias'],
        ),
      );
    }
    if (!(CONFIG_TYPES as readonly string[]).includes(item.type)) return;
    const s = item.spec;
    const alias = item.alias;
    if (s.required && s.hasDefault) {
      out.warnings.push(
        warn(
          'config-required-with-default',
          `the default never applies: the operator requires '${alias}' even with a default (field '${alias}' is required but missing)`,
          [...specPath, 'default'],
          'key',
          { alias },
        ),
      );
    }
    if (!s.editable) {
      const where: YamlPath = s.editableOmitted ? specPath : [...specPath, 'editable'];
      const on = s.editableOmitted ? 'key' : 'value';
      const data = { alias, editableOmitted: s.editableOmitted };
      if (s.required) {
        out.warnings.push(
          warn(
            'config-editable-omitted',
            `'${alias}' is required but not editable: every Module is refused (missing: "field '${alias}' is required but missing"; set: "field '${alias}' is not editable")${s.editableOmitted ? '. editable omitted means false to the operator' : ''}`,
            where,
            on,
            data,
          ),
        );
      } else if (s.editableOmitted) {
        out.warnings.push(
          warn(
            'config-editable-omitted',
            `editable is omitted: the operator treats '${alias}' as not editable, so a Module that sets it is refused (field '${alias}' is not editable)`,
            where,
            on,
            data,
            'information',
          ),
        );
      }
    }
    if ((item.type === 'option' || item.type === 'multiple-options') && (!s.values || s.values.length === 0)) {
      out.warnings.push(
        warn(
          'config-values-empty',
          `'${alias}' has no values: no value a Module gives can be valid`,
          s.values ? [...specPath, 'values'] : specPath,
          s.values ? 'value' : 'key',
          { alias },
        ),
      );
    }
    if (s.min !== undefined && s.max !== undefined && s.min > s.max) {
      out.warnings.push(
        warn('config-default-out-of-range', `min ${s.min} is greater than max ${s.max}: no value can be valid`, [
          ...specPath,
          'min',
        ]),
      );
    }
    if (!s.hasDefault) return;
    const d = s.default;
    const dp: YamlPath = [...specPath, 'default'];
    const outside = (why: string) =>
      out.warnings.push(
        warn(
          'config-default-out-of-range',
          `the default ${why}; the operator applies it unchecked when '${alias}' is omitted`,
          dp,
          'value',
          { alias },
        ),
      );
    if ((item.type === 'integer' || item.type === 'float') && typeof d === 'number' && !inRange(d, s.min, s.max))
      outside(`${d} is outside min/max`);
    if (item.type === 'string' && typeof d === 'string' && s.regex) {
      const re = compileRe2(s.regex);
      if (re.ok && !re2Find(re.regex, d)) outside(`'${d}' does not match the regex`);
    }
    if (item.type === 'option' && s.values?.length && !s.values.includes(String(d)))
      outside(`'${String(d)}' is not one of ${goTypeList(s.values)}`);
    if (item.type === 'multiple-options' && Array.isArray(d)) {
      const bad = d.filter((x) => !s.values?.includes(x));
      if (bad.length && s.values?.length) outside(`has ${bad.map((b) => `'${b}'`).join(', ')} not among the values`);
      if (!inRange(d.length, s.min, s.max)) outside(`selects ${d.length} options, outside min/max`);
    }
  });
}

function metadataWarnings(
  meta: Map<string, TNode> | undefined,
  name: string,
  version: string,
  out: StagedDecode,
): void {
  const missing = (k: string) =>
    out.warnings.push(
      warn(
        'resource-metadata-missing',
        `metadata.${k} is required by the Forkspacer docs (the operator does not check it)`,
        meta?.has(k) ? ['metadata', k] : meta ? ['metadata'] : [],
        meta?.has(k) ? 'value' : 'key',
        { key: k },
      ),
    );
  if (!name) missing('name');
  if (!version) missing('version');
  else if (!semver.valid(version)) {
    out.warnings.push(
      warn('resource-version-invalid', `metadata.version '${version}' is not a semantic version (e.g. 1.0.0)`, [
        'metadata',
        'version',
      ]),
    );
  }
  const usage = meta?.get('resource_usage');
  for (const k of ['cpu', 'memory']) {
    const v = usage?.entries?.get(k);
    if (v && v.tag !== '!!null' && !QUANTITY.test(v.text)) {
      out.warnings.push(
        warn(
          'quantity-invalid',
          `resource_usage.${k} '${v.text}' is not a Kubernetes quantity (e.g. 500m, 2, 512Mi, 2Gi)`,
          ['metadata', 'resource_usage', k],
        ),
      );
    }
  }
}

function decodeCustomSpec(specNode: TNode | undefined, out: StagedDecode): void {
  const d = new Decoder();
  const spec = d.struct(specNode, 'resources.CustomModuleSpec');
  const repoNode = spec?.get('repo');
  const repo = d.struct(repoNode, 'resources.CustomModuleRepo');
  const file = d.stringPtr(repo?.get('file'));
  const cmNode = repo?.get('configMap');
  const cm = d.struct(cmNode, 'resources.ResourceIndetifier');
  const cmName = d.string(cm?.get('name'));
  d.string(cm?.get('namespace'));
  if (kindDecodeFailed(d, 'failed to read base bundle information', out)) return;
  // CustomModuleRepo.Validate, in its order.
  const repoPath: YamlPath = spec?.has('repo') ? ['spec', 'repo'] : spec ? ['spec'] : [];
  const hasCm = cmNode !== undefined && cmNode.tag !== '!!null';
  if (file !== undefined && file === '')
    out.kind.push(err('repo-one-of', 'file path cannot be empty if specified', ['spec', 'repo', 'file']));
  else if (hasCm && cmName === '')
    out.kind.push(
      err(
        'repo-one-of',
        'invalid configMap configuration: Resource name cannot be empty',
        cm?.has('name') ? ['spec', 'repo', 'configMap', 'name'] : ['spec', 'repo', 'configMap'],
        cm?.has('name') ? 'value' : 'key',
      ),
    );
  else if (file === undefined && !hasCm)
    out.kind.push(
      err('repo-one-of', "either 'file' or 'configMap' must be specified for CustomModuleRepo", repoPath, 'key', {
        options: ['file', 'configMap'],
      }),
    );
  else if (file !== undefined && hasCm)
    out.kind.push(
      err('repo-one-of', "cannot specify both 'file' and 'configMap' for CustomModuleRepo", ['spec', 'repo'], 'key'),
    );
  // NewModuleCustomManager: http.NewRequest on repo.file (url.Parse), then the HTTP client refuses what it cannot get.
  const parsed = file ? goUrlParse(file) : undefined;
  const refusal = file && !parsed ? goTransportRefusal(file) : undefined;
  if (parsed)
    out.kind.push(
      err(
        'repo-file-scheme',
        `failed to write HTTP plugin file from ${goQuote(file ?? '')}: failed to create HTTP request: ${parsed.error}`,
        ['spec', 'repo', 'file'],
        'value',
        { file },
      ),
    );
  else if (refusal)
    out.kind.push(
      err(
        'repo-file-scheme',
        `file must be an http(s) URL of the plugin .so: the operator downloads it and fails: Get ${goQuote(file ?? '')}: ${refusal}`,
        ['spec', 'repo', 'file'],
        'value',
        { file },
      ),
    );
  if (hasCm && !cm?.has('namespace')) {
    out.warnings.push(
      warn(
        'repo-configmap-namespace-default',
        "configMap.namespace is omitted: the operator looks in namespace 'default' (the docs say the module's namespace)",
        ['spec', 'repo', 'configMap'],
        'key',
        undefined,
        'information',
      ),
    );
  }
}

function decodeHelmSpec(specNode: TNode | undefined, items: ConfigItem[], out: StagedDecode): void {
  const d = new Decoder();
  const spec = d.struct(specNode, 'resources.HelmModuleSpec');
  const namespace = d.string(spec?.get('namespace'));
  const repo = d.string(spec?.get('repo'));
  const chartName = d.string(spec?.get('chartName'));
  const version = d.string(spec?.get('version'));
  const values = (d.list(spec?.get('values'), '[]resources.HelmValues') ?? []).map((n) => {
    const v = d.struct(n, 'resources.HelmValues');
    const file = d.stringPtr(v?.get('file'));
    const cmNode = v?.get('configMap');
    const cm = d.struct(cmNode, 'resources.ResourceIndetifier');
    const cmName = d.string(cm?.get('name'));
    d.string(cm?.get('namespace'));
    const rawNode = v?.get('raw');
    const raw = d.struct(rawNode, 'map[string]interface {}');
    return {
      file,
      hasCm: cmNode !== undefined && cmNode.tag !== '!!null',
      cmName,
      rawSize: raw?.size ?? 0,
      cmHasName: cm?.has('name'),
    };
  });
  for (const n of d.list(spec?.get('outputs'), '[]struct { Name string "yaml:\\"name\\""; ... }') ?? []) {
    const o = d.struct(n, 'struct { Name string "yaml:\\"name\\""; ... }');
    d.string(o?.get('name'));
    const from = d.struct(o?.get('valueFrom'), 'struct { Secret ... }');
    const secret = d.struct(from?.get('secret'), 'struct { Name string; Key string; Namespace string }');
    for (const k of ['name', 'key', 'namespace']) d.string(secret?.get(k));
  }
  const cleanup = d.struct(spec?.get('cleanup'), 'struct { RemoveNamespace bool; RemovePVCs bool }');
  d.bool(cleanup?.get('removeNamespace'));
  d.bool(cleanup?.get('removePVCs'));
  if (kindDecodeFailed(d, 'failed to read Helm manager details', out)) return;
  // HelmModuleSpec.Validate, in its order (it stops at the first).
  values.forEach((v, i) => {
    const path: YamlPath = ['spec', 'values', i];
    if ((v.file === undefined || v.file === '') && !v.hasCm && v.rawSize === 0) {
      out.kind.push(
        err(
          'helm-field-missing',
          `HelmModuleSpec values entry ${i} failed validation: HelmValues must specify one of 'file', 'configMap', or 'raw'`,
          path,
        ),
      );
    } else if (v.hasCm && v.cmName === '') {
      out.kind.push(
        err(
          'helm-field-missing',
          `HelmModuleSpec values entry ${i} failed validation: Resource name cannot be empty`,
          v.cmHasName ? [...path, 'configMap', 'name'] : [...path, 'configMap'],
          v.cmHasName ? 'value' : 'key',
        ),
      );
    }
  });
  // Validate runs after RenderSpec: a repo holding a template is checked as rendered, by the operator's own code
  // (helmRender.ts: with a Module's config on the Module, with the defaults on a resource file).
  const templated = repo.includes('{{') && repo.includes('}}');
  const urlError = templated ? undefined : goUrlParseError(repo);
  if (urlError)
    out.kind.push(err('helm-field-missing', `HelmModuleSpec Repo '${repo}' is invalid: ${urlError}`, ['spec', 'repo']));
  if (version === '') {
    out.kind.push(
      err(
        'helm-field-missing',
        'HelmModuleSpec Version cannot be empty',
        spec?.has('version') ? ['spec', 'version'] : spec ? ['spec'] : [],
        spec?.has('version') ? 'value' : 'key',
        { key: 'version' },
      ),
    );
  }
  const need = (k: string, v: string) => {
    if (v === '')
      out.warnings.push(
        warn(
          'helm-field-missing',
          `spec.${k} is empty: the operator does not check it, but the Helm install needs it`,
          spec?.has(k) ? ['spec', k] : spec ? ['spec'] : [],
          spec?.has(k) ? 'value' : 'key',
          { key: k },
        ),
      );
  };
  need('namespace', namespace);
  need('repo', repo);
  need('chartName', chartName);
  templateWarnings(specNode, new Set(items.map((i) => i.alias)), out);
  templateErrors(specNode, out);
}

/** net/url.Parse's refusal (`parse "<url>": <reason>`), or undefined when Go accepts the URL. */
export function goUrlParseError(raw: string): string | undefined {
  return goUrlParse(raw)?.error;
}

/**
 * RenderSpec parses every string of the Helm spec holding "{{" and "}}" as a Go template (Go's own text/template,
 * helmRender.ts): a parse error refuses every Module, whatever its config.
 */
function templateErrors(node: TNode | undefined, out: StagedDecode): void {
  if (!node) return;
  if (node.tag === '!!str') {
    const error = goTemplateParseError(node.text);
    if (error) out.kind.unshift(err('helm-template-invalid', `failed to render Helm module spec: ${error}`, node.path));
    return;
  }
  for (const child of node.items ?? []) templateErrors(child, out);
  for (const child of node.entries?.values() ?? []) templateErrors(child, out);
}

const TEMPLATE = /\{\{(.*?)\}\}/gs;
const CONFIG_REF = /\.config\.([A-Za-z_][A-Za-z0-9_]*)|index\s+\.config\s+"([^"]*)"/g;

/** `{{ .config.x }}` in a Helm spec renders to "<no value>" when x names no alias. */
function templateWarnings(node: TNode | undefined, aliases: Set<string>, out: StagedDecode): void {
  if (!node) return;
  if (node.tag === '!!str') {
    for (const block of node.text.matchAll(TEMPLATE)) {
      for (const ref of block[1].matchAll(CONFIG_REF)) {
        const alias = ref[1] ?? ref[2];
        if (!aliases.has(alias)) {
          out.warnings.push(
            warn(
              'helm-template-unknown-alias',
              `template refers to .config.${alias}, but no config item has the alias '${alias}'`,
              node.path,
              'value',
              { alias, aliases: [...aliases] },
            ),
          );
        }
      }
    }
    return;
  }
  for (const child of node.items ?? []) templateWarnings(child, aliases, out);
  for (const child of node.entries?.values() ?? []) templateWarnings(child, aliases, out);
}
