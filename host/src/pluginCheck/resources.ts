// The resource definitions a plugin folder is checked against: every `kind: Custom` document in the folder, and
// every Custom resource (a resource file, or a Module's `source.raw`) under the search roots whose
// `spec.repo.file` points at the folder (a relative path is relative to the file holding the definition).
import { promises as fs } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { decodeResource, parseYamlFile, type ResourceDefinition } from '../../../common/src/index';
import { pluginLocation } from '../pluginLocation';

export interface PluginResource {
  definition: ResourceDefinition;
  file: string;
  /** `my-plugin (resource.yaml)`, for messages. */
  label: string;
}

const SKIP = new Set(['node_modules', 'vendor', '.git']);
const MAX_FILES = 5000;
const MAX_BYTES = 5 << 20;

async function yamlFiles(root: string, out: string[]): Promise<void> {
  let entries;
  try {
    entries = await fs.readdir(root, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    if (out.length >= MAX_FILES) return;
    const path = join(root, e.name);
    if (e.isDirectory()) {
      if (!SKIP.has(e.name) && !e.name.startsWith('.')) await yamlFiles(path, out);
    } else if (e.isFile() && /\.ya?ml$/i.test(e.name)) out.push(path);
  }
}

/** Resources from one file's text (exported for the language server, which has open documents' text). */
export function resourcesInText(file: string, text: string, pluginDir: string): PluginResource[] {
  const dir = resolve(pluginDir);
  const inFolder = !relative(dir, file).startsWith('..');
  const out: PluginResource[] = [];
  for (const doc of parseYamlFile(text).documents) {
    let value: unknown;
    if (doc.kind === 'custom') value = doc.value;
    else if (doc.kind === 'module') {
      const raw = (doc.value as { spec?: { source?: { raw?: unknown } } } | null)?.spec?.source?.raw;
      if (raw && typeof raw === 'object' && (raw as { kind?: unknown }).kind === 'Custom') value = raw;
    }
    if (value === undefined) continue;
    const { definition } = decodeResource(value, doc.kind === 'custom' ? doc.text : undefined);
    if (!definition || definition.kind !== 'Custom') continue;
    const location = pluginLocation(definition.spec, file);
    const points = location.kind === 'source' && resolve(location.dir) === dir;
    if (points || (inFolder && doc.kind === 'custom'))
      out.push({ definition, file, label: `${definition.metadata.name || 'resource'} (${file})` });
  }
  return out;
}

export async function findPluginResources(pluginDir: string, searchRoots: string[]): Promise<PluginResource[]> {
  const files: string[] = [];
  for (const root of new Set([resolve(pluginDir), ...searchRoots.map((r) => resolve(r))])) await yamlFiles(root, files);
  const out: PluginResource[] = [];
  for (const file of [...new Set(files)].sort()) {
    const stat = await fs.stat(file).catch(() => undefined);
    if (!stat || stat.size > MAX_BYTES) continue;
    out.push(...resourcesInText(file, await fs.readFile(file, 'utf8'), pluginDir));
  }
  return out;
}
