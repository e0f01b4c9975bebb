// Builds the Go runner on demand, in the plugin's module context, and caches the binary.
//
// A plugin only loads into a program built by the same toolchain from the same versions of every shared
// package ("plugin was built with a different version of package ..."). So the runner's sources are
// copied into a cache folder together with the plugin's go.mod and go.sum (local replacements made
// absolute) and built there with the same `go`. The cache key covers the toolchain, the runner sources
// and everything the module resolves from, so a changed go.sum or a Go upgrade builds a new runner.
import { existsSync, promises as fs } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { runCommand } from './command';
import { goEnv, goVersion, type BuildInfo, type GoEnv } from './goToolchain';
import { goModFromBuildInfo } from './goModule';
import { readModuleFactsCached } from './moduleFactsCache';
import { sha256 } from './hashing';
import { findRunnerSource, runnerSourceHash } from './runnerSource';

export type ModuleContext =
  { kind: 'dir'; dir: string; buildInfo?: BuildInfo } | { kind: 'buildInfo'; buildInfo: BuildInfo };

export interface RunnerBuildOptions {
  go: GoEnv;
  cacheDir: string;
  context: ModuleContext;
  timeoutMs: number;
  signal?: AbortSignal;
  progress: (message: string) => void;
}

const inFlight = new Map<string, Promise<string>>();

/** The path of a runner binary that can load plugins built in `context`; builds it when needed. */
export async function ensureRunner(options: RunnerBuildOptions): Promise<string> {
  const plan = await planRunner(options);
  const binary = join(options.cacheDir, 'runners', plan.key, 'runner');
  if (existsSync(binary)) return binary;
  let build = inFlight.get(plan.key);
  if (!build) {
    build = buildRunner(options, plan, binary).finally(() => inFlight.delete(plan.key));
    inFlight.set(plan.key, build);
  }
  return build;
}

interface RunnerPlan {
  key: string;
  goMod: string;
  goSum: string;
  replaceEdits: string[];
  flags: string[];
  env: NodeJS.ProcessEnv;
  toolchain: string;
}

async function planRunner(options: RunnerBuildOptions): Promise<RunnerPlan> {
  const { go, context } = options;
  const sourceHash = await runnerSourceHash();
  const info = context.buildInfo;
  // Same flags that change compiled packages as the plugin (recorded in its build info).
  const flags: string[] = [];
  if (info?.settings['-trimpath'] === 'true') flags.push('-trimpath');
  if (info?.settings['-tags']) flags.push(`-tags=${info.settings['-tags']}`);
  const cwd = context.kind === 'dir' ? context.dir : options.cacheDir;
  await fs.mkdir(options.cacheDir, { recursive: true });
  const localVersion = await goVersion(go, cwd);
  // A prebuilt plugin from another Go release: let the go command fetch that exact toolchain.
  const env: NodeJS.ProcessEnv = {};
  if (info && info.goVersion !== localVersion && /^go\d/.test(info.goVersion)) {
    env.GOTOOLCHAIN = info.goVersion;
    options.progress(
      `the plugin was built with ${info.goVersion}, the local go is ${localVersion}: building the runner with GOTOOLCHAIN=${info.goVersion}`,
    );
  }
  const toolchain = env.GOTOOLCHAIN ?? localVersion;
  if (context.kind === 'dir') {
    const facts = await readModuleFactsCached(go, context.dir, options.timeoutMs);
    const key = sha256('runner/v1', sourceHash, toolchain, facts.fingerprint, flags.join(' ')).slice(0, 32);
    return { key, goMod: facts.goMod, goSum: facts.goSum, replaceEdits: facts.replaceEdits, flags, env, toolchain };
  }
  const goDirective = /^go(\d+\.\d+)/.exec(toolchain)?.[1] ?? '1.24';
  const { goMod, problems } = goModFromBuildInfo(context.buildInfo, goDirective);
  if (problems.length) {
    throw new Error(
      `cannot rebuild the plugin's module context from its build info: ${problems.join('; ')}. ` +
        'Put the .so next to its go.mod, or point spec.repo.file at the plugin source folder.',
    );
  }
  const key = sha256('runner/v1', sourceHash, toolchain, goMod, flags.join(' ')).slice(0, 32);
  return { key, goMod, goSum: '', replaceEdits: [], flags, env, toolchain };
}

async function buildRunner(options: RunnerBuildOptions, plan: RunnerPlan, binary: string): Promise<string> {
  const { go } = options;
  const finalDir = join(options.cacheDir, 'runners', plan.key);
  const work = join(options.cacheDir, 'runners', `.build-${plan.key}-${process.pid}-${randomBytes(4).toString('hex')}`);
  await fs.mkdir(work, { recursive: true });
  try {
    options.progress(
      `building the plugin runner with ${plan.toolchain} (the first build against client-go can take minutes)…`,
    );
    const source = findRunnerSource();
    for (const file of await fs.readdir(source)) {
      if (file.endsWith('.go') && !file.endsWith('_test.go')) await fs.copyFile(join(source, file), join(work, file));
    }
    await fs.writeFile(join(work, 'go.mod'), plan.goMod);
    if (plan.goSum) await fs.writeFile(join(work, 'go.sum'), plan.goSum);
    const env = goEnv(go, plan.env);
    if (plan.replaceEdits.length) {
      const edit = await runCommand(go.goBinary, ['mod', 'edit', ...plan.replaceEdits], {
        cwd: work,
        env,
        timeoutMs: 60_000,
      });
      if (edit.code !== 0) throw new Error(`go mod edit failed: ${edit.output.trim()}`);
    }
    // -mod=mod: the runner imports client-go's clientcmd, whose go.sum lines the plugin may not list.
    const started = Date.now();
    const build = await runCommand(go.goBinary, ['build', '-mod=mod', ...plan.flags, '-o', 'runner', '.'], {
      cwd: work,
      env,
      timeoutMs: options.timeoutMs,
      signal: options.signal,
    });
    if (build.code !== 0) {
      const why = build.timedOut
        ? `timed out after ${Math.round(options.timeoutMs / 1000)} s`
        : build.cancelled
          ? 'cancelled'
          : build.output.trim();
      throw new Error(`building the plugin runner failed: ${why}`);
    }
    options.progress(`runner built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    await fs.rename(work, finalDir).catch(async (error: NodeJS.ErrnoException) => {
      // Another host process finished the same build first: theirs is identical.
      if (!existsSync(binary)) throw error;
    });
    return binary;
  } finally {
    await fs.rm(work, { recursive: true, force: true });
  }
}
