// How Go reads YAML scalars, node by node. Two readers matter:
// - 'kubectl': sigs.k8s.io/yaml (go-yaml v2, YAML 1.1 booleans y/yes/on/...), then JSON: what the operator gets for a
//   Module or Workspace applied with kubectl;
// - 'v3': go.yaml.in/yaml/v3 into `any` (YAML 1.2 booleans), what the operator does with a fetched resource.
// Both resolve numbers alike (strconv.ParseInt base 0 after removing `_`, so 0777 is octal and 0o17, 0x1F, 0b101
// work), and both keep timestamps as strings when decoding into `any`. Sexagesimal 1:20 is a string to both.
import { isAlias, isMap, isPair, isScalar, isSeq, parseAllDocuments, type Document, type Node } from 'yaml';

export type GoYamlMode = 'kubectl' | 'v3';

const NULLS = new Set(['', '~', 'null', 'Null', 'NULL']);
const TRUE12 = new Set(['true', 'True', 'TRUE']);
const FALSE12 = new Set(['false', 'False', 'FALSE']);
/** YAML 1.1 spellings go-yaml v2 resolves as booleans and v3 accepts only into a typed bool field. */
export const YAML11_TRUE = new Set(['y', 'Y', 'yes', 'Yes', 'YES', 'on', 'On', 'ON']);
export const YAML11_FALSE = new Set(['n', 'N', 'no', 'No', 'NO', 'off', 'Off', 'OFF']);
const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
export const INT64_MAX = 9223372036854775807n;
/** 2^63 as a float64: Go's math.MaxInt64 converted to float64. Whole numbers up to 2^64 are uint64 to go-yaml. */
export const TWO_63 = 2 ** 63;
export const INT64_MIN = -9223372036854775808n;
const UINT64_MAX = 18446744073709551615n;

