// The API server's verdict on a Module or Workspace, before any webhook: kubectl's own checks, the request decoder
// with kubectl apply's default fieldValidation=Strict (an unknown field is refused), pruning of nulls, the CRD
// defaults, then validation against the CRD's structural schema and the ObjectMeta rules (metadata.name an RFC 1123
// subdomain). The schemas restate the operator's config/crd/bases (v0.1.7); test/oracle/operator runs the API
// server's own code (k8s.io/apiextensions-apiserver v0.34.1) on the same files and fails on any difference.
import { setOwn } from './goYaml';
import type { Problem, YamlPath } from './problem';
import type { RuleCode } from './types';

interface Schema {
  type: 'object' | 'string' | 'boolean';
  props?: Record<string, Schema>;
  required?: string[];
  default?: unknown;
  minLength?: number;
  maxLength?: number;
  enum?: string[];
  /** x-kubernetes-preserve-unknown-fields: nothing below is pruned or checked. */
  preserve?: boolean;
  /** Dropped by PrepareForCreate (status subresource): pruned for unknown fields, never validated. */
  unchecked?: boolean;
}

const str = (minLength?: number, maxLength?: number, extra: Partial<Schema> = {}): Schema => ({
  type: 'string',
  ...(minLength !== undefined ? { minLength } : {}),
  ...(maxLength !== undefined ? { maxLength } : {}),
  ...extra,
});
const ref = (): Schema => ({
  type: 'object',
  required: ['name', 'namespace'],
  props: { name: str(1, 253), namespace: str(1, 63, { default: 'default' }) },
});
const status = (fields: string[]): Schema => ({
  type: 'object',
  unchecked: true,
  props: Object.fromEntries(fields.map((f) => [f, { type: 'object', preserve: true } as Schema])),
});
const root = (spec: Schema, statusFields: string[]): Schema => ({
  type: 'object',
  required: ['spec'],
  props: {
    apiVersion: str(),
    kind: str(),
    metadata: { type: 'object', preserve: true },
    spec,
    status: status(statusFields),
  },
});

const MODULE: Schema = root(
  {
    type: 'object',
    required: ['hibernated', 'source', 'workspace'],
    props: {
      config: { type: 'object', preserve: true },
      hibernated: { type: 'boolean', default: false },
      source: {
        type: 'object',
        props: {
          configMap: ref(),
          existingHelmRelease: ref(),
          github: { type: 'object', props: {} },
          httpURL: str(),
          raw: { type: 'object', preserve: true },
        },
      },
      workspace: ref(),
    },
  },
  ['conditions', 'lastActivity', 'message', 'phase'],
);

const WORKSPACE: Schema = root(
  {
    type: 'object',
    required: ['connection', 'hibernated', 'type'],
    props: {
      autoHibernation: {
        type: 'object',
        required: ['enabled', 'schedule'],
        props: { enabled: { type: 'boolean', default: false }, schedule: str(0), wakeSchedule: str(0) },
      },
      connection: {
        type: 'object',
        default: { type: 'in-cluster' },
        required: ['type'],
        props: {
          secretReference: ref(),
          type: str(undefined, undefined, { default: 'in-cluster', enum: ['local', 'in-cluster', 'kubeconfig'] }),
        },
      },
      from: {
        type: 'object',
        required: ['migrateData', 'name', 'namespace'],
        props: {
          migrateData: { type: 'boolean', default: false },
          name: str(1, 253),
          namespace: str(1, 63, { default: 'default' }),
        },
      },
      hibernated: { type: 'boolean', default: false },
      type: str(undefined, undefined, { default: 'kubernetes', enum: ['kubernetes'] }),
    },
  },
  ['conditions', 'hibernatedAt', 'lastActivity', 'message', 'phase', 'ready'],
);

/** ObjectMeta's JSON fields (k8s.io/apimachinery metav1.ObjectMeta): any other key under metadata is unknown. */
const OBJECT_META = new Set([
  'name',
  'generateName',
  'namespace',
  'selfLink',
  'uid',
  'resourceVersion',
  'generation',
  'creationTimestamp',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
  'labels',
  'annotations',
  'ownerReferences',
  'finalizers',
  'managedFields',
]);

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The JSON type name kube-openapi reports ("must be of type boolean: \"string\""). */
function jsonType(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number' || typeof v === 'bigint')
    return typeof v === 'bigint' || Number.isInteger(v) ? 'integer' : 'number';
  if (typeof v === 'boolean') return 'boolean';
  if (typeof v === 'string') return 'string';
  return 'object';
}

