// The built server under stress, over stdio like an editor: 200 documents open, edits at 50 per second spread
// over a few of them while completion and hover requests keep coming, a 100,000-line file, and a file replaced by
// binary junk and back. Collects what must hold (every request answered, the last version of every file
// published and right, superseded validations abandoned) and the server's RSS over time.
// CI runs a short pass (stress.test.ts); the full minute: `npm run stress` (node out/test/lsp/stress.js --seconds 60).
import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-types';
import { SERVER_STATS, type ServerStatsResult } from '../../common/src/protocol';
import { LspClient, ROOT } from './lspClient';
import { moduleWithResource, VALID_CUSTOM } from './fixtures';

export interface StressOptions {
  /** Length of the editing phase. */
  seconds: number;
  documents?: number;
  hotDocuments?: number;
  editsPerSecond?: number;
  bigFileLines?: number;
  log?: (line: string) => void;
}

export interface StressReport {
  documents: number;
  edits: number;
  requests: { sent: number; answered: number; failed: number; maxMs: number };
  /** [seconds since the editing started, RSS in MB]. */
  rss: [number, number][];
  stats: { before: ServerStatsResult; after: ServerStatsResult };
  bigFile: {
    lines: number;
    firstDiagnosticsMs: number;
    /** Validations of the big file abandoned because an edit arrived while it ran. */
    superseded: number;
    editMs: number;
    hoverMs: number;
    completionMs: number;
  };
  junk: { junkPublished: boolean; restored: boolean };
  /** Last published diagnostics of each edited file matched its last text (version and verdict). */
  hotFilesRight: boolean;
  problems: string[];
  alive: boolean;
  errorLogs: string[];
}

const EXAMPLES = [
  'module-raw.yaml',
  'multi-document.yaml',
  'helm-redis.yaml',
  'workspace.yaml',
  'custom-app-installer.yaml',
];

function documentText(i: number): string {
  switch (i % 4) {
    case 0:
      return moduleWithResource(`app-${i}`, '    env: staging\n    replicas: 3\n');
    case 1:
      return moduleWithResource(`bad-${i}`, '    env: qa\n    replicas: 30\n');
    case 2:
      return VALID_CUSTOM.replace('name: my-plugin', `name: plugin-${i}`);
    default:
      return readFileSync(join(ROOT, 'examples', EXAMPLES[i % EXAMPLES.length]), 'utf8');
  }
}

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const codes = (ds: Diagnostic[]) => ds.map((d) => String(d.code));

