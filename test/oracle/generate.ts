// Seeded generator of differential cases: Masterminds constraints, RE2 patterns with subjects, Module config YAML
// (what kubectl decodes) and resource-definition config specs (what yaml.v3 decodes into typed structs).
// The pools lean on the edges where libraries disagree: YAML 1.1 vs 1.2 scalars, partial and wildcard versions,
// syntax RE2 rejects. Multi-part cases (config keys, config items) keep their parts so a disagreement can be shrunk.
import { createRandom, type Random } from './random';

export const OPERATOR_VERSIONS = ['0.1.7', '0.0.0', '1.0.0', '0.1.7-rc.1', '2.3.4'] as const;

export type OracleCase =
  | { id: number; kind: 'constraint'; constraint: string; versions: string[] }
  | { id: number; kind: 'regex'; pattern: string; subjects: string[] }
  /** `entries`: lines under `spec.config:` (indented 4); `yaml` is the whole Module built from them. */
  | { id: number; kind: 'moduleYaml'; yaml: string; entries: string[] }
  /** `items`: config list items (each text starts with `  - type:`); `yaml` is the whole resource. */
  | { id: number; kind: 'specDecode'; yaml: string; items: string[] };

export type CaseKind = OracleCase['kind'];

export function generateCases(count: number, seed: number): OracleCase[] {
  const r = createRandom(seed);
  const cases: OracleCase[] = [];
  for (let id = 0; id < count; id++) {
    const roll = r.next();
    if (roll < 0.3)
      cases.push({ id, kind: 'constraint', constraint: genConstraint(r), versions: [...OPERATOR_VERSIONS] });
    else if (roll < 0.6) {
      const pattern = genPattern(r);
      cases.push({ id, kind: 'regex', pattern, subjects: genSubjects(r, pattern) });
    } else if (roll < 0.8) {
      const entries = Array.from({ length: 1 + r.int(3) }, (_, i) => genConfigEntry(r, i));
      cases.push({ id, kind: 'moduleYaml', yaml: moduleYaml(entries), entries });
    } else {
      const items = Array.from({ length: 1 + r.int(3) }, (_, i) => genConfigItem(r, i));
      cases.push({ id, kind: 'specDecode', yaml: resourceYaml(items), items });
    }
  }
  return cases;
}

/** The same case with fewer parts (used to shrink a disagreement to its smallest reproducer). */
export function withParts(c: OracleCase, parts: string[]): OracleCase {
  if (c.kind === 'moduleYaml') return { ...c, entries: parts, yaml: moduleYaml(parts) };
  if (c.kind === 'specDecode') return { ...c, items: parts, yaml: resourceYaml(parts) };
  return c;
}

export function partsOf(c: OracleCase): string[] {
  return c.kind === 'moduleYaml' ? c.entries : c.kind === 'specDecode' ? c.items : [];
}

// ---------------------------------------------------------------- Masterminds constraints

