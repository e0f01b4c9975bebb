// Fills packages/cli (the npm package of the CLI and the language server, no VS Code parts) for `npm pack`:
// the production bundles (minified, self-contained) and the Go runner's sources, which `forkspacer run`
// builds on demand next to the plugin (host/src/runnerSource.ts finds them above dist/). Its prepack runs this.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const pkg = join(root, 'packages', 'cli');
rmSync(join(pkg, 'dist'), { recursive: true, force: true });
rmSync(join(pkg, 'runner'), { recursive: true, force: true });
const built = spawnSync(
  process.execPath,
  [join(root, 'esbuild.mjs'), '--production', '--only=cli,server,host', '--outdir=packages/cli/dist'],
  { stdio: 'inherit' },
);
if (built.status !== 0) process.exit(built.status ?? 1);
mkdirSync(join(pkg, 'runner'));
for (const name of readdirSync(join(root, 'runner')))
  if (/\.go$|^go\.(mod|sum)$/.test(name)) copyFileSync(join(root, 'runner', name), join(pkg, 'runner', name));
