import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import {
  clusterDocPath,
  liveAsFile,
  parseClusterDocPath,
  storedText,
} from '../../../../client/src/cluster/model/clusterUriModel';
import { contextStatus } from '../../../../client/src/cluster/model/statusBarModel';
import { PhaseLog } from '../../../../client/src/cluster/model/phaseLogModel';
import { throttle } from '../../../../client/src/cluster/model/throttleModel';
import { ago } from '../../../../client/src/cluster/model/timeModel';
import { CLUSTER_COMMANDS, CLUSTER_VIEW, CLUSTER_WRITES } from '../../../../client/src/cluster/model/clusterIds';
import { moduleContextValue, workspaceContextValue } from '../../../../client/src/cluster/model/clusterActionsModel';
import { mod, moduleObject, ws } from './clusterFixtures';

const root = join(__dirname, '..', '..', '..', '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

test('document paths round-trip (names with odd characters too)', () => {
  const ref = {
    context: 'arn:aws:eks:eu/x',
    kind: 'Module' as const,
    namespace: 'team-a',
    name: 'web.v2',
    what: 'resource' as const,
  };
  assert.deepEqual(parseClusterDocPath(clusterDocPath(ref)), ref);
  assert.equal(parseClusterDocPath('/bogus'), undefined);
});

test('the live side of Diff is the object as a file writes it: no server metadata, status or operator annotations', () => {
  const raw = moduleObject('web');
  raw.metadata!.managedFields = [{ manager: 'forkspacer-vscode' }];
  raw.metadata!.annotations!['team'] = 'blue';
  const text = liveAsFile(raw);
  const doc = parse(text);
  assert.deepEqual(Object.keys(doc), ['apiVersion', 'kind', 'metadata', 'spec']);
  assert.deepEqual(doc.metadata, { name: 'web', namespace: 'default', annotations: { team: 'blue' } });
  assert.deepEqual(doc.spec.config, { replicas: 3 });
});

test('stored annotations open as read-only YAML', () => {
  assert.match(
    storedText(mod('web'), 'resource'),
    /^# default\/web: annotation forkspacer.com\/resource[^\n]*\nkind: Custom/,
  );
  assert.match(storedText(mod('web'), 'config'), /replicas: 3/);
  assert.match(storedText(mod('web', { installed: false }), 'resource'), /not written/);
});

test('the status-bar item names the context, says read-only and errors', () => {
  assert.equal(contextStatus({ state: 'none', readOnly: false }).text, '$(vm-outline) no cluster');
  const s = contextStatus({ context: 'kind-dev', server: 'https://127.0.0.1:6443', state: 'ready', readOnly: true });
  assert.equal(s.text, '$(vm-active) kind-dev (read-only)');
  assert.match(s.tooltip, /Restricted Mode/);
  assert.match(
    contextStatus({ context: 'c', state: 'error', readOnly: false, error: 'unreachable' }).tooltip,
    /unreachable/,
  );
});

test('phase lines for the output channel: changes only, with the message; events with their count', () => {
  const log = new PhaseLog('default/web');
  assert.equal(log.phase(''), 'default/web: pending');
  assert.equal(log.phase('installing'), 'default/web: pending → installing');
  assert.equal(log.phase('installing'), undefined);
  assert.equal(
    log.phase('ready', { message: 'Module installed successfully' }),
    'default/web: installing → ready (Module installed successfully)',
  );
  assert.equal(
    log.event({ type: 'Warning', reason: 'InstallError', message: 'boom', count: 3, uid: 'u' }),
    'default/web: Warning InstallError: boom (×3)',
  );
});

test('throttle: a steady stream still calls every interval; one change calls once', async () => {
  let calls = 0;
  const t = throttle(20, () => calls++);
  const until = Date.now() + 130;
  while (Date.now() < until) {
    t();
    await new Promise((r) => setTimeout(r, 2));
  }
  await new Promise((r) => setTimeout(r, 40));
  assert.ok(calls >= 3, `called ${calls} times during a 130 ms stream`);
  const before = calls;
  t();
  t();
  await new Promise((r) => setTimeout(r, 40));
  assert.equal(calls, before + 1);
  t.cancel();
});

test('ago', () => {
  const now = Date.parse('2026-12-02T02:00:00Z');
  assert.equal(ago('2026-12-02T01:59:50Z', now), '10 s ago');
  assert.equal(ago('2026-12-01T20:00:00Z', now), '6 h ago');
  assert.equal(ago('garbage', now), 'garbage');
});

test('package.json: the Cluster view, its commands, and menus that follow the context values', () => {
  const views = pkg.contributes.views.forkspacer.map((v: { id: string }) => v.id);
  assert.ok(views.includes(CLUSTER_VIEW));
  const declared = new Set(pkg.contributes.commands.map((c: { command: string }) => c.command));
  for (const id of Object.values(CLUSTER_COMMANDS)) assert.ok(declared.has(id), id);
  for (const key of [
    'cluster.kubeconfig',
    'cluster.context',
    'cluster.namespace',
    'cluster.checks',
    'cluster.timeoutSeconds',
  ])
    assert.ok(pkg.contributes.configuration.properties[`forkspacer.${key}`], key);
  assert.ok(pkg.capabilities.untrustedWorkspaces.restrictedConfigurations.includes('forkspacer.cluster.kubeconfig'));
  const inline = pkg.contributes.menus['view/item/context'].filter(
    (m: { group: string; when: string }) => m.group.startsWith('inline') && m.when.includes(`view == ${CLUSTER_VIEW}`),
  );
  const shown = (contextValue: string) =>
    inline
      .filter((m: { when: string }) => {
        const re = /viewItem =~ \/(.*)\/$/.exec(m.when);
        return re && new RegExp(re[1]!.replace(/\\\\/g, '\\')).test(contextValue);
      })
      .map((m: { command: string }) => m.command)
      .sort();
  assert.deepEqual(
    shown(moduleContextValue({ module: mod('m'), hasFile: false, stuck: false })),
    [CLUSTER_COMMANDS.clusterDeleteModule, CLUSTER_COMMANDS.clusterSleepModule].sort(),
  );
  assert.deepEqual(
    shown(moduleContextValue({ module: mod('m', { phase: 'installing' }), hasFile: false, stuck: false })),
    [],
  );
  assert.deepEqual(
    shown(workspaceContextValue(ws('w'))),
    [
      CLUSTER_COMMANDS.clusterDeleteWorkspace,
      CLUSTER_COMMANDS.clusterForkWorkspace,
      CLUSTER_COMMANDS.clusterHibernateWorkspace,
    ].sort(),
  );
  // Restricted Mode: every write action needs a trusted workspace; reads (Diff) do not.
  for (const m of inline) {
    const key = (Object.keys(CLUSTER_COMMANDS) as (keyof typeof CLUSTER_COMMANDS)[]).find(
      (k) => CLUSTER_COMMANDS[k] === m.command,
    )!;
    if (CLUSTER_WRITES[key]) assert.match(m.when, /^isWorkspaceTrusted && /, m.command);
  }
});
