// Embedded host ≡ operator (issue 9): the same plugin (the recorder) and the same Module, once through the
// embedded host (host/src) and once through the real operator v0.1.7. Compared: the sequence of phases, the config
// values and their Go types given to NewManager, the metaData carried between calls, and failure messages (the
// host may say more, but must contain the operator's). Differences found are listed in the README ("Cluster mode").
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { stringify } from 'yaml';
import { openCluster, type ClusterBackend, type ClusterEvent } from '../../cluster/src/index';
import { createHost, type Host, type HostEvent } from '../../host/src/index';
import { startCluster, type TestCluster } from './harness/cluster';
import { moduleDoc, waitFor, workspaceDoc } from './harness/fixtures';
import { ROOT, skipUnlessControlPlane } from './harness/paths';
import { buildPlugin, servePlugin } from './harness/plugins';

// The host's Go builds reach the operator's module through ../shared/goproxy where it exists (as run-tests.mjs does).
Object.assign(
  process.env,
  (
    createRequire(__filename)(join(ROOT, 'scripts', 'goproxy.cjs')) as {
      withLocalGoProxy: (env: NodeJS.ProcessEnv) => NodeJS.ProcessEnv;
    }
  ).withLocalGoProxy(process.env),
);

const OPS = ['install', 'sleep', 'resume', 'uninstall'] as const;

interface Recorded {
  op: string;
  config: Record<string, { value: unknown; type: string }>;
  metaData: Record<string, unknown>;
}

/** The recorder's ConfigMap, with the module's own id replaced by ID (the two runs use different ids). */
function recorded(data: Record<string, string> | undefined, id: string): Recorded[] {
  assert.ok(data, `no recording for ${id}`);
  return Object.keys(data)
    .sort()
    .map((k) => {
      const r = JSON.parse(data[k].replaceAll(id, 'ID')) as Recorded;
      // Deliberate difference: the host keeps the downloaded plugin in its cache, the operator in
      // /internal-data/custom-plugins; both name it by its sha256 and store the path under pluginFilePath.
      if (typeof r.metaData.pluginFilePath === 'string')
        r.metaData.pluginFilePath = `<plugins>/${basename(r.metaData.pluginFilePath)}`;
      return r;
    });
}