/** A number when it is exact as one, else the bigint itself. */
export function exactInt(v: bigint): number | bigint {
  return v >= -MAX_SAFE && v <= MAX_SAFE ? Number(v) : v;
}
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** Go's strconv.ParseInt(s, 0, 64) (bitSize 64), or undefined on a syntax or range error. */
function parseGoInt(s: string, unsigned: boolean): bigint | undefined {
  const m = /^([-+]?)(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$/.exec(s);
  if (!m) return undefined;
  if (unsigned && m[1] !== '') return undefined;
  const body = m[2];
  let magnitude: bigint;
  if (/^0[oO]/.test(body)) magnitude = BigInt('0o' + body.slice(2));
  else if (/^0[xXbB]/.test(body)) magnitude = BigInt(body.toLowerCase());
  else if (body.length > 1 && body.startsWith('0')) magnitude = BigInt('0o' + body.slice(1));
  else magnitude = BigInt(body);
  const value = m[1] === '-' ? -magnitude : magnitude;
  if (unsigned) return value <= UINT64_MAX ? value : undefined;
  return value >= INT64_MIN && value <= INT64_MAX ? value : undefined;
}

export type GoScalar =
  | { tag: '!!null'; value: null }
  | { tag: '!!bool'; value: boolean }
  /** A whole number past 2^53 stays a bigint, so 2^63 - 1 (an int64) and 2^63 (only a uint64) stay apart. */
  | { tag: '!!int'; value: number | bigint }
  | { tag: '!!float'; value: number }
  | { tag: '!!str'; value: string }
  /** yaml.v3 decodes a timestamp into `any` as time.Time, which it marshals back as RFC 3339 text. */
  | { tag: '!!timestamp'; value: string };

/**
 * `out[key] = value` as an own property for every key: assigning `__proto__` would set the prototype instead.
 * Object.defineProperty for the rest was a tenth of kubectl's reading of a document by --cpu-prof (issue 12).
 */
export function setOwn(out: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__')
    Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  else out[key] = value;
}

/**
 * First characters of the plain scalars that resolve to something other than a string: null (`~`, `null`, empty),
 * booleans (YAML 1.2's and kubectl's YAML 1.1 ones), .inf/.nan and numbers.
 */
const NOT_ONLY_STRING = charTable('~nNtTfFyYoO.+-0123456789');

/** A lookup by character code (1 for each of `chars`, all ASCII): cheaper than a Set of one-character strings. */
export function charTable(chars: string): Uint8Array {
  const table = new Uint8Array(128);
  for (const c of chars) table[c.charCodeAt(0)] = 1;
  return table;
}

/** Resolve a plain (unquoted, untagged) scalar the way go-yaml does. */
export function resolvePlain(s: string, mode: GoYamlMode): GoScalar {
  // Past ASCII the table gives undefined: a string too.
  if (s !== '' && NOT_ONLY_STRING[s.charCodeAt(0)] !== 1) return { tag: '!!str', value: s };
  if (NULLS.has(s)) return { tag: '!!null', value: null };
  if (TRUE12.has(s)) return { tag: '!!bool', value: true };
  if (FALSE12.has(s)) return { tag: '!!bool', value: false };
  if (mode === 'kubectl') {
    if (YAML11_TRUE.has(s)) return { tag: '!!bool', value: true };
    if (YAML11_FALSE.has(s)) return { tag: '!!bool', value: false };
  }
  switch (s) {
    case '.inf':
    case '.Inf':
    case '.INF':
    case '+.inf':
    case '+.Inf':
    case '+.INF':
      return { tag: '!!float', value: Infinity };
    case '-.inf':
    case '-.Inf':
    case '-.INF':
      return { tag: '!!float', value: -Infinity };
    case '.nan':
    case '.NaN':
    case '.NAN':
      return { tag: '!!float', value: NaN };
  }
  const first = s.charAt(0);
  if (/[-+.0-9]/.test(first)) {
    const plain = s.replace(/_/g, '');
    const int = parseGoInt(plain, false) ?? parseGoInt(plain, true);
    if (mode === 'v3') {
      const t = goTimestamp(s);
      if (t !== undefined) return { tag: '!!timestamp', value: t };
    }
    if (int !== undefined) return { tag: '!!int', value: exactInt(int) };
    // strconv.ParseFloat fails on overflow (1e400), and go-yaml then keeps the text.
    if (YAML_STYLE_FLOAT.test(plain) && Number.isFinite(Number(plain))) return { tag: '!!float', value: Number(plain) };
  }
  return { tag: '!!str', value: s };
}

const TIMESTAMP =
  /^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?:(?:[Tt]|[ \t]+)([0-9]{1,2}):([0-9]{1,2}):([0-9]{1,2})(?:\.([0-9]+))?(?:[ \t]*(Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?)?$/;

/** yaml.v3's parseTimestamp, formatted as time.Time marshals (RFC 3339, nanoseconds without trailing zeros). */
export function goTimestamp(s: string): string | undefined {
  const m = TIMESTAMP.exec(s);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, se, frac, zone] = m;
  const pad = (x: string | undefined, n = 2) => (x ?? '0').padStart(n, '0');
  if (Number(mo) < 1 || Number(mo) > 12 || Number(d) < 1 || Number(d) > 31) return undefined;
  if (h === undefined) return `${y}-${pad(mo)}-${pad(d)}T00:00:00Z`;
  if (Number(h) > 23 || Number(mi) > 59 || Number(se) > 59) return undefined;
  const digits = (frac ?? '').slice(0, 9).replace(/0+$/, '');
  let offset = 'Z';
  if (zone && zone !== 'Z') {
    const [zh, zm] = zone.slice(1).split(':');
    offset = Number(zh) === 0 && Number(zm ?? 0) === 0 ? 'Z' : `${zone[0]}${pad(zh)}:${pad(zm ?? '0')}`;
  }
  return `${y}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}:${pad(se)}${digits ? '.' + digits : ''}${offset}`;
}

/** go yaml.v3 decoding a scalar into a typed Go bool field: it also takes the YAML 1.1 spellings. */
export function yamlV3Bool(scalar: string): boolean | undefined {
  if (TRUE12.has(scalar) || YAML11_TRUE.has(scalar)) return true;
  if (FALSE12.has(scalar) || YAML11_FALSE.has(scalar)) return false;
  return undefined;
}

/** Budget against alias bombs: a document may expand to at most this many nodes. */
const MAX_NODES = 100_000;

export class Budget {
  count = 0;
  /** Map keys kubectl cannot turn into JSON (a null key fails the apply: "unsupported map key of type"). */
  readonly nullKeys: Node[] = [];
  /** The value of each null key (same order), for kubectl's message, which prints it with Go's %#v. */
  readonly nullKeyValues: unknown[] = [];
  spend(): void {
    if (++this.count > MAX_NODES) throw new Error('document expands to too many nodes (alias bomb?)');
  }
}

/**
 * Go's %+#v of a value yaml.v2 decoded (sigs.k8s.io/yaml prints a null key's value so): strings quoted, nil as
 * <nil>, sequences as []interface {}{...}, maps as map[interface {}]interface {}{...} with sorted keys.
 */
export function goSharpV(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  if (typeof v === 'number') {
    if (Number.isNaN(v)) return 'NaN';
    if (!Number.isFinite(v)) return v > 0 ? '+Inf' : '-Inf';
    if (Number.isInteger(v)) return String(v);
    const text = String(v);
    return /e/.test(text) ? text.replace(/e([+-])(\d)$/, 'e$10$2') : text;
  }
  if (Array.isArray(v)) return `[]interface {}{${v.map(goSharpV).join(', ')}}`;
  if (typeof v === 'object' && !(v instanceof Date) && !(v instanceof Uint8Array)) {
    const entries = Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `map[interface {}]interface {}{${entries.map(([k, x]) => `${JSON.stringify(k)}:${goSharpV(x)}`).join(', ')}}`;
  }
  return String(v);
}

/** Longest text kept for a collection used as a map key. */
const MAX_COLLECTION_KEY = 256;

function keyString(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return v;
  // A map or sequence as a key (`{{a: 1}: x}`) is refused by both decoders (non-string key); its text only names
  // it. Capped, because each nesting level would escape the quotes of the one inside it again: `{{{{…` doubles
  // the text per level (a fuzzing find: 36 levels took 20 s).
  if (typeof v === 'object') {
    const text = JSON.stringify(v);
    return text.length > MAX_COLLECTION_KEY ? `${text.slice(0, MAX_COLLECTION_KEY)}…` : text;
  }
  return String(v);
}

/** The JSON key a map key becomes (sigs.k8s.io/yaml writes a float key with strconv.FormatFloat(f, 'g', -1, 32)). */
export function goKeyString(keyValue: unknown, keyNode: unknown, mode: GoYamlMode): string {
  const floatKey =
    mode === 'kubectl' &&
    typeof keyValue === 'number' &&
    isScalar(keyNode) &&
    scalarValue(keyNode, mode).tag === '!!float';
  return floatKey ? formatGoFloat32(keyValue) : keyString(keyValue);
}

/** The value of a composed node as Go reads it (maps become plain objects with string keys). */
export function goNodeValue(
  node: unknown,
  doc: Document.Parsed,
  mode: GoYamlMode,
  budget = new Budget(),
  seen = new Set<unknown>(),
): unknown {
  budget.spend();
  if (node === null || node === undefined) return null;
  if (isAlias(node)) {
    const target = node.resolve(doc);
    if (!target || seen.has(target)) return null;
    seen.add(target);
    try {
      return goNodeValue(target, doc, mode, budget, seen);
    } finally {
      seen.delete(target);
    }
  }
  if (isScalar(node)) return scalarValue(node, mode).value;
  if (isSeq(node)) return node.items.map((item) => goNodeValue(item, doc, mode, budget, seen));
  // An implicit pair inside a flow sequence (`[a: 1]`, also `!!omap`) is a one-entry map.
  if (isPair(node)) {
    const key = keyString(goNodeValue(node.key, doc, mode, budget, seen));
    return { [key]: goNodeValue(node.value, doc, mode, budget, seen) };
  }
  if (isMap(node)) {
    const out: Record<string, unknown> = {};
    const merges: unknown[] = [];
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      if (isScalar(pair.key) && pair.key.type === 'PLAIN' && pair.key.source === '<<' && !pair.key.tag) {
        merges.push(pair.value);
        continue;
      }
      const keyValue = goNodeValue(pair.key, doc, mode, budget, seen);
      const key = goKeyString(keyValue, pair.key, mode);
      const value = goNodeValue(pair.value, doc, mode, budget, seen);
      if (mode === 'kubectl' && keyValue === null && pair.key) {
        budget.nullKeys.push(pair.key as Node);
        budget.nullKeyValues.push(value);
      }
      setOwn(out, key, value);
    }
    // Merge keys (`<<: *base`): explicit keys win over merged ones.
    for (const merge of merges) {
      const value = goNodeValue(merge, doc, mode, budget, seen);
      const sources = Array.isArray(value) ? value : [value];
      for (const source of sources) {
        if (source && typeof source === 'object' && !Array.isArray(source)) {
          for (const [k, v] of Object.entries(source)) if (!Object.prototype.hasOwnProperty.call(out, k)) out[k] = v;
        }
      }
    }
    return out;
  }
  return null;
}

