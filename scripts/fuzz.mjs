// Coverage-guided fuzzing of the core and the server's services with Jazzer.js (libFuzzer for Node).
// Usage (after `npm run compile`; `npm run fuzz -- ...` compiles first):
//   node scripts/fuzz.mjs [--seconds 60] [--runs N] [--seed N] [--coverage] [--quiet] [target...]
// Targets: out/test/fuzz/targets/<name>.js (parse, validate, fixes, services, constraint, re2); default all.
// Each target starts from a seed corpus made from examples/ and test/fixtures/ plus its saved regression cases, and
// keeps what it finds in .work/fuzz/corpus/<target>/ (git-ignored) for the next run. A crash (an exception or a
// broken invariant), a hang (one input over 2 s) or running out of memory fails the target and saves the input to
// test/fuzz/regressions/<target>/ (commit it: test/fuzz/regressions.test.ts replays every saved case).
// Prints per target: executions, edges covered (libFuzzer's `cov`), features (`ft`), corpus size, and with
// --coverage the line/branch coverage of common/ and server/ reached by the corpus (istanbul).
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fuzzerEnv } from './jazzer-compat.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const TARGETS_DIR = join(ROOT, 'out', 'test', 'fuzz', 'targets');
const REGRESSIONS = join(ROOT, 'test', 'fuzz', 'regressions');
/** What the fuzzer learns, kept for the next run; FUZZ_WORK elsewhere starts from the seeds alone (as a fresh clone). */
const WORK = process.env.FUZZ_WORK ?? join(ROOT, '.work', 'fuzz');
const JAZZER = join(ROOT, 'node_modules', '@jazzer.js', 'core', 'dist', 'cli.js');
/** Targets whose fuzz function is synchronous (run with --sync, much faster). */
const SYNC = new Set(['parse', 'constraint', 're2']);
const ALL = ['parse', 'validate', 'fixes', 'services', 'constraint', 're2'];
/**
 * One input may take this long (ms) before it is a hang. FUZZ_HANG_MS raises it for long runs on a loaded machine,
 * where a starved process would report false hangs (the replay of saved cases checks the 2 s bound uninstrumented).
 */
const HANG_MS = Number(process.env.FUZZ_HANG_MS ?? 2000);
/** Largest input tried: the issue's bound for a hang (< 64 KB). */
const MAX_LEN = 65535;

function parseArgs(argv) {
  const options = { seconds: 60, runs: undefined, seed: undefined, coverage: false, quiet: false, targets: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--seconds') Object.assign(options, { seconds: Number(argv[++i]), secondsGiven: true });
    else if (a === '--runs') options.runs = Number(argv[++i]);
    else if (a === '--seed') options.seed = Number(argv[++i]);
    else if (a === '--coverage') options.coverage = true;
    else if (a === '--quiet') options.quiet = true;
    else if (ALL.includes(a)) options.targets.push(a);
    else {
      console.error(`unknown argument ${a}; targets: ${ALL.join(', ')}`);
      process.exit(2);
    }
  }
  if (!options.targets.length) options.targets = ALL;
  return options;
}

