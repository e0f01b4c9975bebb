// A lifecycle command on a Module that exists only in an editor (an untitled document from "New Module from
// Resource"): the local host runs Modules from files, so the user is offered to save it first, and the command
// then acts on the saved file.
import * as vscode from 'vscode';
import type { ModuleRef } from '../views/modulesModel';
import { actionTitle, type ModuleAction } from './phaseActionsModel';

/** The untitled document a command argument (a CodeLens' ModuleRef) or, without one, the active editor is about. */
export function untitledTarget(arg: unknown): { document: vscode.TextDocument; documentIndex?: number } | undefined {
  const a = (arg ?? {}) as Partial<ModuleRef>;
  if (typeof a.path === 'string') {
    const document = vscode.workspace.textDocuments.find((d) => d.isUntitled && d.uri.fsPath === a.path);
    return document && { document, ...(typeof a.documentIndex === 'number' ? { documentIndex: a.documentIndex } : {}) };
  }
  const editor = vscode.window.activeTextEditor;
  return arg === undefined && editor?.document.isUntitled ? { document: editor.document } : undefined;
}

/**
 * Offers to save the untitled document (VS Code's Save As). Returns the command's argument for the saved file
 * (none: the saved file's editor, which is now active), or undefined when the user declines or cancels.
 */
export async function saveFirst(
  target: { document: vscode.TextDocument; documentIndex?: number },
  action: ModuleAction,
): Promise<{ arg?: ModuleRef } | undefined> {
  const save = `Save and ${actionTitle(action)}`;
  const choice = await vscode.window.showWarningMessage(
    `${target.document.uri.path} is not saved: the local host ${action}s a Module from a file. Save it first?`,
    save,
  );
  if (choice !== save) return undefined;
  const saved = await vscode.workspace.save(target.document.uri);
  if (!saved || saved.scheme !== 'file') return undefined;
  return target.documentIndex === undefined ? {} : { arg: { path: saved.fsPath, documentIndex: target.documentIndex } };
}
