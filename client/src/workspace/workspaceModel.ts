// What the sidebar and the commands know about the workspace: every Module and every resource definition,
// read from parsed YAML documents (the core's parseYamlFile). Pure: no vscode, tested with 1,000 modules.
import { decodeResource, type ModuleSource, type ResourceDefinition } from '../../../common/src/index';
import type { ModuleProblems } from './moduleProblems';

/** The part of a core ParsedDocument this model reads (so tests can hand-build documents). */
export interface DocumentLike {
  index: number;
  kind: string;
  value: unknown;
  startLine: number;
}

export interface ModuleEntry {
  /** `${path}#${documentIndex}`: unique and stable while the file keeps its document order. */
  key: string;
  /** `${namespace}/${name}`: how a host record is found (the host's module id). */
  recordKey: string;
  /** File system path of the file. */
  path: string;
  /** Path relative to the workspace folder, for display. */
  relPath: string;
  documentIndex: number;
  /** 0-based line where the document starts. */
  line: number;
  name: string;
  namespace: string;
  workspace: { name: string; namespace: string };
  source: ModuleSource;
  /** `spec.config` as written (undefined when absent). */
  input: Record<string, unknown> | undefined;
  /** The resource definition embedded in `source.raw`, when it decodes. */
  definition?: ResourceDefinition;
  hibernated: boolean;
  /** The operator's errors on the document, once the scanner validated it (workspace/moduleProblems.ts). */
  problems?: ModuleProblems;
}

export interface ResourceEntry {
  key: string;
  path: string;
  relPath: string;
  documentIndex: number;
  line: number;
  kind: 'Custom' | 'Helm';
  name: string;
  version: string;
  /** Undefined when the document does not decode (its problems are in the Problems view). */
  definition?: ResourceDefinition;
  /** The document as data (New Module from Resource embeds it as `source.raw`). */
  value: unknown;
}

export interface FileEntries {
  modules: ModuleEntry[];
  resources: ResourceEntry[];
}

/** The entries of one file. Documents of other kinds (Deployments, Compose files...) are ignored. */
export function entriesOfFile(path: string, relPath: string, documents: readonly DocumentLike[]): FileEntries {
  const modules: ModuleEntry[] = [];
  const resources: ResourceEntry[] = [];
  for (const doc of documents) {
    if (doc.kind === 'module') modules.push(moduleEntry(path, relPath, doc));
    else if (doc.kind === 'custom' || doc.kind === 'helm') resources.push(resourceEntry(path, relPath, doc));
  }
  return { modules, resources };
}

function moduleEntry(path: string, relPath: string, doc: DocumentLike): ModuleEntry {
  const value = record(doc.value);
  const metadata = record(value.metadata);
  const spec = record(value.spec);
  const workspace = record(spec.workspace);
  const source = moduleSource(spec.source);
  const name = text(metadata.name) || `(unnamed module #${doc.index + 1})`;
  const namespace = text(metadata.namespace) || 'default';
  const entry: ModuleEntry = {
    key: `${path}#${doc.index}`,
    recordKey: recordKeyOf(namespace, name),
    path,
    relPath,
    documentIndex: doc.index,
    line: doc.startLine,
    name,
    namespace,
    // operator: workspace.namespace defaults to `default`.
    workspace: { name: text(workspace.name), namespace: text(workspace.namespace) || 'default' },
    source,
    input: isRecord(spec.config) ? spec.config : undefined,
    hibernated: spec.hibernated === true,
  };
  if (source.type === 'raw') {
    const decoded = safeDecode(source.raw);
    if (decoded) entry.definition = decoded;
  }
  return entry;
}

function resourceEntry(path: string, relPath: string, doc: DocumentLike): ResourceEntry {
  const value = record(doc.value);
  const metadata = record(value.metadata);
  const definition = safeDecode(doc.value);
  const entry: ResourceEntry = {
    key: `${path}#${doc.index}`,
    path,
    relPath,
    documentIndex: doc.index,
    line: doc.startLine,
    kind: doc.kind === 'helm' ? 'Helm' : 'Custom',
    name: definition?.metadata.name || text(metadata.name) || `(unnamed resource #${doc.index + 1})`,
    version: definition?.metadata.version || text(metadata.version),
    value: doc.value,
  };
  if (definition) entry.definition = definition;
  return entry;
}

