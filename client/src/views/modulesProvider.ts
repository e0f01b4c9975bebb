// Adapts the Modules view model to a vscode.TreeDataProvider. Rebuilt on index or host changes (debounced by the callers).
import * as vscode from 'vscode';
import type { WorkspaceIndex } from '../workspace/workspaceModel';
import {
  buildModulesTree,
  childrenOf,
  indexRecords,
  treeItemOf,
  type ModuleRecordLike,
  type ModulesNode,
} from './modulesModel';
import { toTreeItem } from './toTreeItem';

export class ModulesProvider implements vscode.TreeDataProvider<ModulesNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ModulesNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private roots: ModulesNode[] | undefined;

  constructor(
    private readonly index: WorkspaceIndex,
    private readonly records: () => readonly ModuleRecordLike[],
    private readonly trusted: () => boolean,
  ) {}

  refresh(): void {
    this.roots = undefined;
    this.changed.fire(undefined);
  }

  getTreeItem(node: ModulesNode): vscode.TreeItem {
    return toTreeItem(treeItemOf(node, { trusted: this.trusted() }));
  }

  getChildren(node?: ModulesNode): ModulesNode[] {
    if (node) return childrenOf(node);
    this.roots ??= buildModulesTree(this.index.modules(), indexRecords(this.records()));
    return this.roots;
  }

  dispose(): void {
    this.changed.dispose();
  }
}
