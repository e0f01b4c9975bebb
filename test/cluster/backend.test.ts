// The cluster backend against a real control plane and the real operator v0.1.7 (issue 9): every action and its
// messages. One cluster for the file; each test uses its own Module names.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { openCluster, type ClusterBackend, type ClusterError, type ModuleView } from '../../cluster/src/index';
import { startCluster, type TestCluster } from './harness/cluster';
import { moduleDoc, waitFor, workspaceDoc } from './harness/fixtures';
import { skipUnlessControlPlane } from './harness/paths';
import { buildPlugin, servePlugin } from './harness/plugins';
import { startRefusingWebhook } from './harness/webhook';

const skip = skipUnlessControlPlane();
const SLOW = { timeout: 20 * 60_000 };

async function rejects(p: Promise<unknown>, kind: string, text?: RegExp): Promise<ClusterError> {
  try {
    await p;
  } catch (error) {
    const e = error as ClusterError;
    assert.equal(e.kind, kind, `kind of: ${e.message}`);
    if (text) assert.match(e.message, text);
    return e;
  }
  assert.fail(`expected a ClusterError ${kind}`);
}

describe('cluster backend against the real operator', { skip, ...SLOW }, () => {
  let cluster: TestCluster;
  let backend: ClusterBackend;
  let plugin: string;

  before(async () => {
    const so = buildPlugin('recorder');
    cluster = await startCluster();
    plugin = servePlugin(cluster, await so, 'recorder.so');
    backend = await openCluster({ kubeconfigPath: cluster.kubeconfig });
    await backend.apply(workspaceDoc('dev'));
    await waitFor(
      'workspace dev ready',
      30_000,
      async () => (await backend.getWorkspace('default', 'dev'))?.phase === 'ready',
    );
  }, SLOW);

  after(async () => {
    backend?.dispose();
    await cluster?.stop();
  });

  test('namespaces, contexts and workspace lookups', async () => {
    assert.deepEqual(
      (await backend.namespaces()).filter((n) => ['default', 'forkspacer-system', 'team'].includes(n)),
      ['default', 'forkspacer-system', 'team'],
    );
    assert.equal(await backend.workspaceExists('default', 'dev'), true);
    assert.equal(await backend.workspaceExists('default', 'nope'), false);
    const ws = await backend.getWorkspace('default', 'dev');
    // The operator's defaults (CLUSTER.md): type kubernetes, in-cluster connection, ready.
    assert.equal(ws?.type, 'kubernetes');
    assert.equal(ws?.connection.type, 'in-cluster');
    assert.equal(ws?.ready, true);
  });

  test('dry-run apply shows the verdict and stores nothing; apply + install settles ready with the annotations', async () => {
    const doc = moduleDoc('app1', plugin, { id: 'app1', replicas: 3 });
    const verdict = await backend.dryRunApply(doc);
    assert.equal(verdict.ok, true, JSON.stringify(verdict.error));
    assert.equal(verdict.creates, true);
    assert.equal(verdict.result?.metadata?.name, 'app1');
    assert.equal(await backend.getModule('default', 'app1'), undefined, 'dry run stored nothing');

    const phases: string[] = [];
    const result = await backend.run('install', doc, { timeoutS: 120, onPhase: (p) => phases.push(p) });
    assert.equal(result.ok, true, result.message);
    assert.equal(result.phase, 'ready');
    assert.equal(phases.at(-1), 'ready');
    const m = (await backend.getModule('default', 'app1'))!;
    assert.equal(m.message, 'Module installed successfully');
    assert.match(m.resourceAnnotation ?? '', /kind: Custom/);
    // The annotation holds spec.config as given; the operator applies the defaults when it calls NewManager.
    assert.deepEqual(m.baseModuleConfig, { id: 'app1', replicas: 3 });
    assert.equal(typeof m.managerData?.pluginFilePath, 'string');
    assert.equal(m.managerData?.installedId, 'app1');
    assert.deepEqual(m.finalizers, ['delete']);
    // The plugin saw the config: recorded in its ConfigMap.
    const rec = await backend.getConfigMap('default', 'rec-app1');
    assert.ok(rec && rec['00-install'], 'install recorded');
    assert.deepEqual(JSON.parse(rec['00-install']).config.fail, { value: 'none', type: 'string' });

    // A second dry run of the same document is an update that changes nothing.
    const again = await backend.dryRunApply(doc);
    assert.equal(again.ok, true);
    assert.equal(again.creates, false);
    assert.deepEqual(again.immutable, []);
  });

  test('sleep and resume settle sleeped / ready; an operation the phase does not allow is refused before sending', async () => {
    const doc = moduleDoc('app2', plugin, { id: 'app2' });
    assert.equal((await backend.run('install', doc, { timeoutS: 120 })).phase, 'ready');
    const before = (await backend.getModule('default', 'app2'))!.resourceVersion;
    const refused = await backend.run('resume', doc);
    assert.equal(refused.ok, false);
    assert.match(refused.refused ?? '', /cannot resume: the Module is ready \(allowed: sleep, uninstall\)/);
    assert.equal((await backend.getModule('default', 'app2'))!.resourceVersion, before, 'nothing was sent');
    const installAgain = await backend.run('install', doc);
    assert.match(installAgain.refused ?? '', /already exists/);

    const phases: string[] = [];
    const slept = await backend.run('sleep', doc, { timeoutS: 60, onPhase: (p) => phases.push(p) });
    assert.equal(slept.ok, true);
    assert.equal(slept.phase, 'sleeped');
    assert.equal(phases.at(-1), 'sleeped');
    assert.equal((await backend.getModule('default', 'app2'))!.hibernated, true);
    const resumed = await backend.run('resume', doc, { timeoutS: 60 });
    assert.equal(resumed.phase, 'ready');
    assert.equal((await backend.getModule('default', 'app2'))!.managerData?.last, 'resume');
  });

  test('a failed Install settles failed with the operator Warning event and the plugin error', async () => {
    const doc = moduleDoc('bad1', plugin, { id: 'bad1', fail: 'install' });
    const events: string[] = [];
    const result = await backend.run('install', doc, {
      timeoutS: 120,
      onEvent: (e) => events.push(`${e.reason}: ${e.message}`),
    });
    assert.equal(result.ok, false);
    assert.equal(result.phase, 'failed');
    assert.equal(result.message, 'Module installation failed. Check events for more information.');
    const all = await backend.moduleEvents('default', 'bad1');
    assert.ok(
      all.some(
        (e) =>
          e.type === 'Warning' &&
          e.reason === 'InstallError' &&
          /recorder bad1: install refused on purpose/.test(e.message),
      ),
      JSON.stringify(all),
    );
    // The failed Module was installed far enough to have its resource annotation: its deletion is not stuck.
    const m = (await backend.getModule('default', 'bad1'))!;
    assert.equal(backend.isStuckDeletion(m, all).stuck, false);
    assert.equal((await backend.run('uninstall', doc, { timeoutS: 60 })).phase, 'removed');
  });

  test('stuck deletion: a Module refused before its resource annotation loops in uninstalling; removing the finalizer ends it', async () => {
    const doc = moduleDoc('stuck1', plugin, { id: 'stuck1', bogus: 1 });
    const install = await backend.run('install', doc, { timeoutS: 120 });
    assert.equal(install.phase, 'failed');
    assert.ok(
      install.events.some((e) => /unknown field 'bogus' provided in input/.test(e.message)),
      JSON.stringify(install.events),
    );
    const result = await backend.run('uninstall', doc, { timeoutS: 60 });
    assert.equal(result.ok, false);
    assert.match(result.message ?? '', /cannot be deleted: it failed before the operator recorded its resource/);
    const m = (await backend.getModule('default', 'stuck1'))!;
    assert.equal(m.deleting, true);
    const stuck = backend.isStuckDeletion(m, await backend.moduleEvents('default', 'stuck1'));
    assert.equal(stuck.stuck, true);
    assert.match(stuck.reason ?? '', /resource definition not found in module annotations/);
    await backend.removeFinalizer('default', 'stuck1');
    await waitFor('stuck1 gone', 30_000, async () => (await backend.getModule('default', 'stuck1')) === undefined);
  });

  test('diff shows file vs live; immutable fields are refused before sending, and recreate applies them', async () => {
    const doc = moduleDoc('app3', plugin, { id: 'app3', replicas: 1 });
    assert.equal((await backend.run('install', doc, { timeoutS: 120 })).phase, 'ready');
    const same = await backend.diff(doc);
    assert.equal(same.exists, true);
    assert.deepEqual(same.changes, []);

    const changed = moduleDoc('app3', plugin, { id: 'app3', replicas: 5 });
    changed.metadata!.labels = { team: 'blue' };
    const d = await backend.diff(changed);
    assert.deepEqual(d.changes.map((c) => c.path).sort(), ['metadata.labels.team', 'spec.config']);
    assert.deepEqual(d.immutable, ['spec.config']);
    const verdict = await backend.dryRunApply(changed);
    assert.equal(verdict.ok, false);
    assert.deepEqual(verdict.immutable, ['spec.config']);
    assert.equal(verdict.error?.kind, 'immutable');
    const rv = (await backend.getModule('default', 'app3'))!.resourceVersion;
    await rejects(backend.apply(changed), 'immutable', /spec\.config cannot change after creation/);
    assert.equal((await backend.getModule('default', 'app3'))!.resourceVersion, rv);

    // A mutable change (a label) goes through.
    const relabelled = moduleDoc('app3', plugin, { id: 'app3', replicas: 1 });
    relabelled.metadata!.labels = { team: 'blue' };
    await backend.apply(relabelled);
    assert.equal((await backend.getModule('default', 'app3'))!.raw.metadata?.labels?.team, 'blue');

    const recreated = await backend.recreateModule(changed, { timeoutS: 120 });
    assert.equal(recreated.phase, 'ready', recreated.message);
    const m = (await backend.getModule('default', 'app3'))!;
    assert.equal((m.baseModuleConfig as { replicas: number }).replicas, 5);
    assert.notEqual(m.uid, '');
  });

  test('workspace hibernate sleeps its Modules; resume wakes the Modules the operator forgets, and says so', async () => {
    await backend.apply(workspaceDoc('hib'));
    await waitFor(
      'workspace hib ready',
      30_000,
      async () => (await backend.getWorkspace('default', 'hib'))?.phase === 'ready',
    );
    const a = moduleDoc('hib-a', plugin, { id: 'hib-a' }, { workspace: 'hib' });
    const b = moduleDoc('hib-b', plugin, { id: 'hib-b' }, { workspace: 'hib' });
    await Promise.all([backend.run('install', a, { timeoutS: 120 }), backend.run('install', b, { timeoutS: 120 })]);
    const slept = await backend.setWorkspaceHibernated('default', 'hib', true);
    assert.deepEqual(slept.resumedModules, []);
    await waitFor('both modules sleeped', 90_000, async () => {
      const ms = await Promise.all(['hib-a', 'hib-b'].map((n) => backend.getModule('default', n)));
      return ms.every((m) => m?.phase === 'sleeped');
    });
    await waitFor(
      'workspace hibernated',
      30_000,
      async () => (await backend.getWorkspace('default', 'hib'))?.phase === 'hibernated',
    );

    const resumed = await backend.setWorkspaceHibernated('default', 'hib', false);
    assert.deepEqual(resumed.resumedModules.map((m) => m.name).sort(), ['hib-a', 'hib-b']);
    assert.match(
      resumed.summary,
      /The operator does not resume Modules it put to sleep; resumed them here: default\/hib-a, default\/hib-b/,
    );
    await waitFor('both modules ready again', 90_000, async () => {
      const ms = await Promise.all(['hib-a', 'hib-b'].map((n) => backend.getModule('default', n)));
      return ms.every((m) => m?.phase === 'ready' && !m.hibernated);
    });
    await waitFor(
      'workspace ready',
      30_000,
      async () => (await backend.getWorkspace('default', 'hib'))?.phase === 'ready',
    );
  });

  test('fork creates a Workspace from another (the operator copies its Modules); an existing name is a 409 conflict', async () => {
    await backend.apply(workspaceDoc('forksrc'));
    await waitFor(
      'forksrc ready',
      30_000,
      async () => (await backend.getWorkspace('default', 'forksrc'))?.phase === 'ready',
    );
    const doc = moduleDoc('fs1', plugin, { id: 'fs1' }, { workspace: 'forksrc' });
    assert.equal((await backend.run('install', doc, { timeoutS: 120 })).phase, 'ready');
    const fork = await backend.forkWorkspace('default', { namespace: 'default', name: 'forksrc' }, 'forked');
    assert.deepEqual(fork.from, { name: 'forksrc', namespace: 'default', migrateData: false });
    await waitFor(
      'fork ready',
      60_000,
      async () => (await backend.getWorkspace('default', 'forked'))?.phase === 'ready',
    );
    const model = backend.watchModules('default');
    await model.ready();
    // Operator v0.1.7 (workspace_fork.go): each Module of the source is copied as <name>-<timestamp>.
    const copy = await waitFor('the copied Module ready', 120_000, () =>
      model.items.find((m) => m.workspace.name === 'forked' && m.name.startsWith('fs1-') && m.phase === 'ready'),
    );
    model.dispose();
    await rejects(
      backend.forkWorkspace('default', { namespace: 'default', name: 'forksrc' }, 'forked'),
      'conflict',
      /409/,
    );
    await rejects(
      backend.forkWorkspace('default', { namespace: 'default', name: 'nope' }, 'x'),
      'not-found',
      /does not exist/,
    );
    // Deleting the fork deletes its Modules (the operator runs their Uninstall) and then the Workspace.
    await backend.deleteWorkspace('default', 'forked');
    await waitFor(
      'fork and its Module gone',
      120_000,
      async () =>
        !(await backend.workspaceExists('default', 'forked')) && !(await backend.getModule('default', copy.name)),
    );
    assert.ok(await backend.getModule('default', 'fs1'), 'the source Module stays');
  });

  test('server-side apply conflict with another field manager is a 409 with the manager named', async () => {
    const doc = moduleDoc('app4', plugin, { id: 'app4' });
    await backend.apply(doc);
    await cluster.admin(
      'PATCH',
      '/apis/batch.forkspacer.com/v1/namespaces/default/modules/app4?fieldManager=someone-else',
      { apiVersion: 'batch.forkspacer.com/v1', kind: 'Module', metadata: { name: 'app4', labels: { owner: 'them' } } },
      'application/apply-patch+yaml',
    );
    const mine = moduleDoc('app4', plugin, { id: 'app4' });
    mine.metadata!.labels = { owner: 'me' };
    const e = await rejects(backend.apply(mine), 'conflict', /someone-else/);
    assert.equal(e.status, 409);
    await waitFor('app4 ready', 120_000, async () => (await backend.getModule('default', 'app4'))?.phase === 'ready');
    assert.equal((await backend.run('uninstall', doc, { timeoutS: 60 })).phase, 'removed');
  });

  test('a webhook refusal and an API (schema) refusal come back as the dry-run verdict', async () => {
    const webhook = await startRefusingWebhook(cluster);
    try {
      const doc = moduleDoc('refused1', plugin, { id: 'refused1' });
      doc.metadata!.labels = { 'forkspacer-test/refuse': 'no-modules-on-fridays' };
      const verdict = await backend.dryRunApply(doc);
      assert.equal(verdict.ok, false);
      assert.equal(verdict.error?.kind, 'webhook');
      assert.match(
        verdict.error?.message ?? '',
        /policy\.forkspacer-test\.local.*refused by the test policy: no-modules-on-fridays/,
      );
      await rejects(backend.apply(doc), 'webhook', /no-modules-on-fridays/);
    } finally {
      await webhook.stop();
    }
    const invalid = moduleDoc('invalid1', plugin, { id: 'x' });
    (invalid.spec as { workspace: unknown }).workspace = { namespace: 'default' };
    const verdict = await backend.dryRunApply(invalid);
    assert.equal(verdict.ok, false);
    assert.equal(verdict.error?.kind, 'invalid');
    assert.match(verdict.error?.message ?? '', /spec\.workspace\.name: Required value/);
  });

  test('RBAC: a restricted ServiceAccount reads its namespace; writes and other namespaces say which verb on which resource', async () => {
    await backend.apply(workspaceDoc('teamws', 'team'));
    const viewer = await openCluster({ kubeconfigPath: cluster.restrictedKubeconfig });
    try {
      const model = viewer.watchWorkspaces('team');
      await model.ready();
      assert.deepEqual(
        model.items.map((w) => w.name),
        ['teamws'],
      );
      model.dispose();
      const doc = moduleDoc('team1', plugin, { id: 'team1' }, { namespace: 'team', workspace: 'teamws' });
      const e = await rejects(
        viewer.apply(doc),
        'forbidden',
        /system:serviceaccount:team:viewer" cannot patch modules\.batch\.forkspacer\.com "team1" in namespace "team"/,
      );
      assert.equal(e.verb, 'patch');
      const verdict = await viewer.dryRunApply(doc);
      assert.equal(verdict.error?.kind, 'forbidden');
      const all = viewer.watchModules(undefined);
      const err = await all.ready().then(
        () => undefined,
        (x: ClusterError) => x,
      );
      all.dispose();
      assert.equal(err?.kind, 'forbidden');
      assert.match(err?.message ?? '', /cannot list modules\.batch\.forkspacer\.com cluster-wide/);
      await rejects(viewer.namespaces(), 'forbidden', /cannot list namespaces/);
    } finally {
      viewer.dispose();
    }
  });

  test('read-only (Restricted Mode) refuses every write before sending it', async () => {
    const ro = await openCluster({ kubeconfigPath: cluster.kubeconfig }, { readOnly: true });
    try {
      assert.equal(ro.readOnly, true);
      const doc = moduleDoc('ro1', plugin, { id: 'ro1' });
      await rejects(ro.apply(doc), 'forbidden', /Restricted Mode/);
      await rejects(ro.setModuleHibernated('default', 'app1', true), 'forbidden', /Restricted Mode/);
      await rejects(ro.deleteWorkspace('default', 'dev'), 'forbidden', /Restricted Mode/);
      await rejects(
        ro.forkWorkspace('default', { namespace: 'default', name: 'dev' }, 'f'),
        'forbidden',
        /Restricted Mode/,
      );
      assert.equal(await backend.getModule('default', 'ro1'), undefined);
      // Reads still work, and the dry run (which stores nothing) still gives its verdict.
      assert.equal((await ro.dryRunApply(doc)).ok, true);
    } finally {
      ro.dispose();
    }
  });

  test('the live model follows a phase change with one list and one watch per kind', async () => {
    const seen: ModuleView[] = [];
    const model = backend.watchModules('default', (c) => {
      if (c.type === 'modified' && c.item.name === 'app2') seen.push(c.item);
    });
    const workspaces = backend.watchWorkspaces(undefined);
    await Promise.all([model.ready(), workspaces.ready()]);
    assert.ok(model.items.some((m) => m.name === 'app2'));
    assert.ok(workspaces.items.some((w) => w.name === 'dev'));
    await backend.run('sleep', moduleDoc('app2', plugin, { id: 'app2' }), { timeoutS: 60 });
    await waitFor('the model saw sleeped', 30_000, () => seen.some((m) => m.phase === 'sleeped'));
    assert.deepEqual(
      { lists: model.stats.lists, watches: model.stats.watches, open: model.stats.openWatches },
      { lists: 1, watches: 1, open: 1 },
    );
    assert.equal(workspaces.stats.openWatches, 1);
    model.dispose();
    workspaces.dispose();
    assert.equal(model.stats.openWatches, 0);
  });
});
