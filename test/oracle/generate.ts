// Seeded generator of differential cases: Masterminds constraints, RE2 patterns with subjects, Module config YAML
// (what kubectl decodes) and resource-definition config specs (what yaml.v3 decodes into typed structs).
// The pools lean on the edges where libraries disagree: YAML 1.1 vs 1.2 scalars, partial and wildcard versions,
// syntax RE2 rejects. Multi-part cases (config keys, config items) keep their parts so a disagreement can be shrunk.
import { createRandom, type Random } from './random';
import {
  AND_SEPARATORS,
  ODD_AND_SEPARATORS,
  ODD_OR_SEPARATORS,
  ODD_PRERELEASES,
  BUILDS,
  CROSS_KINDS,
  FIELD_VALUES,
  GARBAGE_CONSTRAINTS,
  HYPHEN_SEPARATORS,
  ODD_OPERATORS,
  ODD_VERSION_NUMBERS,
  OPERATORS,
  OR_SEPARATORS,
  PRERELEASES,
  RE_ANCHORS,
  RE_ATOMS,
  RE_ODD_QUANTIFIERS,
  RE_FLAGS,
  RE_GROUP_OPENERS,
  RE_LITERALS,
  RE_QUANTIFIERS,
  RE_REJECTED,
  SPEC_FIELDS,
  SPECIAL_KEYS,
  SUBJECTS,
  UNKNOWN_SPEC_KEYS,
  UNKNOWN_TYPES,
  VERSION_NUMBERS,
  WILDCARDS,
  YAML11_BOOLS,
  YAML_COLLECTIONS,
  YAML_NUMBERS,
  YAML_SPECIALS,
  YAML_STRINGS,
} from './pools';

export const OPERATOR_VERSIONS = ['0.1.7', '0.0.0', '1.0.0', '0.1.7-rc.1', '2.3.4'] as const;

export type OracleCase =
  | { id: number; kind: 'constraint'; constraint: string; versions: string[] }
  | { id: number; kind: 'regex'; pattern: string; subjects: string[] }
  /** `entries`: lines under `spec.config:` (indented 4); `yaml` is the whole Module built from them. */
  | { id: number; kind: 'moduleYaml'; yaml: string; entries: string[] }
  /** `items`: config list items (each text starts with `  - type:`); `yaml` is the whole resource. */
  | { id: number; kind: 'specDecode'; yaml: string; items: string[] }
  /** The same items, in a resource embedded in a Module (`spec.source.raw`): kubectl's YAML 1.1 first. */
  | { id: number; kind: 'rawDecode'; yaml: string; items: string[] };

export type CaseKind = OracleCase['kind'];

export function generateCases(count: number, seed: number): OracleCase[] {
  const r = createRandom(seed);
  const cases: OracleCase[] = [];
  for (let id = 0; id < count; id++) {
    const roll = r.next();
    if (roll < 0.27)
      cases.push({ id, kind: 'constraint', constraint: genConstraint(r), versions: [...OPERATOR_VERSIONS] });
    else if (roll < 0.54) {
      const pattern = genPattern(r);
      cases.push({ id, kind: 'regex', pattern, subjects: genSubjects(r, pattern) });
    } else if (roll < 0.72) {
      const entries = Array.from({ length: 1 + r.int(3) }, (_, i) => genConfigEntry(r, i));
      cases.push({ id, kind: 'moduleYaml', yaml: moduleYaml(entries), entries });
    } else {
      const items = Array.from({ length: 1 + r.int(3) }, (_, i) => genConfigItem(r, i));
      if (roll < 0.88) cases.push({ id, kind: 'specDecode', yaml: resourceYaml(items), items });
      else cases.push({ id, kind: 'rawDecode', yaml: rawModuleYaml(items), items });
    }
  }
  return cases;
}

/**
 * The same case with fewer parts (used to shrink a disagreement to its smallest reproducer): config keys, config
 * items, regex subjects, or the comma / `||` pieces of a constraint.
 */
export function withParts(c: OracleCase, parts: string[]): OracleCase {
  switch (c.kind) {
    case 'moduleYaml':
      return { ...c, entries: parts, yaml: moduleYaml(parts) };
    case 'specDecode':
      return { ...c, items: parts, yaml: resourceYaml(parts) };
    case 'rawDecode':
      return { ...c, items: parts, yaml: rawModuleYaml(parts) };
    case 'regex':
      return { ...c, subjects: parts };
    case 'constraint':
      return { ...c, constraint: parts.join(', ') };
  }
}

export function partsOf(c: OracleCase): string[] {
  switch (c.kind) {
    case 'moduleYaml':
      return c.entries;
    case 'specDecode':
    case 'rawDecode':
      return c.items;
    case 'regex':
      return c.subjects;
    case 'constraint': {
      const pieces = c.constraint.split(/\|\||,/).map((p) => p.trim());
      return pieces.every((p) => p.length > 0) ? pieces : [];
    }
  }
}

