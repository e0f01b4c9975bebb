// Seeded generator of whole files for the operator oracle: Modules (every source kind, inline Custom and Helm
// resources with config items and a spec.config, CRD field types and names, unknown fields), Workspaces (type,
// connection, autoHibernation cron schedules, from), standalone resource definitions (Custom repo, Helm spec with Go
// templates), one to three documents a file. Each document keeps its text so a disagreement prints the document alone.
import { createRandom, type Random } from './random';
import { genConfigEntry, genConfigItem, genConstraint, genYamlScalarOrValue, genPattern } from './generate';

export interface FileCase {
  id: number;
  docs: string[];
  text: string;
  /** The resource documents its Modules point at: httpURL → text, "namespace/name" of a ConfigMap → module.yaml. */
  resources: Record<string, string>;
  configMaps: Record<string, string>;
}

/** The current file's served documents (genModule adds to them). */
let serving: Pick<FileCase, 'resources' | 'configMaps'> = { resources: {}, configMaps: {} };

export function generateFiles(count: number, seed: number): FileCase[] {
  const r = createRandom(seed ^ 0x5eed);
  const out: FileCase[] = [];
  for (let id = 0; id < count; id++) {
    const n = r.chance(0.75) ? 1 : 2 + r.int(2);
    serving = { resources: {}, configMaps: {} };
    const docs = Array.from({ length: n }, () => genDocument(r));
    out.push({ id, docs, text: joinDocs(docs), ...serving });
  }
  return out;
}

export function joinDocs(docs: readonly string[]): string {
  return docs.map((d) => (d.endsWith('\n') ? d : d + '\n')).join('---\n');
}

function genDocument(r: Random): string {
  const roll = r.next();
  if (roll < 0.55) return genModule(r);
  if (roll < 0.75) return genWorkspace(r);
  return genResource(r, r.chance(0.5) ? 'Helm' : 'Custom', 0);
}

const indent = (text: string, n: number): string =>
  text
    .split('\n')
    .map((l) => (l.length ? ' '.repeat(n) + l : l))
    .join('\n');

// ---------------------------------------------------------------- names and CRD field values

const NAMES = [
  'my-app',
  'dev',
  'a',
  'web.v1',
  'x-1',
  '1abc',
  'My-App',
  'my_app',
  'app-',
  '-app',
  'a..b',
  'ünï',
  '"123"',
  '123',
  'yes',
  '"a b"',
  "''",
  'a'.repeat(253),
  'a'.repeat(254),
  'api.example.com',
];
const NAMESPACES = ['default', 'dev', 'kube-system', '""', 'a'.repeat(63), 'a'.repeat(64), 'Dev', '5'];
const BOOLS = ['true', 'false', 'yes', 'no', '"true"', '1', '0', '~', 'on', '[true]', '{}', 'True'];
const STRINGS = ['dev', '""', '5', 'true', '[a]', '{a: b}', '~', '1.10', 'a'.repeat(254), '"x"'];
const UNKNOWN_KEYS = ['foo', 'Hibernated', 'workspaces', 'extra', 'configs', 'sources'];

function pick<T>(r: Random, items: readonly T[]): T {
  return r.pick(items);
}

function nameLine(r: Random): string {
  return r.chance(0.8) ? `  name: ${pick(r, ['my-app', 'dev', 'web', 'redis-1'])}` : `  name: ${pick(r, NAMES)}`;
}

function metadata(r: Random): string[] {
  const lines = ['metadata:'];
  if (!r.chance(0.03)) lines.push(nameLine(r));
  if (r.chance(0.15)) lines.push(`  namespace: ${pick(r, NAMESPACES)}`);
  if (r.chance(0.05)) lines.push(`  ${pick(r, UNKNOWN_KEYS)}: 1`);
  if (r.chance(0.05))
    lines.push(`  labels: ${pick(r, ['{a: b}', '{a: "1"}', '{a: 1}', '{"a b": c}', '[]', '{app: yes}'])}`);
  if (r.chance(0.03)) lines.push(`  annotations: ${pick(r, ['{a: b}', '{a: 1}', '{a: true}'])}`);
  if (r.chance(0.02)) lines.push(`  generateName: x-`);
  return lines;
}

// ---------------------------------------------------------------- Module

