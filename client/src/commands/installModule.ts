// Forkspacer: Install — runs the module's plugin Install in the local host (allowed phases: commands/phaseActionsModel.ts).
import type { Ctx } from '../ctx';
import { runLifecycle } from './lifecycle';

export function installModule(ctx: Ctx) {
  return (arg?: unknown): Promise<void> => runLifecycle(ctx, 'install', arg);
}
