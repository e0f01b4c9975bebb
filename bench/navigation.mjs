// Benchmark: the workspace index and navigation (dist/server.js over stdio) on a generated workspace of many
// files: resource definitions, Modules that use them through a URL mapping, and unrelated YAML (Deployments).
// Measures: initialize → first diagnostics of an opened Module with the workspace folder (index scheduled)
// and without one (no index), the index scan, the server's RSS with and without it, and the latency of
// definition (Module key → resource file), references (from an item: every Module of the workspace that sets
// it), prepareRename + rename (one WorkspaceEdit over all those files) and inlay hints.
// Run: node esbuild.mjs && node bench/navigation.mjs   Options: --resources 200 --modules 2000 --others 1000
//      --runs 5 --requests 30 --json
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { createMessageConnection, StreamMessageReader, StreamMessageWriter } = require('vscode-jsonrpc/node');

const ROOT = join(import.meta.dirname, '..');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i === -1 ? fallback : args[i + 1];
};
const RESOURCES = Number(option('resources', '200'));
const MODULES = Number(option('modules', '2000'));
const OTHERS = Number(option('others', '1000'));
const RUNS = Number(option('runs', '5'));
const REQUESTS = Number(option('requests', '30'));
const PREFIX = 'https://example.com/res/';

// ---------- the generated workspace ----------

function resource(i) {
  return `kind: Custom
metadata:
  name: installer-${i}
  version: 1.0.${i}
  supportedOperatorVersion: ">= 0.0.0, < 1.0.0"
config:
  - type: option
    name: Environment
    alias: env
    spec:
      default: development
      values: [development, staging, production]
      editable: true
  - type: integer
    name: Replicas
    alias: replicas
    spec:
      default: 1
      min: 1
      max: 10
      editable: true
  - type: boolean
    name: Debug
    alias: debug
    spec:
      editable: true
spec:
  repo:
    file: https://example.com/plugins/installer-${i}.so
`;
}

function module(j) {
  return `apiVersion: batch.forkspacer.com/v1
kind: Module
metadata:
  name: app-${j}
spec:
  workspace:
    name: dev
  source:
    httpURL: ${PREFIX}r-${j % RESOURCES}.yaml
  config:
    env: staging
    replicas: 3
`;
}

