// `forkspacer plugin check`, the editor's diagnostics on a plugin's go.mod and .go files, and the host's check
// before Install: can the operator load and run this plugin folder?
// - the plugin's build list against the packages the operator's binary links (operatorBuild.ts): a package both
//   link, from a module at another version, makes plugin.Open fail;
// - the go directive / toolchain against the operator's Go; the build files (buildFiles.ts);
// - NewManager, the manager's methods, panicking config assertions and compile errors: the Go checker
//   (plugincheck/, built on demand), given the config types from the resources that use the folder.
// Results are cached by everything they depend on (sources, build files, config cases, checker, operator, go).
import { existsSync, promises as fs } from 'node:fs';
import { delimiter, dirname, join, resolve } from 'node:path';
import { runCommand } from '../command';
import { goEnv, goVersion, type GoEnv } from '../goToolchain';
import { hashGoSources, sha256 } from '../hashing';
import { checkBuildFiles } from './buildFiles';
import { ensureChecker } from './checkerBuild';
import { configCases, type CheckerConfigItem } from './configCases';
import { parseJsonStream, readPluginGoMod, type PluginGoMod } from './goMod';
import { operatorBuild, OPERATOR_MODULE, type OperatorBuild } from './operatorBuild';
import { findPluginResources, type PluginResource } from './resources';

export type FindingSeverity = 'error' | 'warning' | 'information';

export interface PluginFinding {
  /** Absolute path of the file the finding is on. */
  file: string;
  /** 0-based, character = UTF-16 code units (LSP). */
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  severity: FindingSeverity;
  code: string;
  message: string;
}

export interface PluginCheckResult {
  dir: string;
  /** No error: the operator can load and run the plugin. */
  ok: boolean;
  findings: PluginFinding[];
  /** The resource definitions the config was checked against (labels). */
  resources: string[];
  operator: { version: string; go: string };
  cached: boolean;
}

export interface PluginCheckOptions {
  dir: string;
  go: GoEnv;
  cacheDir: string;
  operatorVersion?: string;
  /** Resources to check the config against; default: found in the folder and under `searchRoots`. */
  resources?: PluginResource[];
  searchRoots?: string[];
  /** The config cases themselves (the host passes one Module's types); wins over `resources`. */
  config?: Record<string, CheckerConfigItem>;
  timeoutMs?: number;
  signal?: AbortSignal;
  progress?: (message: string) => void;
}

interface CheckerFinding {
  code: string;
  severity: FindingSeverity;
  file: string;
  line: number;
  col: number;
  endLine: number;
  endCol: number;
  message: string;
}

interface CheckerReport {
  packageName: string;
  findings: CheckerFinding[];
  packages: { path: string; module: string; version: string; replace?: string; main?: boolean }[];
  fatal?: string;
}

const memory = new Map<string, PluginCheckResult>();

