// npm's `prepare`: when this repository is installed as a git dependency (pre-commit's forkspacer-validate hook
// runs `npm install -g git+file://...`), npm runs this in the clone and then packs it (.npmignore: the CLI only).
// It builds the CLI bundles once; a checkout whose dist/ has them (a developer's `npm ci`) is left alone, and
// `npm run build` rebuilds them for development. Under a global install npm puts no dev dependencies into the
// clone, so esbuild (the one build tool needed) is installed there first, at the version package.json pins.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const run = (command, args) => {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  if (result.status !== 0) process.exit(result.status ?? 1);
};

if (!existsSync(join(root, 'dist', 'cli.js')) || !existsSync(join(root, 'dist', 'host.js'))) {
  try {
    createRequire(join(root, 'package.json')).resolve('esbuild');
  } catch {
    const range = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).devDependencies.esbuild;
    run('npm', ['install', '--no-save', '--ignore-scripts', '--no-audit', '--no-fund', `esbuild@${range}`]);
  }
  run(process.execPath, [join(root, 'esbuild.mjs'), '--production', '--only=cli,host']);
}
