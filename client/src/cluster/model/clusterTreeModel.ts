// The Cluster view as data (issue 9): the kubeconfig's contexts; under the selected one its namespaces, their
// Workspaces (phase, hibernated, connection, auto-hibernation, forked from) and each Workspace's Modules (phase,
// message, last activity, the operator's Warning events, and the resource, config and manager data the operator
// stored in its `forkspacer.com/*` annotations). Built from a snapshot of the live models, so the view shows what
// it has while a list is loading. Pure: tested in plain Node.
import { parse } from 'yaml';
import type { ClusterEvent, ContextInfo, ModuleView, WorkspaceView } from '../../../../cluster/src/types';
import type { TreeItemData } from '../../views/treeItemData';
import { CLUSTER_COMMANDS } from './clusterIds';
import {
  clusterPhaseIcon,
  moduleContextValue,
  modulePhaseLabel,
  workspaceContextValue,
  workspacePhaseLabel,
} from './clusterActionsModel';
import { ago } from './timeModel';

/** What the tree is built from: the live models' current state, never awaited. */
export interface ClusterSnapshot {
  contexts: readonly ContextInfo[];
  /** The context in use (`forkspacer.cluster.context`, else the current one). */
  selected?: string;
  /** Why there is no context at all (no kubeconfig, unreadable file), when there is none. */
  contextsError?: string;
  /** The selected context's connection: its live models' state. */
  state: 'connecting' | 'ready' | 'error';
  error?: { kind: string; message: string };
  namespaceFilter?: string;
  workspaces: readonly WorkspaceView[];
  modules: readonly ModuleView[];
  /** Both lists arrived at least once. */
  synced: boolean;
  /** Warning events per Module key (namespace/name), fetched when the Module is shown expanded. */
  events: ReadonlyMap<string, readonly ClusterEvent[]>;
  /** Modules (namespace/name) the backend recognised as the operator's stuck deletion, with its reason. */
  stuck: ReadonlyMap<string, string>;
  /** A Module file with this namespace/name is in the workspace. */
  hasFile: (namespace: string, name: string) => boolean;
  readOnly: boolean;
  now: number;
}

export type ClusterNode = ContextNode | StateNode | NamespaceNode | WorkspaceNode | ModuleNode | DetailNode;

export interface ContextNode {
  type: 'context';
  id: string;
  context: ContextInfo;
  selected: boolean;
}
export interface StateNode {
  type: 'state';
  id: string;
  label: string;
  tooltip?: string;
  icon: { id: string; color?: string };
  command?: { id: string; title: string; args: unknown[] };
}
export interface NamespaceNode {
  type: 'namespace';
  id: string;
  name: string;
  workspaces: WorkspaceNode[];
  /** Modules whose Workspace is not in the list (not created yet, deleted, or in a namespace not shown). */
  orphans: ModuleNode[];
}
export interface WorkspaceNode {
  type: 'workspace';
  id: string;
  workspace: WorkspaceView;
  modules: ModuleNode[];
}
export interface ModuleNode {
  type: 'module';
  id: string;
  module: ModuleView;
}
export interface DetailNode {
  type: 'detail';
  id: string;
  label: string;
  description?: string;
  tooltip?: string;
  icon: { id: string; color?: string };
  children?: DetailNode[];
  command?: { id: string; title: string; args: unknown[] };
}

export const moduleKey = (m: { namespace: string; name: string }): string => `${m.namespace}/${m.name}`;

/** The roots: one node per context (the selected one expanded), or why there is none. */
export function clusterRoots(s: ClusterSnapshot): ClusterNode[] {
  if (!s.contexts.length)
    return [
      {
        type: 'state',
        id: 'state:no-contexts',
        label: s.contextsError ?? 'No kubeconfig context found',
        tooltip:
          'The Cluster view reads the kubeconfig in forkspacer.cluster.kubeconfig, else forkspacer.kubeconfig, else $KUBECONFIG, else ~/.kube/config.',
        icon: { id: 'warning', color: 'problemsWarningIcon.foreground' },
        command: {
          id: 'workbench.action.openSettings',
          title: 'Open Settings',
          args: ['forkspacer.cluster.kubeconfig'],
        },
      },
    ];
  return s.contexts.map((context) => ({
    type: 'context',
    id: `context:${context.name}`,
    context,
    selected: context.name === s.selected,
  }));
}

