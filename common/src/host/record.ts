// What the host remembers about one module (one JSON file in the state folder) and the pure steps that
// change it. Like the operator's annotations (forkspacer.com/resource, base-module-config, manager-data),
// the resolved resource, the config and the plugin's metaData are stored at Install and reused later.
import type { ResourceDefinition } from '../types';
import { admit, phaseAfter, type Admission, type Operation, type Phase, type StartPhase } from './lifecycle';

export const RECORD_VERSION = 1;

export interface PluginRef {
  /** How the plugin was located. */
  kind: 'file' | 'http' | 'source' | 'configMap';
  /** What the definition said (URL, path, or configMap namespace/name). */
  location: string;
  /** The .so the runner loads (a cache path for http, configMap and source builds). */
  path?: string;
}

/** An operation in flight, written before the plugin runs: if the file still holds it after the owner died, it was interrupted. */
export interface InFlight {
  operation: Operation;
  startedAt: string;
  /** The phase before the operation started (the last good phase). */
  previousPhase: StartPhase;
  /** Process that runs it, to tell "still running elsewhere" from "its process died". */
  pid: number;
  hostId: string;
}

export interface ModuleRecord {
  version: typeof RECORD_VERSION;
  /** namespace/name */
  id: string;
  name: string;
  namespace: string;
  /** The Module file and document the module was installed from. */
  file: string;
  documentIndex: number;
  phase: Phase;
  lastMessage: string;
  /** ISO time of the last change. */
  lastActivity: string;
  /** The last operation's error, cleared by the next success. */
  error?: string;
  inFlight?: InFlight;
  /** Set on restart when an operation was left in flight by a dead process. */
  interrupted?: { operation: Operation; startedAt: string; detectedAt: string };
  /** The validated config with defaults applied (what NewManager receives). */
  config: Record<string, unknown>;
  /** Config values the operator passes as typed Go values rather than JSON-decoded ones (see runner). */
  goTypes: Record<string, 'int' | '[]string'>;
  /** The resolved resource definition (absent when Install failed before resolving it). */
  definition?: ResourceDefinition;
  resourceText?: string;
  /** The file the definition was read from when not the Module file (a mapped URL): its relative repo.file base. */
  resourceFile?: string;
  /** Where the plugin came from (absent when Install failed before locating it). */
  plugin?: PluginRef;
  /** The plugin's metaData after the last call (operator: annotation forkspacer.com/manager-data). */
  metaData: Record<string, unknown>;
}

export function moduleId(namespace: string, name: string): string {
  return `${namespace}/${name}`;
}

/** The phase a request is judged against: no record means 'new'. */
export function startPhaseOf(record: ModuleRecord | undefined): StartPhase {
  return record ? record.phase : 'new';
}

export function admitOn(record: ModuleRecord | undefined, operation: Operation): Admission {
  return admit(startPhaseOf(record), operation);
}

export function beginOperation(
  record: ModuleRecord,
  operation: Operation,
  owner: { pid: number; hostId: string },
  now: Date,
  previousPhase: StartPhase = record.phase,
): ModuleRecord {
  const during = admit(previousPhase, operation);
  const phase = during.ok ? during.transition.during : record.phase;
  return {
    ...record,
    phase,
    lastMessage: `${operation} started`,
    lastActivity: now.toISOString(),
    interrupted: undefined,
    inFlight: { operation, startedAt: now.toISOString(), previousPhase, ...owner },
  };
}

export function endOperation(
  record: ModuleRecord,
  outcome: { ok: true; message?: string } | { ok: false; error: string },
  now: Date,
): ModuleRecord {
  const inFlight = record.inFlight;
  if (!inFlight) return record;
  const phase = phaseAfter(inFlight.operation, outcome.ok ? 'success' : 'failure', inFlight.previousPhase);
  return {
    ...record,
    phase,
    inFlight: undefined,
    error: outcome.ok ? undefined : outcome.error,
    lastMessage: outcome.ok
      ? (outcome.message ?? `${inFlight.operation} succeeded`)
      : `${inFlight.operation} failed: ${firstLine(outcome.error)}`,
    lastActivity: now.toISOString(),
  };
}

/**
 * On restart: an operation whose owner process is gone was interrupted. The module goes back to the last
 * good phase (an interrupted install to 'failed': nothing is known to be installed) and says so.
 */
export function detectInterrupted(
  record: ModuleRecord,
  ownerAlive: (inFlight: InFlight) => boolean,
  now: Date,
): ModuleRecord {
  const inFlight = record.inFlight;
  if (!inFlight || ownerAlive(inFlight)) return record;
  const phase = phaseAfter(inFlight.operation, 'failure', inFlight.previousPhase);
  const message = `${inFlight.operation} was interrupted: the host process exited while it ran (started ${inFlight.startedAt}); the module is back to ${phase}, retry the operation`;
  return {
    ...record,
    phase,
    inFlight: undefined,
    interrupted: { operation: inFlight.operation, startedAt: inFlight.startedAt, detectedAt: now.toISOString() },
    error: message,
    lastMessage: message,
    lastActivity: now.toISOString(),
  };
}

export function firstLine(text: string): string {
  const line = text.split('\n', 1)[0];
  return line.length > 300 ? `${line.slice(0, 297)}...` : line;
}
