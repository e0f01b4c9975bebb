// Benchmark: the language server's validation worker thread (server/src/worker/). One server opens three large
// files (400 Modules, 27,600 lines each, different texts) one after another with a 1 s pause between them (a user
// reading), with FORKSPACER_VALIDATION_WORKER=never and =always, alternated; prints each open's time to all
// diagnostics (the last publish before the validation's progress ends), medians of --runs.
// A new worker starts and warms up in the pause after the first large run, so only the later opens can gain.
// Run: node esbuild.mjs && node bench/worker.mjs   Options: --runs 3
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { cpus, loadavg } from 'node:os';
import { moduleDocument } from './fixtures.mjs';

const require = createRequire(import.meta.url);
const { createMessageConnection, StreamMessageReader, StreamMessageWriter } = require('vscode-jsonrpc/node');
const ROOT = join(import.meta.dirname, '..');
const args = process.argv.slice(2);
const RUNS = Number(args[args.indexOf('--runs') + 1] || 3);
const LOAD_BEFORE = loadavg()[0].toFixed(1);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function session(worker) {
  const child = spawn(process.execPath, [join(ROOT, 'dist', 'server.js'), '--stdio'], {
    stdio: 'pipe',
    env: { ...process.env, FORKSPACER_VALIDATION_WORKER: worker },
  });
  child.stderr.resume();
  const connection = createMessageConnection(
    new StreamMessageReader(child.stdout),
    new StreamMessageWriter(child.stdin),
  );
  connection.onRequest('workspace/configuration', (p) => p.items.map(() => ({})));
  connection.onRequest('window/workDoneProgress/create', () => null);
  connection.onNotification('window/logMessage', () => undefined);
  let ended;
  let lastPublish = 0;
  connection.onNotification('$/progress', (p) => p.value.kind === 'end' && ended?.());
  connection.onNotification('textDocument/publishDiagnostics', () => (lastPublish = performance.now()));
  connection.listen();
  await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: null,
    capabilities: { window: { workDoneProgress: true }, workspace: { configuration: true } },
  });
  await connection.sendNotification('initialized', {});
  const times = [];
  for (const round of [0, 1, 2]) {
    if (round) await sleep(1000);
    const text = Array.from({ length: 400 }, (_, i) => moduleDocument(i + round * 1000)).join('');
    const done = new Promise((resolve) => (ended = resolve));
    const opened = performance.now();
    await connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri: `file:///bench/worker-${round}.yaml`, languageId: 'yaml', version: 1, text },
    });
    await done;
    times.push(lastPublish - opened);
  }
  child.kill();
  connection.dispose();
  return times;
}

const results = { never: [], always: [] };
for (let r = 0; r < RUNS; r++) for (const worker of ['never', 'always']) results[worker].push(await session(worker));
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
console.log(
  `Three opens of 27,600 lines, 1 s apart; medians of ${RUNS}; node ${process.version}; load average ${LOAD_BEFORE} ` +
    `at the start, ${loadavg()[0].toFixed(1)} at the end (${cpus().length} cores)`,
);
console.log('| all diagnostics | 1st open | 2nd open | 3rd open |');
console.log('|-----------------|---------:|---------:|---------:|');
for (const worker of ['never', 'always'])
  console.log(
    `| worker ${worker.padEnd(8)} | ${[0, 1, 2].map((i) => `${median(results[worker].map((t) => t[i])).toFixed(0)} ms`.padStart(8)).join(' | ')} |`,
  );
