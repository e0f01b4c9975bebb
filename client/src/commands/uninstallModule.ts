// Forkspacer: Uninstall — runs the module's plugin Uninstall in the local host (allowed phases: commands/phaseActionsModel.ts).
import type { Ctx } from '../ctx';
import { runLifecycle } from './lifecycle';

export function uninstallModule(ctx: Ctx) {
  return (arg?: unknown): Promise<void> => runLifecycle(ctx, 'uninstall', arg);
}
