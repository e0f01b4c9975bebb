// What "the same verdict" means per case kind: accepted/refused must agree, and so must every decoded value.
// Error texts are not compared (ours are written for editors); both are printed when the verdicts differ.
import { isDeepStrictEqual } from 'node:util';
import type { OracleCase } from './generate';
import type { GoVerdict } from './goOracle';
import { canonical, type Verdict } from './tsVerdict';

export interface Disagreement {
  case: OracleCase;
  go: GoVerdict;
  ts: Verdict;
  /** Which part of the verdict differs: 'ok' (accept vs refuse) or a value (allows, matches, config, items[i]...). */
  where: string;
}

export function compareVerdicts(c: OracleCase, go: GoVerdict, ts: Verdict): Disagreement | undefined {
  const where = differs(c, go, ts);
  return where ? { case: c, go, ts, where } : undefined;
}

function differs(c: OracleCase, go: GoVerdict, ts: Verdict): string | undefined {
  if (ts['threw']) return 'ours threw';
  if (go.ok !== ts.ok) return 'ok';
  if (!go.ok) return undefined;
  switch (c.kind) {
    case 'constraint':
      return isDeepStrictEqual(go['allows'], ts['allows']) ? undefined : 'allows';
    case 'regex':
      return isDeepStrictEqual(go['matches'], ts['matches']) ? undefined : 'matches';
    case 'moduleYaml':
      if (go['present'] !== ts['present']) return 'present';
      return isDeepStrictEqual(canonical(go['config']), ts['config']) ? undefined : 'config';
    case 'specDecode':
    case 'rawDecode':
      return itemsDiffer(go['items'] as GoVerdict[], ts['items'] as Verdict[]);
  }
}

function itemsDiffer(goItems: GoVerdict[], tsItems: Verdict[]): string | undefined {
  if (goItems.length !== tsItems.length) return 'items.length';
  for (let i = 0; i < goItems.length; i++) {
    const go = goItems[i] as GoVerdict;
    const ts = tsItems[i] as Verdict;
    if (go.ok !== ts.ok) return `items[${i}].ok`;
    if (!go.ok) continue;
    const goSpec = go['spec'] as Record<string, unknown>;
    const tsSpec = ts['spec'] as Record<string, unknown>;
    for (const key of Object.keys(goSpec)) {
      if (!isDeepStrictEqual(specField(key, goSpec[key]), specField(key, tsSpec[key])))
        return `items[${i}].spec.${key}`;
    }
  }
  return undefined;
}

/**
 * Go zero values and our optional fields say the same thing: regex "" = no regex, a nil *int = no bound,
 * a nil []string = an empty list (the operator only ever takes len() of them or ranges over them).
 */
function specField(key: string, value: unknown): unknown {
  if (key === 'regex' && value === undefined) return '';
  if ((key === 'min' || key === 'max') && value === undefined) return null;
  if ((key === 'values' || key === 'default') && (value === null || value === undefined)) return [];
  if (typeof value === 'number' && !Number.isFinite(value))
    return Number.isNaN(value) ? '.nan' : value > 0 ? '.inf' : '-.inf';
  return canonical(value);
}