/** The selected context's children: loading / error state, or its namespaces. */
export function contextChildren(s: ClusterSnapshot): ClusterNode[] {
  const nodes: ClusterNode[] = [];
  if (s.state === 'error' && s.error)
    nodes.push({
      type: 'state',
      id: `state:error:${s.error.kind}`,
      label: s.error.message,
      tooltip: s.error.message,
      icon: { id: 'error', color: 'problemsErrorIcon.foreground' },
      command: { id: CLUSTER_COMMANDS.clusterRefresh, title: 'Retry', args: [] },
    });
  if (!s.synced) {
    if (s.state !== 'error')
      nodes.push({
        type: 'state',
        id: 'state:loading',
        label: 'Loading Workspaces and Modules…',
        icon: { id: 'loading~spin' },
      });
    return nodes;
  }
  const namespaces = groupByNamespace(s);
  if (!namespaces.length)
    nodes.push({
      type: 'state',
      id: 'state:empty',
      label: s.namespaceFilter
        ? `No Workspace or Module in namespace ${s.namespaceFilter}`
        : 'No Workspace or Module in this cluster',
      icon: { id: 'info' },
    });
  return [...nodes, ...namespaces];
}

function groupByNamespace(s: ClusterSnapshot): NamespaceNode[] {
  const byNs = new Map<string, NamespaceNode>();
  const ns = (name: string): NamespaceNode => {
    let node = byNs.get(name);
    if (!node) byNs.set(name, (node = { type: 'namespace', id: `ns:${name}`, name, workspaces: [], orphans: [] }));
    return node;
  };
  const workspaces = new Map<string, WorkspaceNode>();
  for (const w of s.workspaces) {
    const node: WorkspaceNode = { type: 'workspace', id: `ws:${moduleKey(w)}`, workspace: w, modules: [] };
    workspaces.set(moduleKey(w), node);
    ns(w.namespace).workspaces.push(node);
  }
  for (const m of s.modules) {
    const node: ModuleNode = { type: 'module', id: `mod:${moduleKey(m)}`, module: m };
    const owner = workspaces.get(moduleKey(m.workspace));
    if (owner) owner.modules.push(node);
    else ns(m.namespace).orphans.push(node);
  }
  const byName = <T extends { id: string }>(a: T, b: T) => a.id.localeCompare(b.id);
  for (const node of byNs.values()) {
    node.workspaces.sort(byName);
    node.orphans.sort(byName);
    for (const w of node.workspaces) w.modules.sort(byName);
  }
  return [...byNs.values()].sort(byName);
}

export function namespaceChildren(node: NamespaceNode): ClusterNode[] {
  return [...node.workspaces, ...node.orphans];
}

/** A Workspace's details (connection, auto-hibernation, fork origin), then its Modules. */
export function workspaceChildren(node: WorkspaceNode): ClusterNode[] {
  const w = node.workspace;
  const id = (k: string) => `${node.id}:${k}`;
  const details: DetailNode[] = [
    {
      type: 'detail',
      id: id('connection'),
      label: 'connection',
      description: connectionText(w),
      icon: { id: 'plug' },
    },
  ];
  if (w.autoHibernation)
    details.push({
      type: 'detail',
      id: id('auto'),
      label: 'auto-hibernation',
      description: autoHibernationText(w.autoHibernation),
      icon: { id: 'clock' },
    });
  if (w.from)
    details.push({
      type: 'detail',
      id: id('from'),
      label: 'forked from',
      description: `${w.from.namespace}/${w.from.name}${w.from.migrateData ? ' (data migrated)' : ''}`,
      icon: { id: 'repo-forked' },
    });
  if (w.message)
    details.push({
      type: 'detail',
      id: id('message'),
      label: 'message',
      description: w.message,
      tooltip: w.message,
      icon: { id: 'info' },
    });
  return [...details, ...node.modules];
}

/** A Module's details: message, last activity, Warning events, and what the operator stored on it. */
export function moduleChildren(node: ModuleNode, s: Pick<ClusterSnapshot, 'events' | 'stuck' | 'now'>): DetailNode[] {
  const m = node.module;
  const id = (k: string) => `${node.id}:${k}`;
  const key = moduleKey(m);
  const details: DetailNode[] = [];
  const stuck = s.stuck.get(key);
  if (stuck)
    details.push({
      type: 'detail',
      id: id('stuck'),
      label: 'stuck deletion',
      description: 'remove the finalizer to let it go',
      tooltip: stuck,
      icon: { id: 'warning', color: 'problemsWarningIcon.foreground' },
      command: { id: CLUSTER_COMMANDS.clusterRemoveFinalizer, title: 'Remove Finalizer…', args: [key] },
    });
  if (m.message)
    details.push({
      type: 'detail',
      id: id('message'),
      label: 'message',
      description: m.message,
      tooltip: m.message,
      icon: { id: 'info' },
    });
  if (m.lastActivity)
    details.push({
      type: 'detail',
      id: id('activity'),
      label: 'last activity',
      description: `${ago(m.lastActivity, s.now)} (${m.lastActivity})`,
      icon: { id: 'history' },
    });
  const events = s.events.get(key);
  if (events?.length)
    details.push({
      type: 'detail',
      id: id('events'),
      label: 'Warning events',
      description: String(events.length),
      icon: { id: 'warning', color: 'problemsWarningIcon.foreground' },
      children: events.map((e, i) => ({
        type: 'detail',
        id: id(`event:${e.uid || i}`),
        label: e.reason,
        description: `${e.message}${e.count > 1 ? ` (×${e.count})` : ''}${e.lastTimestamp ? ` · ${ago(e.lastTimestamp, s.now)}` : ''}`,
        tooltip: `${e.type} ${e.reason}${e.source ? ` from ${e.source}` : ''}: ${e.message}`,
        icon: { id: 'warning', color: 'problemsWarningIcon.foreground' },
      })),
    });
  details.push(...storedDetails(node));
  return details;
}

