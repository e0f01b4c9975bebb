// A real JSON-RPC client for the built server (`node dist/server.js --stdio`), for tests and the bench.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';
import {
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type MessageConnection,
} from 'vscode-jsonrpc/node';
import type { Diagnostic } from 'vscode-languageserver-types';

export interface PublishDiagnosticsParams {
  uri: string;
  version?: number;
  diagnostics: Diagnostic[];
}

export const ROOT = join(__dirname, '..', '..', '..');
export const SERVER = join(ROOT, 'dist', 'server.js');

export interface StartOptions {
  trusted?: boolean;
  /** Answer to workspace/configuration for section `forkspacer`. */
  settings?: Record<string, unknown>;
  rootUri?: string;
  /** Start this executable with `--stdio` instead of `node dist/server.js` (e.g. an installed bin). */
  executable?: string;
  /** Advertise `window.workDoneProgress` (the server may then show progress; recorded in `progress`). */
  workDoneProgress?: boolean;
  /** More environment variables for the server process. */
  env?: Record<string, string>;
}

/** One `$/progress` notification as received, in order (`at`: the index of the publishes received before it). */
export interface ProgressEvent {
  token: string | number;
  kind: 'begin' | 'report' | 'end';
  title?: string;
  message?: string;
  percentage?: number;
  publishesBefore: number;
}

export class LspClient {
  readonly connection: MessageConnection;
  readonly diagnostics = new Map<string, PublishDiagnosticsParams[]>();
  readonly logs: string[] = [];
  readonly progress: ProgressEvent[] = [];
  private publishes = 0;
  settings: Record<string, unknown>;
  private readonly waiters: (() => void)[] = [];
  private versions = new Map<string, number>();
  private exited = false;

  private constructor(
    readonly process: ChildProcessWithoutNullStreams,
    options: StartOptions,
  ) {
    this.settings = options.settings ?? {};
    this.connection = createMessageConnection(
      new StreamMessageReader(process.stdout),
      new StreamMessageWriter(process.stdin),
    );
    this.connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      const list = this.diagnostics.get(params.uri) ?? [];
      list.push(params);
      this.diagnostics.set(params.uri, list);
      this.publishes++;
      this.notify();
    });
    this.connection.onNotification('window/logMessage', (params: { message: string }) =>
      this.logs.push(params.message),
    );
    this.connection.onRequest('workspace/configuration', (params: { items: { section?: string }[] }) =>
      params.items.map((item) => (item.section === 'forkspacer' ? this.settings : null)),
    );
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.onRequest('window/workDoneProgress/create', () => null);
    this.connection.onNotification(
      '$/progress',
      (params: { token: string | number; value: Omit<ProgressEvent, 'token' | 'publishesBefore'> }) => {
        this.progress.push({ token: params.token, ...params.value, publishesBefore: this.publishes });
        this.notify();
      },
    );
    process.on('exit', () => {
      this.exited = true;
      this.notify();
    });
    this.connection.listen();
  }

  static async start(options: StartOptions = {}): Promise<LspClient> {
    const env = { ...process.env, ...options.env };
    const child = options.executable
      ? spawn(options.executable, ['--stdio'], { stdio: 'pipe', env })
      : spawn(process.execPath, [SERVER, '--stdio'], { stdio: 'pipe', env });
    child.stderr.on('data', () => undefined);
    const client = new LspClient(child, options);
    await client.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: options.rootUri ?? null,
      capabilities: {
        workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: false } },
        ...(options.workDoneProgress ? { window: { workDoneProgress: true } } : {}),
      },
      initializationOptions: { trusted: options.trusted ?? false },
    });
    await client.connection.sendNotification('initialized', {});
    return client;
  }

  get alive(): boolean {
    return !this.exited && this.process.exitCode === null;
  }

  open(uri: string, text: string): void {
    this.versions.set(uri, 1);
    void this.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: 'yaml', version: 1, text },
    });
  }

  /** Replaces the whole text (full sync is accepted by an incremental server). */
  change(uri: string, text: string): number {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    void this.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: [{ text }],
    });
    return version;
  }

  /** An incremental change of one range. */
  edit(
    uri: string,
    range: { start: { line: number; character: number }; end: { line: number; character: number } },
    text: string,
  ): number {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    void this.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: [{ range, text }],
    });
    return version;
  }

  close(uri: string): void {
    void this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  /** Resolves with the first diagnostics for `uri` published after `after` notifications and matching `predicate`. */
  async waitForDiagnostics(
    uri: string,
    predicate: (d: Diagnostic[], p: PublishDiagnosticsParams) => boolean = () => true,
    timeoutMs = 10000,
    after = 0,
  ): Promise<Diagnostic[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const list = this.diagnostics.get(uri) ?? [];
      const found = list.slice(after).find((p) => predicate(p.diagnostics, p));
      if (found) return found.diagnostics;
      if (!this.alive) throw new Error('server exited');
      const left = deadline - Date.now();
      if (left <= 0)
        throw new Error(
          `no matching diagnostics for ${uri} within ${timeoutMs} ms; last: ${JSON.stringify(list.at(-1)?.diagnostics)}`,
        );
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Resolves once `predicate` holds for the progress events received (checked on each notification). */
  async waitForProgress(predicate: (events: ProgressEvent[]) => boolean, timeoutMs = 30000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate(this.progress)) {
      if (!this.alive) throw new Error('server exited');
      const left = deadline - Date.now();
      if (left <= 0)
        throw new Error(`progress not as expected within ${timeoutMs} ms: ${JSON.stringify(this.progress)}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  publishedCount(uri: string): number {
    return this.diagnostics.get(uri)?.length ?? 0;
  }

  async request<R>(method: string, params: unknown): Promise<R> {
    return this.connection.sendRequest(method, params) as Promise<R>;
  }

  async stop(): Promise<void> {
    if (this.alive) {
      try {
        await Promise.race([this.connection.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
        void this.connection.sendNotification('exit');
      } catch {
        // already gone
      }
    }
    const exited = new Promise<void>((resolve) =>
      this.alive ? this.process.once('exit', () => resolve()) : resolve(),
    );
    const timer = setTimeout(() => this.process.kill(), 3000);
    await exited;
    clearTimeout(timer);
    this.connection.dispose();
  }

  private notify(): void {
    for (const waiter of this.waiters.splice(0)) waiter();
  }
}