// ---------------------------------------------------------------- Masterminds constraints

function genVersion(r: Random, { wildcards = true } = {}): string {
  const parts = 1 + r.int(3);
  const nums: string[] = [];
  for (let i = 0; i < parts; i++) {
    const roll = r.next();
    nums.push(
      wildcards && roll < 0.12
        ? r.pick(WILDCARDS)
        : roll < 0.14
          ? r.pick(ODD_VERSION_NUMBERS)
          : r.pick(VERSION_NUMBERS),
    );
  }
  let v = (r.chance(0.12) ? oddOr(r, ['v'], ['V', 'v.', 'vv']) : '') + nums.join('.');
  if (r.chance(0.2)) v += oddOr(r, PRERELEASES, ODD_PRERELEASES);
  if (r.chance(0.1)) v += r.pick(BUILDS);
  return v;
}

function genConstraintTerm(r: Random): string {
  if (r.chance(0.12)) {
    const sep = r.pick(HYPHEN_SEPARATORS);
    return genVersion(r) + sep + genVersion(r);
  }
  const op = r.chance(0.04) ? r.pick(ODD_OPERATORS) : r.pick(OPERATORS);
  return op + r.pick(['', '', '', ' ', '  ']) + genVersion(r);
}

export function genConstraint(r: Random): string {
  if (r.chance(0.1)) {
    const garbage = r.pick(GARBAGE_CONSTRAINTS);
    return r.chance(0.5) ? garbage : mutate(r, garbage, '><=!~^,|- vVxX*.0123456789abc\t');
  }
  const groups = 1 + (r.chance(0.25) ? r.int(3) : 0);
  const orParts: string[] = [];
  for (let g = 0; g < groups; g++) {
    const terms = Array.from({ length: 1 + r.int(3) }, () => genConstraintTerm(r));
    let group = terms[0] ?? '';
    for (const t of terms.slice(1)) group += oddOr(r, AND_SEPARATORS, ODD_AND_SEPARATORS) + t;
    orParts.push(group);
  }
  let text = orParts[0] ?? '';
  for (const p of orParts.slice(1)) text += oddOr(r, OR_SEPARATORS, ODD_OR_SEPARATORS) + p;
  if (r.chance(0.1)) text = r.pick([' ', '\t', '  ']) + text;
  if (r.chance(0.1)) text += oddOr(r, [' ', '\t', '  '], [',', ' ,', '\n', '||']);
  if (r.chance(0.05)) text = mutate(r, text, '><=!~^,|- vVxX*.0123456789\t');
  return text;
}

/** Mostly a pick from `usual`; now and then (5%) one from `odd`: near-garbage without drowning the valid cases. */
function oddOr(r: Random, usual: readonly string[], odd: readonly string[]): string {
  return r.chance(0.05) ? r.pick(odd) : r.pick(usual);
}

/** One random edit (insert, delete or replace a character): the "near garbage" that borders on valid syntax. */
function mutate(r: Random, text: string, alphabet: string): string {
  const chars = [...text];
  const at = r.int(chars.length + 1);
  const ch = r.pick([...alphabet]);
  const op = r.int(3);
  chars.splice(at, op === 0 || chars.length === 0 ? 0 : 1, ...(op === 1 ? [] : [ch]));
  return chars.join('');
}

// ---------------------------------------------------------------- RE2

function genReAtom(r: Random, depth: number): string {
  const roll = r.next();
  let atom: string;
  if (roll < 0.35) atom = r.pick(RE_LITERALS);
  else if (roll < 0.6) atom = r.pick(RE_ATOMS);
  else if (roll < 0.7 || depth > 2) atom = r.pick(RE_ANCHORS);
  else {
    const inner = genReSequence(r, depth + 1);
    // Named groups get a random name: duplicates (an RE2 error) stay possible but rare.
    const open = r.pick(RE_GROUP_OPENERS).replace('<g>', `<g${r.int(1000)}>`);
    atom = open + (r.chance(0.2) ? inner + '|' + genReSequence(r, depth + 1) : inner) + ')';
  }
  if (r.chance(0.3)) atom += oddOr(r, RE_QUANTIFIERS, RE_ODD_QUANTIFIERS);
  return atom;
}

function genReSequence(r: Random, depth: number): string {
  return Array.from({ length: 1 + r.int(4) }, () => genReAtom(r, depth)).join('');
}

export function genPattern(r: Random): string {
  let p = genReSequence(r, 0);
  if (r.chance(0.3)) p = r.pick(RE_FLAGS) + p;
  if (r.chance(0.2)) p = '^' + p;
  if (r.chance(0.2)) p += '$';
  if (r.chance(0.15)) p += '|' + genReSequence(r, 1);
  if (r.chance(0.2)) {
    // Insert between code points: a split surrogate pair would reach Go as U+FFFD and test nothing real.
    const chars = [...p];
    chars.splice(r.int(chars.length + 1), 0, r.pick(RE_REJECTED));
    p = chars.join('');
  }
  return p;
}

