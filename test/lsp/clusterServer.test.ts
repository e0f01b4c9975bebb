// The built language server (dist/server.js, loading dist/cluster.js) against a real API server with the operator's
// CRDs (the cluster tests' harness, test/cluster/harness; no operator needed): a Module's source.configMap resource
// read from the cluster and its spec.config checked, a missing Workspace said, a resource's repo.configMap without
// its plugin warned about; untrusted, nothing of it. Skips without the control plane (bash scripts/build-controlplane.sh).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { stringify } from 'yaml';
import { LspClient } from './lspClient';
import { startCluster, type TestCluster } from '../cluster/harness/cluster';
import { workspaceDoc } from '../cluster/harness/fixtures';
import { skipUnlessControlPlane } from '../cluster/harness/paths';

const skip = skipUnlessControlPlane();

const RESOURCE = `kind: Custom
metadata:
  name: from-cm
  version: 1.0.0
  supportedOperatorVersion: ">= 0.0.0"
config:
  - type: integer
    name: Replicas
    alias: replicas
    spec: { default: 1, min: 1, max: 5, editable: true }
spec:
  repo:
    file: https://example.com/p.so
`;

const MODULE = (workspace: string, replicas: number) => `apiVersion: batch.forkspacer.com/v1
kind: Module
metadata:
  name: web
spec:
  workspace:
    name: ${workspace}
  source:
    configMap:
      name: resources
      namespace: default
  config:
    replicas: ${replicas}
`;

const PLUGIN_IN_CM = `kind: Custom
metadata:
  name: cm-plugin
  version: 1.0.0
  supportedOperatorVersion: ">= 0.0.0"
spec:
  repo:
    configMap:
      name: plugin-bin
      namespace: default
`;

describe('the language server against a real API server', { skip, timeout: 10 * 60_000 }, () => {
  let cluster: TestCluster;

  before(
    async () => {
      cluster = await startCluster({ operator: false });
      await cluster.applyYaml(stringify(workspaceDoc('dev')));
      const cm = (name: string, data: Record<string, string>) =>
        cluster.admin('POST', '/api/v1/namespaces/default/configmaps', {
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: { name },
          data,
        });
      assert.equal((await cm('resources', { 'module.yaml': RESOURCE })).status, 201);
      assert.equal((await cm('plugin-bin', { readme: 'no plugin here' })).status, 201);
    },
    { timeout: 10 * 60_000 },
  );

  after(async () => {
    await cluster?.stop();
  });

  test('trusted: the ConfigMap resource checks spec.config; a missing Workspace is an information', async () => {
    const client = await LspClient.start({ trusted: true, settings: { cluster: { kubeconfig: cluster.kubeconfig } } });
    try {
      const uri = 'file:///work/web.yaml';
      client.open(uri, MODULE('nope', 9));
      const diagnostics = await client.waitForDiagnostics(
        uri,
        (d) => d.some((x) => x.code === 'config-out-of-range') && d.some((x) => x.code === 'cluster-workspace-missing'),
        30_000,
      );
      assert.match(
        diagnostics.find((d) => d.code === 'cluster-workspace-missing')!.message,
        /Workspace default\/nope does not exist in cluster context "test"/,
      );
      assert.ok(!diagnostics.some((d) => d.code === 'module-source-configmap-unresolved'));
      // The Workspace that exists and a value in range: nothing left.
      const version = client.change(uri, MODULE('dev', 3));
      await client.waitForDiagnostics(
        uri,
        (d, p) => (p as { version?: number }).version === version && d.length === 0,
        30_000,
      );

      const custom = 'file:///work/resource.yaml';
      client.open(custom, PLUGIN_IN_CM);
      const warning = await client.waitForDiagnostics(
        custom,
        (d) => d.some((x) => x.code === 'cluster-repo-configmap'),
        30_000,
      );
      assert.match(
        warning.find((d) => d.code === 'cluster-repo-configmap')!.message,
        /ConfigMap default\/plugin-bin in context "test" has no key 'plugin'/,
      );
    } finally {
      await client.stop();
    }
  });

  test('untrusted: the cluster is not asked; the core information stays', async () => {
    const client = await LspClient.start({ trusted: false, settings: { cluster: { kubeconfig: cluster.kubeconfig } } });
    try {
      const uri = 'file:///work/web.yaml';
      client.open(uri, MODULE('nope', 9));
      const diagnostics = await client.waitForDiagnostics(uri, (d) => d.length > 0, 30_000);
      assert.ok(diagnostics.some((d) => d.code === 'module-source-configmap-unresolved'));
      assert.ok(!diagnostics.some((d) => d.code === 'cluster-workspace-missing' || d.code === 'config-out-of-range'));
    } finally {
      await client.stop();
    }
  });
});
