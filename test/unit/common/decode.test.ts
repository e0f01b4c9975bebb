import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeResource } from '../../../common/src/decode';

const head = (sov = '">= 0.0.0"') =>
  `kind: Custom\nmetadata:\n  name: r\n  version: 1.0.0\n  supportedOperatorVersion: ${sov}\n`;
const FILE = 'spec:\n  repo:\n    file: https://example.com/p.so\n';

function problemsOf(text: string) {
  return decodeResource(undefined, text).problems.map((p) => ({
    code: p.code,
    severity: p.severity,
    message: p.message,
    path: p.path.join('.'),
  }));
}

test('config item specs decode as yaml.v3 decodes the re-marshalled spec', () => {
  const { definition } = decodeResource(
    undefined,
    head() +
      `config:
  - { type: string, name: S, alias: s, spec: { default: 5, editable: yes } }
  - { type: option, name: O, alias: o, spec: { default: 1.10, values: [1.10, "1.20", 3] } }
  - { type: integer, name: I, alias: i, spec: { default: 0777, min: 2.5, max: 1_000 } }
  - { type: multiple-options, name: M, alias: m, spec: { values: [a] } }
` +
      FILE,
  );
  assert.ok(definition);
  const [s, o, i, m] = definition.config;
  assert.equal(s.spec.default, '5');
  assert.equal(s.spec.editable, true);
  assert.equal(s.spec.editableOmitted, false);
  assert.equal(o.spec.default, '1.1');
  assert.deepEqual(o.spec.values, ['1.1', '1.20', '3']);
  assert.equal(o.spec.editableOmitted, true);
  assert.equal(i.spec.default, 511);
  assert.equal(i.spec.min, 2);
  assert.equal(i.spec.max, 1000);
  assert.equal(m.spec.default, null);
  assert.equal(m.spec.hasDefault, false);
});

test('each stage refuses with the operator wording', () => {
  const CASES: [string, string, string][] = [
    [
      head('""') + FILE,
      'operator-version-constraint-invalid',
      'failed to parse supported operator version constraint "": improper constraint: ',
    ],
    [
      head() + 'config:\n  - { type: color, name: C, alias: c, spec: {} }\n' + FILE,
      'config-type-unknown',
      'unregistered field type: color',
    ],
    [
      head() + 'config:\n  - { type: integer, name: I, alias: i, spec: { default: abc } }\n' + FILE,
      'config-spec-invalid',
      'yaml: unmarshal errors: line 1: cannot unmarshal !!str `abc` into int',
    ],
    [
      head() + 'config:\n  - { type: boolean, name: B, alias: b, spec: { required: "maybe" } }\n' + FILE,
      'config-spec-invalid',
      'yaml: unmarshal errors: line 1: cannot unmarshal !!str `maybe` into bool',
    ],
    [
      head() + 'config:\n  - { type: option, name: O, alias: o, spec: { values: abc } }\n' + FILE,
      'config-spec-invalid',
      'yaml: unmarshal errors: line 1: cannot unmarshal !!str `abc` into []string',
    ],
    [
      head() + 'config:\n  - { type: string, name: S, alias: s, spec: "text" }\n' + FILE,
      'config-spec-invalid',
      'yaml: unmarshal errors: line 1: cannot unmarshal !!str `text` into resources.StringSpec',
    ],
    [
      head() + 'config:\n  - { type: string, name: S, alias: s, spec: { regex: "(a)\\\\1" } }\n' + FILE,
      'config-regex-invalid',
      'invalid regex pattern: error parsing regexp: invalid escape sequence: `\\1`',
    ],
    [
      'kind: Custom\nmetadata:\n  name: [a]\n  supportedOperatorVersion: "*"\n' + FILE,
      'config-spec-invalid',
      'failed to read module type: line 3: cannot unmarshal !!seq into string',
    ],
    [
      'kind: Custom\nmetadata: x\n' + FILE,
      'config-spec-invalid',
      'failed to read module type: line 2: cannot unmarshal !!str `x` into resources.ObjectMeta',
    ],
    [head() + 'spec:\n  repo:\n    file: ""\n', 'repo-one-of', 'file path cannot be empty if specified'],
    [
      head() + 'spec:\n  repo:\n    configMap: { namespace: default }\n',
      'repo-one-of',
      'invalid configMap configuration: Resource name cannot be empty',
    ],
    [
      head() + 'spec:\n  repo:\n    file: null\n',
      'repo-one-of',
      "either 'file' or 'configMap' must be specified for CustomModuleRepo",
    ],
    [
      head() + 'spec:\n  repo: [x]\n',
      'config-spec-invalid',
      'failed to read base bundle information: yaml: unmarshal errors: line 7: cannot unmarshal !!seq into resources.CustomModuleRepo',
    ],
    [
      head().replace('Custom', 'Helm') + 'spec:\n  repo: "%zz"\n  version: "1"\n',
      'helm-field-missing',
      `HelmModuleSpec Repo '%zz' is invalid: parse "%zz": invalid URL escape "%zz"`,
    ],
  ];
  for (const [text, code, message] of CASES) {
    const errors = problemsOf(text).filter((p) => p.severity === 'error');
    assert.ok(
      errors.some((e) => e.code === code && e.message === message),
      `expected ${code}: ${message}\n got: ${JSON.stringify(errors, null, 1)}`,
    );
  }
});

