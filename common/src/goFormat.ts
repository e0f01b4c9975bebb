// Go fmt verbs the operator's messages use, so our wording is the operator's, character for character.

/** %v of a []string: [a b c]. */
export function goTypeList(values: readonly unknown[] | null | undefined): string {
  return `[${(values ?? []).map((v) => goValue(v)).join(' ')}]`;
}

/** %v of a decoded JSON/YAML value. */
export function goValue(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (Array.isArray(v)) return goTypeList(v);
  if (typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `map[${entries.map(([k, x]) => `${k}:${goValue(x)}`).join(' ')}]`;
  }
  if (typeof v === 'number') return Number.isInteger(v) && Math.abs(v) < 1e21 ? String(v) : goG(v);
  return String(v);
}

/** %g / %v of a float64. */
function goG(f: number): string {
  if (Number.isNaN(f)) return 'NaN';
  if (!Number.isFinite(f)) return f > 0 ? '+Inf' : '-Inf';
  const [mantissa, e] = f.toExponential().split('e');
  const exponent = Number(e);
  if (exponent < -4 || exponent >= 6)
    return `${mantissa}e${exponent < 0 ? '-' : '+'}${String(Math.abs(exponent)).padStart(2, '0')}`;
  return String(f);
}

/** %f of a float64: six decimals. */
export function goF(f: number): string {
  if (Number.isNaN(f)) return 'NaN';
  if (!Number.isFinite(f)) return f > 0 ? '+Inf' : '-Inf';
  return f.toFixed(6);
}

/** %d of a Go int that came from int(float64): truncation toward zero. */
export function goInt(f: number): number {
  return Math.trunc(f);
}
