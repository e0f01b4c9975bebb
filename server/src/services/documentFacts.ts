// Small facts read from one parsed document's value: its title for the outline and a Module's source.
import type { DocumentKind, ModuleSource } from '../../../common/src/types';

const KIND_LABEL: Record<DocumentKind, string> = {
  custom: 'Custom',
  helm: 'Helm',
  module: 'Module',
  workspace: 'Workspace',
  other: 'Document',
};

export function metadataOf(value: unknown): { name?: string; version?: string } {
  const metadata = field(value, 'metadata');
  const name = scalarText(field(metadata, 'name'));
  const version = scalarText(field(metadata, 'version'));
  return { ...(name !== undefined ? { name } : {}), ...(version !== undefined ? { version } : {}) };
}

/** "Module my-app", "Custom my-plugin 1.0.0". */
export function documentTitle(kind: DocumentKind, value: unknown): string {
  const { name, version } = metadataOf(value);
  const resource = kind === 'custom' || kind === 'helm';
  return [KIND_LABEL[kind], name ?? '(unnamed)', resource ? version : undefined]
    .filter((p) => p !== undefined)
    .join(' ');
}

/** A Module's `spec.source` the way the operator picks it: the first of raw, configMap, httpURL. */
export function moduleSourceOf(value: unknown): ModuleSource {
  const source = field(field(value, 'spec'), 'source');
  const raw = field(source, 'raw');
  if (raw !== undefined && raw !== null) return { type: 'raw', raw };
  const configMap = field(source, 'configMap');
  if (configMap !== undefined && configMap !== null) {
    return {
      type: 'configMap',
      name: scalarText(field(configMap, 'name')) ?? '',
      namespace: scalarText(field(configMap, 'namespace')) ?? 'default',
    };
  }
  const url = field(source, 'httpURL');
  if (typeof url === 'string' && url !== '') return { type: 'httpURL', url };
  return { type: 'none' };
}

export function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)[key]
    : undefined;
}

function scalarText(value: unknown): string | undefined {
  return typeof value === 'string'
    ? value
    : typeof value === 'number' || typeof value === 'boolean'
      ? String(value)
      : undefined;
}
