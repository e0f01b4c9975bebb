// go yaml.v3's typed decode (yaml.Unmarshal into Go structs), over a small node model that remembers what the
// operator's decoder sees: the resolved value, the scalar's text (`n.Value`), and the line of its input.
// yaml.v3 collects every type error and reports them together:
//   "yaml: unmarshal errors:\n  line 3: cannot unmarshal !!seq into string"
import { isAlias, isMap, isPair, isScalar, isSeq, type Document } from 'yaml';
import { goScalarText, goTag, INT64_MAX, INT64_MIN, scalarValue, setOwn, TWO_63, type GoYamlMode } from './goYaml';
import type { YamlPath } from './problem';

export type GoTag = ReturnType<typeof goTag>;

export interface TNode {
  tag: GoTag;
  /** Resolved value (plain JS data for seq/map). */
  value: unknown;
  /** The scalar's text as yaml.v3 holds it (`n.Value`). */
  text: string;
  /** 1-based line in the decoder's input. */
  line: number;
  items?: TNode[];
  entries?: Map<string, TNode>;
  /** Path of this node from the decoded root (for diagnostics). */
  path: YamlPath;
}

export interface TypeError {
  message: string;
  path: YamlPath;
  /** The Go type the value did not fit (`bool`, `int`, ...): what a quick fix must write instead. */
  goType: string;
}

/** Nodes from a JS value as JSON gives it (a Module's `source.raw` reaches the operator as JSON: all on line 1). */
export function fromValue(v: unknown, path: YamlPath = [], line = 1): TNode {
  const tag = goTag(v);
  if (Array.isArray(v)) {
    return { tag, value: v, text: '', line, path, items: v.map((item, i) => fromValue(item, [...path, i], line)) };
  }
  if (tag === '!!map') {
    const entries = new Map<string, TNode>();
    for (const [k, item] of Object.entries(v as Record<string, unknown>))
      entries.set(k, fromValue(item, [...path, k], line));
    return { tag, value: v, text: '', line, path, entries };
  }
  return { tag, value: v ?? null, text: typeof v === 'string' ? v : goScalarText(v), line, path };
}

/**
 * Nodes of a value as yaml.v3 re-marshals it: the operator re-marshals each config item's `spec` (decoded into
 * `any`) and unmarshals it into a typed struct, so floats lose their written form (1.10 becomes 1.1) and line
 * numbers refer to the marshalled text (keys sorted).
 */
export function fromMarshalled(v: unknown, path: YamlPath): TNode {
  let line = 1;
  const build = (value: unknown, p: YamlPath): TNode => {
    const start = line;
    const tag = goTag(value);
    if (Array.isArray(value)) {
      if (value.length === 0) line++;
      const items = value.map((item, i) => build(item, [...p, i]));
      return { tag, value, text: '', line: start, path: p, items };
    }
    if (tag === '!!map') {
      const obj = value as Record<string, unknown>;
      const keys = Object.keys(obj).sort();
      if (keys.length === 0) line++;
      const entries = new Map<string, TNode>();
      for (const k of keys) {
        const child = obj[k];
        const block =
          (Array.isArray(child) && child.length > 0) ||
          (goTag(child) === '!!map' && Object.keys(child as object).length > 0);
        if (block) line++;
        entries.set(k, build(child, [...p, k]));
      }
      return { tag, value, text: '', line: start, path: p, entries };
    }
    // A multi-line string is written as a literal block: one line for the indicator, one per line of text.
    line += 1 + (typeof value === 'string' && value.includes('\n') ? value.replace(/\n$/, '').split('\n').length : 0);
    return {
      tag,
      value: value ?? null,
      text: typeof value === 'string' ? value : goScalarText(value),
      line: start,
      path: p,
    };
  };
  return build(v, path);
}

/** Nodes of a composed YAML document read by go yaml.v3 (lines from the document's text). */
export function fromYaml(
  node: unknown,
  doc: Document.Parsed,
  lineOf: (offset: number) => number,
  mode: GoYamlMode = 'v3',
  path: YamlPath = [],
  depth = 0,
): TNode {
  if (depth > 200) return { tag: '!!null', value: null, text: '', line: 1, path };
  let n = node;
  if (isAlias(n)) n = n.resolve(doc);
  const line = lineOf((n as { range?: [number, number, number] } | null)?.range?.[0] ?? 0);
  if (n === null || n === undefined) return { tag: '!!null', value: null, text: '', line, path };
  if (isScalar(n)) {
    const s = scalarValue(n, mode);
    const text =
      typeof n.source === 'string' ? n.source : typeof n.value === 'string' ? n.value : goScalarText(s.value);
    return { tag: s.tag, value: s.value, text: s.tag === '!!str' ? String(s.value) : text, line, path };
  }
  if (isSeq(n)) {
    const items = n.items.map((item, i) => fromYaml(item, doc, lineOf, mode, [...path, i], depth + 1));
    return { tag: '!!seq', value: items.map((i) => i.value), text: '', line, path, items };
  }
  if (isMap(n)) {
    const entries = new Map<string, TNode>();
    const value: Record<string, unknown> = {};
    for (const pair of n.items) {
      if (!isPair(pair)) continue;
      const keyNode = isAlias(pair.key) ? pair.key.resolve(doc) : pair.key;
      const key = isScalar(keyNode) ? String(scalarValue(keyNode, mode).value ?? 'null') : String(keyNode);
      const child = fromYaml(pair.value, doc, lineOf, mode, [...path, key], depth + 1);
      entries.set(key, child);
      setOwn(value, key, child.value);
    }
    return { tag: '!!map', value, text: '', line, path, entries };
  }
  return { tag: '!!null', value: null, text: '', line, path };
}