test('what the operator accepts but is dubious is a warning, never an error', () => {
  const text =
    head() +
    `  version: banana
  resource_usage: { cpu: lots, memory: 512Mi }
config:
  - { type: option, name: O, alias: o, spec: { default: x, values: [], editable: true } }
  - { type: integer, name: I, alias: i, spec: { required: true, default: 20, min: 1, max: 10, editable: true } }
  - { type: string, name: S, alias: s, spec: { default: "UP", regex: "^[a-z]+$", editable: true } }
  - { type: string, name: S2, alias: s, spec: { editable: true } }
  - { type: boolean, name: B, alias: b, spec: {} }
  - { type: string, name: R, alias: r, spec: { required: true } }
  - { type: integer, name: T, alias: t, spec: { default: 2.5, editable: true } }
spec:
  repo:
    configMap: { name: plugin }
`;
  const problems = problemsOf(text.replace('  version: 1.0.0\n', ''));
  assert.deepEqual(
    problems.filter((p) => p.severity === 'error'),
    [],
  );
  const got = new Set(problems.map((p) => p.code));
  for (const code of [
    'resource-version-invalid',
    'quantity-invalid',
    'config-values-empty',
    'config-required-with-default',
    'config-default-out-of-range',
    'config-alias-duplicate',
    'config-editable-omitted',
    'config-integer-truncated',
    'repo-configmap-namespace-default',
  ]) {
    assert.ok(got.has(code as never), `missing ${code} in ${JSON.stringify(problems, null, 1)}`);
  }
});

test('Helm: templates naming no alias are flagged; values entries are checked', () => {
  const text = `kind: Helm
metadata: { name: h, version: 1.0.0, supportedOperatorVersion: "*" }
config:
  - { type: integer, name: R, alias: replicas, spec: { default: 1, editable: true } }
spec:
  namespace: "{{ .releaseName }}"
  repo: https://charts.example.com
  chartName: c
  version: 1.0.0
  values:
    - raw: { replicas: "{{ .config.replicas }}", other: "{{ .config.replica }}" }
    - configMap: { namespace: default }
`;
  const problems = problemsOf(text);
  assert.ok(
    problems.some(
      (p) =>
        p.code === 'helm-template-unknown-alias' && p.severity === 'warning' && p.path === 'spec.values.0.raw.other',
    ),
  );
  assert.ok(
    problems.some(
      (p) =>
        p.code === 'helm-field-missing' &&
        p.severity === 'error' &&
        p.message === 'HelmModuleSpec values entry 1 failed validation: Resource name cannot be empty',
    ),
  );
});
