// Starts code-server (VS Code 1.139 in the browser) isolated in its own folders, with the packaged .vsix
// installed, and stops its whole process group (the extension host outlives a SIGTERM to the main pid).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { CODE_SERVER, NODE24, ROOT, WORK } from './paths';
import { poll } from './poll';

/** scripts/goproxy.cjs, shared with the scripts (plain JS). */
const withLocalGoProxy = createRequire(__filename)(join(ROOT, 'scripts', 'goproxy.cjs')).withLocalGoProxy as (
  env: NodeJS.ProcessEnv,
) => NodeJS.ProcessEnv;

export interface CodeServerOptions {
  /** Name of the run folder under test/e2e/.work. */
  name: string;
  workspace: string;
  vsix: string;
  /** Other extensions to install next to ours (e.g. the YAML extension stand-in). */
  extraVsix?: string[];
  /** false: start without --disable-workspace-trust (VS Code asks; the test answers "don't trust"). */
  trusted: boolean;
  settings?: Record<string, unknown>;
  /** Extra environment (e.g. Go caches shared with the developer's machine). */
  env?: Record<string, string>;
  port?: number;
}

export interface CodeServer {
  url: string;
  runDir: string;
  /** The workspace's folder URL (`/?folder=...`). */
  folderUrl: string;
  output(): string;
  stop(): Promise<void>;
}

export function codeServerInstalled(): boolean {
  return existsSync(NODE24) && existsSync(CODE_SERVER);
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

export async function startCodeServer(options: CodeServerOptions): Promise<CodeServer> {
  const runDir = join(WORK, options.name);
  rmSync(runDir, { recursive: true, force: true });
  const dirs = { home: 'home', tmp: 'tmp', config: 'config', data: 'data', exts: 'exts' };
  for (const d of Object.values(dirs)) mkdirSync(join(runDir, d), { recursive: true });
  const at = (d: keyof typeof dirs) => join(runDir, dirs[d]);
  mkdirSync(join(at('data'), 'User'), { recursive: true });
  writeFileSync(
    join(at('data'), 'User', 'settings.json'),
    JSON.stringify(
      {
        'files.autoSave': 'off',
        'chat.disableAIFeatures': true,
        'workbench.startupEditor': 'none',
        'telemetry.telemetryLevel': 'off',
        'update.mode': 'none',
        'workbench.tips.enabled': false,
        'extensions.ignoreRecommendations': true,
        'workbench.enableExperiments': false,
        'editor.codeLens': true,
        'git.enabled': false,
        'git.openRepositoryInParentFolders': 'never',
        'workbench.secondarySideBar.defaultVisibility': 'hidden',
        'workbench.editor.enablePreview': false,
        // Untrusted runs open in Restricted Mode without a modal prompt.
        'security.workspace.trust.startupPrompt': 'never',
        ...options.settings,
      },
      null,
      2,
    ),
  );
  writeFileSync(join(runDir, 'config.yaml'), 'auth: none\ncert: false\n');
  // The host's go commands reach the operator's module through ../shared/goproxy where it exists.
  const env = withLocalGoProxy({
    ...process.env,
    HOME: at('home'),
    TMPDIR: at('tmp'),
    XDG_CONFIG_HOME: at('config'),
    XDG_DATA_HOME: join(at('home'), '.local', 'share'),
    ...options.env,
  });
  const base = ['--user-data-dir', at('data'), '--extensions-dir', at('exts')];
  for (const vsix of [options.vsix, ...(options.extraVsix ?? [])]) {
    const install = spawnSync(NODE24, [CODE_SERVER, ...base, '--install-extension', vsix], {
      env,
      encoding: 'utf8',
      timeout: 120_000,
    });
    if (install.status !== 0) throw new Error(`installing ${vsix} failed: ${install.stdout}\n${install.stderr}`);
  }

  const port = options.port ?? (await freePort());
  const args = [
    CODE_SERVER,
    ...base,
    '--config',
    join(runDir, 'config.yaml'),
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--auth',
    'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-getting-started-override',
    ...(options.trusted ? ['--disable-workspace-trust'] : []),
    options.workspace,
  ];
  let output = '';
  const child: ChildProcess = spawn(NODE24, args, { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode !== null || child.pid === undefined) return;
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      return;
    }
    const killed = await Promise.race([
      exited.then(() => true),
      new Promise<boolean>((r) => setTimeout(() => r(false), 5000)),
    ]);
    try {
      // The extension host and language server may outlive the main process: kill the whole group.
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
    if (!killed) await exited;
  };
  try {
    await poll(
      'code-server /healthz',
      async () => {
        if (child.exitCode !== null) throw new Error(`code-server exited (${child.exitCode}): ${output}`);
        const res = await fetch(`${url}/healthz`).catch(() => undefined);
        return res?.ok ? true : undefined;
      },
      60_000,
    );
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    url,
    runDir,
    folderUrl: `${url}/?folder=${encodeURIComponent(options.workspace)}`,
    output: () => output,
    stop,
  };
}
