// What navigation needs from one Forkspacer document, read from its YAML tree with file ranges: a resource's
// config aliases, its Helm template references and its plugin file; a Module's config keys and source.
// Texts are read the way their consumer reads them: a Module by kubectl (YAML 1.1 keys), a resource by go
// yaml.v3 (operator: a string field takes any scalar's text), an embedded `source.raw` after kubectl's reading.
import { isMap, isScalar, isSeq, type Document, type Node, type Pair, type Scalar, type YAMLMap } from 'yaml';
import type { Range } from 'vscode-languageserver-types';
import { goKeyString, goScalarText, scalarValue } from '../../../../common/src/goYaml';
import type { DocumentKind } from '../../../../common/src/types';

/** One place an alias is written (a config item's `alias:` value, a Module key, a template reference). */
export interface AliasSite {
  alias: string;
  range: Range;
  /** How the scalar is written (a rename keeps the quotes). */
  style?: 'plain' | 'single' | 'double' | 'block';
  /** A template reference: `.config.x` (an identifier) or `index .config "x"` (any string). */
  form?: 'field' | 'index';
}

export interface ConfigItemSite extends AliasSite {
  /** The whole item (the `- type: ...` map). */
  itemRange: Range;
  type?: string;
}

export interface ResourceFacts {
  kind: 'custom' | 'helm';
  name?: string;
  /** Every config item with an alias, in definition order (the operator keeps the last of a repeated alias). */
  items: ConfigItemSite[];
  /** `{{ .config.x }}` / `{{ index .config "x" }}` in a Helm spec: the range of `x`. */
  templates: AliasSite[];
  /** Custom `spec.repo.file`, as written. */
  repoFile?: { value: string; range: Range };
  /** The whole document. */
  range: Range;
}

export type ModuleSourceFacts =
  | { type: 'raw'; resource?: ResourceFacts }
  | { type: 'httpURL'; url: string; range: Range }
  | { type: 'configMap'; name: string; namespace: string }
  | { type: 'none' };

export interface ModuleFacts {
  name?: string;
  /** Keys of `spec.config` (kubectl's JSON keys), each on its key. */
  configKeys: (AliasSite & { valueRange?: Range; value?: unknown })[];
  /** The `config:` key of `spec`, or `spec:` when there is no config (where omitted defaults are hinted). */
  configKey?: Range;
  hasConfig: boolean;
  source: ModuleSourceFacts;
  range: Range;
}

export interface DocumentFacts {
  index: number;
  kind: Exclude<DocumentKind, 'other'>;
  resource?: ResourceFacts;
  module?: ModuleFacts;
}

/** Maps document offsets to file ranges. */
export type ToRange = (start: number, end: number) => Range;

/** Facts of one document; node ranges are offsets into `text`, mapped to file ranges by `toRange`. */
export function documentFacts(
  doc: Document.Parsed,
  text: string,
  kind: DocumentKind,
  index: number,
  toRange: ToRange,
): DocumentFacts | undefined {
  const root = doc.contents;
  if (kind === 'other' || !isMap(root)) return undefined;
  const whole = toRange(root.range?.[0] ?? 0, root.range?.[1] ?? 0);
  if (kind === 'custom' || kind === 'helm') {
    return { index, kind, resource: resourceFacts(root, kind, text, toRange, 'v3', whole) };
  }
  if (kind === 'module') return { index, kind, module: moduleFacts(root, text, toRange, whole) };
  return { index, kind };
}