/**
 * The first line of a document that holds content: a document's start is its `---` marker (or leading comments),
 * where a CodeLens or a reveal would sit above the document's text. `lineAt` gives a file line, undefined past the end.
 */
export function firstContentLine(lineAt: (line: number) => string | undefined, start: number): number {
  for (let line = start; ; line++) {
    const text = lineAt(line);
    if (text === undefined) return start;
    if (/^---(?:[ \t]|$)/.test(text)) {
      if (text.slice(3).replace(/#.*/, '').trim() !== '') return line; // `--- kind: Module`: content on the marker line
      continue;
    }
    if (text.trim() !== '' && !/^\s*#/.test(text)) return line;
  }
}

/**
 * Host records are matched by module id (namespace/name), as the cluster identifies a Module: not by document index
 * (inserting a document above a module must not move its phase), and not by file (two files defining the same
 * Module define one object: whichever was applied last). Renaming a module makes it a new module, as for the operator.
 */
export function recordKeyOf(namespace: string, name: string): string {
  return `${namespace}/${name}`;
}

/** operator: with several sources set, the first of raw, configMap, httpURL wins (FORKSPACER.md, Module). */
export function moduleSource(raw: unknown): ModuleSource {
  const source = record(raw);
  if (source.raw !== undefined && source.raw !== null) return { type: 'raw', raw: source.raw };
  if (isRecord(source.configMap)) {
    return {
      type: 'configMap',
      name: text(source.configMap.name),
      namespace: text(source.configMap.namespace) || 'default',
    };
  }
  if (typeof source.httpURL === 'string' && source.httpURL) return { type: 'httpURL', url: source.httpURL };
  return { type: 'none' };
}

function safeDecode(value: unknown): ResourceDefinition | undefined {
  try {
    return decodeResource(value).definition;
  } catch {
    return undefined; // a half-typed document must never break the views
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function record(value: unknown): Record<string, unknown> {
  return isRecord(value) ? value : {};
}

function text(value: unknown): string {
  return typeof value === 'string'
    ? value
    : typeof value === 'number' || typeof value === 'boolean'
      ? String(value)
      : '';
}

/** All entries of the workspace, per file, replaced file by file as files change. */
export class WorkspaceIndex {
  private readonly files = new Map<string, FileEntries>();
  private cachedModules: ModuleEntry[] | undefined;
  private cachedResources: ResourceEntry[] | undefined;

  setFile(path: string, entries: FileEntries): void {
    if (entries.modules.length === 0 && entries.resources.length === 0) this.files.delete(path);
    else this.files.set(path, entries);
    this.cachedModules = this.cachedResources = undefined;
  }

  deleteFile(path: string): void {
    if (this.files.delete(path)) this.cachedModules = this.cachedResources = undefined;
  }

  /** Replaces everything (after a full scan). */
  reset(files: Iterable<[string, FileEntries]>): void {
    this.files.clear();
    for (const [path, entries] of files) this.setFile(path, entries);
    this.cachedModules = this.cachedResources = undefined;
  }

  modules(): ModuleEntry[] {
    this.cachedModules ??= [...this.files.values()].flatMap((f) => f.modules);
    return this.cachedModules;
  }

  resources(): ResourceEntry[] {
    this.cachedResources ??= [...this.files.values()].flatMap((f) => f.resources);
    return this.cachedResources;
  }

  module(key: string): ModuleEntry | undefined {
    return this.modules().find((m) => m.key === key);
  }

  /** The indexed files inside a folder (a deleted folder's files are dropped through this). */
  pathsUnder(folder: string): string[] {
    const prefix = folder.replace(/[\\/]+$/, '') + (folder.includes('\\') && !folder.includes('/') ? '\\' : '/');
    return [...this.files.keys()].filter((path) => path.startsWith(prefix));
  }

  modulesOfFile(path: string): ModuleEntry[] {
    return this.files.get(path)?.modules ?? [];
  }

  resource(key: string): ResourceEntry | undefined {
    return this.resources().find((r) => r.key === key);
  }
}
