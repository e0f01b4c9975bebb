// Which lifecycle commands a module offers in each phase. The table itself is the host's (common/src/host/
// lifecycle.ts, the operator's transitions as data): the tree's context values, the CodeLens and the commands
// all ask it, so the UI never offers what the host would refuse. Pure.
import {
  OPERATIONS,
  PHASES,
  TRANSITIONS,
  isTransient,
  type Operation,
  type Phase,
} from '../../../common/src/host/lifecycle';

export type HostPhase = Exclude<Phase, 'removed'>;
/** A Module document that the host has no record of (or whose record was uninstalled). */
export type ModulePhase = HostPhase | 'not-installed';
export type ModuleAction = Operation;
export const MODULE_ACTIONS = OPERATIONS;

export function allowedActions(phase: ModulePhase): readonly ModuleAction[] {
  const start = phase === 'not-installed' ? 'new' : phase;
  return OPERATIONS.filter((op) => TRANSITIONS[op].from.includes(start));
}

export function isAllowed(phase: ModulePhase, action: ModuleAction): boolean {
  return allowedActions(phase).includes(action);
}

/** An operation is running (the host serialises per module; the UI offers nothing until it ends). */
export function isBusy(phase: ModulePhase): boolean {
  return phase !== 'not-installed' && isTransient(phase);
}

/** Normalises what the host reports (unknown strings, `removed`, nothing) to a phase the UI shows. */
export function toModulePhase(phase: unknown): ModulePhase {
  if (typeof phase !== 'string' || phase === 'removed' || !(PHASES as readonly string[]).includes(phase))
    return 'not-installed';
  return phase as HostPhase;
}

/**
 * The tree item's `contextValue`: package.json menus match it with `viewItem =~ /\bcan-sleep\b/`, so the
 * manifest never repeats the phase table.
 */
export function moduleContextValue(phase: ModulePhase): string {
  return ['forkspacerModule', `phase-${phase}`, ...allowedActions(phase).map((a) => `can-${a}`)].join(' ');
}

/** "Install" / "Sleep" ... for titles and messages. */
export function actionTitle(action: ModuleAction): string {
  return action[0]!.toUpperCase() + action.slice(1);
}

/** The words shown while an action runs ("Installing my-app"). */
export function actionProgressTitle(action: ModuleAction): string {
  return { install: 'Installing', sleep: 'Putting to sleep', resume: 'Resuming', uninstall: 'Uninstalling' }[action];
}

export function phaseLabel(phase: ModulePhase): string {
  return phase === 'not-installed' ? 'not installed' : phase;
}
