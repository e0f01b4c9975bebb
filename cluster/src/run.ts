// `run install|sleep|resume|uninstall` against the cluster (issue 9): refuse what the phase does not allow before
// sending anything, send it (apply / spec.hibernated / delete), then follow the Module with one watch until the
// phase settles (ready, sleeped, removed, failed), reporting phase changes and the operator's Warning events.
import type { Backend } from './backend';
import { stuckDeletion } from './backend';
import { identify } from './documents';
import { cancelled, ClusterError } from './errors';
import { refusalFor, settledPhase } from './phases';
import type { ClusterEvent, KubeObject, ModuleView, RunOperation, RunOptions, RunResult } from './types';

const EVENT_POLL_MS = 1000;

export async function runOperation(
  backend: Backend,
  op: RunOperation,
  doc: KubeObject,
  options: RunOptions = {},
): Promise<RunResult> {
  const { kind, namespace, name } = identify(doc, ['Module']);
  void kind;
  const signal = options.signal;
  const current = await backend.getModule(namespace, name, signal);
  const refused = refusalFor(op, current ? current.phase : 'absent', current?.deleting);
  if (refused) return { ok: false, phase: current?.phase ?? 'absent', refused, events: [], module: current };
  if (op === 'install') {
    // The operator installs only into an existing Workspace; say so instead of waiting for a phase that never comes.
    const ws = (doc.spec as { workspace?: { name?: string; namespace?: string } } | undefined)?.workspace;
    const wsNamespace = ws?.namespace || 'default';
    if (ws?.name && !(await backend.workspaceExists(wsNamespace, ws.name, signal)))
      return {
        ok: false,
        phase: 'absent',
        refused: `cannot install: Workspace ${wsNamespace}/${ws.name} does not exist in context "${backend.context}"`,
        events: [],
      };
  }
  const seenEvents = new Set<string>();
  if (current) for (const e of await backend.moduleEvents(namespace, name, signal)) seenEvents.add(eventKey(e));
  return follow(backend, op, namespace, name, options, seenEvents, async () => {
    if (op === 'install') await backend.apply(doc, signal);
    else if (op === 'sleep') await backend.setModuleHibernated(namespace, name, true, signal);
    else if (op === 'resume') await backend.setModuleHibernated(namespace, name, false, signal);
    else await backend.deleteModule(namespace, name, signal);
  });
}

function eventKey(e: ClusterEvent): string {
  return `${e.uid}/${e.count}`;
}

/** Watches Module namespace/name, runs `send`, and resolves when the phase settles for `op`. */
async function follow(
  backend: Backend,
  op: RunOperation,
  namespace: string,
  name: string,
  options: RunOptions,
  seenEvents: Set<string>,
  send: () => Promise<void>,
): Promise<RunResult> {
  const { signal } = options;
  const timeoutS = options.timeoutS ?? 300;
  const events: ClusterEvent[] = [];
  const model = backend.watchModuleByName(namespace, name);
  let lastPhase: string | undefined;
  let module: ModuleView | undefined;
  let sent = false;
  let seen = false;
  let settle: (r: RunResult) => void = () => undefined;
  let fail: (e: unknown) => void = () => undefined;
  const done = new Promise<RunResult>((resolve, reject) => {
    settle = resolve;
    fail = reject;
  });
  let finished = false;
  const finish = (r: RunResult | Error) => {
    if (finished) return;
    finished = true;
    if (r instanceof Error) fail(r);
    else settle(r);
  };

  const check = () => {
    if (!sent || finished) return;
    const items = model.items;
    module = items.find((m) => m.name === name && m.namespace === namespace);
    // Until the created Module shows up in the watch, its absence is not a removal.
    if (module) seen = true;
    else if (!seen) return;
    const phase = module ? module.phase : 'removed';
    if (phase !== lastPhase) {
      lastPhase = phase;
      options.onPhase?.(phase, module);
    }
    const settled = settledPhase(op, phase, module?.hibernated);
    if (settled) finish({ ok: settled !== 'failed', phase: settled, message: module?.message, events, module });
    else if (op === 'uninstall' && module) {
      // The operator retries a failed Uninstall forever (the finalizer stays): a new UninstallError ends the wait.
      const stuck = stuckDeletion(module, events);
      const failure = events.find((e) => e.reason === 'UninstallError');
      if (stuck.stuck) finish({ ok: false, phase: 'failed', message: stuck.reason, events, module });
      else if (failure) finish({ ok: false, phase: 'failed', message: failure.message, events, module });
    }
  };

  const pollEvents = async () => {
    if (finished) return;
    try {
      for (const e of await backend.moduleEvents(namespace, name)) {
        const k = eventKey(e);
        if (seenEvents.has(k)) continue;
        seenEvents.add(k);
        events.push(e);
        options.onEvent?.(e);
      }
      check();
    } catch {
      // events are informative; the phase decides
    }
  };

  const unsubscribe = model.onChange((change) => {
    if (change.type === 'error' && change.error.kind !== 'unreachable')
      finish(new ClusterError(change.error.kind, change.error.message));
    else check();
  });
  const timer = setTimeout(
    () =>
      finish(
        new ClusterError(
          'timeout',
          `Module ${namespace}/${name}: the phase did not settle within ${timeoutS} s (last phase: ${lastPhase || 'none'}).`,
        ),
      ),
    timeoutS * 1000,
  );
  const poller = setInterval(() => void pollEvents(), EVENT_POLL_MS);
  const onAbort = () => finish(cancelled(`waiting for Module ${namespace}/${name}`));
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    await model.ready();
    seen = model.items.length > 0;
    lastPhase = model.items[0]?.phase ?? (op === 'install' ? 'absent' : undefined);
    await send();
    sent = true;
    check();
    const result = await done;
    await pollEvents().catch(() => undefined);
    // The last events may arrive a moment after a failed phase: give them one more look.
    if (!result.ok && result.events.length === 0) {
      await new Promise((r) => setTimeout(r, EVENT_POLL_MS));
      finished = false;
      await pollEvents();
      finished = true;
    }
    return result;
  } catch (error) {
    finished = true;
    throw error;
  } finally {
    clearTimeout(timer);
    clearInterval(poller);
    signal?.removeEventListener('abort', onAbort);
    unsubscribe();
    model.dispose();
  }
}

/** Deletes the live Module (waiting until it is gone) and installs the document anew (immutable-field changes). */
export async function recreate(backend: Backend, doc: KubeObject, options: RunOptions = {}): Promise<RunResult> {
  const { namespace, name } = identify(doc, ['Module']);
  const current = await backend.getModule(namespace, name, options.signal);
  if (current && !current.deleting) {
    const removed = await runOperation(backend, 'uninstall', doc, options);
    if (!removed.ok) return removed;
  } else if (current) {
    throw new ClusterError('conflict', `Module ${namespace}/${name} is being deleted; wait until it is gone.`);
  }
  return runOperation(backend, 'install', doc, options);
}
