import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseYamlFile } from '../../../common/src/document';
import { moduleInstallPlan } from '../../../common/src/install';
import { createResolver } from '../../../common/src/resolve';
import { moduleWith, offlineFetch, settings } from './helpers';

async function plan(text: string, operatorVersion = '0.1.7') {
  const s = settings({ operatorVersion });
  const doc = parseYamlFile(text).documents.find((d) => d.kind === 'module');
  assert.ok(doc);
  return moduleInstallPlan(doc, { settings: s, resolver: createResolver({ settings: s, fetchText: offlineFetch }) });
}

const ITEMS = `        - { type: integer, name: R, alias: replicas, spec: { default: 3, min: 1, editable: true } }
        - { type: multiple-options, name: F, alias: features, spec: { values: [a, b], editable: true } }
        - { type: boolean, name: D, alias: debug, spec: { default: yes, editable: true } }`;

test('an accepted Module: the config NewManager receives, with Go types', async () => {
  const p = await plan(moduleWith(ITEMS, '    replicas: 2'));
  assert.ok(p.ok, JSON.stringify(p));
  if (!p.ok) return;
  assert.deepEqual(p.config, { replicas: 2, features: null, debug: true });
  assert.deepEqual(p.goTypes, { replicas: 'float64', features: '[]string', debug: 'bool' });
  assert.deepEqual(p.module, {
    name: 'm',
    namespace: 'default',
    workspace: { name: 'dev', namespace: 'default' },
    hibernated: false,
  });
  assert.equal(p.source.type, 'raw');
  assert.equal(p.definition.metadata.name, 'r');
  assert.equal(JSON.parse(p.resourceText ?? '{}').kind, 'Custom');
});

test('refusals come in the operator order and wording', async () => {
  const CASES: [string, string, string][] = [
    [
      moduleWith(ITEMS, '    replicas: 0\n    bogus: 1'),
      "failed to validate configuration: unknown field 'bogus' provided in input",
      'config-unknown-field',
    ],
    [
      moduleWith(ITEMS, '    replicas: 0'),
      "failed to validate configuration: validation failed for field 'replicas': value 0 is less than minimum 1",
      'config-out-of-range',
    ],
    [
      moduleWith(ITEMS.replace('type: boolean', 'type: bool'), '    replicas: 0'),
      'failed to validate configuration: unregistered field type: bool',
      'config-type-unknown',
    ],
    [
      moduleWith(ITEMS, '    {}').replace('">= 0.0.0, < 1.0.0"', '">= 0.2"'),
      'operator version 0.1.7 does not satisfy supported version constraint ">= 0.2"',
      'operator-version-unsupported',
    ],
    [
      moduleWith(ITEMS, '    bogus: 1').replace('">= 0.0.0, < 1.0.0"', '"0.1.7 <"'),
      'failed to parse supported operator version constraint "0.1.7 <": improper constraint: 0.1.7 <',
      'operator-version-constraint-invalid',
    ],
    [
      moduleWith(ITEMS, '    {}').replace('file: https://example.com/plugin.so', 'file: ""'),
      'file path cannot be empty if specified',
      'repo-one-of',
    ],
    [
      // The API server refuses the misspelt field before the webhook sees the unsupported source (issue 8).
      moduleWith(ITEMS, '    {}').replace('    raw:', '    github: {}\n    rawx:'),
      `strict decoding error: unknown field "spec.source.rawx" (kubectl apply's default --validate=strict; with another client the API server drops the field silently)`,
      'crd-unknown-field',
    ],
    [
      moduleWith(ITEMS, '    {}').replace(/^ {4}raw:[\s\S]*?(?=^ {2}config:)/m, '    github: {}\n'),
      "'github' module source type is not yet supported",
      'module-source-unsupported',
    ],
    [
      moduleWith(ITEMS, '    {}').replace(
        /^ {4}raw:[\s\S]*?(?=^ {2}config:)/m,
        '    configMap: { name: r, namespace: default }\n',
      ),
      'resolved from ConfigMap default/r in the cluster at install; spec.config not checked here',
      'module-source-configmap-unresolved',
    ],
  ];
  for (const [text, error, code] of CASES) {
    const p = await plan(text);
    assert.deepEqual(p, { ok: false, error, code }, text);
  }
  const newer = await plan(moduleWith(ITEMS, '    {}').replace('">= 0.0.0, < 1.0.0"', '">= 0.2"'), '0.2.0');
  assert.ok(newer.ok);
});
