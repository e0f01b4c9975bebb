import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  clusterRoots,
  clusterTreeItem,
  contextChildren,
  moduleChildren,
  namespaceChildren,
  workspaceChildren,
  type ClusterNode,
  type ContextNode,
  type ModuleNode,
  type NamespaceNode,
  type WorkspaceNode,
} from '../../../../client/src/cluster/model/clusterTreeModel';
import { mod, snapshot, ws } from './clusterFixtures';

const labels = (nodes: ClusterNode[], s = snapshot()) => nodes.map((n) => clusterTreeItem(n, s).label);

test('roots: every kubeconfig context; the selected one is expanded, another switches on click', () => {
  const s = snapshot();
  const roots = clusterRoots(s) as ContextNode[];
  assert.deepEqual(labels(roots, s), ['kind-dev', 'prod']);
  const selected = clusterTreeItem(roots[0]!, s);
  assert.equal(selected.collapsible, 'expanded');
  assert.equal(selected.command, undefined);
  const other = clusterTreeItem(roots[1]!, s);
  assert.equal(other.collapsible, 'none');
  assert.deepEqual(other.command?.args, ['prod']);
  assert.equal(other.command?.id, 'forkspacer.clusterSwitchContext');
  assert.match(clusterTreeItem(roots[0]!, snapshot({ readOnly: true })).description!, /read-only/);
});

test('no context: one item that says why and opens the setting', () => {
  const roots = clusterRoots(
    snapshot({ contexts: [], contextsError: 'No kubeconfig found: /home/u/.kube/config does not exist' }),
  );
  assert.equal(roots.length, 1);
  const item = clusterTreeItem(roots[0]!, snapshot());
  assert.match(item.label, /No kubeconfig found/);
  assert.equal(item.command?.id, 'workbench.action.openSettings');
});

test('while the first list loads the context shows a loading item; an error says what failed and retries', () => {
  const loading = contextChildren(snapshot({ synced: false, state: 'connecting' }));
  assert.deepEqual(labels(loading), ['Loading Workspaces and Modules…']);
  const failed = contextChildren(
    snapshot({
      synced: false,
      state: 'error',
      error: { kind: 'unreachable', message: 'Cannot reach the API server https://127.0.0.1:6443' },
    }),
  );
  assert.equal(failed.length, 1);
  const item = clusterTreeItem(failed[0]!, snapshot());
  assert.match(item.label, /Cannot reach/);
  assert.equal(item.command?.id, 'forkspacer.clusterRefresh');
  // A watch error after the first list keeps what is known (nothing frozen or emptied): error item + namespaces.
  const live = contextChildren(
    snapshot({ state: 'error', error: { kind: 'unreachable', message: 'watch dropped' }, workspaces: [ws('dev')] }),
  );
  assert.deepEqual(labels(live), ['watch dropped', 'default']);
});

test('namespaces → Workspaces → Modules, sorted; a Module whose Workspace is missing sits under its namespace', () => {
  const s = snapshot({
    workspaces: [ws('dev'), ws('alpha'), ws('qa', { namespace: 'team-b' })],
    modules: [
      mod('web'),
      mod('api'),
      mod('lonely', { workspace: 'gone' }),
      mod('db', { namespace: 'team-b', workspace: 'qa' }),
    ],
  });
  const namespaces = contextChildren(s) as NamespaceNode[];
  assert.deepEqual(labels(namespaces, s), ['default', 'team-b']);
  assert.equal(clusterTreeItem(namespaces[0]!, s).description, '2 Workspaces, 1 Module without Workspace');
  const underDefault = namespaceChildren(namespaces[0]!);
  assert.deepEqual(labels(underDefault, s), ['alpha', 'dev', 'lonely']);
  const dev = underDefault[1] as WorkspaceNode;
  assert.deepEqual(
    workspaceChildren(dev)
      .filter((n) => n.type === 'module')
      .map((n) => (n as ModuleNode).module.name),
    ['api', 'web'],
  );
  assert.equal(clusterTreeItem(dev, s).description, 'ready · 2 Modules');
});

