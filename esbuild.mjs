// Bundles the three entry points. Everything runs on Node (VS Code's extension host or plain Node 20+).
// --main-fields=module,main: without it esbuild picks jsonc-parser's UMD build, which fails at run time.
// prettier is only used by yaml-language-server for formatting, which we do not offer: kept out.
import * as esbuild from 'esbuild';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createRequire } from 'node:module';

// Paths below are relative to the repository: packages/cli's prepack runs this file from its own folder.
process.chdir(import.meta.dirname);

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

/** @type {import('esbuild').BuildOptions} */
const shared = {
  absWorkingDir: import.meta.dirname,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  mainFields: ['module', 'main'],
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  external: ['prettier', 'prettier/*'],
  // yaml-language-server requires prettier when its language service is created (for formatting, which we
  // do not offer): point those requires at a stub so no bundle needs prettier at run time.
  alias: {
    // yaml's ESM build (the same code as its CommonJS one, which the `node` condition picks): imported from ESM,
    // its functions are bound directly; from the CommonJS build every `isScalar`, `Scalar`... went through an
    // interop getter, 3 % of `forkspacer validate`'s CPU by --cpu-prof (issue 12).
    yaml: './node_modules/yaml/browser/index.js',
    'prettier/standalone': './server/src/prettierStub.ts',
    'prettier/plugins/yaml': './server/src/prettierStub.ts',
    'prettier/plugins/estree': './server/src/prettierStub.ts',
  },
};

// The CLI is a small dispatcher (dist/cli.js) plus one bundle per command (dist/cli/<name>.js), loaded when
// that command runs: each `import('./commands/<name>.js')` of cli/src/commands.ts becomes an import of the
// command's own bundle, so `forkspacer --help` parses kilobytes, not the host and client-node (issue 12).
const CLI_TABLE = 'cli/src/commands.ts';
const cliCommands = existsSync(CLI_TABLE)
  ? [...readFileSync(CLI_TABLE, 'utf8').matchAll(/import\('\.\/commands\/([\w-]+)\.js'\)/g)].map((m) => m[1])
  : [];
/** @type {import('esbuild').Plugin} */
const lazyCommands = {
  name: 'lazy-cli-commands',
  setup(build) {
    // In the table, `./commands/<name>.js` becomes a stub that loads dist/cli/<name>.js through V8's code
    // cache (cli/src/compileCache.ts); the stub runs only when the command does.
    build.onResolve({ filter: /^\.\/commands\/[\w-]+\.js$/ }, (args) =>
      args.importer.split('\\').join('/').endsWith(CLI_TABLE)
        ? { path: args.path.slice('./commands/'.length, -'.js'.length), namespace: 'lazy-cli-command' }
        : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'lazy-cli-command' }, (args) => ({
      contents: `import { requireCached } from './compileCache';
module.exports = requireCached(require('node:path').join(__dirname, 'cli', ${JSON.stringify(`${args.path}.js`)}));`,
      resolveDir: resolve('cli/src'),
      loader: 'js',
    }));
  },
};

/** @type {import('esbuild').Plugin} */
const hostBundle = {
  name: 'host-bundle',
  setup(build) {
    // The commands that run plugins (run, status) use dist/host.js, the extension's own host bundle, rather
    // than a copy of it and @kubernetes/client-node (MBs) each.
    build.onResolve({ filter: /\/host\/src\/index$/ }, () => ({ path: '../host.js', external: true }));
  },
};

