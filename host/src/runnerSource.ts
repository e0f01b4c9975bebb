// Where the runner's Go sources are: `runner/` at the package root (next to dist/ in the packaged
// extension, next to out/ when compiled by tsc).
import { existsSync, promises as fs } from 'node:fs';
import { dirname, join } from 'node:path';
import { sha256 } from './hashing';

let sourceDir: string | undefined;

export function findRunnerSource(): string {
  if (sourceDir) return sourceDir;
  for (let dir = __dirname; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'runner', 'main.go'))) return (sourceDir = join(dir, 'runner'));
    if (dirname(dir) === dir) break;
  }
  throw new Error(`the runner's Go sources (runner/main.go) were not found above ${__dirname}`);
}

let hash: Promise<string> | undefined;

export function runnerSourceHash(): Promise<string> {
  hash ??= (async () => {
    const dir = findRunnerSource();
    const files = (await fs.readdir(dir)).filter((f) => f.endsWith('.go')).sort();
    return sha256(...(await Promise.all(files.map(async (f) => f + (await fs.readFile(join(dir, f), 'utf8'))))));
  })();
  return hash;
}
