// Kill the host process in the middle of an operation: on restart the module shows the operation as
// interrupted and is back at its last good phase; the state file is never half-written; the orphaned
// runner does not outlive its host.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, promises, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BUILD_TIMEOUT_MS, CACHE_DIR, newHost, ROOT, SLOW, tempDir, waitFor, writeModule } from './helpers';

const HANG = `        - type: string
          name: hang
          alias: hang
          spec: { required: false, default: install, editable: true }
`;

/** Child processes of `pid` whose command name is `name` (from /proc). */
function childrenNamed(pid: number, name: string): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid && comm === name) found.push(Number(entry));
    } catch {
      // the process ended while we looked
    }
  }
  return found;
}

const alive = (pid: number) => existsSync(`/proc/${pid}`) && !/\) Z /.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));

test('a host killed during Sleep leaves the module ready and marked interrupted', SLOW, async () => {
  const dir = tempDir('interrupted');
  const stateDir = join(dir, 'state');
  const file = writeModule(dir, { name: 'victim', plugin: 'hang', items: HANG, config: { hang: 'sleep' } });
  const first = newHost(stateDir);
  assert.equal((await first.install(file, 0)).ok, true);

  // A separate host process starts Sleep, which hangs in the plugin.
  const script = `
    const { createHost } = require(${JSON.stringify(join(ROOT, 'out', 'host', 'src', 'index.js'))});
    const host = createHost({ stateDir: ${JSON.stringify(stateDir)}, cacheDir: ${JSON.stringify(CACHE_DIR)}, buildTimeoutMs: ${BUILD_TIMEOUT_MS} });
    host.sleep('default/victim').then((r) => console.log(JSON.stringify(r)));`;
  const child = spawn(process.execPath, ['-e', script], { stdio: 'ignore' });
  const stateFile = join(stateDir, 'default__victim.module.json');
  await waitFor(
    () => JSON.parse(readFileSync(stateFile, 'utf8')).inFlight?.pid === child.pid,
    60_000,
    'the sleep to start',
  );
  const runner = await waitFor(() => childrenNamed(child.pid!, 'runner')[0], 60_000, 'the runner');

  child.kill('SIGKILL');
  await new Promise((r) => child.once('exit', r));
  const mid = JSON.parse(readFileSync(stateFile, 'utf8'));
  assert.equal(mid.phase, 'sleeping', 'the file still says what the dead host was doing');
  // The runner checks its parent every 500 ms (runner/main.go); on a loaded CI machine, once seen to take over 10 s.
  await waitFor(() => !alive(runner), 30_000, 'the orphaned runner to exit');

  const restarted = newHost(stateDir);
  const module = await restarted.get('default/victim');
  assert.equal(module?.phase, 'ready');
  assert.equal(module?.interrupted?.operation, 'sleep');
  assert.match(
    module?.lastMessage ?? '',
    /^sleep was interrupted: the host process exited while it ran .* the module is back to ready, retry the operation$/,
  );
  assert.equal(JSON.parse(readFileSync(stateFile, 'utf8')).inFlight, undefined, 'the verdict is saved');
  assert.deepEqual(readdirSync(stateDir), ['default__victim.module.json']);

  // Retry works from the last good phase (this time Install's config says nothing hangs... so uninstall instead).
  const removed = await restarted.uninstall('default/victim');
  assert.equal(removed.ok, true, removed.error);
  assert.equal(removed.module?.interrupted, undefined);
});

test('a module whose operation runs in another live host is not marked interrupted', SLOW, async () => {
  const dir = tempDir('not-interrupted');
  const stateDir = join(dir, 'state');
  const file = writeModule(dir, { name: 'busy', plugin: 'hang', items: HANG, config: { hang: 'sleep' } });
  const first = newHost(stateDir);
  assert.equal((await first.install(file, 0)).ok, true);
  const script = `
    const { createHost } = require(${JSON.stringify(join(ROOT, 'out', 'host', 'src', 'index.js'))});
    createHost({ stateDir: ${JSON.stringify(stateDir)}, cacheDir: ${JSON.stringify(CACHE_DIR)} }).sleep('default/busy');`;
  const child = spawn(process.execPath, ['-e', script], { stdio: 'ignore' });
  try {
    const stateFile = join(stateDir, 'default__busy.module.json');
    await waitFor(
      () => JSON.parse(readFileSync(stateFile, 'utf8')).inFlight?.pid === child.pid,
      60_000,
      'the sleep to start',
    );
    const seen = await newHost(stateDir).get('default/busy');
    assert.equal(seen?.phase, 'sleeping');
    assert.equal(seen?.interrupted, undefined);
    const refused = await newHost(stateDir).resume('default/busy');
    assert.match(refused.error ?? '', /^cannot resume: the module is sleeping; wait for it to finish$/);
  } finally {
    child.kill('SIGKILL');
  }
});

test(
  'an operation of this host that ends while a read of its record is under way is not marked interrupted',
  SLOW,
  async () => {
    // What a CodeLens refresh can meet: its read of the state file is taken while Sleep runs and judged after Sleep
    // has saved its end and left; it used to turn the module's real outcome into 'interrupted' (an e2e run's find).
    const dir = tempDir('read-race');
    const stateDir = join(dir, 'state');
    const file = writeModule(dir, {
      name: 'race',
      plugin: 'hang',
      items: `${HANG}        - type: boolean
          name: respectContext
          alias: respectContext
          spec: { required: false, default: false, editable: true }
`,
      config: { hang: 'sleep', respectContext: true },
    });
    const host = newHost(stateDir, { graceMs: 1000 });
    const installed = await host.install(file, 0);
    assert.equal(installed.ok, true, installed.error);
    const stateFile = join(stateDir, 'default__race.module.json');
    const cancel = new AbortController();
    const sleeping = host.sleep('default/race', { signal: cancel.signal });
    await waitFor(() => JSON.parse(readFileSync(stateFile, 'utf8')).inFlight, 60_000, 'the sleep to start');

    // The next read of the state file gets the in-flight record now, and hands it over only after Sleep has ended.
    const fsp = promises as { readFile: typeof promises.readFile };
    const readFile = fsp.readFile;
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let held = false;
    fsp.readFile = (async (path: unknown, options: unknown) => {
      const text = await (readFile as (p: unknown, o: unknown) => Promise<string>)(path, options);
      if (held || path !== stateFile) return text;
      held = true;
      await released;
      return text;
    }) as typeof promises.readFile;
    try {
      const reading = host.get('default/race');
      await waitFor(() => held, 10_000, 'the read to be taken');
      cancel.abort();
      const result = await sleeping;
      assert.equal(result.ok, false, 'the cancelled Sleep failed');
      const after = JSON.parse(readFileSync(stateFile, 'utf8'));
      assert.equal(after.inFlight, undefined, 'Sleep saved its end');
      release();
      const seen = await reading;
      const final = JSON.parse(readFileSync(stateFile, 'utf8'));
      assert.equal(final.interrupted, undefined, JSON.stringify(final));
      assert.equal(final.phase, after.phase);
      assert.equal(final.lastMessage, after.lastMessage);
      assert.equal(seen?.phase, after.phase);
      assert.equal(seen?.interrupted, undefined);
      // And the next operation is not refused by the read's brief hold of the lock.
      assert.equal((await host.uninstall('default/race')).ok, true);
    } finally {
      fsp.readFile = readFile;
      release();
    }
  },
);
