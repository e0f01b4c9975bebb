// Where completion offers what (issue 11, items 1 and 10): document skeletons only where a document can start,
// schema and config items everywhere else (never a skeleton inside a value), no bare `object` item, and
// documentation as Markdown. Drives the built server (dist/server.js --stdio) as the editor does.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { CompletionItem, CompletionList, Diagnostic, MarkupContent, TextEdit } from 'vscode-languageserver-types';
import { LspClient } from './lspClient';
import { COMPOSE, moduleWithResource, VALID_CUSTOM } from './fixtures';

const SKELETONS = ['kind: Custom', 'kind: Helm', 'kind: Module', 'kind: Workspace'];
const ERROR = 1;
let client: LspClient;
let counter = 0;

before(async () => {
  client = await LspClient.start();
});
after(async () => {
  await client.stop();
});

/** Opens `text` with a `|` marking the cursor and asks for completion there. */
async function completeAt(marked: string): Promise<{ items: CompletionItem[]; text: string }> {
  const at = marked.indexOf('|');
  const text = marked.slice(0, at) + marked.slice(at + 1);
  const before = text.slice(0, at).split('\n');
  const uri = `file:///work/places-${++counter}.yaml`;
  client.open(uri, text);
  await client.waitForDiagnostics(uri);
  const result = await client.request<CompletionList | CompletionItem[] | null>('textDocument/completion', {
    textDocument: { uri },
    position: { line: before.length - 1, character: before[before.length - 1]!.length },
  });
  return { items: Array.isArray(result) ? result : (result?.items ?? []), text };
}

const labels = (items: CompletionItem[]) => items.map((i) => i.label);
/** The item VS Code lists first: by sortText, then label (what the suggest widget does before the user types). */
const first = (items: CompletionItem[]) =>
  [...items].sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label))[0];

describe('document skeletons', () => {
  it('an empty file offers the four skeletons, as snippets with Markdown documentation', async () => {
    const { items } = await completeAt('|');
    assert.deepEqual(labels(items), SKELETONS);
    for (const item of items) {
      assert.equal(item.insertTextFormat, 2, 'a snippet');
      assert.equal((item.documentation as MarkupContent).kind, 'markdown');
    }
  });

  it('below a `---` of a multi-document file, and while typing `kind: C` at column 0', async () => {
    const after = await completeAt(`${VALID_CUSTOM}---\n|`);
    assert.deepEqual(labels(after.items), SKELETONS);
    const typed = await completeAt('# my resource\nkind: C|');
    const custom = typed.items.find((i) => i.label === 'kind: Custom');
    // The edit replaces what was typed on the line, so the result is one `kind: Custom`, not `kind: Ckind: Custom`.
    assert.deepEqual((custom?.textEdit as TextEdit).range, {
      start: { line: 1, character: 0 },
      end: { line: 1, character: 7 },
    });
  });

  it('each skeleton, filled with its defaults, is a document the operator accepts', async () => {
    const { items } = await completeAt('|');
    for (const item of items) {
      const preview = /```yaml\n([\s\S]*)\n```/.exec((item.documentation as MarkupContent).value)![1]!;
      const uri = `file:///work/skeleton-${++counter}.yaml`;
      client.open(uri, `${preview}\n`);
      const errors = (await client.waitForDiagnostics(uri)).filter((d: Diagnostic) => d.severity === ERROR);
      assert.deepEqual(errors, [], `${item.label}:\n${preview}`);
    }
  });

  it('never inside a value or a nested key, never in a document that has content', async () => {
    const required = await completeAt(VALID_CUSTOM.replace('required: true', 'required: |'));
    assert.deepEqual(
      labels(required.items).sort(),
      ['false', 'true'],
      'after `required: `: the booleans, nothing else',
    );
    const nested = await completeAt(moduleWithResource('m', '    env: staging\n  |\n'));
    assert.ok(!labels(nested.items).some((l) => SKELETONS.includes(l)), labels(nested.items).join());
    const column0 = await completeAt(moduleWithResource('m', '    env: staging\n|\n'));
    assert.ok(!labels(column0.items).some((l) => SKELETONS.includes(l)), labels(column0.items).join());
  });

  it('a YAML file that is not Forkspacer gets nothing', async () => {
    const { items } = await completeAt(`${COMPOSE}|\n`);
    assert.deepEqual(labels(items), []);
  });
});

describe('spec.config completion', () => {
  const REQUIRED_ITEM = `        - type: string
          name: Application name
          alias: appName
          spec:
            required: true
            regex: "^[a-z][a-z0-9-]*$"
            editable: true
`;

  it('lists the aliases first: no bare `object` item for the required keys', async () => {
    const { items } = await completeAt(moduleWithResource('m', '    |\n', 'my-plugin', REQUIRED_ITEM));
    assert.ok(!labels(items).includes('object'), labels(items).join());
    assert.deepEqual(labels(items).sort(), ['appName', 'env', 'replicas']);
    assert.equal(first(items)?.label, 'appName', 'an alias, not a skeleton of the whole map, comes first');
  });

  it('documentation of schema items is MarkupContent, not Markdown in a plain string', async () => {
    const values = await completeAt(moduleWithResource('m', '    env: |\n'));
    const fields = await completeAt(moduleWithResource('m', '    env: staging\n').replace('spec:\n', 'spec:\n  |\n'));
    for (const item of [...values.items, ...fields.items]) {
      if (item.documentation === undefined || item.documentation === '') continue;
      assert.equal(typeof item.documentation, 'object', `${item.label}: ${JSON.stringify(item.documentation)}`);
      assert.equal((item.documentation as MarkupContent).kind, 'markdown');
    }
    assert.ok(fields.items.some((i) => i.label === 'hibernated'));
  });
});
