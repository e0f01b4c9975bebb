// Fuzz target: parseConstraint and constraintAllows (Masterminds/semver v3 constraints). Never throws; a parsed
// constraint answers for every version.
import { constraintAllows, parseConstraint } from '../../../common/src';
import { check, textOf } from '../harness';

const VERSIONS = ['0.1.7', '0.0.0', '1.0.0', '0.1.7-rc.1', '2.3.4', '18446744073709551616.0.0'];

export function fuzz(data: Uint8Array): void {
  const result = parseConstraint(textOf(data));
  if (!result.ok) {
    check(typeof result.error === 'string' && result.error !== '', () => 'a refusal without a message');
    return;
  }
  for (const v of VERSIONS) check(typeof constraintAllows(result.constraint, v) === 'boolean', () => `answer for ${v}`);
}
