// The language server's cluster checks (server/src/services/clusterLookups.ts) in-process, over a ClusterReader
// that serves ConfigMaps and Workspaces from memory and counts its calls: the background lookup (nothing shown
// while pending, re-validation when it arrives), the checks themselves, trust and the setting, an unreachable
// cluster. test/cluster/ (the cluster helper's) runs the backend itself against the real API server.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { normaliseSettings } from '../../common/src/settings';
import { createServices } from '../../server/src/services/createServices';
import { ClusterLookups, type ClusterReader } from '../../server/src/services/clusterLookups';

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

const cmModule = (config: string, workspace = 'dev') => `apiVersion: batch.forkspacer.com/v1
kind: Module
metadata:
  name: web
spec:
  workspace:
    name: ${workspace}
  source:
    configMap:
      name: resources
      namespace: shared
  config:
${config}`;

class MemoryCluster {
  configMaps = new Map<string, Record<string, string>>([['shared/resources', { 'module.yaml': RESOURCE }]]);
  workspaces = new Set(['default/dev']);
  calls: string[] = [];
  opened = 0;
  reachable = true;

  reader = async (): Promise<ClusterReader> => {
    this.opened++;
    if (!this.reachable)
      throw Object.assign(new Error('Cannot reach the API server https://127.0.0.1:1'), { kind: 'unreachable' });
    return {
      context: 'test-ctx',
      getConfigMap: async (ns, name) => {
        this.calls.push(`cm ${ns}/${name}`);
        return this.configMaps.get(`${ns}/${name}`);
      },
      workspaceExists: async (ns, name) => {
        this.calls.push(`ws ${ns}/${name}`);
        return this.workspaces.has(`${ns}/${name}`);
      },
      dispose: () => undefined,
    };
  };
}

function setup(options: { trusted?: boolean; checks?: boolean; cluster?: MemoryCluster } = {}) {
  const memory = options.cluster ?? new MemoryCluster();
  let resolvedCount = 0;
  let wake: (() => void) | undefined;
  const lookups = new ClusterLookups({
    open: memory.reader,
    onResolved: () => {
      resolvedCount++;
      wake?.();
    },
  });
  const services = createServices({
    settings: normaliseSettings({}),
    trusted: false,
    mode: 'background',
    cluster: lookups,
  });
  services.configure(
    normaliseSettings({ cluster: { checks: options.checks ?? true, context: 'test-ctx' } }),
    options.trusted ?? true,
  );
  /** Validates until no lookup is pending (each arrival re-validates, like the server does). */
  const settle = async (text: string) => {
    let result = await services.validation.validateFile('file:///m.yaml', text);
    for (let i = 0; i < 10; i++) {
      const before = resolvedCount;
      await new Promise<void>((resolve) => {
        wake = resolve;
        setTimeout(resolve, 50);
      });
      result = await services.validation.validateFile('file:///m.yaml', text);
      if (resolvedCount === before) break;
    }
    return result!.diagnostics;
  };
  return { memory, services, settle };
}

describe('cluster checks', () => {
  it('a source.configMap resource is read from the cluster and spec.config checked against it', async () => {
    const { memory, services, settle } = setup();
    const text = cmModule('    replicas: 9\n');
    // First run: the lookup is pending, nothing is shown for it (no "not checked here" either).
    const first = await services.validation.validateFile('file:///m.yaml', text);
    assert.ok(!first!.diagnostics.some((d) => d.code === 'config-out-of-range'));
    const diagnostics = await settle(text);
    const range = diagnostics.find((d) => d.code === 'config-out-of-range');
    assert.ok(range, JSON.stringify(diagnostics));
    assert.match(range.message, /replicas/);
    assert.ok(!diagnostics.some((d) => d.code === 'module-source-configmap-unresolved'));
    assert.ok(memory.calls.includes('cm shared/resources'));
    // A valid value: no error; the answer is cached (no second request within the TTL).
    const calls = memory.calls.length;
    assert.ok(!(await settle(cmModule('    replicas: 3\n'))).some((d) => d.severity === 1));
    assert.equal(
      memory.calls.filter((c) => c.startsWith('cm')).length,
      memory.calls.slice(0, calls).filter((c) => c.startsWith('cm')).length,
    );
  });

  it('a missing ConfigMap or key is a warning naming the context', async () => {
    const cluster = new MemoryCluster();
    cluster.configMaps.clear();
    const { settle } = setup({ cluster });
    const missing = (await settle(cmModule('    replicas: 3\n'))).find((d) => d.code === 'module-source-fetch-failed');
    assert.ok(missing);
    assert.equal(missing.severity, 2);
    assert.match(missing.message, /ConfigMap shared\/resources is not in cluster context "test-ctx"/);
    cluster.configMaps.set('shared/resources', { other: 'x' });
    const { settle: settle2 } = setup({ cluster });
    assert.match(
      (await settle2(cmModule('    replicas: 3\n'))).find((d) => d.code === 'module-source-fetch-failed')!.message,
      /no key 'module.yaml'/,
    );
  });

  it("an information when the Module's Workspace is not in the selected context", async () => {
    const { settle } = setup();
    assert.ok(
      !(await settle(cmModule('    replicas: 3\n', 'dev'))).some((d) => d.code === 'cluster-workspace-missing'),
    );
    const info = (await settle(cmModule('    replicas: 3\n', 'nope'))).find(
      (d) => d.code === 'cluster-workspace-missing',
    );
    assert.ok(info);
    assert.equal(info.severity, 3);
    assert.match(info.message, /Workspace default\/nope does not exist in cluster context "test-ctx"/);
    assert.equal(info.range.start.line, 6); // on spec.workspace.name's value
  });

  it("a resource's repo.configMap without the plugin is a warning", async () => {
    const cluster = new MemoryCluster();
    cluster.configMaps.set('default/plugins', { 'not-plugin': 'x' });
    const { settle } = setup({ cluster });
    const custom = RESOURCE.replace(
      '    file: https://example.com/p.so',
      '    configMap:\n      name: plugins\n      namespace: default',
    );
    const warning = (await settle(custom)).find((d) => d.code === 'cluster-repo-configmap');
    assert.ok(warning);
    assert.match(warning.message, /has no key 'plugin'/);
    cluster.configMaps.set('default/plugins', { plugin: 'ELF' });
    const { settle: again } = setup({ cluster });
    assert.ok(!(await again(custom)).some((d) => d.code === 'cluster-repo-configmap'));
  });

  it('untrusted or turned off: the cluster is never contacted and the core information stays', async () => {
    for (const options of [{ trusted: false }, { checks: false }]) {
      const { memory, settle } = setup(options);
      const diagnostics = await settle(cmModule('    replicas: 9\n', 'nope'));
      assert.equal(memory.opened, 0, JSON.stringify(options));
      assert.ok(diagnostics.some((d) => d.code === 'module-source-configmap-unresolved'));
      assert.ok(!diagnostics.some((d) => d.code === 'cluster-workspace-missing'));
    }
  });

  it('an unreachable cluster shows nothing new (the core information stays) and never throws', async () => {
    const cluster = new MemoryCluster();
    cluster.reachable = false;
    const { settle } = setup({ cluster });
    const diagnostics = await settle(cmModule('    replicas: 9\n', 'nope'));
    assert.ok(cluster.opened >= 1);
    assert.ok(diagnostics.some((d) => d.code === 'module-source-configmap-unresolved'));
    assert.ok(!diagnostics.some((d) => d.code === 'cluster-workspace-missing' || d.code === 'config-out-of-range'));
  });
});
