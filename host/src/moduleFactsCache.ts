// Module facts change only when go.mod or go.sum change: remember them per folder and file times,
// so a warm operation does not run `go mod edit` again.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import type { GoEnv } from './goToolchain';
import { readModuleFacts, type ModuleFacts } from './goModule';

const cache = new Map<string, Promise<ModuleFacts>>();

function stamp(file: string): string {
  try {
    const s = statSync(file);
    return `${s.mtimeMs}:${s.size}`;
  } catch {
    return 'none';
  }
}

export function readModuleFactsCached(go: GoEnv, dir: string, timeoutMs: number): Promise<ModuleFacts> {
  const key = [go.goBinary, dir, stamp(join(dir, 'go.mod')), stamp(join(dir, 'go.sum'))].join('\0');
  let facts = cache.get(key);
  if (!facts) {
    facts = readModuleFacts(go, dir, timeoutMs);
    cache.set(key, facts);
    facts.catch(() => cache.delete(key));
  }
  return facts;
}
