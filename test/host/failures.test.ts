// Plugins that fail in every way a plugin can: each ends as a clear error on the module, never a hang.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { logsOf, newHost, SLOW, tempDir, writeModule } from './helpers';

const WHERE = `        - type: string
          name: where
          alias: where
          spec: { required: false, default: install, editable: true }
`;
const HANG = `        - type: boolean
          name: respectContext
          alias: respectContext
          spec: { required: false, default: false, editable: true }
        - type: string
          name: hang
          alias: hang
          spec: { required: false, default: install, editable: true }
`;

test('an error from Install marks the module failed with that error, and install may be retried', SLOW, async () => {
  const dir = tempDir('install-error');
  const file = writeModule(dir, { name: 'broken', plugin: 'installerror' });
  const host = newHost(join(dir, 'state'));
  const result = await host.install(file, 0);
  assert.equal(result.ok, false);
  assert.equal(result.error, 'database unreachable: connection refused');
  assert.equal(result.module?.phase, 'failed');
  assert.equal(result.module?.metaData.attempted, true, 'operator: metaData is stored even when Install fails');
  const logged = logsOf(host.events).find((l) => l.level === 'error' && l.source === 'plugin');
  assert.deepEqual(
    [logged?.msg, logged?.kv],
    ['cannot reach the database', { host: 'db:5432', error: 'connection refused' }],
  );
  assert.equal((await host.sleep('default/broken')).refused, true);
  const again = await host.install(file, 0);
  assert.equal(again.refused, undefined, 'a failed install may be retried');
  assert.equal(again.module?.phase, 'failed');
  assert.equal((await host.uninstall('default/broken')).module?.phase, 'removed');
});

// The module's error is one line: the panic value and the plugin's own file:line. The log gets the stack, the
// plugin's frames first (issue 11, item 5).
for (const [where, expected, frame] of [
  ['newManager', 'panic in NewManager: boom in NewManager (main.go:20)', 'panic.NewManager'],
  ['install', 'panic in install: assignment to entry in nil map (main.go:34)', 'panic.panicking.Install'],
  [
    'goroutine',
    'panic in a plugin goroutine: boom in a goroutine (main.go:29); the plugin process exited with code 2',
    'panic.panicking.Install.func1',
  ],
] as const) {
  test(`a panic (${where}) becomes the module's error`, SLOW, async () => {
    const dir = tempDir(`panic-${where}`);
    const file = writeModule(dir, {
      name: `panic-${where.toLowerCase()}`,
      plugin: 'panic',
      items: WHERE,
      config: { where },
    });
    const host = newHost(join(dir, 'state'));
    const result = await host.install(file, 0);
    assert.equal(result.ok, false);
    assert.equal(result.error, expected);
    assert.equal(result.module?.phase, 'failed');
    assert.match(result.module?.lastMessage ?? '', /^install failed: /);
    const stack = logsOf(host.events).find((l) => l.source === 'host' && l.msg.includes('full stack:'));
    assert.ok(stack, 'the stack is logged');
    const lines = stack.msg.split('\n');
    assert.equal(lines[0], expected.split(';')[0]);
    assert.equal(lines[1], "the plugin's frames:");
    assert.match(lines[2]!, new RegExp(`/${frame.replace(/\./g, '\\.')}$`));
    assert.match(lines[3]!, /test\/go\/plugins\/panic\/main\.go:\d+$/);
    assert.match(stack.msg, /full stack:\n(goroutine \d+ \[running\]:|\n?goroutine)/);
  });
}

test('a NewManager with the wrong signature is refused with both types named', SLOW, async () => {
  const dir = tempDir('wrongsig');
  // The runner's own verdict: without the plugin check, which refuses this Install earlier (pluginCheck.test.ts).
  const host = newHost(join(dir, 'state'), { checkPlugins: false });
  const result = await host.install(writeModule(dir, { name: 'wrongsig', plugin: 'wrongsig' }), 0);
  assert.equal(result.module?.phase, 'failed');
  assert.equal(
    result.error,
    "symbol 'NewManager' found in plugin is not of type 'NewCustomManagerT' (func(context.Context, map[string]interface {}) (base.IManager, error)); " +
      'want func(ctx context.Context, logger logr.Logger, kubernetesConfig *rest.Config, config map[string]any) (base.IManager, error)',
  );
});

test('a hanging plugin that ignores cancellation is killed at the time limit', SLOW, async () => {
  const dir = tempDir('hang-timeout');
  const host = newHost(join(dir, 'state'), { timeoutMs: 1500, graceMs: 300 });
  const file = writeModule(dir, { name: 'hang', plugin: 'hang', items: HANG });
  // Warm the build first so the time limit measures the call only.
  await host.install(
    writeModule(tempDir('hang-warm'), { name: 'warm', plugin: 'hang', items: HANG, config: { hang: 'none' } }),
    0,
  );
  const started = Date.now();
  const result = await host.install(file, 0);
  const elapsed = Date.now() - started;
  assert.equal(result.error, 'install timed out after 1500 ms (the plugin ignored cancellation and was killed)');
  assert.equal(result.module?.phase, 'failed');
  assert.ok(elapsed < 10_000, `returned after ${elapsed} ms`);
  assert.ok(logsOf(host.events).some((l) => l.msg === 'install started, hanging'));
});

test('cancelling a running operation stops the plugin through its context; Sleep keeps ready', SLOW, async () => {
  const dir = tempDir('hang-cancel');
  const host = newHost(join(dir, 'state'), { graceMs: 5000 });
  const file = writeModule(dir, {
    name: 'sleepy',
    plugin: 'hang',
    items: HANG,
    config: { hang: 'sleep', respectContext: true },
  });
  assert.equal((await host.install(file, 0)).ok, true);
  const controller = new AbortController();
  const sleeping = host.sleep('default/sleepy', { signal: controller.signal });
  await waitForLog(host, 'sleep started, hanging');
  controller.abort();
  const result = await sleeping;
  assert.equal(result.error, 'sleep was cancelled');
  assert.equal(result.module?.phase, 'ready');
  assert.ok(
    logsOf(host.events).some((l) => l.msg === 'context cancelled, returning'),
    'the plugin saw its context end',
  );
});

async function waitForLog(host: ReturnType<typeof newHost>, msg: string): Promise<void> {
  const deadline = Date.now() + 5 * 60_000;
  while (!logsOf(host.events).some((l) => l.msg === msg)) {
    if (Date.now() > deadline) throw new Error(`no log "${msg}"`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
