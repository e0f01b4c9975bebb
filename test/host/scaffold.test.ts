// The files "Forkspacer: New Custom Resource" writes are a working plugin: the Go code compiles against the
// IManager contract, loads into the runner, and runs a whole lifecycle through the host with the resource's
// defaults. (The unit test checks their text; this one builds and runs them.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse, stringify } from 'yaml';
import { customResourceFiles } from '../../client/src/scaffold/scaffoldModel';
import { logsOf, newHost, ROOT, SLOW, tempDir } from './helpers';

test('the New Custom Resource scaffold builds, loads and runs install → sleep → resume → uninstall', SLOW, async () => {
  const dir = tempDir('scaffold');
  for (const file of customResourceFiles('shop')) {
    mkdirSync(dirname(join(dir, file.path)), { recursive: true });
    writeFileSync(join(dir, file.path), file.text);
  }
  const plugin = join(dir, 'shop', 'plugin');
  // The operator module is not served by the Go proxy here: the stand-in with the identical interface replaces it.
  const stand = join(ROOT, 'test', 'go', 'forkspacer');
  execFileSync('go', ['mod', 'edit', `-replace=github.com/forkspacer/forkspacer=${stand}`], { cwd: plugin });
  // What the scaffold's go.mod comment tells the user to run.
  execFileSync('go', ['mod', 'tidy'], { cwd: plugin, stdio: 'pipe' });

  // A Module embedding the scaffolded resource, its plugin given as the source folder (local work).
  const resource = parse(readFileSync(join(dir, 'shop', 'resource.yaml'), 'utf8')) as {
    spec: { repo: { file: string } };
  };
  resource.spec.repo.file = plugin;
  const module = {
    apiVersion: 'batch.forkspacer.com/v1',
    kind: 'Module',
    metadata: { name: 'shop' },
    spec: { workspace: { name: 'dev' }, source: { raw: resource }, config: { replicas: 2 } },
  };
  const file = join(dir, 'shop-module.yaml');
  writeFileSync(file, stringify(module));

  const host = newHost(join(dir, 'state'));
  const installed = await host.install(file, 0);
  assert.equal(installed.error, undefined);
  assert.equal(installed.module?.phase, 'ready');
  assert.equal(installed.module?.metaData.replicas, 2);
  for (const op of ['sleep', 'resume', 'uninstall'] as const) {
    const result = await host[op]('default/shop');
    assert.equal(result.error, undefined, op);
  }
  const messages = logsOf(host.events, 'default/shop')
    .filter((l) => l.source === 'plugin')
    .map((l) => l.msg);
  for (const msg of ['initializing shop', 'installing', 'sleeping: scale down', 'resuming: scale up', 'uninstalling'])
    assert.ok(messages.includes(msg), `${msg} in ${messages.join(' | ')}`);
});
