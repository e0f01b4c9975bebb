// The .vsix under test: FORKSPACER_VSIX when given, else packaged now (scripts/package.mjs: production build
// staged outside dist/, whitelist .vscodeignore, size check).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, WORK } from './paths';

export function packagedVsix(): string {
  const given = process.env.FORKSPACER_VSIX;
  if (given) {
    if (!existsSync(given)) throw new Error(`FORKSPACER_VSIX=${given} does not exist`);
    return given;
  }
  const out = join(WORK, 'forkspacer.vsix');
  const r = spawnSync(process.execPath, [join(ROOT, 'scripts', 'package.mjs'), '--out', out], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 300_000,
  });
  if (r.status !== 0) throw new Error(`packaging failed:\n${r.stdout}\n${r.stderr}`);
  return out;
}
