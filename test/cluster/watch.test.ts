// The live model against a real API server (issue 9): the API server stopped and restarted mid-watch (the watch
// resumes from the last resourceVersion and sees what changed meanwhile), and 410 Gone after a compaction (relist).
// No operator: the test writes status.phase itself through the status subresource.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { openCluster, type ClusterBackend, type ModuleView } from '../../cluster/src/index';
import { startCluster, type TestCluster } from './harness/cluster';
import { moduleDoc, waitFor, workspaceDoc } from './harness/fixtures';
import { skipUnlessControlPlane } from './harness/paths';
import { startProxy } from './harness/proxy';

describe(
  'live model: dropped connections and 410 Gone',
  { skip: skipUnlessControlPlane(), timeout: 10 * 60_000 },
  () => {
    let cluster: TestCluster;
    let backend: ClusterBackend;
    before(async () => {
      cluster = await startCluster({ operator: false });
      backend = await openCluster({ kubeconfigPath: cluster.kubeconfig });
      await backend.apply(workspaceDoc('dev'));
    });
    after(async () => {
      backend?.dispose();
      await cluster?.stop();
    });

    const setPhase = (name: string, phase: string) =>
      cluster.admin(
        'PATCH',
        `/apis/batch.forkspacer.com/v1/namespaces/default/modules/${name}/status`,
        { status: { phase } },
        'application/merge-patch+json',
      );

    test('the API server stopped and restarted mid-watch: the watch resumes and catches up', async () => {
      await backend.apply(moduleDoc('w1', 'http://127.0.0.1:1/none.so', { id: 'w1' }));
      const changes: string[] = [];
      const model = backend.watchModules('default', (c) => changes.push(c.type));
      await model.ready();
      await setPhase('w1', 'ready');
      await waitFor('ready seen', 10_000, () => model.items.find((m) => m.name === 'w1')?.phase === 'ready');

      await cluster.stopApiServer();
      await waitFor('the model notices the drop', 30_000, () => model.error?.kind === 'unreachable');
      assert.equal(model.stats.openWatches, 0);
      // Changed while nobody could watch: written straight after the restart, before the watch is back.
      await cluster.startApiServer();
      await setPhase('w1', 'sleeped');
      await waitFor(
        'the change made during the outage arrives',
        60_000,
        () => model.items.find((m) => m.name === 'w1')?.phase === 'sleeped',
      );
      await waitFor('the error clears', 30_000, () => model.error === undefined);
      // The watch that resumes may still be answered 410 and relist once (below): one watch open in the end.
      await waitFor('one watch open', 30_000, () => model.stats.openWatches === 1);
      // It first resumes from its resourceVersion; the restarted API server's watch cache starts after it, so the
      // answer is 410 Gone and the model relists once (an idle resource may resume without one).
      assert.ok(model.stats.watches >= 2, 'resumed the watch');
      assert.equal(model.stats.lists, 1 + model.stats.relists410);
      assert.ok(model.stats.lists <= 2, `lists: ${model.stats.lists}`);
      assert.ok(changes.includes('reconnected'));
      model.dispose();
    });

    test('410 Gone: a model that missed changes past a compaction relists, and is whole again', async () => {
      await backend.apply(moduleDoc('g1', 'http://127.0.0.1:1/none.so', { id: 'g1' }));
      const proxy = await startProxy(cluster.server, cluster.kubeconfig);
      const behind = await openCluster({ kubeconfigPath: proxy.kubeconfig });
      try {
        const model = behind.watchModules('default');
        await model.ready();
        assert.equal(model.stats.lists, 1);
        // The model is cut off; meanwhile a Module is created, another changes, etcd is compacted past all of it, and
        // the API server restarts (its watch cache then starts after the model's resourceVersion).
        proxy.cut();
        await waitFor('the model notices the drop', 30_000, () => model.stats.openWatches === 0);
        await backend.apply(moduleDoc('g2', 'http://127.0.0.1:1/none.so', { id: 'g2' }));
        for (const phase of ['sleeped', 'ready', 'failed']) await setPhase('g1', phase);
        await cluster.compactEtcd();
        await cluster.stopApiServer();
        await cluster.startApiServer();
        proxy.restore();
        await waitFor(
          'relisted after 410',
          90_000,
          () => model.stats.relists410 >= 1 && model.items.some((m: ModuleView) => m.name === 'g2'),
        );
        assert.equal(model.stats.lists, 2);
        assert.equal(model.items.find((m) => m.name === 'g1')?.phase, 'failed');
        await waitFor('watching again', 30_000, () => model.stats.openWatches === 1);
        await setPhase('g1', 'ready');
        await waitFor(
          'a later change arrives',
          30_000,
          () => model.items.find((m) => m.name === 'g1')?.phase === 'ready',
        );
        model.dispose();
        assert.equal(model.stats.openWatches, 0);
      } finally {
        behind.dispose();
        await proxy.stop();
      }
    });
  },
);
