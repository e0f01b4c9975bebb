// The Modules view as data: modules grouped by workspace, each with its phase from the host and its details
// (source, effective config with defaults marked, plugin). Pure: tested in plain Node with 1,000 modules.
import { basename } from 'node:path';
import { checkConfig } from '../../../common/src/index';
import { recordKeyOf, type ModuleEntry } from '../workspace/workspaceModel';
import {
  actionTitle,
  allowedActions,
  moduleContextValue,
  phaseLabel,
  toModulePhase,
  type ModulePhase,
} from '../commands/phaseActionsModel';
import { COMMANDS } from '../ids';
import type { TreeItemData } from './treeItemData';
import { describeProblems, errorCount } from '../workspace/moduleProblems';

/** What the view reads from a host record (host/src: Host.list()). */
export interface ModuleRecordLike {
  id: string;
  file: string;
  documentIndex: number;
  name?: string;
  phase: string;
  lastMessage?: string;
  lastActivity?: string | number;
  error?: string;
  config?: Record<string, unknown>;
  plugin?: { kind: string; location: string; path?: string };
}

export type ModulesNode = WorkspaceNode | ModuleNode | DetailNode;

export interface WorkspaceNode {
  type: 'workspace';
  id: string;
  name: string;
  namespace: string;
  modules: ModuleNode[];
}

export interface ModuleNode {
  type: 'module';
  id: string;
  entry: ModuleEntry;
  phase: ModulePhase;
  record?: ModuleRecordLike;
  /** Another Module in the workspace has the same name: the item says which file this one is. */
  sameName?: boolean;
}

export interface DetailNode {
  type: 'detail';
  id: string;
  label: string;
  description?: string;
  tooltip?: string;
  icon: string;
  children?: DetailNode[];
  /** Click target: a line in the module's file. */
  reveal?: { path: string; line: number };
}

/** Looks records up by ModuleEntry.recordKey (the module id). */
export function indexRecords(records: readonly ModuleRecordLike[]): Map<string, ModuleRecordLike> {
  const byKey = new Map<string, ModuleRecordLike>();
  for (const r of records) byKey.set(recordKeyOf(...splitId(r.id)), r);
  return byKey;
}

function splitId(id: string): [string, string] {
  const slash = id.indexOf('/');
  return slash < 0 ? ['default', id] : [id.slice(0, slash), id.slice(slash + 1)];
}

/** Root nodes: one per workspace (`spec.workspace`), sorted by name; modules sorted by name inside. */
export function buildModulesTree(
  modules: readonly ModuleEntry[],
  records: ReadonlyMap<string, ModuleRecordLike>,
): WorkspaceNode[] {
  const groups = new Map<string, WorkspaceNode>();
  const names = new Map<string, number>();
  for (const entry of modules) names.set(entry.name, (names.get(entry.name) ?? 0) + 1);
  for (const entry of modules) {
    const wsKey = `${entry.workspace.namespace}/${entry.workspace.name}`;
    let group = groups.get(wsKey);
    if (!group) {
      group = {
        type: 'workspace',
        id: `ws:${wsKey}`,
        name: entry.workspace.name,
        namespace: entry.workspace.namespace,
        modules: [],
      };
      groups.set(wsKey, group);
    }
    const record = records.get(entry.recordKey);
    const node: ModuleNode = { type: 'module', id: `module:${entry.key}`, entry, phase: toModulePhase(record?.phase) };
    if (record) node.record = record;
    if (names.get(entry.name)! > 1) node.sameName = true;
    group.modules.push(node);
  }
  const byName = (a: string, b: string) => a.localeCompare(b);
  const roots = [...groups.values()].sort((a, b) => byName(a.name, b.name) || byName(a.namespace, b.namespace));
  for (const g of roots)
    g.modules.sort((a, b) => byName(a.entry.name, b.entry.name) || byName(a.entry.key, b.entry.key));
  return roots;
}

export interface ConfigRow {
  alias: string;
  value: unknown;
  /** The value was not written in spec.config: the operator applies the definition's default. */
  isDefault: boolean;
}

export interface EffectiveConfig {
  rows: ConfigRow[];
  /** Where the values come from: the host's stored config, the core's verdict on the embedded definition, or the YAML as written. */
  origin: 'host' | 'definition' | 'as-written';
  /** The operator's refusal, when the config does not validate. */
  error?: string;
}

