// Our core's verdict on a whole file, per document, in the operator oracle's terms: refused (any error diagnostic)
// or accepted, the error messages, and for a Module with an inline resource the config NewManager receives.
import {
  DEFAULT_SETTINGS,
  createResolver,
  moduleInstallPlan,
  parseYamlFile,
  validateDocument,
  type ParsedDocument,
} from '../../common/src/index';
import { resourceFromText, type ResourceResolver } from '../../common/src/resolve';

export interface TsDocVerdict {
  kind: ParsedDocument['kind'];
  ok: boolean;
  errors: string[];
  /** Codes of our warnings and information (for the accepted-but-warned tally). */
  warnings: string[];
  config?: Record<string, unknown>;
  goTypes?: Record<string, string>;
  text: string;
}

/** The documents the oracle serves for a file (FileCase.resources, FileCase.configMaps). */
export interface Served {
  resources?: Record<string, string>;
  configMaps?: Record<string, string>;
}

// Offline: an httpURL is never fetched unless the case serves it (the oracle serves the same text to the operator's
// readModuleFromHTTP); a served ConfigMap is resolved as the language server's cluster checks resolve it
// (server/src/services/clusterLookups.ts resolveConfigMap). One resolver per file: its cache must not outlive it.
function contextFor(served: Served) {
  const resources = served.resources ?? {};
  const settings = { ...DEFAULT_SETTINGS, fetchHttp: Object.keys(resources).length > 0 };
  const inner = createResolver({
    settings,
    fetchText: (url) =>
      Object.prototype.hasOwnProperty.call(resources, url)
        ? Promise.resolve(resources[url]!)
        : Promise.reject(new Error('offline')),
  });
  const resolver: ResourceResolver = {
    async resolve(source, from, signal) {
      const key = source.type === 'configMap' ? `${source.namespace}/${source.name}` : undefined;
      const text = key !== undefined ? served.configMaps?.[key] : undefined;
      if (text === undefined) return inner.resolve(source, from, signal);
      const staged = resourceFromText(text);
      if ('error' in staged) return { ok: false, reason: 'invalid', message: staged.error };
      if (!staged.definition)
        return {
          ok: false,
          reason: 'invalid',
          message: staged.decodeMessage ?? staged.kind[0]?.message ?? 'the resource could not be decoded',
        };
      return { ok: true, definition: staged.definition, text, origin: 'file', location: `ConfigMap ${key}`, staged };
    },
  };
  return { settings, resolver };
}
const offline = contextFor({});

/** The documents kubectl keeps: a document with no content (empty, only comments, `null`) is skipped. */
function isEmpty(doc: ParsedDocument): boolean {
  return doc.errors.length === 0 && (doc.value === null || doc.value === undefined);
}

export async function tsFileVerdict(text: string, served?: Served): Promise<TsDocVerdict[]> {
  const ctx =
    served && (Object.keys(served.resources ?? {}).length || Object.keys(served.configMaps ?? {}).length)
      ? contextFor(served)
      : offline;
  const out: TsDocVerdict[] = [];
  for (const doc of parseYamlFile(text).documents) {
    if (isEmpty(doc)) continue;
    const diagnostics = await validateDocument(doc, ctx);
    const errors = diagnostics.filter((d) => d.severity === 1).map((d) => d.message);
    const warnings = diagnostics.filter((d) => d.severity !== 1).map((d) => String(d.code));
    const v: TsDocVerdict = { kind: doc.kind, ok: errors.length === 0, errors, warnings, text: doc.text };
    if (doc.kind === 'module' && v.ok) {
      const plan = await moduleInstallPlan(doc, ctx);
      if (plan.ok) {
        v.config = plan.config;
        v.goTypes = plan.goTypes;
      }
    }
    out.push(v);
  }
  return out;
}