export async function runStress(options: StressOptions): Promise<StressReport> {
  const log = options.log ?? (() => undefined);
  const count = options.documents ?? 200;
  const hot = options.hotDocuments ?? 5;
  const rate = options.editsPerSecond ?? 50;
  const problems: string[] = [];
  const client = await LspClient.start();
  const pid = client.process.pid!;
  const uri = (i: number) => `file:///stress/doc-${i}.yaml`;
  const texts = Array.from({ length: count }, (_, i) => documentText(i));
  const requests = { sent: 0, answered: 0, failed: 0, maxMs: 0 };
  const pending: Promise<unknown>[] = [];
  const request = (method: string, params: unknown) => {
    requests.sent++;
    const started = performance.now();
    const p = client.request(method, params).then(
      () => {
        requests.answered++;
        requests.maxMs = Math.max(requests.maxMs, performance.now() - started);
      },
      (error: unknown) => {
        requests.failed++;
        problems.push(`${method} failed: ${String(error)}`);
      },
    );
    pending.push(p);
    return p;
  };

  try {
    // 1. 200 documents open; each gets its first diagnostics.
    for (let i = 0; i < count; i++) client.open(uri(i), texts[i]);
    for (let i = 0; i < count; i++) await client.waitForDiagnostics(uri(i), () => true, 60_000);
    log(`${count} documents open and validated, RSS ${rssMb(pid).toFixed(0)} MB`);
    const before = await client.request<ServerStatsResult>(SERVER_STATS, {});

    // 2. Edits at `rate` per second, round robin over the hot documents (Modules: the replicas line), while
    // completion (in spec.config) and hover requests arrive; RSS sampled every second.
    const hotUris = Array.from({ length: hot }, (_, k) => k * 4); // documents of kind 0 (valid Modules)
    const lastValue = new Map<number, number>();
    const lastVersion = new Map<number, number>();
    const rss: [number, number][] = [];
    const started = Date.now();
    let edits = 0;
    let nextSample = 0;
    while (Date.now() - started < options.seconds * 1000) {
      const i = hotUris[edits % hot];
      const lines = texts[i].split('\n');
      const line = lines.findIndex((l) => l.startsWith('    replicas:'));
      const value = (edits % 12) + 1; // 11 and 12 are out of range (max 10)
      lines[line] = `    replicas: ${value}`;
      texts[i] = lines.join('\n');
      lastVersion.set(
        i,
        client.edit(
          uri(i),
          { start: { line, character: 0 }, end: { line: line + 1, character: 0 } },
          `${lines[line]}\n`,
        ),
      );
      lastValue.set(i, value);
      edits++;
      if (edits % 3 === 0)
        void request('textDocument/completion', { textDocument: { uri: uri(i) }, position: { line, character: 4 } });
      if (edits % 5 === 0) {
        const j = (edits * 7) % count;
        void request('textDocument/hover', { textDocument: { uri: uri(j) }, position: { line: 1, character: 2 } });
      }
      const elapsed = (Date.now() - started) / 1000;
      if (elapsed >= nextSample) {
        rss.push([Math.round(elapsed), Math.round(rssMb(pid))]);
        nextSample += 1;
      }
      // Paced against the clock, so slow answers do not lower the rate.
      const due = started + (edits * 1000) / rate;
      await sleep(Math.max(0, due - Date.now()));
    }
    await Promise.race([Promise.all(pending), sleep(30_000)]);
    let hotFilesRight = true;
    for (const i of hotUris) {
      const version = lastVersion.get(i)!;
      const ds = await client
        .waitForDiagnostics(uri(i), (_d, p) => p.version === version, 30_000)
        .catch((error: unknown) => {
          problems.push(`doc-${i}: last version ${version} never published (${String(error)})`);
          return undefined;
        });
      const wantError = lastValue.get(i)! > 10;
      if (!ds || codes(ds).includes('config-out-of-range') !== wantError) {
        hotFilesRight = false;
        if (ds) problems.push(`doc-${i}: replicas ${lastValue.get(i)} but diagnostics ${codes(ds).join(',')}`);
      }
      // Published versions of a file only go up: a superseded run never publishes after a newer one.
      const versions = (client.diagnostics.get(uri(i)) ?? []).map((p) => p.version ?? 0);
      if (versions.some((v, k) => k > 0 && v < versions[k - 1]))
        problems.push(`doc-${i}: a stale version was published`);
    }
    rss.push([Math.round((Date.now() - started) / 1000), Math.round(rssMb(pid))]);
    const after = await client.request<ServerStatsResult>(SERVER_STATS, {});
    log(
      `${edits} edits in ${options.seconds} s; validation runs ${after.validation.runs - before.validation.runs}, superseded ${after.validation.superseded - before.validation.superseded}`,
    );

    // 3. A 100,000-line file: validated, edited, answered.
    const bigLines = options.bigFileLines ?? 100_000;
    const module = moduleWithResource('big', '    env: staging\n    replicas: 3\n');
    const perModule = module.split('\n').length; // the trailing newline's empty line is taken by '---'
    const parts = Math.ceil(bigLines / perModule);
    const bigText = Array.from({ length: parts }, (_, k) => module.replace('name: big', `name: big-${k}`)).join(
      '---\n',
    );
    const bigUri = 'file:///stress/big.yaml';
    const middle = Math.floor(parts / 2) * perModule + module.split('\n').findIndex((l) => l.startsWith('    env:'));
    const envEdit = (text: string) =>
      client.edit(
        bigUri,
        { start: { line: middle, character: 9 }, end: { line: middle, character: text === 'qa' ? 16 : 11 } },
        text,
      );
    const beforeBig = await client.request<ServerStatsResult>(SERVER_STATS, {});
    let t = performance.now();
    client.open(bigUri, bigText);
    // An edit while the first validation of the file runs: that run is abandoned (what it published was the
    // verdicts of its first documents as it went, never its complete result); the newer version is published.
    await sleep(300);
    const supersedingVersion = envEdit('qa');
    await client.waitForDiagnostics(
      bigUri,
      (d, p) => p.version === supersedingVersion && codes(d).includes('config-option-invalid'),
      180_000,
    );
    const firstDiagnosticsMs = performance.now() - t;
    const afterBig = await client.request<ServerStatsResult>(SERVER_STATS, {});
    const bigSuperseded = afterBig.validation.superseded - beforeBig.validation.superseded;
    const olderPublishes = (client.diagnostics.get(bigUri) ?? []).filter((p) => p.version !== supersedingVersion);
    const partials = afterBig.validation.partial - beforeBig.validation.partial;
    if (olderPublishes.length > partials || olderPublishes.some((p) => codes(p.diagnostics).length > 0))
      problems.push(
        `big file: ${olderPublishes.length} publishes of the older version (${partials} partial): a complete one among them`,
      );
    t = performance.now();
    const editVersion = envEdit('staging');
    const edited = await client.waitForDiagnostics(bigUri, (_d, p) => p.version === editVersion, 60_000);
    const editMs = performance.now() - t;
    if (codes(edited).includes('config-option-invalid')) problems.push('big file: the fix in the middle was not seen');
    t = performance.now();
    await request('textDocument/hover', {
      textDocument: { uri: bigUri },
      position: { line: middle - 2, character: 3 },
    });
    const hoverMs = performance.now() - t;
    t = performance.now();
    await request('textDocument/completion', {
      textDocument: { uri: bigUri },
      position: { line: middle, character: 4 },
    });
    const completionMs = performance.now() - t;
    log(
      `big file ${bigText.split('\n').length} lines: first diagnostics ${firstDiagnosticsMs.toFixed(0)} ms, edit ${editMs.toFixed(0)} ms`,
    );

    // 4. A file replaced by binary junk, and back.
    const victim = 1; // an invalid Module: its diagnostics must come back exactly
    const original = (client.diagnostics.get(uri(victim)) ?? []).at(-1)?.diagnostics ?? [];
    const junkVersion = client.change(uri(victim), randomBytes(256 * 1024).toString('latin1'));
    const junkPublished = await client
      .waitForDiagnostics(uri(victim), (_d, p) => p.version === junkVersion, 30_000)
      .then(
        () => true,
        () => false,
      );
    void request('textDocument/hover', { textDocument: { uri: uri(victim) }, position: { line: 3, character: 3 } });
    void request('textDocument/completion', {
      textDocument: { uri: uri(victim) },
      position: { line: 3, character: 3 },
    });
    const backVersion = client.change(uri(victim), texts[victim]);
    const back = await client
      .waitForDiagnostics(uri(victim), (_d, p) => p.version === backVersion, 30_000)
      .catch(() => undefined);
    const restored = !!back && JSON.stringify(back) === JSON.stringify(original);
    if (!junkPublished) problems.push('binary junk: no diagnostics published for it');
    if (!restored) problems.push('binary junk: the original diagnostics did not come back');
    await Promise.race([Promise.all(pending), sleep(30_000)]);
    if (requests.answered + requests.failed < requests.sent)
      problems.push(`${requests.sent - requests.answered - requests.failed} requests never answered`);

    const errorLogs = client.logs.filter((l) => /failed|uncaught|unhandled/i.test(l));
    return {
      documents: count,
      edits,
      requests,
      rss,
      stats: { before, after },
      bigFile: {
        lines: bigText.split('\n').length,
        firstDiagnosticsMs,
        superseded: bigSuperseded,
        editMs,
        hoverMs,
        completionMs,
      },
      junk: { junkPublished, restored },
      hotFilesRight,
      problems,
      alive: client.alive,
      errorLogs,
    };
  } finally {
    await client.stop();
  }
}

