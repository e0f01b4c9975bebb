import { test } from 'node:test';
import assert from 'node:assert/strict';
import { admit, phaseAfter, OPERATIONS, type Operation, type StartPhase } from '../../../common/src/host/lifecycle';

// Every (phase, request) pair: whether it starts, and where success and failure end.
// '-' means refused. Failure 'previous' cases show the last good phase being kept.
const TABLE: [StartPhase, Operation, string, string][] = [
  ['new', 'install', 'ready', 'failed'],
  ['new', 'sleep', '-', '-'],
  ['new', 'resume', '-', '-'],
  ['new', 'uninstall', '-', '-'],
  ['ready', 'install', '-', '-'],
  ['ready', 'sleep', 'sleeped', 'ready'],
  ['ready', 'resume', '-', '-'],
  ['ready', 'uninstall', 'removed', 'ready'],
  ['sleeped', 'install', '-', '-'],
  ['sleeped', 'sleep', '-', '-'],
  ['sleeped', 'resume', 'ready', 'sleeped'],
  ['sleeped', 'uninstall', 'removed', 'sleeped'],
  ['failed', 'install', 'ready', 'failed'],
  ['failed', 'sleep', '-', '-'],
  ['failed', 'resume', '-', '-'],
  ['failed', 'uninstall', 'removed', 'failed'],
  ['removed', 'install', 'ready', 'failed'],
  ['removed', 'sleep', '-', '-'],
  ['removed', 'uninstall', '-', '-'],
  ['installing', 'install', '-', '-'],
  ['installing', 'sleep', '-', '-'],
  ['sleeping', 'resume', '-', '-'],
  ['resuming', 'sleep', '-', '-'],
  ['uninstalling', 'uninstall', '-', '-'],
];

for (const [phase, operation, success, failure] of TABLE) {
  test(`${phase} + ${operation} → ${success === '-' ? 'refused' : `${success} / ${failure}`}`, () => {
    const verdict = admit(phase, operation);
    if (success === '-') {
      assert.equal(verdict.ok, false);
      if (!verdict.ok) assert.match(verdict.reason, new RegExp(`^cannot ${operation}: `));
      return;
    }
    assert.equal(verdict.ok, true);
    assert.equal(phaseAfter(operation, 'success', phase), success);
    assert.equal(phaseAfter(operation, 'failure', phase), failure);
  });
}

test('refusals say what to do', () => {
  const r = (p: StartPhase, o: Operation) => {
    const v = admit(p, o);
    return v.ok ? '' : v.reason;
  };
  assert.equal(r('ready', 'install'), 'cannot install: the module is already installed (ready); uninstall it first');
  assert.equal(r('new', 'sleep'), 'cannot sleep: the module is not installed; install it first');
  assert.equal(r('sleeping', 'resume'), 'cannot resume: the module is sleeping; wait for it to finish');
  assert.equal(r('failed', 'sleep'), 'cannot sleep: the module is failed (allowed: install, uninstall)');
});

test('during phases are the operator phases', () => {
  const during = OPERATIONS.map(
    (op) =>
      (
        admit(op === 'install' ? 'new' : op === 'resume' ? 'sleeped' : 'ready', op) as {
          ok: true;
          transition: { during: string };
        }
      ).transition.during,
  );
  assert.deepEqual(during, ['installing', 'sleeping', 'resuming', 'uninstalling']);
});
