// The Go module a plugin belongs to: found on disk (a go.mod above the source folder or the .so) or,
// for a prebuilt plugin from elsewhere, rebuilt from the module versions recorded in the .so itself.
import { existsSync, promises as fs } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { runCommand } from './command';
import { goEnv, type BuildInfo, type GoEnv } from './goToolchain';
import { hashGoSources } from './hashing';

export function findGoModDir(start: string): string | undefined {
  for (let dir = resolve(start); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'go.mod'))) return dir;
    if (dirname(dir) === dir) return undefined;
  }
}

interface GoModJson {
  Module?: { Path: string };
  Go?: string;
  Toolchain?: string;
  Require?: { Path: string; Version: string; Indirect?: boolean }[];
  Exclude?: { Path: string; Version: string }[];
  Replace?: { Old: { Path: string; Version?: string }; New: { Path: string; Version?: string } }[];
}

export interface ModuleFacts {
  dir: string;
  goMod: string;
  goSum: string;
  /** `go mod edit -replace` arguments that make local replacements absolute (the runner builds elsewhere). */
  replaceEdits: string[];
  /** Changes whenever anything the module builds from changes (requirements, go.sum, local replacements). */
  fingerprint: string;
}

export async function readModuleFacts(go: GoEnv, dir: string, timeoutMs: number): Promise<ModuleFacts> {
  const edit = await runCommand(go.goBinary, ['mod', 'edit', '-json'], { cwd: dir, env: goEnv(go), timeoutMs });
  if (edit.code !== 0) throw new Error(`cannot read ${join(dir, 'go.mod')}: ${edit.output.trim()}`);
  const json = JSON.parse(edit.output) as GoModJson;
  const replaceEdits: string[] = [];
  const localHashes: string[] = [];
  for (const r of json.Replace ?? []) {
    if (r.New.Version) continue; // module@version replacement: same meaning anywhere
    const target = isAbsolute(r.New.Path) ? r.New.Path : resolve(dir, r.New.Path);
    r.New.Path = target;
    const old = r.Old.Version ? `${r.Old.Path}@${r.Old.Version}` : r.Old.Path;
    replaceEdits.push(`-replace=${old}=${target}`);
    localHashes.push(existsSync(target) ? await hashGoSources(target) : 'missing');
  }
  const goMod = await fs.readFile(join(dir, 'go.mod'), 'utf8');
  const goSum = await fs.readFile(join(dir, 'go.sum'), 'utf8').catch(() => '');
  const { Go, Toolchain, Require, Exclude, Replace } = json;
  const fingerprint = JSON.stringify({ Go, Toolchain, Require, Exclude, Replace, goSum, localHashes });
  return { dir, goMod, goSum, replaceEdits, fingerprint };
}

/** A go.mod that requires exactly the module versions a prebuilt plugin was linked with. */
export function goModFromBuildInfo(info: BuildInfo, goDirective: string): { goMod: string; problems: string[] } {
  const problems: string[] = [];
  const require: string[] = [];
  const replace: string[] = [];
  for (const dep of info.deps) {
    require.push(`\t${dep.path} ${dep.version}`);
    if (!dep.replace) continue;
    if (dep.replace.version) replace.push(`\t${dep.path} => ${dep.replace.path} ${dep.replace.version}`);
    else if (isAbsolute(dep.replace.path) && existsSync(dep.replace.path))
      replace.push(`\t${dep.path} => ${dep.replace.path}`);
    else problems.push(`${dep.path} was replaced by the local folder ${dep.replace.path}, which is not available here`);
  }
  const goMod = [
    'module forkspacer.local/runner',
    '',
    `go ${goDirective}`,
    '',
    'require (',
    ...require,
    ')',
    ...(replace.length ? ['', 'replace (', ...replace, ')'] : []),
    '',
  ].join('\n');
  return { goMod, problems };
}
