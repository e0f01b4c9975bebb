// The JSON-Schema check of one document, on the core's own parse of it (no second YAML parse): ajv runs
// the schemas in schemas/ over the document's value and each error is placed with the core's rangeOf.
// yaml-language-server would parse every document again to do the same check, which doubled the cost
// of a first validation; it still serves completion, hover and the outline from the same schemas.
// All findings are warnings (code `schema`): the operator's refusals are the core's errors.
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { rangeOf, type ParsedDocument } from '../../../common/src';
import type { SchemaKind } from './yamlService';
import customSchema from '../../../schemas/custom.schema.json';
import helmSchema from '../../../schemas/helm.schema.json';
import moduleSchema from '../../../schemas/module.schema.json';
import workspaceSchema from '../../../schemas/workspace.schema.json';

const SCHEMAS: Record<SchemaKind, object> = {
  custom: customSchema,
  helm: helmSchema,
  module: moduleSchema,
  workspace: workspaceSchema,
};

const ajv = new Ajv({ allErrors: true, strict: false });
const compiled = new Map<SchemaKind, ValidateFunction>();

function validatorFor(kind: SchemaKind): ValidateFunction {
  let validate = compiled.get(kind);
  if (!validate) {
    validate = ajv.compile(SCHEMAS[kind]);
    compiled.set(kind, validate);
  }
  return validate;
}

export function schemaDiagnostics(doc: ParsedDocument): Diagnostic[] {
  if (doc.kind === 'other' || doc.value === null || typeof doc.value !== 'object') return [];
  const validate = validatorFor(doc.kind);
  if (validate(doc.value)) return [];
  const diagnostics: Diagnostic[] = [];
  const seen = new Set<string>();
  for (const error of validate.errors ?? []) {
    const finding = describe(error, doc.value);
    if (!finding) continue;
    const range = rangeOf(doc, finding.path, finding.on);
    const key = `${range.start.line}:${range.start.character}:${finding.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    diagnostics.push({
      range,
      severity: DiagnosticSeverity.Warning,
      code: 'schema',
      source: 'forkspacer',
      message: finding.message,
    });
  }
  return diagnostics;
}

interface Finding {
  path: (string | number)[];
  on: 'key' | 'value';
  message: string;
}

/** yaml-language-server's wording for the same findings, so both read alike. */
function describe(error: ErrorObject, root: unknown): Finding | undefined {
  const path = instancePath(error.instancePath, root);
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties':
      return {
        path: [...path, String(params.additionalProperty)],
        on: 'key',
        message: `Property ${String(params.additionalProperty)} is not allowed.`,
      };
    case 'required':
      return { path, on: 'key', message: `Missing property "${String(params.missingProperty)}".` };
    case 'type':
      return {
        path,
        on: 'value',
        message: `Incorrect type. Expected "${String(params.type).split(',').join(' | ')}".`,
      };
    case 'enum':
      return {
        path,
        on: 'value',
        message: `Value is not accepted. Valid values: ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}.`,
      };
    case 'const':
      return { path, on: 'value', message: `Value must be ${JSON.stringify(params.allowedValue)}.` };
    case 'pattern':
      return { path, on: 'value', message: `String does not match the pattern of "${String(params.pattern)}".` };
    case 'minLength':
    case 'maxLength':
    case 'minimum':
    case 'maximum':
    case 'minItems':
    case 'maxItems':
      return { path, on: 'value', message: capitalise(`${error.message ?? error.keyword}.`) };
    default:
      // if/then, allOf, oneOf: their branches' own errors are already reported.
      return undefined;
  }
}

/** JSON pointer → YAML path; segments under arrays become indexes. */
function instancePath(pointer: string, root: unknown): (string | number)[] {
  if (!pointer) return [];
  const path: (string | number)[] = [];
  let node: unknown = root;
  for (const raw of pointer.slice(1).split('/')) {
    const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(node)) {
      const index = Number(segment);
      path.push(index);
      node = node[index];
    } else {
      path.push(segment);
      node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[segment] : undefined;
    }
  }
  return path;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
