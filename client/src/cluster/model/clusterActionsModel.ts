// Which actions a live Module or Workspace offers, from what the operator v0.1.7 does in each phase. The tree's
// context values carry them (`can-sleep`), so package.json menus never repeat the table. Pure.
import type { ModuleView, WorkspaceView } from '../../../../cluster/src/types';

export type ModuleClusterAction = 'sleep' | 'resume' | 'delete' | 'removeFinalizer' | 'diff';
export type WorkspaceClusterAction = 'hibernate' | 'resume' | 'fork' | 'delete';

/** The phases the operator passes through on its own: nothing is offered until they settle. */
const TRANSIENT = new Set(['installing', 'sleeping', 'resuming', 'uninstalling']);

export interface ModuleActionInputs {
  module: ModuleView;
  /** A Module file with this namespace/name is in the workspace (Diff compares it with the live object). */
  hasFile: boolean;
  /** The backend recognised the operator's stuck deletion (isStuckDeletion). */
  stuck: boolean;
}

export function moduleActions({ module, hasFile, stuck }: ModuleActionInputs): ModuleClusterAction[] {
  const actions: ModuleClusterAction[] = [];
  if (module.deleting) {
    // Deleting: only the way out of the operator's stuck deletion (the finalizer) is offered.
    if (stuck) actions.push('removeFinalizer');
    if (hasFile) actions.push('diff');
    return actions;
  }
  // operator: spec.hibernated true on a ready Module → sleeping → sleeped; false on a sleeped one → resuming → ready.
  // A failed Module is terminal (only delete); a transient phase means a plugin call is running.
  if (module.phase === 'ready' && !module.hibernated) actions.push('sleep');
  if (module.phase === 'sleeped') actions.push('resume');
  if (!TRANSIENT.has(module.phase)) actions.push('delete');
  if (hasFile) actions.push('diff');
  return actions;
}

export function workspaceActions(workspace: WorkspaceView): WorkspaceClusterAction[] {
  if (workspace.deleting) return [];
  return [workspace.hibernated ? 'resume' : 'hibernate', 'fork', 'delete'];
}

/** `clusterModule phase-ready can-sleep can-delete`: menus match `viewItem =~ /\bcan-sleep\b/`. */
export function moduleContextValue(inputs: ModuleActionInputs): string {
  const phase = inputs.module.phase || 'pending';
  return ['clusterModule', `phase-${phase}`, ...moduleActions(inputs).map((a) => `can-${a}`)].join(' ');
}

export function workspaceContextValue(workspace: WorkspaceView): string {
  const phase = workspace.phase || 'pending';
  return ['clusterWorkspace', `phase-${phase}`, ...workspaceActions(workspace).map((a) => `can-${a}`)].join(' ');
}

/** Phase shown for a Module: the operator writes no phase before its first reconcile. */
export function modulePhaseLabel(module: ModuleView): string {
  if (module.deleting && module.phase !== 'uninstalling') return `${module.phase || 'pending'}, deleting`;
  return module.phase || 'pending';
}

export function workspacePhaseLabel(workspace: WorkspaceView): string {
  const phase = workspace.phase || 'pending';
  if (workspace.deleting) return `${phase}, deleting`;
  // The user asked for hibernation and the operator has not got there yet (or the other way round).
  if (workspace.hibernated && phase === 'ready') return 'ready, hibernating';
  if (!workspace.hibernated && phase === 'hibernated') return 'hibernated, resuming';
  return phase;
}

/** A codicon per phase, like the Modules view's. */
export function clusterPhaseIcon(phase: string, deleting = false): { id: string; color?: string } {
  if (deleting) return { id: 'trash', color: 'charts.orange' };
  switch (phase) {
    case 'ready':
      return { id: 'pass-filled', color: 'testing.iconPassed' };
    case 'failed':
      return { id: 'error', color: 'testing.iconFailed' };
    case 'sleeped':
    case 'hibernated':
      return { id: 'debug-pause', color: 'charts.blue' };
    case 'installing':
    case 'sleeping':
    case 'resuming':
    case 'uninstalling':
    case 'terminating':
      return { id: 'loading~spin' };
    default:
      return { id: 'circle-outline' };
  }
}
