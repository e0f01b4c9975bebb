// One JSON file per module in the state folder. Every write goes to a temp file in the same folder,
// is fsynced, then renamed over the target (rename is atomic on POSIX), so a kill at any moment leaves
// either the old or the new file, never a half-written one. Stray temp files are ignored and swept.
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { RECORD_VERSION, type ModuleRecord } from '../../common/src/host/record';
import { goJson } from '../../common/src/goYaml';

const SUFFIX = '.module.json';

export interface StateStore {
  readonly dir: string;
  list(): Promise<ModuleRecord[]>;
  get(id: string): Promise<ModuleRecord | undefined>;
  put(record: ModuleRecord): Promise<void>;
  /** Where a module's file lives (for tests and the README). */
  pathOf(id: string): string;
}

/** `default/my-app` → `default__my-app.module.json` (namespace and name are DNS labels: no `__`, no `/`). */
export function fileNameOf(id: string): string {
  return id.replace('/', '__') + SUFFIX;
}

export function createStateStore(dir: string): StateStore {
  let ready: Promise<void> | undefined;
  const ensureDir = () => (ready ??= fs.mkdir(dir, { recursive: true }).then(() => sweepTemps(dir)));
  let counter = 0;

  async function read(file: string): Promise<ModuleRecord | undefined> {
    let text: string;
    try {
      text = await fs.readFile(join(dir, file), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
    const value = JSON.parse(text) as ModuleRecord;
    return value && value.version === RECORD_VERSION ? value : undefined;
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
      const handle = await fs.open(temp, 'w');
      try {
        await handle.writeFile(goJson(record, 2) + '\n');
        await handle.sync();
      } finally {
        await handle.close();
      }
      await fs.rename(temp, target);
    },
  };
}

/** Temp files of writers that died before their rename; their process is gone, so nobody will finish them. */
async function sweepTemps(dir: string): Promise<void> {
  for (const file of await fs.readdir(dir)) {
    const match = /\.(\d+)\.\d+\.tmp$/.exec(file);
    if (match && !isProcessAlive(Number(match[1]))) await fs.rm(join(dir, file), { force: true });
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
