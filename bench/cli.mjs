// Benchmark: `forkspacer` start-up and `forkspacer validate` throughput, side by side with their anchors in one
// run: bare `node -e 0` for start-up, kubeconform v0.8.0 (the schema validator CI pipelines use for Kubernetes
// YAML) with our Module schema for validation, on the same generated files: 1,000 Module files (70 lines each,
// an inline Custom resource of five config items) and one file of 400 of them (28,000 lines).
// kubeconform is built from the Go module proxy with `go install` into .tools/ (git-ignored) on first use.
// Figures are medians of --runs wall-clock runs of the process (spawn to exit). The cold rows are the comparison;
// the `--cache, warm` rows show the opt-in on-disk cache with every document found in it.
// Run: npm run bench   Options: --runs 7  --files 1000  --cli dist/cli.js  --json
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cpus, loadavg } from 'node:os';
import { moduleDocument } from './fixtures.mjs';

const ROOT = join(import.meta.dirname, '..');
/** The 1-minute load average: the machine's other work, to read the figures by (the ratios are side by side). */
const loadAverage = () => loadavg()[0].toFixed(1);
const LOAD_BEFORE = loadAverage();
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i === -1 ? fallback : args[i + 1];
};
const RUNS = Number(option('runs', '7'));
const FILES = Number(option('files', '1000'));
const CLI = join(ROOT, option('cli', join('packages', 'cli', 'dist', 'cli.js')));
const KUBECONFORM_VERSION = 'v0.8.0';
const TOOLS = join(ROOT, '.tools', `kubeconform-${KUBECONFORM_VERSION}`);
const KUBECONFORM = join(TOOLS, 'kubeconform');

// ---------- kubeconform, built once from the Go proxy ----------

