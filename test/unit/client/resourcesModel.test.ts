import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseYamlFile } from '../../../common/src/index';
import { entriesOfFile } from '../../../client/src/workspace/workspaceModel';
import {
  buildResourcesTree,
  configItemSummary,
  resourceChildren,
  resourceTreeItem,
} from '../../../client/src/views/resourcesModel';
import { RESOURCE } from './fixtures';

test('the Resources view lists definitions with their config items', () => {
  const { resources } = entriesOfFile('/ws/r.yaml', 'r.yaml', parseYamlFile(RESOURCE).documents);
  const [root] = buildResourcesTree(resources);
  const item = resourceTreeItem(root!);
  assert.equal(item.label, 'app-installer');
  assert.equal(item.description, 'Custom 1.0.0');
  assert.equal(item.contextValue, 'forkspacerResource');
  const children = resourceChildren(root!).map(resourceTreeItem);
  assert.deepEqual(
    children.map((c) => [c.label, c.description]),
    [
      ['env', 'option · default "development" · one of development, staging, production'],
      ['replicas', 'integer · default 1 · 1..10'],
      // operator: editable omitted means false.
      ['locked', 'string · default "fixed" · not editable'],
    ],
  );
});

test('config item summary marks required items', () => {
  assert.equal(
    configItemSummary({
      type: 'string',
      name: 'n',
      alias: 'a',
      spec: { required: true, default: '', hasDefault: false, editable: true, editableOmitted: false },
    }),
    'string · required',
  );
});
