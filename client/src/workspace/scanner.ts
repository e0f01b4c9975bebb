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
  /** The batches being applied, in order (a later batch of the same file must not land first). */
  private applying: Promise<void> = Promise.resolve();
  private generation = 0;

  constructor(
    private readonly index: WorkspaceIndex,
    private readonly log: vscode.LogOutputChannel,
    /** The settings the Modules are validated with (operator version, URL mappings). */
    private readonly settings: () => CoreSettings,
    debounceMs = 250,
  ) {
    // value: the open document's text, or undefined to read the file from disk (undefined + missing = deleted).
    this.debouncer = new KeyedDebouncer(debounceMs, (batch) => {
      const previous = this.applying;
      this.applying = previous.then(() => this.applyBatch(batch)).catch(() => undefined);
    });
    const watcher = vscode.workspace.createFileSystemWatcher(YAML_GLOB);
    // Folders: a folder created with files in it at once (New Custom Resource, a git checkout) may be reported
    // without its files (the watcher adds the new folder after they were written), and a deleted folder without
    // its files. The folder's YAML files are then read, or dropped, from here.
    const folders = vscode.workspace.createFileSystemWatcher('**/*', false, true, false);
    this.disposables.push(
      watcher,
      folders,
      folders.onDidCreate((uri) => void this.folderCreated(uri)),
      folders.onDidDelete((uri) => this.folderDeleted(uri)),
      watcher.onDidCreate((uri) => this.queue(uri)),
      watcher.onDidChange((uri) => this.queue(uri)),
      watcher.onDidDelete((uri) => this.queue(uri)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (isYaml(e.document) && e.contentChanges.length > 0) this.queue(e.document.uri, e.document.getText());
      }),
      // A file written by a command and opened at once (New Custom Resource), or saved (Save As of an untitled
      // Module), is known without waiting for the file watcher, whose events can come late or not at all.
      vscode.workspace.onDidOpenTextDocument((doc) => isYaml(doc) && this.queue(doc.uri, doc.getText())),
      vscode.workspace.onDidSaveTextDocument((doc) => isYaml(doc) && this.queue(doc.uri, doc.getText())),
      vscode.workspace.onDidCreateFiles((e) => e.files.forEach((uri) => isYamlPath(uri) && this.queue(uri))),
      // Closing a dirty document drops its edits: re-read the file.
      vscode.workspace.onDidCloseTextDocument((doc) => isYaml(doc) && doc.uri.scheme === 'file' && this.queue(doc.uri)),
      vscode.workspace.onDidChangeWorkspaceFolders(() => void this.scanAll()),
      this.changed,
      { dispose: () => this.debouncer.dispose() },
    );
  }

  /**
   * Applies what is queued now instead of after the debounce, and waits for it: a picker about to list the
   * workspace's resources must see a file created a moment ago.
   */
  async flush(): Promise<void> {
    this.debouncer.flushNow();
    await this.applying;
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

  private async folderCreated(uri: vscode.Uri): Promise<void> {
    if (uri.scheme !== 'file' || /[\\/](node_modules|\.git)([\\/]|$)/.test(uri.fsPath)) return;
    // Files (main.go, go.sum, ...) are not looked at: only a name without an extension may be a new folder.
    if (/\.[A-Za-z0-9]+$/.test(uri.path.slice(uri.path.lastIndexOf('/') + 1))) return;
    try {
      if ((await vscode.workspace.fs.stat(uri)).type !== vscode.FileType.Directory) return;
      const files = await vscode.workspace.findFiles(new vscode.RelativePattern(uri, YAML_GLOB), EXCLUDE_GLOB);
      for (const file of files) this.queue(file);
    } catch {
      // gone again: nothing to read
    }
  }

  private folderDeleted(uri: vscode.Uri): void {
    if (uri.scheme !== 'file' || isYamlPath(uri)) return;
    for (const path of this.index.pathsUnder(uri.fsPath)) this.queue(vscode.Uri.file(path));
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

function isYamlPath(uri: vscode.Uri): boolean {
  return /\.ya?ml$/i.test(uri.path);
}
