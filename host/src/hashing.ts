// Content hashes for cache keys: a build is reused only when everything it was built from is the same.
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { join, relative } from 'node:path';

export function sha256(...parts: (string | Buffer)[]): string {
  const hash = createHash('sha256');
  for (const part of parts) {
    hash.update(part);
    hash.update('\0');
  }
  return hash.digest('hex');
}

const SKIP_DIRS = new Set(['node_modules', 'vendor', 'testdata']);

/**
 * Hash of the Go sources of a module folder: every .go, go.mod and go.sum below it, skipping hidden
 * folders and nested modules (their own go.mod). Paths are part of the hash, so renames count.
 */
export async function hashGoSources(root: string): Promise<string> {
  const files: string[] = [];
  async function walk(dir: string, top: boolean): Promise<void> {
    const entries = await fs.readdir(dir, { withFileTypes: true });
    if (!top && entries.some((e) => e.isFile() && e.name === 'go.mod')) return;
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!entry.name.startsWith('.') && !entry.name.startsWith('_') && !SKIP_DIRS.has(entry.name))
          await walk(path, false);
      } else if (entry.isFile() && (entry.name.endsWith('.go') || entry.name === 'go.mod' || entry.name === 'go.sum')) {
        files.push(path);
      }
    }
  }
  await walk(root, true);
  files.sort();
  const hash = createHash('sha256');
  for (const file of files) {
    hash.update(relative(root, file));
    hash.update('\0');
    hash.update(await fs.readFile(file));
    hash.update('\0');
  }
  return hash.digest('hex');
}
