import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction } from 'vscode-languageserver-types';
import { quickFixes } from '../../../common/src/fixes';
import { codes, errors, moduleWith, validate } from './helpers';

const URI = 'file:///m.yaml';

function apply(text: string, action: CodeAction): string {
  const edits = action.edit?.changes?.[URI] ?? [];
  return TextDocument.applyEdits(TextDocument.create(URI, 'yaml', 1, text), edits);
}

async function fixesFor(text: string, code: string) {
  const ds = await validate(text);
  return quickFixes(
    text,
    URI,
    ds.filter((d) => d.code === code),
  );
}

const ITEMS = `        - { type: string, name: NS, alias: namespace, spec: { required: true, default: "default", editable: true } }
        - { type: option, name: V, alias: version, spec: { values: ["1.9", "1.10"], editable: true } }
        - { type: integer, name: R, alias: replicas, spec: { required: true, editable: true } }
        - { type: boolean, name: D, alias: debug, spec: { editable: true } }
        - type: string
          name: Locked
          alias: locked
          spec:
            default: x`;

test('each fix removes the problem it is offered for', async () => {
  const CASES: [string, string, RegExp][] = [
    ['    namespace: ns\n    replicas: 1\n    version: 1.10', 'config-type-mismatch', /^Quote '1\.10'/],
    ['    namespace: ns\n    replicas: 1\n    version: "2"', 'config-option-invalid', /^Replace with '1\.9'/],
    ['    namespace: ns\n    replicas: 1\n    bogus: 2', 'config-unknown-field', /^Remove 'bogus'/],
    // Repeated: kubectl keeps the last, so every `bogus` goes, not only the one the diagnostic is on.
    ['    bogus: 1\n    namespace: ns\n    bogus: 2\n    replicas: 1', 'config-unknown-field', /^Remove 'bogus'/],
    ['    namespace: ns', 'config-required-missing', /^Add 'replicas: 0'/],
    ['    replicas: 1', 'config-required-missing', /^Add 'namespace: default' \(its default\)/],
    ['    namespace: ns\n    replicas: 1\n    locked: y', 'config-not-editable', /^Remove 'locked'/],
    ['    namespace: ns\n    replicas: 1\n    debug: yes', 'yaml11-boolean', /^Replace 'yes' with true/],
  ];
  for (const [config, code, title] of CASES) {
    const text = moduleWith(ITEMS, config);
    const actions = await fixesFor(text, code);
    const action = actions.find((a) => title.test(a.title));
    assert.ok(action, `${code}: ${actions.map((a) => a.title).join(' | ')}`);
    const fixed = apply(text, action);
    const after = await validate(fixed);
    assert.ok(!codes(after).includes(code), `${code} still there after "${action.title}":\n${fixed}`);
    assert.ok(!after.some((d) => d.code === 'yaml-syntax'), fixed);
  }
});

test('a missing spec.config is created under spec', async () => {
  const text = moduleWith(ITEMS, '').replace('  config:\n\n', '');
  const actions = await fixesFor(text, 'config-required-missing');
  assert.ok(actions.length >= 1);
  const fixed = apply(text, actions[0]);
  assert.match(fixed, /\n {2}config:\n {4}namespace: default\n/);
  assert.ok(!(await validate(fixed)).some((d) => d.code === 'yaml-syntax'));
});

/** A Custom resource with one string item whose spec holds `spec` (indented six spaces). */
const stringItemWithSpec = (spec: string) => `kind: Custom
metadata:
  name: r
  version: 1.0.0
  supportedOperatorVersion: "*"
config:
  - type: string
    name: N
    alias: n
    spec:
${spec}spec:
  repo:
    file: https://example.com/p.so
`;

test('resource fixes: editable: true, required: false', async () => {
  const resource = stringItemWithSpec('      required: true\n      default: "x"\n');
  const editable = await fixesFor(resource, 'config-editable-omitted');
  const add = editable.find((a) => a.title === 'Add editable: true');
  assert.ok(add);
  const fixed = apply(resource, add);
  assert.match(fixed, /\n {6}default: "x"\n {6}editable: true\n/);
  assert.ok(!codes(await validate(fixed)).includes('config-editable-omitted'));
  const required = await fixesFor(resource, 'config-required-with-default');
  const fixed2 = apply(resource, required[0]);
  assert.ok(!codes(await validate(fixed2)).includes('config-required-with-default'));
  assert.deepEqual(errors(await validate(fixed2)), []);
});

test('Set editable: true on an empty value followed by a comment keeps the comment a comment', async () => {
  const resource = stringItemWithSpec('      editable: #note\n');
  const set = (await fixesFor(resource, 'config-editable-omitted')).find((a) => a.title === 'Set editable: true');
  assert.ok(set);
  const fixed = apply(resource, set);
  assert.match(fixed, /\n {6}editable: true #note\n/);
  assert.deepEqual(errors(await validate(fixed)), []);
});

test('no fixes for diagnostics that are not ours', () => {
  assert.deepEqual(
    quickFixes('a: 1\n', URI, [
      { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, message: 'x', source: 'yaml' },
    ]),
    [],
  );
});
