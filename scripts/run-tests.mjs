// Runs the compiled test suites with node's own test runner.
// Usage: node scripts/run-tests.mjs [suite...]   suites: folders under test/ (unit, lsp, cli, host, oracle, cluster, e2e)
// Default: every suite except e2e unless FORKSPACER_E2E=1 (or CI=true), since e2e needs code-server.
import { readdirSync, statSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { withLocalGoProxy } from './goproxy.cjs';

const root = join(import.meta.dirname, '..', 'out', 'test');
const all = existsSync(root) ? readdirSync(root).filter((d) => statSync(join(root, d)).isDirectory()) : [];
const wantE2e = process.env.FORKSPACER_E2E === '1' || process.env.CI === 'true';
const suites = process.argv.slice(2).length ? process.argv.slice(2) : all.filter((s) => s !== 'e2e' || wantE2e);

function collect(dir) {
  const files = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) files.push(...collect(p));
    else if (name.endsWith('.test.js')) files.push(p);
  }
  return files;
}

const files = suites.flatMap((s) => (existsSync(join(root, s)) ? collect(join(root, s)) : []));
if (files.length === 0) {
  console.error(`no test files found for suites: ${suites.join(', ')}`);
  process.exit(1);
}
const env = withLocalGoProxy(process.env);
// The e2e test files run in parallel and share one packaged .vsix: package it once, before them.
if (suites.includes('e2e') && !env.FORKSPACER_VSIX) {
  const vsix = join(import.meta.dirname, '..', 'test', 'e2e', '.work', 'forkspacer.vsix');
  const packaged = spawnSync(process.execPath, [join(import.meta.dirname, 'package.mjs'), '--out', vsix], {
    stdio: 'inherit',
  });
  if (packaged.status !== 0) process.exit(packaged.status ?? 1);
  env.FORKSPACER_VSIX = vsix;
}
// Go builds in the tests (plugins, the runner, the oracle) reach the operator's module through the local proxy where there is one.
const result = spawnSync(process.execPath, ['--test', '--test-concurrency=2', ...files], {
  stdio: 'inherit',
  env,
});
process.exit(result.status ?? 1);
