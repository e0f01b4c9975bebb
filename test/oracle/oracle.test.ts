// The oracle itself: it builds, it answers in order, and it reports what the Go libraries are documented to do
// (so a wiring mistake in the oracle cannot pass for agreement). Also: the generator is reproducible and covers
// the features the differential test claims to cover.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildOracle, runOracle, type GoVerdict } from './goOracle';
import { generateCases, OPERATOR_VERSIONS, type OracleCase } from './generate';
import { compareVerdicts } from './compare';
import { tsVerdict } from './tsVerdict';

let binary: string | undefined;
function ask(cases: OracleCase[]): GoVerdict[] {
  binary ??= buildOracle();
  return runOracle(binary, cases);
}

test('Masterminds: comma is AND, || is OR, an empty constraint does not parse, prereleases need a prerelease bound', () => {
  const versions = ['0.1.7', '1.0.0', '0.1.7-rc.1'];
  const [and, or, empty, pre] = ask([
    { id: 0, kind: 'constraint', constraint: '>= 0.1, < 1', versions },
    { id: 1, kind: 'constraint', constraint: '< 0.1 || >= 1', versions },
    { id: 2, kind: 'constraint', constraint: '', versions },
    { id: 3, kind: 'constraint', constraint: '>= 0.1.7-rc.0', versions },
  ]);
  assert.deepEqual(and, { id: 0, ok: true, allows: [true, false, false] });
  assert.deepEqual(or, { id: 1, ok: true, allows: [false, true, false] });
  assert.equal(empty!.ok, false);
  assert.deepEqual(pre!.allows, [true, true, true]);
});

test('RE2: lookahead and backreferences are refused, matching is unanchored', () => {
  const [look, backref, plain] = ask([
    { id: 0, kind: 'regex', pattern: '(?=a)', subjects: [] },
    { id: 1, kind: 'regex', pattern: '(a)\\1', subjects: [] },
    { id: 2, kind: 'regex', pattern: '[[:alpha:]]+\\d', subjects: ['--ab1--', '12', '\u03bb1'] },
  ]);
  assert.equal(look!.ok, false);
  assert.match(String(look!.error), /invalid or unsupported Perl syntax/);
  assert.equal(backref!.ok, false);
  assert.deepEqual(plain!.matches, [true, false, false]);
});

test('kubectl YAML: YAML 1.1 booleans, octal, the float 1.10, string keys; .inf makes the apply fail', () => {
  const module = (config: string) => `spec:\n  config:\n${config}\n`;
  const [scalars, inf] = ask([
    {
      id: 0,
      kind: 'moduleYaml',
      yaml: module('    a: yes\n    b: 010\n    c: 1.10\n    d: "on"\n    1.10: x\n    off: zz'),
      entries: [],
    },
    { id: 1, kind: 'moduleYaml', yaml: module('    a: .inf'), entries: [] },
  ]);
  assert.deepEqual(scalars!.config, { a: true, b: 8, c: 1.1, d: 'on', '1.1': 'x', false: 'zz' });
  assert.equal(inf!.ok, false);
});

test('yaml.v3 spec decode: floats truncate into ints, scalars re-marshal into strings (1.10 → "1.1"), y/yes/on read as bools, quoted "true" does not', () => {
  const resource = (spec: string, type: string) => `config:\n  - type: ${type}\n    spec: ${spec}\n`;
  const [integer, str, bool, quotedTrue, unknown] = ask([
    { id: 0, kind: 'specDecode', yaml: resource('{min: 2.5, max: 1e3, default: -3}', 'integer'), items: [] },
    { id: 1, kind: 'specDecode', yaml: resource('{default: 5, regex: 1.10}', 'string'), items: [] },
    { id: 2, kind: 'specDecode', yaml: resource('{required: yes, editable: "on", default: n}', 'boolean'), items: [] },
    { id: 3, kind: 'specDecode', yaml: resource('{default: "true"}', 'boolean'), items: [] },
    { id: 4, kind: 'specDecode', yaml: resource('{}', 'str'), items: [] },
  ]);
  const item = (v: GoVerdict | undefined) => (v!['items'] as GoVerdict[])[0]!;
  assert.deepEqual(item(integer).spec, { required: false, default: -3, min: 2, max: 1000, editable: false });
  assert.deepEqual(item(str).spec, { required: false, default: '5', regex: '1.1', editable: false });
  assert.deepEqual(item(bool).spec, { required: true, default: false, editable: true });
  assert.equal(item(quotedTrue).ok, false);
  assert.deepEqual(item(unknown), { ok: false, error: 'unregistered field type: str' });
});

