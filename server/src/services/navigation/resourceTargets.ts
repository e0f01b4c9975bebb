// Which resource definition a Module uses, as a place navigation can go to: the Module's own `source.raw`, a
// local file reached through `resources.urlMappings`, or a fetched URL (shown read-only through a virtual
// document). Each resource has an identity string, so that Modules and resources can be matched across the
// workspace without fetching anything.
import { existsSync } from 'node:fs';
import { URI } from 'vscode-uri';
import { REMOTE_RESOURCE_SCHEME } from '../../../../common/src/protocol';
import { mappedPath } from '../../../../common/src/resolve';
import type { CoreSettings } from '../../../../common/src/types';
import type { DocumentFacts, ModuleFacts, ResourceFacts } from './facts';
import { normaliseUri } from './workspaceIndex';

export type ResourceRef =
  /** The Module's own `source.raw`: identity is the Module document. */
  | { kind: 'inline'; identity: string; uri: string; docIndex: number }
  /** A local file (the operator reads its first document). */
  | { kind: 'file'; identity: string; uri: string; path: string; url: string }
  /** Fetched over HTTP: read-only. */
  | { kind: 'remote'; identity: string; url: string; uri: string }
  | { kind: 'unresolved'; reason: string };

/** Identity of the resource defined by document `index` of `uri` (a resource, or a Module's `source.raw`). */
export function documentIdentity(uri: string, index: number): string {
  return `${normaliseUri(uri)}#${index}`;
}

/** The resource a Module uses, without reading or fetching it. */
export function moduleResourceRef(uri: string, doc: DocumentFacts, settings: CoreSettings): ResourceRef {
  const module = doc.module;
  if (!module) return { kind: 'unresolved', reason: 'not a Module' };
  return sourceRef(uri, doc.index, module, settings);
}

function sourceRef(uri: string, index: number, module: ModuleFacts, settings: CoreSettings): ResourceRef {
  const source = module.source;
  switch (source.type) {
    case 'raw':
      return source.resource
        ? { kind: 'inline', identity: documentIdentity(uri, index), uri, docIndex: index }
        : { kind: 'unresolved', reason: "this Module's source.raw is not a Custom or Helm resource definition" };
    case 'httpURL': {
      const path = mappedPath(source.url, settings.urlMappings);
      if (path) {
        const fileUri = URI.file(path).toString();
        return { kind: 'file', identity: documentIdentity(fileUri, 0), uri: fileUri, path, url: source.url };
      }
      return { kind: 'remote', identity: `url:${source.url}`, url: source.url, uri: remoteResourceUri(source.url) };
    }
    case 'configMap':
      return {
        kind: 'unresolved',
        reason: `this Module's resource comes from ConfigMap ${source.namespace}/${source.name} in the cluster, which the editor does not read`,
      };
    default:
      return { kind: 'unresolved', reason: 'this Module has no source (raw, configMap or httpURL)' };
  }
}

/** Whether a mapped file exists (a mapping may point at a file not written yet). */
export function fileExists(path: string): boolean {
  return existsSync(path);
}

/** The resource facts a document defines itself: a resource document, or a Module's inline resource. */
export function ownResource(doc: DocumentFacts): ResourceFacts | undefined {
  if (doc.resource) return doc.resource;
  const source = doc.module?.source;
  return source?.type === 'raw' ? source.resource : undefined;
}

/** `forkspacer-resource:/example.com/resources/x.yaml?url=...`: the path gives the tab title and YAML mode. */
export function remoteResourceUri(url: string): string {
  let path = '/resource.yaml';
  try {
    const parsed = new URL(url);
    path = `/${parsed.host}${parsed.pathname}`;
  } catch {
    // keep the generic name
  }
  if (!/\.ya?ml$/i.test(path)) path += '.yaml';
  return URI.from({ scheme: REMOTE_RESOURCE_SCHEME, path, query: new URLSearchParams({ url }).toString() }).toString();
}
