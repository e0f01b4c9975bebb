// Builds the operator oracle (test/oracle/operator) inside a temporary copy of the operator's own module, once per
// content hash, and runs it over a batch of files. Nothing of the operator is copied into this repository: the
// module comes from the Go module cache (`go mod download`, through the file proxy where ../shared/goproxy exists).
import { createHash } from 'node:crypto';
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
// eslint-disable-next-line @typescript-eslint/no-require-imports -- CommonJS helper shared with the scripts
const { withLocalGoProxy } = require('../../../scripts/goproxy.cjs') as {
  withLocalGoProxy: (env: NodeJS.ProcessEnv) => NodeJS.ProcessEnv;
};

export const OPERATOR_MODULE = 'github.com/forkspacer/forkspacer';
export const OPERATOR_VERSION = 'v0.1.7';
/** Compiled to out/test/oracle/, the Go sources stay in test/oracle/operator/. */
export const OPERATOR_ORACLE_DIR = resolve(__dirname, '..', '..', '..', 'test', 'oracle', 'operator');

/**
 * The oracle and the types plugin are built in different folders (a private copy, renamed when done): -trimpath keeps
 * the packages identical, which plugin.Open requires.
 */
const BUILD_FLAGS = ['-trimpath'];

export interface OperatorOracle {
  binary: string;
  /** The module copy the oracle was built in (its config/crd/bases are the CRDs the oracle reads). */
  moduleDir: string;
  env: NodeJS.ProcessEnv;
}

function goEnv(): NodeJS.ProcessEnv {
  return { ...withLocalGoProxy(process.env), GOWORK: 'off', GOFLAGS: '-buildvcs=false -mod=mod', CGO_ENABLED: '1' };
}

function files(dir: string): string[] {
  return readdirSync(dir)
    .flatMap((name) => {
      const p = join(dir, name);
      return statSync(p).isDirectory() ? files(p) : [p];
    })
    .sort();
}

function makeWritable(dir: string): void {
  chmodSync(dir, 0o755);
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) makeWritable(p);
    else chmodSync(p, 0o644);
  }
}

/** The operator's module in the Go module cache (downloaded when absent). */
export function operatorModuleDir(env: NodeJS.ProcessEnv = goEnv()): string {
  const run = spawnSync('go', ['mod', 'download', '-json', `${OPERATOR_MODULE}@${OPERATOR_VERSION}`], {
    cwd: tmpdir(),
    env,
    encoding: 'utf8',
  });
  const info = JSON.parse(run.stdout || '{}') as { Dir?: string; Error?: string };
  if (run.status !== 0 || !info.Dir)
    throw new Error(`go mod download ${OPERATOR_MODULE}@${OPERATOR_VERSION} failed: ${info.Error ?? run.stderr}`);
  return info.Dir;
}

/** The oracle binary, built when absent ($TMPDIR/forkspacer-operator-oracle-<hash of its sources>/). */
export function buildOperatorOracle(): OperatorOracle {
  const sources = files(OPERATOR_ORACLE_DIR).filter((f) => f.endsWith('.go'));
  const hash = createHash('sha256').update(`${OPERATOR_MODULE}@${OPERATOR_VERSION}\0${BUILD_FLAGS.join(' ')}\0`);
  for (const f of sources)
    hash.update(relative(OPERATOR_ORACLE_DIR, f)).update('\0').update(readFileSync(f)).update('\0');
  const dir = join(tmpdir(), `forkspacer-operator-oracle-${hash.digest('hex').slice(0, 16)}`);
  const binary = join(dir, 'oracle');
  const moduleDir = join(dir, 'module');
  const env = goEnv();
  const result = { binary, moduleDir, env: { ...env, FORKSPACER_CRD_DIR: join(moduleDir, 'config', 'crd', 'bases') } };
  if (existsSync(binary) && existsSync(moduleDir)) return result;
  mkdirSync(dir, { recursive: true });
  // Build in a private copy, then rename: two test processes building at once never see half a build.
  const work = join(dir, `module.${process.pid}`);
  rmSync(work, { recursive: true, force: true });
  cpSync(operatorModuleDir(env), work, { recursive: true });
  makeWritable(work);
  for (const f of sources) {
    const rel = relative(OPERATOR_ORACLE_DIR, f);
    // inject/<path> goes to <path> in the module (the controller's export file); the rest is the main package.
    const target = rel.startsWith('inject/')
      ? join(work, rel.slice('inject/'.length))
      : join(work, 'cmd', 'forkspacer-oracle', rel);
    mkdirSync(dirname(target), { recursive: true });
    cpSync(f, target);
  }
  const partial = `${binary}.${process.pid}`;
  const built = spawnSync(
    'go',
    [
      'build',
      ...BUILD_FLAGS,
      '-ldflags',
      // The operator's version is set at link time (pkg/constants/version); HandleResource checks constraints against it.
      `-X ${OPERATOR_MODULE}/pkg/constants/version.Version=${OPERATOR_VERSION.slice(1)}`,
      '-o',
      partial,
      './cmd/forkspacer-oracle',
    ],
    { cwd: work, env, encoding: 'utf8' },
  );
  if (built.status !== 0)
    throw new Error(`go build of the operator oracle failed:\n${built.stderr}${built.error ?? ''}`);
  if (!existsSync(moduleDir)) renameSync(work, moduleDir);
  else rmSync(work, { recursive: true, force: true });
  renameSync(partial, binary);
  return result;
}