function ensureKubeconform() {
  if (existsSync(KUBECONFORM)) return;
  process.stderr.write(`building kubeconform ${KUBECONFORM_VERSION} into ${TOOLS} (go install, once)\n`);
  const proxy = spawnSync(process.execPath, [join(ROOT, 'scripts', 'goproxy.cjs')], { encoding: 'utf8' });
  const env = { ...process.env, GOBIN: TOOLS, GOFLAGS: '-mod=mod' };
  for (const m of proxy.stdout.matchAll(/(\w+)='([^']*)'/g)) env[m[1]] = m[2];
  const built = spawnSync('go', ['install', `github.com/yannh/kubeconform/cmd/kubeconform@${KUBECONFORM_VERSION}`], {
    env,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (built.status !== 0 || !existsSync(KUBECONFORM)) throw new Error('could not build kubeconform');
}

// ---------- the files ----------

const WORK = join(ROOT, 'out', 'bench-cli');
const MANY = join(WORK, 'many');
const BIG = join(WORK, 'big', 'modules.yaml');
const SMALL = join(WORK, 'small', 'module.yaml');
const SCHEMAS = join(WORK, 'schemas');

function writeFiles() {
  rmSync(WORK, { recursive: true, force: true });
  for (const dir of [MANY, join(WORK, 'big'), join(WORK, 'small'), SCHEMAS]) mkdirSync(dir, { recursive: true });
  for (let i = 0; i < FILES; i++)
    writeFileSync(join(MANY, `module-${String(i).padStart(4, '0')}.yaml`), moduleDocument(i).slice('---\n'.length));
  writeFileSync(BIG, Array.from({ length: 400 }, (_, i) => moduleDocument(i)).join(''));
  writeFileSync(SMALL, moduleDocument(0).slice('---\n'.length));
  // kubeconform finds a schema by template; {{ .ResourceKind }} is the lower-cased kind: module.json.
  writeFileSync(join(SCHEMAS, 'module.json'), readFileSync(join(ROOT, 'schemas', 'module.schema.json')));
}

// ---------- timing ----------

function timed(command, argv, expect) {
  const started = performance.now();
  const result = spawnSync(command, argv, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const ms = performance.now() - started;
  if (result.error) throw result.error;
  if (expect && !expect(result))
    throw new Error(`${command} ${argv.join(' ')}: unexpected result ${result.status}\n${result.stderr}`);
  return { ms, result };
}

function median(command, argv, expect) {
  timed(command, argv, expect); // warm the file cache
  const times = Array.from({ length: RUNS }, () => timed(command, argv, expect).ms).sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

const kubeconformArgs = (paths) => [
  '-schema-location',
  join(SCHEMAS, '{{ .ResourceKind }}.json'),
  '-summary',
  ...paths,
];
/** kubeconform checked every resource: its summary says how many were valid. */
const kubeconformValid = (count) => (r) =>
  r.status === 0 && new RegExp(`Valid: ${count}, Invalid: 0, Errors: 0`).test(r.stdout + r.stderr);
/** Our CLI found no error (the files validate clean) and said how many files it checked. */
const oursClean = (count) => (r) =>
  r.status === 0 && r.stderr.includes(`${count} file${count === 1 ? '' : 's'} checked: 0 errors`);

// ---------- run ----------

if (!existsSync(CLI)) throw new Error(`${CLI} is missing: build it first (npm run bench does)`);
ensureKubeconform();
writeFiles();

const rows = [];
const node0 = median(process.execPath, ['-e', '0']);
rows.push(['start-up: --help', median(process.execPath, [CLI, '--help'], (r) => r.status === 0), 'node -e 0', node0]);
rows.push([
  'start-up: validate 1 small file',
  median(process.execPath, [CLI, 'validate', SMALL], oursClean(1)),
  'node -e 0',
  node0,
]);
rows.push([
  'validate 1 small file',
  median(process.execPath, [CLI, 'validate', SMALL], oursClean(1)),
  'kubeconform',
  median(KUBECONFORM, kubeconformArgs([SMALL]), kubeconformValid(1)),
]);
const oursMany = median(process.execPath, [CLI, 'validate', MANY], oursClean(FILES));
rows.push([
  `validate ${FILES} files`,
  oursMany,
  'kubeconform',
  median(KUBECONFORM, kubeconformArgs([MANY]), kubeconformValid(FILES)),
]);
rows.push([
  `validate ${FILES} files --threads 2`,
  median(process.execPath, [CLI, 'validate', '--threads', '2', MANY], oursClean(FILES)),
  'forkspacer --threads 1',
  median(process.execPath, [CLI, 'validate', '--threads', '1', MANY], oursClean(FILES)),
]);
const kubeconformBig = median(KUBECONFORM, kubeconformArgs([BIG]), kubeconformValid(400));
rows.push([
  'validate 1 file of 28,000 lines',
  median(process.execPath, [CLI, 'validate', BIG], oursClean(1)),
  'kubeconform',
  kubeconformBig,
]);
// --cache (opt-in, like eslint --cache): the first, discarded run of the median fills the cache, the timed ones
// find every document in it (what a CI job re-running on an unchanged checkout with a restored cache sees).
const CACHE = join(WORK, 'cache');
rows.push([
  `validate ${FILES} files --cache, warm`,
  median(process.execPath, [CLI, 'validate', '--cache', '--cache-location', CACHE, MANY], oursClean(FILES)),
  'kubeconform',
  rows[3][3],
]);
rows.push([
  'validate 28,000 lines --cache, warm',
  median(process.execPath, [CLI, 'validate', '--cache', '--cache-location', `${CACHE}-big`, BIG], oursClean(1)),
  'kubeconform',
  kubeconformBig,
]);

const ms = (v) => `${v.toFixed(v < 10 ? 1 : 0)} ms`;
const table = [
  ['', 'forkspacer', 'anchor', 'anchor time', 'ratio'],
  ...rows.map(([label, ours, anchor, theirs]) => [
    label,
    ms(ours),
    anchor,
    ms(theirs),
    `${(ours / theirs).toFixed(2)}×`,
  ]),
];
const widths = table[0].map((_, c) => Math.max(...table.map((row) => row[c].length)));
const line = (row) =>
  `| ${row.map((cell, c) => (c === 0 || c === 2 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join(' | ')} |`;
console.log(
  `CLI: ${CLI.slice(ROOT.length + 1)}; medians of ${RUNS} runs; kubeconform ${KUBECONFORM_VERSION}; node ${process.version}; ` +
    `load average ${LOAD_BEFORE} at the start, ${loadAverage()} at the end (${cpus().length} cores)`,
);
console.log(line(table[0]));
console.log(`|${widths.map((w, c) => (c === 0 || c === 2 ? '-'.repeat(w + 2) : '-'.repeat(w + 1) + ':')).join('|')}|`);
for (const row of table.slice(1)) console.log(line(row));
if (args.includes('--json')) console.log(JSON.stringify(rows, null, 2));
