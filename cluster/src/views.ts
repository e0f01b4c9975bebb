// Kubernetes JSON → the plain views the UI shows (types.ts). Tolerant: a field of the wrong shape is left out.
import type { KubeObject, ModuleView, ObjectRef, WorkspaceView } from './types';

/** The operator's annotations on a Module (pkg/constants). */
export const MODULE_ANNOTATIONS = {
  resource: 'forkspacer.com/resource',
  baseModuleConfig: 'forkspacer.com/base-module-config',
  managerData: 'forkspacer.com/manager-data',
} as const;

const SOURCE_KINDS = ['raw', 'configMap', 'httpURL', 'github', 'existingHelmRelease'] as const;

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function obj(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function ref(value: unknown): ObjectRef | undefined {
  const o = obj(value);
  const name = str(o.name);
  if (!name) return undefined;
  return { name, namespace: str(o.namespace) ?? 'default' };
}

function json(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export function toModuleView(raw: KubeObject): ModuleView {
  const meta = raw.metadata ?? {};
  const spec = obj(raw.spec);
  const status = obj(raw.status);
  const annotations = meta.annotations ?? {};
  const source = obj(spec.source);
  const view: ModuleView = {
    namespace: meta.namespace ?? 'default',
    name: meta.name ?? '',
    uid: meta.uid ?? '',
    resourceVersion: meta.resourceVersion ?? '',
    phase: str(status.phase) ?? '',
    hibernated: spec.hibernated === true,
    workspace: ref(spec.workspace) ?? { name: '', namespace: meta.namespace ?? 'default' },
    finalizers: Array.isArray(meta.finalizers) ? meta.finalizers.filter((f) => typeof f === 'string') : [],
    deleting: !!meta.deletionTimestamp,
    raw,
  };
  const message = str(status.message);
  if (message) view.message = message;
  const lastActivity = str(status.lastActivity);
  if (lastActivity) view.lastActivity = lastActivity;
  const sourceKind = SOURCE_KINDS.find((k) => source[k] !== undefined && source[k] !== null);
  if (sourceKind) view.sourceKind = sourceKind;
  if (spec.config !== undefined) view.config = spec.config;
  if (annotations[MODULE_ANNOTATIONS.resource] !== undefined)
    view.resourceAnnotation = annotations[MODULE_ANNOTATIONS.resource];
  const base = json(annotations[MODULE_ANNOTATIONS.baseModuleConfig]);
  if (base !== undefined) view.baseModuleConfig = base;
  const managerData = json(annotations[MODULE_ANNOTATIONS.managerData]);
  if (managerData && typeof managerData === 'object') view.managerData = managerData as Record<string, unknown>;
  if (meta.creationTimestamp) view.createdAt = meta.creationTimestamp;
  return view;
}

export function toWorkspaceView(raw: KubeObject): WorkspaceView {
  const meta = raw.metadata ?? {};
  const spec = obj(raw.spec);
  const status = obj(raw.status);
  const connection = obj(spec.connection);
  const view: WorkspaceView = {
    namespace: meta.namespace ?? 'default',
    name: meta.name ?? '',
    uid: meta.uid ?? '',
    resourceVersion: meta.resourceVersion ?? '',
    phase: str(status.phase) ?? '',
    ready: status.ready === true,
    hibernated: spec.hibernated === true,
    type: str(spec.type) ?? 'kubernetes',
    connection: { type: str(connection.type) ?? 'in-cluster' },
    deleting: !!meta.deletionTimestamp,
    raw,
  };
  const secret = obj(connection.secretReference);
  if (str(secret.name)) {
    view.connection.secretReference = { name: str(secret.name)!, namespace: str(secret.namespace) ?? view.namespace };
    if (str(secret.key)) view.connection.secretReference.key = str(secret.key);
  }
  const message = str(status.message);
  if (message) view.message = message;
  if (str(status.hibernatedAt)) view.hibernatedAt = str(status.hibernatedAt);
  if (str(status.lastActivity)) view.lastActivity = str(status.lastActivity);
  const auto = obj(spec.autoHibernation);
  if (spec.autoHibernation) {
    view.autoHibernation = { enabled: auto.enabled === true, schedule: str(auto.schedule) ?? '' };
    if (str(auto.wakeSchedule)) view.autoHibernation.wakeSchedule = str(auto.wakeSchedule);
  }
  const from = ref(spec.from);
  if (from) view.from = { ...from, migrateData: obj(spec.from).migrateData === true };
  if (meta.creationTimestamp) view.createdAt = meta.creationTimestamp;
  return view;
}
