// Forkspacer: Reveal in File — opens the file of a module, resource or config item at its line.
import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import { resolveModule } from './moduleArg';

export function revealInFile(ctx: Ctx) {
  return async (arg?: unknown): Promise<void> => {
    const target = await targetOf(ctx, arg);
    if (!target) return;
    const document = await vscode.workspace.openTextDocument(vscode.Uri.file(target.path));
    const position = new vscode.Position(Math.min(target.line, Math.max(0, document.lineCount - 1)), 0);
    await vscode.window.showTextDocument(document, {
      selection: new vscode.Range(position, position),
      preserveFocus: false,
    });
  };
}

async function targetOf(ctx: Ctx, arg: unknown): Promise<{ path: string; line: number } | undefined> {
  const a = (arg ?? {}) as Record<string, unknown>;
  if (typeof a.path === 'string' && typeof a.line === 'number') return { path: a.path, line: a.line };
  const entry = a.entry as { path?: unknown; line?: unknown } | undefined;
  if ((a.type === 'resource' || a.type === 'configItem') && typeof entry?.path === 'string') {
    return { path: entry.path, line: typeof entry.line === 'number' ? entry.line : 0 };
  }
  const module = await resolveModule(ctx, arg);
  return module && { path: module.path, line: module.line };
}
