// Forkspacer: Sleep — runs the module's plugin Sleep in the local host (allowed phases: commands/phaseActionsModel.ts).
import type { Ctx } from '../ctx';
import { runLifecycle } from './lifecycle';

export function sleepModule(ctx: Ctx) {
  return (arg?: unknown): Promise<void> => runLifecycle(ctx, 'sleep', arg);
}
