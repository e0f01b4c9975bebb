// The files "Forkspacer: New Custom Resource" writes are a working plugin against the real operator module
// (github.com/forkspacer/forkspacer v0.1.7): with no go.sum (as a user who skipped or cancelled go mod tidy has),
// Install of the scaffolded module.yaml runs go mod tidy, builds, loads and runs a whole lifecycle. A go.sum that
// lags behind the code is explained as "run go mod tidy" (with the fix), in the host API and in the CLI.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { customResourceFiles } from '../../client/src/scaffold/scaffoldModel';
import { CACHE_DIR, logsOf, newHost, ROOT, SLOW, tempDir } from './helpers';

function scaffold(parent: string, name: string): string {
  const folder = join(parent, name);
  mkdirSync(folder, { recursive: true });
  for (const file of customResourceFiles(name)) writeFileSync(join(folder, file.path), file.text);
  return folder;
}

test(
  'the scaffold with no go.sum: Install of its module.yaml tidies, builds and runs the whole lifecycle',
  SLOW,
  async () => {
    const folder = scaffold(tempDir('scaffold'), 'shop');
    assert.ok(!existsSync(join(folder, 'go.sum')));
    const host = newHost(join(folder, '..', 'state'));
    const installed = await host.install(join(folder, 'module.yaml'), 0);
    assert.equal(installed.error, undefined);
    assert.equal(installed.module?.phase, 'ready');
    // The plugin is the folder itself (file: ./ relative to the file holding the definition).
    assert.equal(installed.module?.plugin?.kind, 'source');
    assert.equal(installed.module?.plugin?.location, folder);
    // The default (an int from the definition's YAML) reached NewManager and came back through metaData.
    assert.equal(installed.module?.metaData.replicas, 1);
    const steps = host.events.filter((e) => e.type === 'progress').map((e) => (e as { message: string }).message);
    assert.ok(
      steps.some((m) => m.startsWith(`no go.sum in ${folder}: running go mod tidy`)),
      steps.join('\n'),
    );
    // go mod tidy wrote go.sum with the operator module's own hash, and kept the operator's versions.
    assert.match(
      readFileSync(join(folder, 'go.sum'), 'utf8'),
      /^github\.com\/forkspacer\/forkspacer v0\.1\.7 h1:JXWk7yR9U1bEmHWy2hMhvlc\/YpoUyoGLz\/p9euZzgaU=$/m,
    );
    assert.match(readFileSync(join(folder, 'go.mod'), 'utf8'), /^go 1\.24\.5$/m);
    for (const op of ['sleep', 'resume', 'uninstall'] as const) {
      const result = await host[op]('default/shop');
      assert.equal(result.error, undefined, op);
    }
    const messages = logsOf(host.events, 'default/shop')
      .filter((l) => l.source === 'plugin')
      .map((l) => l.msg);
    for (const msg of ['initializing shop', 'installing', 'sleeping: scale down', 'resuming: scale up', 'uninstalling'])
      assert.ok(messages.includes(msg), `${msg} in ${messages.join(' | ')}`);
  },
);

test(
  'a go.sum missing entries: "run go mod tidy" with the fix, not go get; the fix works; the CLI says so too',
  SLOW,
  async () => {
    const folder = scaffold(tempDir('stale-sum'), 'stale');
    const tidy = spawnSync('go', ['mod', 'tidy'], { cwd: folder, encoding: 'utf8' });
    assert.equal(tidy.status, 0, tidy.stderr);
    // As after adding an import by hand: go.sum lacks the hash of a module the code needs.
    const sum = readFileSync(join(folder, 'go.sum'), 'utf8');
    writeFileSync(join(folder, 'go.sum'), sum.replace(/^github\.com\/go-logr\/logr v1\.4\.3 h1:.*\n/m, ''));

    const host = newHost(join(folder, '..', 'state'));
    const failed = await host.install(join(folder, 'module.yaml'), 0);
    assert.equal(failed.module?.phase, 'failed');
    assert.deepEqual(failed.fix, { kind: 'go-mod-tidy', dir: folder });
    assert.match(
      failed.error ?? '',
      /go\.mod and go\.sum do not cover what the code imports \(missing go\.sum entry for module providing package github\.com\/go-logr\/logr\)/,
    );
    assert.ok(failed.error?.endsWith(`Run "go mod tidy" in ${folder}, then try again.`), failed.error);
    assert.doesNotMatch(failed.error ?? '', /go get/);

    const cli = spawnSync(
      process.execPath,
      [
        join(ROOT, 'dist', 'cli.js'),
        'run',
        'install',
        join(folder, 'module.yaml'),
        '--state-dir',
        join(folder, '..', 'cli-state'),
        '--cache-dir',
        CACHE_DIR,
      ],
      { encoding: 'utf8', env: { ...process.env, KUBECONFIG: '' } },
    );
    assert.equal(cli.status, 1, cli.stderr);
    assert.match(cli.stdout, new RegExp(`Run "go mod tidy" in ${folder.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}`));

    const tidied = await host.goModTidy(folder);
    assert.deepEqual(tidied, { ok: true });
    const again = await host.install(join(folder, 'module.yaml'), 0);
    assert.equal(again.error, undefined);
    assert.equal(again.module?.phase, 'ready');
  },
);

test(
  'a resource read through a URL mapping: its file: ./ is the resource file folder, not the Module file',
  SLOW,
  async () => {
    const dir = tempDir('mapped');
    const folder = scaffold(join(dir, 'resources'), 'mapped');
    const modules = join(dir, 'modules');
    mkdirSync(modules);
    const module = join(modules, 'mapped.yaml');
    writeFileSync(
      module,
      `apiVersion: batch.forkspacer.com/v1
kind: Module
metadata:
  name: mapped
spec:
  workspace:
    name: dev
  source:
    httpURL: https://example.com/resources/mapped/resource.yaml
`,
    );
    const host = newHost(join(dir, 'state'), {
      settings: { 'forkspacer.resources.urlMappings': { 'https://example.com/resources/': join(dir, 'resources') } },
    });
    const installed = await host.install(module, 0);
    assert.equal(installed.error, undefined);
    assert.equal(installed.module?.plugin?.location, folder);
    // Later operations find the plugin from the stored record the same way.
    assert.equal((await host.sleep('default/mapped')).error, undefined);
    assert.equal((await host.uninstall('default/mapped')).error, undefined);
  },
);
