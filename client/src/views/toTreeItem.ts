// TreeItemData (plain data from the *Model.ts files) → vscode.TreeItem.
import * as vscode from 'vscode';
import type { TreeItemData } from './treeItemData';

const COLLAPSIBLE = {
  none: vscode.TreeItemCollapsibleState.None,
  collapsed: vscode.TreeItemCollapsibleState.Collapsed,
  expanded: vscode.TreeItemCollapsibleState.Expanded,
} as const;

export function toTreeItem(data: TreeItemData): vscode.TreeItem {
  const item = new vscode.TreeItem(data.label, COLLAPSIBLE[data.collapsible]);
  item.id = data.id;
  if (data.description !== undefined) item.description = data.description;
  if (data.tooltip !== undefined) {
    const tooltip = new vscode.MarkdownString(data.tooltip);
    if (data.tooltipCommands?.length) tooltip.isTrusted = { enabledCommands: data.tooltipCommands };
    item.tooltip = tooltip;
  }
  if (data.icon) {
    item.iconPath = new vscode.ThemeIcon(
      data.icon.id,
      data.icon.color ? new vscode.ThemeColor(data.icon.color) : undefined,
    );
  }
  if (data.contextValue !== undefined) item.contextValue = data.contextValue;
  if (data.command)
    item.command = { command: data.command.id, title: data.command.title, arguments: data.command.args };
  return item;
}
