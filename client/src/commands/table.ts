// Every command, declared once: its factory and whether it executes something (plugins, Go builds, network).
// Executing commands are refused in an untrusted workspace with a message instead (Workspace Trust).
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
import { refreshViews } from './refreshViews';
import { showFailure } from './lifecycle';

interface CommandSpec {
  factory: (ctx: Ctx) => (...args: never[]) => unknown;
  /** Runs plugins / builds Go / fetches: needs a trusted workspace. */
  executes?: true;
}

export const COMMAND_TABLE: Record<CommandKey, CommandSpec> = {
  installModule: { factory: installModule, executes: true },
  uninstallModule: { factory: uninstallModule, executes: true },
  sleepModule: { factory: sleepModule, executes: true },
  resumeModule: { factory: resumeModule, executes: true },
  showLogs: { factory: showLogs },
  revealInFile: { factory: revealInFile },
  validateWorkspace: { factory: validateWorkspace },
  newCustomResource: { factory: newCustomResource },
  newModuleFromResource: { factory: newModuleFromResource },
  refreshViews: { factory: refreshViews },
};

export const UNTRUSTED_MESSAGE =
  'Forkspacer runs no plugin, Go build or download in an untrusted workspace. Trust the workspace to run module lifecycles.';

export function registerCommands(ctx: Ctx): vscode.Disposable[] {
  return (Object.keys(COMMAND_TABLE) as CommandKey[]).map((key) => {
    const spec = COMMAND_TABLE[key];
    const run = spec.factory(ctx) as (...args: unknown[]) => unknown;
    return vscode.commands.registerCommand(COMMANDS[key], async (...args: unknown[]) => {
      if (spec.executes && !ctx.trusted) {
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