const entries = [
  { entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode', 'prettier'] },
  // The banner makes it the forkspacer-language-server bin of packages/cli too.
  { entryPoints: ['server/src/main.ts'], outfile: 'dist/server.js', banner: { js: '#!/usr/bin/env node' } },
  {
    entryPoints: ['cli/src/cli.ts'],
    outfile: 'dist/cli.js',
    banner: { js: '#!/usr/bin/env node' },
    plugins: [lazyCommands],
  },
  ...cliCommands.map((name) => ({
    entryPoints: [`cli/src/commands/${name}.ts`],
    outfile: `dist/cli/${name}.js`,
    plugins: [hostBundle],
  })),
  // The embedded host for the extension, loaded on first use (client/src/host/hostAdapter.ts): it carries
  // @kubernetes/client-node (MBs), which must not weigh on loading dist/client.js.
  { entryPoints: ['host/src/index.ts'], outfile: 'dist/host.js' },
  // The cluster backend (issue 9) for the Cluster view and the language server's cluster checks, loaded on first use
  // (client/src/cluster/clusterSession.ts, server/src/services/clusterLookups.ts): it carries @kubernetes/client-node.
  { entryPoints: ['cluster/src/index.ts'], outfile: 'dist/cluster.js' },
];

// --only=cli,server,host: only those bundles (dist/cli.js with dist/cli/*, dist/server.js, dist/host.js), e.g.
// for packages/cli.
const onlyArg = process.argv.find((a) => a.startsWith('--only='));
const only = onlyArg ? onlyArg.slice('--only='.length).split(',') : undefined;
const wanted = (e) =>
  !only || only.some((name) => /^[^/]+\/(?:([^/.]+)\.js|([^/]+)\/[^/]+\.js)$/.exec(e.outfile)?.slice(1).includes(name));

const selected = entries.filter(wanted);

// --outdir=<dir>: build into another folder than dist/ (scripts/package.mjs stages the .vsix without touching dist/).
const outdirArg = process.argv.find((a) => a.startsWith('--outdir='));
if (outdirArg)
  for (const e of selected) e.outfile = e.outfile.replace(/^dist\//, `${outdirArg.slice('--outdir='.length)}/`);

// An entry whose source does not exist yet is skipped, so each part can be built on its own.
const existing = selected.filter((e) => e.entryPoints.every((p) => existsSync(p)));

/**
 * The operator's own Helm rendering as WebAssembly (operatorwasm/, loaded by common/src/helmRender.ts): built with
 * the user's Go against github.com/forkspacer/forkspacer v0.1.7, cached in $TMPDIR by a hash of its sources and the
 * Go version (a rebuild is a copy), then put next to the bundles with Go's wasm_exec.js. Without Go the bundles are
 * built anyway and the validator says that Helm templates are not rendered.
 */
function buildOperatorWasm(outdir) {
  const src = 'operatorwasm';
  if (!existsSync(join(src, 'main.go'))) return;
  const goroot = spawnSync('go', ['env', 'GOROOT', 'GOVERSION'], { encoding: 'utf8' });
  if (goroot.status !== 0 || goroot.error) {
    console.warn(
      `esbuild.mjs: Go is not installed (go env: ${goroot.error?.message ?? goroot.stderr.trim()}): ${outdir}/operator.wasm not built; Helm templates will not be rendered by the validator. Install Go 1.24+ and run npm run build again.`,
    );
    return;
  }
  const [root, goVersion] = goroot.stdout.trim().split('\n');
  const hash = createHash('sha256').update(`${goVersion}\0`);
  for (const f of readdirSync(src)
    .filter((f) => /\.go$|^go\.(mod|sum)$/.test(f))
    .sort())
    hash
      .update(f)
      .update('\0')
      .update(readFileSync(join(src, f)))
      .update('\0');
  const cacheDir = join(tmpdir(), `forkspacer-operatorwasm-${hash.digest('hex').slice(0, 16)}`);
  const cached = join(cacheDir, 'operator.wasm');
  if (!existsSync(cached)) {
    mkdirSync(cacheDir, { recursive: true });
    const partial = `${cached}.${process.pid}`;
    const { withLocalGoProxy } = createRequire(import.meta.url)('./scripts/goproxy.cjs');
    const built = spawnSync(
      'go',
      [
        'build',
        '-trimpath',
        '-ldflags',
        // The operator sets its version at link time; pkg/constants/version panics at init without it.
        '-s -w -X github.com/forkspacer/forkspacer/pkg/constants/version.Version=0.1.7',
        '-o',
        partial,
        '.',
      ],
      {
        cwd: src,
        encoding: 'utf8',
        env: { ...withLocalGoProxy(process.env), GOOS: 'js', GOARCH: 'wasm', GOWORK: 'off', GOFLAGS: '-mod=mod' },
      },
    );
    if (built.status !== 0) {
      console.error(`esbuild.mjs: go build of operatorwasm/ failed:\n${built.stderr}${built.error ?? ''}`);
      process.exitCode = 1;
      return;
    }
    renameSync(partial, cached);
  }
  const exec = [join(root, 'lib', 'wasm', 'wasm_exec.js'), join(root, 'misc', 'wasm', 'wasm_exec.js')].find(existsSync);
  if (!exec) {
    console.error(`esbuild.mjs: wasm_exec.js not found under ${root} (lib/wasm, misc/wasm)`);
    process.exitCode = 1;
    return;
  }
  mkdirSync(outdir, { recursive: true });
  copyFileSync(cached, join(outdir, 'operator.wasm'));
  copyFileSync(exec, join(outdir, 'wasm_exec.js'));
}

const wasmOutdir = outdirArg ? outdirArg.slice('--outdir='.length) : 'dist';
// The language server and the CLI validate (the client, host and cluster bundles do not).
if (!only || only.includes('server') || only.includes('cli')) buildOperatorWasm(wasmOutdir);

const contexts = await Promise.all(
  existing.map((e) =>
    esbuild.context({ ...shared, ...e, external: [...(shared.external ?? []), ...(e.external ?? [])] }),
  ),
);
if (watch) {
  await Promise.all(contexts.map((c) => c.watch()));
} else {
  await Promise.all(contexts.map((c) => c.rebuild()));
  await Promise.all(contexts.map((c) => c.dispose()));
}
