// A bounded coverage-guided pass over every fuzz target (scripts/fuzz.mjs, Jazzer.js): fails on any crash, hang or
// broken invariant, whose input is then saved under test/fuzz/regressions/ (and, up to 4 KB, printed in base64).
// FORKSPACER_FUZZ_SECONDS per target: 30 in CI, 10 otherwise (`npm run fuzz` for longer runs). The pass starts as
// CI's does: from the seeds and saved cases alone (a fresh corpus folder, as in a fresh clone), with a fixed seed
// (FORKSPACER_FUZZ_SEED, 1), so a local run walks nearly CI's path (coverage of warm caches varies a little);
// `npm run fuzz` explores with new seeds and what it learnt.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ROOT } from './harness';

const TARGETS = ['parse', 'validate', 'fixes', 'services', 'constraint', 're2'];
const seconds = Number(process.env.FORKSPACER_FUZZ_SECONDS ?? (process.env.CI === 'true' ? 30 : 10));

test(`every fuzz target survives ${seconds} s of fuzzing`, { timeout: TARGETS.length * (seconds + 60) * 1000 }, () => {
  const summary = join(mkdtempSync(join(tmpdir(), 'forkspacer-fuzz-')), 'summary.json');
  const seed = process.env.FORKSPACER_FUZZ_SEED ?? '1';
  const run = spawnSync(
    process.execPath,
    [join(ROOT, 'scripts', 'fuzz.mjs'), '--seconds', String(seconds), '--seed', seed, '--quiet'],
    {
      cwd: ROOT,
      env: { ...process.env, FUZZ_SUMMARY: summary, FUZZ_WORK: join(dirname(summary), 'work') },
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  process.stdout.write(run.stdout.split('\ntarget')[1] ? `target${run.stdout.split('\ntarget')[1]}` : run.stdout);
  // The one-line verdicts first: a CI log's excerpt keeps the start of a long message.
  const verdicts = run.stderr.split('\n').filter((line) => / FAILED: /.test(line));
  // Then the inputs in base64 (printed after the verdicts), then the fuzzer's own closing lines.
  const cut = run.stderr.search(/\n\S+ FAILED: /);
  const inputs = cut === -1 ? '' : run.stderr.slice(cut).replace(/^.* FAILED: .*\n/gm, '');
  const before = cut === -1 ? run.stderr : run.stderr.slice(0, cut);
  assert.equal(
    run.status,
    0,
    `fuzzing failed (seed ${seed}): ${verdicts.join('; ')}\n${inputs.slice(0, 12000)}\n${before.slice(-6000)}`,
  );
  const results = JSON.parse(readFileSync(summary, 'utf8')) as { target: string; runs: number; ok: boolean }[];
  assert.deepEqual(
    results.map((r) => r.target),
    TARGETS,
  );
  for (const r of results) assert.ok(r.runs > 0, `${r.target} ran no input`);
});
