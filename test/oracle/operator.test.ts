// Differential test against the operator's own code: every generated file through the operator oracle (kubectl's
// decoding, the API server with the operator's CRDs, the webhooks, the controller up to NewManager, built inside the
// operator's module) and through our core; fails on any document where the verdicts differ, printing the document
// and both verdicts. Prints the share of refusals whose message contains the operator's innermost text.
//
//   node --test out/test/oracle/operator.test.js                         5,000 files, seed 1
//   ORACLE_FILES=100000 ORACLE_SEED=3 node --test out/test/oracle/operator.test.js
//   node out/test/oracle/operator.test.js --files 100000 --seed 3 --show 50
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isDeepStrictEqual } from 'node:util';
import { generateFiles } from './documents';
import {
  buildOperatorOracle,
  runOperatorOracle,
  type OperatorDocVerdict,
  type OperatorFileVerdict,
} from './operatorOracle';
import { tsFileVerdict, type TsDocVerdict } from './tsFileVerdict';
import { canonical } from './tsVerdict';

function option(flag: string, env: string, fallback: number): number {
  const at = process.argv.indexOf(flag);
  const raw = at >= 0 ? process.argv[at + 1] : process.env[env];
  const n = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${flag} / ${env} must be a non-negative integer, got ${raw}`);
  return n;
}

const FILES = option('--files', 'ORACLE_FILES', 5000);
const SEED = option('--seed', 'ORACLE_SEED', 1);
const SHOWN = option('--show', 'ORACLE_SHOW', 25);
/** Files per oracle run (bounded memory for 100,000). */
const BATCH = 5000;

interface Finding {
  file: number;
  doc: number;
  where: string;
  text: string;
  go: OperatorDocVerdict | undefined;
  ts: TsDocVerdict | undefined;
}

export function compareDoc(go: OperatorDocVerdict, ts: TsDocVerdict): string | undefined {
  if (go.kind !== ts.kind) return 'kind';
  if (go.kind === 'other') return undefined;
  if (go.ok !== ts.ok) return 'ok';
  if (go.ok && go.kind === 'module' && !go.admissionOnly && go.config) {
    if (!isDeepStrictEqual(canonical(go.config), canonical(ts.config))) return 'config';
    if (!isDeepStrictEqual(go.goTypes ?? {}, ts.goTypes ?? {})) return 'goTypes';
  }
  return undefined;
}

/** Our message names the operator's: one of our errors contains one of its innermost texts. */
export function wordingMatches(go: OperatorDocVerdict, ts: TsDocVerdict): boolean {
  const inner = (go.inner ?? []).flatMap(innerTexts).filter((s) => s.length > 0);
  if (inner.length === 0) return true;
  return ts.errors.some((e) => inner.some((i) => e.includes(i)));
}

/**
 * The words of one innermost message: a field error's detail without the rendered value ("Invalid value: {}: " is
 * Go's %v of a struct), and each line of a yaml.v3 "unmarshal errors" list without its "line N: " (the operator's
 * line counts the re-marshalled spec, not the file: the validator leaves it out on purpose, see validate.ts).
 */
function innerTexts(message: string): string[] {
  const yamlLines = /^yaml: unmarshal errors:\n/.test(message)
    ? message
        .split('\n')
        .slice(1)
        .map((l) => l.trim().replace(/^line \d+: /, ''))
    : undefined;
  if (yamlLines) return yamlLines;
  const detail = /^Invalid value: (?:"(?:[^"\\]|\\.)*"|\{.*?\}|[^:\s]*): (.*)$/s.exec(message)?.[1];
  return detail ? [detail] : [message];
}

function show(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) =>
    typeof x === 'string' && x.length > 300 ? `${x.slice(0, 280)}… (${x.length} chars)` : x,
  );
}

test(`our core agrees with the operator's own code (${FILES} files, seed ${SEED})`, async () => {
  const oracle = buildOperatorOracle();
  const started = Date.now();
  const findings: Finding[] = [];
  const wordingMisses: Finding[] = [];
  let docs = 0;
  let refusals = 0;
  let worded = 0;
  /** Modules with an httpURL or configMap source whose resource the case serves, judged through the controller. */
  let servedJudged = 0;
  const perStage = new Map<string, number>();
  const warned = new Map<string, number>();
  for (let from = 0; from < FILES; from += BATCH) {
    const files = generateFiles(Math.min(BATCH, FILES - from), SEED + from * 7919);
    const verdicts = runOperatorOracle<OperatorFileVerdict>(
      oracle,
      files.map((f) => ({
        id: f.id,
        kind: 'file',
        text: f.text,
        resources: f.resources,
        configMaps: f.configMaps,
      })),
    );
    for (let i = 0; i < files.length; i++) {
      const file = files[i]!;
      const go = verdicts[i]!.docs;
      const ts = await tsFileVerdict(file.text, { resources: file.resources, configMaps: file.configMaps });
      if (go.length !== ts.length) {
        findings.push({
          file: from + i,
          doc: -1,
          where: `documents: Go ${go.length}, ours ${ts.length}`,
          text: file.text,
          go: go[0],
          ts: ts[0],
        });
        continue;
      }
      go.forEach((g, d) => {
        const t = ts[d]!;
        if (g.kind === 'other') return;
        docs++;
        if (
          g.kind === 'module' &&
          !g.admissionOnly &&
          /^ {4}(httpURL: https:\/\/example\.com\/served-| {2}name: served-)/m.test(t.text)
        )
          servedJudged++;
        const where = compareDoc(g, t);
        if (where) {
          findings.push({ file: from + i, doc: d, where, text: t.text, go: g, ts: t });
          return;
        }
        if (g.ok) for (const code of new Set(t.warnings)) warned.set(code, (warned.get(code) ?? 0) + 1);
        if (!g.ok) {
          refusals++;
          perStage.set(g.stage ?? '?', (perStage.get(g.stage ?? '?') ?? 0) + 1);
          if (wordingMatches(g, t)) worded++;
          else wordingMisses.push({ file: from + i, doc: d, where: 'wording', text: t.text, go: g, ts: t });
        }
      });
    }
  }
  const stages = [...perStage].map(([s, n]) => `${s} ${n}`).join(', ');
  console.log(
    `operator oracle: ${FILES} files (seed ${SEED}), ${docs} Forkspacer documents, ${refusals} refused (${stages}), ` +
      `${findings.length} disagreements, in ${Date.now() - started} ms`,
  );
  console.log(
    `operator oracle: ${servedJudged} Modules with a served httpURL or configMap resource judged through the controller`,
  );
  console.log(
    `operator oracle: wording: ${worded}/${refusals} refusals (${refusals ? ((100 * worded) / refusals).toFixed(1) : '100.0'}%) ` +
      `carry the operator's innermost message`,
  );
  console.log(
    `operator oracle: documents the operator accepts and we warn about, by code: ${[...warned].map(([c, n]) => `${c} ${n}`).join(', ') || 'none'}`,
  );
  const missKinds = new Map<string, number>();
  for (const m of wordingMisses) {
    const kind = (m.go?.inner?.[0] ?? '').replace(/"[^"]*"|line \d+/g, '…').slice(0, 60);
    missKinds.set(kind, (missKinds.get(kind) ?? 0) + 1);
  }
  console.log(
    `operator oracle: wording misses by kind: ${[...missKinds].map(([k, n]) => `${JSON.stringify(k)} ×${n}`).join(', ') || 'none'}`,
  );
  for (const m of wordingMisses.slice(0, Math.min(SHOWN, 10)))
    console.log(
      `  wording miss, file ${m.file} doc ${m.doc}: operator ${show(m.go?.inner)} / ours ${show(m.ts?.errors)}`,
    );
  if (findings.length) {
    const byWhere = new Map<string, number>();
    for (const f of findings)
      byWhere.set(
        `${f.go?.kind}:${f.where}:${f.go?.ok ? 'go-accepts' : `go-refuses@${f.go?.stage}`}`,
        (byWhere.get(`${f.go?.kind}:${f.where}:${f.go?.ok ? 'go-accepts' : `go-refuses@${f.go?.stage}`}`) ?? 0) + 1,
      );
    const summary = [...byWhere].map(([w, n]) => `${w} ×${n}`).join(', ');
    const shown = findings
      .slice(0, SHOWN)
      .map(
        (f) =>
          `file ${f.file} doc ${f.doc} differs at ${f.where}:\n${f.text}\n  Go: ${show(f.go)}\n  TS: ${show(f.ts && { ...f.ts, text: undefined })}`,
      )
      .join('\n\n');
    assert.fail(`${findings.length} documents disagree with the operator (${summary}):\n\n${shown}`);
  }
});
