// Loads a command's bundle (dist/cli/<name>.js) with V8's code cache, so a second run of the CLI skips
// parsing and compiling it (issue 12: start-up). Node >= 22.1 has this built in (module.enableCompileCache);
// on Node 20 the bundle is compiled with vm.Script and its code cache, taken when the command has run (so it
// holds every function the run compiled, not only the top level), is kept in the temp folder. A cache that
// cannot be read or written only costs the time it would save: any failure falls back to a plain compile.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { tmpdir, userInfo } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { Script } from 'node:vm';

interface NativeCache {
  enableCompileCache?: (dir?: string) => unknown;
}

function cacheFolder(): string {
  let user = 'user';
  try {
    user = String(userInfo().uid);
  } catch {
    // no user database entry: share the generic name
  }
  return join(tmpdir(), `forkspacer-compile-cache-${user}`);
}

/**
 * The cache folder when it is safe to use: ours (created 0700, or owned by this user and writable by no one
 * else). Code caches hold compiled code, so a folder in the shared temp directory that someone else made or
 * can write to is not read.
 */
function safeFolder(): string | undefined {
  const folder = cacheFolder();
  try {
    mkdirSync(folder, { recursive: true, mode: 0o700 });
    const info = statSync(folder);
    const uid = typeof process.getuid === 'function' ? process.getuid() : undefined;
    if (uid !== undefined && (info.uid !== uid || (info.mode & 0o022) !== 0)) return undefined;
    return folder;
  } catch {
    return undefined;
  }
}

/** `require(file)`, through V8's code cache. */
export function requireCached(file: string): unknown {
  if (process.env.FORKSPACER_NO_COMPILE_CACHE) return createRequire(__filename)(file);
  const native = Module as unknown as NativeCache;
  if (typeof native.enableCompileCache === 'function') {
    native.enableCompileCache(cacheFolder());
    return createRequire(__filename)(file);
  }
  const folder = safeFolder();
  if (!folder) return createRequire(__filename)(file);
  const source = readFileSync(file, 'utf8');
  const key = createHash('sha1').update(process.version).update(process.arch).update(source).digest('hex');
  // Per bundle path: an installed package and a development build each keep their own cache.
  const name = `${basename(file, '.js')}-${createHash('sha1').update(file).digest('hex').slice(0, 8)}`;
  const cacheFile = join(folder, `${name}-${key.slice(0, 16)}.bin`);
  let cachedData: Buffer | undefined;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  const script = new Script(Module.wrap(source), { filename: file, ...(cachedData ? { cachedData } : {}) });
  if (!cachedData || script.cachedDataRejected) {
    // Taken at exit: by then the run has compiled what it needed (the parser, the rules), and that is cached too.
    process.once('exit', () => {
      try {
        const temp = `${cacheFile}.${process.pid}`;
        writeFileSync(temp, script.createCachedData(), { mode: 0o600 });
        renameSync(temp, cacheFile);
        // The caches of earlier builds of the bundle at this path are of no more use.
        for (const old of readdirSync(folder))
          if (old.startsWith(`${name}-`) && old.endsWith('.bin') && join(folder, old) !== cacheFile)
            rmSync(join(folder, old), { force: true });
      } catch {
        // read-only temp folder: no cache
      }
    });
  }
  const wrapper = script.runInThisContext() as (
    exports: object,
    require: NodeJS.Require,
    module: { exports: object },
    filename: string,
    dirname: string,
  ) => void;
  const module = { exports: {} };
  wrapper.call(module.exports, module.exports, createRequire(file), module, file, dirname(file));
  return module.exports;
}
