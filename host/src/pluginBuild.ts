// Builds a plugin from a Go source folder (for authors iterating on code): `go build -buildmode=plugin`
// with CGO on, into the cache, keyed by the toolchain and a hash of the module's sources, so an
// unchanged folder is not rebuilt and an edited one is.
import { existsSync, promises as fs } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { runCommand } from './command';
import { goEnv, goVersion, type GoEnv } from './goToolchain';
import { findGoModDir } from './goModule';
import { readModuleFactsCached } from './moduleFactsCache';
import { hashGoSources, sha256 } from './hashing';

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
    build = compile(options, soPath).finally(() => inFlight.delete(key));
    inFlight.set(key, build);
  }
  return { soPath: await build, moduleDir };
}

async function compile(options: PluginBuildOptions, soPath: string): Promise<string> {
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
