import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { aliasesTooCostly } from '../../../server/src/services/aliasGuard';

const ROOT = path.join(__dirname, '..', '..', '..', '..');

test('ordinary anchors and merge keys are left to yaml-language-server', () => {
  const edge = readFileSync(path.join(ROOT, 'test', 'fixtures', 'valid', 'yaml-edge.yaml'), 'utf8');
  assert.match(edge, /\*\w/, 'the fixture has aliases');
  assert.equal(aliasesTooCostly(edge), false);
  assert.equal(aliasesTooCostly('a: 1\nb: "*not an alias"\n'), false);
});

test('an alias inside its own anchor, or aliases of aliases that multiply, are too costly', () => {
  assert.equal(aliasesTooCostly('config:\n  - &opt\n    type: *opt\n'), true);
  // Each level refers twice to the one before: 2^20 nodes once expanded.
  const levels = ['l0: &l0 [x, x]'];
  for (let i = 1; i <= 20; i++) levels.push(`l${i}: &l${i} [*l${i - 1}, *l${i - 1}]`);
  assert.equal(aliasesTooCostly(levels.join('\n') + '\n'), true);
});

test('the fuzzing find: completion, hover and outline of that file no longer take seconds', () => {
  const saved = readFileSync(
    path.join(ROOT, 'test', 'fuzz', 'regressions', 'services', 'slow-alias-expansion-in-yaml-language-server'),
  );
  assert.equal(aliasesTooCostly(saved.subarray(3).toString('utf8')), true);
});
