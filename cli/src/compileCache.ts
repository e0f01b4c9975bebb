// Loads a command's bundle (dist/cli/<name>.js) with V8's code cache, so a second run of the CLI skips
// parsing and compiling it (issue 12: start-up). Node >= 22.1 has this built in (module.enableCompileCache);
// on Node 20 the bundle is compiled with vm.Script and its code cache, taken when the command has run (so it
// holds every function the run compiled, not only the top level), is kept in the temp folder. A cache that
// cannot be read or written only costs the time it would save: any failure falls back to a plain compile.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
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

/** `require(file)`, through V8's code cache. */
export function requireCached(file: string): unknown {
  if (process.env.FORKSPACER_NO_COMPILE_CACHE) return createRequire(__filename)(file);
  const native = Module as unknown as NativeCache;
  if (typeof native.enableCompileCache === 'function') {
    native.enableCompileCache(cacheFolder());
    return createRequire(__filename)(file);
  }
  const source = readFileSync(file, 'utf8');
  const key = createHash('sha1').update(process.version).update(process.arch).update(source).digest('hex');
  const cacheFile = join(cacheFolder(), `${basename(file, '.js')}-${key.slice(0, 16)}.bin`);
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
        mkdirSync(dirname(cacheFile), { recursive: true });
        const temp = `${cacheFile}.${process.pid}`;
        writeFileSync(temp, script.createCachedData());
        renameSync(temp, cacheFile);
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
