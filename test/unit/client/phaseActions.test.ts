import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  allowedActions,
  isAllowed,
  isBusy,
  moduleContextValue,
  toModulePhase,
  type ModulePhase,
} from '../../../client/src/commands/phaseActionsModel';

// Command enablement by phase (FORKSPACER.md, Lifecycle; the host's table in common/src/host/lifecycle.ts).
const EXPECTED: Record<ModulePhase, string[]> = {
  'not-installed': ['install'],
  installing: [],
  ready: ['sleep', 'uninstall'],
  sleeping: [],
  sleeped: ['resume', 'uninstall'],
  resuming: [],
  uninstalling: [],
  failed: ['install', 'uninstall'],
};

for (const [phase, actions] of Object.entries(EXPECTED) as [ModulePhase, string[]][]) {
  test(`phase ${phase} allows exactly ${actions.join(', ') || 'nothing'}`, () => {
    assert.deepEqual([...allowedActions(phase)].sort(), [...actions].sort());
  });
}

test('Sleep is offered only on a ready module, Resume only on a sleeping one', () => {
  for (const phase of Object.keys(EXPECTED) as ModulePhase[]) {
    assert.equal(isAllowed(phase, 'sleep'), phase === 'ready', phase);
    assert.equal(isAllowed(phase, 'resume'), phase === 'sleeped', phase);
  }
});

test('transient phases are busy', () => {
  assert.deepEqual((Object.keys(EXPECTED) as ModulePhase[]).filter(isBusy).sort(), [
    'installing',
    'resuming',
    'sleeping',
    'uninstalling',
  ]);
});

test('host phases map to UI phases; removed and unknown are "not installed"', () => {
  assert.equal(toModulePhase('ready'), 'ready');
  assert.equal(toModulePhase('removed'), 'not-installed');
  assert.equal(toModulePhase(undefined), 'not-installed');
  assert.equal(toModulePhase('bogus'), 'not-installed');
});

test('the tree context value carries the allowed actions for the manifest `when` clauses', () => {
  const sleepMenu = /\bcan-sleep\b/;
  assert.match(moduleContextValue('ready'), sleepMenu);
  assert.doesNotMatch(moduleContextValue('sleeped'), sleepMenu);
  assert.doesNotMatch(moduleContextValue('not-installed'), sleepMenu);
  assert.equal(moduleContextValue('installing'), 'forkspacerModule phase-installing');
});
