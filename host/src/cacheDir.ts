// The default cache of plugins, runners and the plugin checker (shared by the host, the CLI and the language server).
import { homedir } from 'node:os';
import { join } from 'node:path';

export function defaultCacheDir(): string {
  return join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'forkspacer');
}