function genModule(r: Random): string {
  const lines = ['apiVersion: batch.forkspacer.com/v1', 'kind: Module', ...metadata(r), 'spec:'];
  if (r.chance(0.03)) return [...lines.slice(0, -1), `spec: ${pick(r, ['~', '[]', '5', '{}'])}`, ''].join('\n');
  if (r.chance(0.2)) lines.push(`  hibernated: ${r.chance(0.5) ? 'false' : pick(r, BOOLS)}`);
  // workspace
  const ws = r.next();
  if (ws < 0.85) {
    lines.push('  workspace:');
    if (!r.chance(0.05)) lines.push(`    name: ${r.chance(0.85) ? 'dev' : pick(r, [...STRINGS, ...NAMES])}`);
    if (r.chance(0.2)) lines.push(`    namespace: ${pick(r, NAMESPACES)}`);
    if (r.chance(0.04)) lines.push(`    ${pick(r, UNKNOWN_KEYS)}: x`);
  } else if (ws < 0.92) lines.push(`  workspace: ${pick(r, ['~', '{}', 'dev', '[dev]'])}`);
  if (r.chance(0.05)) lines.push(`  ${pick(r, UNKNOWN_KEYS)}: ${pick(r, ['1', 'x', '{a: 1}'])}`);
  if (r.chance(0.03)) lines.push('status:', `  phase: ${pick(r, ['ready', 'bogus', '5'])}`);
  // source
  const items = Array.from({ length: r.int(4) }, (_, i) => genItem(r, i));
  const src = r.next();
  lines.push('  source:');
  if (src < 0.62) {
    const kind = r.chance(0.7) ? 'Custom' : 'Helm';
    if (r.chance(0.03)) lines.push(`    raw: ${pick(r, ['"kind: Custom"', '[]', '5', '~'])}`);
    else lines.push('    raw:', indent(genResource(r, kind, items.length, items).trimEnd(), 6));
  } else if (src < 0.72) {
    if (r.chance(0.6)) {
      // A served resource: the oracle's HTTP transport answers it, the validator's resolver fetches the same text.
      const url = `https://example.com/served-${Object.keys(serving.resources).length}.yaml`;
      serving.resources[url] = genResource(r, r.chance(0.5) ? 'Custom' : 'Helm', items.length, items);
      lines.push(`    httpURL: ${url}`);
    } else lines.push(`    httpURL: ${pick(r, URLS)}`);
  } else if (src < 0.8) {
    lines.push('    configMap:');
    if (r.chance(0.6)) {
      // A served ConfigMap: in the oracle's fake cluster, and given to the validator as the cluster checks give it.
      const name = `served-${Object.keys(serving.configMaps).length}`;
      serving.configMaps[`default/${name}`] = genResource(r, r.chance(0.5) ? 'Custom' : 'Helm', items.length, items);
      lines.push(`      name: ${name}`);
      if (r.chance(0.5)) lines.push('      namespace: default');
    } else {
      if (!r.chance(0.1)) lines.push(`      name: ${r.chance(0.8) ? 'res' : pick(r, STRINGS)}`);
      if (r.chance(0.4)) lines.push(`      namespace: ${pick(r, NAMESPACES)}`);
      if (r.chance(0.05)) lines.push(`      key: module.yaml`);
    }
  } else if (src < 0.84) lines.push(`    github: ${pick(r, ['{}', '{repo: a/b}'])}`);
  else if (src < 0.88)
    lines.push(`    existingHelmRelease: ${pick(r, ['{name: r}', '{name: r, namespace: x}', '{}'])}`);
  else if (src < 0.92) lines.push(`    httpURL: ${pick(r, URLS)}`, `    configMap: {name: res}`);
  else if (src < 0.96) lines.push(`    ${pick(r, ['foo: 1', 'git: x'])}`);
  else lines[lines.length - 1] = `  source: ${pick(r, ['~', '{}', 'raw', '[]'])}`;
  // config
  const c = r.next();
  if (c < 0.75) {
    const entries: string[] = [];
    const count = r.int(items.length + 2);
    for (let i = 0; i < count; i++) {
      const key = r.chance(0.85) ? `a${r.int(Math.max(items.length, 1))}` : `k${i}`;
      entries.push(
        r.chance(0.5)
          ? `    ${key}: ${valueFor(r, items[Number(key.slice(1))]?.type)}`
          : genConfigEntry(r, i).replace(/^ {4}k\d+:/, `    ${key}:`),
      );
    }
    const unique = [...new Map(entries.map((e) => [e.split(':')[0], e])).values()];
    lines.push(unique.length ? '  config:\n' + unique.join('\n') : '  config: {}');
  } else if (c < 0.8) lines.push(`  config: ${pick(r, ['~', '[]', '"a: 1"', '5', '[a, b]'])}`);
  return lines.join('\n') + '\n';
}

