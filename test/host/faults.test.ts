// Host faults: the state folder read-only or full, a corrupt or half-written record, the plugin cache deleted and
// `go` killed mid-build, two host processes on one state folder, the host and the runner SIGKILLed at seeded
// moments. Each must end with a clear message and a state that is the previous or the next one (never lost, never
// invented). Mounts need root (tmpfs, read-only bind mounts); those tests skip without it.
// FORKSPACER_FAULT_SEEDS: seeds of the kill loops (default 24 each); the counts are printed as `# faults: ...`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { phaseAfter, type Operation, type StartPhase } from '../../common/src/host/lifecycle';
import { BUILD_TIMEOUT_MS, CACHE_DIR, newHost, ROOT, SLOW, tempDir, waitFor, writeModule } from './helpers';

const CLI = join(ROOT, 'dist', 'cli.js');
const SEEDS = Number(process.env.FORKSPACER_FAULT_SEEDS ?? 24);
const ID = (name: string) => `default/${name}`;
const stateFile = (stateDir: string, name: string) => join(stateDir, `default__${name}.module.json`);

/** Deterministic 0..1 numbers from a seed (mulberry32). */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The phase a fresh host reads (an operation abandoned by a dead process settled to its last good phase). */
async function phaseOnDisk(stateDir: string, name: string): Promise<StartPhase> {
  const file = stateFile(stateDir, name);
  if (existsSync(file)) JSON.parse(readFileSync(file, 'utf8')); // never half-written
  const module = await newHost(stateDir).get(ID(name));
  return module?.phase ?? 'new';
}

/** Previous or next: unchanged, the operation's success phase, or its failure phase (for an install: failed). */
function allowedAfter(operation: Operation, before: StartPhase): StartPhase[] {
  return [before, phaseAfter(operation, 'success', before), phaseAfter(operation, 'failure', before)];
}

/** An operation the lifecycle allows from `phase`, picked by `r`. */
function nextOperation(phase: StartPhase, r: number): Operation {
  const choices: Record<StartPhase, Operation[]> = {
    new: ['install'],
    removed: ['install'],
    failed: ['install', 'uninstall'],
    ready: ['sleep', 'uninstall'],
    sleeped: ['resume', 'uninstall'],
  } as Record<StartPhase, Operation[]>;
  const list = choices[phase] ?? ['uninstall'];
  return list[Math.floor(r * list.length)];
}

function childrenNamed(pid: number, name: string): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid && comm === name) found.push(Number(entry));
    } catch {
      // gone while we looked
    }
  }
  return found;
}

/** Descendants of `pid` (any depth) named `name`: `go build` runs compile/link children under `go`. */
function descendantsNamed(pid: number, name: string): number[] {
  const parents = new Map<number, number>();
  const names = new Map<number, string>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      names.set(Number(entry), stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')));
      parents.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // gone
    }
  }
  const under = (p: number): boolean => {
    for (let q = parents.get(p); q; q = parents.get(q)) if (q === pid) return true;
    return false;
  };
  return [...names].filter(([p, n]) => n === name && under(p)).map(([p]) => p);
}

const isRoot = process.getuid?.() === 0;
function sh(command: string, args: string[]): boolean {
  return spawnSync(command, args, { stdio: 'ignore' }).status === 0;
}

/** Runs the CLI; `output` is its stdout and stderr together (the result line, then the logs). */
function cli(args: string[]): Promise<{ code: number | null; signal: NodeJS.Signals | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('exit', (code, signal) => resolve({ code, signal, output }));
  });
}

const counts: Record<string, Record<string, number>> = {};
function count(fault: string, outcome: string): void {
  counts[fault] ??= {};
  counts[fault][outcome] = (counts[fault][outcome] ?? 0) + 1;
}
process.on('exit', () => console.log(`# faults: ${JSON.stringify(counts)}`));

