// Language-client middleware: with Red Hat's YAML extension installed, our outline keeps one entry per Forkspacer
// document and leaves the keys to its outline (coexistenceModel.ts outlineNextToPeer), so the keys are not listed twice.
import * as vscode from 'vscode';
import type { Middleware } from 'vscode-languageclient/node';
import { outlineNextToPeer } from './coexistenceModel';
import { YAML_EXTENSION_ID } from './yamlExtension';

export const peerOutline: Middleware = {
  provideDocumentSymbols: async (document, token, next) => {
    const symbols = await next(document, token);
    if (!symbols || !vscode.extensions.getExtension(YAML_EXTENSION_ID)) return symbols;
    const nested = symbols.filter((s): s is vscode.DocumentSymbol => 'children' in s);
    return nested.length === symbols.length ? outlineNextToPeer(nested) : symbols;
  },
};
