import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseYamlFile } from '../../../common/src/index';
import { entriesOfFile, moduleSource, WorkspaceIndex } from '../../../client/src/workspace/workspaceModel';
import { DEPLOYMENT, HTTP_MODULE, RESOURCE, moduleYaml } from './fixtures';

test('a multi-document file yields its Modules and resources; other documents are ignored', () => {
  const text = [moduleYaml('web', 'dev'), DEPLOYMENT, RESOURCE, HTTP_MODULE].join('---\n');
  const { modules, resources } = entriesOfFile('/ws/all.yaml', 'all.yaml', parseYamlFile(text).documents);
  assert.deepEqual(
    modules.map((m) => [m.name, m.namespace, m.workspace.name, m.workspace.namespace, m.documentIndex, m.source.type]),
    [
      ['web', 'default', 'dev', 'default', 0, 'raw'],
      ['remote', 'team-a', 'staging', 'team-a', 3, 'httpURL'],
    ],
  );
  assert.equal(modules[0]!.definition?.metadata.name, 'app-installer');
  assert.deepEqual(modules[0]!.input, { replicas: 3 });
  assert.equal(modules[0]!.recordKey, 'default/web');
  assert.ok(modules[1]!.line > modules[0]!.line);
  assert.deepEqual(
    resources.map((r) => [r.kind, r.name, r.version, r.documentIndex, r.definition?.config.length]),
    [['Custom', 'app-installer', '1.0.0', 2, 3]],
  );
});

test('operator: with several sources the first of raw, configMap, httpURL wins', () => {
  assert.equal(moduleSource({ httpURL: 'https://x', configMap: { name: 'a' } }).type, 'configMap');
  assert.deepEqual(moduleSource({ configMap: { name: 'a' } }), { type: 'configMap', name: 'a', namespace: 'default' });
  assert.equal(moduleSource({ raw: {}, httpURL: 'https://x' }).type, 'raw');
  assert.equal(moduleSource(undefined).type, 'none');
});

test('half-typed and junk documents never throw', () => {
  for (const text of [
    'kind: Module\napiVersion: batch.forkspacer.com/v1\nspec: [',
    '\u0000\u0001binary',
    'kind: Custom\nmetadata: 5',
  ]) {
    assert.doesNotThrow(() => entriesOfFile('/x.yaml', 'x.yaml', parseYamlFile(text).documents));
  }
});

test('the index replaces a file on change and drops it on delete', () => {
  const index = new WorkspaceIndex();
  const a = entriesOfFile('/a.yaml', 'a.yaml', parseYamlFile(moduleYaml('a', 'dev')).documents);
  const b = entriesOfFile('/b.yaml', 'b.yaml', parseYamlFile(RESOURCE).documents);
  index.reset([
    ['/a.yaml', a],
    ['/b.yaml', b],
  ]);
  assert.deepEqual(
    index.modules().map((m) => m.name),
    ['a'],
  );
  assert.equal(index.resources().length, 1);
  index.setFile('/a.yaml', entriesOfFile('/a.yaml', 'a.yaml', parseYamlFile(moduleYaml('renamed', 'dev')).documents));
  assert.deepEqual(
    index.modules().map((m) => m.name),
    ['renamed'],
  );
  index.deleteFile('/b.yaml');
  assert.equal(index.resources().length, 0);
  assert.equal(index.module('/a.yaml#0')?.name, 'renamed');
});