export function scalarValue(node: Node, mode: GoYamlMode): GoScalar {
  if (!isScalar(node)) return { tag: '!!null', value: null };
  const tag = node.tag;
  if (tag === 'tag:yaml.org,2002:str' || tag === '!!str')
    return { tag: '!!str', value: String(node.source ?? node.value ?? '') };
  if (tag === 'tag:yaml.org,2002:binary' || tag === '!!binary') {
    const text = String(node.source ?? node.value ?? '').replace(/\s+/g, '');
    return { tag: '!!str', value: Buffer.from(text, 'base64').toString('utf8') };
  }
  if (node.type === 'PLAIN' || node.type === undefined) {
    const source =
      typeof node.source === 'string' ? node.source : typeof node.value === 'string' ? node.value : undefined;
    if (source !== undefined) return resolvePlain(source, mode);
  }
  const v = node.value;
  if (v === null || v === undefined) return { tag: '!!null', value: null };
  if (typeof v === 'boolean') return { tag: '!!bool', value: v };
  if (typeof v === 'number') return Number.isInteger(v) ? { tag: '!!int', value: v } : { tag: '!!float', value: v };
  if (typeof v === 'bigint') return { tag: '!!int', value: exactInt(v) };
  return { tag: '!!str', value: String(v) };
}