function moduleFacts(root: YAMLMap, text: string, toRange: ToRange, whole: Range): ModuleFacts {
  const spec = mapAt(root, 'spec');
  const configPair = spec ? pairAt(spec, 'config') : undefined;
  const specPair = pairAt(root, 'spec');
  const config = isMap(configPair?.value) ? (configPair.value as YAMLMap) : undefined;
  const configKeys: ModuleFacts['configKeys'] = [];
  for (const pair of config?.items ?? []) {
    if (!isScalar(pair.key) || !pair.key.range) continue;
    const key = pair.key as Scalar;
    const alias = goKeyString(scalarValue(key, 'kubectl').value, key, 'kubectl');
    const value = pair.value as Node | null;
    configKeys.push({
      alias,
      range: toRange(key.range![0], key.range![1]),
      style: styleOf(key),
      ...(value?.range ? { valueRange: toRange(value.range[0], value.range[1]) } : {}),
      ...(isScalar(value) ? { value: scalarValue(value, 'kubectl').value } : {}),
    });
  }
  const keyNode = (configPair?.key ?? specPair?.key) as Node | undefined;
  return {
    ...nameOf(root, 'kubectl'),
    configKeys,
    ...(keyNode?.range ? { configKey: toRange(keyNode.range[0], keyNode.range[1]) } : {}),
    hasConfig: configPair !== undefined,
    source: sourceFacts(spec ? mapAt(spec, 'source') : undefined, text, toRange),
    range: whole,
  };
}

/** operator: with several sources set, raw wins, then configMap, then httpURL. */
function sourceFacts(source: YAMLMap | undefined, text: string, toRange: ToRange): ModuleSourceFacts {
  if (!source) return { type: 'none' };
  const raw = pairAt(source, 'raw')?.value;
  if (raw && !(isScalar(raw) && raw.value === null)) {
    const resource = isMap(raw) ? rawResource(raw as YAMLMap, text, toRange) : undefined;
    return resource ? { type: 'raw', resource } : { type: 'raw' };
  }
  const configMap = mapAt(source, 'configMap');
  if (configMap) {
    return {
      type: 'configMap',
      name: textOf(pairAt(configMap, 'name')?.value, 'kubectl') ?? '',
      namespace: textOf(pairAt(configMap, 'namespace')?.value, 'kubectl') || 'default',
    };
  }
  const url = pairAt(source, 'httpURL')?.value;
  if (isScalar(url) && typeof url.value === 'string' && url.value !== '' && url.range)
    return { type: 'httpURL', url: url.value, range: toRange(url.range[0], url.range[1]) };
  return { type: 'none' };
}

function rawResource(raw: YAMLMap, text: string, toRange: ToRange): ResourceFacts | undefined {
  const kind = textOf(pairAt(raw, 'kind')?.value, 'kubectl');
  if (kind !== 'Custom' && kind !== 'Helm') return undefined;
  const whole = toRange(raw.range?.[0] ?? 0, raw.range?.[1] ?? 0);
  return resourceFacts(raw, kind === 'Custom' ? 'custom' : 'helm', text, toRange, 'kubectl', whole);
}

function resourceFacts(
  root: YAMLMap,
  kind: 'custom' | 'helm',
  text: string,
  toRange: ToRange,
  mode: 'v3' | 'kubectl',
  whole: Range,
): ResourceFacts {
  const items: ConfigItemSite[] = [];
  const config = pairAt(root, 'config')?.value;
  if (isSeq(config)) {
    for (const item of config.items) {
      if (!isMap(item)) continue;
      const aliasNode = pairAt(item as YAMLMap, 'alias')?.value;
      const alias = textOf(aliasNode, mode);
      if (alias === undefined || !isScalar(aliasNode) || !aliasNode.range) continue;
      const type = textOf(pairAt(item as YAMLMap, 'type')?.value, mode);
      items.push({
        alias,
        range: toRange(aliasNode.range[0], aliasNode.range[1]),
        style: styleOf(aliasNode),
        itemRange: toRange((item as Node).range?.[0] ?? 0, (item as Node).range?.[1] ?? 0),
        ...(type !== undefined ? { type } : {}),
      });
    }
  }
  const spec = pairAt(root, 'spec')?.value;
  const templates: AliasSite[] = [];
  if (kind === 'helm') collectTemplates(spec as Node | undefined, text, toRange, templates);
  const file = kind === 'custom' ? pairAt(mapAt(root, 'spec') ?? emptyMap, 'repo')?.value : undefined;
  const fileNode = isMap(file) ? pairAt(file as YAMLMap, 'file')?.value : undefined;
  const repoFile =
    isScalar(fileNode) && typeof fileNode.value === 'string' && fileNode.range
      ? { value: fileNode.value, range: toRange(fileNode.range[0], fileNode.range[1]) }
      : undefined;
  return { kind, ...nameOf(root, mode), items, templates, ...(repoFile ? { repoFile } : {}), range: whole };
}

