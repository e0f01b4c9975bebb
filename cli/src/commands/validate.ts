// `forkspacer validate`: the language server's validation service, for CI pipelines.
// Exit 0 when no file has an error, 1 when any has, 2 on usage errors.
import { writeErr, writeOut } from '../output';
import { readFileSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { parseArgs, UsageError } from '../args';
import { normaliseSettings } from '../../../common/src/settings';
import { validateFiles } from '../validate/parallel';
import { DiskCache } from '../validate/diskCache';

const FORMATS = ['text', 'json', 'sarif'] as const;
type Format = (typeof FORMATS)[number];

export const validateUsage = `Usage: forkspacer validate [--format text|json|sarif] [--operator-version V] [--no-fetch]
                           [--map URL-PREFIX=FOLDER]... [--threads N] [--cache [--cache-location F]]
                           <files or folders...>

Checks Forkspacer YAML (Custom/Helm resource definitions, Modules, Workspaces) the way the operator does.
Folders are searched for *.yaml and *.yml, skipping node_modules and .git. Other YAML documents are ignored.

Options:
  --format F             text (default: file:line:col: severity: message [code]), json, or sarif (2.1.0)
  --operator-version V   operator version checked against supportedOperatorVersion (default 0.1.7)
  --no-fetch             do not fetch source.httpURL resource definitions
  --map P=F              read source.httpURL resources under the URL prefix P from the local folder F instead
                         (repeatable; the editor's forkspacer.resources.urlMappings): validate offline, or
                         against resources changed in the same pull request
  --threads N            most threads used for inputs over 256 kB (default: one thread below 8 MB, else one
                         more for each core that stays idle over the run's first 50 ms, at most 4; 1: no
                         worker thread)
  --cache                keep verdicts between runs (like eslint --cache): a YAML document whose text, this
                         validator and the settings are unchanged is not checked again; documents using an
                         httpURL resource always are
  --cache-location F     the cache file (default .forkspacercache in the current folder)
  -h, --help             show this help

Exit status: 0 no errors, 1 errors found, 2 usage error.`;

/** `--map https://host/prefix/=folder` pairs; the prefix may itself hold `=` only before the last one. */
function urlMappings(pairs: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of pairs) {
    const at = pair.lastIndexOf('=');
    if (at <= 0 || at === pair.length - 1) throw new UsageError(`--map wants URL-PREFIX=FOLDER, got '${pair}'`);
    if (!/^https?:\/\//i.test(pair.slice(0, at)))
      throw new UsageError(`--map: '${pair.slice(0, at)}' is not an http(s) URL prefix`);
    out[pair.slice(0, at)] = pair.slice(at + 1);
  }
  return out;
}

export interface FileResult {
  file: string;
  diagnostics: Diagnostic[];
}

const SEVERITY_NAMES = { 1: 'error', 2: 'warning', 3: 'information', 4: 'hint' } as const;
type SeverityName = (typeof SEVERITY_NAMES)[keyof typeof SEVERITY_NAMES];

function severityName(d: Diagnostic): SeverityName {
  return SEVERITY_NAMES[(d.severity ?? DiagnosticSeverity.Error) as 1 | 2 | 3 | 4] ?? 'error';
}

export async function validate(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs(argv, {
    format: { type: 'string', default: 'text' },
    'operator-version': { type: 'string' },
    'no-fetch': { type: 'boolean', default: false },
    map: { type: 'string', multiple: true, default: [] },
    threads: { type: 'string' },
    cache: { type: 'boolean', default: false },
    'cache-location': { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  });
  if (values.help) {
    writeOut(validateUsage + '\n');
    return 0;
  }
  const format = values.format as Format;
  if (!FORMATS.includes(format))
    throw new UsageError(`unknown format '${String(values.format)}' (text, json or sarif)`);
  if (positionals.length === 0) throw new UsageError(`no files or folders given\n\n${validateUsage}`);

  const files = await collectFiles(positionals);
  const settings = normaliseSettings(
    {
      ...(values['operator-version'] !== undefined ? { operatorVersion: values['operator-version'] } : {}),
      network: { fetchHttp: !values['no-fetch'] },
      resources: { urlMappings: urlMappings(values.map as string[]) },
    },
    { baseFolder: process.cwd() },
  );
  // Read synchronously: for many small files one readFileSync each is several times cheaper than fs/promises.
  const inputs = files.map((file) => ({ uri: pathToFileURL(file).href, text: readFileSync(file, 'utf8') }));
  const threads = values.threads === undefined ? undefined : Number(values.threads);
  if (threads !== undefined && !(Number.isInteger(threads) && threads >= 1))
    throw new UsageError(`--threads wants a whole number from 1, got '${String(values.threads)}'`);
  const trusted = !values['no-fetch'];
  const cacheLocation = values['cache-location'] as string | undefined;
  if (cacheLocation !== undefined && !values.cache) throw new UsageError('--cache-location wants --cache');
  const cache = values.cache
    ? DiskCache.open(resolve(cacheLocation ?? '.forkspacercache'), settings, trusted)
    : undefined;
  const verdicts = await validateFiles(inputs, {
    settings,
    trusted,
    ...(threads !== undefined ? { threads } : {}),
    ...(cache ? { cache } : {}),
  });
  const results: FileResult[] = files.map((file, i) => ({ file: displayPath(file), diagnostics: verdicts[i] ?? [] }));

  writeOut(
    format === 'json'
      ? JSON.stringify(toJson(results), null, 2) + '\n'
      : format === 'sarif'
        ? JSON.stringify(toSarif(results), null, 2) + '\n'
        : toText(results),
  );
  const errors = results.reduce((n, r) => n + r.diagnostics.filter((d) => severityName(d) === 'error').length, 0);
  if (format === 'text') {
    const warnings = results.reduce((n, r) => n + r.diagnostics.filter((d) => severityName(d) === 'warning').length, 0);
    const cached = cache ? `; ${cache.hits} of ${cache.hits + cache.misses} documents from the cache` : '';
    writeErr(
      `${files.length} file${files.length === 1 ? '' : 's'} checked: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}${cached}\n`,
    );
  }
  return errors > 0 ? 1 : 0;
}

/** Files as given, folders searched recursively for *.yaml / *.yml (sorted, without node_modules and .git). */
export async function collectFiles(paths: string[]): Promise<string[]> {
  const files: string[] = [];
  for (const path of paths) {
    const absolute = resolve(path);
    const info = await stat(absolute).catch(() => undefined);
    if (!info) throw new UsageError(`no such file or folder: ${path}`);
    if (info.isDirectory()) files.push(...(await searchFolder(absolute)));
    else files.push(absolute);
  }
  return [...new Set(files)];
}

async function searchFolder(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true });
  entries.sort((a, b) => a.name.localeCompare(b.name));
  const files: string[] = [];
  for (const entry of entries) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules' && entry.name !== '.git') files.push(...(await searchFolder(path)));
    } else if (entry.isFile() && /\.ya?ml$/i.test(entry.name)) {
      files.push(path);
    }
  }
  return files;
}

