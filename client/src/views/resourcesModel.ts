// The Resources view as data: every Custom/Helm definition in the workspace with its config items.
// Pure: tested in plain Node.
import type { ConfigItem } from '../../../common/src/index';
import type { ResourceEntry } from '../workspace/workspaceModel';
import { COMMANDS } from '../ids';
import type { TreeItemData } from './treeItemData';
import { documentPlace, formatValue } from './modulesModel';

export type ResourcesNode = ResourceNode | ConfigItemNode;

export interface ResourceNode {
  type: 'resource';
  id: string;
  entry: ResourceEntry;
  /** Another definition in the workspace has the same name: the item says which file this one is. */
  sameName?: boolean;
}

export interface ConfigItemNode {
  type: 'configItem';
  id: string;
  entry: ResourceEntry;
  item: ConfigItem;
}

export function buildResourcesTree(resources: readonly ResourceEntry[]): ResourceNode[] {
  const names = new Map<string, number>();
  for (const entry of resources) names.set(entry.name, (names.get(entry.name) ?? 0) + 1);
  return resources
    .map((entry): ResourceNode => ({
      type: 'resource',
      id: `resource:${entry.key}`,
      entry,
      ...(names.get(entry.name)! > 1 ? { sameName: true } : {}),
    }))
    .sort((a, b) => a.entry.name.localeCompare(b.entry.name) || a.entry.key.localeCompare(b.entry.key));
}

export function resourceChildren(node: ResourcesNode): ConfigItemNode[] {
  if (node.type !== 'resource') return [];
  return (node.entry.definition?.config ?? []).map((item, i) => ({
    type: 'configItem',
    id: `${node.id}/config/${i}`,
    entry: node.entry,
    item,
  }));
}

/** "integer · default 1 · 1..10 · required" */
export function configItemSummary(item: ConfigItem): string {
  const s = item.spec;
  const parts = [item.type];
  if (s.hasDefault) parts.push(`default ${formatValue(s.default)}`);
  if (s.min !== undefined || s.max !== undefined) parts.push(`${s.min ?? ''}..${s.max ?? ''}`);
  if (s.values?.length) parts.push(`one of ${s.values.join(', ')}`);
  if (s.required) parts.push('required');
  // operator: editable omitted means false: a Module that sets this alias is refused.
  if (!s.editable) parts.push('not editable');
  return parts.join(' · ');
}

export function resourceTreeItem(node: ResourcesNode): TreeItemData {
  const at = { path: node.entry.path, line: node.entry.line };
  if (node.type === 'resource') {
    const { entry } = node;
    const items = entry.definition?.config.length ?? 0;
    const desc = entry.definition?.metadata.description;
    return {
      id: node.id,
      label: entry.name,
      description: `${entry.kind}${entry.version ? ` ${entry.version}` : ''}${node.sameName ? ` · ${documentPlace(entry)}` : ''}`,
      tooltip: [
        `**${entry.name}** (${entry.kind} ${entry.version})`,
        desc,
        `${entry.relPath}, document ${entry.documentIndex + 1}`,
      ]
        .filter(Boolean)
        .join('\n\n'),
      icon: { id: entry.kind === 'Helm' ? 'package' : 'extensions' },
      contextValue: entry.definition ? 'forkspacerResource' : 'forkspacerResource invalid',
      collapsible: items > 0 ? 'collapsed' : 'none',
      command: { id: COMMANDS.revealInFile, title: 'Reveal in File', args: [at] },
    };
  }
  const { item } = node;
  return {
    id: node.id,
    label: item.alias || '(no alias)',
    description: configItemSummary(item),
    tooltip: `**${item.name}** (\`${item.alias}\`)\n\n${configItemSummary(item)}${item.spec.regex ? `\n\nregex: \`${item.spec.regex}\`` : ''}`,
    icon: { id: 'symbol-field' },
    contextValue: 'forkspacerConfigItem',
    collapsible: 'none',
    command: {
      id: COMMANDS.revealInFile,
      title: 'Reveal in File',
      args: [item.range ? { path: node.entry.path, line: item.range.start.line } : at],
    },
  };
}
