// What the Cluster view says before and after it acts: confirmations that name what will happen, the dry-run
// verdict, and the buttons a ClusterError offers. The backend's ClusterError messages already say what failed
// (which verb on which resource, which context); this adds what the user can do next. Pure.
import { parse } from 'yaml';
import type {
  ClusterErrorInfo,
  DryRunVerdict,
  HibernateResult,
  ModuleView,
  WorkspaceView,
} from '../../../../cluster/src/types';

export type ErrorButton = 'Open Settings' | 'Switch Context' | 'Retry' | 'Show Logs' | 'Recreate Module…';

/** The buttons of an error message, by kind. */
export function errorButtons(error: Pick<ClusterErrorInfo, 'kind'>): ErrorButton[] {
  switch (error.kind) {
    case 'no-kubeconfig':
      return ['Open Settings'];
    case 'unreachable':
    case 'timeout':
      return ['Retry', 'Switch Context', 'Show Logs'];
    case 'crd-missing':
      return ['Switch Context', 'Show Logs'];
    case 'conflict':
      return ['Retry', 'Show Logs'];
    case 'immutable':
      return ['Recreate Module…', 'Show Logs'];
    default:
      return ['Show Logs'];
  }
}

/** A hint added to the backend's message for kinds where the fix is not in the message itself. */
export function errorHint(error: Pick<ClusterErrorInfo, 'kind'>): string | undefined {
  switch (error.kind) {
    case 'crd-missing':
      return 'The Forkspacer operator (its CRDs) is not installed in this cluster, or this context points at another cluster.';
    case 'conflict':
      return 'Someone (often the operator) changed the object since it was read: Retry reads it again.';
    case 'webhook':
      return "The operator's admission webhook refused it: fix the Module and apply again.";
    case 'forbidden':
      return 'Your credentials in this context lack that permission (RBAC): ask for it, or switch context.';
    default:
      return undefined;
  }
}

export interface StoredResource {
  kind?: string;
  name?: string;
  version?: string;
  /** Custom: spec.repo.file or ConfigMap; Helm: chart and release namespace. */
  plugin?: string;
  helm?: { chart: string; namespace?: string; removeNamespace: boolean; removePVCs: boolean };
}

/** Reads the operator's `forkspacer.com/resource` annotation (the resource YAML it installed). */
export function storedResource(
  module: Pick<ModuleView, 'resourceAnnotation' | 'managerData'>,
): StoredResource | undefined {
  if (module.resourceAnnotation === undefined) return undefined;
  let doc: Record<string, unknown> | null = null;
  try {
    doc = parse(module.resourceAnnotation) as Record<string, unknown> | null;
  } catch {
    return {};
  }
  const meta = (doc?.metadata ?? {}) as Record<string, unknown>;
  const spec = (doc?.spec ?? {}) as Record<string, unknown>;
  const out: StoredResource = {};
  if (typeof doc?.kind === 'string') out.kind = doc.kind;
  if (typeof meta.name === 'string') out.name = meta.name;
  if (meta.version !== undefined) out.version = String(meta.version);
  if (out.kind === 'Helm') {
    const cleanup = (spec.cleanup ?? {}) as Record<string, unknown>;
    out.helm = {
      chart: `${String(spec.chartName ?? '?')}${spec.version ? ` ${String(spec.version)}` : ''}`,
      ...(typeof spec.namespace === 'string' ? { namespace: spec.namespace } : {}),
      removeNamespace: cleanup.removeNamespace === true,
      removePVCs: cleanup.removePVCs === true,
    };
  } else {
    const repo = (spec.repo ?? {}) as Record<string, unknown>;
    const cm = repo.configMap as Record<string, unknown> | undefined;
    if (typeof repo.file === 'string') out.plugin = repo.file;
    else if (cm) out.plugin = `ConfigMap ${String(cm.namespace ?? 'default')}/${String(cm.name ?? '?')}`;
    const path = module.managerData?.pluginFilePath;
    if (!out.plugin && typeof path === 'string') out.plugin = path;
  }
  return out;
}

export interface Confirmation {
  message: string;
  detail: string;
  /** The button that goes ahead. */
  confirm: string;
}