test(
  'a read-only state folder: every operation refused with the reason, the state untouched',
  { ...SLOW, skip: !isRoot && 'needs root (bind mount)' },
  async () => {
    const dir = tempDir('ro');
    const stateDir = join(dir, 'state');
    const file = writeModule(dir, { name: 'ro', plugin: 'noop' });
    const other = writeModule(dir, { name: 'ro-other', plugin: 'noop' });
    assert.equal((await newHost(stateDir).install(file, 0)).ok, true);
    const before = readFileSync(stateFile(stateDir, 'ro'), 'utf8');
    assert.ok(sh('mount', ['--bind', stateDir, stateDir]) && sh('mount', ['-o', 'remount,bind,ro', stateDir]), 'mount');
    try {
      const host = newHost(stateDir);
      for (const r of [await host.sleep(ID('ro')), await host.uninstall(ID('ro')), await host.install(other, 0)]) {
        assert.equal(r.ok, false);
        assert.match(r.error ?? '', /read-only file system/, r.error);
        count('read-only folder', 'refused with the reason');
      }
      assert.equal(readFileSync(stateFile(stateDir, 'ro'), 'utf8'), before);
      assert.equal((await host.get(ID('ro')))?.phase, 'ready');
      assert.equal(await host.get(ID('ro-other')), undefined);
    } finally {
      sh('umount', [stateDir]);
    }
    assert.equal((await newHost(stateDir).sleep(ID('ro'))).module?.phase, 'sleeped', 'writable again: works');
  },
);

test(
  'a full state folder (small tmpfs): each operation ends in the previous or the next phase with the reason',
  { ...SLOW, skip: !isRoot && 'needs root (tmpfs)' },
  async () => {
    const dir = tempDir('full');
    const stateDir = join(dir, 'state');
    mkdirSync(stateDir, { recursive: true });
    const file = writeModule(dir, { name: 'full', plugin: 'noop' });
    assert.ok(sh('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', stateDir]), 'mount tmpfs');
    try {
      // Free pages left: 0 (nothing can be written) to 4 (every write fits); tmpfs counts whole 4 KiB pages.
      for (let free = 0; free <= 4; free++) {
        for (const f of readdirSync(stateDir)) rmSync(join(stateDir, f), { force: true });
        writeFileSync(join(stateDir, 'filler'), Buffer.alloc((16 - free) * 4096 - 1));
        let phase: StartPhase = 'new';
        for (const operation of ['install', 'sleep', 'resume', 'uninstall'] as Operation[]) {
          const host = newHost(stateDir);
          const r = operation === 'install' ? await host.install(file, 0) : await host[operation](ID('full'));
          const after = await phaseOnDisk(stateDir, 'full');
          assert.ok(
            allowedAfter(operation, phase).includes(after),
            `${free} pages free, ${operation} from ${phase}: ${after}`,
          );
          if (!r.ok) assert.match(r.error ?? '', /no space left on device|cannot \w+: the module (is|was)/, r.error);
          count('full folder', r.ok ? 'done' : /no space/.test(r.error ?? '') ? 'refused: no space' : 'refused: phase');
          assert.deepEqual(
            readdirSync(stateDir).filter((f) => f.endsWith('.tmp')),
            [],
            'no temp file left behind',
          );
          phase = after;
        }
      }
    } finally {
      sh('umount', [stateDir]);
    }
  },
);

