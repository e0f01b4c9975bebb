// Quick fixes for the core's diagnostics (LSP CodeActions with WorkspaceEdits).
import type { CodeAction, Diagnostic } from 'vscode-languageserver-types';

export function quickFixes(_text: string, _uri: string, _diagnostics: Diagnostic[]): CodeAction[] {
  return [];
}