export async function checkPlugin(options: PluginCheckOptions): Promise<PluginCheckResult> {
  const dir = resolve(options.dir);
  const timeoutMs = options.timeoutMs ?? 15 * 60_000;
  const version = options.operatorVersion ?? '0.1.7';
  const goModFile = join(dir, 'go.mod');
  const operatorLabel = { version: `v${version.replace(/^v/, '')}`, go: '' };
  if (!existsSync(goModFile)) {
    return {
      dir,
      ok: false,
      resources: [],
      operator: operatorLabel,
      cached: false,
      findings: [
        finding(
          dir,
          0,
          0,
          0,
          'error',
          'plugin-no-go-mod',
          `${dir} has no go.mod: a plugin is a Go module (go mod init, then require ${OPERATOR_MODULE} v0.1.7)`,
        ),
      ],
    };
  }
  const [checker, operator] = await Promise.all([
    ensureChecker({
      go: options.go,
      cacheDir: options.cacheDir,
      timeoutMs,
      signal: options.signal,
      progress: options.progress,
    }),
    operatorBuild(options.go, options.cacheDir, version, timeoutMs),
  ]);
  operatorLabel.go = operator.imageGo ?? operator.goDirective;
  let resources: string[] = [];
  let config: Record<string, CheckerConfigItem> | null = null;
  if (options.config) config = options.config;
  else {
    const found = options.resources ?? (await findPluginResources(dir, options.searchRoots ?? []));
    resources = found.map((r) => r.label);
    if (found.length) config = configCases(found);
  }
  const build = await checkBuildFiles(dir);
  const key = sha256(
    'plugin-check/v1',
    dir,
    checker.key,
    JSON.stringify(operator.modules),
    operator.goDirective,
    await hashGoSources(dir),
    ...build.texts,
    JSON.stringify(config),
    await goVersion(options.go, dir),
  );
  const cachedResult = memory.get(key) ?? (await readCache(options.cacheDir, key));
  if (cachedResult) {
    memory.set(key, cachedResult);
    return { ...cachedResult, resources, cached: true };
  }

  options.progress?.(`checking the plugin in ${dir} against the operator ${operatorLabel.version}…`);
  const [report, goMod] = await Promise.all([
    runChecker(checker.binary, options.go, dir, config, timeoutMs, options.signal),
    readPluginGoMod(options.go, dir, timeoutMs, options.signal),
  ]);
  const goModText = await fs.readFile(goModFile, 'utf8');
  const findings: PluginFinding[] = [];
  findings.push(...(await checkerFindings(report, dir, goModFile)));
  findings.push(...moduleFindings(goMod, report, operator, goModFile, goModText));
  findings.push(...goVersionFindings(goMod, operator, goModFile, goModText, await goVersion(options.go, dir)));
  for (const b of build.findings) findings.push(finding(b.file, b.line, b.start, b.end, b.severity, b.code, b.message));
  if (!config && !options.config) {
    findings.push(
      finding(
        goModFile,
        0,
        0,
        lineLength(goModText, 0),
        'information',
        'plugin-no-resource',
        'no Custom resource in this folder or pointing at it (spec.repo.file) was found: the config map assertions were not checked',
      ),
    );
  }
  const result: PluginCheckResult = {
    dir,
    ok: !findings.some((f) => f.severity === 'error'),
    findings: sortFindings(findings),
    resources,
    operator: operatorLabel,
    cached: false,
  };
  // A checker that could not run is not a verdict on the plugin: not cached.
  if (!findings.some((f) => f.code === 'plugin-check-failed')) {
    memory.set(key, result);
    await writeCache(options.cacheDir, key, result);
  }
  return result;
}

function finding(
  file: string,
  line: number,
  start: number,
  end: number,
  severity: FindingSeverity,
  code: string,
  message: string,
  endLine = line,
): PluginFinding {
  return {
    file,
    range: { start: { line, character: start }, end: { line: endLine, character: end } },
    severity,
    code,
    message,
  };
}

function sortFindings(findings: PluginFinding[]) {
  const rank = { error: 0, warning: 1, information: 2 };
  return findings.sort(
    (a, b) =>
      a.file.localeCompare(b.file) ||
      a.range.start.line - b.range.start.line ||
      a.range.start.character - b.range.start.character ||
      rank[a.severity] - rank[b.severity],
  );
}

function lineLength(text: string, line: number): number {
  return (text.split(/\r\n|\n|\r/)[line] ?? '').length;
}

