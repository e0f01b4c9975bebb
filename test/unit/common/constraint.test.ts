import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import {
  constraintAllows,
  parseConstraint,
  SHORT_CONSTRAINT_PART,
  validConstraintPart,
  versionString,
} from '../../../common/src/constraint';

// [constraint, version, admitted] — Masterminds/semver v3 semantics.
const CASES: [string, string, boolean][] = [
  ['>= 0.0.0, < 1.0.0', '0.1.7', true],
  ['>= 0.0.0, < 1.0.0', '1.0.0', false],
  ['>=0.0.0,<1.0.0', '0.1.7', true],
  ['>=1.0.0 <2.0.0', '1.5.0', true],
  ['>=1.0.0 <2.0.0', '2.0.0', false],
  ['~1.2.0', '1.2.9', true],
  ['~1.2.0', '1.3.0', false],
  ['~1.2', '1.2.5', true],
  ['~1', '1.9.9', true],
  ['~1', '2.0.0', false],
  ['~> 0.1', '0.1.7', true],
  ['~0.0.0', '5.0.0', true],
  ['^1.0.0', '1.9.0', true],
  ['^1.0.0', '2.0.0', false],
  ['^0.1.0', '0.1.7', true],
  ['^0.1.0', '0.2.0', false],
  ['^0.0.3', '0.0.3', true],
  ['^0.0.3', '0.0.4', false],
  ['^0', '0.9.9', true],
  ['^0', '1.0.0', false],
  ['!=0.1.7', '0.1.7', false],
  ['!=0.1.7', '0.1.8', true],
  ['!= 0.1.x', '0.1.7', false],
  ['!= 0.1.x', '0.2.0', true],
  ['1.2.x', '1.2.5', true],
  ['1.2.x', '1.3.0', false],
  ['1.X', '1.5.0', true],
  ['1.*', '2.0.0', false],
  ['*', '0.1.7', true],
  ['x', '9.9.9', true],
  ['1.2 - 1.4.5', '1.3.0', true],
  ['1.2 - 1.4.5', '1.4.5', true],
  ['1.2 - 1.4.5', '1.4.6', false],
  ['1.2 - 1.4.5', '1.1.9', false],
  ['0.1.7', '0.1.7', true],
  ['=0.1.7', '0.1.7', true],
  ['0.1.6', '0.1.7', false],
  ['0.1', '0.1.7', true],
  ['0.1', '0.2.0', false],
  ['>0.1', '0.1.7', false],
  ['>0.1', '0.2.0', true],
  ['>0', '0.1.7', false],
  ['>0', '1.0.0', true],
  ['<=0.1', '0.1.7', true],
  ['<=0.1', '0.2.0', false],
  ['=< 0.2', '0.2.9', true],
  ['=> 0.1.0', '0.1.7', true],
  ['<0.1.7', '0.1.7', false],
  ['<0.1.8', '0.1.7', true],
  ['v0.1.7', '0.1.7', true],
  ['>= v0.1.0', '0.1.7', true],
  ['1.0.0 || 0.1.x', '0.1.7', true],
  ['1.0.0 || 2.x', '0.1.7', false],
  ['>= 1.0.0, <= 0.5.0', '0.7.0', false],
  // Prereleases: only admitted when the AND group names one.
  ['>= 0.1.0', '0.2.0-beta.1', false],
  ['>= 0.1.0-alpha', '0.2.0-beta.1', true],
  ['>= 0.1.0-alpha', '0.1.7', true],
  ['>= 1.0.0-alpha, < 2', '1.0.0-beta', true],
  ['<1.0.0-rc.1', '1.0.0-beta.11', true],
  ['<1.0.0-beta.2', '1.0.0-beta.11', false],
];

test('Masterminds constraints admit what Masterminds admits', () => {
  for (const [text, version, expected] of CASES) {
    const parsed = parseConstraint(text);
    assert.ok(parsed.ok, `${text} should parse: ${!parsed.ok ? parsed.error : ''}`);
    assert.equal(constraintAllows(parsed.constraint, version), expected, `${text} vs ${version}`);
  }
});

