// Forkspacer: New Custom Resource — scaffolds <name>/resource.yaml and a Go plugin (main.go implementing
// base.IManager, go.mod) in a folder the user picks, then opens them.
import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import { customResourceFiles, isValidResourceName } from '../scaffold/scaffoldModel';

export function newCustomResource(ctx: Ctx) {
  return async (folderArg?: unknown): Promise<void> => {
    const folder = folderArg instanceof vscode.Uri ? folderArg : await pickFolder();
    if (!folder) return;
    const name = await vscode.window.showInputBox({
      title: 'New Custom Resource',
      prompt: 'Resource name (metadata.name; also the folder name)',
      value: 'my-plugin',
      validateInput: (v) =>
        isValidResourceName(v) ? undefined : 'Lower case letters, digits and dashes, at most 63 characters.',
    });
    if (!name) return;
    const target = vscode.Uri.joinPath(folder, name);
    if (await exists(target)) {
      void vscode.window.showErrorMessage(`${target.fsPath} already exists.`);
      return;
    }
    const files = customResourceFiles(name, ctx.settings.operatorVersion);
    for (const file of files) {
      await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(folder, file.path), new TextEncoder().encode(file.text));
    }
    ctx.log.info(`new Custom resource ${name}: ${files.map((f) => f.path).join(', ')} in ${folder.fsPath}`);
    await vscode.window.showTextDocument(vscode.Uri.joinPath(folder, files[1]!.path), { preview: false });
    await vscode.window.showTextDocument(vscode.Uri.joinPath(folder, files[0]!.path), { preview: false });
  };
}

async function pickFolder(): Promise<vscode.Uri | undefined> {
  const picked = await vscode.window.showOpenDialog({
    canSelectFolders: true,
    canSelectFiles: false,
    canSelectMany: false,
    openLabel: 'Create here',
    title: 'Folder for the new Custom resource',
    ...(vscode.workspace.workspaceFolders?.[0] ? { defaultUri: vscode.workspace.workspaceFolders[0].uri } : {}),
  });
  return picked?.[0];
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}
