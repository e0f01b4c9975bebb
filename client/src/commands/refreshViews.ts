// Forkspacer: Refresh — rescans the workspace and re-reads the host state (the views also refresh on their own).
import type { Ctx } from '../ctx';

export function refreshViews(ctx: Ctx) {
  return (): Promise<void> => ctx.refreshAll();
}
