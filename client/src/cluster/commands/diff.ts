// Diff File with Cluster: vscode.diff between the live object (read-only, as a file would write it) and the file.
// Immutable fields that differ are named, since applying them would be refused.
import * as vscode from 'vscode';
import type { ClusterFeature } from '../clusterFeature';
import { clusterDocPath } from '../model/clusterUriModel';
import { CLUSTER_SCHEME } from '../model/clusterIds';
import { moduleKey, type ClusterNode } from '../model/clusterTreeModel';
import { clusterTask } from './clusterTask';
import { fileDocFor, fileDocOf, type FileDoc } from './targets';

export function clusterDiff(feature: ClusterFeature) {
  return async (arg?: unknown): Promise<void> => {
    const node = arg as ClusterNode | undefined;
    let file: FileDoc | undefined;
    if (node && typeof node === 'object' && node.type === 'module')
      file = await fileDocFor(feature, moduleKey(node.module));
    else file = await fileDocOf(arg);
    if (!file) {
      void vscode.window.showWarningMessage('Diff File with Cluster: no Module file for this (open the Module file).');
      return;
    }
    const doc = file.doc;
    const key = file.key;
    const diff = await clusterTask(feature, `Comparing ${key} with the cluster`, (t) => t.backend.diff(doc, t.signal));
    if (!diff) return;
    const context = feature.session.selectedContext ?? 'cluster';
    if (!diff.exists) {
      void vscode.window.showInformationMessage(`${doc.kind} ${key} is not in context "${context}": Apply creates it.`);
      return;
    }
    const kind = doc.kind === 'Workspace' ? 'Workspace' : 'Module';
    const [namespace, name] = [key.slice(0, key.indexOf('/')), key.slice(key.indexOf('/') + 1)];
    const left = vscode.Uri.from({
      scheme: CLUSTER_SCHEME,
      path: clusterDocPath({ context, kind, namespace, name, what: 'live' }),
      query: `t=${Date.now()}`,
    });
    feature.documents.remember(left, diff.live);
    await vscode.commands.executeCommand('vscode.diff', left, file.uri, `${name}: cluster (${context}) ↔ file`);
    if (diff.immutable.length)
      void vscode.window.showWarningMessage(
        `${key}: ${diff.immutable.join(', ')} differ${diff.immutable.length === 1 ? 's' : ''} from the cluster and cannot change on a live Module: Apply offers to recreate it.`,
      );
    else if (!diff.changes.length) void vscode.window.showInformationMessage(`${key}: the file and the cluster agree.`);
  };
}