export interface OperatorDocVerdict {
  kind: 'module' | 'workspace' | 'custom' | 'helm' | 'other';
  ok: boolean;
  stage?: string;
  error?: string;
  inner?: string[];
  config?: Record<string, unknown>;
  goTypes?: Record<string, string>;
  admissionOnly?: boolean;
}

export interface OperatorFileVerdict {
  id: number;
  docs: OperatorDocVerdict[];
  fileError: string;
}

export type OperatorCase =
  | {
      id: number;
      kind: 'file';
      text: string;
      /** Served to the controller: httpURL → resource text, and "namespace/name" → a ConfigMap's module.yaml. */
      resources?: Record<string, string>;
      configMaps?: Record<string, string>;
    }
  | { id: number; kind: 'types'; text: string; plugin: string };

/** Runs every case through the oracle; verdicts come back in case order, one per case. */
export function runOperatorOracle<T = OperatorFileVerdict>(
  oracle: OperatorOracle,
  cases: readonly OperatorCase[],
): T[] {
  const input = cases.map((c) => JSON.stringify(c)).join('\n') + '\n';
  const run = spawnSync(oracle.binary, [], {
    input,
    env: oracle.env,
    encoding: 'utf8',
    maxBuffer: 1024 * 1024 * 1024,
  });
  if (run.status !== 0) throw new Error(`operator oracle exited ${run.status}: ${run.stderr}${run.error ?? ''}`);
  const verdicts = run.stdout
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => JSON.parse(line) as T);
  if (verdicts.length !== cases.length)
    throw new Error(`operator oracle gave ${verdicts.length} verdicts for ${cases.length} cases`);
  return verdicts;
}

/** test/oracle/types-plugin, compiled as a .so inside the oracle's module copy (so the oracle can load it). */
export const TYPES_PLUGIN_DIR = resolve(__dirname, '..', '..', '..', 'test', 'oracle', 'types-plugin');

export function buildTypesPlugin(oracle: OperatorOracle): string {
  const source = readFileSync(join(TYPES_PLUGIN_DIR, 'main.go'));
  const hash = createHash('sha256').update(source).digest('hex').slice(0, 16);
  const so = join(dirname(oracle.binary), `types-${hash}.so`);
  if (existsSync(so)) return so;
  const pkg = join(oracle.moduleDir, 'cmd', 'forkspacer-oracle-types');
  mkdirSync(pkg, { recursive: true });
  cpSync(join(TYPES_PLUGIN_DIR, 'main.go'), join(pkg, 'main.go'));
  const partial = `${so}.${process.pid}`;
  const built = spawnSync(
    'go',
    ['build', ...BUILD_FLAGS, '-buildmode=plugin', '-o', partial, './cmd/forkspacer-oracle-types'],
    {
      cwd: oracle.moduleDir,
      env: oracle.env,
      encoding: 'utf8',
    },
  );
  if (built.status !== 0) throw new Error(`go build of the types plugin failed:\n${built.stderr}${built.error ?? ''}`);
  renameSync(partial, so);
  return so;
}
