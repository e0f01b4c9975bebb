// What the operator's own binary is built from, read from the operator's module with the Go toolchain (never a
// hand-kept list): every package `go list -deps ./cmd` links into the manager (with CGO_ENABLED=1 and GOOS=linux,
// as its Dockerfile builds it) with the module and version it comes from, the go directive of its go.mod, and the
// Go image of its Dockerfile (`FROM golang:1.24`). Cached per operator version and toolchain.
import { existsSync, promises as fs } from 'node:fs';
import { join } from 'node:path';
import { runCommand } from '../command';
import { goEnv, goVersion, type GoEnv } from '../goToolchain';
import { sha256 } from '../hashing';

export const OPERATOR_MODULE = 'github.com/forkspacer/forkspacer';

export interface OperatorBuild {
  version: string;
  /** The operator's go.mod `go` directive (1.24.5) and toolchain line, if any. */
  goDirective: string;
  toolchain?: string;
  /** The Go release line its Dockerfile builds with (`1.24` from `FROM golang:1.24`), if found. */
  imageGo?: string;
  /** import path → [module path, version] of every non-standard package the manager binary links. */
  packages: Record<string, [string, string]>;
  /** module path → version, for every module the binary links a package of. */
  modules: Record<string, string>;
}

const memory = new Map<string, Promise<OperatorBuild>>();

export function operatorBuild(go: GoEnv, cacheDir: string, version: string, timeoutMs: number) {
  const v = version.startsWith('v') ? version : `v${version}`;
  const key = `${go.goBinary}\0${cacheDir}\0${v}`;
  let result = memory.get(key);
  if (!result) {
    result = readOperatorBuild(go, cacheDir, v, timeoutMs);
    memory.set(key, result);
    result.catch(() => memory.delete(key));
  }
  return result;
}

async function readOperatorBuild(go: GoEnv, cacheDir: string, version: string, timeoutMs: number) {
  await fs.mkdir(cacheDir, { recursive: true });
  const toolchain = await goVersion(go, cacheDir);
  const file = join(cacheDir, 'plugincheck', `operator-${sha256(version, toolchain).slice(0, 16)}.json`);
  if (existsSync(file)) {
    try {
      return JSON.parse(await fs.readFile(file, 'utf8')) as OperatorBuild;
    } catch {
      // rebuilt below
    }
  }
  const env = goEnv(go, { GOFLAGS: '-mod=mod', GOOS: 'linux' });
  const download = await runCommand(go.goBinary, ['mod', 'download', '-json', `${OPERATOR_MODULE}@${version}`], {
    cwd: cacheDir,
    env,
    timeoutMs,
  });
  let dir: string | undefined;
  try {
    dir = (JSON.parse(download.output) as { Dir?: string }).Dir;
  } catch {
    dir = undefined;
  }
  if (download.code !== 0 || !dir)
    throw new Error(`cannot download the operator's module ${OPERATOR_MODULE}@${version}: ${download.output.trim()}`);
  // In the module's own folder (read-only in the module cache: -mod=readonly writes nothing).
  const list = await runCommand(
    go.goBinary,
    ['list', '-deps', '-f', '{{if .Module}}{{.ImportPath}}\t{{.Module.Path}}\t{{.Module.Version}}{{end}}', './cmd'],
    { cwd: dir, env: goEnv(go, { GOFLAGS: '-mod=readonly', GOOS: 'linux' }), timeoutMs, maxOutput: 4 << 20 },
  );
  if (list.code !== 0)
    throw new Error(`cannot list the packages of the operator ${version} (go list -deps ./cmd): ${list.output.trim()}`);
  const packages: Record<string, [string, string]> = {};
  const modules: Record<string, string> = {};
  for (const line of list.output.split('\n')) {
    const [path, module, v] = line.trim().split('\t');
    if (!path || !module) continue;
    const at = module === OPERATOR_MODULE ? version : (v ?? '');
    packages[path] = [module, at];
    modules[module] = at;
  }
  const goMod = await fs.readFile(join(dir, 'go.mod'), 'utf8');
  const dockerfile = await fs.readFile(join(dir, 'Dockerfile'), 'utf8').catch(() => '');
  const build: OperatorBuild = {
    version,
    goDirective: /^go\s+(\S+)/m.exec(goMod)?.[1] ?? '',
    toolchain: /^toolchain\s+(\S+)/m.exec(goMod)?.[1],
    imageGo: /^FROM\s+golang:(\d+\.\d+(?:\.\d+)?)/im.exec(dockerfile)?.[1],
    packages,
    modules,
  };
  await fs.mkdir(join(cacheDir, 'plugincheck'), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  await fs.writeFile(tmp, JSON.stringify(build));
  await fs.rename(tmp, file);
  return build;
}
