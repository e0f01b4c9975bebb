// The Forkspacer documents of the workspace's files, for references and rename across files that are not open.
// Cheap at start-up: nothing happens during initialize; the first scan starts after a pause (or when a request
// needs it), walks the workspace folders reading only *.yaml/*.yml, parses only documents with a top-level
// Forkspacer `kind:` (fileFacts.ts), yields to the event loop every few milliseconds so that diagnostics of
// the files being opened go first, and keeps only the facts (no texts, no parse trees). It follows
// workspace/didChangeWatchedFiles; open documents always win over what is on disk.
import { opendir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { URI } from 'vscode-uri';
import { diskFileFacts, openFileFacts } from './fileFacts';
import type { DocumentFacts } from './facts';

/** Folders never walked (dependencies, VCS data, and every dot-folder such as .git or .forkspacer). */
const SKIPPED_FOLDER = /^(?:node_modules|\..*)$/;
const YAML_FILE = /\.ya?ml$/i;
/** Files above this size are left out of the index (the editor still validates them when opened). */
const MAX_FILE_BYTES = 5 * 1024 * 1024;
/** A safety net for huge trees: the walk stops after this many YAML files. */
const MAX_FILES = 50_000;
const YIELD_EVERY_MS = 8;

export interface IndexedFile {
  uri: string;
  documents: DocumentFacts[];
}

export interface OpenDocuments {
  /** The text of an open document, by URI. */
  text(uri: string): string | undefined;
  uris(): string[];
}

export interface WorkspaceIndexStats {
  files: number;
  yamlFiles: number;
  ms: number;
}

export class WorkspaceIndex {
  private folders: string[] = [];
  private disk = new Map<string, DocumentFacts[]>();
  private scan: Promise<void> | undefined;
  private generation = 0;
  /** Changes seen while a scan runs are applied after it. */
  private pending = new Set<string>();
  /** Reads of changed files, one after the other (a request waits for those queued before it). */
  private applying: Promise<void> = Promise.resolve();
  private readonly openCache = new Map<string, { text: string; facts: DocumentFacts[] }>();
  private timer: NodeJS.Timeout | undefined;
  lastScan: WorkspaceIndexStats | undefined;

  constructor(
    private readonly open: OpenDocuments,
    private readonly log: (message: string) => void = () => undefined,
  ) {}

  /** Workspace folders as file-system paths. A change forgets the index (rebuilt when next needed). */
  setFolders(folders: string[]): void {
    if (JSON.stringify(folders) === JSON.stringify(this.folders)) return;
    this.folders = folders;
    this.generation++;
    this.disk.clear();
    this.scan = undefined;
  }

  /** Starts the scan after `delayMs` unless something asks for it earlier. */
  scheduleScan(delayMs: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.ready(), delayMs);
    this.timer.unref?.();
  }

  /** Resolves when the workspace has been scanned once (starting the scan if needed). */
  ready(): Promise<void> {
    clearTimeout(this.timer);
    this.scan ??= this.scanAll(this.generation);
    return this.scan;
  }

  /** A watched file was created, changed or deleted on disk. */
  fileChanged(uri: string, deleted: boolean): void {
    const key = normaliseUri(uri);
    if (!key.startsWith('file:') || !YAML_FILE.test(key)) return;
    if (deleted) {
      this.disk.delete(key);
      this.pending.delete(key);
      return;
    }
    this.pending.add(key);
    if (this.scan) void this.applyPending();
  }

  /** Every file with Forkspacer documents: open documents by their current text, the others as on disk. */
  async files(): Promise<IndexedFile[]> {
    await this.ready();
    await this.applyPending();
    const open = new Set(this.open.uris().map(normaliseUri));
    const files: IndexedFile[] = [];
    for (const uri of this.open.uris()) {
      const documents = this.openFacts(uri);
      if (documents?.length) files.push({ uri: normaliseUri(uri), documents });
    }
    for (const [uri, documents] of this.disk) if (!open.has(uri)) files.push({ uri, documents });
    return files;
  }

  /** The facts of one file now: its open text, else read from disk (never stale, used for edits). */
  async factsOf(uri: string): Promise<DocumentFacts[] | undefined> {
    const open = this.openFacts(uri);
    if (open) return open;
    const path = fsPath(uri);
    if (!path) return undefined;
    try {
      return diskFileFacts(await readFile(path, 'utf8'));
    } catch {
      return undefined;
    }
  }

  /** Facts of an open document (cached by its text), or undefined when it is not open. */
  openFacts(uri: string): DocumentFacts[] | undefined {
    const text = this.open.text(uri);
    if (text === undefined) {
      this.openCache.delete(uri);
      return undefined;
    }
    const cached = this.openCache.get(uri);
    if (cached && cached.text === text) return cached.facts;
    const facts = openFileFacts(text);
    this.openCache.set(uri, { text, facts });
    return facts;
  }

  forgetOpen(uri: string): void {
    this.openCache.delete(uri);
  }

  /** Applies the changes queued so far, after the scan and after earlier batches. */
  private applyPending(): Promise<void> {
    this.applying = this.applying.then(async () => {
      await this.scan;
      const batch = [...this.pending];
      this.pending.clear();
      for (const uri of batch) await this.readIntoIndex(uri);
    });
    return this.applying;
  }

  private async readIntoIndex(uri: string): Promise<void> {
    const path = fsPath(uri);
    if (!path) return;
    try {
      const info = await stat(path);
      if (!info.isFile() || info.size > MAX_FILE_BYTES) {
        this.disk.delete(uri);
        return;
      }
      const documents = diskFileFacts(await readFile(path, 'utf8'));
      if (documents.length) this.disk.set(uri, documents);
      else this.disk.delete(uri);
    } catch {
      this.disk.delete(uri);
    }
  }

  private async scanAll(generation: number): Promise<void> {
    const started = performance.now();
    let lastYield = started;
    let yamlFiles = 0;
    const found = new Map<string, DocumentFacts[]>();
    const pause = async () => {
      if (performance.now() - lastYield > YIELD_EVERY_MS) {
        await new Promise((resolve) => setImmediate(resolve));
        lastYield = performance.now();
      }
    };
    const walk = async (folder: string): Promise<void> => {
      let dir;
      try {
        dir = await opendir(folder);
      } catch {
        return;
      }
      for await (const entry of dir) {
        if (generation !== this.generation || yamlFiles >= MAX_FILES) return;
        const path = join(folder, entry.name);
        if (entry.isDirectory()) {
          if (!SKIPPED_FOLDER.test(entry.name)) await walk(path);
        } else if (entry.isFile() && YAML_FILE.test(entry.name)) {
          yamlFiles++;
          try {
            const info = await stat(path);
            if (info.size > MAX_FILE_BYTES) continue;
            const documents = diskFileFacts(await readFile(path, 'utf8'));
            if (documents.length) found.set(URI.file(path).toString(), documents);
          } catch {
            // unreadable: left out
          }
          await pause();
        }
      }
    };
    for (const folder of this.folders) await walk(folder);
    if (generation !== this.generation) return;
    this.disk = found;
    const ms = Math.round(performance.now() - started);
    this.lastScan = { files: found.size, yamlFiles, ms };
    this.log(`forkspacer: indexed ${found.size} Forkspacer files of ${yamlFiles} YAML files in ${ms} ms`);
  }
}

export function normaliseUri(uri: string): string {
  try {
    return URI.parse(uri).toString();
  } catch {
    return uri;
  }
}

function fsPath(uri: string): string | undefined {
  try {
    const parsed = URI.parse(uri);
    return parsed.scheme === 'file' ? parsed.fsPath : undefined;
  } catch {
    return undefined;
  }
}
