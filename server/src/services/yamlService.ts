// yaml-language-server's language service, used one YAML document at a time.
// yaml-language-server associates a schema with a whole file; here every document is handed over as its
// own virtual TextDocument whose URI names its kind (`….forkspacer-module.yaml`), so each gets its own
// schema through ordinary file associations (resolved once and cached by yaml-language-server), and a
// Module whose resource is known gets a generated schema for `spec.config` through the custom provider.
import { getLanguageService, type LanguageService } from 'yaml-language-server';
import { yamlDocumentsCache } from 'yaml-language-server/out/server/src/languageservice/parser/yaml-documents';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CompletionList, DocumentSymbol, Hover, Position } from 'vscode-languageserver-types';
import type { DocumentKind } from '../../../common/src/types';
import { aliasesTooCostly } from './aliasGuard';
import { installHoverMatches } from './hoverMatches';
import { ownCopy } from './ownCopy';
import { canShareParse, sharedParse } from './sharedParse';
import customSchema from '../../../schemas/custom.schema.json';
import helmSchema from '../../../schemas/helm.schema.json';
import moduleSchema from '../../../schemas/module.schema.json';
import workspaceSchema from '../../../schemas/workspace.schema.json';

export type SchemaKind = Exclude<DocumentKind, 'other'>;

const SCHEMAS: Record<SchemaKind, { uri: string; schema: unknown }> = {
  custom: { uri: 'forkspacer://schemas/custom.schema.json', schema: customSchema },
  helm: { uri: 'forkspacer://schemas/helm.schema.json', schema: helmSchema },
  module: { uri: 'forkspacer://schemas/module.schema.json', schema: moduleSchema },
  workspace: { uri: 'forkspacer://schemas/workspace.schema.json', schema: workspaceSchema },
};

const CONFIG_SCHEMA_PREFIX = 'forkspacer-config://resource/';

/** A schema for a Module's `spec.config` (generated from its resource's config items). */
export interface ConfigSchema {
  /** Stable identity of the resource's config items (a hash). */
  key: string;
  /** JSON schema of `spec.config`. */
  schema: unknown;
}

export class YamlService {
  private readonly ls: LanguageService;
  private readonly configSchemas = new Map<string, string>();
  /** Virtual document URI → config schema key, for the custom schema provider. */
  private readonly configSchemaOf = new Map<string, string>();
  private readonly versions = new Map<string, { text: string; version: number }>();

  /**
   * `reuseValidationParses` (default true): a document's parse for completion and hover is the validation's (see
   * sharedParse.ts) where there is one; false parses every document again (the tests' reference).
   */
  constructor(private readonly options: { reuseValidationParses?: boolean } = {}) {
    installHoverMatches();
    this.ls = getLanguageService({
      // Only our own generated config schemas are ever requested: nothing is loaded from disk or network.
      schemaRequestService: async (uri) => {
        const key = uri.startsWith(CONFIG_SCHEMA_PREFIX)
          ? uri.slice(CONFIG_SCHEMA_PREFIX.length).replace(/\.json$/, '')
          : '';
        const text = this.configSchemas.get(key);
        if (text === undefined) throw new Error(`unknown schema ${uri}`);
        return text;
      },
      workspaceContext: { resolveRelativePath: (relativePath) => relativePath },
      // Our schemas' descriptions are Markdown: completion documentation is sent as MarkupContent (else as a plain
      // string, which VS Code shows with its `**` and backticks).
      clientCapabilities: {
        textDocument: { completion: { completionItem: { documentationFormat: ['markdown', 'plaintext'] } } },
      },
    });
    this.ls.configure({
      validate: true,
      hover: true,
      completion: true,
      format: false,
      isKubernetes: false,
      yamlVersion: '1.2',
      // The parse cache is checked against the parser options' custom tags: completion passes the configured ones,
      // hover and symbols the default `[]`. Left undefined, a hover after a completion parsed the document again.
      customTags: [],
      hoverSchemaSource: false,
      schemas: (Object.keys(SCHEMAS) as SchemaKind[]).map((kind) => ({
        uri: SCHEMAS[kind].uri,
        fileMatch: [`*.forkspacer-${kind}.yaml`],
        schema: SCHEMAS[kind].schema,
      })),
    });
    this.ls.registerCustomSchemaProvider(async (uri) => {
      const key = this.configSchemaOf.get(uri);
      return key ? `${CONFIG_SCHEMA_PREFIX}${key}.json` : [];
    });
  }

