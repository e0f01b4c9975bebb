// Builds a plugin from a Go source folder (for authors iterating on code): `go build -buildmode=plugin`
// with CGO on, into the cache, keyed by the toolchain and a hash of the module's sources, so an
// unchanged folder is not rebuilt and an edited one is. A folder without go.sum (just scaffolded, or go.mod
// written by hand) gets `go mod tidy` first; a build that fails because go.mod/go.sum lag behind the code says
// to run `go mod tidy` (GoModTidyNeeded), not go's own one-package `go get` hint.
import { existsSync, promises as fs } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { runCommand } from './command';
import { goEnv, goVersion, type GoEnv } from './goToolchain';
import { findGoModDir } from './goModule';
import { readModuleFactsCached } from './moduleFactsCache';
import { hashGoSources, sha256 } from './hashing';
import { GoModTidyNeeded, goModTidy, staleModuleFiles } from './goModTidy';

export interface PluginBuildOptions {
  go: GoEnv;
  cacheDir: string;
  packageDir: string;
  timeoutMs: number;
  signal?: AbortSignal;
  progress: (message: string) => void;
}

const inFlight = new Map<string, Promise<string>>();

export async function buildPluginFromSource(
  options: PluginBuildOptions,
): Promise<{ soPath: string; moduleDir: string }> {
  const moduleDir = findGoModDir(options.packageDir);
  if (!moduleDir)
    throw new Error(`no go.mod in ${options.packageDir} or above it: a plugin folder must be inside a Go module`);
  if (!existsSync(join(moduleDir, 'go.sum'))) await tidyFirst(options, moduleDir);
  const [version, facts, sources] = await Promise.all([
    goVersion(options.go, moduleDir),
    readModuleFactsCached(options.go, moduleDir, options.timeoutMs),
    hashGoSources(moduleDir),
  ]);
  const key = sha256('plugin/v1', version, options.packageDir, facts.fingerprint, sources).slice(0, 32);
  const soPath = join(options.cacheDir, 'plugins', key, 'plugin.so');
  if (existsSync(soPath)) return { soPath, moduleDir };
  let build = inFlight.get(key);
  if (!build) {
    build = compile(options, soPath, moduleDir).finally(() => inFlight.delete(key));
    inFlight.set(key, build);
  }
  return { soPath: await build, moduleDir };
}

async function compile(options: PluginBuildOptions, soPath: string, moduleDir: string): Promise<string> {
  await fs.mkdir(join(soPath, '..'), { recursive: true });
  const temp = `${soPath}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  options.progress(`building the plugin in ${options.packageDir} (go build -buildmode=plugin)…`);
  const started = Date.now();
  const build = await runCommand(options.go.goBinary, ['build', '-buildmode=plugin', '-o', temp, '.'], {
    cwd: options.packageDir,
    env: goEnv(options.go),
    timeoutMs: options.timeoutMs,
    signal: options.signal,
  });
  if (build.code !== 0) {
    await fs.rm(temp, { force: true });
    const stale = !build.timedOut && !build.cancelled && staleModuleFiles(build.output);
    if (stale) {
      throw new GoModTidyNeeded(
        `building the plugin in ${options.packageDir} failed: go.mod and go.sum do not cover what the code imports (${stale}). Run "go mod tidy" in ${moduleDir}, then try again.`,
        moduleDir,
      );
    }
    const why = build.timedOut
      ? `timed out after ${Math.round(options.timeoutMs / 1000)} s`
      : build.cancelled
        ? 'cancelled'
        : build.output.trim();
    throw new Error(`building the plugin in ${options.packageDir} failed: ${why}`);
  }
  await fs.rename(temp, soPath);
  options.progress(`plugin built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return soPath;
}

/** No go.sum yet: `go mod tidy` writes it (and completes go.mod), as the user would before a first build. */
async function tidyFirst(options: PluginBuildOptions, moduleDir: string): Promise<void> {
  options.progress(`no go.sum in ${moduleDir}: running go mod tidy (downloads the modules the plugin imports)…`);
  const started = Date.now();
  try {
    await goModTidy(options.go, moduleDir, {
      timeoutMs: options.timeoutMs,
      signal: options.signal,
      progress: (line) => options.progress(line),
    });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new GoModTidyNeeded(
      `${(error as Error).message}. Fix that, then run "go mod tidy" in ${moduleDir}.`,
      moduleDir,
    );
  }
  options.progress(`go mod tidy done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