const URLS = [
  'https://example.com/resource.yaml',
  'http://example.com/r.yaml',
  'ftp://example.com/r',
  '""',
  'example.com/r',
  '":bad"',
  'http://[::1',
  'https://exa mple.com',
  'HTTP://example.com/r',
  'file:///r.yaml',
  '5',
];

function valueFor(r: Random, type: string | undefined): string {
  switch (type) {
    case 'integer':
      return pick(r, ['1', '3', '-2', '2.5', '"3"', '1e3', '0x10', 'yes', '100', '~']);
    case 'float':
      return pick(r, ['1.5', '2', '"1.5"', '1e400', '-0.5', 'true', '.inf']);
    case 'boolean':
      return pick(r, ['true', 'false', 'yes', 'off', '"true"', '1', '~']);
    case 'option':
    case 'string':
      return pick(r, ['a', 'b', '"1.10"', '1.10', 'yes', 'abc', '""', '5', 'A', '[a]']);
    case 'multiple-options':
      return pick(r, ['[a]', '[a, b]', '[]', '[a, c]', 'a', '[1]', '[yes]', '~']);
    default:
      return genYamlScalarOrValue(r);
  }
}

// ---------------------------------------------------------------- resource definitions (Custom, Helm)

interface GenItem {
  type: string;
  text: string;
}

function genItem(r: Random, i: number): GenItem {
  if (r.chance(0.6)) {
    const type = pick(r, ['string', 'integer', 'float', 'boolean', 'option', 'multiple-options']);
    const spec: string[] = [];
    const required = r.chance(0.2);
    if (r.chance(0.7)) spec.push(`editable: ${r.chance(0.9) ? 'true' : pick(r, ['false', 'yes', '"true"'])}`);
    if (required) spec.push('required: true');
    if (type === 'string' && r.chance(0.4))
      spec.push(
        `regex: ${JSON.stringify(r.chance(0.7) ? pick(r, ['^[a-z]+$', '^a', '[0-9]', '(?i)^A']) : genPattern(r))}`,
      );
    if ((type === 'integer' || type === 'float' || type === 'multiple-options') && r.chance(0.4))
      spec.push(`min: ${pick(r, ['0', '1', '2', '-1', '2.5'])}`);
    if ((type === 'integer' || type === 'float' || type === 'multiple-options') && r.chance(0.4))
      spec.push(`max: ${pick(r, ['3', '10', '1', '0'])}`);
    if ((type === 'option' || type === 'multiple-options') && !r.chance(0.1))
      spec.push(`values: ${pick(r, ['[a, b]', '[a, b, c]', '["1.10", a]', '[]', '[yes, a]'])}`);
    if (r.chance(0.5)) spec.push(`default: ${valueFor(r, type)}`);
    const text = [
      `- type: ${type}`,
      `  name: Item ${i}`,
      `  alias: a${i}`,
      spec.length ? `  spec:\n${spec.map((s) => '    ' + s).join('\n')}` : '  spec: {}',
    ].join('\n');
    return { type, text };
  }
  // The older generator's items (every spec field, wrong types, unknown types), re-indented from "  - type:".
  const text = genConfigItem(r, i)
    .split('\n')
    .map((l) => l.slice(2))
    .join('\n');
  return { type: /^- type: (.*)$/m.exec(text)?.[1] ?? '', text };
}

const TEMPLATES = [
  '{{ .config.a0 }}',
  '{{ index .config "a0" }}',
  '{{ .config.nope }}',
  '{{ .config.a0 | nosuch }}',
  '{{ .config.a0 }',
  '{{ printf "%v" .config.a0 }}',
  '{{ len .config }}',
];

/**
 * Templates whose rendering depends on the Module's config (and the defaults'): execution errors, values that the
 * typed spec refuses once rendered (a list or map in a string field, empty, an unparsable URL, null), Go types (a
 * number from a Module is a float64, an integer default an int). The validator renders with the operator's own code
 * (common/src/helmRender.ts), so these go everywhere, typed fields included.
 */
