// Forkspacer: New Module from Resource — a Module for a resource definition with spec.config filled with the
// defaults, opened as a new untitled YAML document named after the Module, next to the resource (so Save, or
// "Save and Install", writes it there without asking for a name).
import * as vscode from 'vscode';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Ctx } from '../ctx';
import { moduleFromResourceYaml } from '../scaffold/scaffoldModel';
import { resolveResource } from './moduleArg';

/** `<folder>/<name>.yaml`, or `<name>-2.yaml`... when a file or an open untitled document has that path. */
function freePath(folder: string, name: string): string {
  const taken = (path: string) => existsSync(path) || vscode.workspace.textDocuments.some((d) => d.uri.fsPath === path);
  let path = join(folder, `${name}.yaml`);
  for (let n = 2; taken(path); n++) path = join(folder, `${name}-${n}.yaml`);
  return path;
}

export function newModuleFromResource(ctx: Ctx) {
  return async (arg?: unknown): Promise<void> => {
    const resource = await resolveResource(ctx, arg);
    if (!resource?.definition) return;
    const source = await vscode.window.showQuickPick(
      [
        { label: 'Embed the resource', description: 'source.raw', type: 'raw' as const },
        { label: 'Reference it by URL', description: 'source.httpURL', type: 'httpURL' as const },
      ],
      { title: `New Module from ${resource.name}`, placeHolder: 'Where the Module finds its resource definition' },
    );
    if (!source) return;
    let url: string | undefined;
    if (source.type === 'httpURL') {
      url = await vscode.window.showInputBox({
        title: `URL of ${resource.name}`,
        value: `https://example.com/resources/${resource.name}.yaml`,
        validateInput: (v) => (/^https?:\/\/\S+$/.test(v) ? undefined : 'An http(s) URL.'),
      });
      if (!url) return;
    }
    const workspaces = [
      ...new Set(
        ctx.index
          .modules()
          .map((m) => m.workspace.name)
          .filter(Boolean),
      ),
    ];
    const text = moduleFromResourceYaml(resource.definition, {
      moduleName: `${resource.name}-module`,
      workspace: workspaces[0] ?? 'dev-workspace',
      source: url ? { type: 'httpURL', url } : { type: 'raw', resource: resource.value },
    });
    const path = freePath(dirname(resource.path), `${resource.name}-module`);
    const uri = vscode.Uri.file(path).with({ scheme: 'untitled' });
    const document = await vscode.workspace.openTextDocument(uri);
    const edit = new vscode.WorkspaceEdit();
    edit.insert(uri, new vscode.Position(0, 0), text);
    await vscode.workspace.applyEdit(edit);
    if (document.languageId !== 'yaml') await vscode.languages.setTextDocumentLanguage(document, 'yaml');
    await vscode.window.showTextDocument(document, { preview: false });
  };
}
