// npm's `prepare`: when this repository is installed as a git dependency (pre-commit's forkspacer-validate hook
// installs it with `npm install git+file://...`), npm runs this after installing the dev dependencies and then
// packs the folder (.npmignore: the CLI only). It builds the CLI bundles once; a checkout whose dist/cli.js
// exists (a developer's `npm ci`) is left alone, `npm run build` rebuilds it for development.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
if (!existsSync(join(root, 'dist', 'cli.js')) || !existsSync(join(root, 'dist', 'host.js'))) {
  const built = spawnSync(process.execPath, [join(root, 'esbuild.mjs'), '--production', '--only=cli,host'], {
    stdio: 'inherit',
  });
  process.exitCode = built.status ?? 1;
}
