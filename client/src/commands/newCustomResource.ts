// Forkspacer: New Custom Resource — creates a plugin folder (typed relative to the workspace folder, e.g.
// plugins/my-plugin) holding resource.yaml (its plugin is the folder itself, `file: ./`), module.yaml (a Module
// that installs it), main.go implementing base.IManager and go.mod; then runs `go mod tidy` there (go.sum), so the
// Module Installs on the first click. From the Resources view's title or the palette; given a folder (a Uri), the
// path is relative to that folder.
import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import { customResourceFiles, scaffoldFolder } from '../scaffold/scaffoldModel';
import { runGoModTidy } from './goModTidy';

export function newCustomResource(ctx: Ctx) {
  return async (folderArg?: unknown): Promise<void> => {
    const base = folderArg instanceof vscode.Uri ? await folderOf(folderArg) : await pickBase();
    if (!base) return;
    let value = 'plugins/my-plugin';
    for (let i = 2; i <= 100 && !(await isFree(vscode.Uri.joinPath(base, value))); i++)
      value = `plugins/my-plugin-${i}`;
    const input = await vscode.window.showInputBox({
      title: 'New Custom Resource',
      prompt: `Folder to create for the plugin, relative to ${vscode.workspace.asRelativePath(base, true) || base.fsPath}. Its name becomes the resource name.`,
      value,
      valueSelection: [value.lastIndexOf('/') + 1, value.length],
      validateInput: async (text) => {
        const folder = scaffoldFolder(text);
        if (!folder.ok) return folder.message;
        return (await isFree(vscode.Uri.joinPath(base, folder.relPath)))
          ? undefined
          : `${folder.relPath} already exists and is not an empty folder: pick a new one.`;
      },
    });
    if (input === undefined) return;
    const target = scaffoldFolder(input);
    if (!target.ok) return;
    const folder = vscode.Uri.joinPath(base, target.relPath);
    if (!(await isFree(folder))) {
      void vscode.window.showErrorMessage(`${folder.fsPath} already exists and is not an empty folder.`);
      return;
    }
    const workspaces = [...new Set(ctx.index.modules().map((m) => m.workspace.name))].filter(Boolean);
    const files = customResourceFiles(target.name, {
      operatorVersion: ctx.settings.operatorVersion,
      workspace: workspaces[0] ?? 'dev-workspace',
    });
    await vscode.workspace.fs.createDirectory(folder);
    for (const file of files) {
      await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(folder, file.path), new TextEncoder().encode(file.text));
    }
    ctx.log.info(`new Custom resource ${target.name} in ${folder.fsPath}: ${files.map((f) => f.path).join(', ')}`);
    // go.sum: the plugin builds and the Module installs on the first click. Without it (cancelled, offline,
    // untrusted), Install runs go mod tidy itself. It runs while the files open.
    const tidied = ctx.trusted ? runGoModTidy(ctx, folder.fsPath) : Promise.resolve(false);
    for (const path of ['main.go', 'resource.yaml', 'module.yaml'])
      await vscode.window.showTextDocument(vscode.Uri.joinPath(folder, path), { preview: false });
    if (!ctx.trusted) {
      void vscode.window.showInformationMessage(
        `Created ${target.relPath}. go mod tidy did not run (the workspace is not trusted): Install runs it once trusted.`,
      );
      return;
    }
    if (await tidied) {
      void vscode.window.showInformationMessage(
        `Created ${target.relPath}: a Go plugin, its resource and module.yaml. Install it from the CodeLens in module.yaml.`,
      );
    }
  };
}

/** The workspace folder (picked when there are several), or a folder from a dialog when none is open. */
async function pickBase(): Promise<vscode.Uri | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length === 1) return folders[0]!.uri;
  if (folders.length > 1)
    return (await vscode.window.showWorkspaceFolderPick({ placeHolder: 'Workspace folder for the new plugin' }))?.uri;
  const picked = await vscode.window.showOpenDialog({
    canSelectFolders: true,
    canSelectFiles: false,
    canSelectMany: false,
    openLabel: 'Create the plugin folder in here',
    title: 'New Custom Resource',
  });
  return picked?.[0];
}

/** A folder given by the caller, or the folder of a file given. */
async function folderOf(uri: vscode.Uri): Promise<vscode.Uri> {
  const stat = await vscode.workspace.fs.stat(uri).then(
    (s) => s,
    () => undefined,
  );
  return stat && stat.type & vscode.FileType.File ? vscode.Uri.joinPath(uri, '..') : uri;
}

/** Nothing there yet, or an empty folder. */
async function isFree(uri: vscode.Uri): Promise<boolean> {
  try {
    const stat = await vscode.workspace.fs.stat(uri);
    if (!(stat.type & vscode.FileType.Directory)) return false;
    return (await vscode.workspace.fs.readDirectory(uri)).length === 0;
  } catch {
    return true;
  }
}
