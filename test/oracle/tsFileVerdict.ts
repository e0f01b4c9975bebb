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

// Offline: an httpURL is never fetched (the oracle does not judge what such a Module's controller does either).
const settings = { ...DEFAULT_SETTINGS, fetchHttp: false };
const resolver = createResolver({
  settings,
  fetchText: () => Promise.reject(new Error('offline')),
});
const ctx = { settings, resolver };

/** The documents kubectl keeps: a document with no content (empty, only comments, `null`) is skipped. */
function isEmpty(doc: ParsedDocument): boolean {
  return doc.errors.length === 0 && (doc.value === null || doc.value === undefined);
}

export async function tsFileVerdict(text: string): Promise<TsDocVerdict[]> {
  const out: TsDocVerdict[] = [];
  for (const doc of parseYamlFile(text).documents) {
    if (isEmpty(doc)) continue;
    const diagnostics = await validateDocument(doc, ctx);
    const errors = diagnostics.filter((d) => d.severity === 1).map((d) => d.message);
    const warnings = diagnostics.filter((d) => d.severity !== 1).map((d) => String(d.code));
    const v: TsDocVerdict = { kind: doc.kind, ok: errors.length === 0, errors, warnings, text: doc.text };
    if (doc.kind === 'module' && v.ok) {
      const plan = await moduleInstallPlan(doc, ctx);
      if (plan.ok && plan.source.type === 'raw') {
        v.config = plan.config;
        v.goTypes = plan.goTypes;
      }
    }
    out.push(v);
  }
  return out;
}
