// Messages and fixes a new user stumbled on (issue 11, item 7): yaml.v3's own line numbers, `required: env`,
// a regex mismatch without its pattern, `replicas: "3"`, and "add missing required key" inserting a value its
// own regex refuses.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-types';
import { quickFixes } from '../../../common/src/fixes';
import { errors, moduleWith, validate } from './helpers';

const URI = 'file:///m.yaml';

function apply(text: string, action: CodeAction): string {
  return TextDocument.applyEdits(TextDocument.create(URI, 'yaml', 1, text), action.edit?.changes?.[URI] ?? []);
}

async function fixesOf(text: string, code: string): Promise<{ diagnostic: Diagnostic; actions: CodeAction[] }> {
  const diagnostic = (await validate(text)).find((d) => d.code === code);
  assert.ok(diagnostic, `no ${code} for:\n${text}`);
  return { diagnostic, actions: quickFixes(text, URI, [diagnostic]) };
}

const RESOURCE = `# a resource with a header, so the spec's lines are not the file's
kind: Custom
metadata:
  name: r
  version: 1.0.0
  supportedOperatorVersion: ">= 0.0.0"
config:
  - type: string
    name: Application name
    alias: appName
    spec:
      required: env
      editable: true
  - type: integer
    name: Replicas
    alias: replicas
    spec:
      min: "2"
      editable: true
spec:
  repo:
    file: https://example.com/p.so
`;

test("a yaml.v3 type error does not name the decoder's own line; `required: env` gets true and false", async () => {
  const { diagnostic, actions } = await fixesOf(RESOURCE, 'config-spec-invalid');
  assert.equal(diagnostic.message, 'yaml: unmarshal errors: cannot unmarshal !!str `env` into bool');
  assert.equal(diagnostic.range.start.line, 11, 'on the value, in the file');
  assert.deepEqual(
    actions.map((a) => a.title),
    ['Replace with true', 'Replace with false'],
  );
  const fixed = apply(RESOURCE, actions[1]!);
  assert.match(fixed, /required: false\n/);
  assert.deepEqual(
    errors(await validate(fixed)).map((d) => d.message),
    ['yaml: unmarshal errors: cannot unmarshal !!str `2` into int'],
  );
  const unquote = await fixesOf(fixed, 'config-spec-invalid');
  assert.deepEqual(
    unquote.actions.map((a) => a.title),
    ['Unquote "2" as 2'],
  );
  assert.deepEqual(errors(await validate(apply(fixed, unquote.actions[0]!))), []);
});

const ITEMS = `        - type: string
          name: Application name
          alias: appName
          spec:
            required: true
            regex: "^[a-z][a-z0-9-]*$"
            editable: true
        - type: integer
          name: Replicas
          alias: replicas
          spec:
            default: 1
            editable: true`;

test('a regex mismatch shows the pattern', async () => {
  const { diagnostic } = await fixesOf(moduleWith(ITEMS, '    appName: My App'), 'config-regex-mismatch');
  assert.equal(
    diagnostic.message,
    "validation failed for field 'appName': value 'My App' does not match the required regex pattern '^[a-z][a-z0-9-]*$'",
  );
});

test('replicas: "3" on an integer: unquote it', async () => {
  const text = moduleWith(ITEMS, '    appName: web\n    replicas: "3"');
  const { actions } = await fixesOf(text, 'config-type-mismatch');
  assert.deepEqual(
    actions.map((a) => a.title),
    ['Unquote "3" as 3'],
  );
  const fixed = apply(text, actions[0]!);
  assert.match(fixed, /replicas: 3\n/);
  assert.deepEqual(errors(await validate(fixed)), []);
});

test('add missing required key: a value that passes its regex, offered as a snippet placeholder', async () => {
  const text = moduleWith(ITEMS, '    replicas: 2');
  const { actions } = await fixesOf(text, 'config-required-missing');
  assert.equal(actions[0]?.title, "Add 'appName: app-name'");
  const fixed = apply(text, actions[0]!);
  assert.match(fixed, /\n {4}appName: app-name\n/);
  assert.deepEqual(errors(await validate(fixed)), [], fixed);
  assert.deepEqual(actions[0]!.data, { snippet: '    appName: ${1:app-name}\n' });
});

test('add missing required key: no guess passes the regex, so no fix is offered (it would trade one error for another)', async () => {
  const text = moduleWith(ITEMS.replace('^[a-z][a-z0-9-]*$', '^[0-9a-f]{40}$'), '    replicas: 2');
  const { actions } = await fixesOf(text, 'config-required-missing');
  assert.deepEqual(actions, []);
});
