// Bundles the three entry points. Everything runs on Node (VS Code's extension host or plain Node 20+).
// --main-fields=module,main: without it esbuild picks jsonc-parser's UMD build, which fails at run time.
// prettier is only used by yaml-language-server for formatting, which we do not offer: kept out.
import * as esbuild from 'esbuild';
import { existsSync } from 'node:fs';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

/** @type {import('esbuild').BuildOptions} */
const shared = {
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
    'prettier/standalone': './server/src/prettierStub.ts',
    'prettier/plugins/yaml': './server/src/prettierStub.ts',
    'prettier/plugins/estree': './server/src/prettierStub.ts',
  },
};

const entries = [
  { entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode', 'prettier'] },
  { entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js' },
  { entryPoints: ['cli/src/cli.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
  // The embedded host for the extension, loaded on first use (client/src/host/hostAdapter.ts): it carries
  // @kubernetes/client-node (MBs), which must not weigh on loading dist/client.js.
  { entryPoints: ['host/src/index.ts'], outfile: 'dist/host.js' },
  // The cluster backend (issue 9) for the Cluster view and the language server's cluster checks, loaded on first use
  // (client/src/cluster/clusterSession.ts, server/src/services/clusterLookups.ts): it carries @kubernetes/client-node.
  { entryPoints: ['cluster/src/index.ts'], outfile: 'dist/cluster.js' },
];

// --outdir=<dir>: build into another folder than dist/ (scripts/package.mjs stages the .vsix without touching dist/).
const outdirArg = process.argv.find((a) => a.startsWith('--outdir='));
if (outdirArg)
  for (const e of entries) e.outfile = e.outfile.replace(/^dist\//, `${outdirArg.slice('--outdir='.length)}/`);

// An entry whose source does not exist yet is skipped, so each part can be built on its own.
const existing = entries.filter((e) => e.entryPoints.every((p) => existsSync(p)));

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
