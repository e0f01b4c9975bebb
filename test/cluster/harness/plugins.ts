// Plugins the real operator can load (CLUSTER.md): built with the operator's toolchain and exactly its module
// versions (a copy of its consumer module's go.mod/go.sum), no -trimpath, from a file list (`go build
// -buildmode=plugin -o x.so main.go`: a package-path build would clash as `plugin already loaded` when rebuilt).
// Built once per source content into .tools/controlplane/plugins/<hash>.so and copied to the cluster's plugin folder.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { controlPlaneDir, ROOT } from './paths';

const run = promisify(execFile);
const withLocalGoProxy = createRequire(__filename)(join(ROOT, 'scripts', 'goproxy.cjs')).withLocalGoProxy as (
  env: NodeJS.ProcessEnv,
) => NodeJS.ProcessEnv;

export const PLUGIN_SOURCES = join(ROOT, 'test', 'cluster', 'plugins');

/** Builds test/cluster/plugins/<name>/main.go for the operator; returns the .so path (cached by content). */
export async function buildPlugin(name: string): Promise<string> {
  const bin = controlPlaneDir();
  if (!bin) throw new Error('control plane not built');
  const source = readFileSync(join(PLUGIN_SOURCES, name, 'main.go'));
  const goMod = readFileSync(join(bin, 'config', 'go.mod'));
  const goSum = readFileSync(join(bin, 'config', 'go.sum'));
  const hash = createHash('sha256')
    .update(source)
    .update(goMod)
    .update(goSum)
    .update(readFileSync(join(bin, 'config', 'goversion')))
    .digest('hex')
    .slice(0, 16);
  const cache = join(ROOT, '.tools', 'controlplane', 'plugins');
  const out = join(cache, `${name}-${hash}.so`);
  if (existsSync(out)) return out;
  mkdirSync(cache, { recursive: true });
  const work = mkdtempSync(join(cache, `build-${name}-`));
  try {
    writeFileSync(join(work, 'go.mod'), goMod);
    writeFileSync(join(work, 'go.sum'), goSum);
    mkdirSync(join(work, 'plugin'));
    writeFileSync(join(work, 'plugin', 'main.go'), source);
    const env = {
      ...withLocalGoProxy(process.env),
      CGO_ENABLED: '1',
      GOWORK: 'off',
      GOFLAGS: '-buildvcs=false -mod=mod',
    };
    await run(
      'go',
      [
        'build',
        '-buildmode=plugin',
        '-ldflags',
        '-X github.com/forkspacer/forkspacer/pkg/constants/version.Version=0.1.7',
        '-o',
        join(work, 'x.so'),
        'main.go',
      ],
      { cwd: join(work, 'plugin'), env, maxBuffer: 16 << 20, timeout: 20 * 60_000 },
    ).catch((error: { stderr?: string; message: string }) => {
      throw new Error(`building plugin ${name} failed: ${error.stderr || error.message}`);
    });
    renameSync(join(work, 'x.so'), out);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return out;
}

/** Copies a built plugin into the cluster's plugin folder under `file` and returns its URL. */
export function servePlugin(cluster: { pluginsDir: string; pluginUrl: string }, so: string, file: string): string {
  copyFileSync(so, join(cluster.pluginsDir, file));
  return `${cluster.pluginUrl}/${file}`;
}