function deployment(k) {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web-${k}
spec:
  replicas: 2
  selector:
    matchLabels: { app: web-${k} }
  template:
    metadata:
      labels: { app: web-${k} }
    spec:
      containers:
        - name: web
          image: nginx:1.27
`;
}

function workspace() {
  const dir = mkdtempSync(join(tmpdir(), 'forkspacer-bench-nav-'));
  for (const d of ['resources', 'modules', 'k8s']) mkdirSync(join(dir, d));
  for (let i = 0; i < RESOURCES; i++) writeFileSync(join(dir, 'resources', `r-${i}.yaml`), resource(i));
  for (let j = 0; j < MODULES; j++) writeFileSync(join(dir, 'modules', `m-${j}.yaml`), module(j));
  for (let k = 0; k < OTHERS; k++) writeFileSync(join(dir, 'k8s', `d-${k}.yaml`), deployment(k));
  return dir;
}

// ---------- an LSP session ----------

class Session {
  constructor(settings) {
    this.child = spawn(process.execPath, [join(ROOT, 'dist', 'server.js'), '--stdio'], { stdio: 'pipe' });
    this.child.stderr.on('data', () => undefined);
    this.connection = createMessageConnection(
      new StreamMessageReader(this.child.stdout),
      new StreamMessageWriter(this.child.stdin),
    );
    this.published = [];
    this.logs = [];
    this.waiters = [];
    const wake = () => {
      for (const w of this.waiters.splice(0)) w();
    };
    this.connection.onNotification('textDocument/publishDiagnostics', (p) => {
      this.published.push({ at: performance.now(), params: p });
      wake();
    });
    this.connection.onNotification('window/logMessage', (p) => {
      this.logs.push(p.message);
      wake();
    });
    this.connection.onRequest('workspace/configuration', (p) =>
      p.items.map((item) => (item.section === 'forkspacer' ? settings : null)),
    );
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.listen();
  }

  async initialize(rootUri) {
    await this.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri,
      capabilities: { workspace: { configuration: true } },
      initializationOptions: { trusted: false },
    });
    await this.connection.sendNotification('initialized', {});
  }

  async waitFor(probe, timeoutMs = 120000) {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      const found = probe();
      if (found) return found;
      const left = deadline - performance.now();
      if (left <= 0) throw new Error('timed out');
      await new Promise((resolve) => {
        const t = setTimeout(resolve, Math.min(left, 200));
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  request(method, params) {
    return this.connection.sendRequest(method, params);
  }

  rss() {
    try {
      const status = readFileSync(`/proc/${this.child.pid}/status`, 'utf8');
      return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? NaN) / 1024;
    } catch {
      return NaN;
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

// ---------- measurements ----------

const quantile = (values, q) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
};
const ms = (v) => (v >= 100 ? `${Math.round(v)} ms` : `${v.toFixed(1)} ms`);

async function time(fn) {
  const started = performance.now();
  const result = await fn();
  return { ms: performance.now() - started, result };
}

/** initialize → first diagnostics of one opened Module, with or without a workspace folder. */
async function firstDiagnostics(dir, withFolder) {
  const settings = { resources: { urlMappings: { [PREFIX]: join(dir, 'resources') } } };
  const session = new Session(settings);
  const started = performance.now();
  await session.initialize(withFolder ? pathToFileURL(dir).href : null);
  const uri = pathToFileURL(join(dir, 'modules', 'm-1.yaml')).href;
  await session.connection.sendNotification('textDocument/didOpen', {
    textDocument: { uri, languageId: 'yaml', version: 1, text: module(1) },
  });
  await session.waitFor(() => session.published.find((p) => p.params.uri === uri));
  const first = performance.now() - started;
  // A second file opened when the index scan has just started (it starts 1.5 s after initialized).
  await new Promise((r) => setTimeout(r, Math.max(0, started + 1600 - performance.now())));
  const second = pathToFileURL(join(dir, 'modules', 'm-2.yaml')).href;
  const opened = performance.now();
  await session.connection.sendNotification('textDocument/didOpen', {
    textDocument: { uri: second, languageId: 'yaml', version: 1, text: module(2) },
  });
  await session.waitFor(() => session.published.find((p) => p.params.uri === second));
  const duringScan = performance.now() - opened;
  return { session, first, duringScan, uri };
}

async function main() {
  const dir = workspace();
  console.log(
    `navigation benchmark — node ${process.version}, ${RESOURCES} resources + ${MODULES} Modules + ${OTHERS} Deployments (${RESOURCES + MODULES + OTHERS} YAML files), ${RUNS} runs`,
  );
  const figures = {
    withIndex: [],
    withoutIndex: [],
    duringScan: [],
    sameTimeWithout: [],
    scanMs: [],
    rssWith: [],
    rssWithout: [],
  };
  try {
    for (let run = 0; run < RUNS; run++) {
      for (const withFolder of [false, true]) {
        const { session, first, duringScan } = await firstDiagnostics(dir, withFolder);
        (withFolder ? figures.withIndex : figures.withoutIndex).push(first);
        (withFolder ? figures.duringScan : figures.sameTimeWithout).push(duringScan);
        if (withFolder) {
          const line = await session.waitFor(() => session.logs.find((l) => l.startsWith('forkspacer: indexed')));
          figures.scanMs.push(Number(/in (\d+) ms/.exec(line)[1]));
          figures.rssWith.push(session.rss());
        } else {
          await new Promise((r) => setTimeout(r, 3000));
          figures.rssWithout.push(session.rss());
        }
        await session.stop();
      }
    }

    // Latencies on one session with the index built.
    const { session, uri } = await firstDiagnostics(dir, true);
    await session.waitFor(() => session.logs.find((l) => l.startsWith('forkspacer: indexed')));
    const resourceUri = pathToFileURL(join(dir, 'resources', 'r-1.yaml')).href;
    await session.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri: resourceUri, languageId: 'yaml', version: 1, text: resource(1) },
    });
    const keyPosition = { line: 10, character: 5 }; // `env` in `    env: staging`
    const itemPosition = { line: 8, character: 12 }; // `env` in `    alias: env`
    const lat = { definition: [], references: [], prepareRename: [], rename: [], inlayHints: [] };
    let referenceCount = 0;
    let editedFiles = 0;
    for (let i = 0; i < REQUESTS; i++) {
      lat.definition.push(
        (await time(() => session.request('textDocument/definition', { textDocument: { uri }, position: keyPosition })))
          .ms,
      );
      const refs = await time(() =>
        session.request('textDocument/references', {
          textDocument: { uri: resourceUri },
          position: itemPosition,
          context: { includeDeclaration: true },
        }),
      );
      lat.references.push(refs.ms);
      referenceCount = refs.result.length;
      lat.prepareRename.push(
        (
          await time(() =>
            session.request('textDocument/prepareRename', { textDocument: { uri }, position: keyPosition }),
          )
        ).ms,
      );
      const rename = await time(() =>
        session.request('textDocument/rename', { textDocument: { uri }, position: keyPosition, newName: `env${i}` }),
      );
      lat.rename.push(rename.ms);
      editedFiles = Object.keys(rename.result.changes ?? {}).length;
      lat.inlayHints.push(
        (
          await time(() =>
            session.request('textDocument/inlayHint', {
              textDocument: { uri },
              range: { start: { line: 0, character: 0 }, end: { line: 20, character: 0 } },
            }),
          )
        ).ms,
      );
    }
    await session.stop();

    const rows = [
      ['first diagnostics, no workspace folder (no index)', ms(quantile(figures.withoutIndex, 0.5))],
      ['first diagnostics, workspace folder (index scheduled)', ms(quantile(figures.withIndex, 0.5))],
      ['a file opened at 1.6 s → diagnostics, no index', ms(quantile(figures.sameTimeWithout, 0.5))],
      ['a file opened at 1.6 s → diagnostics, index scanning', ms(quantile(figures.duringScan, 0.5))],
      ['index scan (after start-up, yielding)', ms(quantile(figures.scanMs, 0.5))],
      ['RSS 3 s after start-up, no index', `${Math.round(quantile(figures.rssWithout, 0.5))} MB`],
      ['RSS after the scan, with index', `${Math.round(quantile(figures.rssWith, 0.5))} MB`],
      ...Object.entries(lat).map(([name, values]) => [
        `${name} p50 / p95`,
        `${ms(quantile(values, 0.5))} / ${ms(quantile(values, 0.95))}`,
      ]),
      ['references found (item + Modules)', String(referenceCount)],
      ['files in one rename edit', String(editedFiles)],
    ];
    const width = Math.max(...rows.map((r) => r[0].length));
    for (const [name, value] of rows) console.log(`  ${name.padEnd(width)}  ${value}`);
    if (args.includes('--json')) console.log(JSON.stringify({ figures, lat }, null, 2));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
