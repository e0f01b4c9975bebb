// Differential test: our TypeScript core against the real Go libraries the operator calls (Masterminds semver v3,
// Go regexp, sigs.k8s.io/yaml as kubectl uses it, yaml.v3 typed decoding), on N seeded generated cases.
//
//   node --test out/test/oracle/differential.test.js                  5,000 cases, seed 1
//   ORACLE_CASES=50000 ORACLE_SEED=7 node --test out/test/oracle/differential.test.js
//   node out/test/oracle/differential.test.js --cases 50000 --seed 7
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateCases, partsOf, withParts, type CaseKind, type OracleCase } from './generate';
import { buildOracle, runOracle } from './goOracle';
import { tsVerdict } from './tsVerdict';
import { compareVerdicts, type Disagreement } from './compare';

function option(flag: string, env: string, fallback: number): number {
  const at = process.argv.indexOf(flag);
  const raw = at >= 0 ? process.argv[at + 1] : process.env[env];
  const n = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${flag} / ${env} must be a non-negative integer, got ${raw}`);
  return n;
}

const CASES = option('--cases', 'ORACLE_CASES', 5000);
const SEED = option('--seed', 'ORACLE_SEED', 1);
/** How many disagreements are printed in full (all are counted). */
const SHOWN = option('--show', 'ORACLE_SHOW', 40);

function disagreementsOf(binary: string, cases: readonly OracleCase[]): Disagreement[] {
  const go = runOracle(binary, cases);
  const found: Disagreement[] = [];
  cases.forEach((c, i) => {
    const d = compareVerdicts(c, go[i]!, tsVerdict(c));
    if (d) found.push(d);
  });
  return found;
}

/** Replaces each multi-part disagreement by its first single part (config key / config item) that still disagrees. */
function shrink(binary: string, found: Disagreement[]): Disagreement[] {
  const candidates: { owner: number; c: OracleCase }[] = [];
  found.forEach((d, owner) => {
    const parts = partsOf(d.case);
    if (parts.length > 1) for (const part of parts) candidates.push({ owner, c: withParts(d.case, [part]) });
  });
  if (candidates.length === 0) return found;
  const reduced = disagreementsOf(
    binary,
    candidates.map((x) => x.c),
  );
  const smallest = [...found];
  for (const d of reduced) {
    const owner = candidates.find((x) => x.c === d.case)!.owner;
    if (smallest[owner] === found[owner]) smallest[owner] = d;
  }
  return smallest;
}

/** JSON, with very long strings cut (a 1,200-character subject says nothing more than its first 60). */
function show(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    typeof v === 'string' && v.length > 80 ? `${v.slice(0, 60)}… (${v.length} chars)` : v,
  );
}

function describe(d: Disagreement): string {
  const c = d.case;
  const input =
    c.kind === 'constraint'
      ? `constraint ${JSON.stringify(c.constraint)} vs versions ${show(c.versions)}`
      : c.kind === 'regex'
        ? `pattern ${JSON.stringify(c.pattern)} on subjects ${show(c.subjects)}`
        : `${c.kind}:\n${c.kind === 'moduleYaml' ? c.entries.join('\n') : c.items.join('\n')}`;
  return [`#${c.id} [${c.kind}] differs at ${d.where}`, input, `  Go: ${show(d.go)}`, `  TS: ${show(d.ts)}`].join('\n');
}

/** Tally of our warnings on config items both sides accept (the README lists them: allowed, but worth a warning). */
function warnedAccepted(cases: readonly OracleCase[]): string {
  const tally = new Map<string, number>();
  for (const c of cases) {
    if (c.kind !== 'specDecode' && c.kind !== 'rawDecode') continue;
    const items = tsVerdict(c)['items'];
    if (!Array.isArray(items)) continue;
    for (const item of items as { ok: boolean; warnings?: string[] }[]) {
      for (const code of new Set(item.warnings ?? [])) tally.set(code, (tally.get(code) ?? 0) + 1);
    }
  }
  return [...tally].map(([code, n]) => `${code} ${n}`).join(', ') || 'none';
}

test(`our core agrees with the Go libraries the operator calls (${CASES} cases, seed ${SEED})`, () => {
  const binary = buildOracle();
  const cases = generateCases(CASES, SEED);
  const started = Date.now();
  const found = shrink(binary, disagreementsOf(binary, cases));
  const perKind = new Map<CaseKind, { cases: number; disagreements: number }>();
  for (const c of cases) {
    const k = perKind.get(c.kind) ?? { cases: 0, disagreements: 0 };
    k.cases++;
    perKind.set(c.kind, k);
  }
  for (const d of found) perKind.get(d.case.kind)!.disagreements++;
  const summary = [...perKind].map(([k, v]) => `${k}: ${v.disagreements}/${v.cases}`).join(', ');
  const byPlace = new Map<string, number>();
  for (const d of found) {
    const place = `${d.case.kind} ${d.where.replace(/\[\d+\]/g, '[]')}`;
    byPlace.set(place, (byPlace.get(place) ?? 0) + 1);
  }
  const places = [...byPlace].map(([p, n]) => `${p} ×${n}`).join(', ');
  console.log(`oracle: ${cases.length} cases in ${Date.now() - started} ms; disagreements ${summary}`);
  console.log(`oracle: config items the operator accepts and we warn about, by code: ${warnedAccepted(cases)}`);
  if (found.length) {
    const shown = found.slice(0, SHOWN).map(describe).join('\n\n');
    const more = found.length > SHOWN ? `\n\n... and ${found.length - SHOWN} more (ORACLE_SHOW=n to see them)` : '';
    assert.fail(
      `${found.length} of ${cases.length} cases disagree with the Go oracle (${summary}; where: ${places}):\n\n${shown}${more}`,
    );
  }
});
