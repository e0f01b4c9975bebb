// Publishes diagnostics per open file: immediate on open and on an edit to an idle file, a light debounce in a
// burst of edits, and a newer version always cancels the run of an older one (it would publish stale results).
// Until a file's diagnostics were published complete once since it was opened, a long run publishes as it goes
// (a large file shows its top's verdicts at once, with a progress in the status bar); later runs publish once,
// so nothing shown flickers away.
import { basename } from 'node:path';
import type { Connection, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import type { PartialValidation, ValidationService } from '../services/validationService';
import { ValidationProgress } from './validationProgress';
import type { PublisherStats } from '../../../common/src/protocol';

/** Long enough to coalesce a burst of keystrokes, short enough to feel immediate. */
export const EDIT_DEBOUNCE_MS = 15;
/** A first run still going after this long publishes what it has (well within a glance, issue 12: ≤ 150 ms). */
export const PARTIAL_FIRST_MS = 50;
/** Then at most this often (when it found more), with the progress. */
export const PARTIAL_EVERY_MS = 250;
/** Files of fewer documents publish once (about 2,000 lines: done at a glance). */
export const PARTIAL_MIN_DOCUMENTS = 32;

export class DiagnosticsPublisher {
  readonly stats: PublisherStats = { runs: 0, superseded: 0, coalesced: 0, published: 0, partial: 0, helped: 0 };
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly running = new Map<string, AbortController>();
  /** Idle-time work after a publish (`afterPublish`), stopped by the file's next edit or close. */
  private readonly idle = new Map<string, AbortController>();
  /** Files whose complete diagnostics were published since they were opened. */
  private readonly complete = new Set<string>();
  /** Files with diagnostics shown (a large file's first documents', or all) since they were opened. */
  private readonly shown = new Set<string>();

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

  /** When the last run ended (performance.now()). */
  private lastRunEnded = -Infinity;

  /** A validation is pending or running. */
  get busy(): boolean {
    return this.timers.size > 0 || this.running.size > 0;
  }

  /** Nothing pending or running, and the last run ended at least `ms` ago. */
  quietFor(ms: number): boolean {
    return !this.busy && performance.now() - this.lastRunEnded >= ms;
  }

  /** A file that is pending or running has shown no diagnostics since it was opened. */
  get firstDiagnosticsPending(): boolean {
    for (const uri of [...this.timers.keys(), ...this.running.keys()]) if (!this.shown.has(uri)) return true;
    return false;
  }

  scheduleAll(delayMs = 0): void {
    for (const document of this.documents.all()) this.schedule(document.uri, delayMs);
  }

  close(uri: string): void {
    this.complete.delete(uri);
    this.shown.delete(uri);
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
    let progress: ValidationProgress | undefined;
    let partialCount = -1;
    const onPartial = (partial: PartialValidation): void => {
      if (controller.signal.aborted) return;
      progress ??= new ValidationProgress(this.connection, `Checking ${basename(URI.parse(uri).path)}`);
      progress.report(partial.done, partial.total);
      if (partial.diagnostics.length === partialCount) return;
      partialCount = partial.diagnostics.length;
      this.stats.partial++;
      this.shown.add(uri);
      void this.connection.sendDiagnostics({ uri, version, diagnostics: partial.diagnostics });
    };
    try {
      const result = await this.validation.validateFile(
        uri,
        text,
        controller.signal,
        this.complete.has(uri)
          ? undefined
          : {
              onPartial,
              firstAfterMs: PARTIAL_FIRST_MS,
              everyMs: PARTIAL_EVERY_MS,
              minDocuments: PARTIAL_MIN_DOCUMENTS,
            },
      );
      if (!result || controller.signal.aborted || this.documents.get(uri)?.version !== version) {
        this.stats.superseded++;
        return;
      }
      this.stats.published++;
      this.stats.helped += result.helpedCount;
      this.complete.add(uri);
      this.shown.add(uri);
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
      this.lastRunEnded = performance.now();
      progress?.end();
      if (this.running.get(uri) === controller) this.running.delete(uri);
    }
  }
}
