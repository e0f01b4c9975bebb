import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatHostEvent, formatKv, logLevelOf } from '../../../client/src/host/hostLogModel';

test('host and plugin records keep their level in the output channel', () => {
  assert.equal(logLevelOf('error'), 'error');
  assert.equal(logLevelOf('warn'), 'warn');
  assert.equal(logLevelOf('debug'), 'debug');
  assert.equal(logLevelOf('info'), 'info');
  assert.equal(logLevelOf(undefined), 'info');
});

test('a plugin log record reads like logr output', () => {
  const { level, line } = formatHostEvent({
    type: 'log',
    id: 'default/my-app',
    operation: 'install',
    level: 'info',
    msg: "Install 'Test' custom plugin",
    kv: { replicas: 2, env: 'dev', note: 'two words' },
    source: 'plugin',
    at: '2026-01-01T00:00:00.000Z',
  });
  assert.equal(level, 'info');
  assert.equal(
    line,
    `[default/my-app] install plugin: Install 'Test' custom plugin replicas=2 env=dev note="two words"`,
  );
});

test('a failed phase is logged as an error', () => {
  const { level, line } = formatHostEvent({
    type: 'phase',
    id: 'default/x',
    phase: 'failed',
    previous: 'installing',
    operation: 'install',
    message: 'install failed: boom',
    at: '2026-01-01T00:00:00.000Z',
  });
  assert.equal(level, 'error');
  assert.equal(line, '[default/x] phase installing → failed: install failed: boom');
});

test('formatKv quotes only what needs it', () => {
  assert.equal(formatKv({ a: 'b', c: '', d: null, e: [1] }), 'a=b c="" d=null e=[1]');
  assert.equal(formatKv(undefined), '');
});
