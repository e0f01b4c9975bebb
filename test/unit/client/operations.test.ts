import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Operations, statusBarText } from '../../../client/src/operationsModel';

test('the status bar shows operations in flight and hides when none', () => {
  const ops = new Operations();
  assert.equal(statusBarText(ops.list()), undefined);
  const a = ops.start('Installing a');
  assert.equal(statusBarText(ops.list())?.text, '$(sync~spin) Installing a');
  const b = ops.start('Resuming b');
  assert.equal(statusBarText(ops.list())?.text, '$(sync~spin) Forkspacer: 2 operations');
  assert.match(statusBarText(ops.list())!.tooltip, /Installing a\nResuming b/);
  ops.end(a);
  ops.end(b);
  assert.equal(ops.size, 0);
  assert.equal(statusBarText(ops.list()), undefined);
});