/** The config a module runs with: the operator's ValidateUserInput verdict (defaults applied) via the core. */
export function effectiveConfig(entry: ModuleEntry, record?: ModuleRecordLike): EffectiveConfig {
  const written = entry.input ?? {};
  const rowsOf = (config: Record<string, unknown>): ConfigRow[] =>
    Object.keys(config)
      .sort()
      .map((alias) => ({ alias, value: config[alias], isDefault: !(alias in written) }));
  if (record?.config && record.phase !== 'failed') return { rows: rowsOf(record.config), origin: 'host' };
  if (entry.definition) {
    const verdict = checkConfig(entry.definition.config, entry.input);
    if (verdict.ok) return { rows: rowsOf(verdict.config), origin: 'definition' };
    return { rows: rowsOf(written), origin: 'as-written', error: verdict.error };
  }
  return { rows: rowsOf(written), origin: 'as-written' };
}

/** Where the plugin comes from: the host's resolved plugin, else the embedded definition's `spec.repo`. */
export function pluginDescription(entry: ModuleEntry, record?: ModuleRecordLike): string | undefined {
  if (record?.plugin?.location) return `${record.plugin.kind}: ${record.plugin.location}`;
  const def = entry.definition;
  if (!def) return undefined;
  if (def.kind === 'Helm') {
    const s = def.spec;
    return [s.chartName, s.version].filter((v) => typeof v === 'string' && v).join('@') || 'Helm chart';
  }
  const repo = (def.spec.repo ?? {}) as Record<string, unknown>;
  if (typeof repo.file === 'string') return repo.file;
  const cm = repo.configMap as Record<string, unknown> | undefined;
  if (cm && typeof cm === 'object') return `configMap ${String(cm.namespace ?? 'default')}/${String(cm.name ?? '')}`;
  return undefined;
}

export function sourceDescription(entry: ModuleEntry): { label: string; description: string } {
  const s = entry.source;
  switch (s.type) {
    case 'raw': {
      const d = entry.definition;
      return {
        label: 'source: raw',
        description: d ? `${d.kind} ${d.metadata.name}@${d.metadata.version}` : 'embedded resource',
      };
    }
    case 'httpURL':
      return { label: 'source: httpURL', description: s.url };
    case 'configMap':
      return { label: 'source: configMap', description: `${s.namespace}/${s.name}` };
    default:
      return { label: 'source: none', description: 'no raw, configMap or httpURL' };
  }
}

/** A module's children: source, config (with a child per item), plugin. */
export function moduleChildren(node: ModuleNode): DetailNode[] {
  const { entry, record } = node;
  const at = { path: entry.path, line: entry.line };
  const source = sourceDescription(entry);
  const children: DetailNode[] = [
    { type: 'detail', id: `${node.id}/source`, ...source, icon: 'file-code', reveal: at },
  ];
  const config = effectiveConfig(entry, record);
  const configNode: DetailNode = {
    type: 'detail',
    id: `${node.id}/config`,
    label: 'config',
    description: config.error ? config.error : `${config.rows.length} ${config.rows.length === 1 ? 'value' : 'values'}`,
    icon: config.error ? 'warning' : 'settings',
    children: config.rows.map((row) => ({
      type: 'detail',
      id: `${node.id}/config/${row.alias}`,
      label: row.alias,
      description: `${formatValue(row.value)}${row.isDefault ? ' (default)' : ''}`,
      tooltip: row.isDefault ? 'Not set in spec.config: the resource default applies.' : 'Set in spec.config.',
      icon: row.isDefault ? 'circle-outline' : 'circle-filled',
      reveal: at,
    })),
  };
  if (config.error) configNode.tooltip = config.error;
  children.push(configNode);
  const plugin = pluginDescription(entry, record);
  children.push({
    type: 'detail',
    id: `${node.id}/plugin`,
    label: 'plugin',
    description: plugin ?? 'unknown until installed',
    icon: 'plug',
  });
  return children;
}

export function formatValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === undefined) return 'undefined';
  return JSON.stringify(value) ?? String(value);
}

const PHASE_ICONS: Record<ModulePhase, { id: string; color?: string }> = {
  'not-installed': { id: 'circle-large-outline' },
  installing: { id: 'loading~spin' },
  sleeping: { id: 'loading~spin' },
  resuming: { id: 'loading~spin' },
  uninstalling: { id: 'loading~spin' },
  ready: { id: 'pass-filled', color: 'testing.iconPassed' },
  sleeped: { id: 'debug-pause', color: 'charts.blue' },
  failed: { id: 'error', color: 'testing.iconFailed' },
};

