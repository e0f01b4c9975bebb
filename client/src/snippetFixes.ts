// Quick fixes whose inserted value is a stand-in ("add missing required key"): the server marks them with
// `data.snippet`, the text of their one edit with the value as a snippet placeholder. LSP 3.17 workspace edits
// cannot carry snippets, so this middleware turns that edit into a SnippetTextEdit: applied, the value is
// selected and the user types over it.
import * as vscode from 'vscode';
import type { Middleware } from 'vscode-languageclient/node';

export const snippetFixes: Pick<Middleware, 'provideCodeActions'> = {
  async provideCodeActions(document, range, context, token, next) {
    const actions = await next(document, range, context, token);
    for (const action of actions ?? []) {
      if (action instanceof vscode.CodeAction) asSnippet(action, document.uri);
    }
    return actions;
  },
};

function asSnippet(action: vscode.CodeAction & { data?: unknown }, uri: vscode.Uri): void {
  const snippet = (action.data as { snippet?: unknown } | undefined)?.snippet;
  const edits = action.edit?.get(uri);
  if (typeof snippet !== 'string' || !action.edit || edits?.length !== 1 || action.edit.size !== 1) return;
  const edit = new vscode.WorkspaceEdit();
  edit.set(uri, [new vscode.SnippetTextEdit(edits[0]!.range, new vscode.SnippetString(snippet))]);
  action.edit = edit;
}