/** The typed decoder: each method mirrors yaml.v3 decoding one node into one Go type, recording type errors. */
export class Decoder {
  readonly errors: TypeError[] = [];

  terror(n: TNode, goType: string): void {
    let value = '';
    if (n.tag !== '!!seq' && n.tag !== '!!map')
      value = n.text.length > 10 ? ` \`${n.text.slice(0, 7)}...\`` : ` \`${n.text}\``;
    this.errors.push({
      message: `line ${n.line}: cannot unmarshal ${n.tag}${value} into ${goType}`,
      path: n.path,
      goType,
    });
  }

  /** The joined message, as yaml.v3 returns it. */
  message(): string {
    return 'yaml: unmarshal errors:\n  ' + this.errors.map((e) => e.message).join('\n  ');
  }

  string(n: TNode | undefined, goType = 'string'): string {
    if (!n || n.tag === '!!null') return '';
    if (n.tag === '!!seq' || n.tag === '!!map') {
      this.terror(n, goType);
      return '';
    }
    return n.text;
  }

  /** A `*string`: nil when absent or null. */
  stringPtr(n: TNode | undefined): string | undefined {
    if (!n || n.tag === '!!null') return undefined;
    return this.string(n);
  }

  bool(n: TNode | undefined): boolean {
    if (!n || n.tag === '!!null') return false;
    if (n.tag === '!!bool') return n.value as boolean;
    if (n.tag === '!!str') {
      // yaml.v3 accepts the YAML 1.1 spellings when the target is a typed bool.
      if (['y', 'Y', 'yes', 'Yes', 'YES', 'on', 'On', 'ON'].includes(n.text)) return true;
      if (['n', 'N', 'no', 'No', 'NO', 'off', 'Off', 'OFF'].includes(n.text)) return false;
    }
    this.terror(n, 'bool');
    return false;
  }

  /** An `int` (or `*int` when ptr): floats are truncated toward zero, as yaml.v3 does (`int64(resolved)`). */
  int(n: TNode | undefined, ptr = false): number | undefined {
    if (!n || n.tag === '!!null') return ptr ? undefined : 0;
    if (n.tag === '!!int') {
      // Whole numbers are exact (bigint past 2^53): a uint64 past math.MaxInt64 does not fit into an int.
      if (typeof n.value !== 'bigint') return n.value as number;
      if (n.value >= INT64_MIN && n.value <= INT64_MAX) return Number(n.value);
    }
    if (n.tag === '!!float') {
      // yaml.v3: `resolved <= math.MaxInt64` then int64(resolved); out of range, amd64 gives MinInt64.
      const f = n.value as number;
      if (f <= TWO_63) return f >= -TWO_63 && f < TWO_63 ? Math.trunc(f) : -TWO_63;
    }
    this.terror(n, 'int');
    return ptr ? undefined : 0;
  }

  float(n: TNode | undefined, ptr = false): number | undefined {
    if (!n || n.tag === '!!null') return ptr ? undefined : 0;
    if (n.tag === '!!int' || n.tag === '!!float') return Number(n.value);
    this.terror(n, 'float64');
    return ptr ? undefined : 0;
  }

  stringList(n: TNode | undefined): string[] | null {
    if (!n || n.tag === '!!null') return null;
    if (n.tag !== '!!seq') {
      this.terror(n, '[]string');
      return null;
    }
    // A null element is not set, so it drops out of the slice.
    return (n.items ?? []).filter((item) => item.tag !== '!!null').map((item) => this.string(item));
  }

  /** A struct: a mapping, or null (zero value). Anything else is a type error naming the Go type. */
  struct(n: TNode | undefined, goType: string): Map<string, TNode> | undefined {
    if (!n || n.tag === '!!null') return undefined;
    if (n.tag !== '!!map') {
      this.terror(n, goType);
      return undefined;
    }
    return n.entries;
  }

  /** A slice of structs or `any`: a sequence, or null. */
  list(n: TNode | undefined, goType: string): TNode[] | undefined {
    if (!n || n.tag === '!!null') return undefined;
    if (n.tag !== '!!seq') {
      this.terror(n, goType);
      return undefined;
    }
    return n.items ?? [];
  }
}
