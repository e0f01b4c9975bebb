// Builds the test stand-in for Red Hat's YAML extension (test/e2e/peer-yaml) into a .vsix: its client and the
// npm yaml-language-server bundled with esbuild (prettier stubbed as in esbuild.mjs), packaged by vsce.
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, WORK } from './paths';

export function peerYamlVsix(): string {
  const source = join(ROOT, 'test', 'e2e', 'peer-yaml');
  const stage = join(WORK, 'peer-yaml');
  rmSync(stage, { recursive: true, force: true });
  mkdirSync(join(stage, 'dist'), { recursive: true });
  for (const file of ['package.json', 'README.md']) copyFileSync(join(source, file), join(stage, file));
  copyFileSync(join(ROOT, 'LICENSE'), join(stage, 'LICENSE'));
  // The server's message bundles (it reads them at initialize, from initializationOptions.l10nPath).
  cpSync(join(ROOT, 'node_modules', 'yaml-language-server', 'l10n'), join(stage, 'dist', 'l10n'), { recursive: true });
  const stub = join(ROOT, 'server', 'src', 'prettierStub.ts');
  const esbuild = join(ROOT, 'node_modules', 'esbuild', 'bin', 'esbuild');
  const common = ['--bundle', '--platform=node', '--format=cjs', '--main-fields=module,main', '--log-level=warning'];
  run(esbuild, [
    join(source, 'extension.ts'),
    ...common,
    '--external:vscode',
    `--outfile=${join(stage, 'dist', 'extension.js')}`,
  ]);
  run(esbuild, [
    join(ROOT, 'node_modules', 'yaml-language-server', 'out', 'server', 'src', 'server.js'),
    ...common,
    ...['prettier/standalone', 'prettier/plugins/yaml', 'prettier/plugins/estree'].map((m) => `--alias:${m}=${stub}`),
    `--outfile=${join(stage, 'dist', 'server.js')}`,
  ]);
  const out = join(WORK, 'peer-yaml.vsix');
  run(
    process.execPath,
    [
      join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce'),
      'package',
      '--no-dependencies',
      '--allow-missing-repository',
      '--out',
      out,
    ],
    stage,
  );
  return out;
}

function run(command: string, args: string[], cwd = ROOT): void {
  const r = spawnSync(command, args, { cwd, encoding: 'utf8', timeout: 180_000 });
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} failed:\n${r.stdout}\n${r.stderr}`);
}