async function runChecker(
  binary: string,
  go: GoEnv,
  dir: string,
  config: Record<string, CheckerConfigItem> | null,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<CheckerReport> {
  // go/packages runs `go` from PATH: put the configured go first (forkspacer.goPath may be a path PATH lacks).
  const env = goEnv(go);
  if (go.goBinary.includes('/')) env.PATH = [dirname(go.goBinary), env.PATH].filter(Boolean).join(delimiter);
  const r = await runCommand(binary, [], {
    cwd: dir,
    env,
    input: JSON.stringify({ dir, config }),
    timeoutMs,
    signal,
    maxOutput: 16 << 20,
  });
  const objects = (() => {
    try {
      return parseJsonStream<CheckerReport>(r.output);
    } catch {
      return [];
    }
  })();
  const report = objects.reverse().find((o) => Array.isArray(o.findings));
  if (r.code !== 0 || !report) {
    const why = r.timedOut ? 'timed out' : r.cancelled ? 'cancelled' : r.output.trim().slice(-2000);
    return { packageName: '', findings: [], packages: [], fatal: `the plugin checker failed: ${why}` };
  }
  return report;
}

/** Go's 1-based byte columns → LSP's 0-based UTF-16 characters. */
async function checkerFindings(report: CheckerReport, dir: string, goModFile: string): Promise<PluginFinding[]> {
  const texts = new Map<string, string[]>();
  const lineOf = async (file: string, line: number) => {
    if (!texts.has(file)) texts.set(file, (await fs.readFile(file, 'utf8').catch(() => '')).split(/\r\n|\n|\r/));
    return texts.get(file)![line] ?? '';
  };
  const char = async (file: string, line: number, col: number) =>
    Buffer.from(await lineOf(file, line))
      .subarray(0, Math.max(0, col - 1))
      .toString('utf8').length;
  const out: PluginFinding[] = [];
  if (report.fatal) out.push(finding(goModFile, 0, 0, 0, 'error', 'plugin-check-failed', report.fatal));
  for (const f of report.findings) {
    if (!f.file || f.line <= 0) {
      out.push(finding(goModFile, 0, 0, 0, f.severity, f.code, f.message));
      continue;
    }
    const file = resolve(dir, f.file);
    const start = await char(file, f.line - 1, f.col);
    let endLine = f.endLine - 1;
    let end = await char(file, endLine, f.endCol);
    if (endLine < f.line - 1 || (endLine === f.line - 1 && end <= start)) {
      endLine = f.line - 1;
      end = Math.max(start + 1, (await lineOf(file, endLine)).length); // a compile error: to the end of its line
    }
    out.push(finding(file, f.line - 1, start, end, f.severity, f.code, f.message, endLine));
  }
  return out;
}

/** The line of `path` in go.mod (a require line, or inside a require block), and the range of path + version. */
function requireLine(goModText: string, path: string): { line: number; start: number; end: number } | undefined {
  const lines = goModText.split(/\r\n|\n|\r/);
  const escaped = path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const re = new RegExp(`^(\\s*(?:require\\s+)?)(${escaped}\\s+\\S+)`);
  for (let i = 0; i < lines.length; i++) {
    const m = re.exec(lines[i]);
    if (m) return { line: i, start: m[1].length, end: m[1].length + m[2].length };
  }
  return undefined;
}

function moduleFindings(
  goMod: PluginGoMod,
  report: CheckerReport,
  operator: OperatorBuild,
  goModFile: string,
  goModText: string,
): PluginFinding[] {
  const out: PluginFinding[] = [];
  if (!goMod.buildList) {
    out.push(
      finding(
        goModFile,
        0,
        0,
        lineLength(goModText, 0),
        'error',
        'plugin-build-list',
        `cannot read the plugin's build list (go list -m all): ${goMod.buildListError ?? 'failed'}. Run "go mod tidy" in this folder`,
      ),
    );
    return out;
  }
  const operatorModule = goMod.buildList.find((m) => m.Path === OPERATOR_MODULE);
  if (!operatorModule && !goMod.buildList.some((m) => m.Main && m.Path === OPERATOR_MODULE)) {
    out.push(
      finding(
        goModFile,
        0,
        0,
        lineLength(goModText, 0),
        'error',
        'plugin-operator-missing',
        `the plugin does not require ${OPERATOR_MODULE}: NewManager must return its base.IManager, and every shared module must be at the operator's version; run "go get ${OPERATOR_MODULE}@${operator.version}"`,
      ),
    );
  }
  const linkedByModule = new Map<string, string[]>();
  for (const p of report.packages) {
    if (!operator.packages[p.path]) continue; // only packages both binaries link are compared by plugin.Open
    const list = linkedByModule.get(p.module) ?? [];
    list.push(p.path);
    linkedByModule.set(p.module, list);
  }
  for (const m of goMod.buildList) {
    if (m.Main) continue;
    const want = operator.modules[m.Path];
    if (!want) continue;
    const got = m.Replace ? (m.Replace.Version ?? m.Replace.Path) : m.Version;
    if (got === want) continue;
    const where = requireLine(goModText, m.Path) ??
      requireLine(goModText, OPERATOR_MODULE) ?? { line: 0, start: 0, end: lineLength(goModText, 0) };
    const shown = m.Replace
      ? `${m.Path} ${m.Version ?? ''} => ${m.Replace.Path}${m.Replace.Version ? ' ' + m.Replace.Version : ''}`
      : `${m.Path} ${m.Version}`;
    const listed = requireLine(goModText, m.Path) ? '' : ` (selected through another requirement: ${shown})`;
    const fix = `require ${m.Path} ${want} (go get ${m.Path}@${want}, then go mod tidy)`;
    const shared = linkedByModule.get(m.Path);
    if (shared?.length) {
      out.push(
        finding(
          goModFile,
          where.line,
          where.start,
          where.end,
          'error',
          'plugin-module-version',
          `${m.Path} is ${got} here, but the operator ${operator.version} is built with ${want}, and both link ${shared[0]}${shared.length > 1 ? ` (and ${shared.length - 1} more of its packages)` : ''}: plugin.Open fails with "plugin was built with a different version of package ${shared[0]}"${listed}; ${fix}`,
        ),
      );
    } else {
      out.push(
        finding(
          goModFile,
          where.line,
          where.start,
          where.end,
          'warning',
          'plugin-module-version',
          `${m.Path} is ${got} here, but the operator ${operator.version} is built with ${want}: the plugin links none of its packages yet, but importing one would make plugin.Open fail ("plugin was built with a different version of package ${m.Path}/...")${listed}; ${fix}`,
        ),
      );
    }
  }
  return out;
}

/** `1.24.5` → [1, 24, 5]; `go1.25rc1` → [1, 25, 0]. */
function goParts(v: string): number[] {
  const m = /(\d+)\.(\d+)(?:\.(\d+))?/.exec(v);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)] : [];
}

