// The messages a user sees when the cluster is not usable (issue 9): no kubeconfig, a missing context, an
// unreachable API server, and a cluster without the operator's CRDs.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { listContexts, openCluster, type ClusterError } from '../../cluster/src/index';
import { startCluster, type TestCluster } from './harness/cluster';
import { workspaceDoc } from './harness/fixtures';
import { skipUnlessControlPlane } from './harness/paths';
import { freePort } from './harness/ports';

async function kindOf(p: Promise<unknown>): Promise<ClusterError> {
  try {
    await p;
  } catch (error) {
    return error as ClusterError;
  }
  assert.fail('expected a ClusterError');
}

const dir = mkdtempSync(join(tmpdir(), 'forkspacer-kubeconfig-'));

describe('cluster messages without a cluster', () => {
  test('no kubeconfig file', async () => {
    const e = await kindOf(openCluster({ kubeconfigPath: join(dir, 'missing') }));
    assert.equal(e.kind, 'no-kubeconfig');
    assert.match(e.message, /No kubeconfig at .*missing\. Set forkspacer\.kubeconfig \(or --kubeconfig\)/);
    const env = process.env.KUBECONFIG;
    process.env.KUBECONFIG = join(dir, 'also-missing');
    try {
      const e2 = await kindOf(listContexts({}));
      assert.equal(e2.kind, 'no-kubeconfig');
      assert.match(e2.message, /No kubeconfig found \(.*also-missing\)/);
    } finally {
      if (env === undefined) delete process.env.KUBECONFIG;
      else process.env.KUBECONFIG = env;
    }
  });

  test('contexts are listed; an unknown context names the ones there are', async () => {
    const file = join(dir, 'two');
    writeFileSync(
      file,
      `apiVersion: v1
kind: Config
clusters: [{name: a, cluster: {server: "https://127.0.0.1:1"}}, {name: b, cluster: {server: "https://127.0.0.1:2"}}]
users: [{name: u, user: {token: t}}]
contexts: [{name: one, context: {cluster: a, user: u, namespace: ns1}}, {name: two, context: {cluster: b, user: u}}]
current-context: two
`,
    );
    assert.deepEqual(await listContexts({ kubeconfigPath: file }), [
      { name: 'one', cluster: 'a', user: 'u', namespace: 'ns1', server: 'https://127.0.0.1:1', current: false },
      { name: 'two', cluster: 'b', user: 'u', server: 'https://127.0.0.1:2', current: true },
    ]);
    const e = await kindOf(openCluster({ kubeconfigPath: file, context: 'three' }));
    assert.equal(e.kind, 'no-kubeconfig');
    assert.match(e.message, /has no context "three" \(it has: one, two\)/);
    writeFileSync(join(dir, 'garbage'), 'this: [is not: a kubeconfig');
    assert.equal((await kindOf(openCluster({ kubeconfigPath: join(dir, 'garbage') }))).kind, 'no-kubeconfig');
  });

  test('an unreachable API server', async () => {
    const port = await freePort();
    const file = join(dir, 'closed');
    writeFileSync(
      file,
      `apiVersion: v1
kind: Config
clusters: [{name: a, cluster: {server: "https://127.0.0.1:${port}", insecure-skip-tls-verify: true}}]
users: [{name: u, user: {token: t}}]
contexts: [{name: c, context: {cluster: a, user: u}}]
current-context: c
`,
    );
    const backend = await openCluster({ kubeconfigPath: file });
    const e = await kindOf(backend.namespaces());
    assert.equal(e.kind, 'unreachable');
    assert.match(
      e.message,
      new RegExp(`Cannot reach the API server https://127\\.0\\.0\\.1:${port} \\(context "c"\\): ECONNREFUSED`),
    );
    const model = backend.watchModules(undefined);
    const e2 = await kindOf(model.ready());
    assert.equal(e2.kind, 'unreachable');
    assert.equal(model.error?.kind, 'unreachable');
    model.dispose();
    backend.dispose();
  });
});

describe(
  'cluster messages: the operator is not installed',
  { skip: skipUnlessControlPlane(), timeout: 5 * 60_000 },
  () => {
    let cluster: TestCluster;
    before(async () => {
      cluster = await startCluster({ crds: false, operator: false });
    });
    after(async () => {
      await cluster?.stop();
    });

    test('missing CRDs say the operator is not installed, for lists, watches and applies', async () => {
      const backend = await openCluster({ kubeconfigPath: cluster.kubeconfig });
      try {
        const model = backend.watchWorkspaces(undefined);
        const e = await kindOf(model.ready());
        model.dispose();
        assert.equal(e.kind, 'crd-missing');
        assert.match(
          e.message,
          /has no workspaces\.batch\.forkspacer\.com resource: the Forkspacer operator \(its CRDs\) is not installed there/,
        );
        const e2 = await kindOf(backend.apply(workspaceDoc('dev')));
        assert.equal(e2.kind, 'crd-missing');
        const e3 = await kindOf(backend.dryRunApply(workspaceDoc('dev')));
        assert.equal(e3.kind, 'crd-missing');
        assert.deepEqual((await backend.namespaces()).includes('default'), true);
      } finally {
        backend.dispose();
      }
    });
  },
);
