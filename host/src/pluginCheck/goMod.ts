// The plugin module's own facts, read with the go command: its go.mod (`go mod edit -json`: go directive,
// toolchain) and its build list (`go list -m -json all`: every module version MVS selects, with replacements).
import { runCommand } from '../command';
import { goEnv, type GoEnv } from '../goToolchain';

export interface BuildListModule {
  Path: string;
  Version?: string;
  Main?: boolean;
  Replace?: { Path: string; Version?: string };
}

export interface PluginGoMod {
  go?: string;
  toolchain?: string;
  buildList?: BuildListModule[];
  /** Why the build list could not be read (missing go.sum entries, a broken go.mod, no network). */
  buildListError?: string;
}

/** Splits the concatenated JSON objects `go list -m -json` prints. */
export function parseJsonStream<T>(text: string): T[] {
  const out: T[] = [];
  let depth = 0;
  let start = -1;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{') {
      if (depth++ === 0) start = i;
    } else if (c === '}' && --depth === 0 && start >= 0) {
      out.push(JSON.parse(text.slice(start, i + 1)) as T);
      start = -1;
    }
  }
  return out;
}

export async function readPluginGoMod(go: GoEnv, dir: string, timeoutMs: number, signal?: AbortSignal) {
  const env = goEnv(go, { GOFLAGS: '-mod=readonly' });
  const out: PluginGoMod = {};
  const edit = await runCommand(go.goBinary, ['mod', 'edit', '-json'], { cwd: dir, env, timeoutMs, signal });
  if (edit.code === 0) {
    try {
      const json = JSON.parse(edit.output) as { Go?: string; Toolchain?: string };
      out.go = json.Go;
      out.toolchain = json.Toolchain;
    } catch {
      // reported through the build list below
    }
  }
  const list = await runCommand(go.goBinary, ['list', '-m', '-json', 'all'], {
    cwd: dir,
    env,
    timeoutMs,
    signal,
    maxOutput: 8 << 20,
  });
  if (list.code === 0) out.buildList = parseJsonStream<BuildListModule>(list.output);
  else out.buildListError = list.output.trim() || (list.timedOut ? 'timed out' : 'go list -m all failed');
  return out;
}
