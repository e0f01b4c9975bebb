// The CLI as a process (dist/cli.js, built by `node esbuild.mjs`): `run` and `status`, exit codes 0/1/2,
// plugin logs streamed to stderr while the operation runs, Ctrl-C cancels.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CACHE_DIR, ROOT, SLOW, tempDir, waitFor, writeModule } from './helpers';

const CLI = join(ROOT, 'dist', 'cli.js');
const HANG = `        - type: boolean
          name: respectContext
          alias: respectContext
          spec: { required: false, default: false, editable: true }
        - type: string
          name: hang
          alias: hang
          spec: { required: false, default: install, editable: true }
`;

function cli(args: string[], cwd: string) {
  assert.ok(existsSync(CLI), 'dist/cli.js is missing: run `node esbuild.mjs` first');
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, KUBECONFIG: '' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('run install/sleep/resume/uninstall and status through the CLI', SLOW, async () => {
  const dir = tempDir('cli');
  const file = writeModule(dir, {
    name: 'cli-app',
    plugin: 'metadata',
    items: '        - { type: string, name: name, alias: name, spec: { required: true, editable: true } }\n',
    config: { name: 'web' },
  });
  const common = ['--state-dir', join(dir, 'state'), '--cache-dir', CACHE_DIR];

  const install = cli(['run', 'install', file, ...common], dir);
  assert.equal(install.code, 0, install.stderr);
  assert.equal(install.stdout, 'default/cli-app: ready (install succeeded)\n');
  assert.match(install.stderr, /info {2}default\/cli-app install: \[metadata\] installed release=web-release/);
  assert.match(install.stderr, /phase default\/cli-app: installing → ready \(install succeeded\)/);
  assert.doesNotMatch(install.stderr, /debug detail/, 'debug records only with --verbose');

  const status = cli(['status', '--state-dir', join(dir, 'state')], dir);
  assert.equal(status.code, 0);
  assert.match(
    status.stdout,
    /^MODULE {11}PHASE {2}LAST MESSAGE {7}LAST ACTIVITY\ndefault\/cli-app {2}ready {2}install succeeded {2}\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ\n$/,
  );

  assert.equal(cli(['run', 'sleep', file, ...common, '--verbose'], dir).code, 0);
  const again = cli(['run', 'sleep', file, ...common], dir);
  assert.equal(again.code, 1);
  assert.equal(
    again.stdout,
    'default/cli-app: refused: cannot sleep: the module is sleeped (allowed: resume, uninstall)\n',
  );
  assert.equal(cli(['run', 'resume', file, ...common], dir).code, 0);
  const uninstall = cli(['run', 'uninstall', file, '--document', '0', ...common], dir);
  assert.equal(uninstall.code, 0);
  assert.match(uninstall.stderr, /uninstalled calls=3 release=web-release/);

  const json = JSON.parse(cli(['status', '--json', '--state-dir', join(dir, 'state')], dir).stdout);
  assert.deepEqual([json[0].id, json[0].phase, json[0].metaData.calls], ['default/cli-app', 'removed', 3]);
});

test('exit codes: 2 for usage errors, 1 for failed operations', SLOW, async () => {
  const dir = tempDir('cli-codes');
  const state = ['--state-dir', join(dir, 'state'), '--cache-dir', CACHE_DIR];
  const file = writeModule(dir, { name: 'bad', plugin: 'installerror' });
  assert.equal(cli(['run', 'explode', file], dir).code, 2);
  assert.equal(cli(['run', 'install'], dir).code, 2);
  assert.equal(cli(['run', 'install', file, '--timeout', 'soon'], dir).code, 2);
  assert.equal(cli(['run', 'install', file, '--bogus'], dir).code, 2);
  assert.equal(cli(['run', 'install', join(dir, 'missing.yaml')], dir).code, 2);
  assert.equal(cli(['status', 'extra'], dir).code, 2);
  // A Module kubectl could not apply: a failed operation with the place of the error, and no module state.
  const broken = join(dir, 'broken.yaml');
  writeFileSync(broken, 'apiVersion: batch.forkspacer.com/v1\nkind: Module\nmetadata: {name: x\n');
  const syntax = cli(['run', 'install', broken, ...state], dir);
  assert.equal(syntax.code, 1);
  assert.match(syntax.stderr, /broken\.yaml:4:1: YAML syntax error: Flow map/);
  assert.ok(!existsSync(join(dir, 'state')), 'no state written');
  const failed = cli(['run', 'install', file, ...state], dir);
  assert.equal(failed.code, 1);
  assert.equal(failed.stdout, 'default/bad: install failed: database unreachable: connection refused\n');
  assert.match(
    failed.stderr,
    /error default\/bad install: cannot reach the database error=connection refused host=db:5432/,
  );
  const timedOut = cli(
    ['run', 'install', writeModule(dir, { name: 'slow', plugin: 'hang', items: HANG }), ...state, '--timeout', '1'],
    dir,
  );
  assert.equal(timedOut.code, 1);
  assert.match(timedOut.stdout, /install failed: install timed out after 1 s/);
});

test('logs stream while the plugin runs; Ctrl-C cancels; a killed CLI shows as interrupted', SLOW, async () => {
  const dir = tempDir('cli-live');
  const state = ['--state-dir', join(dir, 'state'), '--cache-dir', CACHE_DIR];
  const file = writeModule(dir, { name: 'live', plugin: 'hang', items: HANG, config: { respectContext: true } });
  const child = spawn(process.execPath, [CLI, 'run', 'install', file, ...state], { cwd: dir });
  let stderr = '';
  let stdout = '';
  child.stderr.on('data', (d) => (stderr += d));
  child.stdout.on('data', (d) => (stdout += d));
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  await waitFor(() => stderr.includes('install started, hanging'), 5 * 60_000, 'the live log line');
  assert.equal(child.exitCode, null, 'the log arrived while the operation was still running');
  child.kill('SIGINT');
  assert.equal(await exited, 1);
  assert.match(stderr, /context cancelled, returning/);
  assert.equal(stdout, 'default/live: install failed: install was cancelled\n');

  // Kill a CLI during an operation: `status` reports it as interrupted.
  const sleeper = writeModule(dir, { name: 'sleeper', plugin: 'hang', items: HANG, config: { hang: 'sleep' } });
  assert.equal(cli(['run', 'install', sleeper, ...state], dir).code, 0);
  const victim = spawn(process.execPath, [CLI, 'run', 'sleep', sleeper, ...state], { cwd: dir });
  let victimErr = '';
  victim.stderr.on('data', (d) => (victimErr += d));
  await waitFor(() => victimErr.includes('sleep started, hanging'), 60_000, 'the sleep to hang');
  victim.kill('SIGKILL');
  await new Promise((r) => victim.once('exit', r));
  const status = cli(['status', '--state-dir', join(dir, 'state')], dir);
  assert.match(
    status.stdout,
    /default\/sleeper +ready \(interrupted sleep\) +sleep was interrupted: the host process exited/,
  );
});