describe('embedded host ≡ operator', { skip: skipUnlessControlPlane(), timeout: 40 * 60_000 }, () => {
  let cluster: TestCluster;
  let backend: ClusterBackend;
  let host: Host;
  let plugin: string;
  const hostEvents: HostEvent[] = [];
  let work: string;

  before(async () => {
    const so = buildPlugin('recorder');
    cluster = await startCluster();
    plugin = servePlugin(cluster, await so, 'recorder.so');
    backend = await openCluster({ kubeconfigPath: cluster.kubeconfig });
    await backend.apply(workspaceDoc('dev'));
    await waitFor(
      'workspace ready',
      30_000,
      async () => (await backend.getWorkspace('default', 'dev'))?.phase === 'ready',
    );
    work = mkdtempSync(join(cluster.dir, 'host-'));
    // The host's plugin gets a rest.Config from the admin kubeconfig, so the recorder writes to the same cluster.
    host = createHost({
      stateDir: join(work, 'state'),
      cacheDir: join(ROOT, 'test', '.work', 'cluster', 'host-cache'),
      kubeconfig: cluster.kubeconfig,
      buildTimeoutMs: 25 * 60_000,
      trusted: true,
    });
    host.onEvent((e) => hostEvents.push(e));
  });
  after(async () => {
    backend?.dispose();
    await cluster?.stop();
  });

  function hostFile(name: string, config: Record<string, unknown>): string {
    const file = join(work, `${name}.yaml`);
    writeFileSync(file, stringify(moduleDoc(name, plugin, config)));
    return file;
  }

  test('the same lifecycle: phases, config values and Go types, metaData between calls', async () => {
    // replicas is left to its default (2): the operator gives a defaulted integer as int, a given number as float64.
    const config = { ratio: 2, debug: true, tags: ['b', 'c'] };
    // Operator.
    const opPhases: string[] = [];
    const doc = moduleDoc('eq-op', plugin, { id: 'eq-op', ...config });
    for (const op of OPS) {
      const r = await backend.run(op, doc, { timeoutS: 180, onPhase: (p) => opPhases.push(p) });
      assert.equal(r.ok, true, `${op}: ${r.message} ${r.refused ?? ''}`);
    }
    // Host.
    const file = hostFile('eq-host', { id: 'eq-host', ...config });
    const install = await host.install(file, 0);
    assert.equal(install.ok, true, install.error);
    for (const op of ['sleep', 'resume', 'uninstall'] as const) {
      const r = await host[op]('default/eq-host');
      assert.equal(r.ok, true, `${op}: ${r.error}`);
    }
    const hostPhases = hostEvents
      .filter((e): e is Extract<HostEvent, { type: 'phase' }> => e.type === 'phase' && e.id === 'default/eq-host')
      .map((e) => e.phase);

    // Phases: the operator's watch shows the same sequence the host reports (removed = the Module is gone).
    const settledAndTransient = [
      'installing',
      'ready',
      'sleeping',
      'sleeped',
      'resuming',
      'ready',
      'uninstalling',
      'removed',
    ];
    assert.deepEqual(hostPhases, settledAndTransient);
    assert.deepEqual(
      opPhases.filter((p) => p !== ''),
      settledAndTransient,
    );

    // What the plugin saw, call by call.
    const op = recorded(await backend.getConfigMap('default', 'rec-eq-op'), 'eq-op');
    const hs = recorded(await backend.getConfigMap('default', 'rec-eq-host'), 'eq-host');
    assert.deepEqual(
      op.map((r) => r.op),
      [...OPS],
    );
    assert.deepEqual(hs, op);
    // The Go types the operator gives NewManager (README): a defaulted integer → int, a given number → float64, …
    assert.deepEqual(Object.fromEntries(Object.entries(op[0].config).map(([k, v]) => [k, v.type])), {
      id: 'string',
      fail: 'string',
      replicas: 'int',
      ratio: 'float64',
      debug: 'bool',
      tags: '[]interface {}',
    });
    assert.match(String(op[0].metaData.pluginFilePath), /^<plugins>\/[0-9a-f]{64}\.so$/);
    // metaData carried between calls: what Install wrote, Sleep read, and so on.
    assert.deepEqual(
      op.map((r) => r.metaData.calls ?? 0),
      [0, 1, 2, 3],
    );
  });

  test('failure messages: the host says at least what the operator says', async () => {
    const cases: { name: string; config: Record<string, unknown> }[] = [
      { name: 'eqf-install', config: { fail: 'install' } },
      { name: 'eqf-unknown', config: { bogus: true } },
      { name: 'eqf-type', config: { replicas: 'many' } },
    ];
    for (const c of cases) {
      const opName = `${c.name}-op`;
      const hostName = `${c.name}-host`;
      const r = await backend.run('install', moduleDoc(opName, plugin, { id: opName, ...c.config }), { timeoutS: 180 });
      assert.equal(r.phase, 'failed', c.name);
      const events: ClusterEvent[] = await backend.moduleEvents('default', opName);
      const event = events.find((e) => e.reason === 'InstallError');
      assert.ok(event, `${c.name}: no InstallError event: ${JSON.stringify(events)}`);
      // The operator's event: "Module installation failed: failed to install module: <reason>"; compare the reason.
      const reason = event.message
        .replace(/^Module installation failed: (failed to install module: )?/, '')
        .replaceAll(opName, 'ID');
      const h = await host.install(hostFile(hostName, { id: hostName, ...c.config }), 0);
      assert.equal(h.ok, false, c.name);
      assert.ok(
        (h.error ?? '').replaceAll(hostName, 'ID').includes(reason),
        `${c.name}: host error\n  ${h.error}\ndoes not contain the operator's\n  ${reason}`,
      );
      await backend.removeFinalizer('default', opName).catch(() => undefined);
      await backend.deleteModule('default', opName).catch(() => undefined);
    }
  });
});