test(
  'a corrupt, foreign or half-written record is named and left alone; stray temp and lock files are swept',
  SLOW,
  async () => {
    const dir = tempDir('corrupt');
    const stateDir = join(dir, 'state');
    const file = writeModule(dir, { name: 'corrupt', plugin: 'noop' });
    assert.equal((await newHost(stateDir).install(file, 0)).ok, true);
    const path = stateFile(stateDir, 'corrupt');
    const good = readFileSync(path, 'utf8');
    for (const [what, text, message] of [
      ['half-written', good.slice(0, good.length / 2), /is not valid JSON .*restore or delete it/],
      ['empty', '', /is not valid JSON/],
      ['not a record', '[1, 2]\n', /is not a module record/],
      [
        'another version',
        good.replace('"version": 1', '"version": 99'),
        /written by another version of Forkspacer \(record version 99/,
      ],
    ] as const) {
      writeFileSync(path, text);
      const host = newHost(stateDir);
      for (const r of [await host.sleep(ID('corrupt')), await host.install(file, 0)]) {
        assert.equal(r.ok, false, what);
        assert.match(r.error ?? '', message, `${what}: ${r.error}`);
        assert.ok(r.error?.includes(path), 'the message names the file');
      }
      assert.equal(readFileSync(path, 'utf8'), text, `${what}: left as it was`);
      await assert.doesNotReject(host.list());
      count('corrupt record', `${what}: refused, file kept`);
    }
    writeFileSync(path, good);
    // A temp file and a lock of a writer that died (pid 2^22 + 1 does not exist: pid_max is at most 2^22).
    writeFileSync(`${path}.4194305.1.tmp`, good.slice(0, 100));
    writeFileSync(`${path}.lock`, '4194305\n');
    const r = await newHost(stateDir).sleep(ID('corrupt'));
    assert.equal(r.ok, true, r.error);
    assert.deepEqual(readdirSync(stateDir), ['default__corrupt.module.json']);
    count('corrupt record', 'dead writer temp + lock: swept, operation ran');
  },
);

test(
  'two host processes on one state folder: one runs each operation, the other is refused with the reason',
  SLOW,
  async () => {
    assert.ok(existsSync(CLI), 'dist/cli.js is missing: run `node esbuild.mjs` first');
    const dir = tempDir('two-hosts');
    const stateDir = join(dir, 'state');
    const common = ['--state-dir', stateDir, '--cache-dir', CACHE_DIR];
    for (let round = 0; round < 4; round++) {
      const name = `twice-${round}`;
      const file = writeModule(dir, { name, plugin: 'noop' });
      let phase: StartPhase = 'new';
      for (const operation of ['install', 'sleep', 'resume', 'uninstall'] as Operation[]) {
        const target = file; // the CLI takes the Module file for every operation
        const both = await Promise.all([
          cli(['run', operation, target, ...common]),
          cli(['run', operation, target, ...common]),
        ]);
        const ok = both.filter((b) => b.code === 0);
        assert.equal(ok.length, 1, `${operation}: ${both.map((b) => b.output).join('\n---\n')}`);
        const other = both.find((b) => b.code !== 0)!;
        assert.match(
          other.output,
          /another Forkspacer host \(process \d+\) is running an operation on it|cannot \w+: the module (is|was)/,
        );
        count('two hosts', /another Forkspacer host/.test(other.output) ? 'refused: busy' : 'refused: phase');
        const after = await phaseOnDisk(stateDir, name);
        assert.equal(after, phaseAfter(operation, 'success', phase));
        phase = after;
      }
    }
  },
);

async function freshBuildFault(name: string, fault: (cacheDir: string) => void, expected: RegExp): Promise<void> {
  const dir = tempDir(name);
  const stateDir = join(dir, 'state');
  const cacheDir = join(dir, 'cache'); // empty: the plugin and the runner are built
  const file = writeModule(dir, { name, plugin: 'noop' });
  const host = newHost(stateDir, { cacheDir, buildTimeoutMs: BUILD_TIMEOUT_MS });
  const running = host.install(file, 0);
  await waitFor(
    () => descendantsNamed(process.pid, 'go')[0] ?? descendantsNamed(process.pid, 'compile')[0],
    120_000,
    '`go build`',
  );
  fault(cacheDir);
  const r = await running;
  const after = await phaseOnDisk(stateDir, name);
  assert.ok(['ready', 'failed'].includes(after), after);
  if (!r.ok) {
    assert.match(r.error ?? '', expected, r.error);
    assert.equal(after, 'failed');
    const again = await newHost(stateDir, { cacheDir, buildTimeoutMs: BUILD_TIMEOUT_MS }).install(file, 0);
    assert.equal(again.ok, true, `the retry builds again: ${again.error}`);
  }
  count(name, r.ok ? 'build finished anyway' : 'failed with the reason, retry ready');
}

test('the plugin cache deleted mid-build: a clear failure (or success), and the retry rebuilds', SLOW, () =>
  freshBuildFault(
    'cache-deleted',
    (cacheDir) => rmSync(cacheDir, { recursive: true, force: true }),
    /no such file|build|cannot|exit/i,
  ),
);

test('`go` killed mid-build: the install fails with go named, and the retry builds', SLOW, () =>
  freshBuildFault(
    'go-killed',
    () => {
      for (const pid of [...descendantsNamed(process.pid, 'go'), ...descendantsNamed(process.pid, 'compile')])
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // already gone
        }
    },
    /go|build|killed|signal/i,
  ),
);