/** Delete of a Module: the operator runs the plugin's Uninstall against the Workspace's connection first. */
export function deleteModuleConfirmation(module: ModuleView, workspace: WorkspaceView | undefined): Confirmation {
  const key = `${module.namespace}/${module.name}`;
  const stored = storedResource(module);
  const target = workspace
    ? `the Workspace ${workspace.namespace}/${workspace.name} (${workspaceTarget(workspace)})`
    : `its Workspace ${module.workspace.namespace}/${module.workspace.name} (not found in this context)`;
  const lines: string[] = [];
  if (!stored) {
    // operator bug (CLUSTER.md): no resource annotation → Uninstall fails forever, the Module loops in uninstalling.
    lines.push(
      'The operator stored no resource for this Module (it failed before installing): its Uninstall cannot run and the deletion will hang in "uninstalling". Forkspacer then offers to remove the finalizer.',
    );
  } else if (stored.helm) {
    const ns = stored.helm.namespace ? ` in namespace ${stored.helm.namespace}` : '';
    lines.push(`The operator uninstalls the Helm release of chart ${stored.helm.chart}${ns} on ${target}.`);
    if (stored.helm.removeNamespace && stored.helm.namespace)
      lines.push(
        `cleanup.removeNamespace is set: the namespace ${stored.helm.namespace} and everything in it is deleted.`,
      );
    if (stored.helm.removePVCs)
      lines.push('cleanup.removePVCs is set: its PersistentVolumeClaims (and their data) are deleted.');
  } else {
    lines.push(
      `The operator runs the Uninstall of the plugin ${stored.plugin ?? '(unknown file)'} (${[stored.kind, stored.name, stored.version].filter(Boolean).join(' ')}) on ${target}: it may remove whatever the plugin installed there.`,
    );
  }
  if (module.phase === 'failed') lines.push('The Module is failed: its plugin may fail again while uninstalling.');
  return { message: `Delete Module ${key}?`, detail: lines.join('\n\n'), confirm: 'Delete' };
}

export function deleteWorkspaceConfirmation(workspace: WorkspaceView, modules: readonly ModuleView[]): Confirmation {
  const key = `${workspace.namespace}/${workspace.name}`;
  // operator v0.1.7 (workspace_controller.go handleDeletion): it deletes every Module of the Workspace first and
  // waits for each to be gone, retrying forever, then drops its finalizer.
  const lines = [
    modules.length
      ? `The operator deletes its ${modules.length} Module${modules.length === 1 ? '' : 's'} first (${modules
          .slice(0, 8)
          .map((m) => m.name)
          .join(
            ', ',
          )}${modules.length > 8 ? ', …' : ''}): each runs its plugin's Uninstall on ${workspaceTarget(workspace)}, which may remove whatever the plugin installed there.`
      : 'It has no Modules.',
  ];
  const stuck = modules.filter((m) => m.resourceAnnotation === undefined);
  if (stuck.length)
    lines.push(
      `${stuck.map((m) => m.name).join(', ')} never stored a resource (failed before installing): ${stuck.length === 1 ? 'its' : 'their'} deletion hangs (an operator bug), and the Workspace's deletion waits for it. Forkspacer offers to remove the finalizer of a stuck Module.`,
    );
  if (workspace.connection.type === 'kubeconfig' && workspace.connection.secretReference)
    lines.push(
      `The kubeconfig Secret ${workspace.connection.secretReference.namespace}/${workspace.connection.secretReference.name} is not deleted.`,
    );
  return { message: `Delete Workspace ${key}?`, detail: lines.join('\n\n'), confirm: 'Delete' };
}

/** What Fork does (operator: workspace_fork.go copies each Module as `<name>-<timestamp>` into the new Workspace). */
export function forkDescription(from: WorkspaceView, modules: readonly ModuleView[], newName: string): string {
  if (!modules.length) return `Workspace ${newName} is created from ${from.name}, which has no Modules.`;
  return `The operator copies the ${modules.length} Module${modules.length === 1 ? '' : 's'} of ${from.name} (same source, config and hibernated) into ${newName}, named <module>-<timestamp>, and installs them.`;
}

