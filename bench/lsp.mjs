// Benchmark: our language server (dist/server.js) against plain yaml-language-server (same schemas,
// associated with the file) over LSP stdio, on generated multi-document files of 10, 100 and 400 Modules
// with inline resources (~700, ~7,000, ~28,000 lines).
// Measures: open → first diagnostics (ours: a large file's first documents, published as it goes) and → all of
// them (ours: the last publish before its validation progress ends); one-line edit → diagnostics (p50/p95);
// completion and hover latency (p50/p95), in one burst after the edits, and hover again after a 1 s pause; server
// RSS (VmRSS, VmHWM from /proc). Prints a table; `--json` also prints the raw figures.
// Run: npm run bench   (builds dist/ first)   Options: --sizes 10,100,400  --edits 30  --requests 40
//   --ours-only (no anchor)  --server FILE (another build of our server, e.g. main's, for a before/after run)
//   --cpu-prof DIR (our server writes a V8 CPU profile there on exit)
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cpus, loadavg } from 'node:os';
import { pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';
import { moduleDocument } from './fixtures.mjs';

const require = createRequire(import.meta.url);
const { createMessageConnection, StreamMessageReader, StreamMessageWriter } = require('vscode-jsonrpc/node');

const ROOT = join(import.meta.dirname, '..');
/** The 1-minute load average: the machine's other work, to read the figures by (the ratios are side by side). */
const loadAverage = () => loadavg()[0].toFixed(1);
const LOAD_BEFORE = loadAverage();
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i === -1 ? fallback : args[i + 1];
};
const SIZES = option('sizes', '10,100,400').split(',').map(Number);
const EDITS = Number(option('edits', '30'));
const REQUESTS = Number(option('requests', '40'));
/** The pause before the last round of hovers. */
const PAUSE_MS = 1000;
/** `--cpu-prof DIR`: our server writes a V8 CPU profile there (`--cpu-prof-dir`); `--ours-only` skips the anchor. */
const CPU_PROF = option('cpu-prof', undefined);
const OURS_ONLY = args.includes('--ours-only');
/** `--server FILE`: another build of our server in the "ours" column (e.g. main's, for a before/after run). */
const SERVER = option('server', join(ROOT, 'dist', 'server.js'));
const MODULE_SCHEMA = pathToFileURL(join(ROOT, 'schemas', 'module.schema.json')).href;

// ---------- the generated file ----------

const LINES_PER_MODULE = moduleDocument(0).split('\n').length - 1;
/** Line offsets inside one Module document. */
const TEMPLATE_LINES = moduleDocument(0).split('\n');
const AT = {
  hibernated: TEMPLATE_LINES.indexOf('  hibernated: false'),
  configEnv: TEMPLATE_LINES.indexOf('    env: staging'),
  replicas: TEMPLATE_LINES.indexOf('    replicas: 3'),
};

// ---------- an LSP session ----------

class Session {
  constructor(name, command, settingsFor) {
    this.name = name;
    this.child = spawn(process.execPath, command, { stdio: 'pipe' });
    this.child.stderr.on('data', () => undefined);
    this.connection = createMessageConnection(
      new StreamMessageReader(this.child.stdout),
      new StreamMessageWriter(this.child.stdin),
    );
    this.published = [];
    this.waiters = [];
    this.connection.onNotification('textDocument/publishDiagnostics', (p) => {
      this.published.push({ at: performance.now(), params: p });
      for (const w of this.waiters.splice(0)) w();
    });
    this.connection.onRequest('workspace/configuration', (p) => p.items.map((item) => settingsFor(item.section)));
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.onRequest('window/workDoneProgress/create', ({ token }) => {
      this.progress.set(token, 'created');
      return null;
    });
    /** Work-done progress by token: created, begin, end (ours shows one for a long first validation). */
    this.progress = new Map();
    this.connection.onNotification('$/progress', ({ token, value }) => {
      this.progress.set(token, value.kind);
      for (const w of this.waiters.splice(0)) w();
    });
    this.connection.onNotification('window/logMessage', () => undefined);
    this.connection.onNotification('telemetry/event', () => undefined);
    this.connection.listen();
  }

