// File vs live (issue 9): which fields of the document differ from the live object, and which of them the
// operator treats as immutable after creation (spec.source, spec.workspace, spec.config: it installed the plugin
// with them, and Update ignores a change; FORKSPACER.md). Only fields the document sets are compared: the
// operator's defaults, annotations, finalizers and the status are not the user's.
import { isDeepStrictEqual } from 'node:util';
import type { DiffResult, KubeObject } from './types';

export const IMMUTABLE_MODULE_FIELDS = ['spec.source', 'spec.workspace', 'spec.config'] as const;

function isObject(v: unknown): v is Record<string, unknown> {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}

/** Changes of `file` against `live` under `path`; objects are walked, other values compared whole. */
function compare(path: string, file: unknown, live: unknown, out: DiffResult['changes'], whole: Set<string>): void {
  if (whole.has(path) || !isObject(file) || !isObject(live)) {
    if (!isDeepStrictEqual(normalise(file), normalise(live))) out.push({ path, file, live });
    return;
  }
  for (const k of Object.keys(file)) compare(`${path}.${k}`, file[k], live[k], out, whole);
}

/** An omitted spec.config and an empty one are the same to the operator. */
function normalise(v: unknown): unknown {
  return v === null ? undefined : v;
}

export function diffDocuments(doc: KubeObject, live: KubeObject | undefined): DiffResult {
  if (!live) return { exists: false, changes: [], immutable: [] };
  const changes: DiffResult['changes'] = [];
  // spec.source / spec.workspace / spec.config are compared as a whole (a different source is one change).
  const whole = new Set<string>(doc.kind === 'Module' ? IMMUTABLE_MODULE_FIELDS : []);
  const spec = withWorkspaceNamespace(isObject(doc.spec) ? doc.spec : {});
  const liveSpec = withWorkspaceNamespace(isObject(live.spec) ? live.spec : {});
  for (const k of Object.keys(spec)) compare(`spec.${k}`, spec[k], liveSpec[k], changes, whole);
  if (doc.kind === 'Module' && !('config' in spec) && liveSpec.config !== undefined)
    changes.push({ path: 'spec.config', file: undefined, live: liveSpec.config });
  for (const part of ['labels', 'annotations'] as const) {
    const mine = doc.metadata?.[part] ?? {};
    const theirs = live.metadata?.[part] ?? {};
    for (const k of Object.keys(mine))
      if (mine[k] !== theirs[k]) changes.push({ path: `metadata.${part}.${k}`, file: mine[k], live: theirs[k] });
  }
  const immutable =
    doc.kind === 'Module'
      ? changes.map((c) => c.path).filter((p) => (IMMUTABLE_MODULE_FIELDS as readonly string[]).includes(p))
      : [];
  return { exists: true, changes, immutable, live };
}

/** spec.workspace.namespace defaults to "default" (CRD default): an omitted one is no change. */
function withWorkspaceNamespace(spec: Record<string, unknown>): Record<string, unknown> {
  const ws = spec.workspace;
  if (!isObject(ws) || ws.namespace !== undefined) return spec;
  return { ...spec, workspace: { ...ws, namespace: 'default' } };
}
