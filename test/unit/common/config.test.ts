import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkConfig, configProblems } from '../../../common/src/config';
import { decodeResource } from '../../../common/src/decode';
import type { ConfigItem } from '../../../common/src/types';

function items(yaml: string): ConfigItem[] {
  const { definition, problems } = decodeResource(
    undefined,
    `kind: Custom\nmetadata:\n  name: r\n  version: 1.0.0\n  supportedOperatorVersion: "*"\nconfig:\n${yaml}\nspec:\n  repo:\n    file: https://example.com/p.so\n`,
  );
  assert.ok(definition, JSON.stringify(problems));
  return definition.config;
}

const ITEMS = items(`
  - { type: string, name: Name, alias: name, spec: { required: true, regex: "^[a-z]+$", editable: true } }
  - { type: integer, name: Replicas, alias: replicas, spec: { default: 3, min: 1, max: 10, editable: true } }
  - { type: float, name: Ratio, alias: ratio, spec: { min: 0.5, editable: true } }
  - { type: boolean, name: Debug, alias: debug, spec: { default: yes } }
  - { type: option, name: Env, alias: env, spec: { default: dev, values: [dev, prod], editable: true } }
  - { type: multiple-options, name: Features, alias: features, spec: { values: [a, b, c], min: 1, max: 2, editable: true } }
`);

test('defaults are applied with the operator types (Go zero values when none is written)', () => {
  const verdict = checkConfig(ITEMS, { name: 'web' });
  assert.ok(verdict.ok);
  if (!verdict.ok) return;
  assert.deepEqual(verdict.config, { name: 'web', replicas: 3, ratio: 0, debug: true, env: 'dev', features: null });
  assert.deepEqual(verdict.goTypes, {
    name: 'string',
    replicas: 'int',
    ratio: 'float64',
    debug: 'bool',
    env: 'string',
    features: '[]string',
  });
});

test('the verdict is the first refusal in the operator order, with its wording', () => {
  const CASES: [Record<string, unknown> | undefined, string, string][] = [
    [undefined, "field 'name' is required but missing", 'config-required-missing'],
    [{ name: 'web', bogus: 1, replicas: 99 }, "unknown field 'bogus' provided in input", 'config-unknown-field'],
    [{ name: 'web', debug: false }, "field 'debug' is not editable", 'config-not-editable'],
    [
      { name: 'Web' },
      "validation failed for field 'name': value 'Web' does not match the required regex pattern",
      'config-regex-mismatch',
    ],
    [{ name: 5 }, "validation failed for field 'name': input is not a string", 'config-type-mismatch'],
    [
      { name: 'web', replicas: 11 },
      "validation failed for field 'replicas': value 11 is greater than maximum 10",
      'config-out-of-range',
    ],
    [
      { name: 'web', replicas: 0.5 },
      "validation failed for field 'replicas': value 0 is less than minimum 1",
      'config-out-of-range',
    ],
    [
      { name: 'web', replicas: '3' },
      "validation failed for field 'replicas': input is not an integer",
      'config-type-mismatch',
    ],
    [
      { name: 'web', ratio: 0.25 },
      "validation failed for field 'ratio': value 0.250000 is less than minimum 0.500000",
      'config-out-of-range',
    ],
    [{ name: 'web', ratio: true }, "validation failed for field 'ratio': input is not a float", 'config-type-mismatch'],
    [{ name: 'web', env: 1.1 }, "validation failed for field 'env': input is not a string", 'config-type-mismatch'],
    [
      { name: 'web', env: 'qa' },
      "validation failed for field 'env': invalid value 'qa', must be one of [dev prod]",
      'config-option-invalid',
    ],
    [
      { name: 'web', features: 'a' },
      "validation failed for field 'features': input is not an array",
      'config-type-mismatch',
    ],
    [
      { name: 'web', features: [] },
      "validation failed for field 'features': must select at least 1 options",
      'config-out-of-range',
    ],
    [
      { name: 'web', features: ['a', 'b', 'c'] },
      "validation failed for field 'features': must select at most 2 options",
      'config-out-of-range',
    ],
    [
      { name: 'web', features: ['a', 1] },
      "validation failed for field 'features': all options must be strings",
      'config-type-mismatch',
    ],
    [
      { name: 'web', features: ['z'] },
      "validation failed for field 'features': invalid option 'z', must be one of [a b c]",
      'config-option-invalid',
    ],
  ];
  for (const [input, error, code] of CASES) {
    const verdict = checkConfig(ITEMS, input);
    assert.equal(verdict.ok, false, JSON.stringify(input));
    if (!verdict.ok) {
      assert.equal(verdict.error, error);
      assert.equal(verdict.code, code);
    }
  }
});

test('integers truncate (accepted); floats take integers', () => {
  const v = checkConfig(ITEMS, { name: 'web', replicas: 2.9, ratio: 2 });
  assert.ok(v.ok);
  if (v.ok) assert.deepEqual(v.goTypes?.replicas, 'float64');
  const problems = configProblems(ITEMS, { name: 'web', replicas: 2.9 });
  assert.deepEqual(
    problems.map((p) => [p.code, p.severity]),
    [['config-integer-truncated', 'warning']],
  );
});

test('configProblems reports every problem, each on its key or value', () => {
  const problems = configProblems(ITEMS, { bogus: 1, other: 2, replicas: 11, debug: true, features: ['z', 7] });
  const summary = problems.map((p) => `${p.code}@${p.path.join('.')}:${p.on}`);
  assert.deepEqual(summary, [
    'config-unknown-field@bogus:key',
    'config-unknown-field@other:key',
    'config-required-missing@:key',
    'config-out-of-range@replicas:value',
    'config-not-editable@debug:key',
    'config-option-invalid@features.0:value',
    'config-type-mismatch@features.1:value',
  ]);
  assert.ok(problems.every((p) => p.severity === 'error'));
});

test('a required item with a default is still required; duplicate aliases: the last one wins', () => {
  const dup = items(`
  - { type: string, name: A, alias: x, spec: { required: true, default: "d", editable: true } }
  - { type: integer, name: B, alias: x, spec: { default: 7, editable: true } }
`);
  const v = checkConfig(dup, {});
  assert.ok(v.ok);
  if (v.ok) assert.deepEqual(v.config, { x: 7 });
  const req = items(`  - { type: string, name: A, alias: x, spec: { required: true, default: "d", editable: true } }`);
  const r = checkConfig(req, {});
  assert.ok(!r.ok && r.error === "field 'x' is required but missing");
});

test('validators are refused before any input is looked at', () => {
  const unknown: ConfigItem[] = [
    {
      type: 'text',
      name: 'T',
      alias: 't',
      spec: { required: false, default: null, hasDefault: false, editable: true, editableOmitted: false },
    },
  ];
  const v = checkConfig(unknown, { anything: 1 });
  assert.ok(!v.ok && v.error === 'unregistered field type: text' && v.code === 'config-type-unknown');
});