const VERSION_NUMBERS = ['0', '1', '2', '3', '7', '10', '0', '1', '01', '00', '999999999999999999999'];
const WILDCARDS = ['x', 'X', '*'];
const PRERELEASES = ['-rc.1', '-alpha', '-0', '-beta.2', '-rc.01', '-rc-1', '-', '-a.b.c', '-RC.1', '-1'];
const BUILDS = ['+build.5', '+001', '+meta', '+', '+a.b'];
const OPERATORS = [
  '',
  '',
  '=',
  '!=',
  '>',
  '<',
  '>=',
  '=>',
  '<=',
  '=<',
  '~',
  '~>',
  '^',
  '==',
  '!',
  '<>',
  '>>',
  '~=',
  '^^',
];
const AND_SEPARATORS = [', ', ',', ' ', '  ', ' , ', ',  ', '\t', ' ,'];
const OR_SEPARATORS = [' || ', '||', ' ||', '|| ', ' | ', '|||', ' or '];
const GARBAGE_CONSTRAINTS = [
  '',
  ' ',
  'latest',
  '*',
  'x',
  'X',
  '>= ',
  '1.2.3.4',
  'abc',
  '>=1.0.0 <',
  ',',
  '||',
  '1.0.0,',
  ', 1.0.0',
  '>=1.0.0,,<2',
  '1.0.0 - ',
  '!1.0',
  '~>',
  '^',
  'v',
  '>=v1.0',
  '\u22651.0',
  '1..2',
  '1.2.3-',
  '1.2.3+',
  '01.2.3',
  '1.2.3-01',
  ' || 1.0',
  '>= 0.0.0, < 1.0.0',
  '>=1.0.0 <2.0.0',
  '~1.2.0',
  '^1.0.0',
  '1.2 - 1.4',
  '1.2.x',
  'v1.2.3',
  '= 1',
  '>=0.1.7-0',
  '*-0',
  '>=*',
  '<*',
  '!=*',
  '^0',
  '~0',
  '^0.0',
  '~0.1',
  '^0.1.x',
  '1 - 2',
  '1-2',
  '>=1 - 2',
  '- 1',
  'x - 1',
  '>= 0.1.0 || < 0.0.1',
  '0.1.7',
  '=0.1.7',
  'v0.1.7',
  '0.1.7-rc.1',
  '>=0.1.7-rc.0',
  '<0.1.7',
  '<=0.1.7-rc.1',
];

function genVersion(r: Random, { wildcards = true } = {}): string {
  const parts = 1 + r.int(3);
  const nums: string[] = [];
  for (let i = 0; i < parts; i++) nums.push(wildcards && r.chance(0.15) ? r.pick(WILDCARDS) : r.pick(VERSION_NUMBERS));
  let v = (r.chance(0.15) ? r.pick(['v', 'v', 'V', 'v.']) : '') + nums.join('.');
  if (r.chance(0.2)) v += r.pick(PRERELEASES);
  if (r.chance(0.1)) v += r.pick(BUILDS);
  return v;
}

function genConstraintTerm(r: Random): string {
  if (r.chance(0.12)) {
    const sep = r.pick([' - ', ' - ', '-', ' -', '- ', '  -  ', ' – ']);
    return genVersion(r) + sep + genVersion(r);
  }
  return r.pick(OPERATORS) + r.pick(['', '', ' ', '  ']) + genVersion(r);
}

function genConstraint(r: Random): string {
  if (r.chance(0.12)) return mutate(r, r.pick(GARBAGE_CONSTRAINTS), '><=!~^,|- vVxX*.0123456789abc\t');
  const groups = 1 + (r.chance(0.25) ? r.int(3) : 0);
  const orParts: string[] = [];
  for (let g = 0; g < groups; g++) {
    const terms = Array.from({ length: 1 + r.int(3) }, () => genConstraintTerm(r));
    let group = terms[0] ?? '';
    for (const t of terms.slice(1)) group += r.pick(AND_SEPARATORS) + t;
    orParts.push(group);
  }
  let text = orParts[0] ?? '';
  for (const p of orParts.slice(1)) text += r.pick(OR_SEPARATORS) + p;
  if (r.chance(0.1)) text = r.pick([' ', '\t', '  ']) + text;
  if (r.chance(0.1)) text += r.pick([' ', '\t', ',', ' ,', '\n']);
  if (r.chance(0.08)) text = mutate(r, text, '><=!~^,|- vVxX*.0123456789\t');
  return text;
}

/** One random edit (insert, delete or replace a character): the "near garbage" that borders on valid syntax. */
function mutate(r: Random, text: string, alphabet: string): string {
  const at = r.int(text.length + 1);
  const ch = alphabet[r.int(alphabet.length)] ?? '';
  const op = r.int(3);
  if (op === 0 || text.length === 0) return text.slice(0, at) + ch + text.slice(at);
  if (op === 1) return text.slice(0, at) + text.slice(at + 1);
  return text.slice(0, at) + ch + text.slice(at + 1);
}