function filesUnder(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

/** The repository's YAML files: every kind the core knows, valid and with one trap each. */
function seedFiles() {
  return [...filesUnder(join(ROOT, 'examples')), ...filesUnder(join(ROOT, 'test', 'fixtures'))]
    .filter((f) => /\.ya?ml$/.test(f))
    .map((f) => readFileSync(f));
}

function scalarsNamed(files, key) {
  const re = new RegExp(`${key}:\\s*("(?:[^"\\\\]|\\\\.)*"|'[^']*'|[^\\n#,}]+)`, 'g');
  const values = new Set();
  for (const f of files)
    for (const m of f.toString('utf8').matchAll(re)) {
      const raw = m[1].trim();
      values.add(raw.startsWith('"') ? JSON.parse(raw) : raw.replace(/^'|'$/g, ''));
    }
  return [...values];
}

/** Seed inputs per target, in that target's input layout. */
function seeds(target) {
  const files = seedFiles();
  switch (target) {
    case 'services':
      // Two bytes line, one byte character, then the file: a few positions per file.
      return files.flatMap((f) => {
        const lines = f.toString('utf8').split('\n').length;
        return [0.1, 0.5, 0.8, 0.95].map((at) => {
          const line = Math.floor(lines * at);
          return Buffer.concat([Buffer.from([line >> 8, line & 255, 6]), f]);
        });
      });
    case 'constraint':
      return [
        ...scalarsNamed(files, 'supportedOperatorVersion'),
        '>= 0.1.0, < 1.0.0',
        '1.2.3 - 2',
        '^0.1 || ~0.2.x',
      ].map((s) => Buffer.from(s));
    case 're2':
      return [...scalarsNamed(files, 'regex'), '(?i)[[:alpha:]]+\\pL{2,1000}', '(?P<n>a)(?<n>b)'].map((s) =>
        Buffer.from(`${s}\0my-app-01`),
      );
    default:
      return files;
  }
}

function prepareCorpus(target) {
  const dir = join(WORK, 'corpus', target);
  mkdirSync(dir, { recursive: true });
  for (const seed of seeds(target)) {
    const name = `seed-${createHash('sha1').update(seed).digest('hex')}`;
    if (!existsSync(join(dir, name))) writeFileSync(join(dir, name), seed);
  }
  return dir;
}

function run(args, env, onLine) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let tail = '';
    // Whole lines only: a chunk may end inside one (the line that says what broke, for one).
    const reader = () => {
      let partial = '';
      return {
        take(chunk) {
          const text = chunk.toString();
          tail = (tail + text).slice(-20000);
          const lines = (partial + text).split('\n');
          partial = lines.pop() ?? '';
          for (const line of lines) if (line) onLine(line);
        },
        flush() {
          if (partial) onLine(partial);
          partial = '';
        },
      };
    };
    const out = reader();
    const err = reader();
    child.stdout.on('data', out.take);
    child.stderr.on('data', err.take);
    child.on('close', (code, signal) => {
      out.flush();
      err.flush();
      resolve({ code, signal, tail });
    });
  });
}

function jazzerArgs(target, dirs, extra, libFuzzer) {
  return [
    '--max-old-space-size=2048',
    JAZZER,
    join(TARGETS_DIR, `${target}.js`),
    ...dirs,
    ...(SYNC.has(target) ? ['--sync'] : []),
    `--timeout=${HANG_MS}`,
    // Our code is what is instrumented (FUZZ_INSTRUMENT_YAML=1 adds the yaml library's lexer and parser: more shapes
    // of YAML learnt, several times slower); yaml-language-server is left out: it is large and not ours.
    '--includes=out/common/',
    '--includes=out/server/',
    ...(process.env.FUZZ_INSTRUMENT_YAML === '1' ? ['--includes=node_modules/yaml/'] : []),
    '--excludes=out/test/',
    ...extra,
    '--',
    `-max_len=${MAX_LEN}`,
    `-dict=${join(ROOT, 'test', 'fuzz', 'forkspacer.dict')}`,
    '-print_final_stats=1',
    ...libFuzzer,
  ];
}

async function fuzzTarget(target, options, env) {
  const corpus = prepareCorpus(target);
  const saved = join(REGRESSIONS, target);
  mkdirSync(saved, { recursive: true });
  // --runs N alone: until N executions; with --seconds too: whichever comes first.
  const bound = [
    ...(options.runs ? [`-runs=${options.runs}`] : []),
    ...(!options.runs || options.secondsGiven ? [`-max_total_time=${options.seconds}`] : []),
    // A fixed seed replays the same mutations from the same corpus (the test suite's pass); none explores anew.
    ...(options.seed !== undefined ? [`-seed=${options.seed}`] : []),
  ];
  const stats = { target, runs: 0, cov: 0, ft: 0, corpus: 0, seconds: 0 };
  const started = Date.now();
  const result = await run(
    jazzerArgs(target, [corpus, saved], [], [...bound, `-artifact_prefix=${saved}/`]),
    env,
    (line) => {
      const m = /^#(\d+)\s+\S+\s+cov: (\d+) ft: (\d+) corp: (\d+)/.exec(line);
      if (m) Object.assign(stats, { runs: +m[1], cov: +m[2], ft: +m[3], corpus: +m[4] });
      const done = /^Done (\d+) runs in (\d+) second/.exec(line);
      if (done) stats.runs = +done[1];
      // What broke, in one line: the input printed after it can be longer than any log excerpt.
      const broke = /Uncaught Exception: (.*)|(==\d+== ERROR: .*)|(ALARM: .*)/.exec(line);
      if (broke && !stats.finding) stats.finding = (broke[1] ?? broke[2] ?? broke[3]).slice(0, 600);
      if (!options.quiet && (m ? /DONE|pulse|INITED/.test(line) : true)) console.log(`[${target}] ${line}`);
    },
  );
  stats.seconds = (Date.now() - started) / 1000;
  stats.ok = result.code === 0;
  stats.exit = result.signal ?? result.code;
  if (!stats.ok) {
    stats.artifact = /(?:Test unit written to|artifact written to) (\S+)/.exec(result.tail)?.[1];
    stats.tail = result.tail.split('\n').slice(-40).join('\n');
  }
  if (options.coverage && stats.ok) stats.coverage = await coverageOf(target, [corpus, saved], env);
  return stats;
}

