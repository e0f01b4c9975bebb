// Builds the plugin checker (plugincheck/, a Go program on go/packages and go/analysis) on demand with the user's
// go, like the runner, and caches the binary by the checker's sources and the toolchain. Unlike the runner it
// does not depend on the plugin's module: it loads the plugin with `go list` in the plugin's folder.
import { existsSync, promises as fs } from 'node:fs';
import { dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { runCommand } from '../command';
import { goEnv, goVersion, type GoEnv } from '../goToolchain';
import { sha256 } from '../hashing';

let sourceDir: string | undefined;

/** `plugincheck/` at the package root (next to dist/ in the packaged extension, next to out/ for tsc). */
export function findCheckerSource(): string {
  if (sourceDir) return sourceDir;
  for (let dir = __dirname; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'plugincheck', 'main.go'))) return (sourceDir = join(dir, 'plugincheck'));
    if (dirname(dir) === dir) break;
  }
  throw new Error(`the plugin checker's Go sources (plugincheck/main.go) were not found above ${__dirname}`);
}

const SOURCE_FILE = (f: string) => (f.endsWith('.go') && !f.endsWith('_test.go')) || f === 'go.mod' || f === 'go.sum';

async function sourceHash(dir: string): Promise<string> {
  const files = (await fs.readdir(dir)).filter(SOURCE_FILE).sort();
  return sha256(...(await Promise.all(files.map(async (f) => f + '\0' + (await fs.readFile(join(dir, f), 'utf8'))))));
}

export interface CheckerBuildOptions {
  go: GoEnv;
  cacheDir: string;
  timeoutMs: number;
  signal?: AbortSignal;
  progress?: (message: string) => void;
}

const inFlight = new Map<string, Promise<string>>();

/** The checker binary's path and the key that identifies it (part of the result cache key). */
export async function ensureChecker(options: CheckerBuildOptions): Promise<{ binary: string; key: string }> {
  const source = findCheckerSource();
  await fs.mkdir(options.cacheDir, { recursive: true });
  const toolchain = await goVersion(options.go, options.cacheDir);
  const key = sha256('plugincheck/v1', await sourceHash(source), toolchain).slice(0, 32);
  const binary = join(options.cacheDir, 'plugincheck', key, 'plugincheck');
  if (existsSync(binary)) return { binary, key };
  let build = inFlight.get(key);
  if (!build) {
    build = buildChecker(options, source, key, binary).finally(() => inFlight.delete(key));
    inFlight.set(key, build);
  }
  return { binary: await build, key };
}

async function buildChecker(options: CheckerBuildOptions, source: string, key: string, binary: string) {
  const finalDir = dirname(binary);
  const work = join(options.cacheDir, 'plugincheck', `.build-${key}-${process.pid}-${randomBytes(4).toString('hex')}`);
  await fs.mkdir(work, { recursive: true });
  try {
    options.progress?.('building the plugin checker (go/packages, go/analysis)…');
    for (const file of (await fs.readdir(source)).filter(SOURCE_FILE))
      await fs.copyFile(join(source, file), join(work, file));
    const build = await runCommand(options.go.goBinary, ['build', '-o', 'plugincheck', '.'], {
      cwd: work,
      env: goEnv(options.go),
      timeoutMs: options.timeoutMs,
      signal: options.signal,
    });
    if (build.code !== 0) {
      const why = build.timedOut ? 'timed out' : build.cancelled ? 'cancelled' : build.output.trim();
      throw new Error(`building the plugin checker failed: ${why}`);
    }
    await fs.rename(work, finalDir).catch((error: NodeJS.ErrnoException) => {
      if (!existsSync(binary)) throw error; // another process built the same one first
    });
    return binary;
  } finally {
    await fs.rm(work, { recursive: true, force: true });
  }
}