test('a Workspace shows phase, hibernation, connection, auto-hibernation schedule and where it was forked from', () => {
  const w = ws('feature-x', {
    spec: {
      hibernated: true,
      connection: { type: 'kubeconfig', secretReference: { name: 'remote', namespace: 'ops' } },
      autoHibernation: { enabled: true, schedule: '0 20 * * *', wakeSchedule: '0 8 * * 1-5' },
      from: { name: 'dev', namespace: 'default', migrateData: true },
    },
    status: { phase: 'hibernated', hibernatedAt: '2026-12-02T01:00:00Z' },
  });
  const s = snapshot({ workspaces: [w] });
  const node: WorkspaceNode = { type: 'workspace', id: 'ws:default/feature-x', workspace: w, modules: [] };
  const item = clusterTreeItem(node, s);
  assert.equal(item.description, 'hibernated · 0 Modules · fork of dev');
  assert.match(item.tooltip!, /hibernated: true \(since 2026-12-02T01:00:00Z\)/);
  assert.match(item.contextValue!, /\bclusterWorkspace\b.*\bcan-resume\b/);
  assert.doesNotMatch(item.contextValue!, /can-hibernate/);
  const details = workspaceChildren(node).map((n) => clusterTreeItem(n, s));
  assert.deepEqual(
    details.map((d) => [d.label, d.description]),
    [
      ['connection', 'kubeconfig from Secret ops/remote'],
      ['auto-hibernation', 'sleep "0 20 * * *", wake "0 8 * * 1-5"'],
      ['forked from', 'default/dev (data migrated)'],
    ],
  );
  // Asked to hibernate, not there yet:
  assert.match(
    clusterTreeItem({ ...node, workspace: ws('w', { spec: { hibernated: true } }) }, s).description!,
    /^ready, hibernating/,
  );
});

test("a Module: phase and message in the row; message, activity, Warning events and the operator's annotations below", () => {
  const m = mod('web', { phase: 'failed', message: 'Module installation failed. Check events for more information.' });
  const events = new Map([
    [
      'default/web',
      [
        {
          type: 'Warning',
          reason: 'InstallError',
          message: 'Module installation failed: failed to install module: boom',
          count: 2,
          lastTimestamp: '2026-12-02T01:59:30Z',
          source: 'module',
          uid: 'e1',
        },
      ],
    ],
  ]);
  const s = snapshot({ modules: [m], events });
  const node: ModuleNode = { type: 'module', id: 'mod:default/web', module: m };
  const item = clusterTreeItem(node, s);
  assert.equal(item.description, 'failed · Module installation failed. Check events for more information. · 1 warning');
  assert.equal(item.icon?.id, 'error');
  const children = moduleChildren(node, s);
  assert.deepEqual(
    children.map((c) => c.label),
    ['message', 'last activity', 'Warning events', 'stored resource', 'stored config', 'manager data'],
  );
  assert.equal(children[1]!.description, '2 min ago (2026-12-02T01:58:00Z)');
  const warning = children[2]!.children![0]!;
  assert.equal(warning.label, 'InstallError');
  assert.match(warning.description!, /failed to install module: boom \(×2\) · 30 s ago/);
  assert.equal(children[3]!.description, 'Custom cm-writer 1.0.0');
  assert.deepEqual(children[3]!.command?.args, ['default/web', 'resource']);
  assert.deepEqual(
    children[4]!.children!.map((c) => `${c.label}=${c.description}`),
    ['replicas=3'],
  );
  assert.deepEqual(
    children[5]!.children!.map((c) => `${c.label}=${c.description}`),
    ['configMapName=demo-out', 'pluginFilePath=/internal-data/custom-plugins/ab12.so'],
  );
});

test('a stuck deletion is said on the row and offers the finalizer removal', () => {
  const m = mod('broken', { phase: 'uninstalling', deleting: true, installed: false, message: '' });
  const reason = 'resource definition not found in module annotations for default/broken';
  const s = snapshot({ modules: [m], stuck: new Map([['default/broken', reason]]) });
  const node: ModuleNode = { type: 'module', id: 'mod:default/broken', module: m };
  const item = clusterTreeItem(node, s);
  assert.match(item.description!, /stuck/);
  assert.match(item.contextValue!, /\bcan-removeFinalizer\b/);
  assert.doesNotMatch(item.contextValue!, /can-delete|can-sleep/);
  const first = moduleChildren(node, s)[0]!;
  assert.equal(first.label, 'stuck deletion');
  assert.equal(first.tooltip, reason);
  assert.equal(first.command?.id, 'forkspacer.clusterRemoveFinalizer');
  // Not installed: no annotation children.
  assert.ok(!moduleChildren(node, s).some((c) => c.label === 'stored resource'));
});

test('1,000 Modules in 10 Workspaces: the tree is built (time printed, not asserted)', () => {
  const workspaces = Array.from({ length: 10 }, (_, i) => ws(`ws-${i}`));
  const modules = Array.from({ length: 1000 }, (_, i) =>
    mod(`m-${String(i).padStart(4, '0')}`, { workspace: `ws-${i % 10}` }),
  );
  const s = snapshot({ workspaces, modules });
  const started = performance.now();
  const ns = contextChildren(s) as NamespaceNode[];
  let items = 0;
  for (const n of ns)
    for (const w of namespaceChildren(n)) {
      clusterTreeItem(w, s);
      items++;
      for (const m of workspaceChildren(w as WorkspaceNode)) {
        clusterTreeItem(m, s);
        items++;
      }
    }
  const ms = performance.now() - started;
  console.log(`cluster tree: 1,000 Modules in 10 Workspaces → ${items} tree items in ${ms.toFixed(1)} ms`);
  assert.equal(items, 10 + 10 * (1 + 100)); // each Workspace: its connection detail row + its 100 Modules
});