/** The `forkspacer.com/*` annotations the operator wrote at install (what Sleep, Resume and Uninstall reuse). */
function storedDetails(node: ModuleNode): DetailNode[] {
  const m = node.module;
  const id = (k: string) => `${node.id}:${k}`;
  const key = moduleKey(m);
  const out: DetailNode[] = [];
  const show = (what: 'resource' | 'config' | 'managerData') => ({
    id: CLUSTER_COMMANDS.clusterShowStored,
    title: 'Show',
    args: [key, what],
  });
  if (m.resourceAnnotation !== undefined)
    out.push({
      type: 'detail',
      id: id('resource'),
      label: 'stored resource',
      description: resourceSummary(m.resourceAnnotation),
      tooltip: 'The resource definition the operator installed (annotation forkspacer.com/resource). Click to open it.',
      icon: { id: 'file-code' },
      command: show('resource'),
    });
  if (m.baseModuleConfig !== undefined)
    out.push({
      type: 'detail',
      id: id('config'),
      label: 'stored config',
      tooltip: 'The config the plugin received, defaults applied (annotation forkspacer.com/base-module-config).',
      icon: { id: 'settings' },
      command: show('config'),
      children: entries(m.baseModuleConfig).map(([k, v]) => ({
        type: 'detail',
        id: id(`config:${k}`),
        label: k,
        description: valueText(v),
        icon: { id: 'symbol-field' },
      })),
    });
  if (m.managerData !== undefined)
    out.push({
      type: 'detail',
      id: id('manager'),
      label: 'manager data',
      tooltip: "The plugin file and the plugin's metaData (annotation forkspacer.com/manager-data).",
      icon: { id: 'database' },
      command: show('managerData'),
      children: entries(m.managerData).map(([k, v]) => ({
        type: 'detail',
        id: id(`manager:${k}`),
        label: k,
        description: valueText(v),
        icon: { id: 'symbol-key' },
      })),
    });
  return out;
}

/** `Custom my-plugin 1.0.0` from the stored resource YAML; the first line if it does not parse. */
export function resourceSummary(text: string): string {
  try {
    const doc = parse(text) as { kind?: unknown; metadata?: { name?: unknown; version?: unknown } } | null;
    const parts = [doc?.kind, doc?.metadata?.name, doc?.metadata?.version].filter(
      (p): p is string | number => typeof p === 'string' || typeof p === 'number',
    );
    if (parts.length) return parts.join(' ');
  } catch {
    // shown as text below
  }
  return text.split('\n')[0]?.slice(0, 80) ?? '';
}

function entries(value: unknown): [string, unknown][] {
  return value && typeof value === 'object' && !Array.isArray(value)
    ? Object.entries(value).sort(([a], [b]) => a.localeCompare(b))
    : [];
}

function valueText(v: unknown): string {
  const text = typeof v === 'string' ? v : JSON.stringify(v);
  return text === undefined ? 'null' : text.length > 120 ? `${text.slice(0, 117)}…` : text;
}

export function connectionText(w: WorkspaceView): string {
  const ref = w.connection.secretReference;
  if (w.connection.type === 'kubeconfig' && ref)
    return `kubeconfig from Secret ${ref.namespace}/${ref.name}${ref.key ? ` (key ${ref.key})` : ''}`;
  return w.connection.type || 'in-cluster';
}

export function autoHibernationText(a: NonNullable<WorkspaceView['autoHibernation']>): string {
  if (!a.enabled) return `off (schedule ${a.schedule || 'none'})`;
  return `sleep "${a.schedule}"${a.wakeSchedule ? `, wake "${a.wakeSchedule}"` : ''}`;
}

export interface TreeItemOptions {
  snapshot: ClusterSnapshot;
}