  async initialize(initializationOptions, settings) {
    await this.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: null,
      capabilities: {
        window: { workDoneProgress: true },
        workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true } },
        textDocument: {
          completion: { completionItem: { snippetSupport: true } },
          hover: { contentFormat: ['markdown'] },
        },
      },
      initializationOptions,
    });
    await this.connection.sendNotification('initialized', {});
    if (settings) await this.connection.sendNotification('workspace/didChangeConfiguration', { settings });
  }

  /** Waits for the first publish for `uri` after index `from`. */
  async nextPublish(uri, from, timeoutMs = 60000) {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      const found = this.published.slice(from).find((p) => p.params.uri === uri);
      if (found) return found;
      const left = deadline - performance.now();
      if (left <= 0) throw new Error(`${this.name}: no diagnostics for ${uri}`);
      await new Promise((resolve) => {
        const t = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  /** Resolves once every work-done progress begun has ended. */
  async progressEnded(timeoutMs = 60000) {
    const deadline = performance.now() + timeoutMs;
    while ([...this.progress.values()].some((kind) => kind !== 'end')) {
      const left = deadline - performance.now();
      if (left <= 0) throw new Error(`${this.name}: a progress did not end`);
      await new Promise((resolve) => {
        const t = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  memory() {
    try {
      const status = readFileSync(`/proc/${this.child.pid}/status`, 'utf8');
      const kb = (key) => Number(new RegExp(`${key}:\\s+(\\d+) kB`).exec(status)?.[1] ?? NaN);
      return { rss: kb('VmRSS') / 1024, hwm: kb('VmHWM') / 1024 };
    } catch {
      return { rss: NaN, hwm: NaN };
    }
  }

  async stop() {
    try {
      await Promise.race([this.connection.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
      await this.connection.sendNotification('exit');
    } catch {
      // gone
    }
    const timer = setTimeout(() => this.child.kill(), 2000);
    await new Promise((resolve) => (this.child.exitCode !== null ? resolve() : this.child.once('exit', resolve)));
    clearTimeout(timer);
    this.connection.dispose();
  }
}

function startOurs() {
  const profile = CPU_PROF ? ['--cpu-prof', '--cpu-prof-dir', CPU_PROF] : [];
  const session = new Session('ours', [...profile, SERVER, '--stdio'], (section) =>
    section === 'forkspacer' ? {} : null,
  );
  return session.initialize({ trusted: false }).then(() => session);
}

function startAnchor(fileGlob) {
  const yamlSettings = {
    schemas: { [MODULE_SCHEMA]: fileGlob },
    validate: true,
    hover: true,
    completion: true,
    format: { enable: false },
  };
  const session = new Session(
    'yaml-language-server',
    [join(ROOT, 'node_modules', 'yaml-language-server', 'bin', 'yaml-language-server'), '--stdio'],
    (section) => (section === 'yaml' ? yamlSettings : section === 'http' ? {} : null),
  );
  return session.initialize({}, { yaml: yamlSettings }).then(() => session);
}

// ---------- measurements ----------

const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
};

async function measure(session, modules) {
  const uri = pathToFileURL(join(ROOT, 'out', `bench-${modules}.forkspacer.yaml`)).href;
  const text = Array.from({ length: modules }, (_, i) => moduleDocument(i)).join('');
  const lines = text.split('\n').length - 1;

  let from = session.published.length;
  const opened = performance.now();
  await session.connection.sendNotification('textDocument/didOpen', {
    textDocument: { uri, languageId: 'yaml', version: 1, text },
  });
  const first = await session.nextPublish(uri, from);
  const firstDiagnostics = first.at - opened;
  const firstCount = first.params.diagnostics.length;
  // Ours publishes a large file's first documents' verdicts as it goes, with a progress: the file's diagnostics
  // are all there at the last publish before the progress ends (the anchor publishes once).
  await session.progressEnded();
  const last = session.published
    .slice(from)
    .filter((p) => p.params.uri === uri)
    .at(-1);
  const allDiagnostics = last.at - opened;
  const allCount = last.params.diagnostics.length;

  // One-line edits spread over the file, each waited for before the next.
  const edits = [];
  let version = 1;
  for (let e = 0; e < EDITS; e++) {
    const module = Math.floor(((e * 7919) % modules) + 0);
    const line = module * LINES_PER_MODULE + AT.replicas;
    const value = 1 + ((e + 1) % 9);
    from = session.published.length;
    version++;
    const sent = performance.now();
    await session.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: [
        {
          range: { start: { line, character: 0 }, end: { line: line + 1, character: 0 } },
          text: `    replicas: ${value}\n`,
        },
      ],
    });
    const published = await session.nextPublish(uri, from);
    edits.push(published.at - sent);
  }

  const completions = [];
  let completionItems = 0;
  for (let r = 0; r < REQUESTS; r++) {
    const module = (r * 31) % modules;
    const sent = performance.now();
    const result = await session.connection.sendRequest('textDocument/completion', {
      textDocument: { uri },
      position: { line: module * LINES_PER_MODULE + AT.configEnv, character: 4 },
    });
    completions.push(performance.now() - sent);
    completionItems = Array.isArray(result) ? result.length : (result?.items?.length ?? 0);
  }

  const hovers = [];
  let hoverFound = false;
  for (let r = 0; r < REQUESTS; r++) {
    const module = (r * 17) % modules;
    const sent = performance.now();
    const result = await session.connection.sendRequest('textDocument/hover', {
      textDocument: { uri },
      position: { line: module * LINES_PER_MODULE + AT.hibernated, character: 4 },
    });
    hovers.push(performance.now() - sent);
    hoverFound ||= Boolean(result);
  }

  // The same after a one-second pause (a user reading before hovering): ours does its idle-time work in pauses
  // (yaml-language-server's parse of each document, the hover path's JIT warm-up); the anchor has none to do.
  await new Promise((resolve) => setTimeout(resolve, PAUSE_MS));
  const pausedHovers = [];
  for (let r = 0; r < REQUESTS; r++) {
    const module = (r * 13 + 5) % modules;
    const sent = performance.now();
    await session.connection.sendRequest('textDocument/hover', {
      textDocument: { uri },
      position: { line: module * LINES_PER_MODULE + AT.hibernated, character: 4 },
    });
    pausedHovers.push(performance.now() - sent);
  }

  await session.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  return {
    lines,
    firstDiagnostics,
    firstCount,
    allDiagnostics,
    allCount,
    editP50: percentile(edits, 50),
    editP95: percentile(edits, 95),
    completionP50: percentile(completions, 50),
    completionP95: percentile(completions, 95),
    completionItems,
    hoverP50: percentile(hovers, 50),
    hoverP95: percentile(hovers, 95),
    hoverFound,
    pausedHoverP50: percentile(pausedHovers, 50),
    pausedHoverP95: percentile(pausedHovers, 95),
    ...session.memory(),
  };
}

// ---------- run ----------

const results = [];
for (const modules of SIZES) {
  // A fresh process per size and server, so memory and first-open figures are not carried over.
  const ours = await startOurs();
  const oursFigures = await measure(ours, modules);
  await ours.stop();
  let anchorFigures = {};
  if (!OURS_ONLY) {
    const anchor = await startAnchor(`bench-${modules}.forkspacer.yaml`);
    anchorFigures = await measure(anchor, modules);
    await anchor.stop();
  }
  results.push({ modules, ours: oursFigures, anchor: anchorFigures });
  process.stderr.write(`measured ${modules} modules\n`);
}

const ms = (v) => (Number.isFinite(v) ? `${v.toFixed(v < 10 ? 1 : 0)} ms` : '—');
const mb = (v) => (Number.isFinite(v) ? `${v.toFixed(0)} MB` : '—');
const ratio = (a, b) => (Number.isFinite(a) && Number.isFinite(b) && b > 0 ? `${(a / b).toFixed(2)}×` : '—');
const rows = [
  ['first diagnostics', 'firstDiagnostics', ms],
  ['all diagnostics', 'allDiagnostics', ms],
  ['edit → diagnostics p50', 'editP50', ms],
  ['edit → diagnostics p95', 'editP95', ms],
  ['completion p50', 'completionP50', ms],
  ['completion p95', 'completionP95', ms],
  ['hover p50', 'hoverP50', ms],
  ['hover p95', 'hoverP95', ms],
  ['hover p50, after 1 s', 'pausedHoverP50', ms],
  ['hover p95, after 1 s', 'pausedHoverP95', ms],
  ['RSS after run', 'rss', mb],
  ['RSS peak (VmHWM)', 'hwm', mb],
];
const header = [
  '',
  ...results.flatMap((r) => [`ours ${r.ours.lines}`, `anchor ${r.anchor.lines ?? r.ours.lines}`, 'ratio']),
];
const table = [
  header,
  ...rows.map(([label, key, fmt]) => [
    label,
    ...results.flatMap((r) => [fmt(r.ours[key]), fmt(r.anchor[key]), ratio(r.ours[key], r.anchor[key])]),
  ]),
];
table.push([
  'completion items (config)',
  ...results.flatMap((r) => [String(r.ours.completionItems), String(r.anchor.completionItems ?? '—'), '']),
]);
const widths = header.map((_, c) => Math.max(...table.map((row) => row[c].length)));
const line = (row) =>
  `| ${row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join(' | ')} |`;
console.log(
  `Modules: ${SIZES.join(', ')}; ${EDITS} edits, ${REQUESTS} completions and hovers each; node ${process.version}; ` +
    `load average ${LOAD_BEFORE} at the start, ${loadAverage()} at the end (${cpus().length} cores)`,
);
console.log(line(table[0]));
console.log(`|${widths.map((w, c) => (c === 0 ? '-'.repeat(w + 2) : '-'.repeat(w + 1) + ':')).join('|')}|`);
for (const row of table.slice(1)) console.log(line(row));
if (args.includes('--json')) console.log(JSON.stringify(results, null, 2));
