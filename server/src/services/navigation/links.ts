// Document links: a Module's `source.httpURL` to the local file it is mapped to (resources.urlMappings), and a
// Custom resource's local `spec.repo.file` (a path or file:// URL) to the plugin file or Go source folder.
// An http(s) URL without a mapping gets no link from us: VS Code already opens URLs in the browser.
import { statSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { URI } from 'vscode-uri';
import type { DocumentLink } from 'vscode-languageserver-types';
import type { CoreSettings } from '../../../../common/src/types';
import type { DocumentFacts } from './facts';
import { moduleResourceRef, ownResource } from './resourceTargets';

export function documentLinks(uri: string, docs: DocumentFacts[], settings: CoreSettings): DocumentLink[] {
  const links: DocumentLink[] = [];
  const base = baseFolder(uri);
  for (const doc of docs) {
    const source = doc.module?.source;
    if (source?.type === 'httpURL') {
      const ref = moduleResourceRef(uri, doc, settings);
      if (ref.kind === 'file' && isFile(ref.path))
        links.push({
          range: source.range,
          target: ref.uri,
          tooltip: `Open ${shown(ref.path, base)} (mapped by forkspacer.resources.urlMappings)`,
        });
    }
    const repoFile = ownResource(doc)?.repoFile;
    if (repoFile) {
      const local = localPluginPath(uri, repoFile.value);
      if (local)
        links.push({
          range: repoFile.range,
          target: URI.file(local.path).toString(),
          tooltip: local.directory
            ? `Plugin source folder ${shown(local.path, base)}`
            : `Plugin file ${shown(local.path, base)}`,
        });
    }
  }
  return links;
}

/**
 * A local `spec.repo.file` that exists: a file:// URL or a path, relative to the folder of the file that holds
 * the definition (as the local host resolves it: the Module's file for its source.raw, else the resource file).
 */
export function localPluginPath(fileUri: string, value: string): { path: string; directory: boolean } | undefined {
  const text = value.trim();
  if (text === '' || /^https?:/i.test(text)) return undefined;
  let path: string;
  try {
    if (/^file:/i.test(text)) path = fileURLToPath(text);
    else if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) return undefined;
    else if (isAbsolute(text)) path = text;
    else {
      const base = baseFolder(fileUri);
      if (!base) return undefined;
      path = resolve(base, text);
    }
  } catch {
    return undefined;
  }
  try {
    return { path, directory: statSync(path).isDirectory() };
  } catch {
    return undefined;
  }
}

function baseFolder(uri: string): string | undefined {
  try {
    const parsed = URI.parse(uri);
    return parsed.scheme === 'file' ? dirname(parsed.fsPath) : undefined;
  } catch {
    return undefined;
  }
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function shown(path: string, base: string | undefined): string {
  if (!base) return path;
  const rel = relative(base, path);
  return rel.startsWith('..') ? path : rel || '.';
}
