import { test } from 'node:test';
import assert from 'node:assert/strict';
import { offsetAt, parseYamlFile, positionAt, rangeOf, splitDocuments } from '../../../common/src/document';

const FILE = `# leading comment
kind: Custom
metadata:
  name: a
spec:
  repo:
    file: https://example.com/a.so
---
apiVersion: batch.forkspacer.com/v1
kind: Module
metadata:
  name: m
spec:
  config:
    debug: yes
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
---
kind: Helm
spec: {}
---
apiVersion: batch.forkspacer.com/v1
kind: Workspace
spec: {}
---
kind: Custom
---
apiVersion: v1
kind: Module
spec: {}
`;

test('documents are recognised by content, each in file coordinates', () => {
  const file = parseYamlFile(FILE);
  assert.deepEqual(
    file.documents.map((d) => d.kind),
    ['custom', 'module', 'other', 'helm', 'workspace', 'other', 'other'],
  );
  const module = file.documents[1];
  assert.equal(module.startLine, 7);
  assert.equal(file.text.slice(module.startOffset, module.endOffset), module.text);
  // kubectl reads the Module: yes is a boolean; the resource (yaml.v3) would keep it a string.
  assert.deepEqual((module.value as { spec: { config: { debug: unknown } } }).spec.config.debug, true);
  const r = rangeOf(module, ['spec', 'config', 'debug']);
  assert.deepEqual(r, { start: { line: 14, character: 11 }, end: { line: 14, character: 14 } });
  const k = rangeOf(module, ['spec', 'config', 'debug'], 'key');
  assert.deepEqual(k.start, { line: 14, character: 4 });
  // A missing path falls back to the nearest existing key.
  const missing = rangeOf(module, ['spec', 'config', 'nope']);
  assert.deepEqual(missing.start, { line: 13, character: 2 });
});

test('splitting agrees with markers only at column 0, keeps directives with their document', () => {
  assert.deepEqual(splitDocuments('a: 1\n---\nb: 2\n'), [
    { start: 0, end: 5 },
    { start: 5, end: 14 },
  ]);
  const text = '%YAML 1.2\n---\na: |\n  --- not a marker\n...\nb: 1\n';
  const file = parseYamlFile(text);
  assert.equal(file.documents.length, 2);
  assert.deepEqual(
    file.documents.map((d) => d.errors.length),
    [0, 0],
  );
});

test('unchanged documents reuse their parse after an edit elsewhere', () => {
  const a = parseYamlFile(FILE);
  const b = parseYamlFile(FILE.replace('name: web', 'name: web2'));
  assert.equal(a.documents[0].doc, b.documents[0].doc);
  assert.notEqual(a.documents[2].doc, b.documents[2].doc);
  const c = parseYamlFile('\n\n' + FILE);
  assert.equal(c.documents[1].doc, a.documents[1].doc);
  assert.equal(c.documents[1].startLine, a.documents[1].startLine + 2);
});

test('positions and offsets convert both ways', () => {
  const file = parseYamlFile('ab\ncd\n\nef');
  for (let o = 0; o <= file.text.length; o++)
    assert.equal(offsetAt(file.lineStarts, positionAt(file.lineStarts, o)), o);
});

// The timeout is a hang guard (a quadratic parse of the 20,000-key map would take minutes), not a speed check.
test('never throws: random bytes, truncations, tabs, anchors, huge input', { timeout: 120_000 }, () => {
  let seed = 42;
  const rand = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  const alphabet = 'ab: -\n\t{}[]&*!|>"\'#%@`,?~0123456789.\u0000\u00e9\ud83d';
  for (let i = 0; i < 150; i++) {
    let s = '';
    const n = Math.floor(rand() * 200);
    for (let j = 0; j < n; j++) s += alphabet[Math.floor(rand() * alphabet.length)];
    const file = parseYamlFile(s);
    for (const d of file.documents) void d.value;
  }
  for (let cut = 0; cut < FILE.length; cut += 11) {
    const file = parseYamlFile(FILE.slice(0, cut));
    for (const d of file.documents) void d.value;
  }
  let big = 'kind: Custom\nmetadata:\n';
  for (let i = 0; i < 20000; i++) big += `  k${i}: v\n`;
  const parsed = parseYamlFile(big).documents;
  assert.equal(parsed.length, 1);
  assert.equal(Object.keys((parsed[0]!.value as { metadata: object }).metadata).length, 20000);
});

test('a lone \\r ends a line, as in the editor (LSP) and YAML: ranges land on the line the editor shows', () => {
  const text = 'kind: Custom\rmetadata:\r\n  name: a\r  version: 1.0.0\n';
  const file = parseYamlFile(text);
  const doc = file.documents[0];
  assert.deepEqual(doc.lineStarts, [0, 13, 24, 34, 51]);
  assert.deepEqual(positionAt(doc.lineStarts, 36), { line: 3, character: 2 });
  assert.deepEqual(splitDocuments('a: 1\r---\rb: 2\r'), [
    { start: 0, end: 5 },
    { start: 5, end: 14 },
  ]);
});
