// Fills packages/cli (the npm package of the CLI and the language server, no VS Code parts) for `npm pack`:
// the production bundles (minified, self-contained) and the Go runner's sources, which `forkspacer run`
// builds on demand next to the plugin (host/src/runnerSource.ts finds them above dist/). Its prepack runs this.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const pkg = join(root, 'packages', 'cli');
// Go programs built on demand: the runner (`forkspacer run`) and the plugin checker (`forkspacer plugin check`).
const GO_SOURCES = ['runner', 'plugincheck'];
rmSync(join(pkg, 'dist'), { recursive: true, force: true });
for (const dir of GO_SOURCES) rmSync(join(pkg, dir), { recursive: true, force: true });
const built = spawnSync(
  process.execPath,
  [join(root, 'esbuild.mjs'), '--production', '--only=cli,server,host', '--outdir=packages/cli/dist'],
  { stdio: 'inherit' },
);
if (built.status !== 0) process.exit(built.status ?? 1);
for (const dir of GO_SOURCES) {
  mkdirSync(join(pkg, dir));
  for (const name of readdirSync(join(root, dir)))
    if (/\.go$|^go\.(mod|sum)$/.test(name)) copyFileSync(join(root, dir, name), join(pkg, dir, name));
}
