// A long validation's work-done progress in the client's status bar ("Checking modules.yaml: 120 of 400
// documents"), begun only once a run has taken a while (a short run shows nothing). The LSP client creates the
// token (`window/workDoneProgress/create`); without that capability the reporter is a no-op.
import type { Connection, WorkDoneProgressServerReporter } from 'vscode-languageserver/node';

export class ValidationProgress {
  private reporter: Promise<WorkDoneProgressServerReporter | undefined> | undefined;

  constructor(
    private readonly connection: Connection,
    private readonly title: string,
  ) {}

  /** Begins the progress on the first call, reports on later ones (in order: each waits for the one before). */
  report(done: number, total: number): void {
    const percentage = total ? Math.floor((done * 100) / total) : 0;
    const message = `${done} of ${total} documents`;
    if (!this.reporter) {
      this.reporter = this.connection.window
        .createWorkDoneProgress()
        .then((reporter) => {
          reporter.begin(this.title, percentage, message);
          return reporter;
        })
        .catch(() => undefined);
      return;
    }
    this.reporter = this.reporter.then((reporter) => {
      reporter?.report(percentage, message);
      return reporter;
    });
  }

  end(): void {
    void this.reporter?.then((reporter) => reporter?.done());
    this.reporter = undefined;
  }
}
