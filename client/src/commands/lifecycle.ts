// Runs Install / Sleep / Resume / Uninstall of one module in the local host: progress with Cancel, the status
// bar, and on failure an error message with "Show Logs" (and "Run go mod tidy and ..." when the plugin's go.sum
// lags behind its code).
import * as vscode from 'vscode';
import { errorMessage, type Ctx } from '../ctx';
import { resolveModule } from './moduleArg';
import { runGoModTidy } from './goModTidy';
import {
  actionProgressTitle,
  actionTitle,
  isAllowed,
  phaseLabel,
  toModulePhase,
  type ModuleAction,
} from './phaseActionsModel';

export async function runLifecycle(ctx: Ctx, action: ModuleAction, arg: unknown): Promise<void> {
  const entry = await resolveModule(ctx, arg, action);
  if (!entry) return;
  const record = ctx.recordFor(entry.recordKey);
  const phase = toModulePhase(record?.phase);
  if (!isAllowed(phase, action)) {
    void vscode.window.showWarningMessage(`Cannot ${action} ${entry.name}: it is ${phaseLabel(phase)}.`);
    return;
  }
  const host = ctx.host();
  if (!host) {
    void showFailure(ctx, `${actionTitle(action)} ${entry.name} failed: the local host is not available.`);
    return;
  }
  // The host reads the Module from disk: what the user sees in the editor must be what runs.
  const open = vscode.workspace.textDocuments.find((d) => d.uri.fsPath === entry.path);
  if (open?.isDirty) await open.save();

  const title = `${actionProgressTitle(action)} ${entry.name}`;
  ctx.log.info(`${title} (${entry.relPath}, document ${entry.documentIndex + 1})`);
  try {
    const after = await ctx.status.track(title, () =>
      vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title, cancellable: true },
        async (progress, token) => {
          const abort = new AbortController();
          const cancel = token.onCancellationRequested(() => abort.abort());
          const id = `${entry.namespace}/${entry.name}`;
          const stop = host.onEvent((event) => {
            if (event.id !== id) return;
            if (event.type === 'progress') progress.report({ message: event.message });
            else if (event.type === 'log') progress.report({ message: event.msg });
          });
          try {
            const target = {
              path: entry.path,
              documentIndex: entry.documentIndex,
              ...(record ? { id: record.id } : {}),
            };
            return await host.run(action, target, abort.signal);
          } finally {
            stop();
            cancel.dispose();
          }
        },
      ),
    );
    await ctx.refreshRecords();
    if (after.error || after.phase === 'failed') {
      const message = `${actionTitle(action)} ${entry.name} failed: ${after.error ?? after.lastMessage ?? 'see the logs'}`;
      if (after.fix?.kind === 'go-mod-tidy') void offerTidy(ctx, message, after.fix.dir, action, arg);
      else void showFailure(ctx, message);
    } else {
      vscode.window.setStatusBarMessage(`$(check) ${entry.name}: ${phaseLabel(toModulePhase(after.phase))}`, 5000);
    }
  } catch (error) {
    await ctx.refreshRecords();
    if (isAbort(error)) {
      ctx.log.warn(`${title}: cancelled`);
      void vscode.window.showInformationMessage(`${actionTitle(action)} ${entry.name} was cancelled.`);
    } else {
      ctx.log.error(`${title} failed: ${errorMessage(error)}`);
      void showFailure(ctx, `${actionTitle(action)} ${entry.name} failed: ${errorMessage(error)}`);
    }
  }
}

/** The host's error, with a hint when the cause is a missing Go toolchain. */
export function withHint(error: string): string {
  return /\bENOENT\b/.test(error) && /\bgo\b/.test(error)
    ? `${error}. Is Go installed? Set forkspacer.goPath to the go executable.`
    : error;
}

/** go.mod/go.sum lag behind the plugin's code: one click runs `go mod tidy` there and the operation again. */
async function offerTidy(ctx: Ctx, message: string, dir: string, action: ModuleAction, arg: unknown): Promise<void> {
  const tidy = `Run go mod tidy and ${actionTitle(action)}`;
  // The plugin folder as the Explorer shows it (the logs keep the absolute path).
  const where = vscode.workspace.asRelativePath(dir);
  const choice = await vscode.window.showErrorMessage(message.split(dir).join(where), tidy, 'Show Logs');
  if (choice === 'Show Logs') ctx.log.show(true);
  if (choice === tidy && (await runGoModTidy(ctx, dir))) await runLifecycle(ctx, action, arg);
}

/** An error message with a "Show Logs" button (not awaited by callers: the command ends, the message stays). */
export async function showFailure(ctx: Ctx, message: string): Promise<void> {
  const choice = await vscode.window.showErrorMessage(message, 'Show Logs');
  if (choice === 'Show Logs') ctx.log.show(true);
}

function isAbort(error: unknown): boolean {
  return error instanceof Error && (error.name === 'AbortError' || /\b(cancel|abort)/i.test(error.message));
}