/** Plain tree item data for a node (the provider turns it into a vscode.TreeItem). */
export function clusterTreeItem(node: ClusterNode, s: ClusterSnapshot): TreeItemData {
  switch (node.type) {
    case 'context': {
      const c = node.context;
      const item: TreeItemData = {
        id: node.id,
        label: c.name,
        description: node.selected
          ? `${c.server ?? c.cluster}${s.readOnly ? ' · read-only' : ''}`
          : (c.server ?? c.cluster),
        tooltip: `Context **${c.name}**: cluster ${c.cluster}${c.server ? ` (${c.server})` : ''}, user ${c.user}${c.namespace ? `, namespace ${c.namespace}` : ''}${c.current ? ". The kubeconfig's current context." : '.'}${node.selected ? '' : '\n\nClick to switch the Cluster view to it.'}`,
        icon: node.selected ? { id: 'vm-active', color: 'testing.iconPassed' } : { id: 'vm-outline' },
        contextValue: node.selected ? 'clusterContext selected' : 'clusterContext',
        collapsible: node.selected ? 'expanded' : 'none',
      };
      if (!node.selected)
        item.command = { id: CLUSTER_COMMANDS.clusterSwitchContext, title: 'Switch Context', args: [c.name] };
      return item;
    }
    case 'state': {
      const item: TreeItemData = {
        id: node.id,
        label: node.label,
        icon: node.icon,
        collapsible: 'none',
        contextValue: 'clusterState',
      };
      if (node.tooltip) item.tooltip = node.tooltip;
      if (node.command) item.command = node.command;
      return item;
    }
    case 'namespace':
      return {
        id: node.id,
        label: node.name,
        description:
          countText(node.workspaces.length, 'Workspace') +
          (node.orphans.length ? `, ${countText(node.orphans.length, 'Module')} without Workspace` : ''),
        icon: { id: 'symbol-namespace' },
        contextValue: 'clusterNamespace',
        collapsible: 'expanded',
      };
    case 'workspace': {
      const w = node.workspace;
      const parts = [workspacePhaseLabel(w), countText(node.modules.length, 'Module')];
      if (w.from) parts.push(`fork of ${w.from.name}`);
      const tooltip = [
        `**Workspace ${w.namespace}/${w.name}**: ${workspacePhaseLabel(w)}`,
        `hibernated: ${w.hibernated}${w.hibernatedAt ? ` (since ${w.hibernatedAt})` : ''}`,
        `connection: ${connectionText(w)}`,
        w.autoHibernation ? `auto-hibernation: ${autoHibernationText(w.autoHibernation)}` : 'auto-hibernation: not set',
        w.from ? `forked from ${w.from.namespace}/${w.from.name}` : undefined,
        w.lastActivity ? `last activity ${ago(w.lastActivity, s.now)}` : undefined,
        w.message,
      ].filter(Boolean);
      return {
        id: node.id,
        label: w.name,
        description: parts.join(' · '),
        tooltip: tooltip.join('\n\n'),
        icon: clusterPhaseIcon(w.phase, w.deleting),
        contextValue: workspaceContextValue(w),
        collapsible: 'collapsed',
      };
    }
    case 'module': {
      const m = node.module;
      const key = moduleKey(m);
      const warnings = s.events.get(key)?.length ?? 0;
      const stuck = s.stuck.get(key);
      const description = [
        modulePhaseLabel(m),
        m.hibernated && m.phase !== 'sleeped' && m.phase !== 'sleeping' ? 'hibernated' : undefined,
        m.message,
        warnings ? `${countText(warnings, 'warning')}` : undefined,
        stuck ? 'stuck' : undefined,
      ]
        .filter(Boolean)
        .join(' · ');
      const tooltip = [
        `**Module ${key}**: ${modulePhaseLabel(m)}`,
        `workspace: ${moduleKey(m.workspace)}`,
        m.sourceKind ? `source: ${m.sourceKind}` : undefined,
        `spec.hibernated: ${m.hibernated}`,
        m.message ? `message: ${m.message}` : undefined,
        m.lastActivity ? `last activity ${ago(m.lastActivity, s.now)}` : undefined,
        stuck,
      ].filter(Boolean);
      return {
        id: node.id,
        label: m.name,
        description,
        tooltip: tooltip.join('\n\n'),
        icon: stuck
          ? { id: 'warning', color: 'problemsWarningIcon.foreground' }
          : clusterPhaseIcon(m.phase, m.deleting && m.phase !== 'uninstalling'),
        contextValue: moduleContextValue({ module: m, hasFile: s.hasFile(m.namespace, m.name), stuck: !!stuck }),
        collapsible: 'collapsed',
      };
    }
    case 'detail': {
      const item: TreeItemData = {
        id: node.id,
        label: node.label,
        icon: node.icon,
        contextValue: 'clusterDetail',
        collapsible: node.children?.length ? 'collapsed' : 'none',
      };
      if (node.description !== undefined) item.description = node.description;
      if (node.tooltip !== undefined) item.tooltip = node.tooltip;
      if (node.command) item.command = node.command;
      return item;
    }
  }
}

function countText(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
