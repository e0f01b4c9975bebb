// Go regexp (RE2) semantics via re2js: the operator compiles `regex` with regexp.Compile and uses MatchString.
import type { RE2JS } from 're2js';

export type Re2Result = { ok: true; regex: RE2JS } | { ok: false; error: string };

export function compileRe2(_pattern: string): Re2Result {
  return { ok: false, error: 'not implemented' };
}

export function re2Find(regex: RE2JS, s: string): boolean {
  return regex.matcher(s).find();
}
