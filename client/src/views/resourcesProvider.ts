// Adapts the Resources view model to a vscode.TreeDataProvider.
import * as vscode from 'vscode';
import type { WorkspaceIndex } from '../workspace/workspaceModel';
import { buildResourcesTree, resourceChildren, resourceTreeItem, type ResourcesNode } from './resourcesModel';
import { toTreeItem } from './toTreeItem';

export class ResourcesProvider implements vscode.TreeDataProvider<ResourcesNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ResourcesNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;

  constructor(private readonly index: WorkspaceIndex) {}

  refresh(): void {
    this.changed.fire(undefined);
  }

  getTreeItem(node: ResourcesNode): vscode.TreeItem {
    return toTreeItem(resourceTreeItem(node));
  }

  getChildren(node?: ResourcesNode): ResourcesNode[] {
    return node ? resourceChildren(node) : buildResourcesTree(this.index.resources());
  }

  dispose(): void {
    this.changed.dispose();
  }
}
