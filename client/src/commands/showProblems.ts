// Forkspacer: Show Problems — opens a Module's file at its first error (so the language server reports it) and
// shows the Problems view. The target of the Modules view's error tooltip and of a refused Install.
import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import { COMMANDS } from '../ids';
import { resolveModule } from './moduleArg';

export function showProblems(ctx: Ctx) {
  return async (arg?: unknown): Promise<void> => {
    const module = await resolveModule(ctx, arg);
    if (!module) return;
    const line = ctx.index.module(module.key)?.problems?.first[0]?.line ?? module.line;
    await vscode.commands.executeCommand(COMMANDS.revealInFile, { path: module.path, line });
    await vscode.commands.executeCommand('workbench.actions.view.problems');
  };
}