test('kubectl YAML edges: null keys fail the apply, float keys print as float32, 1e400 stays a string, !!binary decodes', () => {
  const module = (config: string) => `spec:\n  config:\n${config}\n`;
  const [nullKey, floatKey, huge, binary] = ask([
    { id: 0, kind: 'moduleYaml', yaml: module('    ~: v'), entries: [] },
    { id: 1, kind: 'moduleYaml', yaml: module('    3.14159265358979: v\n    .inf: w'), entries: [] },
    { id: 2, kind: 'moduleYaml', yaml: module('    a: 1e400'), entries: [] },
    { id: 3, kind: 'moduleYaml', yaml: module('    a: !!binary aGk='), entries: [] },
  ]);
  assert.equal(nullKey!.ok, false);
  assert.match(String(nullKey!.error), /unsupported map key/);
  assert.deepEqual(floatKey!.config, { '3.1415927': 'v', '.inf': 'w' });
  assert.deepEqual(huge!.config, { a: '1e400' });
  assert.deepEqual(binary!.config, { a: 'hi' });
});

test('spec round trip edges: timestamps become RFC 3339 text, nulls drop out of lists, -1e300 saturates, 2^63 overflows', () => {
  const resource = (spec: string, type: string) => `config:\n  - type: ${type}\n    spec: ${spec}\n`;
  const [date, nulls, saturate, overflow] = ask([
    { id: 0, kind: 'specDecode', yaml: resource('{default: 2001-12-14}', 'string'), items: [] },
    { id: 1, kind: 'specDecode', yaml: resource('{values: [a, ~, b]}', 'option'), items: [] },
    { id: 2, kind: 'specDecode', yaml: resource('{min: -1e300}', 'integer'), items: [] },
    { id: 3, kind: 'specDecode', yaml: resource('{max: 9223372036854775808}', 'integer'), items: [] },
  ]);
  const item = (v: GoVerdict | undefined) => (v!['items'] as GoVerdict[])[0]!;
  assert.equal((item(date).spec as Record<string, unknown>)['default'], '2001-12-14T00:00:00Z');
  assert.deepEqual((item(nulls).spec as Record<string, unknown>)['values'], ['a', 'b']);
  assert.equal((item(saturate).spec as Record<string, unknown>)['min'], -9223372036854775808);
  assert.equal(item(overflow).ok, false);
});