test('garbage constraints are refused with Masterminds wording', () => {
  const GARBAGE: [string, string][] = [
    ['', 'improper constraint: '],
    ['banana', 'improper constraint: banana'],
    ['>= ', 'improper constraint: >= '],
    ['1.2.3.4', 'improper constraint: 1.2.3.4'],
    ['>=1.0 <', 'improper constraint: >=1.0 <'],
    ['1 ||', 'improper constraint: '],
    ['>== 1.0', 'improper constraint: >== 1.0'],
    ['~>', 'improper constraint: ~>'],
    ['1.0.0 - ', 'improper constraint: 1.0.0 - '],
  ];
  for (const [text, error] of GARBAGE) {
    const parsed = parseConstraint(text);
    assert.equal(parsed.ok, false, `${JSON.stringify(text)} must not parse`);
    if (!parsed.ok) assert.equal(parsed.error, error, JSON.stringify(text));
  }
});

test('a version that does not parse is admitted by nothing; versions print canonically', () => {
  const parsed = parseConstraint('*');
  assert.ok(parsed.ok);
  assert.equal(constraintAllows(parsed.constraint, 'not-a-version'), false);
  assert.equal(versionString('v1.2'), '1.2.0');
  assert.equal(versionString('0.1.7'), '0.1.7');
});

// How fast parsing is, is measured by bench/core.mjs; here only that a repeated constraint is not parsed again.
test('parsing is cached: the same text gives the same result object', () => {
  const first = parseConstraint('>= 0.0.0, < 1.0.0');
  for (let i = 0; i < 100; i++) assert.equal(parseConstraint('>= 0.0.0, < 1.0.0'), first);
  assert.notEqual(parseConstraint('>= 0.0.1, < 1.0.0'), first);
});

test('a short constraint part is judged by a RegExp exactly as RE2 judges it', () => {
  // Every case above, then random texts over the pattern's alphabet and its near misses (Unicode spaces, \v, which
  // JavaScript's \s takes and RE2's does not), up to the length the RegExp is used for.
  const alphabet = [...' \t\n\r\f,<>=!~^vxX*0123456789.-+aZ_|/'].concat(['\u00a0', '\v', '\u2028', 'é']);
  let seed = 12;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const texts = CASES.map(([c]) => c);
  for (let i = 0; i < 20000; i++) {
    const length = Math.floor(next() * (SHORT_CONSTRAINT_PART + 1));
    texts.push(Array.from({ length }, () => alphabet[Math.floor(next() * alphabet.length)]!).join(''));
    // And near-valid ones: a valid constraint with one character changed.
    const base = CASES[Math.floor(next() * CASES.length)]![0];
    const at = Math.floor(next() * base.length);
    texts.push(base.slice(0, at) + alphabet[Math.floor(next() * alphabet.length)]! + base.slice(at + 1));
  }
  let valid = 0;
  for (const text of texts.filter((t) => t.length <= SHORT_CONSTRAINT_PART)) {
    const re2 = validConstraintPart(text, 're2');
    assert.equal(validConstraintPart(text), re2, JSON.stringify(text));
    if (re2) valid++;
  }
  assert.ok(valid > 1000, `${valid} valid texts among them`);
});

test('short constraints do not load re2js (its tables cost a small file’s validation 8 ms)', () => {
  const module = require.resolve('../../../common/src/constraint');
  const script = `const c = require(${JSON.stringify(module)});
    c.parseConstraint('>= 0.0.0, < 1.0.0');
    const before = Object.keys(require.cache).some((k) => k.includes('re2js'));
    c.parseConstraint('>= 0.0.0, < 1.0.0, != 0.5.0, != 0.6.0 || ^2.0.0');
    console.log(JSON.stringify([before, Object.keys(require.cache).some((k) => k.includes('re2js'))]));`;
  assert.equal(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }).trim(), '[false,true]');
});
