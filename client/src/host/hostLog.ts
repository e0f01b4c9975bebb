// Writes host events into the LogOutputChannel at their levels.
import type * as vscode from 'vscode';
import type { HostEvent } from './hostPort';
import { formatHostEvent } from './hostLogModel';

export function logHostEvent(log: vscode.LogOutputChannel, event: HostEvent): void {
  const { level, line } = formatHostEvent(event);
  log[level](line);
}
