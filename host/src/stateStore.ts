// One JSON file per module in the state folder. Every write goes to a temp file in the same folder,
// is fsynced, then renamed over the target (rename is atomic on POSIX), so a kill at any moment leaves
// either the old or the new file, never a half-written one. Stray temp files are ignored and swept.
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { RECORD_VERSION, type ModuleRecord } from '../../common/src/host/record';
import { goJson } from '../../common/src/goYaml';

const SUFFIX = '.module.json';

/** A state file that cannot be used; the file is left as it is, for the user to look at. */
export class StateError extends Error {
  override name = 'StateError';
}

/** Lock files held by this process (by any host in it). */
const heldLocks = new Set<string>();

const reason = (error: unknown) => (error instanceof Error ? error.message : String(error));

export interface StateStore {
  readonly dir: string;
  /** The readable records (an unreadable one is left out here; `get` of its id explains it). */
  list(): Promise<ModuleRecord[]>;
  /** Throws a `StateError` naming the file when the record cannot be read or was written by another version. */
  get(id: string): Promise<ModuleRecord | undefined>;
  put(record: ModuleRecord): Promise<void>;
  /**
   * Takes the module's lock file (`<record>.lock`, created exclusively) for one operation, so two host processes
   * (two VS Code windows, a window and the CLI) never run operations on one module at once. A lock whose process
   * is gone is taken over. Returns the release function, or the pid of the live process holding it.
   */
  lock(id: string): Promise<{ ok: true; release: () => Promise<void> } | { ok: false; pid: number }>;
  /** Where a module's file lives (for tests and the README). */
  pathOf(id: string): string;
}

/** `default/my-app` → `default__my-app.module.json` (namespace and name are DNS labels: no `__`, no `/`). */
export function fileNameOf(id: string): string {
  return id.replace('/', '__') + SUFFIX;
}

export function createStateStore(dir: string): StateStore {
  let ready: Promise<void> | undefined;
  const ensureDir = () =>
    (ready ??= fs
      .mkdir(dir, { recursive: true })
      .then(() => sweepTemps(dir))
      .catch((error: unknown) => {
        ready = undefined; // tried again next time (the folder may be writable by then)
        throw new StateError(`cannot use the state folder ${dir}: ${reason(error)}`);
      }));
  let counter = 0;

  async function read(file: string): Promise<ModuleRecord | undefined> {
    let text: string;
    try {
      text = await fs.readFile(join(dir, file), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
    const path = join(dir, file);
    let value: ModuleRecord;
    try {
      value = JSON.parse(text) as ModuleRecord;
    } catch (error) {
      throw new StateError(
        `the state file ${path} is not valid JSON (${reason(error)}); it was left as it is: restore or delete it`,
      );
    }
    if (!value || typeof value !== 'object' || typeof value.phase !== 'string' || typeof value.id !== 'string')
      throw new StateError(`the state file ${path} is not a module record; it was left as it is: restore or delete it`);
    if (value.version !== RECORD_VERSION)
      throw new StateError(
        `the state file ${path} was written by another version of Forkspacer (record version ${String(value.version)}, this one reads ${RECORD_VERSION}); it was left as it is`,
      );
    return value;
  }

  return {
    dir,
    pathOf: (id) => join(dir, fileNameOf(id)),
    async list() {
      await ensureDir();
      const files = (await fs.readdir(dir)).filter((f) => f.endsWith(SUFFIX)).sort();
      const records = await Promise.all(files.map((f) => read(f).catch(() => undefined)));
      return records.filter((r): r is ModuleRecord => r !== undefined);
    },
    async get(id) {
      await ensureDir();
      return read(fileNameOf(id));
    },
    async put(record) {
      await ensureDir();
      const target = join(dir, fileNameOf(record.id));
      const temp = `${target}.${process.pid}.${++counter}.tmp`;
      try {
        const handle = await fs.open(temp, 'w');
        try {
          await handle.writeFile(goJson(record, 2) + '\n');
          await handle.sync();
        } finally {
          await handle.close();
        }
        await fs.rename(temp, target);
      } catch (error) {
        // A full or read-only folder: the previous record stays, and no partial temp file is left to fill it.
        await fs.rm(temp, { force: true }).catch(() => undefined);
        throw new StateError(`cannot save the state of ${record.id} in ${dir}: ${reason(error)}`);
      }
    },
    async lock(id) {
      await ensureDir();
      const path = `${join(dir, fileNameOf(id))}.lock`;
      for (let attempt = 0; attempt < 3; attempt++) {
        try {
          await fs.writeFile(path, `${process.pid}\n`, { flag: 'wx' });
          heldLocks.add(path);
          return {
            ok: true,
            release: async () => {
              heldLocks.delete(path);
              await fs.rm(path, { force: true });
            },
          };
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'EEXIST')
            throw new StateError(`cannot lock ${id} in ${dir}: ${reason(error)}`);
        }
        const pid = Number((await fs.readFile(path, 'utf8').catch(() => '')).trim());
        if (heldLocks.has(path)) return { ok: false, pid: process.pid };
        if (pid && pid !== process.pid && isProcessAlive(pid)) return { ok: false, pid };
        // Left by a dead process (or half-written by one): take it over. Of two hosts doing so at once, the
        // exclusive create above lets only one win.
        await fs.rm(path, { force: true });
      }
      throw new StateError(`cannot lock ${id} in ${dir}: its lock file keeps changing`);
    },
  };
}

/**
 * Temp files of writers that died before their rename, and lock files of hosts that died during an operation: their
 * process is gone, so nobody will finish or release them.
 */
async function sweepTemps(dir: string): Promise<void> {
  for (const file of await fs.readdir(dir)) {
    if (file.endsWith(`${SUFFIX}.lock`)) {
      const path = join(dir, file);
      const pid = Number((await fs.readFile(path, 'utf8').catch(() => '')).trim());
      if (!heldLocks.has(path) && !(pid && isProcessAlive(pid)))
        await fs.rm(path, { force: true }).catch(() => undefined);
      continue;
    }
    const match = /\.(\d+)\.\d+\.tmp$/.exec(file);
    if (match && !isProcessAlive(Number(match[1])))
      await fs.rm(join(dir, file), { force: true }).catch(() => undefined);
  }
}

export function isProcessAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
