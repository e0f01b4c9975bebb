// The read-only documents of the Cluster view (scheme forkspacer-cluster): the live object of a Diff (kept as it
// was fetched for that Diff) and the operator's stored annotations (read from the live model when opened).
import type * as vscode from 'vscode';
import type { KubeObject } from '../../../cluster/src/types';
import type { ClusterSession } from './clusterSession';
import { liveAsFile, parseClusterDocPath, storedText } from './model/clusterUriModel';

export class ClusterDocuments implements vscode.TextDocumentContentProvider {
  private readonly live = new Map<string, KubeObject>();

  constructor(private readonly session: ClusterSession) {}

  remember(uri: vscode.Uri, object: KubeObject | undefined): void {
    if (!object) return;
    this.live.set(uri.toString(), object);
    // A few recent diffs are enough; the rest are fetched again on the next Diff.
    if (this.live.size > 20) this.live.delete(this.live.keys().next().value as string);
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    const ref = parseClusterDocPath(uri.path);
    if (!ref) return `# not a Forkspacer cluster document: ${uri.toString()}\n`;
    if (ref.what === 'live') {
      const object = this.live.get(uri.toString());
      return object ? liveAsFile(object) : `# ${ref.namespace}/${ref.name}: run Diff File with Cluster again\n`;
    }
    const module = this.session.module(`${ref.namespace}/${ref.name}`);
    if (!module) return `# Module ${ref.namespace}/${ref.name} is not in the cluster (any more)\n`;
    return storedText(module, ref.what);
  }
}
