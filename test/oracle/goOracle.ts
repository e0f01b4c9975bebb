// Builds the Go oracle (test/oracle/go) once per content hash into the OS temp dir and runs it over a batch of cases.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import type { OracleCase } from './generate';

/** Compiled to out/test/oracle/, the Go sources stay in test/oracle/go/. */
export const ORACLE_SOURCE_DIR = resolve(__dirname, '..', '..', '..', 'test', 'oracle', 'go');

export type GoVerdict = { id: number; ok: boolean; error?: string } & Record<string, unknown>;

const goEnv = { ...process.env, GOWORK: 'off', GOFLAGS: '-buildvcs=false -mod=readonly', CGO_ENABLED: '0' };

/** The binary's path; built when absent (the name carries a hash of go.mod, go.sum and every .go file). */
export function buildOracle(): string {
  const files = readdirSync(ORACLE_SOURCE_DIR)
    .filter((f) => f.endsWith('.go') || f === 'go.mod' || f === 'go.sum')
    .sort();
  const hash = createHash('sha256');
  for (const f of files)
    hash
      .update(f)
      .update('\0')
      .update(readFileSync(join(ORACLE_SOURCE_DIR, f)))
      .update('\0');
  const dir = join(tmpdir(), `forkspacer-oracle-${hash.digest('hex').slice(0, 16)}`);
  const binary = join(dir, 'oracle');
  if (existsSync(binary)) return binary;
  mkdirSync(dir, { recursive: true });
  // Build to a private name, then rename: two test processes building at once never see half a binary.
  const partial = `${binary}.${process.pid}`;
  const built = spawnSync('go', ['build', '-o', partial, '.'], {
    cwd: ORACLE_SOURCE_DIR,
    env: goEnv,
    encoding: 'utf8',
  });
  if (built.status !== 0) throw new Error(`go build of the oracle failed:\n${built.stderr}${built.error ?? ''}`);
  renameSync(partial, binary);
  return binary;
}

/** Runs every case through the oracle; verdicts come back in case order, one per case. */
export function runOracle(binary: string, cases: readonly OracleCase[]): GoVerdict[] {
  const input = cases.map((c) => JSON.stringify(c)).join('\n') + '\n';
  const run = spawnSync(binary, [], { input, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
  if (run.status !== 0) throw new Error(`oracle exited ${run.status}: ${run.stderr}${run.error ?? ''}`);
  const verdicts = run.stdout
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => JSON.parse(line) as GoVerdict);
  if (verdicts.length !== cases.length)
    throw new Error(`oracle gave ${verdicts.length} verdicts for ${cases.length} cases`);
  return verdicts;
}