function goVersionFindings(
  goMod: PluginGoMod,
  operator: OperatorBuild,
  goModFile: string,
  goModText: string,
  localGo: string,
): PluginFinding[] {
  const out: PluginFinding[] = [];
  const operatorGo = operator.imageGo ?? operator.goDirective;
  const [om, on] = goParts(operatorGo);
  const why = `the operator ${operator.version} is built with Go ${operatorGo} (its Dockerfile: FROM golang:${operator.imageGo ?? '?'}; go.mod: go ${operator.goDirective}), and a plugin loads only when built by the same Go release ("plugin was built with a different version of package runtime/...")`;
  const lines = goModText.split(/\r\n|\n|\r/);
  const at = (re: RegExp) => {
    const i = lines.findIndex((l) => re.test(l));
    return i < 0 ? { line: 0, start: 0, end: 0 } : { line: i, start: 0, end: lines[i].length };
  };
  if (goMod.go) {
    const [m, n] = goParts(goMod.go);
    if (om !== undefined && (m > om || (m === om && n > on))) {
      const where = at(/^go\s/);
      out.push(
        finding(
          goModFile,
          where.line,
          where.start,
          where.end,
          'error',
          'plugin-go-version',
          `go ${goMod.go} needs Go ${m}.${n} or newer to build, but ${why}; use go ${operator.goDirective}`,
        ),
      );
    }
  }
  if (goMod.toolchain) {
    const [m, n] = goParts(goMod.toolchain);
    if (om !== undefined && (m !== om || n !== on)) {
      const where = at(/^toolchain\s/);
      out.push(
        finding(
          goModFile,
          where.line,
          where.start,
          where.end,
          'error',
          'plugin-go-toolchain',
          `toolchain ${goMod.toolchain} builds the plugin with Go ${m}.${n}, but ${why}; remove the toolchain line or name a go${operatorGo} release`,
        ),
      );
    }
  }
  const [lm, ln] = goParts(localGo);
  if (om !== undefined && (lm !== om || ln !== on)) {
    const where = at(/^go\s/);
    out.push(
      finding(
        goModFile,
        where.line,
        where.start,
        where.end,
        'information',
        'plugin-local-go',
        `this machine's go is ${localGo}: the local host builds and loads the plugin with it, but a .so for the operator ${operator.version} must be built with Go ${operatorGo} (the operator's "make build-plugin" uses its image)`,
      ),
    );
  }
  return out;
}

async function readCache(cacheDir: string, key: string): Promise<PluginCheckResult | undefined> {
  try {
    return JSON.parse(
      await fs.readFile(join(cacheDir, 'plugincheck', 'results', `${key}.json`), 'utf8'),
    ) as PluginCheckResult;
  } catch {
    return undefined;
  }
}

async function writeCache(cacheDir: string, key: string, result: PluginCheckResult) {
  const dir = join(cacheDir, 'plugincheck', 'results');
  await fs.mkdir(dir, { recursive: true });
  const tmp = join(dir, `${key}.${process.pid}.tmp`);
  await fs.writeFile(tmp, JSON.stringify(result));
  await fs.rename(tmp, join(dir, `${key}.json`)).catch(() => undefined);
}