test('the generator is reproducible from its seed and covers what the differential test claims', () => {
  assert.deepEqual(generateCases(300, 42), generateCases(300, 42));
  assert.notDeepEqual(generateCases(300, 42), generateCases(300, 43));
  const cases = generateCases(5000, 1);
  const texts = (kind: OracleCase['kind']) =>
    cases
      .filter((c) => c.kind === kind)
      .map((c) => (c.kind === 'constraint' ? c.constraint : c.kind === 'regex' ? c.pattern : c.yaml));
  const constraints = texts('constraint').join('\n');
  for (const needle of [',', '||', '!=', '.x', '.X', '*', ' - ', 'v', '~>', '~', '^', '=<', '-rc', '+', '\t']) {
    assert.ok(constraints.includes(needle), `no constraint contains ${JSON.stringify(needle)}`);
  }
  const patterns = texts('regex').join('\n');
  for (const needle of [
    '(?i)',
    '(?s)',
    '(?m)',
    '(?U)',
    '[[:alpha:]]',
    '\\pL',
    '\\p{Greek}',
    '{1000}',
    '(?=',
    '(?<=',
    '\\1',
    '++',
    '\\Z',
    '(?P<',
    '(?<g',
  ]) {
    assert.ok(patterns.includes(needle), `no pattern contains ${JSON.stringify(needle)}`);
  }
  const yamls = texts('moduleYaml').join('\n') + texts('specDecode').join('\n');
  for (const needle of [
    ': yes',
    ': off',
    ': 1.10',
    ': 010',
    ': 0x1F',
    ': 1e3',
    ': ~',
    ': null',
    ': .inf',
    ': 2001-12-14',
    ": '1.10'",
    'min: 2.5',
    'default: abc',
    'required: "yes"',
    'values: ~',
  ]) {
    assert.ok(yamls.includes(needle), `no YAML contains ${JSON.stringify(needle)}`);
  }
  assert.deepEqual(
    new Set(cases.map((c) => c.kind)),
    new Set(['constraint', 'regex', 'moduleYaml', 'specDecode', 'rawDecode']),
  );
  assert.ok(
    cases
      .filter((c) => c.kind === 'constraint')
      .every((c) => c.kind === 'constraint' && c.versions.length === OPERATOR_VERSIONS.length),
  );
});

test('repeated keys in a resource: yaml.v3 compares written text (x and "x" repeat, 1.10 and 1.1 do not); we agree', () => {
  const head = 'kind: Custom\nmetadata:\n  name: r\n  version: 1.0.0\n';
  const cases: OracleCase[] = [
    { id: 0, kind: 'specDecode', yaml: `${head}  version: 2.0.0\nconfig: []\n`, items: [] },
    {
      id: 1,
      kind: 'specDecode',
      yaml: `${head}config:\n  - type: string\n    alias: a\n    spec: {default: x, "default": y}\n`,
      items: [],
    },
    {
      id: 2,
      kind: 'specDecode',
      yaml: `${head}config:\n  - type: string\n    alias: a\n    spec: {default: x, 1.10: a, 1.1: b}\n`,
      items: [],
    },
  ];
  const go = ask(cases);
  assert.deepEqual(
    go.map((v) => v.ok),
    [false, false, true],
  );
  assert.match(String(go[0]!.error), /mapping key "version" already defined/);
  for (const [i, c] of cases.entries())
    assert.equal(compareVerdicts(c, go[i]!, tsVerdict(c)), undefined, `case ${c.id}`);
});

test("an explicit key's value that no ':' introduces: the `yaml` library drops it silently, go-yaml refuses; we refuse", () => {
  // Found by fuzzing: `? key` lines followed by a less indented `- item` (resolve-block-map ignores that value).
  const dropped = '  ? alias: version\n    spec: 1\n  - type: float\n';
  const cases: OracleCase[] = [
    { id: 0, kind: 'moduleYaml', yaml: `spec:\n  config:\n    a: 1\n${dropped.replace(/^/gm, '  ')}`, entries: [] },
    {
      id: 1,
      kind: 'specDecode',
      yaml: `kind: Custom\nmetadata:\n  name: r\n  version: 1.0.0\nconfig:\n  - type: string\n    alias: b\n${dropped}`,
      items: [],
    },
    { id: 2, kind: 'moduleYaml', yaml: 'spec:\n  config:\n    ? a\n    : 1\n', entries: [] },
  ];
  const go = ask(cases);
  assert.deepEqual(
    go.map((v) => v.ok),
    [false, false, true],
  );
  assert.match(String(go[0]!.error), /did not find expected key/);
  for (const [i, c] of cases.entries())
    assert.equal(compareVerdicts(c, go[i]!, tsVerdict(c)), undefined, `case ${c.id}`);
});
