// Publishes diagnostics per open file: immediate on open and on an edit to an idle file, a light debounce in a
// burst of edits, and a newer version always cancels the run of an older one (it would publish stale results).
import type { Connection, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ValidationService } from '../services/validationService';

/** Long enough to coalesce a burst of keystrokes, short enough to feel immediate. */
export const EDIT_DEBOUNCE_MS = 15;

export interface PublisherStats {
  /** Validation runs started. */
  runs: number;
  /** Runs abandoned because a newer version of their file arrived (their result would be stale). */
  superseded: number;
  /** Edits folded into a later one by the debounce (no run started for them). */
  coalesced: number;
  /** Diagnostics notifications sent for a validated version. */
  published: number;
}

export class DiagnosticsPublisher {
  readonly stats: PublisherStats = { runs: 0, superseded: 0, coalesced: 0, published: 0 };
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly running = new Map<string, AbortController>();
  /** Idle-time work after a publish (`afterPublish`), stopped by the file's next edit or close. */
  private readonly idle = new Map<string, AbortController>();

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly validation: ValidationService,
    private readonly afterPublish?: (uri: string, text: string, signal: AbortSignal) => Promise<void>,
  ) {}

  /**
   * Validates `uri` after `delayMs`; without one, an edit to an idle file starts at once (no run or timer of its
   * own pending: a one-line edit re-validates one document, so waiting only adds latency, issue 12) and an edit
   * in a burst waits EDIT_DEBOUNCE_MS for the next keystroke.
   */
  schedule(uri: string, delayMs?: number): void {
    const busy = this.timers.has(uri) || this.running.has(uri);
    delayMs ??= busy ? EDIT_DEBOUNCE_MS : 0;
    if (this.timers.has(uri)) this.stats.coalesced++;
    this.stopIdleWork(uri);
    clearTimeout(this.timers.get(uri));
    this.running.get(uri)?.abort();
    this.running.delete(uri);
    this.timers.set(
      uri,
      setTimeout(() => {
        this.timers.delete(uri);
        void this.run(uri);
      }, delayMs),
    );
  }

  scheduleAll(delayMs = 0): void {
    for (const document of this.documents.all()) this.schedule(document.uri, delayMs);
  }

  close(uri: string): void {
    this.stopIdleWork(uri);
    clearTimeout(this.timers.get(uri));
    this.timers.delete(uri);
    this.running.get(uri)?.abort();
    this.running.delete(uri);
    void this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  private stopIdleWork(uri: string): void {
    this.idle.get(uri)?.abort();
    this.idle.delete(uri);
  }

  private async run(uri: string): Promise<void> {
    const document = this.documents.get(uri);
    if (!document) return;
    const controller = new AbortController();
    this.running.set(uri, controller);
    const version = document.version;
    const text = document.getText();
    this.stats.runs++;
    try {
      const result = await this.validation.validateFile(uri, text, controller.signal);
      if (!result || controller.signal.aborted || this.documents.get(uri)?.version !== version) {
        this.stats.superseded++;
        return;
      }
      this.stats.published++;
      await this.connection.sendDiagnostics({ uri, version, diagnostics: result.diagnostics });
      if (this.afterPublish && !controller.signal.aborted) {
        const idle = new AbortController();
        this.idle.set(uri, idle);
        void this.afterPublish(uri, text, idle.signal)
          .catch(() => undefined)
          .finally(() => {
            if (this.idle.get(uri) === idle) this.idle.delete(uri);
          });
      }
    } catch (error) {
      if (controller.signal.aborted) {
        this.stats.superseded++;
        return;
      }
      this.connection.console.error(
        `forkspacer: validating ${uri} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
    } finally {
      if (this.running.get(uri) === controller) this.running.delete(uri);
    }
  }
}
