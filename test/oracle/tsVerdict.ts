// Our TypeScript core's verdict on an oracle case, in the same shape as the Go oracle's (see test/oracle/go).
import {
  compileRe2,
  constraintAllows,
  decodeResource,
  parseConstraint,
  parseYamlFile,
  re2Find,
  readModule,
  type Problem,
} from '../../common/src/index';
import type { OracleCase } from './generate';

export type Verdict = { ok: boolean; error?: string } & Record<string, unknown>;

/** Problem codes by which decodeResource says "the operator cannot even decode this config item". */
const ITEM_DECODE_CODES = new Set(['config-spec-invalid', 'config-type-unknown']);

export function tsVerdict(c: OracleCase): Verdict {
  try {
    switch (c.kind) {
      case 'constraint':
        return constraintVerdict(c.constraint, c.versions);
      case 'regex':
        return regexVerdict(c.pattern, c.subjects);
      case 'moduleYaml':
        return moduleYamlVerdict(c.yaml);
      case 'specDecode':
        return specDecodeVerdict(c.yaml);
      case 'rawDecode':
        return rawDecodeVerdict(c.yaml);
    }
  } catch (e) {
    return { ok: false, threw: true, error: `threw: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}` };
  }
}

function constraintVerdict(text: string, versions: readonly string[]): Verdict {
  const parsed = parseConstraint(text);
  if (!parsed.ok) return { ok: false, error: parsed.error };
  return { ok: true, allows: versions.map((v) => constraintAllows(parsed.constraint, v)) };
}

function regexVerdict(pattern: string, subjects: readonly string[]): Verdict {
  const compiled = compileRe2(pattern);
  if (!compiled.ok) return { ok: false, error: compiled.error };
  return { ok: true, matches: subjects.map((s) => re2Find(compiled.regex, s)) };
}

function moduleYamlVerdict(text: string): Verdict {
  const doc = parseYamlFile(text).documents[0];
  if (!doc) return { ok: false, error: 'no document' };
  if (doc.errors.length) return { ok: false, error: doc.errors.map((e) => e.message).join('; ') };
  const spec = isRecord(doc.value) ? doc.value['spec'] : undefined;
  const present = isRecord(spec) && Object.prototype.hasOwnProperty.call(spec, 'config');
  // The config as the core hands it to the config check and the host (readModule: encoding/json's float64s).
  const config = present ? readModule(doc.value).config : null;
  // kubectl's json.Marshal refuses what JSON cannot hold (.inf, .nan): the whole apply fails.
  const unrepresentable = findUnrepresentable(config);
  if (unrepresentable)
    return { ok: false, error: `not representable in JSON: ${unrepresentable}`, config: canonical(config) };
  return { ok: true, present, config: canonical(config) };
}

function specDecodeVerdict(text: string): Verdict {
  const doc = parseYamlFile(text).documents[0];
  if (!doc) return { ok: false, error: 'no document' };
  if (doc.errors.length) return { ok: false, error: doc.errors.map((e) => e.message).join('; ') };
  // The text path is the one the validator takes for a resource file (typed decode over the YAML nodes, yaml.v3 rules).
  return { ok: true, items: itemVerdicts(decodeResource(undefined, doc.text), doc.value) };
}

/** A resource embedded in a Module: our kubectl-decoded value of `spec.source.raw`, decoded as a resource. */
function rawDecodeVerdict(text: string): Verdict {
  const doc = parseYamlFile(text).documents[0];
  if (!doc) return { ok: false, error: 'no document' };
  if (doc.errors.length) return { ok: false, error: doc.errors.map((e) => e.message).join('; ') };
  const spec = isRecord(doc.value) ? doc.value['spec'] : undefined;
  const source = isRecord(spec) ? spec['source'] : undefined;
  const raw = isRecord(source) ? source['raw'] : undefined;
  if (raw === undefined) return { ok: false, error: 'no spec.source.raw' };
  const unrepresentable = findUnrepresentable(raw);
  if (unrepresentable) return { ok: false, error: `not representable in JSON: ${unrepresentable}` };
  return { ok: true, items: itemVerdicts(decodeResource(raw), raw) };
}

function itemVerdicts(decoded: ReturnType<typeof decodeResource>, resource: unknown): Verdict[] {
  const rawItems = isRecord(resource) && Array.isArray(resource['config']) ? resource['config'] : [];
  return rawItems.map((_raw, i) => {
    const refusals = decoded.problems.filter(
      (p) => p.severity === 'error' && ITEM_DECODE_CODES.has(p.code) && isUnder(p, i),
    );
    if (refusals.length) return { ok: false, error: refusals.map((p) => `${p.code}: ${p.message}`).join('; ') };
    const item = decoded.definition?.config[i];
    if (!item) return { ok: false, error: 'no refusal, but no decoded config item either' };
    // Accepted by the operator, but we may still warn (e.g. a float truncated into an integer bound).
    const warnings = decoded.problems.filter((p) => p.severity !== 'error' && isUnder(p, i)).map((p) => p.code);
    return { ok: true, spec: { ...item.spec }, warnings };
  });
}

function isUnder(p: Problem, index: number): boolean {
  return p.path[0] === 'config' && p.path[1] === index;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function findUnrepresentable(v: unknown): string | undefined {
  if (typeof v === 'number' && !Number.isFinite(v)) return String(v);
  if (Array.isArray(v) || (isRecord(v) && !(v instanceof Date))) {
    for (const x of Object.values(v)) {
      const found = findUnrepresentable(x);
      if (found) return found;
    }
  }
  return undefined;
}

/** A plain-JSON image of a value, with anything JSON cannot say made visible instead of silently converted. */
export function canonical(v: unknown): unknown {
  if (v === undefined) return '<undefined>';
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? (Object.is(v, -0) ? 0 : v) : `<${v}>`;
  if (typeof v === 'bigint') return `<bigint ${v}>`;
  if (v instanceof Date) return `<Date ${v.toISOString()}>`;
  if (v instanceof Uint8Array) return `<bytes ${Buffer.from(v).toString('base64')}>`;
  if (v instanceof Map || v instanceof Set) return `<${v.constructor.name}>`;
  if (Array.isArray(v)) return v.map(canonical);
  if (typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v as object).sort()) out[k] = canonical((v as Record<string, unknown>)[k]);
    return out;
  }
  return `<${typeof v}>`;
}
