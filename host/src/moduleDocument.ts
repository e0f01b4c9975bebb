// Picks a Module document out of a YAML file and names it (`namespace/name`, namespace default "default").
import { promises as fs } from 'node:fs';
import { resolve } from 'node:path';
import { parseYamlFile, positionAt, type ParsedDocument } from '../../common/src/index';
import { moduleId } from '../../common/src/host/record';

export type ModuleDocument =
  | { ok: true; file: string; doc: ParsedDocument; id: string; name: string; namespace: string }
  /** `syntax`: the file is there and holds a Module, which kubectl could not apply (not a usage error). */
  | { ok: false; error: string; syntax?: true };

export async function readModuleDocument(moduleFile: string, documentIndex: number): Promise<ModuleDocument> {
  const file = resolve(moduleFile);
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    return { ok: false, error: `cannot read ${file}: ${(error as Error).message}` };
  }
  const documents = parseYamlFile(text).documents;
  const doc = documents[documentIndex];
  if (!doc) return { ok: false, error: `${file} has no document ${documentIndex} (it has ${documents.length})` };
  if (doc.kind !== 'module') {
    return {
      ok: false,
      error: `document ${documentIndex} of ${file} is not a kind: Module (apiVersion batch.forkspacer.com/v1)`,
    };
  }
  // kubectl would refuse to apply it: nothing is installed, so no module state is written either.
  const syntax = doc.errors[0];
  if (syntax) {
    const at = positionAt(doc.lineStarts, syntax.pos[0]);
    const where = `${file}:${doc.startLine + at.line + 1}:${at.character + 1}`;
    return { ok: false, syntax: true, error: `${where}: YAML syntax error: ${syntax.message.split('\n')[0]}` };
  }
  const meta = (doc.value as { metadata?: { name?: unknown; namespace?: unknown } }).metadata ?? {};
  if (typeof meta.name !== 'string' || meta.name === '') {
    return { ok: false, error: `the Module in document ${documentIndex} of ${file} has no metadata.name` };
  }
  const namespace = typeof meta.namespace === 'string' && meta.namespace ? meta.namespace : 'default';
  return { ok: true, file, doc, id: moduleId(namespace, meta.name), name: meta.name, namespace };
}
