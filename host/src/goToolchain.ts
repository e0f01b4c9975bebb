// Facts about the user's Go toolchain and a plugin's build info, read with the `go` command itself.
import { runCommand } from './command';

export interface GoEnv {
  goBinary: string;
  /** Extra environment for every go command (e.g. GOTOOLCHAIN to match a prebuilt plugin). */
  env: NodeJS.ProcessEnv;
}

export function goEnv(base: GoEnv, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  // CGO is required for -buildmode=plugin and for loading plugins; GOWORK=off so that the runner and the
  // plugin are built from the same go.mod, not from a go.work somewhere above the cache folder.
  return { ...process.env, ...base.env, CGO_ENABLED: '1', GOWORK: 'off', ...extra };
}

const versions = new Map<string, Promise<string>>();

/** `go1.26.8` as the toolchain that builds in `cwd` would report it (go.mod toolchain lines may switch it). */
export function goVersion(go: GoEnv, cwd: string, timeoutMs = 120_000): Promise<string> {
  const key = `${go.goBinary}\0${cwd}\0${go.env.GOTOOLCHAIN ?? ''}`;
  let version = versions.get(key);
  if (!version) {
    version = runCommand(go.goBinary, ['env', 'GOVERSION'], { cwd, env: goEnv(go), timeoutMs }).then((r) => {
      if (r.code !== 0 && /ENOENT/.test(r.output)) {
        throw new Error(
          `the Go toolchain '${go.goBinary}' was not found: plugins are built and loaded with your Go (with cgo); install Go or set forkspacer.goPath`,
        );
      }
      if (r.code !== 0) throw new Error(`cannot run '${go.goBinary} env GOVERSION': ${r.output.trim() || 'failed'}`);
      return r.output.trim();
    });
    versions.set(key, version);
    version.catch(() => versions.delete(key));
  }
  return version;
}

export interface BuildInfo {
  goVersion: string;
  path: string;
  main?: { path: string; version: string };
  deps: { path: string; version: string; replace?: { path: string; version?: string } }[];
  settings: Record<string, string>;
}

/** Parses `go version -m <binary>`: which toolchain, module versions and flags built a binary or plugin. */
export function parseBuildInfo(text: string): BuildInfo | undefined {
  const lines = text.split('\n');
  const head = /:\s+(go\S+)\s*$/.exec(lines[0] ?? '');
  if (!head) return undefined;
  const info: BuildInfo = { goVersion: head[1], path: '', deps: [], settings: {} };
  for (const line of lines.slice(1)) {
    const [kind, a = '', b = ''] = line.trim().split('\t');
    if (kind === 'path') info.path = a;
    else if (kind === 'mod') info.main = { path: a, version: b };
    else if (kind === 'dep') info.deps.push({ path: a, version: b });
    else if (kind === '=>' && info.deps.length > 0) {
      info.deps[info.deps.length - 1].replace = b && b !== '(devel)' ? { path: a, version: b } : { path: a };
    } else if (kind === 'build') {
      const eq = a.indexOf('=');
      if (eq > 0) info.settings[a.slice(0, eq)] = a.slice(eq + 1);
    }
  }
  return info;
}

export async function readBuildInfo(go: GoEnv, binary: string, timeoutMs = 60_000): Promise<BuildInfo | undefined> {
  const r = await runCommand(go.goBinary, ['version', '-m', binary], { env: goEnv(go), timeoutMs });
  return r.code === 0 ? parseBuildInfo(r.output) : undefined;
}
