// npm's `prepare`: when this repository is installed as a git dependency (pre-commit's forkspacer-validate hook
// runs `npm install -g git+file://...`), npm runs this in the clone and then packs it (.npmignore: the CLI only).
// It builds the CLI bundles once; a checkout whose dist/ has them (a developer's `npm ci`) is left alone, and
// `npm run build` rebuilds them for development. Under a global install npm puts no dependencies into the clone
// (it runs its install there with the global flag), so they are installed first from package-lock.json.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
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
    run('npm', ['ci', '--global=false', '--ignore-scripts', '--no-audit', '--no-fund']);
  }
  run(process.execPath, [join(root, 'esbuild.mjs'), '--production', '--only=cli,host']);
}
