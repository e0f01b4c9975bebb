// Language-client middleware that leaves plain YAML findings to the YAML extension when it reports the same
// (coexistenceModel.ts). Its diagnostics may arrive before or after ours: both orders are followed.
import * as vscode from 'vscode';
import type { LanguageClient, Middleware } from 'vscode-languageclient/node';
import { sameDiagnostics, withoutPeerDuplicates } from './coexistenceModel';

export class PeerDiagnostics implements vscode.Disposable {
  private readonly ours = new Map<string, { uri: vscode.Uri; all: vscode.Diagnostic[]; shown: vscode.Diagnostic[] }>();
  private readonly subscription: vscode.Disposable;
  client: LanguageClient | undefined;

  constructor() {
    this.subscription = vscode.languages.onDidChangeDiagnostics((event) => {
      for (const uri of event.uris) this.recheck(uri);
    });
  }

  readonly middleware: Middleware = {
    handleDiagnostics: (uri, diagnostics, next) => {
      const shown = withoutPeerDuplicates(diagnostics, vscode.languages.getDiagnostics(uri));
      if (diagnostics.length) this.ours.set(uri.toString(), { uri, all: diagnostics, shown });
      else this.ours.delete(uri.toString());
      next(uri, shown);
    },
  };

  private recheck(uri: vscode.Uri): void {
    const entry = this.ours.get(uri.toString());
    const collection = this.client?.diagnostics;
    if (!entry || !collection) return;
    const shown = withoutPeerDuplicates(entry.all, vscode.languages.getDiagnostics(uri));
    if (sameDiagnostics(shown, entry.shown)) return;
    entry.shown = shown;
    collection.set(uri, shown);
  }

  dispose(): void {
    this.subscription.dispose();
    this.ours.clear();
  }
}