/** RSS growth over the editing phase: median of its last third minus median of its middle third (MB). */
export function rssGrowth(rss: [number, number][]): number {
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
  const values = rss.map(([, mb]) => mb);
  const third = Math.max(1, Math.floor(values.length / 3));
  return median(values.slice(-third)) - median(values.slice(third, 2 * third));
}

if (require.main === module) {
  const at = process.argv.indexOf('--seconds');
  const seconds = at > 0 ? Number(process.argv[at + 1]) : 60;
  void runStress({ seconds, log: (l) => console.log(l) }).then((r) => {
    console.log(`\nRSS over the editing phase (s → MB): ${r.rss.map(([s, mb]) => `${s}:${mb}`).join(' ')}`);
    console.log(`RSS growth (last third vs middle third): ${rssGrowth(r.rss)} MB`);
    console.log(
      `requests: ${r.requests.sent} sent, ${r.requests.answered} answered, ${r.requests.failed} failed, slowest ${r.requests.maxMs.toFixed(0)} ms`,
    );
    const v = (k: 'runs' | 'superseded' | 'coalesced' | 'published') =>
      r.stats.after.validation[k] - r.stats.before.validation[k];
    console.log(
      `validation during the edits: ${v('runs')} runs, ${v('superseded')} superseded, ${v('coalesced')} coalesced, ${v('published')} published`,
    );
    console.log(
      `big file: ${JSON.stringify(r.bigFile, (_k, x: unknown) => (typeof x === 'number' ? Math.round(x) : x))}`,
    );
    console.log(`junk: ${JSON.stringify(r.junk)}; last versions right: ${r.hotFilesRight}; alive: ${r.alive}`);
    console.log(`problems: ${r.problems.length ? r.problems.join('; ') : 'none'}; error logs: ${r.errorLogs.length}`);
    process.exit(r.problems.length || !r.alive ? 1 : 0);
  });
}