const EXEC_TEMPLATES = [
  '{{ .config.a0.y }}',
  '{{ .config.nope.y }}',
  '{{ index .config "a0" 1 }}',
  '{{ index .config.a1 0 }}',
  '{{ if eq .config.a0 1 }}1.0.0{{ end }}',
  '{{ if lt .config.a0 2 }}x{{ else }}y{{ end }}',
  '{{ if eq (printf "%T" .config.a0) "int" }}1.0.0{{ end }}',
  '{{ printf "%T" .config.a1 }}',
  '{{ with .config.a0 }}{{ . }}{{ end }}',
  '{{ .config.a1 }}',
  '{{ index .config "a2" }}',
  '{{ "[1, 2]" }}',
  '{{ "{a: 1}" }}',
  '{{ "" }}',
  '{{ "~" }}',
  '{{ "http://[::1" }}',
  '{{ "%zz" }}',
  '{{ slice .releaseName 0 1 }}',
  '{{ slice .releaseName 3 1 }}',
  '{{ len .config.a0 }}',
  '{{ not .config.a0 }}',
  '{{ printf "%d" .config.a0 }}',
  '{{ .config }}',
  '{{ call .config.a0 }}',
];

/** Templates whose rendering does not depend on the Module's config values (parse errors, .releaseName, comments). */
const STATIC_TEMPLATES = [
  '{{ .releaseName }}',
  '{{ if }}',
  '{{ end }}',
  '{{ .releaseName | nosuch }}',
  '{{ .releaseName }',
  '{{/* c */}}x',
  '{{- .releaseName -}}',
  '{{ if .releaseName }}a{{ end }}',
  '{{ if .releaseName }}a',
  '{{ }}',
  '{{ printf "%s" .releaseName }}',
];

const ALL_TEMPLATES = [...TEMPLATES, ...EXEC_TEMPLATES, ...STATIC_TEMPLATES];

function tmpl(r: Random, plain: string): string {
  if (!r.chance(0.3)) return plain;
  const bare = plain.startsWith('"') ? (JSON.parse(plain) as string) : plain;
  return JSON.stringify(r.chance(0.6) ? pick(r, ALL_TEMPLATES) : `${bare}-${pick(r, ALL_TEMPLATES)}`);
}

export function genResource(r: Random, kind: 'Custom' | 'Helm', itemCount: number, given?: GenItem[]): string {
  const lines = [`kind: ${kind}`, 'metadata:'];
  if (!r.chance(0.03)) lines.push(`  name: ${r.chance(0.9) ? 'res' : pick(r, ['""', '5', '~'])}`);
  if (!r.chance(0.03)) lines.push(`  version: ${r.chance(0.9) ? '1.0.0' : pick(r, ['1.10', '""', '[1]'])}`);
  const sov = r.next();
  if (sov < 0.75)
    lines.push(
      `  supportedOperatorVersion: ${JSON.stringify(pick(r, ['>= 0.0.0', '>= 0.1.0, < 1.0.0', '~0.1', '^0.1.7', '0.1.x']))}`,
    );
  else if (sov < 0.95) lines.push(`  supportedOperatorVersion: ${JSON.stringify(genConstraint(r))}`);
  const items = given ?? Array.from({ length: itemCount }, (_, i) => genItem(r, i));
  if (items.length) lines.push('config:', ...items.map((i) => i.text));
  else if (r.chance(0.2)) lines.push(`config: ${pick(r, ['[]', '~', '{}', '5'])}`);
  if (r.chance(0.03)) lines.push(`spec: ${pick(r, ['~', '[]', '5'])}`);
  else if (kind === 'Custom') {
    const repo = r.next();
    lines.push('spec:', '  repo:');
    if (repo < 0.7)
      lines.push(
        `    file: ${tmpl(r, pick(r, ['https://example.com/plugin.so', 'http://x/p.so', 'https://example.com/plugin.so', '""', '"http://[::1"', '"ht tp://x"', '"://x"', 'plugin.so', '"%zz"', '"http://x/%zz"']))}`,
      );
    else if (repo < 0.82)
      lines.push(
        '    configMap:',
        `      name: ${pick(r, ['plugins', '""', 'p'])}`,
        ...(r.chance(0.5) ? [`      namespace: ${pick(r, ['default', 'x', '""'])}`] : []),
      );
    else if (repo < 0.9) lines.push('    file: https://example.com/p.so', '    configMap: {name: p}');
    else lines[lines.length - 1] = `  repo: ${pick(r, ['{}', '~', '"x"'])}`;
  } else {
    lines.push('spec:');
    if (r.chance(0.9)) lines.push(`  namespace: ${tmpl(r, 'apps')}`);
    if (r.chance(0.95))
      lines.push(
        `  repo: ${tmpl(r, pick(r, ['https://charts.example.com', '"http://[::1"', '"://x"', '""', 'oci://r.example.com/c', '"%zz"']))}`,
      );
    if (r.chance(0.95)) lines.push(`  chartName: ${tmpl(r, 'redis')}`);
    const v = r.next();
    if (v < 0.8) lines.push(`  version: ${tmpl(r, '"1.2.3"')}`);
    else if (v < 0.9) lines.push(`  version: ${pick(r, ['""', '~', '1.10', '[1]'])}`);
    if (r.chance(0.3))
      lines.push(
        '  values:',
        ...Array.from(
          { length: 1 + r.int(2) },
          () =>
            `  - ${pick(r, ['raw: {a: 1}', 'file: https://x/v.yaml', 'configMap: {name: v}', 'configMap: {name: ""}', 'raw: {}', '{}', 'file: ""', `raw: {replicas: ${tmpl(r, '1')}}`])}`,
        ),
      );
    if (r.chance(0.15)) lines.push('  outputs:', `  - {name: url, value: ${tmpl(r, 'x')}}`);
    if (r.chance(0.1))
      lines.push(
        `  cleanup: ${pick(r, ['{removeNamespace: true}', '{removePVCs: yes}', '{removeNamespace: "true"}'])}`,
      );
  }
  return lines.join('\n') + '\n';
}