/** Subjects: a fixed pool with Unicode and newlines, plus strings assembled from the pattern's own literals. */
function genSubjects(r: Random, pattern: string): string[] {
  const subjects = Array.from({ length: 4 }, () => r.pick(SUBJECTS));
  const alphabet = [...new Set([...pattern].filter((ch) => !'()[]{}\\^$|?*+'.includes(ch)))];
  for (let i = 0; i < 3; i++) {
    const length = r.int(8);
    let s = '';
    for (let j = 0; j < length; j++) s += r.chance(0.7) && alphabet.length ? r.pick(alphabet) : r.pick(RE_LITERALS);
    subjects.push(s);
  }
  return subjects;
}

// ---------------------------------------------------------------- Module spec.config (kubectl's YAML 1.1 decode)

export function genYamlScalarOrValue(r: Random): string {
  const roll = r.next();
  if (roll < 0.25) return r.pick(YAML11_BOOLS);
  if (roll < 0.55) return r.pick(YAML_NUMBERS);
  if (roll < 0.65) return r.pick(YAML_SPECIALS);
  if (roll < 0.85) return r.pick(YAML_STRINGS);
  return r.pick(YAML_COLLECTIONS);
}

export function genConfigEntry(r: Random, index: number): string {
  const key = r.chance(0.12) ? r.pick(SPECIAL_KEYS) : `k${index}`;
  const value = r.chance(0.05) ? '' : ' ' + genYamlScalarOrValue(r);
  return `    ${key}:${value}`;
}

export function moduleYaml(entries: readonly string[]): string {
  const config = entries.length ? 'config:\n' + entries.join('\n') : 'config: {}';
  return [
    'apiVersion: batch.forkspacer.com/v1',
    'kind: Module',
    'metadata:',
    '  name: generated',
    'spec:',
    '  workspace:',
    '    name: dev',
    '  source:',
    '    httpURL: https://example.com/resource.yaml',
    '  ' + config,
    '',
  ].join('\n');
}

// ---------------------------------------------------------------- resource config specs (yaml.v3 typed decode)

function genSpecBody(r: Random, type: string): string {
  const shape = r.next();
  if (shape < 0.05) return ' ' + r.pick(['~', '[]', '[a]', 'abc', '5', '""', '{}', 'true']);
  if (shape < 0.08) return '';
  const fields = SPEC_FIELDS[type] ?? SPEC_FIELDS[r.pick(Object.keys(SPEC_FIELDS))] ?? {};
  const lines: string[] = [];
  for (const [field, kind] of Object.entries(fields)) {
    if (!r.chance(0.6)) continue;
    const valueKind = r.chance(0.9) ? kind : r.pick(CROSS_KINDS);
    lines.push(`${field}: ${r.pick(FIELD_VALUES[valueKind])}`);
  }
  if (r.chance(0.08)) lines.push(`${r.pick(UNKNOWN_SPEC_KEYS)}: ${r.pick(FIELD_VALUES.int)}`);
  if (lines.length === 0) return r.chance(0.5) ? ' {}' : '';
  // Block mapping under `spec:`, indented 6 (item at 2, its keys at 4).
  return '\n' + lines.map((l) => '      ' + l).join('\n');
}

export function genConfigItem(r: Random, index: number): string {
  const type = r.chance(0.07) ? r.pick(UNKNOWN_TYPES) : r.pick(Object.keys(SPEC_FIELDS));
  const typeText = /^[a-z-]+$/.test(type) ? type : JSON.stringify(type);
  const lines = [`  - type: ${typeText}`, `    name: Item ${index}`, `    alias: a${index}`];
  if (!r.chance(0.05)) lines.push('    spec:' + genSpecBody(r, type));
  return lines.join('\n');
}

export function resourceYaml(items: readonly string[]): string {
  return [
    'kind: Custom',
    'metadata:',
    '  name: generated',
    '  version: 1.0.0',
    '  supportedOperatorVersion: ">= 0.0.0"',
    items.length ? 'config:\n' + items.join('\n') : 'config: []',
    'spec:',
    '  repo:',
    '    file: https://example.com/plugin.so',
    '',
  ].join('\n');
}

/** A Module whose `spec.source.raw` is the resource of `resourceYaml(items)`, indented under `raw:`. */
export function rawModuleYaml(items: readonly string[]): string {
  const resource = resourceYaml(items)
    .trimEnd()
    .split('\n')
    .map((line) => '      ' + line)
    .join('\n');
  return [
    'apiVersion: batch.forkspacer.com/v1',
    'kind: Module',
    'metadata:',
    '  name: generated',
    'spec:',
    '  workspace:',
    '    name: dev',
    '  source:',
    '    raw:',
    resource,
    '',
  ].join('\n');
}
