// How many cores were idle over a span, from the cores' own idle times: `forkspacer validate` picks its threads by it
// and the language server whether to share a run with its worker (issue 12). A worker on a busy core only adds its
// work; the 1-minute load average lags a minute behind work that just ended, so it is only the fallback.
import { cpus } from 'node:os';

export interface CoreSample {
  at: number;
  idle: number;
  total: number;
  cores: number;
}

export function sampleCores(): CoreSample {
  let idle = 0;
  let total = 0;
  const all = cpus();
  for (const cpu of all) {
    idle += cpu.times.idle;
    total += cpu.times.user + cpu.times.nice + cpu.times.sys + cpu.times.idle + cpu.times.irq;
  }
  return { at: performance.now(), idle, total, cores: all.length };
}

/**
 * Cores idle from `since` to now (idle share of the cores' time, times their number); undefined where the platform
 * reports no per-core times (Windows gives none to some processes), or less than `minMs` passed.
 */
export function idleCoresSince(since: CoreSample, minMs = 0): number | undefined {
  const now = sampleCores();
  if (now.cores === 0 || now.total <= since.total || now.at - since.at < minMs) return undefined;
  return ((now.idle - since.idle) / (now.total - since.total)) * now.cores;
}
