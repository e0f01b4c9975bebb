// Hover and quick fixes through the server (issue 11, item 7): the hover on `required` shows the operator's
// message with its `<alias>` (Markdown must not swallow it as an HTML tag), and the "add missing required key"
// fix of a second document carries its snippet.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { CodeAction, Hover, MarkupContent } from 'vscode-languageserver-types';
import { LspClient } from './lspClient';
import { moduleWithResource, VALID_CUSTOM } from './fixtures';

let client: LspClient;
before(async () => {
  client = await LspClient.start();
});
after(async () => {
  await client.stop();
});

test('the hover on `required` shows `field <alias>` as code, not an empty alias', async () => {
  const uri = 'file:///work/hover-required.yaml';
  client.open(uri, VALID_CUSTOM);
  await client.waitForDiagnostics(uri);
  const line = VALID_CUSTOM.split('\n').findIndex((l) => l.includes('required: true'));
  const hover = await client.request<Hover>('textDocument/hover', {
    textDocument: { uri },
    position: { line, character: 8 },
  });
  const text = (hover.contents as MarkupContent).value;
  assert.match(text, /refused with `field '<alias>' is required but missing`/);
  assert.doesNotMatch(text, /\\`/, 'code spans are not escaped');
});

test('"add missing required key" in a second document: its snippet, with a value its regex accepts', async () => {
  const required = `        - type: string
          name: Application name
          alias: appName
          spec:
            required: true
            regex: "^[a-z][a-z0-9-]*$"
            editable: true
`;
  const text = `${VALID_CUSTOM}---\n${moduleWithResource('second', '    env: staging\n', 'my-plugin', required)}`;
  const uri = 'file:///work/add-required.yaml';
  client.open(uri, text);
  const diagnostics = await client.waitForDiagnostics(uri, (d) => d.some((x) => x.code === 'config-required-missing'));
  const missing = diagnostics.filter((d) => d.code === 'config-required-missing');
  const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
    textDocument: { uri },
    range: missing[0]!.range,
    context: { diagnostics: missing },
  });
  const add = actions.find((a) => a.title === "Add 'appName: app-name'");
  assert.ok(add, actions.map((a) => a.title).join('\n'));
  assert.deepEqual(add.data, { snippet: '    appName: ${1:app-name}\n' });
  const edit = add.edit!.changes![uri]![0]!;
  assert.equal(edit.range.start.line, text.split('\n').indexOf('    env: staging') + 1, 'in the second document');
});
