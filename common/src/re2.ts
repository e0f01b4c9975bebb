// Go regexp (RE2) semantics via re2js: the operator compiles a string item's `regex` with regexp.Compile when it
// builds the validator ("invalid regex pattern: ...") and checks input with MatchString, an unanchored search.
// JavaScript's RegExp would accept lookbehind and backreferences that Go refuses, and reject `(?i)` that Go accepts.
import type * as Re2js from 're2js';
import type { RE2JS } from 're2js';

/**
 * re2js, loaded on first use: its Unicode tables take about 8 ms to build, a tenth of `forkspacer validate` on a
 * small file that has no `regex` (issue 12: start-up). A require inside a function stays lazy in the bundles.
 */
export function re2js(): typeof RE2JS {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('re2js') as typeof Re2js).RE2JS;
}

export type Re2Result = { ok: true; regex: RE2JS } | { ok: false; error: string };

const cache = new Map<string, Re2Result>();
const CACHE_MAX = 500;

/** regexp.Compile(pattern); `error` is Go's text, e.g. "error parsing regexp: invalid escape sequence: `\1`". */
export function compileRe2(pattern: string): Re2Result {
  const hit = cache.get(pattern);
  if (hit) return hit;
  let result: Re2Result;
  try {
    result = { ok: true, regex: re2js().compile(pattern) };
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    result = { ok: false, error: message };
    // Go accepts a repeated group name (re2js does not); names do not change what matches, so number them apart.
    if (message.includes('duplicate capture group name')) {
      let n = 0;
      try {
        result = {
          ok: true,
          regex: re2js().compile(
            pattern.replace(/\(\?P?<([A-Za-z0-9_]+)>/g, (m, name: string) =>
              m.replace(`<${name}>`, `<${name}_${n++}>`),
            ),
          ),
        };
      } catch {
        // keep the first error
      }
    }
  }
  if (cache.size >= CACHE_MAX) cache.delete(cache.keys().next().value as string);
  cache.set(pattern, result);
  return result;
}

/** regexp.MatchString: true when the pattern matches anywhere in s. */
export function re2Find(regex: RE2JS, s: string): boolean {
  return regex.test(s);
}
