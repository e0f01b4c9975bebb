// Go to definition, find references and rename of config aliases, across a resource definition, the Modules that
// use it and its Helm templates. A Module is tied to its resource the way the operator resolves it (resourceTargets.ts);
// the workspace index (workspaceIndex.ts) finds the Modules and resources in files that are not open.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { URI } from 'vscode-uri';
import type { Location, LocationLink, Position, Range, TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import type { CoreSettings } from '../../../../common/src/types';
import { yamlString } from '../../../../common/src/fixes';
import type { AliasSite, ConfigItemSite, DocumentFacts, ModuleFacts, ResourceFacts } from './facts';
import { diskFileFacts } from './fileFacts';
import { localPluginPath } from './links';
import {
  documentIdentity,
  fileExists,
  moduleResourceRef,
  ownResource,
  remoteResourceUri,
  type ResourceRef,
} from './resourceTargets';
import { normaliseUri, type WorkspaceIndex } from './workspaceIndex';

/** What the cursor is on. */
export type Hit =
  | { type: 'key'; doc: DocumentFacts; module: ModuleFacts; site: AliasSite }
  | { type: 'item'; doc: DocumentFacts; resource: ResourceFacts; site: ConfigItemSite }
  | { type: 'template'; doc: DocumentFacts; resource: ResourceFacts; site: AliasSite }
  | { type: 'httpURL'; doc: DocumentFacts; module: ModuleFacts; range: Range }
  | { type: 'repoFile'; doc: DocumentFacts; resource: ResourceFacts; value: string; range: Range };

/** A rename (or prepareRename) that makes no sense here; the message is shown to the user. */
export class RenameRefused extends Error {}

export interface NavigationOptions {
  index: WorkspaceIndex;
  settings: () => CoreSettings;
  /** The text of a fetched resource (waits for the fetch; fails when fetching is not allowed). */
  remoteText: (url: string) => Promise<{ text: string } | { error: string }>;
}

/** Where an alias is written for one resource: its items, its templates and the Module keys that set it. */
interface AliasSites {
  resourceUri?: string;
  resource?: ResourceFacts;
  items: { uri: string; site: AliasSite }[];
  templates: { uri: string; site: AliasSite }[];
  keys: { uri: string; site: AliasSite; module: ModuleFacts }[];
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

export class Navigation {
  constructor(private readonly options: NavigationOptions) {}

  /** What is under the cursor in an open document. */
  hitAt(uri: string, position: Position): Hit | undefined {
    const docs = this.options.index.openFacts(uri) ?? [];
    for (const doc of docs) {
      const module = doc.module;
      if (module) {
        const key = module.configKeys.find((k) => contains(k.range, position));
        if (key) return { type: 'key', doc, module, site: key };
        if (module.source.type === 'httpURL' && contains(module.source.range, position))
          return { type: 'httpURL', doc, module, range: module.source.range };
      }
      const resource = ownResource(doc);
      if (!resource) continue;
      const item = resource.items.find((i) => contains(i.range, position));
      if (item) return { type: 'item', doc, resource, site: item };
      const template = resource.templates.find((t) => contains(t.range, position));
      if (template) return { type: 'template', doc, resource, site: template };
      if (resource.repoFile && contains(resource.repoFile.range, position))
        return { type: 'repoFile', doc, resource, value: resource.repoFile.value, range: resource.repoFile.range };
    }
    return undefined;
  }

  async definition(uri: string, position: Position): Promise<LocationLink[] | null> {
    const hit = this.hitAt(uri, position);
    if (!hit) return null;
    switch (hit.type) {
      case 'key': {
        const ref = moduleResourceRef(uri, hit.doc, this.options.settings());
        const target = await this.resourceOf(ref);
        const item = target && lastItem(target.resource, hit.site.alias);
        return item ? [link(hit.site.range, target.uri, item)] : null;
      }
      case 'template': {
        const item = lastItem(hit.resource, hit.site.alias);
        return item ? [link(hit.site.range, uri, item)] : null;
      }
      case 'item':
        // F12 on the declaration itself: VS Code then shows its references.
        return [link(hit.site.range, uri, hit.site)];
      case 'httpURL': {
        const ref = moduleResourceRef(uri, hit.doc, this.options.settings());
        if (ref.kind === 'file' && !fileExists(ref.path)) return null;
        const target = await this.resourceOf(ref);
        if (target) return [wholeLink(hit.range, target.uri, target.resource.range)];
        if (ref.kind === 'remote') return [wholeLink(hit.range, ref.uri, zeroRange())];
        return null;
      }
      case 'repoFile': {
        const file = await pluginDefinitionFile(uri, hit.value);
        return file ? [wholeLink(hit.range, URI.file(file).toString(), zeroRange())] : null;
      }
    }
  }

  async references(uri: string, position: Position, includeDeclaration: boolean): Promise<Location[]> {
    const hit = this.hitAt(uri, position);
    if (!hit || (hit.type !== 'key' && hit.type !== 'item' && hit.type !== 'template')) return [];
    const identity = this.identityOf(uri, hit);
    if (!identity) return [];
    const sites = await this.sitesOf(identity, hit.site.alias);
    const locations: Location[] = [];
    if (includeDeclaration) for (const s of sites.items) locations.push({ uri: s.uri, range: s.site.range });
    for (const s of [...sites.keys, ...sites.templates]) locations.push({ uri: s.uri, range: s.site.range });
    return locations;
  }

  /** The alias under the cursor and its range, or a refusal saying why it cannot be renamed. */
  async prepareRename(uri: string, position: Position): Promise<{ range: Range; placeholder: string } | null> {
    const docs = this.options.index.openFacts(uri);
    if (!docs?.length) return null; // not a Forkspacer file: another extension may rename (YAML anchors)
    const hit = this.hitAt(uri, position);
    if (!hit || (hit.type !== 'key' && hit.type !== 'item' && hit.type !== 'template'))
      throw new RenameRefused(
        "Only a config alias can be renamed here: put the cursor on an item's alias, a key of a Module's spec.config or a {{ .config.<alias> }} reference.",
      );
    if (hit.type === 'key') {
      const ref = moduleResourceRef(uri, hit.doc, this.options.settings());
      if (ref.kind === 'unresolved')
        throw new RenameRefused(`The resource of this Module cannot be resolved: ${ref.reason}.`);
      if (ref.kind === 'remote')
        throw new RenameRefused(
          `The resource of this Module is fetched from ${ref.url} and is read-only here. Map the URL to a local folder (forkspacer.resources.urlMappings) to rename its aliases.`,
        );
      if (ref.kind === 'file' && !fileExists(ref.path))
        throw new RenameRefused(`The resource of this Module is mapped to ${ref.path}, which does not exist.`);
    }
    const sites = await this.sitesOf(this.identityOf(uri, hit)!, hit.site.alias);
    if (!sites.items.length)
      throw new RenameRefused(
        `'${hit.site.alias}' is not an alias of ${describe(sites.resource)}: there is no config item to rename (the operator refuses this key as an unknown field).`,
      );
    if ([...sites.items, ...sites.keys].some((s) => s.site.style === 'block'))
      throw new RenameRefused(`'${hit.site.alias}' is written as a block scalar somewhere: rename it by hand.`);
    return { range: hit.site.range, placeholder: hit.site.alias };
  }

  async rename(uri: string, position: Position, newName: string): Promise<WorkspaceEdit> {
    const prepared = await this.prepareRename(uri, position);
    if (!prepared) throw new RenameRefused('This is not a Forkspacer document.');
    const hit = this.hitAt(uri, position)!;
    if (hit.type !== 'key' && hit.type !== 'item' && hit.type !== 'template') throw new RenameRefused('not an alias');
    const alias = hit.site.alias;
    const name = newName.trim();
    if (name === '') throw new RenameRefused('An alias cannot be empty.');
    if (name === alias) return { changes: {} };
    const identity = this.identityOf(uri, hit)!;
    const sites = await this.sitesOf(identity, alias);
    // The edit's ranges come from the files as they are now, not from the index.
    sites.keys = await this.freshKeys(sites.keys, identity, alias);
    if (sites.resource?.items.some((i) => i.alias === name))
      throw new RenameRefused(`${describe(sites.resource)} already has a config item with the alias '${name}'.`);
    for (const key of sites.keys)
      if (key.module.configKeys.some((k) => k.alias === name))
        throw new RenameRefused(`Module ${key.module.name ?? '(unnamed)'} already sets '${name}' in its spec.config.`);
    const fieldTemplates = sites.templates.filter((t) => t.site.form === 'field');
    if (fieldTemplates.length && !IDENTIFIER.test(name))
      throw new RenameRefused(
        `'${name}' cannot be written as {{ .config.${name} }} in the ${fieldTemplates.length} template reference(s) that use '${alias}': use letters, digits and _ only.`,
      );
    if (sites.templates.some((t) => t.site.form === 'index') && /["\\]/.test(name))
      throw new RenameRefused(`'${name}' cannot be written inside {{ index .config "..." }}.`);
    const changes: Record<string, TextEdit[]> = {};
    const add = (target: string, range: Range, text: string) => (changes[target] ??= []).push({ range, newText: text });
    for (const s of [...sites.items, ...sites.keys]) add(s.uri, s.site.range, scalar(name, s.site.style));
    for (const s of sites.templates) add(s.uri, s.site.range, name);
    return { changes };
  }

  /** The identity of the resource an alias hit belongs to, or undefined when it cannot be resolved. */
  identityOf(uri: string, hit: Hit): string | undefined {
    if (hit.type === 'key') {
      const ref = moduleResourceRef(uri, hit.doc, this.options.settings());
      return ref.kind === 'unresolved' ? undefined : ref.identity;
    }
    return documentIdentity(uri, hit.doc.index);
  }

  /** Every place `alias` is written for the resource `identity`, in the whole workspace. */
  private async sitesOf(identity: string, alias: string): Promise<AliasSites> {
    const found: AliasSites = { items: [], templates: [], keys: [] };
    const own = await this.resourceByIdentity(identity);
    if (own) {
      found.resourceUri = own.uri;
      found.resource = own.resource;
      for (const site of own.resource.items) if (site.alias === alias) found.items.push({ uri: own.uri, site });
      for (const site of own.resource.templates) if (site.alias === alias) found.templates.push({ uri: own.uri, site });
    }
    const settings = this.options.settings();
    for (const file of await this.options.index.files()) {
      for (const doc of file.documents) {
        if (!doc.module) continue;
        const ref = moduleResourceRef(file.uri, doc, settings);
        if (ref.kind === 'unresolved' || ref.identity !== identity) continue;
        for (const site of doc.module.configKeys)
          if (site.alias === alias) found.keys.push({ uri: file.uri, site, module: doc.module });
      }
    }
    return found;
  }

  /** The Module keys of `keys`' files, read again (open text or disk). */
  private async freshKeys(keys: AliasSites['keys'], identity: string, alias: string): Promise<AliasSites['keys']> {
    const settings = this.options.settings();
    const fresh: AliasSites['keys'] = [];
    for (const uri of new Set(keys.map((k) => k.uri))) {
      for (const doc of (await this.options.index.factsOf(uri)) ?? []) {
        if (!doc.module) continue;
        const ref = moduleResourceRef(uri, doc, settings);
        if (ref.kind === 'unresolved' || ref.identity !== identity) continue;
        for (const site of doc.module.configKeys)
          if (site.alias === alias) fresh.push({ uri, site, module: doc.module });
      }
    }
    return fresh;
  }

  /** The resource facts of a Module's resource, read now (open text, disk, or the fetched text). */
  async resourceOf(ref: ResourceRef): Promise<{ uri: string; resource: ResourceFacts } | undefined> {
    if (ref.kind === 'unresolved') return undefined;
    if (ref.kind === 'remote') {
      const fetched = await this.options.remoteText(ref.url);
      if ('error' in fetched) return undefined;
      const resource = diskFileFacts(fetched.text).find((d) => d.index === 0)?.resource;
      return resource ? { uri: ref.uri, resource } : undefined;
    }
    return this.resourceByIdentity(ref.identity);
  }

  private async resourceByIdentity(identity: string): Promise<{ uri: string; resource: ResourceFacts } | undefined> {
    if (identity.startsWith('url:')) {
      const url = identity.slice(4);
      return this.resourceOf({ kind: 'remote', identity, url, uri: remoteResourceUri(url) });
    }
    const hash = identity.lastIndexOf('#');
    const uri = identity.slice(0, hash);
    const index = Number(identity.slice(hash + 1));
    const docs = await this.options.index.factsOf(uri);
    const doc = docs?.find((d) => d.index === index);
    const resource = doc && ownResource(doc);
    return resource ? { uri: normaliseUri(uri), resource } : undefined;
  }
}

/** The item the operator uses for an alias: the last one (its validators are a map keyed by alias). */
function lastItem(resource: ResourceFacts, alias: string): ConfigItemSite | undefined {
  return resource.items.filter((i) => i.alias === alias).at(-1);
}

function link(origin: Range, uri: string, target: AliasSite | ConfigItemSite): LocationLink {
  return {
    originSelectionRange: origin,
    targetUri: uri,
    targetRange: 'itemRange' in target ? target.itemRange : target.range,
    targetSelectionRange: target.range,
  };
}

function wholeLink(origin: Range, uri: string, range: Range): LocationLink {
  const start = { start: range.start, end: range.start };
  return { originSelectionRange: origin, targetUri: uri, targetRange: range, targetSelectionRange: start };
}

function zeroRange(): Range {
  return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
}

function contains(range: Range, p: Position): boolean {
  const afterStart = p.line > range.start.line || (p.line === range.start.line && p.character >= range.start.character);
  const beforeEnd = p.line < range.end.line || (p.line === range.end.line && p.character <= range.end.character);
  return afterStart && beforeEnd;
}

function describe(resource: ResourceFacts | undefined): string {
  if (!resource) return 'the resource';
  return `${resource.kind === 'custom' ? 'Custom' : 'Helm'} resource ${resource.name ?? '(unnamed)'}`;
}

/** The new alias written in the style of the old one (quotes kept; plain only where it reads as the string). */
function scalar(name: string, style: AliasSite['style']): string {
  if (style === 'double') return JSON.stringify(name);
  if (style === 'single') return `'${name.replace(/'/g, "''")}'`;
  return yamlString(name);
}

/**
 * Where F12 on `spec.repo.file` goes: the file, or for a Go source folder the file that declares `NewManager`
 * (else its go.mod). An http(s) URL has no local target.
 */
async function pluginDefinitionFile(resourceUri: string, value: string): Promise<string | undefined> {
  const local = localPluginPath(resourceUri, value);
  if (!local) return undefined;
  if (!local.directory) return local.path;
  let names: string[] = [];
  try {
    names = (await readdir(local.path)).filter((n) => n.endsWith('.go') && !n.endsWith('_test.go')).sort();
  } catch {
    return undefined;
  }
  for (const name of names) {
    const text = await readFile(join(local.path, name), 'utf8').catch(() => '');
    if (/^func\s+NewManager\s*\(/m.test(text)) return join(local.path, name);
  }
  return fileExists(join(local.path, 'go.mod')) ? join(local.path, 'go.mod') : names[0] && join(local.path, names[0]);
}
