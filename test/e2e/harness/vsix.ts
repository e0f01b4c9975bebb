// The .vsix under test: FORKSPACER_VSIX when given, else packaged now (scripts/package.mjs: production build
// staged outside dist/, whitelist .vscodeignore, size check). Test files run in parallel processes: one packages
// (under a lock: the staging folder is shared), the others reuse the .vsix it made after they started.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, WORK } from './paths';

const STARTED = Date.now();

export async function packagedVsix(): Promise<string> {
  const given = process.env.FORKSPACER_VSIX;
  if (given) {
    if (!existsSync(given)) throw new Error(`FORKSPACER_VSIX=${given} does not exist`);
    return given;
  }
  const out = join(WORK, 'forkspacer.vsix');
  const lock = join(WORK, 'package.lock');
  mkdirSync(WORK, { recursive: true });
  const deadline = Date.now() + 600_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // A lock left by a killed run (packaging takes seconds, not ten minutes) is taken over.
      if (existsSync(lock) && Date.now() - statSync(lock).mtimeMs > 600_000) rmdirSync(lock);
      if (Date.now() > deadline) throw new Error(`${lock} held for 10 minutes: remove it if no test runs`);
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  try {
    // Packaged by another test file of this run (after this process started): the same sources.
    if (existsSync(out) && statSync(out).mtimeMs >= STARTED - 1000) return out;
    const r = spawnSync(process.execPath, [join(ROOT, 'scripts', 'package.mjs'), '--out', out], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 300_000,
    });
    if (r.status !== 0) throw new Error(`packaging failed:\n${r.stdout}\n${r.stderr}`);
    return out;
  } finally {
    rmdirSync(lock);
  }
}
