// The failure of a module's lifecycle operation, as a notification that goes away once a later operation of that
// module succeeds (a stale "Install failed" next to a ready module misleads). VS Code cannot close a message shown
// with showErrorMessage; a notification with progress closes when its task ends, so the failure is shown as one:
// its title is the error, its message links to the logs, and Close dismisses it.
import * as vscode from 'vscode';
import { COMMANDS } from './ids';

export class FailureNotices implements vscode.Disposable {
  private readonly open = new Map<string, () => void>();

  /** Shows `message` for the module `key`, replacing an earlier failure of it. */
  show(key: string, message: string): void {
    this.close(key);
    void vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: message, cancellable: true },
      (progress, token) =>
        new Promise<void>((resolve) => {
          // A full bar: nothing is running any more.
          progress.report({ increment: 100, message: `[Show Logs](command:${COMMANDS.showLogs})` });
          const close = () => {
            if (this.open.get(key) === close) this.open.delete(key);
            subscription.dispose();
            resolve();
          };
          const subscription = token.onCancellationRequested(close);
          this.open.set(key, close);
        }),
    );
  }

  /** The module's operation succeeded: its failure notice is closed. */
  close(key: string): void {
    this.open.get(key)?.();
  }

  dispose(): void {
    for (const close of [...this.open.values()]) close();
  }
}