/** A whole YAML text as kubectl would send it to the API server (first document). */
export function kubectlValue(text: string): unknown {
  try {
    const docs = parseAllDocuments(text, { prettyErrors: false });
    const first = Array.isArray(docs) ? docs[0] : undefined;
    return first ? goNodeValue(first.contents, first, 'kubectl') : null;
  } catch {
    return null;
  }
}

/** A whole YAML text as go yaml.v3 decodes it into `any` (first document). */
export function yamlV3Value(text: string): unknown {
  try {
    const docs = parseAllDocuments(text, { prettyErrors: false });
    const first = Array.isArray(docs) ? docs[0] : undefined;
    return first ? goNodeValue(first.contents, first, 'v3') : null;
  } catch {
    return null;
  }
}

/** Go's strconv.FormatFloat(f, 'g', -1, 64), as yaml.v3 writes a float64 (and fmt's %v). */
export function formatGoFloat(f: number): string {
  if (Number.isNaN(f)) return '.nan';
  if (f === Infinity) return '.inf';
  if (f === -Infinity) return '-.inf';
  if (f === 0) return Object.is(f, -0) ? '-0' : '0';
  const [mantissa, e] = f.toExponential().split('e');
  const exponent = Number(e);
  // strconv 'g' with the shortest precision switches to %e below 1e-4 and from 1e6 on.
  if (exponent < -4 || exponent >= 6) {
    const sign = exponent < 0 ? '-' : '+';
    const abs = Math.abs(exponent);
    return `${mantissa}e${sign}${abs < 10 ? '0' + abs : abs}`;
  }
  return f.toFixed(Math.max(0, mantissa.replace(/^-?\d\.?/, '').length - exponent));
}

/** strconv.FormatFloat(f, 'g', -1, 32): the shortest text that reads back as the same float32. */
export function formatGoFloat32(f: number): string {
  const single = Math.fround(f);
  // sigs.k8s.io/yaml spells infinite and NaN keys the YAML way.
  if (!Number.isFinite(single)) return single > 0 ? '.inf' : single < 0 ? '-.inf' : '.nan';
  for (let p = 1; p <= 9; p++) {
    const candidate = Number(single.toPrecision(p));
    if (Math.fround(candidate) === single) return formatGoFloat(candidate);
  }
  return formatGoFloat(single);
}

/** The text go yaml.v3 marshals an untyped scalar to (what a typed re-decode sees as `n.Value`). */
export function goScalarText(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  if (typeof v === 'number')
    return Number.isInteger(v) && (Math.abs(v) < TWO_63 || (v > 0 && v < 2 * TWO_63)) ? String(v) : formatGoFloat(v);
  return String(v);
}

export function goTag(
  v: unknown,
): '!!null' | '!!bool' | '!!int' | '!!float' | '!!str' | '!!timestamp' | '!!seq' | '!!map' {
  if (v === null || v === undefined) return '!!null';
  if (typeof v === 'boolean') return '!!bool';
  if (typeof v === 'bigint') return '!!int';
  // A whole number past int64 (1e300) is a float64 to Go and marshals as 1e+300.
  if (typeof v === 'number')
    return Number.isInteger(v) && (Math.abs(v) < TWO_63 || (v > 0 && v < 2 * TWO_63)) ? '!!int' : '!!float';
  if (typeof v === 'string') return '!!str';
  if (Array.isArray(v)) return '!!seq';
  return '!!map';
}

/** JSON text of a Go value tree: bigints written with all their digits, as Go's encoders do for int64/uint64. */
export function goJson(v: unknown, indent?: number): string {
  const text = JSON.stringify(
    v,
    (_key, value: unknown) => (typeof value === 'bigint' ? `${BIGINT_MARK}${value.toString()}` : value),
    indent,
  );
  return text.replace(BIGINT_TEXT, '$1');
}
const BIGINT_MARK = '\u0000bigint:';
const BIGINT_TEXT = /"\\u0000bigint:(-?[0-9]+)"/g;

/** The tree as encoding/json decodes it into `any`: every number a float64 (what the operator reads from a CR). */
export function asFloat64(v: unknown): unknown {
  if (typeof v === 'bigint') return Number(v);
  if (Array.isArray(v)) return v.map(asFloat64);
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, item] of Object.entries(v)) {
      setOwn(out, k, asFloat64(item));
    }
    return out;
  }
  return v;
}
