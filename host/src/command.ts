// Runs a build command (go build, go mod tidy, go version) with a time limit and cancellation, keeping the tail of its output.
import { spawn } from 'node:child_process';

export interface CommandResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  output: string;
  timedOut: boolean;
  cancelled: boolean;
}

export interface CommandOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  timeoutMs: number;
  signal?: AbortSignal;
  input?: string;
  /** Output kept (the tail), in characters. */
  maxOutput?: number;
  /** Each chunk of stdout/stderr as it arrives (for progress). */
  onOutput?: (chunk: string) => void;
}

export function runCommand(command: string, args: string[], options: CommandOptions): Promise<CommandResult> {
  return new Promise((resolve) => {
    const maxOutput = options.maxOutput ?? 64 * 1024;
    let output = '';
    let timedOut = false;
    let cancelled = false;
    const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ['pipe', 'pipe', 'pipe'] });
    const append = (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      options.onOutput?.(text);
      output += text;
      if (output.length > maxOutput) output = output.slice(-maxOutput);
    };
    child.stdout.on('data', append);
    child.stderr.on('data', append);
    child.stdin.on('error', () => undefined);
    child.stdin.end(options.input ?? '');
    const stop = () => {
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 2000).unref();
    };
    const timer = setTimeout(() => {
      timedOut = true;
      stop();
    }, options.timeoutMs);
    const onAbort = () => {
      cancelled = true;
      stop();
    };
    options.signal?.addEventListener('abort', onAbort, { once: true });
    let settled = false;
    const settle = (code: number | null, signal: NodeJS.Signals | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      resolve({ code, signal, output, timedOut, cancelled });
    };
    // A missing executable emits 'error' and may never emit 'close'.
    child.on('error', (error) => {
      output += String(error.message);
      settle(null, null);
    });
    child.on('close', settle);
  });
}
