// Replays every input the fuzzer saved (test/fuzz/regressions/<target>/: crashes, hangs, broken invariants, each
// fixed since) through its target, uninstrumented: none may throw or take longer than the fuzzer's hang bound.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './harness';

const SAVED = join(ROOT, 'test', 'fuzz', 'regressions');
/** The fuzzer's bound for one input (scripts/fuzz.mjs HANG_MS). */
const HANG_MS = 2000;

const targets = existsSync(SAVED) ? readdirSync(SAVED) : [];

test('regression cases exist for the targets that found something', () => {
  const cases = targets.flatMap((t) => readdirSync(join(SAVED, t)));
  assert.ok(cases.length >= 3, `only ${cases.length} saved cases`);
});

for (const target of targets) {
  const files = readdirSync(join(SAVED, target)).filter((f) => !f.startsWith('.'));
  if (!files.length) continue;
  test(`${target}: ${files.length} saved inputs replay cleanly`, async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { fuzz } = require(`./targets/${target}`) as { fuzz: (data: Uint8Array) => unknown };
    for (const file of files) {
      const data = readFileSync(join(SAVED, target, file));
      const started = performance.now();
      const cpuBefore = process.cpuUsage();
      try {
        await fuzz(data);
      } catch (error) {
        assert.fail(`${target}/${file}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      }
      // A hang is work: the bound is on this process's CPU time. Wall time on a busy machine (the whole suite runs
      // two files at once) was 3-10x the CPU time and failed inputs that take 0.4 s of CPU.
      const used = process.cpuUsage(cpuBefore);
      const cpuMs = (used.user + used.system) / 1000;
      const wallMs = performance.now() - started;
      assert.ok(
        cpuMs < HANG_MS,
        `${target}/${file} took ${cpuMs.toFixed(0)} ms of CPU (${wallMs.toFixed(0)} ms wall; a hang is over ${HANG_MS} ms)`,
      );
    }
  });
}
