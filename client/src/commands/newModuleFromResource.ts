// Forkspacer: New Module from Resource — a Module for a resource definition with spec.config filled with the
// defaults, opened as a new untitled YAML document.
import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import { moduleFromResourceYaml } from '../scaffold/scaffoldModel';
import { resolveResource } from './moduleArg';

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
    const document = await vscode.workspace.openTextDocument({ language: 'yaml', content: text });
    await vscode.window.showTextDocument(document, { preview: false });
  };
}