/** Line and branch coverage of common/ and server/ reached by replaying the corpus (istanbul, regression mode). */
async function coverageOf(target, dirs, env) {
  const out = join(WORK, 'coverage', target);
  rmSync(out, { recursive: true, force: true });
  await run(
    jazzerArgs(
      target,
      dirs,
      ['--mode=regression', '--coverage', `--coverage_directory=${out}`, '--coverage_reporters=json-summary'],
      [],
    ),
    env,
    () => undefined,
  );
  const summary = join(out, 'coverage-summary.json');
  if (!existsSync(summary)) return undefined;
  const files = JSON.parse(readFileSync(summary, 'utf8'));
  const sum = { lines: [0, 0], branches: [0, 0] };
  for (const [file, s] of Object.entries(files)) {
    if (file === 'total' || !/\/out\/(common|server)\//.test(file)) continue;
    sum.lines[0] += s.lines.covered;
    sum.lines[1] += s.lines.total;
    sum.branches[0] += s.branches.covered;
    sum.branches[1] += s.branches.total;
  }
  const pct = ([a, b]) => (b ? `${((100 * a) / b).toFixed(1)}%` : 'n/a');
  return { lines: pct(sum.lines), branches: pct(sum.branches), report: relative(ROOT, out) };
}

const options = parseArgs(process.argv.slice(2));
for (const target of options.targets)
  if (!existsSync(join(TARGETS_DIR, `${target}.js`))) {
    console.error(`no compiled target ${target}: run npm run compile first`);
    process.exit(2);
  }
const env = fuzzerEnv();
const results = [];
for (const target of options.targets) results.push(await fuzzTarget(target, options, env));

console.log('\ntarget       executions   exec/s     cov      ft  corpus  result');
for (const r of results) {
  const rate = r.seconds ? Math.round(r.runs / r.seconds) : 0;
  const coverage = r.coverage ? `  lines ${r.coverage.lines}, branches ${r.coverage.branches}` : '';
  console.log(
    `${r.target.padEnd(12)} ${String(r.runs).padStart(10)} ${String(rate).padStart(8)} ${String(r.cov).padStart(7)} ${String(r.ft).padStart(7)} ${String(r.corpus).padStart(7)}  ${r.ok ? 'ok' : 'FAILED'}${coverage}`,
  );
}
const failed = results.filter((r) => !r.ok);
for (const r of failed)
  console.error(
    `\n${r.target} failed${r.artifact ? `; the input is saved as ${relative(ROOT, r.artifact)}` : ''}:\n${r.tail}`,
  );
// Last, short, what a CI log's closing lines keep: what broke, and small inputs in base64 to replay here.
for (const r of failed) {
  console.error(
    `\n${r.target} FAILED: ${r.finding ?? `exit ${r.exit}`}${r.artifact ? ` (input: ${relative(ROOT, r.artifact)})` : ''}`,
  );
  const input = r.artifact && existsSync(r.artifact) ? readFileSync(r.artifact) : undefined;
  if (input && input.length <= 4096)
    console.error(`${r.target} input, base64:\n${input.toString('base64').replace(/.{1,76}/g, '$&\n')}`);
}
if (process.env.FUZZ_SUMMARY) writeFileSync(process.env.FUZZ_SUMMARY, JSON.stringify(results, null, 2));
process.exit(failed.length ? 1 : 0);
