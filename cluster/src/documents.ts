// Module / Workspace YAML files → KubeObjects the backend can send, with a clear message for what it cannot.
import { parseAllDocuments } from 'yaml';
import { ClusterError } from './errors';
import type { KubeObject } from './types';

export const GROUP = 'batch.forkspacer.com';
export const VERSION = 'v1';
export const API_VERSION = `${GROUP}/${VERSION}`;

/** The Module and Workspace documents of a YAML text (other kinds are skipped). */
export function parseModuleDocuments(text: string, file = 'the document'): KubeObject[] {
  const docs = parseAllDocuments(text);
  const out: KubeObject[] = [];
  for (const doc of docs) {
    if (doc.errors.length) throw new ClusterError('bad-document', `${file}: ${doc.errors[0].message}`);
    const value: unknown = doc.toJS();
    if (!value || typeof value !== 'object' || Array.isArray(value)) continue;
    const o = value as KubeObject;
    if (o.apiVersion === API_VERSION && (o.kind === 'Module' || o.kind === 'Workspace')) out.push(o);
  }
  return out;
}

/** Checks what the backend needs of a document: apiVersion, kind, metadata.name. Returns namespace and name. */
export function identify(
  doc: KubeObject,
  kinds: readonly string[] = ['Module', 'Workspace'],
): {
  kind: 'Module' | 'Workspace';
  namespace: string;
  name: string;
} {
  if (doc.apiVersion !== API_VERSION || !kinds.includes(String(doc.kind)))
    throw new ClusterError(
      'bad-document',
      `Not a Forkspacer ${kinds.join(' or ')} (apiVersion: ${API_VERSION}): got ${String(doc.apiVersion)} ${String(doc.kind)}.`,
    );
  const name = doc.metadata?.name;
  if (!name || typeof name !== 'string')
    throw new ClusterError('bad-document', `The ${String(doc.kind)} has no metadata.name.`);
  return { kind: doc.kind as 'Module' | 'Workspace', namespace: doc.metadata?.namespace || 'default', name };
}