  async complete(
    kind: SchemaKind,
    slot: string,
    text: string,
    position: Position,
    config?: ConfigSchema,
  ): Promise<CompletionList> {
    if (aliasesTooCostly(text)) return { isIncomplete: false, items: [] };
    const document = this.textDocument(kind, slot, text, config);
    return withoutLibraryBug(() => this.ls.doComplete(document, position, false), { isIncomplete: false, items: [] });
  }

  async hover(
    kind: SchemaKind,
    slot: string,
    text: string,
    position: Position,
    config?: ConfigSchema,
  ): Promise<Hover | null> {
    if (aliasesTooCostly(text)) return null;
    const document = this.textDocument(kind, slot, text, config);
    return withoutLibraryBug(() => this.ls.doHover(document, position), null);
  }

  symbols(kind: SchemaKind, slot: string, text: string): DocumentSymbol[] {
    if (aliasesTooCostly(text)) return [];
    const document = this.textDocument(kind, slot, text);
    try {
      return this.ls.findDocumentSymbols2(document);
    } catch (error) {
      if (isLibraryBug(error)) return [];
      throw error;
    }
  }

  /**
   * Parses a document the way completion and hover will (yaml-language-server's parse, cached by URI and version),
   * so that the first request on it finds the parse done: run in idle time after diagnostics (issue 12). A new
   * version takes the validation's parse where it can (textDocument).
   */
  prepare(kind: SchemaKind, slot: string, text: string): void {
    if (aliasesTooCostly(text)) return;
    const document = this.textDocument(kind, slot, text);
    if (parseCache()?.get(document.uri)?.version !== document.version) yamlDocumentsCache.getYamlDocument(document);
  }

  /**
   * Takes the schema matches hover reads for this text's parse (hoverMatches.ts), with a hover on its first key, so
   * that the first hover on the document finds them; parses it first where `prepare` did not. Idle-time work.
   */
  async prepareHover(kind: SchemaKind, slot: string, text: string): Promise<void> {
    if (aliasesTooCostly(text)) return;
    const document = this.textDocument(kind, slot, text);
    const root = yamlDocumentsCache.getYamlDocument(document).documents[0]?.root;
    const first = root?.type === 'object' ? root.properties[0]?.keyNode : undefined;
    if (!first) return;
    await withoutLibraryBug(() => this.ls.doHover(document, document.positionAt(first.offset)), null);
  }

  /** Whether `prepare` would find this text's parse done (no side effect); true where it has nothing to do. */
  isPrepared(kind: SchemaKind, slot: string, text: string): boolean {
    const uri = virtualUri(slot, kind);
    const known = this.versions.get(uri);
    return (known?.text === text && parseCache()?.get(uri)?.version === known.version) || aliasesTooCostly(text);
  }

  /** Whether a parse of this text for completion and hover would be the validation's (sharedParse.ts): cheap. */
  reusesParse(text: string): boolean {
    return this.options.reuseValidationParses !== false && canShareParse(text);
  }

  /** Forget the virtual documents of a closed file (`slot` prefix). */
  forget(slotPrefix: string): void {
    const parses = parseCache();
    for (const uri of [...this.versions.keys()])
      if (uri.includes(`/${encodeURIComponent(slotPrefix)}`)) {
        this.versions.delete(uri);
        parses?.delete(uri);
      }
    for (const uri of [...this.configSchemaOf.keys()])
      if (uri.includes(`/${encodeURIComponent(slotPrefix)}`)) this.configSchemaOf.delete(uri);
  }

