// Which `forkspacer run` operation the operator's phase allows, and when the phase has settled (issue 9).
// Operator v0.1.7 (internal/controller/module_controller.go): install = create the Module (installing → ready |
// failed, failed is terminal); sleep/resume flip spec.hibernated (ready → sleeping → sleeped, sleeped → resuming →
// ready); uninstall = delete (uninstalling → gone). A transient phase means a plugin call is in flight.
import type { RunOperation } from './types';

/** '' is a Module the operator has not reconciled yet; 'absent' one that does not exist. */
export type ClusterPhase = string;

const TRANSIENT = new Set(['', 'installing', 'sleeping', 'resuming', 'uninstalling']);

export function isTransientPhase(phase: ClusterPhase): boolean {
  return TRANSIENT.has(phase);
}

/** Operations the phase allows (`absent`: the Module does not exist in the cluster). */
export function allowedOperations(phase: ClusterPhase | 'absent', deleting = false): RunOperation[] {
  if (phase === 'absent') return ['install'];
  if (deleting || TRANSIENT.has(phase)) return [];
  if (phase === 'ready') return ['sleep', 'uninstall'];
  if (phase === 'sleeped') return ['resume', 'uninstall'];
  if (phase === 'failed') return ['uninstall'];
  return ['uninstall'];
}

/** Why `op` is refused in `phase`, or undefined when it is allowed. */
export function refusalFor(op: RunOperation, phase: ClusterPhase | 'absent', deleting = false): string | undefined {
  const allowed = allowedOperations(phase, deleting);
  if (allowed.includes(op)) return undefined;
  if (phase === 'absent') return `cannot ${op}: the Module does not exist in the cluster; install it first`;
  if (deleting) return `cannot ${op}: the Module is being deleted`;
  if (TRANSIENT.has(phase))
    return `cannot ${op}: the Module is ${phase || 'not reconciled yet'}; wait for the operator to finish`;
  if (op === 'install')
    return `cannot install: the Module already exists (${phase}); use Apply to change it, or uninstall it first`;
  if (phase === 'failed' && (op === 'sleep' || op === 'resume'))
    return `cannot ${op}: the Module failed (the operator does not retry a failed Module); uninstall it and install again`;
  return `cannot ${op}: the Module is ${phase} (allowed: ${allowed.join(', ') || 'none'})`;
}

/**
 * Whether the phase has settled for `op`: the result phase, or undefined while still moving.
 * `hibernated` is spec.hibernated as last seen (a `ready` seen just after sending Sleep is the old status).
 */
export function settledPhase(
  op: RunOperation,
  phase: ClusterPhase | 'removed',
  hibernated: boolean | undefined,
): 'ready' | 'sleeped' | 'removed' | 'failed' | undefined {
  // A deleted Module keeps its last phase (failed, too) until the operator's Uninstall ends: only its removal
  // (or an UninstallError, which run() watches for) settles an uninstall.
  if (op === 'uninstall') return phase === 'removed' ? 'removed' : undefined;
  if (phase === 'failed') return 'failed';
  if (phase === 'removed') return 'removed';
  if (op === 'install') return phase === 'ready' ? 'ready' : phase === 'sleeped' ? 'sleeped' : undefined;
  if (op === 'sleep') return phase === 'sleeped' && hibernated !== false ? 'sleeped' : undefined;
  return phase === 'ready' && hibernated !== true ? 'ready' : undefined;
}
