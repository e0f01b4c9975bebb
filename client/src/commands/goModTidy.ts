// Forkspacer: Run go mod tidy — in a plugin's Go module folder, with progress (go's "downloading ..." lines) and
// Cancel. Run by "New Custom Resource" after it writes the files, and by the button of an Install whose build
// failed because go.mod/go.sum lag behind the code. From the palette: the module of the active editor's file.
import * as vscode from 'vscode';
import { errorMessage, type Ctx } from '../ctx';

export function goModTidy(ctx: Ctx) {
  return async (dirArg?: unknown): Promise<void> => {
    const dir =
      typeof dirArg === 'string' ? dirArg : dirArg instanceof vscode.Uri ? dirArg.fsPath : await activeModule();
    if (!dir) {
      void vscode.window.showInformationMessage(
        'Open a file of the Go plugin (a folder with go.mod) to run go mod tidy there.',
      );
      return;
    }
    await runGoModTidy(ctx, dir);
  };
}

/** Runs `go mod tidy` in `dir` through the host; true when it succeeded. Failures are shown (Retry, Show Logs). */
export async function runGoModTidy(ctx: Ctx, dir: string): Promise<boolean> {
  const host = ctx.host();
  const where = vscode.workspace.asRelativePath(dir);
  if (!host) {
    void vscode.window.showErrorMessage(`go mod tidy in ${where} did not run: the local host is not available.`);
    return false;
  }
  ctx.log.info(`go mod tidy in ${dir}`);
  const started = Date.now();
  const abort = new AbortController();
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `go mod tidy in ${where}`, cancellable: true },
    async (progress, token) => {
      const cancel = token.onCancellationRequested(() => abort.abort());
      try {
        return await host.goModTidy(dir, abort.signal, (line) => {
          ctx.log.info(`go mod tidy: ${line}`);
          progress.report({ message: line.replace(/^go: /, '') });
        });
      } catch (error) {
        return { ok: false, error: errorMessage(error) };
      } finally {
        cancel.dispose();
      }
    },
  );
  if (result.ok) {
    ctx.log.info(`go mod tidy in ${dir} done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    vscode.window.setStatusBarMessage(`$(check) go mod tidy in ${where}`, 5000);
    return true;
  }
  if (abort.signal.aborted) {
    ctx.log.warn(`go mod tidy in ${dir}: cancelled`);
    void vscode.window.showInformationMessage(
      `go mod tidy in ${where} was cancelled. Install runs it when go.sum is missing.`,
    );
    return false;
  }
  ctx.log.error(result.error ?? `go mod tidy in ${dir} failed`);
  const choice = await vscode.window.showErrorMessage(
    result.error ?? `go mod tidy in ${where} failed`,
    'Retry',
    'Show Logs',
  );
  if (choice === 'Show Logs') ctx.log.show(true);
  if (choice === 'Retry') return runGoModTidy(ctx, dir);
  return false;
}

/** The folder holding go.mod at or above the active editor's file (inside the workspace). */
async function activeModule(): Promise<string | undefined> {
  const uri = vscode.window.activeTextEditor?.document.uri;
  if (!uri || uri.scheme === 'untitled') return undefined;
  const root = vscode.workspace.getWorkspaceFolder(uri)?.uri;
  for (let dir = vscode.Uri.joinPath(uri, '..'); ; dir = vscode.Uri.joinPath(dir, '..')) {
    const found = await vscode.workspace.fs.stat(vscode.Uri.joinPath(dir, 'go.mod')).then(
      () => true,
      () => false,
    );
    if (found) return dir.fsPath;
    if (!root || dir.path === root.path || dir.path === '/' || !dir.path.startsWith(root.path)) return undefined;
  }
}
