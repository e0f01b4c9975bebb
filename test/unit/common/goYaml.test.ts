import { test } from 'node:test';
import assert from 'node:assert/strict';
import { kubectlValue, resolvePlain, yamlV3Bool, yamlV3Value } from '../../../common/src/goYaml';
import { formatGoFloat, goScalarText } from '../../../common/src/goYaml';

test('plain scalars resolve as go-yaml does (kubectl: YAML 1.1 booleans; v3: 1.2)', () => {
  // [text, kubectl, v3]
  const CASES: [string, unknown, unknown][] = [
    ['yes', true, 'yes'],
    ['No', false, 'No'],
    ['on', true, 'on'],
    ['OFF', false, 'OFF'],
    ['y', true, 'y'],
    ['n', false, 'n'],
    ['true', true, true],
    ['False', false, false],
    ['tRUE', 'tRUE', 'tRUE'],
    ['~', null, null],
    ['null', null, null],
    ['', null, null],
    ['0777', 511, 511],
    ['0o17', 15, 15],
    ['0x1F', 31, 31],
    ['0b101', 5, 5],
    ['1_000', 1000, 1000],
    ['+12', 12, 12],
    ['-3', -3, -3],
    ['1.10', 1.1, 1.1],
    ['.5', 0.5, 0.5],
    ['1e3', 1000, 1000],
    ['1:20', '1:20', '1:20'],
    ['2001-12-14', '2001-12-14', '2001-12-14T00:00:00Z'],
    ['1e400', '1e400', '1e400'],
    ['09', 9, 9],
    ['1.2.3', '1.2.3', '1.2.3'],
    ['0.1.7', '0.1.7', '0.1.7'],
    ['.inf', Infinity, Infinity],
    ['-.Inf', -Infinity, -Infinity],
    ['hello', 'hello', 'hello'],
  ];
  for (const [text, kubectl, v3] of CASES) {
    assert.deepEqual(resolvePlain(text, 'kubectl').value, kubectl, `kubectl ${text}`);
    assert.deepEqual(resolvePlain(text, 'v3').value, v3, `v3 ${text}`);
  }
  assert.ok(Number.isNaN(resolvePlain('.nan', 'v3').value));
});

test('whole texts: quoting, anchors, merge keys, non-string keys', () => {
  assert.deepEqual(kubectlValue('a: yes\nb: "yes"\nc: 1.10\nd: "1.10"\n'), { a: true, b: 'yes', c: 1.1, d: '1.10' });
  assert.deepEqual(yamlV3Value('a: yes\nb: !!str 5\n'), { a: 'yes', b: '5' });
  assert.deepEqual(kubectlValue('base: &b {p: 1, q: 2}\nderived:\n  <<: *b\n  q: 3\n'), {
    base: { p: 1, q: 2 },
    derived: { q: 3, p: 1 },
  });
  // The YAML 1.1 trap on keys: `y` is the boolean true to kubectl.
  assert.deepEqual(kubectlValue('x: 1\ny: 2\n'), { x: 1, true: 2 });
  assert.deepEqual(kubectlValue('yes: 1\n2: two\n'), { true: 1, '2': 'two' });
});

test('typed bool fields take the YAML 1.1 spellings in yaml.v3', () => {
  for (const t of ['y', 'Y', 'yes', 'Yes', 'YES', 'on', 'On', 'ON', 'true', 'True', 'TRUE'])
    assert.equal(yamlV3Bool(t), true, t);
  for (const f of ['n', 'N', 'no', 'No', 'NO', 'off', 'Off', 'OFF', 'false', 'False', 'FALSE'])
    assert.equal(yamlV3Bool(f), false, f);
  for (const x of ['yEs', '1', '', 'truee']) assert.equal(yamlV3Bool(x), undefined, x);
});

test('floats print as yaml.v3 marshals them (strconv g, shortest)', () => {
  assert.equal(formatGoFloat(1.1), '1.1');
  assert.equal(formatGoFloat(0.5), '0.5');
  assert.equal(formatGoFloat(1234567.5), '1.2345675e+06');
  assert.equal(formatGoFloat(0.00001), '1e-05');
  assert.equal(goScalarText(3), '3');
  assert.equal(goScalarText(true), 'true');
});

// 10^12 nodes if expanded: the node budget refuses it (a hang guard through the test's timeout, not a speed check).
test('alias bombs do not hang or throw', { timeout: 60_000 }, () => {
  let text = 'a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n';
  for (let i = 1; i < 12; i++)
    text += `a${i}: &a${i} [*a${i - 1}, *a${i - 1}, *a${i - 1}, *a${i - 1}, *a${i - 1}, *a${i - 1}, *a${i - 1}, *a${i - 1}, *a${i - 1}, *a${i - 1}]\n`;
  assert.equal(kubectlValue(text), null, 'refused by the node budget, not expanded');
});

test('kubectl keys: float keys print as float32, infinite keys the YAML way; yaml.v3 timestamps are RFC 3339', () => {
  assert.deepEqual(kubectlValue('3.14159265358979: a\n.inf: b\n123456789012345678901: c\n'), {
    '3.1415927': 'a',
    '.inf': 'b',
    '1.2345679e+20': 'c',
  });
  assert.deepEqual(yamlV3Value('a: 2001-12-14\nb: 2001-12-14 21:59:43.10 -5\nc: "2001-12-14"\n'), {
    a: '2001-12-14T00:00:00Z',
    b: '2001-12-14T21:59:43.1-05:00',
    c: '2001-12-14',
  });
  assert.deepEqual(kubectlValue('a: 2001-12-14\nb: !!binary aGk=\nc: [x: 1]\n'), {
    a: '2001-12-14',
    b: 'hi',
    c: [{ x: 1 }],
  });
});
