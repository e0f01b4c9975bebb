// A plugin loads into the operator only when every package they share has the same version ("plugin was built
// with a different version of package ..."). So every Go module of this repository that builds against the operator
// (the test plugins, the runner, the "New Custom Resource" scaffold) requires the real
// github.com/forkspacer/forkspacer v0.1.7, replaces nothing, has the operator's go directive, and selects exactly
// the operator's version of every module the operator's go.mod lists.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { customResourceFiles } from '../../client/src/scaffold/scaffoldModel';
import { ROOT, SLOW, tempDir } from './helpers';

const OPERATOR = 'github.com/forkspacer/forkspacer';

interface GoModJson {
  Go: string;
  Require?: { Path: string; Version: string }[];
  Replace?: unknown[];
}

function go(args: string[], cwd: string): string {
  return execFileSync('go', args, { cwd, encoding: 'utf8', env: { ...process.env, GOWORK: 'off' } });
}

/** The operator's own go.mod, from the module proxy (the file proxy here, the public one elsewhere). */
function operatorGoMod(): GoModJson {
  const download = JSON.parse(go(['mod', 'download', '-json', `${OPERATOR}@v0.1.7`], tempDir('operator'))) as {
    GoMod: string;
  };
  return JSON.parse(go(['mod', 'edit', '-json', download.GoMod], ROOT)) as GoModJson;
}

/** Selected version of every module in a module's build list (`go list -m all`). */
function buildList(dir: string): Map<string, string> {
  const lines = go(['list', '-m', '-f', '{{.Path}} {{.Version}}', 'all'], dir).trim().split('\n');
  return new Map(lines.map((l) => l.split(' ') as [string, string]));
}

test("every Go module that builds against the operator matches the operator v0.1.7's versions", SLOW, () => {
  const operator = operatorGoMod();
  const scaffold = join(tempDir('scaffold-versions'), 'versions');
  mkdirSync(scaffold);
  for (const file of customResourceFiles('versions')) writeFileSync(join(scaffold, file.path), file.text);
  go(['mod', 'tidy'], scaffold);
  // check-skew is skewed on purpose (client-go v0.35.0): plugin check must find what this test forbids.
  const plugins = readdirSync(join(ROOT, 'test', 'go', 'plugins'))
    .filter((p) => p !== 'check-skew')
    .map((p) => join(ROOT, 'test', 'go', 'plugins', p));
  const modules = [...plugins, join(ROOT, 'runner'), scaffold];
  assert.ok(plugins.length >= 8, 'the test plugins');

  const problems: string[] = [];
  for (const dir of modules) {
    const mod = JSON.parse(go(['mod', 'edit', '-json'], dir)) as GoModJson;
    const where = dir.replace(ROOT + '/', '');
    if (mod.Go !== operator.Go) problems.push(`${where}: go ${mod.Go}, the operator's go.mod says go ${operator.Go}`);
    if (mod.Replace?.length) problems.push(`${where}: replaces ${JSON.stringify(mod.Replace)}`);
    if (!mod.Require?.some((r) => r.Path === OPERATOR && r.Version === 'v0.1.7'))
      problems.push(`${where}: does not require ${OPERATOR} v0.1.7`);
    const selected = buildList(dir);
    for (const req of operator.Require ?? []) {
      const version = selected.get(req.Path);
      if (version && version !== req.Version)
        problems.push(`${where}: ${req.Path} ${version}, the operator is built with ${req.Version}`);
    }
  }
  assert.deepEqual(problems, []);
});
