// Full lifecycles through the host API with real Go plugins: phases, messages, logs, state files, metaData.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { logsOf, newHost, phasesOf, SLOW, tempDir, writeModule } from './helpers';

const ITEMS = `        - type: string
          name: name
          alias: name
          spec: { required: true, editable: true }
        - type: integer
          name: replicas
          alias: replicas
          spec: { required: false, default: 3, min: 1, max: 10, editable: true }
        - type: boolean
          name: failSleepOnce
          alias: failSleepOnce
          spec: { required: false, default: false, editable: true }
`;

test('install → sleep → resume → uninstall with metaData carried between calls', SLOW, async () => {
  const dir = tempDir('lifecycle');
  const file = writeModule(dir, { name: 'meta', plugin: 'metadata', items: ITEMS, config: { name: 'shop' } });
  const host = newHost(join(dir, 'state'));

  const installed = await host.install(file, 0);
  assert.equal(installed.error, undefined);
  assert.equal(installed.ok, true);
  assert.equal(installed.id, 'default/meta');
  assert.equal(installed.module?.phase, 'ready');
  assert.equal(installed.module?.lastMessage, 'install succeeded');
  // Defaults applied by the core (operator: a missing non-required item gets its default) and typed like the operator's.
  assert.deepEqual(installed.module?.config, { name: 'shop', replicas: 3, failSleepOnce: false });
  const configLog = logsOf(host.events).find((l) => l.msg === 'config received');
  assert.equal(configLog?.kv?.replicasType, 'int');
  assert.equal(installed.module?.metaData.release, 'shop-release');
  assert.match(String(installed.module?.metaData.pluginFilePath), /plugin\.so$/);
  // The same namespace/name in another file is the same Module: refused, saying where it was installed from.
  const copy = join(dir, 'copy-of-meta.yaml');
  copyFileSync(file, copy);
  const again = await host.install(copy, 0);
  assert.equal(again.refused, true);
  assert.equal(
    again.error,
    `cannot install: the module is already installed (ready); uninstall it first (default/meta was installed from ${file})`,
  );

  // Plugin log records arrive as data: level, message, key/values, logger name; plain prints as output.
  const logs = logsOf(host.events, 'default/meta');
  assert.ok(
    logs.some(
      (l) =>
        l.source === 'plugin' &&
        l.level === 'info' &&
        l.msg === 'installed' &&
        l.name === 'metadata' &&
        l.kv?.release === 'shop-release',
    ),
  );
  assert.ok(logs.some((l) => l.level === 'debug' && l.msg === 'debug detail' && l.kv?.step === 1));
  assert.ok(logs.some((l) => l.source === 'output' && l.msg === 'plain stdout from the plugin'));
  assert.ok(logs.some((l) => /no kubeconfig given/.test(l.msg)));

  // The state file holds what the operator keeps in annotations: resource, config, metaData.
  const stateFile = join(dir, 'state', 'default__meta.module.json');
  const state = JSON.parse(readFileSync(stateFile, 'utf8'));
  assert.equal(state.phase, 'ready');
  assert.equal(state.definition.kind, 'Custom');
  assert.equal(state.metaData.release, 'shop-release');
  assert.equal(state.inFlight, undefined);

  const slept = await host.sleep('default/meta');
  assert.equal(slept.ok, true, slept.error);
  assert.equal(slept.module?.phase, 'sleeped');
  assert.equal(slept.module?.metaData.calls, 2, 'Sleep read what Install wrote');

  const refused = await host.sleep('default/meta');
  assert.equal(refused.ok, false);
  assert.equal(refused.refused, true);
  assert.match(refused.error ?? '', /^cannot sleep: the module is sleeped/);

  const resumed = await host.resume('default/meta');
  assert.equal(resumed.module?.phase, 'ready');
  assert.equal(resumed.module?.metaData.calls, 3);

  const twice = await host.install(file, 0);
  assert.equal(twice.refused, true);
  assert.match(twice.error ?? '', /already installed \(ready\)/);

  const removed = await host.uninstall('default/meta');
  assert.equal(removed.ok, true, removed.error);
  assert.equal(removed.module?.phase, 'removed');
  assert.ok(logsOf(host.events).some((l) => l.msg === 'uninstalled' && l.kv?.calls === 3));

  assert.deepEqual(phasesOf(host.events, 'default/meta'), [
    'installing',
    'ready',
    'sleeping',
    'sleeped',
    'resuming',
    'ready',
    'uninstalling',
    'removed',
  ]);
  assert.deepEqual(
    (await host.list()).map((m) => [m.id, m.phase]),
    [['default/meta', 'removed']],
  );
  assert.deepEqual(readdirSync(join(dir, 'state')), ['default__meta.module.json'], 'no temp files left');
});

