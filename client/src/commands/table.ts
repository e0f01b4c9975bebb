// Every command, declared once with its factory. Commands that execute something (trustModel.ts) are refused in
// an untrusted workspace with a message instead (Workspace Trust).
import * as vscode from 'vscode';
import { errorMessage, type Ctx } from '../ctx';
import { COMMANDS, type CommandKey } from '../ids';
import { installModule } from './installModule';
import { uninstallModule } from './uninstallModule';
import { sleepModule } from './sleepModule';
import { resumeModule } from './resumeModule';
import { showLogs } from './showLogs';
import { revealInFile } from './revealInFile';
import { validateWorkspace } from './validateWorkspace';
import { newCustomResource } from './newCustomResource';
import { newModuleFromResource } from './newModuleFromResource';
import { goModTidy } from './goModTidy';
import { refreshViews } from './refreshViews';
import { showFailure } from './lifecycle';
import { EXECUTES, UNTRUSTED_MESSAGE } from './trustModel';

type CommandFactory = (ctx: Ctx) => (...args: never[]) => unknown;

export const COMMAND_TABLE: Record<CommandKey, CommandFactory> = {
  installModule,
  uninstallModule,
  sleepModule,
  resumeModule,
  showLogs,
  revealInFile,
  validateWorkspace,
  newCustomResource,
  newModuleFromResource,
  goModTidy,
  refreshViews,
};

export function registerCommands(ctx: Ctx): vscode.Disposable[] {
  return (Object.keys(COMMAND_TABLE) as CommandKey[]).map((key) => {
    const run = COMMAND_TABLE[key](ctx) as (...args: unknown[]) => unknown;
    return vscode.commands.registerCommand(COMMANDS[key], async (...args: unknown[]) => {
      if (EXECUTES[key] && !ctx.trusted) {
        ctx.log.warn(`${COMMANDS[key]} refused: the workspace is not trusted`);
        void vscode.window.showWarningMessage(UNTRUSTED_MESSAGE, 'Manage Workspace Trust').then((choice) => {
          if (choice) void vscode.commands.executeCommand('workbench.trust.manage');
        });
        return;
      }
      try {
        await run(...args);
      } catch (error) {
        ctx.log.error(`${COMMANDS[key]} failed: ${errorMessage(error)}`);
        void showFailure(ctx, `Forkspacer: ${errorMessage(error)}`);
      }
    });
  });
}
