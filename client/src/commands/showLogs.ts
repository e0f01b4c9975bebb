// Forkspacer: Show Logs — the "Forkspacer" output channel (host and plugin records at their levels).
import type { Ctx } from '../ctx';

export function showLogs(ctx: Ctx) {
  return (): void => ctx.log.show(true);
}
