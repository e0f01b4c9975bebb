// Apply to Cluster: a server-side apply of the Module (or Workspace) document, after a dry run whose verdict (the
// API server's and the admission webhooks') is shown first. Immutable fields (operator: spec.source, spec.workspace,
// spec.config after creation) are caught by the dry run's diff before anything is sent, and Recreate is offered.
// A Module is then followed until its phase settles (ready, sleeped or failed).
import * as vscode from 'vscode';
import type { KubeObject } from '../../../../cluster/src/types';
import type { ClusterFeature } from '../clusterFeature';
import { dryRunText, immutableConfirmation } from '../model/clusterMessagesModel';
import { errorInfo } from '../clusterSession';
import { clusterTask, reportRun, showClusterError } from './clusterTask';
import { fileDocOf } from './targets';

export function clusterApply(feature: ClusterFeature) {
  return async (arg?: unknown): Promise<void> => {
    const file = await fileDocOf(arg);
    if (!file) {
      void vscode.window.showWarningMessage(
        'Apply to Cluster: open a Module or Workspace file (apiVersion: batch.forkspacer.com/v1).',
      );
      return;
    }
    // What is applied is what the editor shows; an unsaved edit is saved first so file and cluster agree.
    const open = vscode.workspace.textDocuments.find((d) => d.uri.fsPath === file.path);
    if (open?.isDirty) await open.save();
    const fresh = (await fileDocOf({ path: file.path, documentIndex: file.documentIndex })) ?? file;
    await applyDoc(feature, fresh.key, fresh.doc);
  };
}

export async function applyDoc(feature: ClusterFeature, key: string, doc: KubeObject): Promise<void> {
  const kind = String(doc.kind);
  const verdict = await clusterTask(feature, `Dry run of ${kind} ${key}`, (t) => t.backend.dryRunApply(doc, t.signal));
  if (!verdict) return;
  // Immutable fields: found by the dry run's comparison with the live object (an accepted dry run listing them), or
  // the backend's refusal of kind 'immutable' naming them. Either way nothing has been sent yet.
  const immutable = verdict.ok
    ? verdict.immutable
    : verdict.error?.kind === 'immutable'
      ? (verdict.error.fields ?? verdict.immutable)
      : [];
  if (immutable.length) {
    if (kind !== 'Module') {
      void vscode.window.showErrorMessage(`${key}: ${immutable.join(', ')} cannot change on the live ${kind}.`);
      return;
    }
    const ask = immutableConfirmation(key, immutable);
    const choice = await vscode.window.showWarningMessage(
      ask.message,
      { modal: true, detail: ask.detail },
      ask.confirm,
    );
    if (choice !== ask.confirm) return;
    await recreate(feature, key, doc);
    return;
  }
  const shown = dryRunText(`${kind} ${key}`, verdict);
  if (!shown.ok) {
    feature.ctx.log.warn(`cluster: ${shown.message} ${shown.detail}`);
    void vscode.window.showErrorMessage(shown.message, { modal: true, detail: shown.detail });
    return;
  }
  const choice = await vscode.window.showInformationMessage(
    shown.message,
    { modal: true, detail: shown.detail },
    'Apply',
  );
  if (choice !== 'Apply') return;
  if (kind !== 'Module') {
    const applied = await clusterTask(feature, `Applying ${kind} ${key}`, (t) => t.backend.apply(doc, t.signal));
    if (applied) vscode.window.setStatusBarMessage(`$(check) ${kind} ${key} applied`, 5000);
    return;
  }
  if (verdict.creates) {
    // A new Module: the operator installs it; follow the phase until ready or failed.
    const result = await clusterTask(feature, `Applying Module ${key}`, (t) =>
      t.backend.run('install', doc, t.runOptions(key)),
    );
    if (result) reportRun(feature, `Module ${key}`, result);
    return;
  }
  // An existing Module: only spec.hibernated may change (the rest is immutable, caught above); a change of it is
  // a Sleep or Resume, followed until it settles.
  const live = feature.session.module(key);
  const hibernated = (doc.spec as { hibernated?: unknown } | undefined)?.hibernated === true;
  const result = await clusterTask(feature, `Applying Module ${key}`, async (t) => {
    await t.backend.apply(doc, t.signal);
    if (!live || live.hibernated === hibernated) return 'applied' as const;
    return t.backend.run(hibernated ? 'sleep' : 'resume', doc, t.runOptions(key));
  });
  if (result === 'applied') vscode.window.setStatusBarMessage(`$(check) Module ${key} applied`, 5000);
  else if (result) reportRun(feature, `Module ${key}`, result);
}

async function recreate(feature: ClusterFeature, key: string, doc: KubeObject): Promise<void> {
  try {
    const result = await clusterTask(feature, `Recreating Module ${key}`, (t) =>
      t.backend.recreateModule(doc, t.runOptions(key)),
    );
    if (result) reportRun(feature, `Module ${key}`, result);
  } catch (error) {
    const info = errorInfo(error);
    void showClusterError(feature, info.message, info);
  }
}
