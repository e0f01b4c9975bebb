// Where a Custom resource's plugin is, from `spec.repo` (operator: exactly one of `file` or `configMap`).
// Beyond the operator's http(s) URLs, the host accepts local work: `file://` URLs and plain paths, to a
// .so or to a Go source folder. Relative paths (`file: ./`) are relative to the folder of the file that holds the
// definition: the Module file for source.raw, the resource file for a URL mapped to a local folder.
import { statSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export type PluginLocation =
  | { kind: 'http'; url: string }
  | { kind: 'file'; path: string }
  | { kind: 'source'; dir: string }
  | { kind: 'configMap'; name: string; namespace: string }
  | { kind: 'invalid'; reason: string };

export function pluginLocation(spec: Record<string, unknown>, definitionFile: string): PluginLocation {
  const repo = spec.repo;
  if (!repo || typeof repo !== 'object')
    return {
      kind: 'invalid',
      reason: 'the resource has no spec.repo (a Custom resource needs spec.repo.file or spec.repo.configMap)',
    };
  const { file, configMap } = repo as { file?: unknown; configMap?: unknown };
  if (typeof file === 'string' && file.trim() !== '') {
    const value = file.trim();
    if (/^https?:\/\//i.test(value)) return { kind: 'http', url: value };
    let path: string;
    try {
      path = /^file:/i.test(value)
        ? fileURLToPath(value)
        : isAbsolute(value)
          ? value
          : resolve(dirname(definitionFile), value);
    } catch (error) {
      return {
        kind: 'invalid',
        reason: `spec.repo.file ${JSON.stringify(value)} is not a usable file URL: ${(error as Error).message}`,
      };
    }
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value) && !/^file:/i.test(value)) {
      return {
        kind: 'invalid',
        reason: `spec.repo.file ${JSON.stringify(value)}: only http(s) URLs, file:// URLs and paths are supported`,
      };
    }
    let stat;
    try {
      stat = statSync(path);
    } catch {
      return { kind: 'invalid', reason: `spec.repo.file: ${path} does not exist` };
    }
    return stat.isDirectory() ? { kind: 'source', dir: path } : { kind: 'file', path };
  }
  if (configMap && typeof configMap === 'object') {
    const { name, namespace } = configMap as { name?: unknown; namespace?: unknown };
    if (typeof name !== 'string' || !name) return { kind: 'invalid', reason: 'spec.repo.configMap.name is missing' };
    // operator's code: an empty namespace means "default" (the docs say the module's namespace).
    return { kind: 'configMap', name, namespace: typeof namespace === 'string' && namespace ? namespace : 'default' };
  }
  return { kind: 'invalid', reason: 'custom module does not specify a plugin file or configmap source' };
}

export function describeLocation(location: PluginLocation): string {
  switch (location.kind) {
    case 'http':
      return location.url;
    case 'file':
      return location.path;
    case 'source':
      return location.dir;
    case 'configMap':
      return `configMap ${location.namespace}/${location.name}`;
    case 'invalid':
      return location.reason;
  }
}