// ---------------------------------------------------------------- RE2

const RE_LITERALS = [
  'a',
  'b',
  'z',
  'A',
  'Z',
  '0',
  '9',
  '_',
  '-',
  ' ',
  '\u00e9',
  '\u00c9',
  '\u03bb',
  '\u039b',
  '\u65e5',
  '\u{1f600}',
  'k',
  'K',
  '\u212a',
  's',
  '\u017f',
];
const RE_ATOMS = [
  '.',
  '\\d',
  '\\w',
  '\\s',
  '\\D',
  '\\W',
  '\\S',
  '\\b',
  '\\B',
  '[a-z]',
  '[^0-9]',
  '[A-Za-z0-9_-]',
  '[[:alpha:]]',
  '[[:^digit:]]',
  '[[:upper:]]',
  '[[:word:]]',
  '[[:space:]x]',
  '\\pL',
  '\\p{Greek}',
  '\\PL',
  '\\p{Lu}',
  '\\pN',
  '\\p{Han}',
  '\\P{Latin}',
  '\\p{^Greek}',
  '\\x41',
  '\\x{1F600}',
  '\\x{3bb}',
  '\\Q.*\\E',
  '\\.',
  '\\*',
  '\\/',
  '\\-',
  '[\\d.]',
  '[.]',
  '[\\]]',
  '[^\\n]',
  '\\n',
  '\\t',
  '\\012',
  '\\0',
  '[a-]',
  '[-a]',
  '[\\p{Greek}\\d]',
  '[^\\PL]',
  '\\v',
  '\\f',
  '[\u03b1-\u03c9]',
  '\\x{10FFFF}',
  '\\C',
];
const RE_ANCHORS = ['^', '$', '\\A', '\\z'];
const RE_FLAGS = ['(?i)', '(?s)', '(?m)', '(?U)', '(?is)', '(?-i)', '(?i-s)', '(?ims)', '(?sU)'];
const RE_QUANTIFIERS = [
  '*',
  '+',
  '?',
  '{2}',
  '{2,}',
  '{1,3}',
  '*?',
  '+?',
  '??',
  '{0}',
  '{1000}',
  '{1001}',
  '{3,2}',
  '{,3}',
  '{2,5}?',
];
/** Syntax other engines accept and Go's RE2 refuses, or edge syntax it has its own rules for. */
const RE_REJECTED = [
  '(?=a)',
  '(?!a)',
  '(?<=a)',
  '(?<!a)',
  '(a)\\1',
  'a*+',
  'a++',
  'a?+',
  '\\Z',
  '(?>a)',
  '\\G',
  '(?#c)',
  '\\e',
  '(?P=x)',
  '\\k<x>',
  '\\X',
  '\\R',
  '\\h',
  '\\8',
  '[z-a]',
  '\\p{Foo}',
  '\\pZ{',
  'a**',
  'a{1001}',
  '(?P<x>a)(?P<x>b)',
  '(?i',
  '(a',
  'a)',
  '[a',
  'a]',
  '*a',
  '+',
  '?',
  '{',
  'a{',
  'a{1',
  'x{2}{3}',
  '(?z)',
  '(?P<1x>a)',
  '(?P<>a)',
  '(?<x>a)',
  '(?P<n\u00e9>a)',
  '\\',
  '[[:foo:]]',
  '[[:alpha:]',
  '\\x{110000}',
  '\\x{',
  '(?U)a+?',
  '((((a{100}){100}){100}){100})',
  '(a{1000}){1000}',
  '\\pN+',
  '(|a)',
  '()',
  '(?:)',
  'a|',
  '|',
  '^*',
  '$+',
  '\\b+',
  '(?m)^$',
  '[^]',
  '[]a]',
  '[^]a]',
];

