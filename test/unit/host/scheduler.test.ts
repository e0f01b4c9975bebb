import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createScheduler } from '../../../common/src/host/scheduler';

/** A task the test finishes by hand, recording when it started. */
function gate(log: string[], name: string) {
  let release!: () => void;
  const done = new Promise<void>((r) => (release = r));
  return { task: () => (log.push(`start ${name}`), done.then(() => (log.push(`end ${name}`), name))), release };
}

const tick = () => new Promise((r) => setImmediate(r));

test('same key runs one at a time in order; other keys run alongside', async () => {
  const s = createScheduler({ maxParallel: 4 });
  const log: string[] = [];
  const a1 = gate(log, 'a1');
  const a2 = gate(log, 'a2');
  const b1 = gate(log, 'b1');
  const p = [s.run('a', a1.task), s.run('a', a2.task), s.run('b', b1.task)];
  await tick();
  assert.deepEqual(log, ['start a1', 'start b1']);
  assert.equal(s.running(), 2);
  assert.equal(s.waiting('a'), 1);
  a1.release();
  await tick();
  await tick();
  assert.deepEqual(log, ['start a1', 'start b1', 'end a1', 'start a2']);
  a2.release();
  b1.release();
  assert.deepEqual(await Promise.all(p), ['a1', 'a2', 'b1']);
});

test('the global limit holds, and a blocked key does not block others', async () => {
  const s = createScheduler({ maxParallel: 2 });
  const log: string[] = [];
  const gates = ['x1', 'x2', 'y1', 'z1'].map((n) => gate(log, n));
  const p = [
    s.run('x', gates[0].task),
    s.run('x', gates[1].task),
    s.run('y', gates[2].task),
    s.run('z', gates[3].task),
  ];
  await tick();
  assert.deepEqual(log, ['start x1', 'start y1'], 'x2 waits for x; z waits for a slot');
  gates[2].release();
  await tick();
  await tick();
  assert.deepEqual(log.slice(2), ['end y1', 'start z1'], 'z1 passes the blocked x2');
  gates[0].release();
  await tick();
  await tick();
  assert.ok(log.includes('start x2'));
  gates[1].release();
  gates[3].release();
  await Promise.all(p);
  assert.equal(s.running(), 0);
});

test('a task aborted while queued never runs; a failing task frees its slot', async () => {
  const s = createScheduler({ maxParallel: 1 });
  const log: string[] = [];
  const first = gate(log, 'first');
  const controller = new AbortController();
  const p1 = s.run('k', first.task);
  const p2 = s.run('k', async () => log.push('never'), controller.signal);
  const p3 = s.run('j', async () => {
    throw new Error('bad');
  });
  controller.abort();
  await assert.rejects(p2, { name: 'AbortError' });
  first.release();
  await p1;
  await assert.rejects(p3, /bad/);
  assert.equal(await s.run('k', async () => 'after'), 'after');
  assert.ok(!log.includes('never'));
});

test('20 modules at limit 4 never exceed 4 at once', async () => {
  const s = createScheduler({ maxParallel: 4 });
  let now = 0;
  let peak = 0;
  await Promise.all(
    Array.from({ length: 20 }, (_, i) =>
      s.run(`m${i}`, async () => {
        now++;
        peak = Math.max(peak, now);
        await tick();
        now--;
      }),
    ),
  );
  assert.equal(peak, 4);
});
