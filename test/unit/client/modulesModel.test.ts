import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseYamlFile } from '../../../common/src/index';
import { entriesOfFile, type ModuleEntry } from '../../../client/src/workspace/workspaceModel';
import {
  buildModulesTree,
  childrenOf,
  effectiveConfig,
  indexRecords,
  moduleChildren,
  treeItemOf,
  type ModuleRecordLike,
} from '../../../client/src/views/modulesModel';
import { HTTP_MODULE, moduleYaml } from './fixtures';

function modulesOf(path: string, text: string): ModuleEntry[] {
  return entriesOfFile(path, path.slice(1), parseYamlFile(text).documents).modules;
}

function record(path: string, id: string, phase: string, extra: Partial<ModuleRecordLike> = {}): ModuleRecordLike {
  return { id, file: path, documentIndex: 0, phase, lastMessage: `${phase} message`, ...extra };
}

test('modules are grouped by workspace, with the phase from the host or "not installed"', () => {
  const modules = [
    ...modulesOf('/ws/a.yaml', [moduleYaml('web', 'dev'), moduleYaml('db', 'dev')].join('---\n')),
    ...modulesOf('/ws/b.yaml', HTTP_MODULE),
  ];
  const records = indexRecords([record('/ws/a.yaml', 'default/db', 'ready')]);
  const roots = buildModulesTree(modules, records);
  assert.deepEqual(
    roots.map((g) => [g.name, g.namespace, g.modules.map((m) => `${m.entry.name}:${m.phase}`)]),
    [
      ['dev', 'default', ['db:ready', 'web:not-installed']],
      ['staging', 'team-a', ['remote:not-installed']],
    ],
  );
  const db = treeItemOf(roots[0]!.modules[0]!);
  assert.equal(db.description, 'ready');
  assert.equal(db.icon?.id, 'pass-filled');
  assert.match(db.tooltip!, /ready message/);
  assert.match(db.contextValue!, /\bcan-sleep\b/);
  const web = treeItemOf(roots[0]!.modules[1]!);
  assert.equal(web.description, 'not installed');
  assert.match(web.contextValue!, /\bcan-install\b/);
  assert.doesNotMatch(web.contextValue!, /\bcan-sleep\b/);
});

test('a record is found by module id: another file defining the same Module shows it, and says where from', () => {
  const modules = modulesOf('/ws/a.yaml', [moduleYaml('web', 'dev'), moduleYaml('api', 'dev')].join('---\n'));
  const records = indexRecords([
    record('/ws/other.yaml', 'default/web', 'ready'),
    record('/ws/a.yaml', 'default/old-name', 'ready'),
  ]);
  const [api, web] = buildModulesTree(modules, records)[0]!.modules;
  assert.equal(api!.phase, 'not-installed');
  assert.equal(web!.phase, 'ready');
  const item = treeItemOf(web!);
  assert.equal(item.description, 'ready · from other.yaml');
  assert.match(String(item.tooltip), /Installed from \/ws\/other\.yaml, document 1: the same Module \(default\/web\)/);
  const own = treeItemOf(
    buildModulesTree(modules, indexRecords([record('/ws/a.yaml', 'default/web', 'ready')]))[0]!.modules[1]!,
  );
  assert.equal(own.description, 'ready');
});

test('children: source, effective config with defaults marked, plugin', () => {
  const [entry] = modulesOf('/ws/a.yaml', moduleYaml('web', 'dev', { replicas: 3 }));
  const node = buildModulesTree([entry!], new Map())[0]!.modules[0]!;
  const children = moduleChildren(node);
  assert.deepEqual(
    children.map((c) => [c.label, c.description]),
    [
      ['source: raw', 'Custom app-installer@1.0.0'],
      ['config', '3 values'],
      ['plugin', 'https://example.com/plugins/app/plugin.so'],
    ],
  );
  // operator: missing items get their default; a written value is not a default.
  assert.deepEqual(
    childrenOf(children[1]!).map((c) => [(c as { label: string }).label, (c as { description?: string }).description]),
    [
      ['env', '"development" (default)'],
      ['locked', '"fixed" (default)'],
      ['replicas', '3'],
    ],
  );
});

test('an invalid config shows the operator refusal instead of values', () => {
  const [entry] = modulesOf('/ws/a.yaml', moduleYaml('web', 'dev', { replicas: 30 }));
  const config = effectiveConfig(entry!);
  assert.equal(config.origin, 'as-written');
  assert.match(config.error!, /replicas/);
});

test('an installed module shows the config the host stored', () => {
  const [entry] = modulesOf('/ws/a.yaml', moduleYaml('web', 'dev', {}));
  const config = effectiveConfig(
    entry!,
    record('/ws/a.yaml', 'default/web', 'ready', { config: { replicas: 1, env: 'development' } }),
  );
  assert.equal(config.origin, 'host');
  assert.deepEqual(
    config.rows.map((r) => [r.alias, r.isDefault]),
    [
      ['env', true],
      ['replicas', true],
    ],
  );
});

// Its speed is measured by bench/core.mjs (npm run bench); here what it builds.
test('1,000 modules: the tree builds and renders every item', () => {
  const docs = Array.from({ length: 1000 }, (_, i) =>
    moduleYaml(`module-${String(i).padStart(4, '0')}`, `ws-${i % 20}`),
  ).join('---\n');
  const modules = modulesOf('/ws/many.yaml', docs);
  assert.equal(modules.length, 1000);
  const records = indexRecords(
    modules.filter((_, i) => i % 3 === 0).map((m) => record(m.path, `default/${m.name}`, 'ready')),
  );
  const roots = buildModulesTree(modules, records);
  let items = 0;
  for (const group of roots) {
    treeItemOf(group);
    for (const m of group.modules) {
      treeItemOf(m);
      items++;
    }
  }
  assert.equal(roots.length, 20);
  assert.equal(items, 1000);
  assert.equal(roots.flatMap((g) => g.modules).filter((m) => m.phase === 'ready').length, 334);
});
