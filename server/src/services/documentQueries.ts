// Answers to the custom requests (forkspacer/listDocuments, forkspacer/effectiveConfig): plain data about
// a file's Forkspacer documents for the client's views and commands.
import { DiagnosticSeverity, type Range } from 'vscode-languageserver-types';
import { checkConfig, parseYamlFile } from '../../../common/src';
import type { EffectiveConfigResult, ListDocumentsResult, ListedDocument } from '../../../common/src/protocol';
import { splitYamlDocuments } from './documentSplitter';
import { field, metadataOf, moduleSourceOf } from './documentFacts';
import type { LanguageFeatures } from './languageFeatures';
import type { ValidationService } from './validationService';

export async function listDocuments(
  uri: string,
  text: string,
  validation: ValidationService,
  features: LanguageFeatures,
): Promise<ListDocumentsResult> {
  const documents: ListedDocument[] = [];
  for (const segment of splitYamlDocuments(text)) {
    const doc = parseYamlFile(segment.text).documents.find((d) => d.kind !== 'other');
    if (!doc) continue;
    const lines = segment.text.split(/\r\n|\r|\n/);
    const range: Range = {
      start: { line: segment.startLine, character: 0 },
      end: { line: segment.startLine + lines.length - 1, character: lines[lines.length - 1]!.length },
    };
    const diagnostics = validation.cached(segment.text)?.diagnostics ?? [];
    const listed: ListedDocument = {
      index: segment.index,
      kind: doc.kind,
      ...metadataOf(doc.value),
      range,
      errors: diagnostics.filter((d) => d.severity === DiagnosticSeverity.Error).length,
      warnings: diagnostics.filter((d) => d.severity === DiagnosticSeverity.Warning).length,
    };
    if (doc.kind === 'module') {
      const source = moduleSourceOf(doc.value);
      listed.source = {
        type: source.type,
        ...(source.type === 'httpURL'
          ? { location: source.url }
          : source.type === 'configMap'
            ? { location: `${source.namespace}/${source.name}` }
            : {}),
      };
      const definition = await features.moduleResource(uri, doc.value);
      if (definition)
        listed.resource = {
          kind: definition.kind,
          name: definition.metadata.name,
          version: definition.metadata.version,
        };
    }
    documents.push(listed);
  }
  return { documents };
}

export async function effectiveConfig(
  uri: string,
  text: string,
  index: number,
  features: LanguageFeatures,
): Promise<EffectiveConfigResult> {
  const segment = splitYamlDocuments(text).find((s) => s.index === index);
  const doc = segment && parseYamlFile(segment.text).documents.find((d) => d.kind !== 'other');
  if (!doc || doc.kind !== 'module') return { ok: false, error: `document ${index} is not a Module` };
  const definition = await features.moduleResource(uri, doc.value);
  if (!definition) return { ok: false, error: 'the resource definition of this Module could not be resolved' };
  const input = field(field(doc.value, 'spec'), 'config');
  const verdict = checkConfig(definition.config, isRecord(input) ? input : undefined);
  const resource = { kind: definition.kind, name: definition.metadata.name, version: definition.metadata.version };
  return verdict.ok
    ? { ok: true, config: verdict.config, resource }
    : { ok: false, error: verdict.error, code: verdict.code };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