function genReAtom(r: Random, depth: number): string {
  const roll = r.next();
  let atom: string;
  if (roll < 0.35) atom = r.pick(RE_LITERALS);
  else if (roll < 0.6) atom = r.pick(RE_ATOMS);
  else if (roll < 0.7 || depth > 2) atom = r.pick(RE_ANCHORS);
  else {
    const inner = genReSequence(r, depth + 1);
    const open = r.pick(['(', '(?:', '(?P<g' + depth + '>', '(?<g' + depth + '>', '(?i:', '(?s:', '(?-i:']);
    atom = open + (r.chance(0.2) ? inner + '|' + genReSequence(r, depth + 1) : inner) + ')';
  }
  if (r.chance(0.3)) atom += r.pick(RE_QUANTIFIERS);
  return atom;
}

function genReSequence(r: Random, depth: number): string {
  return Array.from({ length: 1 + r.int(4) }, () => genReAtom(r, depth)).join('');
}

function genPattern(r: Random): string {
  let p = genReSequence(r, 0);
  if (r.chance(0.3)) p = r.pick(RE_FLAGS) + p;
  if (r.chance(0.2)) p = '^' + p;
  if (r.chance(0.2)) p += '$';
  if (r.chance(0.15)) p += '|' + genReSequence(r, 1);
  if (r.chance(0.2)) {
    const at = r.int(p.length + 1);
    p = p.slice(0, at) + r.pick(RE_REJECTED) + p.slice(at);
  }
  return p;
}

const SUBJECTS = [
  '',
  'a',
  'abc',
  'ABC',
  'aaa',
  'a\nb',
  'b\na\n',
  'ab\n',
  '\n',
  ' ',
  'Z9',
  '123',
  '00',
  '-_',
  'k',
  'K',
  '\u212a',
  '\u017f',
  'S',
  's',
  '\u00e9',
  '\u00c9',
  '\u03bb\u03b1',
  '\u039b',
  '\u65e5\u672c',
  '\u{1f600}',
  'x\u{1f600}y',
  'my-app',
  'v1.2.3',
  'hello world',
  '\t',
  'a.b',
  '*',
  'q\u0301',
  'z'.repeat(40),
  'ab'.repeat(600),
];

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

