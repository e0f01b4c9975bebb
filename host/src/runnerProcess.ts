// Runs one lifecycle call in its own runner process and speaks the runner's JSON-lines protocol.
// The host survives anything the plugin does: a crash, a hang (time limit: SIGTERM, then SIGKILL after
// a grace period), output that is not JSON, or a process that dies without a result.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { LogLevel } from '../../common/src/host/events';
import type { Operation } from '../../common/src/host/lifecycle';
import { goJson } from '../../common/src/goYaml';
import { crashPanic, recoveredPanic } from './goPanic';

export interface RunnerRequest {
  method: Operation;
  plugin: string;
  kubeconfig?: string;
  context?: string;
  config: Record<string, unknown>;
  goTypes: Record<string, string>;
  metaData: Record<string, unknown>;
}

export interface RunnerLog {
  level: LogLevel;
  msg: string;
  kv?: Record<string, unknown>;
  name?: string;
  source: 'plugin' | 'output';
}

export type RunnerOutcome =
  | { ok: true; metaData: Record<string, unknown> }
  | {
      ok: false;
      error: string;
      stage: string;
      metaData?: Record<string, unknown>;
      /** More than the one-line error, for the log: a panic's stack with the plugin's frames first. */
      detail?: string;
    };

export interface RunnerCallOptions {
  timeoutMs: number;
  /** Time between SIGTERM and SIGKILL. */
  graceMs: number;
  signal?: AbortSignal;
  onLog: (log: RunnerLog) => void;
}

interface ResultLine {
  type: 'result';
  ok: boolean;
  stage?: string;
  error?: string;
  /** A panic the runner recovered in plugin code. */
  panic?: { value: string; stack: string };
  metaData?: Record<string, unknown> | null;
}

/** What the runner names in a stage's panic ("panic in NewManager", "panic in install"). */
function panicSite(stage: string | undefined, method: Operation): string {
  return stage === 'newManager' ? 'NewManager' : method;
}

export function callRunner(binary: string, request: RunnerRequest, options: RunnerCallOptions): Promise<RunnerOutcome> {
  return new Promise((resolve) => {
    const child = spawn(binary, [], { stdio: ['pipe', 'pipe', 'pipe'] });
    let result: ResultLine | undefined;
    /** The plugin's Go package, from the runner's `plugin` line: how its own frames are told apart. */
    let pluginPackage: string | undefined;
    let stopReason: 'timeout' | 'cancelled' | undefined;
    let killTimer: NodeJS.Timeout | undefined;
    const stderrTail: string[] = [];
    let crashReport: string[] | undefined;
    let settled = false;

    const stop = (reason: 'timeout' | 'cancelled') => {
      if (stopReason || child.exitCode !== null) return;
      stopReason = reason;
      child.kill('SIGTERM');
      killTimer = setTimeout(() => child.kill('SIGKILL'), options.graceMs);
    };
    const timer = setTimeout(() => stop('timeout'), options.timeoutMs);
    const onAbort = () => stop('cancelled');
    if (options.signal?.aborted) onAbort();
    options.signal?.addEventListener('abort', onAbort, { once: true });

    createInterface({ input: child.stdout }).on('line', (line) => {
      let record: { type?: string } & Record<string, unknown>;
      try {
        record = JSON.parse(line);
      } catch {
        options.onLog({ level: 'info', msg: line, source: 'output' });
        return;
      }
      if (record.type === 'result') result = record as unknown as ResultLine;
      else if (record.type === 'plugin')
        pluginPackage = typeof record.package === 'string' ? record.package : undefined;
      else if (record.type === 'log') {
        options.onLog({
          level: (['debug', 'info', 'warn', 'error'].includes(String(record.level))
            ? record.level
            : 'info') as LogLevel,
          msg: String(record.msg ?? ''),
          kv: record.kv as Record<string, unknown> | undefined,
          name: typeof record.name === 'string' && record.name ? record.name : undefined,
          source: 'plugin',
        });
      }
    });
    // The plugin's own prints and Go's crash reports arrive on stderr: shown live, and kept for the error.
    createInterface({ input: child.stderr }).on('line', (line) => {
      stderrTail.push(line);
      if (stderrTail.length > 60) stderrTail.shift();
      // Go's crash report, from its first line: the tail alone could lose the panic value under a long stack.
      if (crashReport) {
        if (crashReport.length < 400) crashReport.push(line);
      } else if (/^(panic|fatal error): /.test(line)) crashReport = [line];
      options.onLog({ level: /^(panic|fatal error):/.test(line) ? 'error' : 'info', msg: line, source: 'output' });
    });

    const finish = (outcome: RunnerOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearTimeout(killTimer);
      options.signal?.removeEventListener('abort', onAbort);
      resolve(outcome);
    };
    child.on('error', (error) =>
      finish({ ok: false, stage: 'spawn', error: `cannot start the runner ${binary}: ${error.message}` }),
    );
    child.on('close', (code, signal) => {
      const metaData = result?.metaData ?? undefined;
      if (stopReason === 'timeout') {
        finish({
          ok: false,
          stage: 'timeout',
          error: `${request.method} timed out after ${formatMs(options.timeoutMs)}${signal === 'SIGKILL' ? ' (the plugin ignored cancellation and was killed)' : ''}`,
          metaData,
        });
      } else if (stopReason === 'cancelled') {
        finish({
          ok: false,
          stage: 'cancelled',
          error: `${request.method} was cancelled${signal === 'SIGKILL' ? ' (the plugin ignored cancellation and was killed)' : ''}`,
          metaData,
        });
      } else if (result?.ok) {
        finish({ ok: true, metaData: metaData ?? {} });
      } else if (result) {
        const stage = result.stage ?? 'method';
        const panic = result.panic && recoveredPanic(panicSite(stage, request.method), result.panic, pluginPackage);
        finish(
          panic
            ? { ok: false, stage, error: panic.message, detail: panic.detail, metaData }
            : { ok: false, stage, error: result.error ?? 'failed', metaData },
        );
      } else {
        const panic = crashPanic(crashReport ?? [], pluginPackage);
        const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
        finish(
          panic
            ? { ok: false, stage: 'crash', error: `${panic.message}; the plugin process ${how}`, detail: panic.detail }
            : { ok: false, stage: 'crash', error: crashMessage(code, signal, stderrTail) },
        );
      }
    });

    child.stdin.on('error', () => undefined);
    child.stdin.end(goJson(request));
  });
}

/** A runner that died without a result: a panic in a plugin goroutine, a fatal error, a kill. Keep Go's own first lines. */
function crashMessage(code: number | null, signal: NodeJS.Signals | null, stderr: string[]): string {
  const start = stderr.findIndex((l) => /^(panic|fatal error):/.test(l));
  const excerpt = (start >= 0 ? stderr.slice(start, start + 12) : stderr.slice(-12)).join('\n').trim();
  const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
  return `the plugin process ${how} without a result${excerpt ? `:\n${excerpt}` : ''}`;
}

function formatMs(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}
