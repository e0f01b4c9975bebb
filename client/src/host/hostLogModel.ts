// How host events read in the "Forkspacer" output channel: one line per event, at the record's own level. Pure.
import type { HostEvent } from '../../../common/src/host/index';

export type LogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error';

/** logr levels and the host's level names → a LogOutputChannel method. */
export function logLevelOf(level: string | undefined): LogLevel {
  switch ((level ?? '').toLowerCase()) {
    case 'error':
    case 'fatal':
    case 'panic':
      return 'error';
    case 'warn':
    case 'warning':
      return 'warn';
    case 'debug':
    case 'v1':
      return 'debug';
    case 'trace':
    case 'v2':
      return 'trace';
    default:
      return 'info';
  }
}

/** `key=value` pairs the way logr prints them (strings quoted only when they contain spaces). */
export function formatKv(kv: Record<string, unknown> | undefined): string {
  if (!kv) return '';
  return Object.entries(kv)
    .map(
      ([k, v]) =>
        `${k}=${typeof v === 'string' ? (/[\s"=]/.test(v) || v === '' ? JSON.stringify(v) : v) : JSON.stringify(v)}`,
    )
    .join(' ');
}

/**
 * One output-channel line per host event; the channel adds the time and shows the level. The 'done' progress
 * step repeats the phase change's message: debug level.
 */
export function formatHostEvent(event: HostEvent): { level: LogLevel; line: string } {
  switch (event.type) {
    case 'phase': {
      const change = event.previous ? `${event.previous} → ${event.phase}` : event.phase;
      return {
        level: event.phase === 'failed' ? 'error' : 'info',
        line: `[${event.id}] phase ${change}: ${event.message}`,
      };
    }
    case 'progress':
      return {
        level: event.step === 'done' ? 'debug' : 'info',
        line: `[${event.id}] ${event.operation}: ${event.message}`,
      };
    case 'log': {
      const kv = formatKv(event.kv);
      const origin = event.source === 'plugin' ? `plugin${event.name ? `/${event.name}` : ''}` : event.source;
      return {
        level: logLevelOf(event.level),
        line: `[${event.id}] ${event.operation} ${origin}: ${event.msg}${kv ? ` ${kv}` : ''}`,
      };
    }
  }
}
