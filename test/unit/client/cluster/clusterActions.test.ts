import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  moduleActions,
  moduleContextValue,
  workspaceActions,
  workspacePhaseLabel,
} from '../../../../client/src/cluster/model/clusterActionsModel';
import { mod, ws } from './clusterFixtures';

test("Module actions follow the operator's phases", () => {
  const a = (over: Parameters<typeof mod>[1], hasFile = false, stuck = false) =>
    moduleActions({ module: mod('m', over), hasFile, stuck });
  assert.deepEqual(a({ phase: 'ready' }), ['sleep', 'delete']);
  assert.deepEqual(a({ phase: 'ready' }, true), ['sleep', 'delete', 'diff']);
  assert.deepEqual(a({ phase: 'sleeped', hibernated: true }), ['resume', 'delete']);
  // a failed Module is terminal in the operator: only delete
  assert.deepEqual(a({ phase: 'failed' }), ['delete']);
  for (const phase of ['installing', 'sleeping', 'resuming', 'uninstalling']) assert.deepEqual(a({ phase }), []);
  assert.deepEqual(a({ phase: 'uninstalling', deleting: true }, false, true), ['removeFinalizer']);
  assert.deepEqual(a({ phase: 'uninstalling', deleting: true }), []);
});

test('Workspace actions: hibernate or resume, fork, delete; nothing while deleting', () => {
  assert.deepEqual(workspaceActions(ws('w')), ['hibernate', 'fork', 'delete']);
  assert.deepEqual(workspaceActions(ws('w', { spec: { hibernated: true }, status: { phase: 'hibernated' } })), [
    'resume',
    'fork',
    'delete',
  ]);
  assert.deepEqual(workspaceActions(ws('w', { deleting: true })), []);
  assert.equal(workspacePhaseLabel(ws('w', { status: { phase: 'hibernated' } })), 'hibernated, resuming');
});

test('context values carry the actions for the menus', () => {
  assert.equal(
    moduleContextValue({ module: mod('m', { phase: 'ready' }), hasFile: true, stuck: false }),
    'clusterModule phase-ready can-sleep can-delete can-diff',
  );
});