  /**
   * A virtual TextDocument. The URI is stable per slot (file + document index) and the version changes
   * with the text, so yaml-language-server's parse cache (keyed by URI and version) is reused between
   * validation, completion and hover of an unchanged document.
   */
  private textDocument(kind: SchemaKind, slot: string, text: string, config?: ConfigSchema): TextDocument {
    const uri = virtualUri(slot, config ? 'config' : kind);
    if (config) {
      if (!this.configSchemas.has(config.key)) {
        const wrapped = {
          type: 'object',
          properties: { spec: { type: 'object', properties: { config: config.schema } } },
        };
        this.configSchemas.set(config.key, JSON.stringify(wrapped));
      }
      // The custom provider is asked on every request, so a new mapping needs no cache reset.
      this.configSchemaOf.set(uri, config.key);
    }
    const previous = this.versions.get(uri);
    if (previous?.text === text) return TextDocument.create(uri, 'yaml', previous.version, previous.text);
    const own = ownCopy(text);
    const version = (previous?.version ?? 0) + 1;
    this.versions.set(uri, { text: own, version });
    // The two flavours of a Module (its kind, its spec.config) share one parse, whichever came first.
    const other = virtualUri(slot, config ? kind : 'config');
    if (!this.shareParse(other, uri, text) && this.options.reuseValidationParses !== false)
      adoptValidationParse(uri, version, own);
    return TextDocument.create(uri, 'yaml', version, own);
  }

  /**
   * The config flavour of a document is the same text under another URI (another schema): it gets the parse the
   * kind's URI already has instead of a second one, and the other way round. The parse does not depend on the
   * schema.
   */
  private shareParse(from: string, to: string, text: string): boolean {
    const parses = parseCache();
    const known = this.versions.get(from);
    const entry = parses?.get(from);
    const version = this.versions.get(to)?.version;
    if (!parses || !entry || known?.text !== text || entry.version !== known.version || version === undefined)
      return false;
    parses.set(to, { ...entry, version });
    return true;
  }
}

/** A document's virtual URI: per slot, and per flavour (its kind's schema, or its `spec.config`'s). */
function virtualUri(slot: string, flavour: SchemaKind | 'config'): string {
  return `forkspacer-virtual:///${encodeURIComponent(slot)}.forkspacer-${flavour}.yaml`;
}

interface ParseCacheEntry {
  version: number;
  document?: unknown;
  parserOptions?: { customTags: string[]; yamlVersion: '1.2' };
}

/**
 * A new version of a virtual document gets the validation's parse of its text (sharedParse) as
 * yaml-language-server's parse, when there is one: the options are those completion and hover ask for
 * (`customTags: []`, YAML 1.2, as configured above), so the cache takes it as its own.
 */
function adoptValidationParse(uri: string, version: number, text: string): void {
  const parses = parseCache();
  if (!parses) return;
  const document = sharedParse(text);
  if (document) parses.set(uri, { version, document, parserOptions: { customTags: [], yamlVersion: '1.2' } });
}

/**
 * yaml-language-server's parse cache (URI → parse of a version): its `cache` field is private, so it is looked up
 * defensively; without it, documents are only parsed once more and closed files' parses stay.
 */
function parseCache(): Map<string, ParseCacheEntry> | undefined {
  const cache = (yamlDocumentsCache as unknown as { cache?: unknown }).cache;
  return cache instanceof Map ? (cache as Map<string, ParseCacheEntry>) : undefined;
}

/**
 * Two ways yaml-language-server 1.25 throws on odd but legal YAML, found by fuzzing; such a document gets no
 * completion or hover instead of an error per request:
 * - a map with a null key (`~: x`, `: x`) where the schema forbids extra properties: it formats "Property {0} is
 *   not allowed." with a null argument, which @vscode/l10n cannot format (`Object.keys(null)`);
 * - an alias inside the node it refers to (`a: &x [*x]`): its AST converter recurses until the stack overflows.
 * Matched by message: in the bundle the stack names dist/server.js, not the library.
 */
function isLibraryBug(error: unknown): boolean {
  return (
    (error instanceof TypeError && error.message === 'Cannot convert undefined or null to object') ||
    (error instanceof RangeError && error.message === 'Maximum call stack size exceeded')
  );
}

async function withoutLibraryBug<T>(call: () => Promise<T>, empty: T): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (isLibraryBug(error)) return empty;
    throw error;
  }
}