const YAML11_BOOLS = [
  'yes',
  'no',
  'on',
  'off',
  'y',
  'n',
  'Y',
  'N',
  'Yes',
  'NO',
  'True',
  'TRUE',
  'tRue',
  'On',
  'OFF',
  'true',
  'false',
  'False',
  'YES',
  'oN',
];
const YAML_NUMBERS = [
  '1.10',
  '010',
  '0x1F',
  '0X1f',
  '0o17',
  '0b101',
  '0B11',
  '1e3',
  '1E3',
  '1.5e-3',
  '1e+3',
  '+1',
  '-0',
  '-0.0',
  '1_000',
  '1_0.5',
  '0.',
  '.5',
  '+.5',
  '-.5',
  '1.',
  '00',
  '0777',
  '09',
  '08.5',
  '1.0',
  '12345678901234567890',
  '-9223372036854775808',
  '9223372036854775807',
  '9223372036854775808',
  '3.14159',
  '1:20',
  '190:20:30',
  '-1:30',
  '1,000',
  '0x',
  '0xG',
  '1e',
  '1e400',
  '-1e400',
  '4.9e-324',
  '2.5',
  '2',
  '-3',
  '0',
  '1.7976931348623157e308',
  '0x_1F',
  '0b1_0',
  '+0x1F',
  '-0x1F',
  '1__0',
  '_1',
  '1_',
  '.1e2',
  '6.8523015e+5',
  '685.230_15e+03',
  '685_230.15',
];
const YAML_SPECIALS = [
  '~',
  'null',
  'Null',
  'NULL',
  'nULL',
  '.inf',
  '-.Inf',
  '+.INF',
  '.NaN',
  '.nan',
  '.NAN',
  '.Inf',
  'inf',
  'nan',
];
const YAML_STRINGS = [
  'hello',
  'my app',
  "'1.10'",
  '"yes"',
  "'on'",
  '"010"',
  "''",
  '""',
  '2001-12-14',
  '2001-12-14T21:59:43.10-05:00',
  '2001-12-14 21:59:43.10 -5',
  '12:30',
  '12:30:45',
  '"a: b"',
  "'it''s'",
  '"tab\\tnewline\\n"',
  '"\\u00e9"',
  'caf\u00e9',
  '=',
  '<<',
  'a#b',
  '"#x"',
  "'~'",
  '"null"',
  '-',
  '--',
  '...x',
  'v1.2.3',
  '1.2.3',
  '0.1.7',
  '"2.5"',
  '/path/to',
  'http://x.example/a?b=c',
  '"\\x41"',
  "'multi\n      line'",
  'plain\n      folded',
  '!!str 1',
  '!!str yes',
  '!!int "3"',
  '!!float 1',
  '!!bool yes',
  '!!bool "true"',
  '!!null ""',
  '!!str',
  '!!binary aGk=',
  '!!timestamp 2001-12-14',
  '? x',
];
const YAML_COLLECTIONS = [
  '[1, yes, "no", 1.10, ~]',
  '[]',
  '{}',
  '{a: 1, b: on}',
  '[a, [b, c]]',
  '{yes: 1}',
  '{1.10: a}',
  '[010, 0x1F]',
  '\n      - a\n      - yes\n      - 2.5',
  '\n      x: 1\n      y: off',
  '|\n      line one\n      yes',
  '>\n      folded\n      text',
  '|-\n      keep',
  '&anchor 5',
  '[&a yes, *a]',
  '{? a}',
  '[a: 1]',
  '!!set {a, b}',
  '!!omap [a: 1, b: 2]',
  '\n      <<: {merged: yes}\n      own: 1',
];
const SPECIAL_KEYS = [
  'yes',
  'no',
  'on',
  'off',
  'y',
  '1.10',
  '010',
  '0x1F',
  '1e3',
  'true',
  '3.14159265358979',
  '1.5',
  "''",
  '"yes"',
  '~',
  'null',
  '2001-12-14',
  '-1',
  '.inf',
  '123456789012345678901',
];

function genYamlScalarOrValue(r: Random): string {
  const roll = r.next();
  if (roll < 0.25) return r.pick(YAML11_BOOLS);
  if (roll < 0.55) return r.pick(YAML_NUMBERS);
  if (roll < 0.65) return r.pick(YAML_SPECIALS);
  if (roll < 0.85) return r.pick(YAML_STRINGS);
  return r.pick(YAML_COLLECTIONS);
}

