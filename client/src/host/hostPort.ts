// What the client needs from the embedded host (host/src/index.ts: createHost). An interface, so the rest of the
// client does not care how the host is created and the views work before (or without) it.
import type { HostEvent } from '../../../common/src/host/index';
import type { ModuleRecordLike } from '../views/modulesModel';
import type { ModuleAction } from '../commands/phaseActionsModel';

export type { HostEvent };

export interface ModuleTarget {
  /** File system path of the Module file. */
  path: string;
  documentIndex: number;
  /** The host's id (namespace/name) when the module has a record. */
  id?: string;
}

/** What fixes a failed operation (host/src: OperationFix): `go mod tidy` in the plugin's module folder. */
export type OperationFix = { kind: 'go-mod-tidy'; dir: string };

export interface HostPort {
  /** Runs one lifecycle operation; resolves with the record after it (phase 'failed' or `error` set on failure). */
  run(
    action: ModuleAction,
    target: ModuleTarget,
    signal: AbortSignal,
  ): Promise<ModuleRecordLike & { fix?: OperationFix }>;
  /** `go mod tidy` in a plugin folder with the host's go; `progress` gets go's lines. */
  goModTidy(
    dir: string,
    signal: AbortSignal,
    progress: (line: string) => void,
  ): Promise<{ ok: boolean; error?: string }>;
  list(): Promise<ModuleRecordLike[]>;
  onEvent(listener: (event: HostEvent) => void): () => void;
  dispose(): void;
}