// ---------------------------------------------------------------- Workspace

const CRONS = [
  '"0 18 * * *"',
  '"0 8 * * 1-5"',
  '"@daily"',
  '"*/5 * * * *"',
  '"0 0 18 * * *"',
  '"bad"',
  '""',
  '"61 * * * *"',
  '"0 18 * *"',
  '"@every 1h"',
  '"0 0 0 18 * * *"',
  '5',
  '"TZ=UTC 0 8 * * *"',
];

function genWorkspace(r: Random): string {
  const lines = ['apiVersion: batch.forkspacer.com/v1', 'kind: Workspace', ...metadata(r), 'spec:'];
  if (r.chance(0.6))
    lines.push(`  type: ${r.chance(0.8) ? 'kubernetes' : pick(r, ['docker', '""', '5', 'Kubernetes'])}`);
  if (r.chance(0.3)) lines.push(`  hibernated: ${r.chance(0.6) ? 'false' : pick(r, BOOLS)}`);
  const conn = r.next();
  if (conn < 0.4)
    lines.push(
      '  connection:',
      `    type: ${pick(r, ['local', 'in-cluster', 'kubeconfig', 'kubeconfig', 'remote', '""'])}`,
    );
  if (conn < 0.4 && r.chance(0.4))
    lines.push(
      '    secretReference:',
      ...(r.chance(0.9) ? [`      name: ${pick(r, ['kc', '""'])}`] : []),
      ...(r.chance(0.6) ? [`      namespace: ${pick(r, ['default', '""'])}`] : []),
    );
  else if (conn < 0.45) lines.push(`  connection: ${pick(r, ['{}', '~', '{secretReference: {name: kc}}'])}`);
  if (r.chance(0.35)) {
    lines.push('  autoHibernation:');
    if (r.chance(0.85)) lines.push(`    enabled: ${pick(r, ['true', 'false', 'yes', '"true"'])}`);
    if (r.chance(0.9)) lines.push(`    schedule: ${pick(r, CRONS)}`);
    if (r.chance(0.5)) lines.push(`    wakeSchedule: ${pick(r, CRONS)}`);
  }
  if (r.chance(0.2)) {
    lines.push('  from:');
    if (r.chance(0.9)) lines.push(`    name: ${pick(r, ['base', '""', 'a'.repeat(254)])}`);
    if (r.chance(0.7)) lines.push(`    namespace: ${pick(r, ['default', '""'])}`);
    if (r.chance(0.7)) lines.push(`    migrateData: ${pick(r, ['true', 'false', 'yes'])}`);
    if (r.chance(0.1)) lines.push('    extra: 1');
  }
  if (r.chance(0.05)) lines.push(`  ${pick(r, UNKNOWN_KEYS)}: 1`);
  return lines.join('\n') + '\n';
}
