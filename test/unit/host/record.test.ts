import { test } from 'node:test';
import assert from 'node:assert/strict';
import { beginOperation, detectInterrupted, endOperation, type ModuleRecord } from '../../../common/src/host/record';

const t0 = new Date('2026-01-01T00:00:00Z');
const t1 = new Date('2026-01-01T00:00:05Z');
const owner = { pid: 4242, hostId: 'h1' };

function record(phase: ModuleRecord['phase']): ModuleRecord {
  return {
    version: 1,
    id: 'default/app',
    name: 'app',
    namespace: 'default',
    file: '/m.yaml',
    documentIndex: 0,
    phase,
    lastMessage: '',
    lastActivity: t0.toISOString(),
    config: {},
    goTypes: {},
    definition: {
      kind: 'Custom',
      metadata: { name: 'x', version: '1.0.0', supportedOperatorVersion: '*' },
      config: [],
      spec: {},
    },
    plugin: { kind: 'file', location: '/p.so' },
    metaData: {},
  };
}

test('a successful sleep goes ready → sleeping → sleeped and clears the last error', () => {
  const started = beginOperation({ ...record('ready'), error: 'old' }, 'sleep', owner, t0);
  assert.equal(started.phase, 'sleeping');
  assert.deepEqual(started.inFlight, {
    operation: 'sleep',
    startedAt: t0.toISOString(),
    previousPhase: 'ready',
    ...owner,
  });
  const done = endOperation(started, { ok: true }, t1);
  assert.equal(done.phase, 'sleeped');
  assert.equal(done.error, undefined);
  assert.equal(done.inFlight, undefined);
  assert.equal(done.lastMessage, 'sleep succeeded');
  assert.equal(done.lastActivity, t1.toISOString());
});

test('a failed sleep keeps the last good phase and records the error', () => {
  const done = endOperation(
    beginOperation(record('ready'), 'sleep', owner, t0),
    { ok: false, error: 'boom\nstack' },
    t1,
  );
  assert.equal(done.phase, 'ready');
  assert.equal(done.error, 'boom\nstack');
  assert.equal(done.lastMessage, 'sleep failed: boom');
});

test('a failed install ends failed', () => {
  const started = beginOperation(record('installing'), 'install', owner, t0, 'new');
  assert.equal(started.phase, 'installing');
  assert.equal(endOperation(started, { ok: false, error: 'x' }, t1).phase, 'failed');
});

test('an operation whose owner died is marked interrupted, back to the last good phase', () => {
  const sleeping = beginOperation(record('ready'), 'sleep', owner, t0);
  assert.equal(
    detectInterrupted(sleeping, () => true, t1),
    sleeping,
    'owner alive: untouched',
  );
  const after = detectInterrupted(sleeping, () => false, t1);
  assert.equal(after.phase, 'ready');
  assert.deepEqual(after.interrupted, {
    operation: 'sleep',
    startedAt: t0.toISOString(),
    detectedAt: t1.toISOString(),
  });
  assert.match(after.lastMessage, /^sleep was interrupted: the host process exited while it ran/);
  assert.equal(after.inFlight, undefined);
  const install = detectInterrupted(beginOperation(record('installing'), 'install', owner, t0, 'new'), () => false, t1);
  assert.equal(install.phase, 'failed');
});

test('a record without an operation in flight is never interrupted', () => {
  const r = record('ready');
  assert.equal(
    detectInterrupted(r, () => false, t1),
    r,
  );
});