/** encoding/json's name for a value's kind in "cannot unmarshal X into Go struct field". */
function goJsonKind(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number' || typeof v === 'bigint') return 'number';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'string') return 'string';
  return 'object';
}

const quote = (s: string): string => JSON.stringify(s);

/** A field path as the API server writes it: keys joined by ".", indices as "[i]". */
function pathText(path: YamlPath): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

/**
 * A deep copy of kubectl's JSON of a document (plain objects, arrays, scalars), for pruning and defaulting in
 * place. structuredClone was nine tenths of this check's time by --cpu-prof (issue 12): it serialises.
 */
function copyJson<T>(v: T): T {
  if (Array.isArray(v)) return v.map(copyJson) as T;
  if (typeof v !== 'object' || v === null) return v;
  if (Object.getPrototypeOf(v) !== Object.prototype) return structuredClone(v);
  const out: Record<string, unknown> = {};
  for (const k in v) setOwn(out, k, copyJson((v as Record<string, unknown>)[k]));
  return out as T;
}

/** Every .inf and .nan under `v`. `path` is the walk's own (pushed and popped); a finding takes a copy. */
function findNonFinite(v: unknown, path: (string | number)[] = [], out: { text: string; path: YamlPath }[] = []) {
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) out.push({ text: Number.isNaN(v) ? 'NaN' : v > 0 ? '+Inf' : '-Inf', path: [...path] });
  } else if (Array.isArray(v))
    for (let i = 0; i < v.length; i++) {
      path.push(i);
      findNonFinite(v[i], path, out);
      path.pop();
    }
  else if (isObject(v) && !(v instanceof Date) && !(v instanceof Uint8Array))
    for (const k in v) {
      path.push(k);
      findNonFinite(v[k], path, out);
      path.pop();
    }
  return out;
}

const STRICT_NOTE =
  "kubectl apply's default --validate=strict; with another client the API server drops the field silently";

export interface CrdVerdict {
  problems: Problem[];
  /** The object after pruning and defaulting (what the webhook and the controller read); undefined if refused before. */
  stored?: Json;
}

const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const SUBDOMAIN_MESSAGE =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const LABEL_MESSAGE =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";

const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const NAME_PART_MESSAGE =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const LABEL_VALUE_MESSAGE =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

/** k8s.io/apimachinery validation.IsQualifiedName: an optional DNS-subdomain prefix and a name part. */
function qualifiedNameError(key: string): string | undefined {
  const parts = key.split('/');
  if (parts.length > 2) return `${NAME_PART_MESSAGE.replace('name part must', 'a qualified name must')}`;
  const name = parts[parts.length - 1] ?? '';
  if (parts.length === 2) {
    const prefix = parts[0] ?? '';
    if (prefix.length === 0) return 'prefix part must be non-empty';
    if (prefix.length > 253 || !DNS1123_SUBDOMAIN.test(prefix)) return `prefix part ${SUBDOMAIN_MESSAGE}`;
  }
  if (name.length === 0) return 'name part must be non-empty';
  if (name.length > 63) return 'name part must be no more than 63 characters';
  if (!QUALIFIED_NAME.test(name)) return NAME_PART_MESSAGE;
  return undefined;
}

/**
 * The API server's problems with a Module or Workspace (`value`: kubectl's JSON of the document), in its order:
 * kubectl's, then the strict decoder's (unknown fields, ObjectMeta types), then the schema validation after defaults.
 */
