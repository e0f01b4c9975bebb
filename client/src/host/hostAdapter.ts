// Creates the embedded host (host/src) inside the extension host process. Placeholder until host/src/index.ts lands.
import type * as vscode from 'vscode';
import type { ForkspacerSettings } from '../config';
import type { HostPort } from './hostPort';

export function createHostPort(
  _context: vscode.ExtensionContext,
  _settings: ForkspacerSettings,
  _trusted: boolean,
  log: vscode.LogOutputChannel,
): HostPort | undefined {
  log.warn('the local host is not available in this build');
  return undefined;
}