test(
  `the host process SIGKILLed at seeded moments (${SEEDS} seeds): previous or next phase, never half a record`,
  SLOW,
  async () => {
    assert.ok(existsSync(CLI), 'dist/cli.js is missing: run `node esbuild.mjs` first');
    const dir = tempDir('kill-host');
    const stateDir = join(dir, 'state');
    const file = writeModule(dir, { name: 'victim', plugin: 'noop' });
    const common = ['--state-dir', stateDir, '--cache-dir', CACHE_DIR];
    let started = performance.now();
    assert.equal((await cli(['run', 'install', file, ...common])).code, 0, 'warm-up install');
    assert.equal((await cli(['run', 'sleep', file, ...common])).code, 0, 'warm-up sleep');
    started = (performance.now() - started) / 2;
    // Kill anywhere from the start-up to just past the end of an operation (lock, records, runner), here ~`started` ms.
    const span = Math.ceil(started * 1.5);
    let phase = await phaseOnDisk(stateDir, 'victim');
    for (let seed = 1; seed <= SEEDS; seed++) {
      const r = random(seed);
      const operation = nextOperation(phase, r());
      const child = spawn(process.execPath, [CLI, 'run', operation, file, ...common], { stdio: 'ignore' });
      const delay = Math.floor(r() * span);
      const timer = setTimeout(() => child.kill('SIGKILL'), delay);
      const exit = await new Promise<{ code: number | null; signal: string | null }>((resolve) =>
        child.on('exit', (code, signal) => resolve({ code, signal })),
      );
      clearTimeout(timer);
      const after = await phaseOnDisk(stateDir, 'victim');
      assert.ok(
        allowedAfter(operation, phase).includes(after),
        `seed ${seed}: ${operation} from ${phase} killed at ${delay} ms: ${after}`,
      );
      const module = await newHost(stateDir).get(ID('victim'));
      const outcome =
        exit.signal !== 'SIGKILL'
          ? 'finished'
          : module?.interrupted
            ? 'killed mid-operation: interrupted, back to last good phase'
            : after === phase
              ? 'killed before any change'
              : 'killed after the end was saved';
      count('host SIGKILL', outcome);
      assert.deepEqual(
        readdirSync(stateDir).filter((f) => f.endsWith('.tmp')),
        [],
        'temp files are swept on the next start',
      );
      phase = after;
    }
  },
);

test(
  `the runner SIGKILLed at seeded moments (${SEEDS} seeds): the operation fails with the reason, phase previous or next`,
  SLOW,
  async () => {
    const dir = tempDir('kill-runner');
    const stateDir = join(dir, 'state');
    const file = writeModule(dir, { name: 'runner-victim', plugin: 'noop' });
    assert.equal((await newHost(stateDir).install(file, 0)).ok, true, 'warm-up install');
    let phase: StartPhase = 'ready';
    for (let seed = 1; seed <= SEEDS; seed++) {
      const r = random(1000 + seed);
      const operation = nextOperation(phase, r());
      const host = newHost(stateDir);
      const delay = r() * 15;
      const running = operation === 'install' ? host.install(file, 0) : host[operation](ID('runner-victim'));
      let done = false;
      void running.finally(() => (done = true));
      let killedAt: number | undefined;
      // Poll for the runner, then kill it `delay` ms after it appeared (its whole life is about 15 ms here).
      while (!done && killedAt === undefined) {
        const pid = childrenNamed(process.pid, 'runner')[0];
        if (pid) {
          const seen = performance.now();
          while (performance.now() - seen < delay) await new Promise((res) => setImmediate(res));
          try {
            process.kill(pid, 'SIGKILL');
            killedAt = delay;
          } catch {
            break; // it ended first
          }
        } else await new Promise((res) => setImmediate(res));
      }
      const result = await running;
      const after = await phaseOnDisk(stateDir, 'runner-victim');
      assert.ok(allowedAfter(operation, phase).includes(after), `seed ${seed}: ${operation} from ${phase}: ${after}`);
      if (!result.ok) assert.match(result.error ?? '', /killed|signal|exited|without a result/i, result.error);
      count('runner SIGKILL', result.ok ? 'finished before the kill' : 'failed with the reason');
      phase = after;
    }
  },
);
