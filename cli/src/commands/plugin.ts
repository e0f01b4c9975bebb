// `forkspacer plugin check <folder>`: can the operator load and run the Go plugin in this folder?
// Exit 0 when it can (no error), 1 when not, 2 on usage errors.
import { statSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { parseArgs, UsageError } from '../args';
import { checkPlugin, type PluginCheckResult } from '../../../host/src/pluginCheck/pluginCheck';

export const pluginUsage = `Usage: forkspacer plugin check [--format text|json] [--resources PATH]... [--operator-version V]
                               [--go PATH] [--cache-dir D] <folder>

Checks a Go plugin's source folder against what the operator needs to load and run it: every module both
link at the operator's version (from the operator's own module graph), the go directive and toolchain, the
build files (cgo on, no -trimpath, -buildmode=plugin), NewManager's exact type, the manager's four methods,
and type assertions on the config map that panic for the values the operator passes (given the Custom
resources in the folder, or under --resources, whose spec.repo.file points at it). Compile errors are reported.

Options:
  --format F             text (default: file:line:col: severity: message [code]) or json
  --resources PATH       also look for resource definitions (and Modules with source.raw) pointing at the
                         folder under PATH (repeatable; default: the current folder when it contains the plugin)
  --operator-version V   the operator version (default 0.1.7)
  --go PATH              the go executable (default go)
  --cache-dir D          checker and result cache (default ~/.cache/forkspacer)
  -h, --help             show this help

Exit status: 0 the operator can load and run it, 1 it cannot, 2 usage error.`;

export async function plugin(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === '--help' || sub === '-h') {
    process.stdout.write(pluginUsage + '\n');
    return 0;
  }
  if (sub !== 'check')
    throw new UsageError(sub ? `unknown subcommand '${sub}' (check)` : `missing subcommand\n\n${pluginUsage}`);
  const { values, positionals } = parseArgs(rest, {
    format: { type: 'string', default: 'text' },
    resources: { type: 'string', multiple: true },
    'operator-version': { type: 'string' },
    go: { type: 'string' },
    'cache-dir': { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  });
  if (values.help) {
    process.stdout.write(pluginUsage + '\n');
    return 0;
  }
  const format = values.format;
  if (format !== 'text' && format !== 'json') throw new UsageError(`unknown format '${String(format)}' (text or json)`);
  if (positionals.length !== 1)
    throw new UsageError(`want one plugin folder, got ${positionals.length}\n\n${pluginUsage}`);
  const dir = resolve(positionals[0]);
  let isDir = false;
  try {
    isDir = statSync(dir).isDirectory();
  } catch {
    throw new UsageError(`${positionals[0]}: no such folder`);
  }
  if (!isDir)
    throw new UsageError(`${positionals[0]}: not a folder (give the plugin's source folder, with its go.mod)`);
  const cwd = process.cwd();
  const searchRoots = values.resources?.length
    ? values.resources.map((r) => resolve(r))
    : relative(cwd, dir).startsWith('..')
      ? []
      : [cwd];
  const cacheDir = resolve(
    values['cache-dir'] ?? join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'forkspacer'),
  );
  const result = await checkPlugin({
    dir,
    go: { goBinary: values.go ?? 'go', env: {} },
    cacheDir,
    operatorVersion: values['operator-version'],
    searchRoots,
    progress: format === 'text' ? (m) => process.stderr.write(m + '\n') : undefined,
  });
  process.stdout.write(format === 'json' ? JSON.stringify(jsonResult(result, cwd), null, 2) + '\n' : text(result, cwd));
  if (format === 'text') process.stderr.write(summary(result) + '\n');
  return result.ok ? 0 : 1;
}

function display(file: string, cwd: string) {
  const rel = relative(cwd, file);
  return rel.startsWith('..') ? file : rel;
}

function text(result: PluginCheckResult, cwd: string): string {
  return result.findings
    .map(
      (f) =>
        `${display(f.file, cwd)}:${f.range.start.line + 1}:${f.range.start.character + 1}: ${f.severity}: ${f.message} [${f.code}]\n`,
    )
    .join('');
}

function summary(result: PluginCheckResult): string {
  const errors = result.findings.filter((f) => f.severity === 'error').length;
  const warnings = result.findings.filter((f) => f.severity === 'warning').length;
  const against = result.resources.length ? `; config checked against ${result.resources.length} resource(s)` : '';
  return result.ok
    ? `the operator ${result.operator.version} can load and run this plugin (${warnings} warning(s)${against})`
    : `the operator ${result.operator.version} cannot load or run this plugin: ${errors} error(s), ${warnings} warning(s)${against}`;
}

function jsonResult(result: PluginCheckResult, cwd: string) {
  return {
    folder: display(result.dir, cwd),
    ok: result.ok,
    operator: result.operator,
    resources: result.resources,
    findings: result.findings.map((f) => ({ ...f, file: display(f.file, cwd) })),
  };
}
