// The Modules view knows what the operator refuses (issue 11, item 8): a Module with errors shows them (icon,
// description, tooltip with the first errors and a link to Problems); same-named Modules and resources say their
// file; the CodeLens line skips the `---` above a document (item 10).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseYamlFile } from '../../../common/src/index';
import { DEFAULT_SETTINGS } from '../../../common/src/types';
import {
  entriesOfFile,
  firstContentLine,
  WorkspaceIndex,
  type ModuleEntry,
} from '../../../client/src/workspace/workspaceModel';
import { moduleProblems, offlineResolver } from '../../../client/src/workspace/moduleProblems';
import { buildModulesTree, indexRecords, treeItemOf } from '../../../client/src/views/modulesModel';
import { buildResourcesTree, resourceTreeItem } from '../../../client/src/views/resourcesModel';
import { COMMANDS } from '../../../client/src/ids';
import { moduleYaml, RESOURCE } from './fixtures';

async function validatedModules(path: string, text: string): Promise<ModuleEntry[]> {
  const documents = parseYamlFile(text).documents;
  const { modules } = entriesOfFile(path, path.slice(1), documents);
  const resolver = offlineResolver(DEFAULT_SETTINGS, async () => {
    throw new Error('no mapped files here');
  });
  for (const m of modules) m.problems = await moduleProblems(documents[m.documentIndex]!, DEFAULT_SETTINGS, resolver);
  return modules;
}

test('a Module the operator refuses: error icon, the count, the first errors and a Problems link; Install stays offered (and is refused with the reason)', async () => {
  const bad = moduleYaml('broken', 'dev', { env: 'prod', replicas: 99, bogus: 1, locked: 'x' });
  const [entry] = await validatedModules('/ws/broken.yaml', bad);
  assert.equal(entry!.problems?.errors, 4);
  const item = treeItemOf(buildModulesTree([entry!], indexRecords([]))[0]!.modules[0]!);
  assert.equal(item.description, 'not installed · 4 errors');
  assert.deepEqual(item.icon, { id: 'error', color: 'problemsErrorIcon.foreground' });
  assert.match(item.tooltip!, /The operator refuses this Module \(4 errors\), so Install is refused/);
  assert.match(item.tooltip!, /- ws\/broken\.yaml:\d+: unknown field 'bogus' provided in input/);
  assert.match(item.tooltip!, /… and 1 more/);
  assert.match(item.tooltip!, new RegExp(`\\(command:${COMMANDS.showProblems.replace('.', '\\.')}\\?`));
  assert.deepEqual(item.tooltipCommands, [COMMANDS.showProblems]);
  assert.match(item.contextValue!, /\bcan-install\b/);
  const [fine] = await validatedModules('/ws/fine.yaml', moduleYaml('fine', 'dev'));
  const fineItem = treeItemOf(buildModulesTree([fine!], indexRecords([]))[0]!.modules[0]!);
  assert.equal(fineItem.description, 'not installed');
  assert.equal(fineItem.icon?.id, 'circle-large-outline');
});

test('an installed Module whose file now has errors keeps its phase icon and says how many', async () => {
  const [entry] = await validatedModules('/ws/a.yaml', moduleYaml('web', 'dev', { replicas: 0 }));
  const records = indexRecords([{ id: 'default/web', file: '/ws/a.yaml', documentIndex: 0, phase: 'ready' }]);
  const item = treeItemOf(buildModulesTree([entry!], records)[0]!.modules[0]!);
  assert.equal(item.description, 'ready · 1 error');
  assert.equal(item.icon?.id, 'pass-filled');
});

test('two Modules or resources of one name say which file (and document) each is', async () => {
  const modules = [
    ...(await validatedModules('/ws/a.yaml', moduleYaml('web', 'dev'))),
    ...(await validatedModules('/ws/b.yaml', `${moduleYaml('api', 'dev')}---\n${moduleYaml('web', 'dev')}`)),
  ];
  const items = buildModulesTree(modules, indexRecords([]))[0]!.modules.map((n) => treeItemOf(n));
  assert.deepEqual(
    items.map((i) => `${i.label}: ${i.description}`),
    ['api: not installed', 'web: not installed · ws/a.yaml', 'web: not installed · ws/b.yaml #2'],
  );
  const resources = [
    ...entriesOfFile('/ws/r1.yaml', 'r1.yaml', parseYamlFile(RESOURCE).documents).resources,
    ...entriesOfFile('/ws/lib/r2.yaml', 'lib/r2.yaml', parseYamlFile(RESOURCE).documents).resources,
  ];
  assert.deepEqual(
    buildResourcesTree(resources).map((n) => resourceTreeItem(n).description),
    ['Custom 1.0.0 · lib/r2.yaml', 'Custom 1.0.0 · r1.yaml'],
  );
});

test('the first content line of a document skips its `---` marker and comments', () => {
  const lines = ['kind: Custom', '---', '# the app', '', 'apiVersion: batch.forkspacer.com/v1', '--- # x'];
  const at = (n: number) => lines[n];
  assert.equal(firstContentLine(at, 0), 0);
  assert.equal(firstContentLine(at, 1), 4);
  assert.equal(firstContentLine(at, 5), 5, 'nothing after it: the start');
  assert.equal(
    firstContentLine((n) => ['--- kind: Module'][n], 0),
    0,
  );
});

test('Restricted Mode: the tooltip says why no lifecycle action is offered', async () => {
  const [entry] = await validatedModules('/ws/a.yaml', moduleYaml('web', 'dev'));
  const node = buildModulesTree([entry!], indexRecords([]))[0]!.modules[0]!;
  assert.match(
    treeItemOf(node, { trusted: false }).tooltip!,
    /Restricted Mode: Install not offered: Forkspacer runs no plugin in an untrusted workspace/,
  );
  assert.doesNotMatch(treeItemOf(node).tooltip!, /Restricted Mode/);
});

test('the index lists the files under a folder (a deleted folder drops them)', () => {
  const index = new WorkspaceIndex();
  const entries = (path: string) => entriesOfFile(path, path, parseYamlFile(RESOURCE).documents);
  for (const path of ['/ws/plugins/a/resource.yaml', '/ws/plugins/ab.yaml', '/ws/other.yaml'])
    index.setFile(path, entries(path));
  assert.deepEqual(index.pathsUnder('/ws/plugins/a'), ['/ws/plugins/a/resource.yaml']);
  assert.deepEqual(index.pathsUnder('/ws/plugins/').sort(), ['/ws/plugins/a/resource.yaml', '/ws/plugins/ab.yaml']);
});