const TEMPLATE = /\{\{([\s\S]*?)\}\}/g;
// The same references the core checks (common/src/decode.ts templateWarnings), located in the source text;
// `index .config "x"` may be written with escaped quotes inside a double-quoted scalar.
const CONFIG_REF = /\.config\.([A-Za-z_][A-Za-z0-9_]*)|index\s+\.config\s+\\?"([^"\\]*)\\?"/g;

/** Template references in the source text of every string scalar below `node` (offsets into `text`). */
function collectTemplates(node: Node | undefined | null, text: string, toRange: ToRange, out: AliasSite[]): void {
  if (!node) return;
  if (isScalar(node)) {
    if (typeof node.value !== 'string' || !node.range) return;
    const source = text.slice(node.range[0], node.range[1]);
    if (!source.includes('{{')) return;
    for (const block of source.matchAll(TEMPLATE)) {
      const blockStart = block.index! + 2;
      for (const ref of block[1]!.matchAll(CONFIG_REF)) {
        const alias = ref[1] ?? ref[2]!;
        if (!alias) continue;
        const inRef = ref[1] !== undefined ? '.config.'.length : ref[0].lastIndexOf(alias, ref[0].length - 1);
        const start = node.range[0] + blockStart + ref.index! + inRef;
        out.push({
          alias,
          range: toRange(start, start + alias.length),
          form: ref[1] !== undefined ? 'field' : 'index',
        });
      }
    }
    return;
  }
  if (isMap(node)) for (const pair of node.items) collectTemplates(pair.value as Node | null, text, toRange, out);
  else if (isSeq(node)) for (const item of node.items) collectTemplates(item as Node | null, text, toRange, out);
}

const emptyMap = { items: [] } as unknown as YAMLMap;

function pairAt(map: YAMLMap, key: string): Pair | undefined {
  return map.items.find((p) => isScalar(p.key) && (p.key as Scalar).value === key) as Pair | undefined;
}

function mapAt(map: YAMLMap, key: string): YAMLMap | undefined {
  const value = pairAt(map, key)?.value;
  return isMap(value) ? (value as YAMLMap) : undefined;
}

/** A scalar's text as a Go string field receives it. */
function textOf(node: unknown, mode: 'v3' | 'kubectl'): string | undefined {
  if (!isScalar(node)) return undefined;
  if (typeof node.value === 'string' && node.type !== 'PLAIN') return node.value;
  if (mode === 'kubectl') {
    const v = scalarValue(node, 'kubectl').value;
    return v === null ? undefined : goScalarText(v);
  }
  // yaml.v3 decodes a plain scalar into a string field as written (a null reads as "").
  const source = typeof node.source === 'string' ? node.source : String(node.value ?? '');
  return /^(?:~|null|Null|NULL)?$/.test(source) ? '' : source;
}

function styleOf(node: Scalar): AliasSite['style'] {
  if (node.type === 'QUOTE_DOUBLE') return 'double';
  if (node.type === 'QUOTE_SINGLE') return 'single';
  return node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED' ? 'block' : 'plain';
}

function nameOf(root: YAMLMap, mode: 'v3' | 'kubectl'): { name?: string } {
  const name = textOf(pairAt(mapAt(root, 'metadata') ?? emptyMap, 'name')?.value, mode);
  return name !== undefined ? { name } : {};
}
