// A tree item as plain data: the *Model.ts files build these, the *Provider.ts files turn them into vscode.TreeItems.

export interface TreeItemData {
  id: string;
  label: string;
  description?: string;
  /** Markdown. */
  tooltip?: string;
  /** Commands the tooltip's `command:` links may run (a trusted MarkdownString limited to these). */
  tooltipCommands?: string[];
  /** A codicon id (`pass-filled`, `loading~spin`) and an optional theme color id. */
  icon?: { id: string; color?: string };
  contextValue?: string;
  collapsible: 'none' | 'collapsed' | 'expanded';
  /** Runs on click: a command id and its arguments. */
  command?: { id: string; title: string; args: unknown[] };
}
