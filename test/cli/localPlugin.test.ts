// `forkspacer validate` (CI) keeps a plugin path an error: the operator refuses it (issue 11, item 3).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LOCAL_PLUGIN_MODULE } from '../lsp/fixtures';

const CLI = join(__dirname, '..', '..', '..', 'dist', 'cli.js');

test('forkspacer validate: a plugin path is an error, exit 1', () => {
  const dir = mkdtempSync(join(tmpdir(), 'forkspacer-local-plugin-'));
  writeFileSync(join(dir, 'try-local-plugin.yaml'), LOCAL_PLUGIN_MODULE);
  const run = spawnSync(process.execPath, [CLI, 'validate', 'try-local-plugin.yaml'], { cwd: dir, encoding: 'utf8' });
  assert.equal(run.status, 1, run.stdout + run.stderr);
  assert.match(
    run.stdout,
    /try-local-plugin\.yaml:18:17: error: file must be an http\(s\) URL .* \[repo-file-scheme\]/,
  );
});
