// npm run bench:host — the embedded host's own overhead per lifecycle operation, with the no-op plugin
// (test/go/plugins/noop), so that everything measured is the host: spawn the runner, load the .so,
// call, persist the state file. Prints warm figures (runner and plugin already built), cold figures
// (empty host cache: plugin and runner built; pass --cold-go to also start from an empty Go build cache,
// which takes minutes), the runner process alone, the CLI per operation, and 50 modules installed at once.
import { createRequire } from 'node:module';
import { mkdtempSync, readdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const { createHost } = require(join(root, 'dist', 'host.js'));
const plugin = join(root, 'test', 'go', 'plugins', 'noop');
const work = mkdtempSync(join(tmpdir(), 'forkspacer-bench-host-'));
const coldGo = process.argv.includes('--cold-go');
const cycles = Number(process.env.BENCH_CYCLES ?? 20);

function moduleFile(name) {
  const file = join(work, `${name}.yaml`);
  writeFileSync(
    file,
    `apiVersion: batch.forkspacer.com/v1
kind: Module
metadata: { name: ${name} }
spec:
  workspace: { name: dev }
  source:
    raw:
      kind: Custom
      metadata: { name: noop, version: 1.0.0, supportedOperatorVersion: ">= 0.0.0, < 1.0.0" }
      spec: { repo: { file: ${plugin} } }
`,
  );
  return file;
}

const ms = (start) => Number(process.hrtime.bigint() - start) / 1e6;
const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return `median ${q(0.5).toFixed(1)} ms, p95 ${q(0.95).toFixed(1)} ms, min ${s[0].toFixed(1)} ms (n=${s.length})`;
};
async function timed(fn) {
  const start = process.hrtime.bigint();
  const r = await fn();
  if (!r.ok) throw new Error(`${r.operation} failed: ${r.error}`);
  return ms(start);
}

const env = coldGo ? { GOCACHE: join(work, 'gocache') } : {};
// The no-op plugin requires the operator's module: through ../shared/goproxy where that folder exists.
Object.assign(process.env, require(join(root, 'scripts', 'goproxy.cjs')).withLocalGoProxy(process.env), env);
const goVersion = spawnSync('go', ['version'], { encoding: 'utf8' }).stdout.trim();
console.log(`forkspacer host benchmark — ${goVersion}, node ${process.version}, ${cycles} warm cycles`);

// Cold: an empty host cache, so the plugin and the runner are built in this run.
const coldCache = join(work, 'cache');
const coldHost = createHost({ stateDir: join(work, 'state-cold'), cacheDir: coldCache, buildTimeoutMs: 30 * 60_000 });
const coldInstall = await timed(() => coldHost.install(moduleFile('cold'), 0));
const coldSleep = await timed(() => coldHost.sleep('default/cold'));
console.log(`\ncold (empty host cache${coldGo ? ' and empty Go build cache' : ', Go build cache as found'}):`);
console.log(`  first install (go build -buildmode=plugin + runner build + call): ${(coldInstall / 1000).toFixed(1)} s`);
console.log(`  next operation (nothing to build):                             ${coldSleep.toFixed(1)} ms`);

// Warm: the same cache, a fresh host and module per run.
const host = createHost({ stateDir: join(work, 'state-warm'), cacheDir: coldCache });
const file = moduleFile('warm');
const per = { install: [], sleep: [], resume: [], uninstall: [] };
for (let i = 0; i < cycles; i++) {
  per.install.push(await timed(() => host.install(file, 0)));
  per.sleep.push(await timed(() => host.sleep('default/warm')));
  per.resume.push(await timed(() => host.resume('default/warm')));
  per.uninstall.push(await timed(() => host.uninstall('default/warm')));
}
console.log('\nwarm host overhead per operation (no-op plugin; host API in one process):');
for (const [op, xs] of Object.entries(per)) console.log(`  ${op.padEnd(9)} ${stats(xs)}`);
const all = Object.values(per).flat();
console.log(`  all       ${stats(all)}  — target < 150 ms`);

// The runner process alone: spawn, plugin.Open, NewManager, one call, exit.
const record = await host.get('default/warm');
const runners = readdirSync(join(coldCache, 'runners')).filter((d) =>
  existsSync(join(coldCache, 'runners', d, 'runner')),
);
const runner = join(coldCache, 'runners', runners[0], 'runner');
const raw = [];
for (let i = 0; i < cycles; i++) {
  const start = process.hrtime.bigint();
  const r = spawnSync(runner, [], {
    input: JSON.stringify({ method: 'sleep', plugin: record.plugin.path, config: {}, metaData: {} }),
  });
  if (r.status !== 0) throw new Error(String(r.stdout));
  raw.push(ms(start));
}
console.log(`  of which the runner process (spawn + plugin.Open + call): ${stats(raw)}`);

// The CLI: a Node process per operation (startup and bundle load included).
const cli = join(root, 'dist', 'cli.js');
if (existsSync(cli)) {
  const cliTimes = [];
  const args = ['--state-dir', join(work, 'state-cli'), '--cache-dir', coldCache];
  for (let i = 0; i < Math.min(cycles, 5); i++) {
    for (const op of ['install', 'uninstall']) {
      const start = process.hrtime.bigint();
      const r = spawnSync(process.execPath, [cli, 'run', op, file, ...args], { encoding: 'utf8' });
      if (r.status !== 0) throw new Error(r.stdout + r.stderr);
      cliTimes.push(ms(start));
    }
  }
  console.log(`\nCLI per operation (node dist/cli.js run …, a new process each time): ${stats(cliTimes)}`);
}

// 50 modules installed at once (default parallelism), then all put to sleep at once.
const many = createHost({ stateDir: join(work, 'state-50'), cacheDir: coldCache });
const files = Array.from({ length: 50 }, (_, i) => moduleFile(`m${i}`));
let start = process.hrtime.bigint();
const installs = await Promise.all(files.map((f) => many.install(f, 0)));
const installWall = ms(start);
if (installs.some((r) => !r.ok)) throw new Error(installs.find((r) => !r.ok).error);
start = process.hrtime.bigint();
await Promise.all(installs.map((r) => many.sleep(r.id)));
const sleepWall = ms(start);
console.log(
  `\n50 modules installed at once: ${(installWall / 1000).toFixed(2)} s wall (${(installWall / 50).toFixed(1)} ms per module), all slept at once: ${(sleepWall / 1000).toFixed(2)} s`,
);

rmSync(work, { recursive: true, force: true });
