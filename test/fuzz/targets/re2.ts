// Fuzz target: compileRe2 and re2Find (Go regexp through re2js). Input: pattern, a NUL byte, subject. Never throws;
// a refusal has a message, a compiled pattern answers for the subject.
import { compileRe2, re2Find } from '../../../common/src';
import { check, textOf } from '../harness';

export function fuzz(data: Uint8Array): void {
  const text = textOf(data);
  const nul = text.indexOf('\0');
  const pattern = nul === -1 ? text : text.slice(0, nul);
  const subject = nul === -1 ? 'abc' : text.slice(nul + 1);
  const result = compileRe2(pattern);
  if (!result.ok) {
    check(typeof result.error === 'string' && result.error !== '', () => 'a refusal without a message');
    return;
  }
  check(typeof re2Find(result.regex, subject) === 'boolean', () => 'no answer for the subject');
}
