// Starts the language server (dist/server.js) over IPC. Language features work in untrusted workspaces too:
// the server is told the trust state and then fetches nothing (common/src/protocol.ts).
import type * as vscode from 'vscode';
import {
  LanguageClient,
  TransportKind,
  type LanguageClientOptions,
  type Middleware,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { SET_TRUSTED, type ServerInitializationOptions, type SetTrustedParams } from '../../common/src/protocol';
import { SETTINGS_SECTION } from './config';
import { snippetFixes } from './snippetFixes';

export function createLanguageClient(
  context: vscode.ExtensionContext,
  trusted: boolean,
  middleware: Middleware = {},
): LanguageClient {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6010'] } },
  };
  const initializationOptions: ServerInitializationOptions = { trusted };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'yaml' },
      { scheme: 'untitled', language: 'yaml' },
      // A Go plugin's files, for `plugin check` diagnostics (the server gives them no YAML features).
      { scheme: 'file', language: 'go' },
      { scheme: 'file', language: 'go.mod' },
      { scheme: 'file', pattern: '**/go.mod' },
    ],
    synchronize: { configurationSection: SETTINGS_SECTION },
    initializationOptions,
    // Ours (snippet quick fixes) and the caller's (coexistence with the YAML extension's diagnostics).
    middleware: { ...middleware, ...snippetFixes },
  };
  return new LanguageClient('forkspacer', 'Forkspacer Language Server', serverOptions, clientOptions);
}

export async function sendTrust(client: LanguageClient, trusted: boolean): Promise<void> {
  const params: SetTrustedParams = { trusted };
  await client.sendNotification(SET_TRUSTED, params);
}
