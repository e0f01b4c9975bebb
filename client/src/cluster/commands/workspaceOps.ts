// Hibernate / Resume a Workspace (spec.hibernated; on Resume the Modules the operator forgets are resumed too, and
// the user is told which), Fork (a new Workspace with spec.from) and Delete.
import * as vscode from 'vscode';
import type { ClusterFeature } from '../clusterFeature';
import {
  deleteWorkspaceConfirmation,
  forkDescription,
  hibernateResultText,
  resumeWorkspacePlan,
} from '../model/clusterMessagesModel';
import { moduleKey } from '../model/clusterTreeModel';
import { clusterTask } from './clusterTask';
import { liveWorkspaceOf } from './targets';

export function clusterHibernateWorkspace(feature: ClusterFeature) {
  return (arg?: unknown) => setHibernated(feature, arg, true);
}

export function clusterResumeWorkspace(feature: ClusterFeature) {
  return (arg?: unknown) => setHibernated(feature, arg, false);
}

async function setHibernated(feature: ClusterFeature, arg: unknown, hibernated: boolean): Promise<void> {
  const workspace = await liveWorkspaceOf(feature, arg, hibernated ? 'hibernate' : 'resume');
  if (!workspace) return;
  const key = moduleKey(workspace);
  if (!hibernated)
    feature.ctx.log.info(`cluster: ${resumeWorkspacePlan(workspace, feature.session.modulesOf(workspace))}`);
  const result = await clusterTask(feature, `${hibernated ? 'Hibernating' : 'Resuming'} Workspace ${key}`, (t) =>
    t.backend.setWorkspaceHibernated(workspace.namespace, workspace.name, hibernated, t.signal),
  );
  if (!result) return;
  feature.ctx.log.info(`cluster: ${result.summary}`);
  void vscode.window.showInformationMessage(hibernateResultText(result, hibernated));
}

const DNS_1123 = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

export function clusterForkWorkspace(feature: ClusterFeature) {
  return async (arg?: unknown): Promise<void> => {
    const from = await liveWorkspaceOf(feature, arg, 'fork');
    if (!from) return;
    const taken = new Set(
      feature.session
        .snapshot()
        .workspaces.filter((w) => w.namespace === from.namespace)
        .map((w) => w.name),
    );
    const name = await vscode.window.showInputBox({
      title: `Fork Workspace ${moduleKey(from)}`,
      prompt: `Name of the new Workspace in namespace ${from.namespace} (spec.from: ${from.name})`,
      value: `${from.name}-fork`,
      validateInput: (v) =>
        !v || v.length > 253 || !DNS_1123.test(v)
          ? 'A Kubernetes name: lower-case letters, digits, "-" and ".", starting and ending with a letter or digit'
          : taken.has(v)
            ? `Workspace ${from.namespace}/${v} exists already`
            : undefined,
    });
    if (!name) return;
    const migrate = await vscode.window.showQuickPick(
      [
        { label: 'Fork without data', migrateData: false },
        { label: 'Fork and migrate data', description: 'spec.from.migrateData: true', migrateData: true },
      ],
      {
        title: `Fork ${from.name} into ${name}`,
        placeHolder: forkDescription(from, feature.session.modulesOf(from), name),
      },
    );
    if (!migrate) return;
    const created = await clusterTask(feature, `Forking Workspace ${moduleKey(from)} into ${name}`, (t) =>
      t.backend.forkWorkspace(from.namespace, { namespace: from.namespace, name: from.name }, name, {
        migrateData: migrate.migrateData,
        signal: t.signal,
      }),
    );
    if (created)
      void vscode.window.showInformationMessage(`Workspace ${moduleKey(created)} created from ${from.name}.`);
  };
}

export function clusterDeleteWorkspace(feature: ClusterFeature) {
  return async (arg?: unknown): Promise<void> => {
    const workspace = await liveWorkspaceOf(feature, arg, 'delete');
    if (!workspace) return;
    const ask = deleteWorkspaceConfirmation(workspace, feature.session.modulesOf(workspace));
    const choice = await vscode.window.showWarningMessage(
      ask.message,
      { modal: true, detail: ask.detail },
      ask.confirm,
    );
    if (choice !== ask.confirm) return;
    const done = await clusterTask(feature, `Deleting Workspace ${moduleKey(workspace)}`, async (t) => {
      await t.backend.deleteWorkspace(workspace.namespace, workspace.name, t.signal);
      return true;
    });
    if (done) vscode.window.setStatusBarMessage(`$(check) Workspace ${moduleKey(workspace)} deleted`, 5000);
  };
}
