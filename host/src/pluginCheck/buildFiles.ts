// The plugin project's build files (Makefile, shell scripts, Dockerfiles, .goreleaser, Taskfile, justfile)
// against what the operator's own build does (its Dockerfile: CGO_ENABLED=1 go build, no -trimpath, no -race):
// a plugin loads only into a binary whose shared packages were compiled the same way.
import { promises as fs } from 'node:fs';
import { join } from 'node:path';

export interface BuildFileFinding {
  file: string;
  line: number; // 0-based
  start: number;
  end: number;
  severity: 'error' | 'warning';
  code: string;
  message: string;
}

const BUILD_FILE =
  /^(GNUmakefile|Makefile|makefile|.*\.mk|.*\.sh|.*\.bash|Dockerfile.*|.*\.Dockerfile|\.goreleaser\.ya?ml|goreleaser\.ya?ml|Taskfile\.ya?ml|justfile|Justfile)$/;

const RULES: { re: RegExp; code: string; message: (m: RegExpExecArray) => string }[] = [
  {
    re: /\bCGO_ENABLED\s*[=:]\s*["']?0\b/,
    code: 'plugin-build-cgo-off',
    message: () =>
      'cgo is off here: go build -buildmode=plugin needs cgo, and the operator (built with CGO_ENABLED=1) can only load a plugin built with it; use CGO_ENABLED=1',
  },
  {
    re: /(?:^|[\s"'[,])-trimpath\b/,
    code: 'plugin-build-trimpath',
    message: () =>
      'the operator is built without -trimpath; packages compiled with it differ, so plugin.Open fails with "plugin was built with a different version of package ..."; drop -trimpath',
  },
  {
    re: /(?:^|[\s"'[,])-(race|msan|asan)\b/,
    code: 'plugin-build-flag',
    message: (m) =>
      `the operator is built without -${m[1]}; a plugin built with it cannot load ("plugin was built with a different version of package runtime..."); drop -${m[1]}`,
  },
  {
    re: /-buildmode[= ]["']?(?!plugin\b)([\w-]+)|\bbuildmode:\s*["']?(?!plugin\b)([\w-]+)/,
    code: 'plugin-build-mode',
    message: (m) =>
      `build mode ${m[1] ?? m[2]}: the operator loads a .so built with -buildmode=plugin (plugin.Open); use -buildmode=plugin`,
  },
];

async function candidates(dir: string, depth: number, out: string[]): Promise<void> {
  const entries = await fs.readdir(dir, { withFileTypes: true }).catch(() => []);
  for (const e of entries) {
    const path = join(dir, e.name);
    if (e.isFile() && BUILD_FILE.test(e.name)) out.push(path);
    else if (e.isDirectory() && depth > 0 && !['node_modules', 'vendor', '.git'].includes(e.name))
      await candidates(path, depth - 1, out);
  }
}

export async function buildFileFiles(dir: string): Promise<string[]> {
  const files: string[] = [];
  await candidates(dir, 2, files);
  return files.sort();
}

export function checkBuildFile(file: string, text: string): BuildFileFinding[] {
  const out: BuildFileFinding[] = [];
  const lines = text.split(/\r\n|\n|\r/);
  const isYaml = /\.ya?ml$/i.test(file);
  let pluginMode = false;
  const goBuilds: number[] = [];
  lines.forEach((raw, line) => {
    const hash = raw.search(/(^|\s)#/);
    const text = hash >= 0 ? raw.slice(0, hash) : raw;
    if (/-buildmode[= ]["']?plugin\b|\bbuildmode:\s*["']?plugin\b/.test(text)) pluginMode = true;
    if (/\bgo\s+build\b/.test(text)) goBuilds.push(line);
    for (const rule of RULES) {
      const m = rule.re.exec(text);
      if (!m) continue;
      const start = m.index + (m[0].length - m[0].trimStart().length);
      out.push({
        file,
        line,
        start,
        end: m.index + m[0].length,
        severity: 'error',
        code: rule.code,
        message: rule.message(m),
      });
    }
  });
  if (!pluginMode && !isYaml) {
    for (const line of goBuilds) {
      const start = lines[line].search(/\bgo\s+build\b/);
      out.push({
        file,
        line,
        start,
        end: start + 'go build'.length,
        severity: 'warning',
        code: 'plugin-build-mode',
        message: 'this go build has no -buildmode=plugin: the operator can only load a .so built with it',
      });
    }
  }
  return out;
}

export async function checkBuildFiles(dir: string): Promise<{ findings: BuildFileFinding[]; texts: string[] }> {
  const findings: BuildFileFinding[] = [];
  const texts: string[] = [];
  for (const file of await buildFileFiles(dir)) {
    const text = await fs.readFile(file, 'utf8').catch(() => '');
    texts.push(file, text);
    findings.push(...checkBuildFile(file, text));
  }
  return { findings, texts };
}
