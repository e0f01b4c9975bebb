// The README's first commands (issue 11, item 12): `npm run try` installs no browser (only the tests need one), the
// tests' setup adds Chromium to it, and `npm ci` has no dependency install script left undecided (npm warns).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');
const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');

test('npm run try installs code-server without Chromium; the e2e setup adds Chromium', () => {
  const tryScript = read('scripts/try.mjs');
  assert.match(tryScript, /scripts\/setup-code-server\.sh/);
  assert.doesNotMatch(tryScript, /setup-e2e/);
  const codeServerCode = read('scripts/setup-code-server.sh').replace(/^\s*#.*$/gm, '');
  assert.doesNotMatch(codeServerCode, /chromium/i);
  const e2e = read('scripts/setup-e2e.sh');
  assert.match(e2e, /extra\+=\(chromium\)/);
  assert.match(e2e, /scripts\/setup-code-server\.sh/);
});

test('every dependency install script is decided in package.json allowScripts', () => {
  const run = spawnSync('npm', ['install-scripts', 'ls'], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /No packages with unreviewed install scripts/);
});
