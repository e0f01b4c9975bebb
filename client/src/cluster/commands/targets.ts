// What a Cluster command is about: a tree node, a `namespace/name` key (detail items), a Module file's document
// ({ path, documentIndex }: the CodeLens), the Module under the cursor, or the user's pick among live objects.
import * as vscode from 'vscode';
import { parseYamlFile } from '../../../../common/src/index';
import type { KubeObject, ModuleView, WorkspaceView } from '../../../../cluster/src/types';
import { modulesOfDocument } from '../../commands/moduleArg';
import type { ClusterFeature } from '../clusterFeature';
import { moduleKey, type ClusterNode } from '../model/clusterTreeModel';

export interface FileDoc {
  path: string;
  documentIndex: number;
  doc: KubeObject;
  key: string;
  uri: vscode.Uri;
}

/** A Module (or Workspace) document of a file, parsed as kubectl reads it (YAML 1.1 booleans). */
export async function fileDoc(path: string, documentIndex: number): Promise<FileDoc | undefined> {
  const uri = vscode.Uri.file(path);
  const document = await vscode.workspace.openTextDocument(uri);
  const parsed = parseYamlFile(document.getText()).documents[documentIndex];
  if (!parsed || (parsed.kind !== 'module' && parsed.kind !== 'workspace')) return undefined;
  const doc = parsed.value as KubeObject;
  const key = `${doc.metadata?.namespace || 'default'}/${String(doc.metadata?.name ?? '')}`;
  return { path, documentIndex, doc, key, uri };
}

/** The file document a command was given, or the Module under the cursor of the active editor. */
export async function fileDocOf(arg: unknown): Promise<FileDoc | undefined> {
  const a = (arg ?? {}) as Record<string, unknown>;
  if (typeof a.path === 'string' && typeof a.documentIndex === 'number') return fileDoc(a.path, a.documentIndex);
  if (arg instanceof vscode.Uri) {
    const first = modulesOfDocument(await vscode.workspace.openTextDocument(arg))[0];
    return first ? fileDoc(first.path, first.documentIndex) : undefined;
  }
  const editor = vscode.window.activeTextEditor;
  if (editor && editor.document.uri.scheme === 'file') {
    const modules = modulesOfDocument(editor.document);
    const line = editor.selection.active.line;
    const entry = modules.filter((m) => m.line <= line).pop() ?? modules[0];
    if (entry) return fileDoc(entry.path, entry.documentIndex);
  }
  return undefined;
}

/** The workspace's Module file for a live Module (Diff from the tree). */
export async function fileDocFor(feature: ClusterFeature, key: string): Promise<FileDoc | undefined> {
  const entry = feature.ctx.index.modules().find((m) => m.recordKey === key);
  return entry ? fileDoc(entry.path, entry.documentIndex) : undefined;
}

export async function liveModuleOf(
  feature: ClusterFeature,
  arg: unknown,
  verb: string,
): Promise<ModuleView | undefined> {
  const key = await keyOf(arg, 'module');
  if (key) return feature.session.module(key) ?? notFound(feature, 'Module', key);
  const items = feature.session.snapshot().modules.map((m) => ({
    label: m.name,
    description: `${m.namespace} · ${m.phase || 'pending'} · ${m.workspace.name}`,
    key: moduleKey(m),
  }));
  if (!items.length) return notFound(feature, 'Module');
  const pick = await vscode.window.showQuickPick(items, { placeHolder: `Module to ${verb}` });
  return pick ? feature.session.module(pick.key) : undefined;
}

export async function liveWorkspaceOf(
  feature: ClusterFeature,
  arg: unknown,
  verb: string,
): Promise<WorkspaceView | undefined> {
  const key = await keyOf(arg, 'workspace');
  if (key) return feature.session.workspace(key) ?? notFound(feature, 'Workspace', key);
  const items = feature.session.snapshot().workspaces.map((w) => ({
    label: w.name,
    description: `${w.namespace} · ${w.phase || 'pending'}${w.hibernated ? ' · hibernated' : ''}`,
    key: moduleKey(w),
  }));
  if (!items.length) return notFound(feature, 'Workspace');
  const pick = await vscode.window.showQuickPick(items, { placeHolder: `Workspace to ${verb}` });
  return pick ? feature.session.workspace(pick.key) : undefined;
}

async function keyOf(arg: unknown, type: 'module' | 'workspace'): Promise<string | undefined> {
  if (typeof arg === 'string') return arg;
  const node = arg as ClusterNode | undefined;
  if (node?.type === 'module' && type === 'module') return moduleKey(node.module);
  if (node?.type === 'workspace' && type === 'workspace') return moduleKey(node.workspace);
  const a = (arg ?? {}) as Record<string, unknown>;
  if (type === 'module' && typeof a.path === 'string') return (await fileDocOf(arg))?.key;
  if (type === 'module' && !arg) return (await fileDocOf(undefined))?.key;
  return undefined;
}

function notFound(feature: ClusterFeature, what: string, key?: string): undefined {
  const where = feature.session.selectedContext ? ` in context "${feature.session.selectedContext}"` : '';
  void vscode.window.showWarningMessage(
    key ? `${what} ${key} is not in the cluster${where}.` : `No ${what} in the cluster${where}.`,
  );
  return undefined;
}