test('a failing Sleep keeps the last good phase, stores metaData, and a retry succeeds', SLOW, async () => {
  const dir = tempDir('retry');
  const file = writeModule(dir, {
    name: 'flaky',
    plugin: 'metadata',
    items: ITEMS,
    config: { name: 'db', failSleepOnce: true },
  });
  const host = newHost(join(dir, 'state'));
  assert.equal((await host.install(file, 0)).ok, true);

  const failed = await host.sleep('default/flaky');
  assert.equal(failed.ok, false);
  assert.equal(failed.refused, undefined);
  assert.equal(failed.error, 'scale down of db-release failed: simulated outage');
  assert.equal(failed.module?.phase, 'ready');
  assert.equal(failed.module?.lastMessage, 'sleep failed: scale down of db-release failed: simulated outage');
  assert.equal(
    failed.module?.metaData.sleepAttempts,
    1,
    'metaData written by a failed call is kept (operator does too)',
  );

  const retried = await host.sleep('default/flaky');
  assert.equal(retried.ok, true, retried.error);
  assert.equal(retried.module?.phase, 'sleeped');
  assert.equal(retried.module?.error, undefined);
  assert.deepEqual(phasesOf(host.events, 'default/flaky'), [
    'installing',
    'ready',
    'sleeping',
    'ready',
    'sleeping',
    'sleeped',
  ]);
});

test('the seed simple plugin (kubernetes.NewForConfig on an empty rest.Config) runs unchanged', SLOW, async () => {
  const dir = tempDir('simple');
  const file = writeModule(dir, { name: 'simple', plugin: 'simple' });
  const host = newHost(join(dir, 'state'));
  for (const [op, phase, msg] of [
    ['install', 'ready', "Install 'Test' custom plugin"],
    ['sleep', 'sleeped', "Sleep 'Test' custom plugin"],
    ['resume', 'ready', "Resume 'Test' custom plugin"],
    ['uninstall', 'removed', "Uninstall 'Test' custom plugin"],
  ] as const) {
    const result = op === 'install' ? await host.install(file, 0) : await host[op]('default/simple');
    assert.equal(result.ok, true, `${op}: ${result.error}`);
    assert.equal(result.module?.phase, phase);
    assert.ok(
      logsOf(host.events).some((l) => l.operation === op && l.msg === msg),
      `${op} logged "${msg}"`,
    );
  }
});

test('operations on modules that do not exist or are refused never touch a plugin', async () => {
  const dir = tempDir('refused');
  const host = newHost(join(dir, 'state'));
  const result = await host.resume('default/nothing');
  assert.equal(result.refused, true);
  assert.equal(result.error, 'cannot resume: the module is not installed; install it first');
  const untrusted = newHost(join(dir, 'state'), { trusted: false });
  const file = writeModule(dir, { name: 'x', plugin: 'noop' });
  const r = await untrusted.install(file, 0);
  assert.equal(r.refused, true);
  assert.match(r.error ?? '', /not trusted/);
  assert.equal((await host.install(file, 3)).error, `${file} has no document 3 (it has 1)`);
});
