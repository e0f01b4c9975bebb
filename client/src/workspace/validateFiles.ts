// "Validate Workspace": the core's per-document validation (the operator's verdicts) over every YAML file,
// into a DiagnosticCollection. Files open in an editor are left to the language server (same core).
import * as vscode from 'vscode';
import { createResolver, validateText, type Diagnostic } from '../../../common/src/index';
import type { ForkspacerSettings } from '../config';

export interface ValidationSummary {
  files: number;
  filesWithProblems: number;
  errors: number;
  warnings: number;
}

const SEVERITY: Record<number, vscode.DiagnosticSeverity> = {
  1: vscode.DiagnosticSeverity.Error,
  2: vscode.DiagnosticSeverity.Warning,
  3: vscode.DiagnosticSeverity.Information,
  4: vscode.DiagnosticSeverity.Hint,
};

export async function validateWorkspaceFiles(
  collection: vscode.DiagnosticCollection,
  settings: ForkspacerSettings,
  trusted: boolean,
  token: vscode.CancellationToken,
  progress: (done: number, total: number) => void,
): Promise<ValidationSummary> {
  // Untrusted: nothing is fetched over the network (mapped local folders are still read); the resolver's own
  // fetch (timeout, size cap) honours fetchHttp.
  const effective = { ...settings, fetchHttp: settings.fetchHttp && trusted };
  const resolver = createResolver({
    settings: effective,
    readFile: async (path) => new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.file(path))),
  });
  const uris = await vscode.workspace.findFiles('**/*.{yaml,yml}', '**/{node_modules,.git}/**');
  const open = new Set(vscode.workspace.textDocuments.map((d) => d.uri.toString()));
  const summary: ValidationSummary = { files: uris.length, filesWithProblems: 0, errors: 0, warnings: 0 };
  collection.clear();
  const abort = new AbortController();
  const cancel = token.onCancellationRequested(() => abort.abort());
  try {
    for (const [i, uri] of uris.entries()) {
      if (token.isCancellationRequested) break;
      progress(i, uris.length);
      const text = open.has(uri.toString())
        ? vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString())!.getText()
        : new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
      const diagnostics = await validateText(text, {
        settings: effective,
        resolver,
        documentUri: uri.toString(),
        // As in the editor: the local host runs local plugin paths the operator would refuse.
        audience: 'local-host',
        signal: abort.signal,
      });
      if (diagnostics.length === 0) continue;
      summary.filesWithProblems++;
      summary.errors += diagnostics.filter((d) => d.severity === 1).length;
      summary.warnings += diagnostics.filter((d) => d.severity === 2).length;
      // The language server already reports open files: don't show their problems twice.
      if (!open.has(uri.toString())) collection.set(uri, diagnostics.map(toVscode));
    }
  } finally {
    cancel.dispose();
  }
  return summary;
}

function toVscode(d: Diagnostic): vscode.Diagnostic {
  const range = new vscode.Range(d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character);
  const diagnostic = new vscode.Diagnostic(
    range,
    d.message,
    SEVERITY[d.severity ?? 1] ?? vscode.DiagnosticSeverity.Error,
  );
  diagnostic.source = d.source ?? 'forkspacer';
  if (d.code !== undefined) diagnostic.code = d.code;
  return diagnostic;
}