export function crdProblems(kind: 'Module' | 'Workspace', value: unknown): CrdVerdict {
  const schema = kind === 'Module' ? MODULE : WORKSPACE;
  const problems: Problem[] = [];
  // `stage` says whose refusal it is (kubectl's conversion, or the API server's): the API server never sees a file
  // that kubectl cannot convert, so fixing that reveals its findings (the quick-fix property counts them as revealed).
  const err = (code: RuleCode, message: string, path: YamlPath, on: Problem['on'] = 'value'): Problem => ({
    code,
    severity: 'error',
    message,
    path,
    on,
    data: { stage: code === 'yaml-syntax' ? 'kubectl' : 'api-server' },
  });
  if (!isObject(value)) return { problems };
  // kubectl converts the document to JSON first (sigs.k8s.io/yaml): .inf and .nan have no JSON form.
  const nonFinite = findNonFinite(value);
  if (nonFinite.length)
    // Every one: Go reports the first its map iteration meets, which is random.
    return {
      problems: nonFinite.map((f) =>
        err(
          'yaml-syntax',
          `error converting YAML to JSON: json: unsupported value: ${f.text} (kubectl refuses the whole file)`,
          f.path,
        ),
      ),
    };
  const metadata = value.metadata;
  const name = isObject(metadata) ? metadata.name : undefined;
  if (typeof name !== 'string' || name === '') {
    // kubectl apply looks the object up by name before it sends anything.
    problems.push(
      err(
        'metadata-invalid',
        'resource name may not be empty (kubectl: metadata.name must be a non-empty string)',
        isObject(metadata) && 'name' in metadata ? ['metadata', 'name'] : isObject(metadata) ? ['metadata'] : [],
        isObject(metadata) && 'name' in metadata ? 'value' : 'key',
      ),
    );
    return { problems };
  }

  // The request decoder: ObjectMeta's fields and types, then the schema's pruning (both unknown → strict error).
  const decode: Problem[] = [];
  if (isObject(metadata)) {
    for (const key of Object.keys(metadata)) {
      if (!OBJECT_META.has(key)) {
        decode.push(strictProblem(`metadata.${key}`, ['metadata', key]));
        continue;
      }
      if (key === 'labels' || key === 'annotations') {
        const m = metadata[key];
        if (m === null) continue;
        if (!isObject(m)) {
          decode.push(
            err(
              'metadata-invalid',
              `json: cannot unmarshal ${goJsonKind(m)} into Go struct field ObjectMeta.${key} of type map[string]string`,
              ['metadata', key],
            ),
          );
          continue;
        }
        for (const [k, v] of Object.entries(m))
          if (typeof v !== 'string' && v !== null)
            decode.push(
              err(
                'metadata-invalid',
                `json: cannot unmarshal ${goJsonKind(v)} into Go struct field ObjectMeta.${key} of type string`,
                ['metadata', key, k],
              ),
            );
      }
    }
  }
  const copy = copyJson(value);
  prune(copy, schema, [], decode);
  if (decode.length) return { problems: [...problems, ...decode] };

  applyDefaults(copy, schema);
  const validation: Problem[] = [];
  validate(copy, schema, [], validation);
  const ns = isObject(copy.metadata) ? copy.metadata.namespace : undefined;
  if (name.length > 253)
    validation.push(
      err('metadata-invalid', `metadata.name: Invalid value: ${quote(name)}: must be no more than 253 characters`, [
        'metadata',
        'name',
      ]),
    );
  else if (!DNS1123_SUBDOMAIN.test(name))
    validation.push(
      err('metadata-invalid', `metadata.name: Invalid value: ${quote(name)}: ${SUBDOMAIN_MESSAGE}`, [
        'metadata',
        'name',
      ]),
    );
  if (typeof ns === 'string' && ns !== '') {
    if (ns.length > 63)
      validation.push(
        err('metadata-invalid', `metadata.namespace: Invalid value: ${quote(ns)}: must be no more than 63 characters`, [
          'metadata',
          'namespace',
        ]),
      );
    else if (!DNS1123_LABEL.test(ns))
      validation.push(
        err('metadata-invalid', `metadata.namespace: Invalid value: ${quote(ns)}: ${LABEL_MESSAGE}`, [
          'metadata',
          'namespace',
        ]),
      );
  }
  const labels = isObject(copy.metadata) ? copy.metadata.labels : undefined;
  if (isObject(labels))
    for (const [k, v] of Object.entries(labels)) {
      const keyError = qualifiedNameError(k);
      if (keyError)
        validation.push(
          err(
            'metadata-invalid',
            `metadata.labels: Invalid value: ${quote(k)}: ${keyError}`,
            ['metadata', 'labels', k],
            'key',
          ),
        );
      if (typeof v === 'string' && (v.length > 63 || !LABEL_VALUE.test(v)))
        validation.push(
          err(
            'metadata-invalid',
            `metadata.labels: Invalid value: ${quote(v)}: ${v.length > 63 ? 'must be no more than 63 characters' : LABEL_VALUE_MESSAGE}`,
            ['metadata', 'labels', k],
          ),
        );
    }
  if (validation.length) return { problems: [...problems, ...validation] };
  return { problems, stored: copy };

  function strictProblem(field: string, path: YamlPath): Problem {
    return err(
      'crd-unknown-field',
      `strict decoding error: unknown field ${quote(field)} (${STRICT_NOTE})`,
      path,
      'key',
    );
  }

  /**
   * Pruning (structuralpruning.PruneWithOptions: a map under a schema without that property, or under no schema, loses
   * its keys, each reported; arrays are walked with no item schema) and PruneNonNullableNullsWithoutDefaults, in place.
   */
  function prune(v: unknown, s: Schema | undefined, path: (string | number)[], out: Problem[]): void {
    if (s?.preserve) return;
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        path.push(i);
        prune(v[i], undefined, path, out);
        path.pop();
      }
      return;
    }
    if (!isObject(v)) return;
    for (const key of Object.keys(v)) {
      const child = s?.props?.[key];
      if (!child) {
        out.push(strictProblem(pathText([...path, key]), [...path, key]));
        delete v[key];
        continue;
      }
      if (v[key] === null && child.default === undefined) {
        delete v[key];
        continue;
      }
      path.push(key);
      prune(v[key], child, path, out);
      path.pop();
    }
  }

  function applyDefaults(v: Json, s: Schema): void {
    if (s.preserve || !s.props) return;
    for (const [key, child] of Object.entries(s.props)) {
      if ((v[key] === undefined || v[key] === null) && child.default !== undefined)
        v[key] = structuredClone(child.default);
      const x = v[key];
      if (isObject(x) && child.type === 'object') applyDefaults(x, child);
    }
  }

  /** The rule codes the validator had for these fields before the CRD check existed (quick fixes and docs use them). */
  function schemaCode(path: YamlPath): RuleCode {
    const at = path.join('.');
    if (kind === 'Workspace') return 'workspace-field';
    if (at === 'spec.workspace' || at === 'spec.workspace.name') return 'module-workspace-name';
    if (at === 'spec.workspace.namespace') return 'module-workspace-namespace';
    if (at === 'spec.config') return 'config-type-mismatch';
    return 'crd-invalid';
  }

  /** `path` is the walk's own (pushed and popped): a problem takes a copy, and the text is made only then. */
  function validate(v: unknown, s: Schema, path: string[], out: Problem[]): void {
    if (s.unchecked) return;
    const t = jsonType(v);
    if (t !== s.type) {
      const at = path.join('.');
      out.push(
        err(
          schemaCode(path),
          `${at}: Invalid value: ${quote(t)}: ${at} in body must be of type ${s.type}: ${quote(t)}`,
          [...path],
        ),
      );
      return;
    }
    if (typeof v === 'string') {
      if (s.minLength === undefined && s.maxLength === undefined && !s.enum) return;
      const at = path.join('.');
      const length = [...v].length;
      if (s.minLength !== undefined && length < s.minLength)
        out.push(
          err(
            schemaCode(path),
            `${at}: Invalid value: ${quote(v)}: ${at} in body should be at least ${s.minLength} chars long`,
            [...path],
          ),
        );
      if (s.maxLength !== undefined && length > s.maxLength)
        out.push(err(schemaCode(path), `${at}: Too long: may not be more than ${s.maxLength} bytes`, [...path]));
      if (s.enum && !s.enum.includes(v))
        out.push(
          err(
            schemaCode(path),
            `${at}: Unsupported value: ${quote(v)}: supported values: ${s.enum.map(quote).join(', ')}`,
            [...path],
          ),
        );
      return;
    }
    if (!isObject(v) || s.preserve || !s.props) return;
    for (const key of s.required ?? [])
      if (v[key] === undefined)
        out.push(
          err(
            schemaCode([...path, key]),
            `${[...path, key].join('.')}: Required value`,
            path.length ? [...path] : [],
            'key',
          ),
        );
    for (const key in s.props)
      if (v[key] !== undefined) {
        path.push(key);
        validate(v[key], s.props[key]!, path, out);
        path.pop();
      }
  }
}