export function phaseIcon(phase: ModulePhase): { id: string; color?: string } {
  return PHASE_ICONS[phase];
}

/** The argument a module's commands receive from the tree, the CodeLens and the palette. */
export interface ModuleRef {
  path: string;
  documentIndex: number;
}

/** How the workbench is: in Restricted Mode (Workspace Trust) the lifecycle actions are hidden, the tooltip says why. */
export interface TreeContext {
  trusted: boolean;
}

export function treeItemOf(node: ModulesNode, context: TreeContext = { trusted: true }): TreeItemData {
  switch (node.type) {
    case 'workspace':
      return {
        id: node.id,
        label: node.name || '(no workspace)',
        description: `${node.namespace} · ${node.modules.length} ${node.modules.length === 1 ? 'module' : 'modules'}`,
        icon: { id: 'layers' },
        contextValue: 'forkspacerWorkspace',
        collapsible: 'expanded',
      };
    case 'module': {
      const { entry, record, phase } = node;
      const ref: ModuleRef = { path: entry.path, documentIndex: entry.documentIndex };
      const errors = entry.problems?.errors ? entry.problems : undefined;
      const lines = [`**${entry.name}** — ${phaseLabel(phase)}`];
      if (errors)
        lines.push(
          `The operator refuses this Module (${errorCount(errors)}), so Install is refused:\n\n${describeProblems(errors, entry.relPath).join('\n')}`,
          `[Show in Problems](command:${COMMANDS.showProblems}?${encodeURIComponent(JSON.stringify([ref]))})`,
        );
      if (record?.lastMessage) lines.push(record.lastMessage);
      if (record?.error && record.error !== record.lastMessage) lines.push(`Error: ${record.error}`);
      if (record?.lastActivity) lines.push(`Last activity: ${new Date(record.lastActivity).toLocaleString()}`);
      if (!context.trusted && allowedActions(phase).length)
        lines.push(
          `Restricted Mode: ${allowedActions(phase).map(actionTitle).join(', ')} not offered: Forkspacer runs no plugin in an untrusted workspace.`,
        );
      lines.push(`${entry.relPath}, document ${entry.documentIndex + 1}`);
      // Another file defines the same Module (namespace/name): one object, installed from there.
      const elsewhere = record && record.file !== entry.path;
      if (elsewhere)
        lines.push(
          `Installed from ${record.file}, document ${record.documentIndex + 1}: the same Module (${record.id}), as in a cluster.`,
        );
      const parts = [
        record?.error && phase !== 'failed' ? `${phaseLabel(phase)} (last operation failed)` : phaseLabel(phase),
      ];
      if (errors) parts.push(errorCount(errors));
      if (elsewhere) parts.push(`from ${basename(record.file)}`);
      // Two Modules of one name: which file (and document) this one is.
      if (node.sameName) parts.push(documentPlace(entry));
      // The error state replaces the phase icon where the next step would be Install.
      const installable = phase === 'not-installed' || phase === 'failed';
      return {
        id: node.id,
        label: entry.name,
        description: parts.join(' · '),
        tooltip: lines.join('\n\n'),
        tooltipCommands: errors ? [COMMANDS.showProblems] : [],
        icon: errors && installable ? { id: 'error', color: 'problemsErrorIcon.foreground' } : phaseIcon(phase),
        contextValue: moduleContextValue(phase),
        collapsible: 'collapsed',
        command: { id: COMMANDS.revealInFile, title: 'Reveal in File', args: [ref] },
      };
    }
    case 'detail': {
      const item: TreeItemData = {
        id: node.id,
        label: node.label,
        icon: { id: node.icon },
        contextValue: 'forkspacerDetail',
        collapsible: node.children?.length ? 'collapsed' : 'none',
      };
      if (node.description !== undefined) item.description = node.description;
      if (node.tooltip !== undefined) item.tooltip = node.tooltip;
      if (node.reveal) item.command = { id: COMMANDS.revealInFile, title: 'Reveal in File', args: [node.reveal] };
      return item;
    }
  }
}

/** `dir/file.yaml`, or `dir/file.yaml #2` for a document after the first. */
export function documentPlace(entry: { relPath: string; documentIndex: number }): string {
  return entry.documentIndex > 0 ? `${entry.relPath} #${entry.documentIndex + 1}` : entry.relPath;
}

export function childrenOf(node: ModulesNode): ModulesNode[] {
  switch (node.type) {
    case 'workspace':
      return node.modules;
    case 'module':
      return moduleChildren(node);
    case 'detail':
      return node.children ?? [];
  }
}
