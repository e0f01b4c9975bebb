// URIs of the read-only documents the Cluster view opens: a live object (the left side of Diff) and the operator's
// stored annotations. `forkspacer-cluster:/<context>/<namespace>/<name>.<what>.yaml`. Pure.
import { stringify } from 'yaml';
import type { KubeObject, ModuleView } from '../../../../cluster/src/types';

export type ClusterDocKind = 'live' | 'resource' | 'config' | 'managerData';

export interface ClusterDocRef {
  context: string;
  kind: 'Module' | 'Workspace';
  namespace: string;
  name: string;
  what: ClusterDocKind;
}

export function clusterDocPath(ref: ClusterDocRef): string {
  const enc = encodeURIComponent;
  return `/${enc(ref.context)}/${ref.kind}/${enc(ref.namespace)}/${enc(ref.name)}.${ref.what}.yaml`;
}

export function parseClusterDocPath(path: string): ClusterDocRef | undefined {
  const m = /^\/([^/]+)\/(Module|Workspace)\/([^/]+)\/([^/]+)\.(live|resource|config|managerData)\.yaml$/.exec(path);
  if (!m) return undefined;
  const dec = decodeURIComponent;
  return {
    context: dec(m[1]!),
    kind: m[2] as 'Module' | 'Workspace',
    namespace: dec(m[3]!),
    name: dec(m[4]!),
    what: m[5] as ClusterDocKind,
  };
}

/** Metadata the API server and the operator add, which a file never has: left out of the Diff's live side. */
const SERVER_METADATA = [
  'uid',
  'resourceVersion',
  'generation',
  'creationTimestamp',
  'managedFields',
  'selfLink',
  'finalizers',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
];

/**
 * The live object as a file would write it: apiVersion, kind, metadata without what the server adds (and without
 * the operator's `forkspacer.com/*` and kubectl's annotations), spec. Status is the operator's, not the file's.
 */
export function liveAsFile(live: KubeObject): string {
  const metadata: Record<string, unknown> = { ...(live.metadata ?? {}) };
  for (const k of SERVER_METADATA) delete metadata[k];
  const annotations = Object.fromEntries(
    Object.entries(live.metadata?.annotations ?? {}).filter(
      ([k]) => !k.startsWith('forkspacer.com/') && k !== 'kubectl.kubernetes.io/last-applied-configuration',
    ),
  );
  if (Object.keys(annotations).length) metadata.annotations = annotations;
  else delete metadata.annotations;
  const doc: Record<string, unknown> = { apiVersion: live.apiVersion, kind: live.kind, metadata };
  if (live.spec !== undefined) doc.spec = live.spec;
  return stringify(doc, { lineWidth: 0 });
}

/** The text of a stored annotation: the resource YAML as the operator kept it, config and manager data as YAML. */
export function storedText(module: ModuleView, what: Exclude<ClusterDocKind, 'live'>): string {
  const header = (annotation: string) => `# ${module.namespace}/${module.name}: annotation ${annotation} (read-only)\n`;
  if (what === 'resource')
    return module.resourceAnnotation === undefined
      ? `${header('forkspacer.com/resource')}# not written: the operator failed before it stored the resource\n`
      : header('forkspacer.com/resource') + module.resourceAnnotation;
  if (what === 'config')
    return header('forkspacer.com/base-module-config') + stringify(module.baseModuleConfig ?? null, { lineWidth: 0 });
  return header('forkspacer.com/manager-data') + stringify(module.managerData ?? null, { lineWidth: 0 });
}
