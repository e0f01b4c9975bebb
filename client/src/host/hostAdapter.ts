// Creates the embedded host (host/src) inside the extension host process.
//
// Why in-process and not a child process: the host's Node side only orchestrates (state files, scheduling,
// builds); every plugin call already runs in its own Go runner process with a timeout and a kill, so a
// plugin that panics, hangs or exits cannot take the extension host down. A Node child would add an IPC
// protocol and a second lifetime to manage without isolating anything more. State is on disk, written
// atomically, so re-creating the host (settings changed, trust granted) loses nothing.
//
// The host is its own bundle (dist/host.js, with @kubernetes/client-node for ConfigMap plugins: MBs), loaded on
// first use after activation, so loading dist/client.js stays light.
import * as vscode from 'vscode';
import type * as HostModuleTypes from '../../../host/src/index';
import type { Host, ModuleView, OperationResult } from '../../../host/src/index';
import { settingId, SETTINGS, SETTINGS_SECTION } from '../../../common/src/settings';
import type { ModuleAction } from '../commands/phaseActionsModel';
import type { HostPort, ModuleTarget, OperationFix } from './hostPort';
import type { ModuleRecordLike } from '../views/modulesModel';

export function createHostPort(
  context: vscode.ExtensionContext,
  trusted: boolean,
  log: vscode.LogOutputChannel,
): HostPort {
  const storage = context.storageUri ?? context.globalStorageUri;
  const stateDir = vscode.Uri.joinPath(storage, 'modules').fsPath;
  const started = performance.now();
  const { createHost } = loadHostModule(context);
  const host = createHost({ stateDir, settings: rawSettings(), trusted });
  log.info(`local host loaded in ${Math.round(performance.now() - started)} ms`);
  log.info(`local host ready (state: ${stateDir}, plugin cache: ${host.cacheDir}, trusted: ${trusted})`);
  return new HostAdapter(host);
}

type HostModule = typeof HostModuleTypes;

function loadHostModule(context: vscode.ExtensionContext): HostModule {
  // A run-time require of the separate bundle: esbuild must not follow it into dist/client.js.
  const path = context.asAbsolutePath('dist/host.js');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(path) as HostModule;
}

/** The `forkspacer.*` values as a flat object with dotted keys: the host runs them through the same normaliser. */
function rawSettings(): Record<string, unknown> {
  const config = vscode.workspace.getConfiguration(SETTINGS_SECTION);
  const raw: Record<string, unknown> = {};
  for (const s of SETTINGS) raw[settingId(s.key)] = config.get(s.key);
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  // Relative URL-mapping folders are relative to the workspace folder (the normaliser takes the base separately).
  const mappings = raw[settingId('resources.urlMappings')];
  if (folder && mappings && typeof mappings === 'object') {
    raw[settingId('resources.urlMappings')] = Object.fromEntries(
      Object.entries(mappings as Record<string, unknown>).map(([prefix, dir]) => [
        prefix,
        typeof dir === 'string' ? absolute(folder, dir.replace(/\${workspaceFolder}/g, folder)) : dir,
      ]),
    );
  }
  return raw;
}

class HostAdapter implements HostPort {
  constructor(private readonly host: Host) {}

  async run(
    action: ModuleAction,
    target: ModuleTarget,
    signal: AbortSignal,
  ): Promise<ModuleRecordLike & { fix?: OperationFix }> {
    let result: OperationResult;
    if (action === 'install') result = await this.host.install(target.path, target.documentIndex, { signal });
    else {
      const id = target.id ?? (await this.idOf(target));
      if (!id) throw new Error('the module is not installed in the local host');
      result = await this.host[action](id, { signal });
    }
    if (result.refused) throw new Error(result.error ?? `${action} was refused`);
    if (!result.module) throw new Error(result.error ?? `${action} failed`);
    return {
      ...toRecord(result.module),
      ...(result.ok ? {} : { error: result.error ?? result.module.error }),
      ...(result.fix ? { fix: result.fix } : {}),
    };
  }

  goModTidy(
    dir: string,
    signal: AbortSignal,
    progress: (line: string) => void,
  ): Promise<{ ok: boolean; error?: string }> {
    return this.host.goModTidy(dir, { signal, progress });
  }

  private async idOf(target: ModuleTarget): Promise<string | undefined> {
    const views = await this.host.list();
    return views.find((v) => v.file === target.path && v.documentIndex === target.documentIndex)?.id;
  }

  async list(): Promise<ModuleRecordLike[]> {
    return (await this.host.list()).map(toRecord);
  }

  onEvent(listener: Parameters<Host['onEvent']>[0]): () => void {
    return this.host.onEvent(listener);
  }

  dispose(): void {
    // The host holds no open resources between operations; running operations finish on their own.
  }
}

function toRecord(view: ModuleView): ModuleRecordLike {
  const record: ModuleRecordLike = {
    id: view.id,
    name: view.name,
    file: view.file,
    documentIndex: view.documentIndex,
    phase: view.phase,
    lastMessage: view.lastMessage,
    lastActivity: view.lastActivity,
    config: view.config,
  };
  if (view.error) record.error = view.error;
  if (view.plugin) record.plugin = view.plugin;
  return record;
}

function absolute(folder: string, dir: string): string {
  return dir.startsWith('/') ? dir : vscode.Uri.joinPath(vscode.Uri.file(folder), dir).fsPath;
}
