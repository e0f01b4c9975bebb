// Lines for the output channel while the Cluster view waits for the operator: phase changes and Warning events as
// they arrive. Pure.
import type { ClusterEvent, ModuleView } from '../../../../cluster/src/types';

/** Turns a stream of phases into "installing → ready" lines, dropping repeats. */
export class PhaseLog {
  private last: string | undefined;

  constructor(private readonly key: string) {}

  /** The line to log for this phase, or undefined when it did not change. */
  phase(phase: string, module?: Pick<ModuleView, 'message'>): string | undefined {
    const shown = phase || 'pending';
    if (shown === this.last) return undefined;
    const line = `${this.key}: ${this.last ? `${this.last} → ` : ''}${shown}${module?.message ? ` (${module.message})` : ''}`;
    this.last = shown;
    return line;
  }

  event(event: ClusterEvent): string {
    return `${this.key}: ${event.type} ${event.reason}: ${event.message}${event.count > 1 ? ` (×${event.count})` : ''}`;
  }
}
