import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileRe2, re2Find } from '../../../common/src/re2';

test('RE2 search is unanchored like Go MatchString', () => {
  const CASES: [string, string, boolean][] = [
    ['abc', 'xxabcxx', true],
    ['^abc$', 'xxabcxx', false],
    ['(?i)^hello', 'HELLO world', true],
    ['^[a-z0-9-]+$', 'my-app', true],
    ['^[a-z0-9-]+$', 'My App', false],
    ['\\d{3}', 'a123', true],
    ['\\pL+', 'é', true],
    ['', 'anything', true],
  ];
  for (const [pattern, input, expected] of CASES) {
    const compiled = compileRe2(pattern);
    assert.ok(compiled.ok, pattern);
    if (compiled.ok) assert.equal(re2Find(compiled.regex, input), expected, `${pattern} on ${input}`);
  }
});

test('patterns Go refuses are refused with Go wording', () => {
  const BAD: [string, RegExp][] = [
    ['(?<=a)b', /invalid named capture/],
    ['(a)\\1', /invalid escape sequence: `\\1`/],
    ['[', /missing closing \]/],
    ['a{1001}', /invalid repeat count/],
    ['x*+', /invalid nested repetition operator/],
    ['(?!x)', /invalid or unsupported Perl syntax/],
  ];
  for (const [pattern, message] of BAD) {
    const compiled = compileRe2(pattern);
    assert.equal(compiled.ok, false, pattern);
    if (!compiled.ok) assert.match(compiled.error, message);
  }
});

test('compiled patterns are cached', () => {
  const a = compileRe2('^cache-me$');
  const b = compileRe2('^cache-me$');
  assert.ok(a.ok && b.ok);
  if (a.ok && b.ok) assert.equal(a.regex, b.regex);
});
