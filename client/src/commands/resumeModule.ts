// Forkspacer: Resume — runs the module's plugin Resume in the local host (allowed phases: commands/phaseActionsModel.ts).
import type { Ctx } from '../ctx';
import { runLifecycle } from './lifecycle';

export function resumeModule(ctx: Ctx) {
  return (arg?: unknown): Promise<void> => runLifecycle(ctx, 'resume', arg);
}
