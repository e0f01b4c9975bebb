// Packages the extension as a .vsix without touching dist/: builds a production bundle into a staging
// folder with the whitelisted files (.vscodeignore), runs vsce there, and checks the size (< 5 MB: the
// operator's Helm rendering, dist/operator.wasm, is about 1.9 MB of it compressed).
// Usage: node scripts/package.mjs [--out <file.vsix>]     (npm run package)
import { cpSync, existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';

const root = resolve(import.meta.dirname, '..');
const outArg = process.argv.indexOf('--out');
const out = resolve(outArg > 0 ? process.argv[outArg + 1] : join(root, 'forkspacer.vsix'));
const stage = join(root, '.work', 'package');
const MAX_BYTES = 5 * 1024 * 1024;

function run(cmd, args, cwd) {
  const r = spawnSync(cmd, args, { cwd, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status ?? r.signal})`);
}

const started = Date.now();
rmSync(stage, { recursive: true, force: true });
mkdirSync(stage, { recursive: true });
// Copy generously; .vscodeignore (a whitelist) decides what goes into the .vsix.
for (const entry of [
  'package.json',
  'README.md',
  'LICENSE',
  '.vscodeignore',
  'media',
  'schemas',
  'syntaxes',
  'runner',
  'plugincheck',
]) {
  if (existsSync(join(root, entry))) cpSync(join(root, entry), join(stage, entry), { recursive: true });
}
run(process.execPath, [join(root, 'esbuild.mjs'), '--production', `--outdir=${join(stage, 'dist')}`], root);
mkdirSync(dirname(out), { recursive: true });
run(
  process.execPath,
  [
    join(root, 'node_modules', '@vscode', 'vsce', 'vsce'),
    'package',
    '--no-dependencies',
    '--allow-missing-repository',
    '--no-rewrite-relative-links',
    '--out',
    out,
  ],
  stage,
);
const size = statSync(out).size;
console.log(`${out}: ${(size / 1024 / 1024).toFixed(2)} MB in ${((Date.now() - started) / 1000).toFixed(1)} s`);
if (size > MAX_BYTES) {
  console.error(`the .vsix is larger than ${MAX_BYTES / 1024 / 1024} MB`);
  process.exit(1);
}
