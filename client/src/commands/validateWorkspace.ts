// Forkspacer: Validate Workspace — every Forkspacer document of every YAML file, results in Problems.
import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import { validateWorkspaceFiles } from '../workspace/validateFiles';

export function validateWorkspace(ctx: Ctx) {
  return async (): Promise<void> => {
    const started = performance.now();
    const summary = await ctx.status.track('Validating the workspace', () =>
      vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: 'Forkspacer: validating', cancellable: true },
        (progress, token) =>
          validateWorkspaceFiles(ctx.validation, ctx.settings, ctx.trusted, token, (done, total) =>
            progress.report({ message: `${done}/${total} files`, increment: total ? 100 / total : 0 }),
          ),
      ),
    );
    const ms = Math.round(performance.now() - started);
    const text = `Forkspacer: ${summary.files} YAML files validated in ${ms} ms: ${summary.errors} errors, ${summary.warnings} warnings.`;
    ctx.log.info(text);
    await vscode.commands.executeCommand('workbench.actions.view.problems');
    void vscode.window.showInformationMessage(text);
  };
}
