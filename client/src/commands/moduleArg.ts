// Finds the module a command is about: a tree node, a CodeLens argument ({ path, documentIndex }), the Module
// under the cursor, or the user's pick.
import * as vscode from 'vscode';
import { parseYamlFile } from '../../../common/src/index';
import type { Ctx } from '../ctx';
import { entriesOfFile, type ModuleEntry, type ResourceEntry } from '../workspace/workspaceModel';
import { isAllowed, phaseLabel, toModulePhase, type ModuleAction } from './phaseActionsModel';

export async function resolveModule(ctx: Ctx, arg: unknown, action?: ModuleAction): Promise<ModuleEntry | undefined> {
  const a = (arg ?? {}) as Record<string, unknown>;
  if (a.type === 'module' && a.entry) return freshModule(a.entry as ModuleEntry);
  if (typeof a.path === 'string' && typeof a.documentIndex === 'number') {
    return (await modulesOfPath(a.path)).find((m) => m.documentIndex === a.documentIndex);
  }
  const editor = vscode.window.activeTextEditor;
  if (editor && editor.document.uri.scheme === 'file') {
    const modules = modulesOfDocument(editor.document);
    const line = editor.selection.active.line;
    const underCursor = modules.filter((m) => m.line <= line).pop();
    if (underCursor) return underCursor;
    if (modules.length === 1) return modules[0];
  }
  return pickModule(ctx, action);
}

/** The entry re-read from its file, so a command acts on what is on disk / in the editor now. */
async function freshModule(entry: ModuleEntry): Promise<ModuleEntry | undefined> {
  const modules = await modulesOfPath(entry.path);
  return (
    modules.find((m) => m.recordKey === entry.recordKey) ?? modules.find((m) => m.documentIndex === entry.documentIndex)
  );
}

export async function modulesOfPath(path: string): Promise<ModuleEntry[]> {
  const uri = vscode.Uri.file(path);
  const document = await vscode.workspace.openTextDocument(uri);
  return modulesOfDocument(document);
}

export function modulesOfDocument(document: vscode.TextDocument): ModuleEntry[] {
  try {
    return entriesOfFile(
      document.uri.fsPath,
      vscode.workspace.asRelativePath(document.uri),
      parseYamlFile(document.getText()).documents,
    ).modules;
  } catch {
    return [];
  }
}

async function pickModule(ctx: Ctx, action?: ModuleAction): Promise<ModuleEntry | undefined> {
  const modules = ctx.index.modules();
  const items = modules.map((entry) => {
    const phase = toModulePhase(ctx.recordFor(entry.recordKey)?.phase);
    return {
      label: entry.name,
      description: `${phaseLabel(phase)} · ${entry.workspace.name}`,
      detail: entry.relPath,
      entry,
      phase,
    };
  });
  const candidates = action ? items.filter((i) => isAllowed(i.phase, action)) : items;
  if (candidates.length === 0) {
    void vscode.window.showInformationMessage(
      action ? `No module in the workspace can ${action} now.` : 'No Forkspacer Module in the workspace.',
    );
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(candidates, {
    placeHolder: action ? `Module to ${action}` : 'Module',
    matchOnDetail: true,
  });
  return picked?.entry;
}

export async function resolveResource(ctx: Ctx, arg: unknown): Promise<ResourceEntry | undefined> {
  const a = (arg ?? {}) as Record<string, unknown>;
  if ((a.type === 'resource' || a.type === 'configItem') && a.entry) return a.entry as ResourceEntry;
  // A resource written a moment ago (New Custom Resource) is in the list.
  await ctx.scanner.flush();
  const resources = ctx.index.resources().filter((r) => r.definition);
  if (resources.length === 0) {
    void vscode.window.showInformationMessage('No valid Custom or Helm resource definition in the workspace.');
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    resources.map((entry) => ({
      label: entry.name,
      description: `${entry.kind} ${entry.version}`,
      detail: entry.relPath,
      entry,
    })),
    { placeHolder: 'Resource definition' },
  );
  return picked?.entry;
}