function genConfigEntry(r: Random, index: number): string {
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

type FieldKind = 'bool' | 'int' | 'float' | 'string' | 'list';
const SPEC_FIELDS: Record<string, Record<string, FieldKind>> = {
  string: { required: 'bool', default: 'string', regex: 'string', editable: 'bool' },
  integer: { required: 'bool', default: 'int', min: 'int', max: 'int', editable: 'bool' },
  float: { required: 'bool', default: 'float', min: 'float', max: 'float', editable: 'bool' },
  boolean: { required: 'bool', default: 'bool', editable: 'bool' },
  option: { required: 'bool', default: 'string', values: 'list', editable: 'bool' },
  'multiple-options': { required: 'bool', default: 'list', values: 'list', min: 'int', max: 'int', editable: 'bool' },
};
const UNKNOWN_TYPES = [
  'str',
  'Integer',
  'bool',
  'number',
  '',
  'int',
  'options',
  'multiple_options',
  'STRING',
  ' string',
];
const FIELD_VALUES: Record<FieldKind, string[]> = {
  bool: [
    'true',
    'false',
    'yes',
    'no',
    'on',
    'off',
    'y',
    'n',
    'Y',
    'N',
    'On',
    'OFF',
    'True',
    'FALSE',
    'tRUE',
    '"yes"',
    "'on'",
    '"true"',
    "'false'",
    '"y"',
    '1',
    '0',
    '""',
    '~',
    '[true]',
    '{a: 1}',
    'yes please',
    '!!bool yes',
    '!!str true',
  ],
  int: [
    '0',
    '5',
    '-3',
    '2.5',
    '2.0',
    '-2.5',
    '1e3',
    '"5"',
    "'7'",
    'abc',
    '0x10',
    '010',
    '0o10',
    '0b11',
    '1_000',
    '9223372036854775807',
    '9223372036854775808',
    '-9223372036854775809',
    '-1e300',
    '1e300',
    '.inf',
    '-.inf',
    '.nan',
    '~',
    'true',
    'yes',
    '[1]',
    '5.0e0',
    '+7',
    '1.10',
    '"2.5"',
    '!!int "4"',
    '!!float 3',
    '12:30',
    '{}',
  ],
  float: [
    '0',
    '1.5',
    '-0.25',
    '2',
    '1e3',
    '1.10',
    '"1.5"',
    'abc',
    '.inf',
    '-.Inf',
    '.nan',
    '~',
    'true',
    'yes',
    '[1.5]',
    '0x10',
    '010',
    '1_000.5',
    '1e400',
    '+.5',
    '.5',
    '5.',
    '!!str 1.5',
    '!!int 3',
    '"1e3"',
  ],
  string: [
    'abc',
    '5',
    '1.10',
    'true',
    'yes',
    '~',
    '""',
    "''",
    '[a]',
    '{a: b}',
    '2001-12-14',
    '"quoted"',
    '0x1F',
    '.inf',
    '"^[a-z]+$"',
    "'\\d+'",
    '^[a-z]+$',
    '"(?=x)"',
    '!!binary aGk=',
    '|\n        block\n        text',
    '-1',
    '1e3',
    '-',
    '"\\u00e9"',
  ],
  list: [
    '[a, b]',
    '[]',
    '~',
    '[1, 2.5, true]',
    '[yes, no]',
    '"a"',
    'a',
    '[[a]]',
    '[{a: b}]',
    '[~]',
    '[a, ~, b]',
    '{}',
    '\n        - x\n        - y',
    '[2001-12-14]',
    '[.inf]',
    '5',
    '["1.10", 1.10]',
    '[""]',
    '!!set {a, b}',
  ],
};
const CROSS_KINDS: FieldKind[] = ['bool', 'int', 'float', 'string', 'list'];

function genSpecBody(r: Random, type: string): string {
  const shape = r.next();
  if (shape < 0.05) return ' ' + r.pick(['~', '[]', '[a]', 'abc', '5', '""', '{}', 'true']);
  if (shape < 0.08) return '';
  const fields = SPEC_FIELDS[type] ?? SPEC_FIELDS[r.pick(Object.keys(SPEC_FIELDS))] ?? {};
  const lines: string[] = [];
  for (const [field, kind] of Object.entries(fields)) {
    if (!r.chance(0.6)) continue;
    const valueKind = r.chance(0.8) ? kind : r.pick(CROSS_KINDS);
    lines.push(`${field}: ${r.pick(FIELD_VALUES[valueKind])}`);
  }
  if (r.chance(0.08))
    lines.push(`${r.pick(['defualt', 'pattern', 'options', 'Required', 'minimum'])}: ${r.pick(FIELD_VALUES.int)}`);
  if (lines.length === 0) return r.chance(0.5) ? ' {}' : '';
  // Block mapping under `spec:`, indented 6 (item at 2, its keys at 4).
  return '\n' + lines.map((l) => '      ' + l).join('\n');
}

function genConfigItem(r: Random, index: number): string {
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