function workspaceTarget(w: WorkspaceView): string {
  const ref = w.connection.secretReference;
  if (w.connection.type === 'kubeconfig' && ref)
    return `the cluster of the kubeconfig in Secret ${ref.namespace}/${ref.name}`;
  if (w.connection.type === 'local') return 'the cluster the operator runs in (local)';
  return 'the cluster the operator runs in';
}

/**
 * Resume of a hibernated Workspace. The operator v0.1.7 resumes only Modules whose spec.hibernated is already false
 * (CLUSTER.md: "its Modules stay sleeped with spec.hibernated: true"); the backend sets it to false on those.
 */
export function resumeWorkspacePlan(workspace: WorkspaceView, modules: readonly ModuleView[]): string {
  const forgotten = modules.filter((m) => m.hibernated && !m.deleting);
  const key = `${workspace.namespace}/${workspace.name}`;
  if (!forgotten.length) return `Resuming Workspace ${key}: the operator resumes its Modules.`;
  return `Resuming Workspace ${key} and ${forgotten.length} Module${forgotten.length === 1 ? '' : 's'} still marked hibernated (${forgotten
    .map((m) => m.name)
    .join(
      ', ',
    )}): the operator resumes only Modules whose spec.hibernated is already false, so Forkspacer sets it to false on those. A Module you had put to sleep on its own is resumed too (the operator does not tell them apart).`;
}

/** After the Workspace call: what was done. */
export function hibernateResultText(result: HibernateResult, hibernated: boolean): string {
  const key = `${result.workspace.namespace}/${result.workspace.name}`;
  if (hibernated) return `Workspace ${key} is hibernating: the operator puts its Modules to sleep.`;
  if (!result.resumedModules.length) return `Workspace ${key} resumed.`;
  return `Workspace ${key} resumed; Forkspacer also resumed ${result.resumedModules.map((m) => m.name).join(', ')} (the operator would have left ${result.resumedModules.length === 1 ? 'it' : 'them'} asleep).`;
}

/** The finalizer removal warning (the operator's stuck deletion, CLUSTER.md). */
export function removeFinalizerConfirmation(module: ModuleView, reason: string | undefined): Confirmation {
  return {
    message: `Remove the finalizer of Module ${module.namespace}/${module.name}?`,
    detail: [
      reason ??
        'The operator cannot finish deleting this Module: it loops in "uninstalling" because the resource annotation was never written (it failed before installing).',
      "Removing the finalizer lets Kubernetes delete the Module at once WITHOUT running the plugin's Uninstall: anything the plugin created stays in the cluster and must be cleaned up by hand.",
    ].join('\n\n'),
    confirm: 'Remove Finalizer',
  };
}

/** Immutable fields changed: the apply would be refused; recreating deletes (Uninstall) and installs again. */
export function immutableConfirmation(key: string, fields: readonly string[]): Confirmation {
  return {
    message: `${key}: ${fields.join(', ')} cannot change on an existing Module.`,
    detail: `The operator makes spec.source, spec.workspace and spec.config immutable after creation, so this apply would be refused. Recreate deletes the Module (the operator runs its plugin's Uninstall) and applies the file as a new Module (Install).`,
    confirm: 'Recreate Module',
  };
}

/** The dry-run's verdict, for the Apply confirmation. */
export function dryRunText(key: string, verdict: DryRunVerdict): { ok: boolean; message: string; detail: string } {
  if (!verdict.ok) {
    const e = verdict.error;
    return {
      ok: false,
      message: `Apply ${key}: refused by ${e?.kind === 'webhook' ? "the operator's admission webhook" : 'the API server'}.`,
      detail: [e?.message ?? 'no reason given', e ? errorHint(e) : undefined].filter(Boolean).join('\n\n'),
    };
  }
  const changes = verdict.creates
    ? 'It creates the Module; the operator then installs it.'
    : 'It updates the live Module.';
  return {
    ok: true,
    message: `Apply ${key}? The API server and the admission webhooks accept it (dry run).`,
    detail: changes,
  };
}
