// `forkspacer validate` on worker threads gives the very output of one thread: the same diagnostics, in file
// order and file lines, on an input large enough to be split (generated Modules, a few of them broken, many
// files and one file of many documents). Run `node esbuild.mjs` first.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');
const CLI = join(ROOT, 'dist', 'cli.js');
const INVALID = join(ROOT, 'test', 'fixtures', 'invalid');

function moduleWithResource(i: number): string {
  return `apiVersion: batch.forkspacer.com/v1
kind: Module
metadata:
  name: app-${i}
spec:
  workspace:
    name: dev
  source:
    raw:
      kind: Custom
      metadata:
        name: installer-${i}
        version: 1.${i}.0
        supportedOperatorVersion: ">= 0.0.0, < 1.0.0"
      config:
        - type: integer
          name: Replicas
          alias: replicas
          spec:
            default: 1
            min: 1
            max: ${i % 5 === 0 ? 2 : 10}
            editable: true
      spec:
        repo:
          file: https://example.com/plugins/installer-${i}/plugin.so
  config:
    replicas: ${1 + (i % 7)}
`;
}

test('validate --threads 3, 1 and the default print the same diagnostics', { timeout: 300_000 }, () => {
  const work = mkdtempSync(join(tmpdir(), 'forkspacer-threads-'));
  try {
    const broken = readdirSync(INVALID).map((f) => readFileSync(join(INVALID, f), 'utf8'));
    mkdirSync(join(work, 'many'));
    // ~0.6 MB over 800 files, the fixtures' traps among them, and one file of 300 documents.
    for (let i = 0; i < 800; i++)
      writeFileSync(
        join(work, 'many', `m-${String(i).padStart(3, '0')}.yaml`),
        i % 40 === 7 ? broken[i % broken.length]! : moduleWithResource(i),
      );
    writeFileSync(
      join(work, 'one-file.yaml'),
      Array.from({ length: 300 }, (_, i) => (i % 50 === 3 ? broken[i % broken.length]! : moduleWithResource(i))).join(
        '---\n',
      ),
    );
    const run = (threads?: number) =>
      spawnSync(
        process.execPath,
        [CLI, 'validate', '--format', 'json', ...(threads ? ['--threads', String(threads)] : []), work],
        {
          encoding: 'utf8',
          maxBuffer: 64 * 1024 * 1024,
        },
      );
    const one = run(1);
    const three = run(3);
    // With no --threads: one thread at this size (workers join from 8 MB, where idle cores are judged).
    const auto = run();
    assert.equal(one.status, 1, one.stderr);
    assert.equal(three.status, 1, three.stderr);
    const results = JSON.parse(one.stdout) as { file: string; diagnostics: { code?: string }[] }[];
    assert.equal(results.length, 801);
    const codes = new Set(results.flatMap((r) => r.diagnostics.map((d) => d.code)));
    assert.ok(codes.has('config-out-of-range'), 'max: 2 with replicas above it is refused');
    assert.ok(codes.size > 5, [...codes].join(', '));
    assert.equal(three.stdout, one.stdout);
    assert.equal(auto.status, 1, auto.stderr);
    assert.equal(auto.stdout, one.stdout);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});

test('validate --threads refuses what is not a whole number from 1', () => {
  const run = spawnSync(process.execPath, [CLI, 'validate', '--threads', '0', INVALID], { encoding: 'utf8' });
  assert.equal(run.status, 2);
  assert.match(run.stderr, /--threads wants a whole number from 1, got '0'/);
});
