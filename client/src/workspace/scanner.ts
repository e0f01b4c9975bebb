// Keeps the WorkspaceIndex in step with the workspace: a full scan at start (never awaited by activate), then
// file-system events and open-document edits, debounced per file.
import * as vscode from 'vscode';
import { parseYamlFile, type ResourceResolver } from '../../../common/src/index';
import type { CoreSettings } from '../../../common/src/types';
import { KeyedDebouncer } from '../util/debounceModel';
import { entriesOfFile, type FileEntries, type WorkspaceIndex } from './workspaceModel';
import { moduleProblems, offlineResolver } from './moduleProblems';

const YAML_GLOB = '**/*.{yaml,yml}';
const EXCLUDE_GLOB = '**/{node_modules,.git}/**';
/** Files above this size are not parsed for the views (the language server still validates them when opened). */
const MAX_BYTES = 5 * 1024 * 1024;

export class WorkspaceScanner implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires after the index changed (a scan finished or a batch of files was re-read). */
  readonly onDidChange = this.changed.event;
  private readonly debouncer: KeyedDebouncer<string | undefined>;
  private scanning: Promise<void> | undefined;
  private generation = 0;

  constructor(
    private readonly index: WorkspaceIndex,
    private readonly log: vscode.LogOutputChannel,
    /** The settings the Modules are validated with (operator version, URL mappings). */
    private readonly settings: () => CoreSettings,
    debounceMs = 250,
  ) {
    // value: the open document's text, or undefined to read the file from disk (undefined + missing = deleted).
    this.debouncer = new KeyedDebouncer(debounceMs, (batch) => void this.applyBatch(batch));
    const watcher = vscode.workspace.createFileSystemWatcher(YAML_GLOB);
    this.disposables.push(
      watcher,
      watcher.onDidCreate((uri) => this.queue(uri)),
      watcher.onDidChange((uri) => this.queue(uri)),
      watcher.onDidDelete((uri) => this.queue(uri)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (isYaml(e.document) && e.contentChanges.length > 0) this.queue(e.document.uri, e.document.getText());
      }),
      // Closing a dirty document drops its edits: re-read the file.
      vscode.workspace.onDidCloseTextDocument((doc) => isYaml(doc) && doc.uri.scheme === 'file' && this.queue(doc.uri)),
      vscode.workspace.onDidChangeWorkspaceFolders(() => void this.scanAll()),
      this.changed,
      { dispose: () => this.debouncer.dispose() },
    );
  }

  /** Re-reads every YAML file of the workspace. Concurrent calls share one scan. */
  scanAll(): Promise<void> {
    this.scanning ??= this.doScan().finally(() => (this.scanning = undefined));
    return this.scanning;
  }

  private async doScan(): Promise<void> {
    const generation = ++this.generation;
    const started = performance.now();
    const uris = await vscode.workspace.findFiles(YAML_GLOB, EXCLUDE_GLOB);
    const files: [string, FileEntries][] = [];
    const resolver = this.resolver();
    for (let i = 0; i < uris.length; i++) {
      const entries = await this.read(resolver, uris[i]!);
      if (entries) files.push([uris[i]!.fsPath, entries]);
      // Yield to the extension host now and then: a large workspace must not block other extensions.
      if (i % 50 === 49) await new Promise((r) => setImmediate(r));
      if (generation !== this.generation) return; // a newer scan took over
    }
    this.index.reset(files);
    this.log.info(
      `scanned ${uris.length} YAML files in ${Math.round(performance.now() - started)} ms: ` +
        `${this.index.modules().length} modules, ${this.index.resources().length} resources`,
    );
    this.changed.fire();
  }

  private queue(uri: vscode.Uri, text?: string): void {
    if (uri.scheme !== 'file' || /[\\/](node_modules|\.git)[\\/]/.test(uri.fsPath)) return;
    this.debouncer.push(uri.toString(), text);
  }

  private async applyBatch(batch: Map<string, string | undefined>): Promise<void> {
    const resolver = this.resolver();
    for (const [key, text] of batch) {
      const uri = vscode.Uri.parse(key);
      const entries = await this.read(resolver, uri, text);
      if (entries) this.index.setFile(uri.fsPath, entries);
      else this.index.deleteFile(uri.fsPath);
    }
    this.changed.fire();
  }

  /** A resolver per scan or batch: mapped resource files are read again, nothing is fetched. */
  private resolver(): ResourceResolver {
    return offlineResolver(this.settings(), async (path) =>
      new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.file(path))),
    );
  }

  /** Parses one file (the open document's text wins over the disk). Undefined when it is gone or unreadable. */
  private async read(resolver: ResourceResolver, uri: vscode.Uri, text?: string): Promise<FileEntries | undefined> {
    try {
      if (text === undefined) {
        const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
        if (open) text = open.getText();
        else {
          const stat = await vscode.workspace.fs.stat(uri);
          if (stat.size > MAX_BYTES) return undefined;
          text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
        }
      }
      const documents = parseYamlFile(text).documents;
      const entries = entriesOfFile(uri.fsPath, vscode.workspace.asRelativePath(uri), documents);
      // Each Module's errors, for the Modules view's error state (what Problems shows for the open file).
      for (const entry of entries.modules) {
        const doc = documents.find((d) => d.index === entry.documentIndex);
        if (doc) entry.problems = await moduleProblems(doc, this.settings(), resolver);
      }
      return entries;
    } catch (error) {
      if (!(error instanceof vscode.FileSystemError)) this.log.warn(`could not read ${uri.fsPath}: ${String(error)}`);
      return undefined;
    }
  }

  dispose(): void {
    this.generation++;
    for (const d of this.disposables) d.dispose();
  }
}

function isYaml(doc: vscode.TextDocument): boolean {
  return doc.languageId === 'yaml' || /\.ya?ml$/i.test(doc.fileName);
}
