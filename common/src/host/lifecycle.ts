// The module lifecycle as data: which request may start from which phase, the phase shown while it runs,
// and where it ends. Mirrors the operator (FORKSPACER.md, Lifecycle) with the host's improvements:
// a failed Sleep/Resume/Uninstall returns to the last good phase (the operator leaves it stuck), and a
// failed Install may be retried (the operator makes it terminal).

export const PHASES = [
  'installing',
  'ready',
  'sleeping',
  'sleeped',
  'resuming',
  'uninstalling',
  'failed',
  'removed',
] as const;
export type Phase = (typeof PHASES)[number];

export const OPERATIONS = ['install', 'sleep', 'resume', 'uninstall'] as const;
export type Operation = (typeof OPERATIONS)[number];

/** 'new' stands for a module the host has no record of. */
export type StartPhase = Phase | 'new';

export interface Transition {
  /** Phases the request is accepted from. */
  from: readonly StartPhase[];
  /** Phase while the plugin runs. */
  during: Phase;
  /** Phase after the plugin returned without error. */
  success: Phase;
  /** Phase after an error: a fixed phase, or 'previous' (the last good phase is kept). */
  failure: Phase | 'previous';
}

export const TRANSITIONS: Readonly<Record<Operation, Transition>> = {
  // operator: installing → ready / failed. The host also accepts a retry after a failed or removed install.
  install: { from: ['new', 'failed', 'removed'], during: 'installing', success: 'ready', failure: 'failed' },
  // operator: ready + hibernated=true → sleeping → sleeped.
  sleep: { from: ['ready'], during: 'sleeping', success: 'sleeped', failure: 'previous' },
  // operator: sleeped + hibernated=false → resuming → ready.
  resume: { from: ['sleeped'], during: 'resuming', success: 'ready', failure: 'previous' },
  // operator: delete → uninstalling → removed (a failed module may be uninstalled too).
  uninstall: { from: ['ready', 'sleeped', 'failed'], during: 'uninstalling', success: 'removed', failure: 'previous' },
};

/** Phases during which a plugin call is in flight. */
export const TRANSIENT_PHASES: readonly Phase[] = OPERATIONS.map((op) => TRANSITIONS[op].during);

export function isTransient(phase: StartPhase): boolean {
  return phase !== 'new' && TRANSIENT_PHASES.includes(phase);
}

export type Admission = { ok: true; transition: Transition } | { ok: false; reason: string };

/** Whether `operation` may start on a module in `phase`; a refusal says why and what would work. */
export function admit(phase: StartPhase, operation: Operation): Admission {
  const transition = TRANSITIONS[operation];
  if (transition.from.includes(phase)) return { ok: true, transition };
  return { ok: false, reason: refusal(phase, operation) };
}

function refusal(phase: StartPhase, operation: Operation): string {
  if (isTransient(phase)) return `cannot ${operation}: the module is ${phase}; wait for it to finish`;
  if (phase === 'new') return `cannot ${operation}: the module is not installed; install it first`;
  if (operation === 'install') return `cannot install: the module is already installed (${phase}); uninstall it first`;
  if (phase === 'removed') return `cannot ${operation}: the module was uninstalled; install it again first`;
  const allowed = OPERATIONS.filter((op) => TRANSITIONS[op].from.includes(phase));
  return `cannot ${operation}: the module is ${phase} (allowed: ${allowed.join(', ') || 'none'})`;
}

/** The phase after an operation ended. `previous` is the phase the module had before it started. */
export function phaseAfter(operation: Operation, outcome: 'success' | 'failure', previous: StartPhase): Phase {
  const transition = TRANSITIONS[operation];
  if (outcome === 'success') return transition.success;
  if (transition.failure !== 'previous') return transition.failure;
  // 'new' only precedes install, whose failure phase is fixed; keep the type total anyway.
  return previous === 'new' ? 'failed' : previous;
}
