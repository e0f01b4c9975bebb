// Many modules at once: each module's operations are serialised, different modules run in parallel up to the limit.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { newHost, SLOW, tempDir, writeModule } from './helpers';

test('20 modules installed at once all end ready, never more than maxParallel running', SLOW, async () => {
  const dir = tempDir('parallel');
  const host = newHost(join(dir, 'state'), { maxParallel: 4 });
  // Build the runner and plugin once before the burst.
  assert.equal((await host.install(writeModule(dir, { name: 'warm', plugin: 'noop' }), 0)).ok, true);
  let active = 0;
  let peak = 0;
  host.onEvent((e) => {
    if (e.type !== 'phase') return;
    if (e.phase === 'installing') peak = Math.max(peak, ++active);
    if (e.phase === 'ready' || e.phase === 'failed') active--;
  });
  const files = Array.from({ length: 20 }, (_, i) => writeModule(dir, { name: `m${i}`, plugin: 'noop' }));
  const results = await Promise.all(files.map((f) => host.install(f, 0)));
  assert.deepEqual(
    results.map((r) => r.module?.phase),
    results.map(() => 'ready'),
    results.map((r) => r.error).join('\n'),
  );
  assert.ok(peak <= 4 && peak >= 2, `peak ${peak}`);
  assert.equal((await host.list()).length, 21);
  assert.equal(readdirSync(join(dir, 'state')).length, 21);

  // Same module, several requests at once: run in request order, the illegal one refused when its turn comes.
  const [sleep, resume, sleepAgain] = await Promise.all([
    host.sleep('default/m0'),
    host.resume('default/m0'),
    host.resume('default/m0'),
  ]);
  assert.deepEqual([sleep.ok, resume.ok, sleepAgain.refused], [true, true, true]);
});