function displayPath(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel && !rel.startsWith('..') ? rel : file;
}

function toText(results: FileResult[]): string {
  const lines: string[] = [];
  for (const { file, diagnostics } of results) {
    for (const d of sorted(diagnostics)) {
      const code = d.code !== undefined ? ` [${d.code}]` : '';
      lines.push(
        `${file}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${severityName(d)}: ${d.message}${code}`,
      );
    }
  }
  return lines.length ? lines.join('\n') + '\n' : '';
}

function toJson(results: FileResult[]) {
  return results.map(({ file, diagnostics }) => ({
    file,
    diagnostics: sorted(diagnostics).map((d) => ({
      range: d.range,
      severity: severityName(d),
      ...(d.code !== undefined ? { code: d.code } : {}),
      message: d.message,
      source: d.source ?? 'forkspacer',
    })),
  }));
}

const SARIF_LEVEL: Record<SeverityName, 'error' | 'warning' | 'note'> = {
  error: 'error',
  warning: 'warning',
  information: 'note',
  hint: 'note',
};

function toSarif(results: FileResult[]) {
  const ruleIds = [...new Set(results.flatMap((r) => r.diagnostics.map((d) => String(d.code ?? 'forkspacer'))))].sort();
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'forkspacer',
            informationUri: 'https://forkspacer.com',
            rules: ruleIds.map((id) => ({ id, shortDescription: { text: id } })),
          },
        },
        results: results.flatMap(({ file, diagnostics }) =>
          sorted(diagnostics).map((d) => ({
            ruleId: String(d.code ?? 'forkspacer'),
            ruleIndex: ruleIds.indexOf(String(d.code ?? 'forkspacer')),
            level: SARIF_LEVEL[severityName(d)],
            message: { text: d.message },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri: file.split('\\').join('/') },
                  // SARIF regions are 1-based; an empty LSP range becomes a one-column region.
                  region: {
                    startLine: d.range.start.line + 1,
                    startColumn: d.range.start.character + 1,
                    endLine: d.range.end.line + 1,
                    endColumn: Math.max(
                      d.range.end.character + 1,
                      d.range.end.line === d.range.start.line ? d.range.start.character + 2 : 1,
                    ),
                  },
                },
              },
            ],
          })),
        ),
      },
    ],
  };
}

function sorted(diagnostics: Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(
    (a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character,
  );
}
