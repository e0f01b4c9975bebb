// What the host tells its clients (VS Code views, the CLI) as plain data.
import type { Operation, Phase } from './lifecycle';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export type HostEvent =
  /** A module changed phase (or got a new last message). */
  | { type: 'phase'; id: string; phase: Phase; previous?: Phase; operation?: Operation; message: string; at: string }
  /** A log record from the plugin (its logr.Logger), the plugin's own output (source 'output') or the host. */
  | {
      type: 'log';
      id: string;
      operation: Operation;
      level: LogLevel;
      msg: string;
      kv?: Record<string, unknown>;
      /** logr logger name, when the plugin used WithName. */
      name?: string;
      source: 'plugin' | 'output' | 'host';
      at: string;
    }
  /** A step that may take a while (fetching, building the runner or the plugin, running). */
  | { type: 'progress'; id: string; operation: Operation; step: ProgressStep; message: string; at: string };

export type ProgressStep =
  'queued' | 'resolve' | 'fetch-plugin' | 'check-plugin' | 'build-plugin' | 'build-runner' | 'run' | 'done';

export type HostEventListener = (event: HostEvent) => void;

/** One line for a terminal: `12:00:01 info  ns/name install: msg key=value`. */
export function formatEvent(event: HostEvent): string {
  const time = event.at.slice(11, 19);
  switch (event.type) {
    case 'phase':
      return `${time} phase ${event.id}: ${event.previous ? `${event.previous} → ` : ''}${event.phase} (${event.message})`;
    case 'progress':
      return `${time} ...   ${event.id} ${event.operation}: ${event.message}`;
    case 'log': {
      const kv = event.kv
        ? Object.entries(event.kv)
            .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
            .join(' ')
        : '';
      const name = event.name ? `[${event.name}] ` : '';
      return `${time} ${event.level.padEnd(5)} ${event.id} ${event.operation}: ${name}${event.msg}${kv ? ' ' + kv : ''}`;
    }
  }
}
