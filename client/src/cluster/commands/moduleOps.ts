// Sleep / Resume (spec.hibernated), Delete (with a confirmation naming what the plugin's Uninstall may remove) and
// the way out of the operator's stuck deletion (remove the finalizer, with a warning) for a live Module.
import * as vscode from 'vscode';
import type { ModuleView } from '../../../../cluster/src/types';
import type { ClusterFeature } from '../clusterFeature';
import { deleteModuleConfirmation, removeFinalizerConfirmation } from '../model/clusterMessagesModel';
import { moduleKey } from '../model/clusterTreeModel';
import { clusterTask, reportRun } from './clusterTask';
import { liveModuleOf } from './targets';

export function clusterSleepModule(feature: ClusterFeature) {
  return (arg?: unknown) => hibernate(feature, arg, true);
}

export function clusterResumeModule(feature: ClusterFeature) {
  return (arg?: unknown) => hibernate(feature, arg, false);
}

async function hibernate(feature: ClusterFeature, arg: unknown, sleep: boolean): Promise<void> {
  const module = await liveModuleOf(feature, arg, sleep ? 'sleep' : 'resume');
  if (!module) return;
  const key = moduleKey(module);
  const op = sleep ? 'sleep' : 'resume';
  const result = await clusterTask(feature, `${sleep ? 'Putting to sleep' : 'Resuming'} Module ${key}`, (t) =>
    t.backend.run(op, module.raw, t.runOptions(key)),
  );
  if (result) reportRun(feature, `Module ${key}`, result);
}

export function clusterDeleteModule(feature: ClusterFeature) {
  return async (arg?: unknown): Promise<void> => {
    const module = await liveModuleOf(feature, arg, 'delete');
    if (!module) return;
    const key = moduleKey(module);
    const ask = deleteModuleConfirmation(module, feature.session.workspace(moduleKey(module.workspace)));
    const choice = await vscode.window.showWarningMessage(
      ask.message,
      { modal: true, detail: ask.detail },
      ask.confirm,
    );
    if (choice !== ask.confirm) return;
    // The backend's wait ends on the operator's stuck deletion too (a failed result naming it), not only on removal.
    const result = await clusterTask(feature, `Deleting Module ${key}`, (t) =>
      t.backend.run('uninstall', module.raw, t.runOptions(key)),
    );
    if (!result) return;
    const backend = feature.session.backend;
    const stuck = !result.ok && result.module && backend?.isStuckDeletion(result.module, result.events);
    if (stuck && stuck.stuck) {
      await offerFinalizerRemoval(feature, result.module!, stuck.reason);
      return;
    }
    reportRun(feature, `Module ${key}`, result);
  };
}

export function clusterRemoveFinalizer(feature: ClusterFeature) {
  return async (arg?: unknown): Promise<void> => {
    const module = await liveModuleOf(feature, arg, 'remove the finalizer of');
    if (!module) return;
    const reason = feature.session.snapshot().stuck.get(moduleKey(module));
    await offerFinalizerRemoval(feature, module, reason);
  };
}

async function offerFinalizerRemoval(
  feature: ClusterFeature,
  module: ModuleView,
  reason: string | undefined,
): Promise<void> {
  const key = moduleKey(module);
  const ask = removeFinalizerConfirmation(module, reason);
  feature.ctx.log.warn(`cluster: ${key}: ${reason ?? 'finalizer removal asked'}`);
  const choice = await vscode.window.showWarningMessage(ask.message, { modal: true, detail: ask.detail }, ask.confirm);
  if (choice !== ask.confirm) return;
  const done = await clusterTask(feature, `Removing the finalizer of Module ${key}`, async (t) => {
    await t.backend.removeFinalizer(module.namespace, module.name, t.signal);
    return true;
  });
  if (done) {
    feature.ctx.log.warn(`cluster: ${key}: finalizer removed; the plugin's Uninstall did not run`);
    void vscode.window.showInformationMessage(
      `Module ${key} is gone. Its plugin's Uninstall did not run: clean up what it created by hand.`,
    );
  }
}
