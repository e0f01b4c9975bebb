// Makes @jazzer.js/fuzzer's prebuilt Linux addon load on a C library older than the one it was built against.
// The addon (shipped inside the npm package, no download) needs glibc 2.38 (__isoc23_strtol/strtoul) and
// libstdc++ 13 (std::ios_base_library_init); Debian 12 has glibc 2.36 and libstdc++ 12. When it does not load as
// shipped, this builds test/fuzz/compat/isoc23.cc (g++, the compiler cgo needs anyway), marks those two version
// needs of the addon weak and its three symbols unversioned (ELF .gnu.version_r / .gnu.version, in place, idempotent),
// and returns the environment (LD_PRELOAD) under which the addon then loads. Usage as a module: `fuzzerEnv()`;
// as a script: prints whether the fuzzer loads.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(ROOT, 'package.json'));
const SOURCE = join(ROOT, 'test', 'fuzz', 'compat', 'isoc23.cc');
const LIBRARY = join(ROOT, '.work', 'jazzer-compat', 'libjazzer-isoc23.so');
/** Symbol versions the addon needs that an older system may not define. */
const NEWER_VERSIONS = new Set(['GLIBC_2.38', 'GLIBCXX_3.4.32']);

function loads(env) {
  // LD_BIND_NOW: every symbol is bound at load (Node loads addons lazily, which would hide a missing one).
  const r = spawnSync(process.execPath, ['-e', 'require("@jazzer.js/fuzzer")'], {
    cwd: ROOT,
    env: { ...env, LD_BIND_NOW: '1' },
    encoding: 'utf8',
  });
  return { ok: r.status === 0, error: (r.stderr || '').split('\n').find((l) => /Error/.test(l)) ?? r.stderr };
}

function addonPath() {
  const dist = dirname(require.resolve('@jazzer.js/fuzzer'));
  return join(dist, '..', 'prebuilds', `fuzzer-${process.platform}-${process.arch}.node`);
}

/** Marks the needs of NEWER_VERSIONS weak and the symbols bound to them unversioned (ELF64 little-endian). */
export function relaxVersionNeeds(file) {
  const original = readFileSync(file);
  const b = Buffer.from(original);
  if (b.readUInt32BE(0) !== 0x7f454c46 || b[4] !== 2 || b[5] !== 1) throw new Error(`${file}: not an ELF64 LE file`);
  const shoff = Number(b.readBigUInt64LE(0x28));
  const shentsize = b.readUInt16LE(0x3a);
  const sections = Array.from({ length: b.readUInt16LE(0x3c) }, (_, i) => {
    const o = shoff + i * shentsize;
    return {
      type: b.readUInt32LE(o + 4),
      offset: Number(b.readBigUInt64LE(o + 0x18)),
      size: Number(b.readBigUInt64LE(o + 0x20)),
      link: b.readUInt32LE(o + 0x28),
    };
  });
  const dynsym = sections.find((s) => s.type === 11); // SHT_DYNSYM
  const versym = sections.find((s) => s.type === 0x6fffffff); // SHT_GNU_versym
  const verneed = sections.find((s) => s.type === 0x6ffffffe); // SHT_GNU_verneed
  if (!dynsym || !versym || !verneed) throw new Error(`${file}: no dynamic symbol versions`);
  const dynstr = sections[dynsym.link];
  const name = (off) => b.toString('latin1', dynstr.offset + off, b.indexOf(0, dynstr.offset + off));
  const relaxed = new Set();
  for (let need = verneed.offset; ;) {
    let aux = need + b.readUInt32LE(need + 8);
    for (let i = 0; i < b.readUInt16LE(need + 2); i++) {
      if (NEWER_VERSIONS.has(name(b.readUInt32LE(aux + 8)))) {
        b.writeUInt16LE(b.readUInt16LE(aux + 4) | 0x2, aux + 4); // VER_FLG_WEAK: a missing version is not fatal
        relaxed.add(b.readUInt16LE(aux + 6));
      }
      aux += b.readUInt32LE(aux + 12);
    }
    const next = b.readUInt32LE(need + 12);
    if (!next) break;
    need += next;
  }
  const symbols = [];
  for (let i = 0; i < dynsym.size / 24; i++) {
    if (!relaxed.has(b.readUInt16LE(versym.offset + 2 * i) & 0x7fff)) continue;
    b.writeUInt16LE(1, versym.offset + 2 * i); // VER_NDX_GLOBAL: bound by name, to the preloaded library
    symbols.push(name(b.readUInt32LE(dynsym.offset + 24 * i)));
  }
  // Written only when it changes, and as a new file renamed over the old: rewriting the addon in place crashed
  // every fuzzer that had it mapped (a second `npm run fuzz`, or the test suite's bounded pass, killed a long run).
  if (!b.equals(original)) {
    const partial = `${file}.${process.pid}`;
    writeFileSync(partial, b);
    renameSync(partial, file);
  }
  return symbols;
}

function buildLibrary() {
  if (existsSync(LIBRARY) && statSync(LIBRARY).mtimeMs >= statSync(SOURCE).mtimeMs) return;
  mkdirSync(dirname(LIBRARY), { recursive: true });
  execFileSync(process.env.CXX || 'g++', ['-shared', '-fPIC', '-O2', '-o', LIBRARY, SOURCE], { stdio: 'inherit' });
}

/** The environment under which @jazzer.js/fuzzer loads here; throws with the loader's error if none does. */
export function fuzzerEnv(base = process.env) {
  if (loads(base).ok) return { ...base };
  if (process.platform !== 'linux') throw new Error(`@jazzer.js/fuzzer does not load: ${loads(base).error}`);
  buildLibrary();
  relaxVersionNeeds(addonPath());
  const env = { ...base, LD_PRELOAD: [LIBRARY, base.LD_PRELOAD].filter(Boolean).join(':') };
  const second = loads(env);
  if (!second.ok) throw new Error(`@jazzer.js/fuzzer does not load, even with ${LIBRARY}: ${second.error}`);
  return env;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const env = fuzzerEnv();
  console.log(
    env.LD_PRELOAD ? `@jazzer.js/fuzzer loads with LD_PRELOAD=${env.LD_PRELOAD}` : '@jazzer.js/fuzzer loads as shipped',
  );
}
