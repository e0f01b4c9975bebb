// The claim board of `forkspacer validate`'s threads: raced by real worker threads on one shared board, every
// chunk goes to exactly one thread, and once a thread is told none is left every chunk has its owner for good.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { ClaimBoard } from '../../../cli/src/validate/claimBoard';

const BOARD_MODULE = join(__dirname, '..', '..', '..', 'cli', 'src', 'validate', 'claimBoard.js');

/** A worker that, once `gate` opens, claims every chunk it can for `id` and posts what it got. */
function claimer(shared: SharedArrayBuffer, gate: Int32Array, id: number): Promise<number[]> {
  const worker = new Worker(
    `const { workerData, parentPort } = require('node:worker_threads');
     const board = new (require(workerData.module).ClaimBoard)(workerData.shared);
     const gate = new Int32Array(workerData.gate);
     Atomics.add(gate, 1, 1);
     Atomics.wait(gate, 0, 0);
     const got = [];
     for (let c = board.claim(workerData.id, 0); c !== -1; c = board.claim(workerData.id, c + 1)) got.push(c);
     parentPort.postMessage(got);`,
    { eval: true, workerData: { module: BOARD_MODULE, shared, gate: gate.buffer, id } },
  );
  return new Promise((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
}

test('racing threads claim every chunk exactly once, and the board names each owner', async () => {
  const chunks = 200_000;
  const board = new ClaimBoard(chunks);
  // Cell 0 opens the gate, cell 1 counts the workers waiting at it: all three threads start claiming together.
  const gate = new Int32Array(new SharedArrayBuffer(8));
  const others = [claimer(board.shared, gate, 2), claimer(board.shared, gate, 3)];
  while (Atomics.load(gate, 1) < 2) await new Promise((resolve) => setTimeout(resolve, 5));
  Atomics.store(gate, 0, 1);
  Atomics.notify(gate, 0);
  const mine: number[] = [];
  for (let c = board.claim(1, 0); c !== -1; c = board.claim(1, c + 1)) mine.push(c);
  const [two, three] = await Promise.all(others);
  const all = [...mine, ...two!, ...three!].sort((a, b) => a - b);
  assert.deepEqual(
    all,
    Array.from({ length: chunks }, (_, i) => i),
  );
  assert.deepEqual(board.ownedBy(1), mine);
  assert.deepEqual(board.ownedBy(2), two);
  assert.deepEqual(board.ownedBy(3), three);
  assert.equal(board.claim(1, 0), -1, 'nothing is left to claim');
});

test('a thread claims from where it asks, and a board of no chunks has none to give', () => {
  const board = new ClaimBoard(3);
  assert.equal(board.claim(2, 1), 1);
  assert.equal(board.claim(1, 0), 0);
  assert.equal(board.claim(1, 1), 2, 'the taken chunk is skipped');
  assert.equal(board.claim(2, 0), -1);
  assert.deepEqual(board.ownedBy(1), [0, 2]);
  assert.equal(new ClaimBoard(0).claim(1, 0), -1);
});
