// Switch Cluster Context (a pick of the kubeconfig's contexts, stored in forkspacer.cluster.context), the namespace
// filter, Refresh, and the read-only documents of the operator's stored annotations.
import * as vscode from 'vscode';
import { settingId } from '../../../../common/src/settings';
import type { ClusterFeature } from '../clusterFeature';
import { CLUSTER_SCHEME } from '../model/clusterIds';
import { clusterDocPath, type ClusterDocKind } from '../model/clusterUriModel';

export function clusterSwitchContext(feature: ClusterFeature) {
  return async (name?: unknown): Promise<void> => {
    let context = typeof name === 'string' ? name : undefined;
    if (!context) {
      const contexts = feature.session.contextList;
      if (!contexts.length) {
        const why = feature.session.snapshot().contextsError ?? 'no kubeconfig context found';
        const choice = await vscode.window.showWarningMessage(`Forkspacer: ${why}.`, 'Open Settings');
        if (choice) void vscode.commands.executeCommand('workbench.action.openSettings', 'forkspacer.cluster');
        return;
      }
      const pick = await vscode.window.showQuickPick(
        contexts.map((c) => ({
          label: c.name,
          description: `${c.server ?? c.cluster}${c.current ? ' · current' : ''}`,
          detail: `user ${c.user}${c.namespace ? `, namespace ${c.namespace}` : ''}`,
          picked: c.name === feature.session.selectedContext,
        })),
        { placeHolder: `Cluster context (now: ${feature.session.selectedContext ?? 'none'})` },
      );
      context = pick?.label;
    }
    if (!context) return;
    // A user setting: the kubeconfig is the user's, and a workspace's choice is ignored untrusted anyway.
    await vscode.workspace
      .getConfiguration()
      .update(settingId('cluster.context'), context, vscode.ConfigurationTarget.Global);
    // The configuration change reconnects (clusterFeature.ts); say it in case the value was already set.
    if (context === feature.session.selectedContext) void feature.reconnect();
  };
}

export function clusterSelectNamespace(feature: ClusterFeature) {
  return async (): Promise<void> => {
    const backend = feature.session.backend;
    let namespaces: string[] = [];
    if (backend) {
      try {
        namespaces = await backend.namespaces();
      } catch (error) {
        feature.ctx.log.warn(`cluster: listing namespaces: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    const shown = new Set(feature.session.snapshot().workspaces.map((w) => w.namespace));
    const all = [...new Set([...namespaces, ...shown])].sort();
    const pick = await vscode.window.showQuickPick(
      [
        { label: 'All namespaces', value: '' },
        ...all.map((n) => ({ label: n, value: n, description: shown.has(n) ? 'has Workspaces' : '' })),
      ],
      { placeHolder: 'Namespace the Cluster view shows' },
    );
    if (!pick) return;
    await vscode.workspace
      .getConfiguration()
      .update(settingId('cluster.namespace'), pick.value, vscode.ConfigurationTarget.Global);
  };
}

export function clusterRefresh(feature: ClusterFeature) {
  return (): Promise<void> => feature.reconnect();
}

export function clusterShowStored(feature: ClusterFeature) {
  return async (key?: unknown, what?: unknown): Promise<void> => {
    if (typeof key !== 'string') return;
    const kind: ClusterDocKind = what === 'config' || what === 'managerData' ? what : 'resource';
    const slash = key.indexOf('/');
    const uri = vscode.Uri.from({
      scheme: CLUSTER_SCHEME,
      path: clusterDocPath({
        context: feature.session.selectedContext ?? 'cluster',
        kind: 'Module',
        namespace: key.slice(0, slash),
        name: key.slice(slash + 1),
        what: kind,
      }),
    });
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.languages.setTextDocumentLanguage(doc, 'yaml');
    await vscode.window.showTextDocument(doc, { preview: true });
  };
}
