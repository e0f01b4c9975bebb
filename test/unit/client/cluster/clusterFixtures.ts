// Live objects shaped as the real operator v0.1.7 writes them (CLUSTER.md: "What the real operator did"), turned
// into views by the backend's own converters (cluster/src/views.ts).
import { toModuleView, toWorkspaceView } from '../../../../cluster/src/views';
import type { KubeObject, ModuleView, WorkspaceView } from '../../../../cluster/src/types';
import type { ClusterSnapshot } from '../../../../client/src/cluster/model/clusterTreeModel';

export const RESOURCE_YAML = `kind: Custom
metadata:
  name: cm-writer
  version: 1.0.0
  supportedOperatorVersion: ">= 0.0.0"
config:
  - type: integer
    name: Replicas
    alias: replicas
    spec: { default: 1, editable: true }
spec:
  repo:
    file: http://127.0.0.1:8123/cm-writer.so
`;

export function workspaceObject(
  name: string,
  over: {
    namespace?: string;
    spec?: Record<string, unknown>;
    status?: Record<string, unknown>;
    deleting?: boolean;
  } = {},
): KubeObject {
  return {
    apiVersion: 'batch.forkspacer.com/v1',
    kind: 'Workspace',
    metadata: {
      name,
      namespace: over.namespace ?? 'default',
      uid: `uid-ws-${name}`,
      resourceVersion: '10',
      finalizers: ['delete'],
      ...(over.deleting ? { deletionTimestamp: '2026-12-02T02:00:00Z' } : {}),
    },
    spec: { type: 'kubernetes', connection: { type: 'in-cluster' }, hibernated: false, ...(over.spec ?? {}) },
    status: { phase: 'ready', ready: true, lastActivity: '2026-12-02T01:59:00Z', ...(over.status ?? {}) },
  };
}

export function moduleObject(
  name: string,
  over: {
    namespace?: string;
    workspace?: string;
    phase?: string;
    message?: string;
    hibernated?: boolean;
    installed?: boolean;
    deleting?: boolean;
    resourceVersion?: string;
  } = {},
): KubeObject {
  const installed = over.installed ?? true;
  return {
    apiVersion: 'batch.forkspacer.com/v1',
    kind: 'Module',
    metadata: {
      name,
      namespace: over.namespace ?? 'default',
      uid: `uid-mod-${name}`,
      resourceVersion: over.resourceVersion ?? '20',
      finalizers: ['delete'],
      ...(over.deleting ? { deletionTimestamp: '2026-12-02T02:00:00Z' } : {}),
      annotations: installed
        ? {
            'forkspacer.com/resource': RESOURCE_YAML,
            'forkspacer.com/base-module-config': '{"replicas":3}',
            'forkspacer.com/manager-data':
              '{"pluginFilePath":"/internal-data/custom-plugins/ab12.so","configMapName":"demo-out"}',
          }
        : {},
    },
    spec: {
      workspace: { name: over.workspace ?? 'dev', namespace: over.namespace ?? 'default' },
      source: { raw: { kind: 'Custom' } },
      config: { replicas: 3 },
      hibernated: over.hibernated ?? false,
    },
    status: {
      phase: over.phase ?? 'ready',
      ...(over.message !== undefined ? { message: over.message } : { message: 'Module installed successfully' }),
      lastActivity: '2026-12-02T01:58:00Z',
    },
  };
}

export const ws = (name: string, over?: Parameters<typeof workspaceObject>[1]): WorkspaceView =>
  toWorkspaceView(workspaceObject(name, over));
export const mod = (name: string, over?: Parameters<typeof moduleObject>[1]): ModuleView =>
  toModuleView(moduleObject(name, over));

export function snapshot(over: Partial<ClusterSnapshot> = {}): ClusterSnapshot {
  return {
    contexts: [
      { name: 'kind-dev', cluster: 'kind-dev', user: 'admin', server: 'https://127.0.0.1:6443', current: true },
      { name: 'prod', cluster: 'prod', user: 'me', server: 'https://prod.example:6443', current: false },
    ],
    selected: 'kind-dev',
    state: 'ready',
    workspaces: [],
    modules: [],
    synced: true,
    events: new Map(),
    stuck: new Map(),
    hasFile: () => false,
    readOnly: false,
    now: Date.parse('2026-12-02T02:00:00Z'),
    ...over,
  };
}
