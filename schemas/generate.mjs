// Writes the four JSON Schemas (draft-07) of this folder from one source, so the shared parts
// (metadata, config items, resource specs) are written once. Run: node schemas/generate.mjs
// Descriptions are the hover texts; facts come from FORKSPACER.md (the operator's code) and the user docs.
//
// Severity policy: yaml-language-server reports every schema violation as a warning. The operator decodes
// resources non-strictly (unknown keys are ignored), so `additionalProperties: false` here only says "the
// operator will not read this". The operator-faithful errors come from the core (common/src), not from here.
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const CONFIG_TYPES = ['string', 'integer', 'float', 'boolean', 'option', 'multiple-options'];
const MODULE_PHASES = ['installing', 'ready', 'sleeping', 'sleeped', 'resuming', 'uninstalling', 'failed'];
const WORKSPACE_PHASES = ['ready', 'hibernated', 'failed', 'terminating'];

const str = (description, extra = {}) => ({ type: 'string', description, ...extra });
const bool = (description, extra = {}) => ({ type: 'boolean', description, ...extra });
const obj = (description, properties, extra = {}) => ({
  type: 'object',
  description,
  properties,
  additionalProperties: false,
  ...extra,
});

// ---------- resource definitions (kind: Custom / kind: Helm) ----------

const resourceMetadata = obj(
  'Identity of the resource definition. `name`, `version` and `supportedOperatorVersion` are required.',
  {
    name: str('Unique identifier of the resource definition. Required.'),
    version: {
      type: ['string', 'number'],
      description:
        'Semantic version of the resource definition, e.g. `1.0.0`. Required. Quote versions like `1.10`: unquoted, YAML reads the number 1.1.',
    },
    supportedOperatorVersion: str(
      'Operator versions this definition works with: a Go Masterminds/semver v3 constraint, e.g. `">= 0.0.0, < 1.0.0"`, `~1.2.0`, `^1.0.0`, `1.2.x`, `1.2 - 1.4`. ' +
        '**A comma means AND**, `||` means OR, `!=` excludes a version. Required: the operator refuses a definition whose constraint does not parse (an empty one does not) ' +
        'or does not admit the running operator version.',
    ),
    author: str('Resource author or maintainer. Optional.'),
    description: str('Human-readable description of the resource. Optional.'),
    category: str('Resource category, for organisation. Optional.'),
    image: str('URL of an icon or logo image. Optional.'),
    resource_usage: obj('Expected resource usage of what the module installs. Optional.', {
      cpu: {
        type: ['string', 'number'],
        description: 'Expected CPU usage as a Kubernetes quantity, e.g. `500m`, `2`.',
      },
      memory: str('Expected memory usage as a Kubernetes quantity, e.g. `512Mi`, `2Gi`.'),
    }),
  },
  { required: ['name', 'version', 'supportedOperatorVersion'] },
);

const editable = bool(
  "Whether a Module may set this value in `spec.config`. **Omitted means `false`** to the operator (the docs imply `true`): a Module that sets a non-editable item is refused with `field '<alias>' is not editable`.",
);
const required = bool(
  "Whether a Module must set this value. `true` wins over `default`: a missing required item is refused with `field '<alias>' is required but missing`, even when a default is given.",
);
const intOrNull = (description) => ({ type: 'integer', description });

const configSpecs = {
  string: obj('Settings of a `string` item.', {
    required,
    default: {
      type: ['string', 'number', 'boolean'],
      description: 'Value used when the Module does not set this item. Any scalar is read as a string.',
    },
    regex: str(
      'Go RE2 regular expression the value must match. Matched **unanchored** (Go `MatchString`): add `^…$` to match the whole value. `(?i)` is legal, lookbehind is not. An invalid pattern rejects the whole definition.',
    ),
    editable,
  }),
  integer: obj('Settings of an `integer` item.', {
    required,
    default: intOrNull('Value used when the Module does not set this item. Must be a whole number.'),
    min: intOrNull('Smallest allowed value (inclusive). A whole number.'),
    max: intOrNull('Largest allowed value (inclusive). A whole number.'),
    editable,
  }),
  float: obj('Settings of a `float` item.', {
    required,
    default: { type: 'number', description: 'Value used when the Module does not set this item.' },
    min: { type: 'number', description: 'Smallest allowed value (inclusive).' },
    max: { type: 'number', description: 'Largest allowed value (inclusive).' },
    editable,
  }),
  boolean: obj('Settings of a `boolean` item.', {
    required,
    default: bool('Value used when the Module does not set this item.'),
    editable,
  }),
  option: obj('Settings of an `option` item: the Module picks one of `values`.', {
    required,
    default: {
      type: ['string', 'number', 'boolean'],
      description: 'Value used when the Module does not set this item; should be one of `values`.',
    },
    values: {
      type: 'array',
      description:
        'The allowed values (strings). Quote values like `"1.10"`: unquoted, YAML reads the number 1.1. An empty list admits nothing.',
      items: { type: ['string', 'number', 'boolean'], description: 'One allowed value.' },
    },
    editable,
  }),
  'multiple-options': obj('Settings of a `multiple-options` item: the Module picks a list of `values`.', {
    required,
    default: {
      type: 'array',
      description: 'List used when the Module does not set this item.',
      items: { type: ['string', 'number', 'boolean'], description: 'One default value.' },
    },
    values: {
      type: 'array',
      description: 'The allowed values (strings).',
      items: { type: ['string', 'number', 'boolean'], description: 'One allowed value.' },
    },
    min: intOrNull('Fewest values the Module must select (inclusive).'),
    max: intOrNull('Most values the Module may select (inclusive).'),
    editable,
  }),
};

const configItem = {
  type: 'object',
  description:
    'One setting a Module can give in `spec.config`: `type`, display `name`, `alias` (the key in `spec.config`) and a type-specific `spec`.',
  properties: {
    type: {
      type: 'string',
      enum: CONFIG_TYPES,
      description:
        'Kind of value: `string`, `integer`, `float`, `boolean`, `option` or `multiple-options`. Any other type rejects the whole definition (`unregistered field type`).',
      enumDescriptions: [
        'A string; `regex` (Go RE2, unanchored) may constrain it.',
        'A whole number; `min`/`max` bound it (inclusive).',
        'A number; `min`/`max` bound it (inclusive).',
        '`true` or `false`.',
        'One string out of `values`.',
        'A list of strings out of `values`; `min`/`max` bound the count.',
      ],
    },
    name: str('Display name of the setting (may contain spaces).'),
    alias: str('The key a Module sets in `spec.config` for this item. Should be unique within the definition.'),
    spec: {
      type: 'object',
      description: 'Type-specific settings: required, default, editable, and constraints (regex, min, max, values).',
    },
  },
  required: ['type', 'alias', 'spec'],
  additionalProperties: false,
  allOf: CONFIG_TYPES.map((t) => ({
    if: { properties: { type: { const: t } }, required: ['type'] },
    then: { properties: { spec: configSpecs[t] } },
  })),
};

const configList = {
  type: 'array',
  description:
    "The settings a Module can give in `spec.config`. The operator validates the Module's config against this list: unknown keys, missing required items, non-editable items and constraint violations are refused; defaults are applied.",
  items: configItem,
};

const configMapRef = (description, namespaceNote) =>
  obj(
    description,
    {
      name: str('Name of the ConfigMap.'),
      namespace: str(`Namespace of the ConfigMap. ${namespaceNote}`),
    },
    { required: ['name'] },
  );

const customSpec = obj(
  'Where the compiled Go plugin comes from.',
  {
    repo: {
      type: 'object',
      description: 'Location of the compiled Go plugin (`.so`): **exactly one** of `file` or `configMap`.',
      properties: {
        file: str(
          "http(s) URL of the compiled Go plugin `.so` (built with `-buildmode=plugin`, CGO enabled, the operator's Go version). Non-empty.",
          {
            pattern: '^[hH][tT][tT][pP][sS]?://',
          },
        ),
        configMap: configMapRef(
          'A ConfigMap holding the plugin binary under the key `plugin`.',
          "The docs say it defaults to the module's namespace; the operator's code uses `default`.",
        ),
      },
      additionalProperties: false,
    },
  },
  { required: ['repo'] },
);

// Any string in a Helm spec may hold Go templates ({{ .config.x }}) that render before decoding,
// so scalar fields also accept strings.
const templ = (type, description) => ({
  type: [type, 'string'],
  description: `${description} May be a Go template over \`{{ .config.<alias> }}\` / \`{{ .releaseName }}\`.`,
});

const helmSpec = obj(
  'The Helm chart to install (plugin era). Any string may hold Go templates over `{{ .config.<alias> }}` and `{{ .releaseName }}`; the rendered text is re-parsed as YAML.',
  {
    namespace: str('Namespace the release is installed into.'),
    repo: str('Chart repository URL.'),
    chartName: str('Name of the chart in the repository.'),
    version: { type: ['string', 'number'], description: 'Chart version. Non-empty.' },
    values: {
      type: 'array',
      description:
        'Values for the chart, merged in order. Each item is one of `file` (URL), `configMap` or `raw` (an inline map).',
      items: obj('One values source: `file`, `configMap` or `raw`.', {
        file: str('URL of a values file.'),
        configMap: configMapRef('A ConfigMap holding values.', ''),
        raw: { type: 'object', description: 'Inline values (a map); strings may hold Go templates.' },
      }),
    },
    outputs: {
      type: 'array',
      description:
        'Values the module exposes after install: `{name, value}` or `{name, valueFrom: {secret: {name, key, namespace}}}`.',
      items: obj('One output.', {
        name: str('Name of the output.'),
        value: { type: ['string', 'number', 'boolean'], description: 'Literal value of the output.' },
        valueFrom: obj('Where the value is read from.', {
          secret: obj('A key of a Secret.', {
            name: str('Name of the Secret.'),
            key: str('Key in the Secret.'),
            namespace: str('Namespace of the Secret.'),
          }),
        }),
      }),
    },
    cleanup: obj('What uninstalling removes besides the release.', {
      removeNamespace: templ('boolean', 'Delete the release namespace on uninstall.'),
      removePVCs: templ('boolean', "Delete the release's PersistentVolumeClaims on uninstall."),
    }),
  },
);

function resourceSchema(kind, spec, summary) {
  return {
    type: 'object',
    description: summary,
    properties: {
      kind: { type: 'string', const: kind, description: `\`${kind}\`: ${summary}` },
      metadata: resourceMetadata,
      config: configList,
      spec,
    },
    required: ['kind', 'metadata', 'spec'],
    additionalProperties: false,
  };
}

const customSummary =
  'A resource definition installed by a compiled Go plugin (`.so`) that exports `NewManager(ctx, logger, kubernetesConfig, config)` returning an `IManager` (Install, Uninstall, Sleep, Resume).';
const helmSummary =
  'A resource definition that installs a Helm chart; `spec` strings may use `{{ .config.<alias> }}` templates.';
const customSchema = resourceSchema('Custom', customSpec, customSummary);
const helmSchema = resourceSchema('Helm', helmSpec, helmSummary);

// ---------- Kubernetes custom resources (batch.forkspacer.com/v1) ----------

const objectMeta = {
  type: 'object',
  description: 'Standard Kubernetes object metadata.',
  properties: {
    name: str('Name of the object, unique in its namespace.'),
    namespace: str('Namespace of the object.'),
    labels: { type: 'object', description: 'Labels (string map).', additionalProperties: { type: 'string' } },
    annotations: {
      type: 'object',
      description:
        "Annotations (string map). The operator stores the resolved resource, the base config and the plugin's metaData under `forkspacer.com/resource`, `forkspacer.com/base-module-config`, `forkspacer.com/manager-data`.",
      additionalProperties: { type: 'string' },
    },
  },
};

const apiVersion = {
  type: 'string',
  const: 'batch.forkspacer.com/v1',
  description: 'API group and version of Forkspacer: `batch.forkspacer.com/v1`.',
};

const moduleSpec = {
  type: 'object',
  description:
    'What to install and where. After creation `source`, `workspace` and `config` are immutable; only `hibernated` changes.',
  properties: {
    workspace: obj(
      'The Workspace the module is installed into. Immutable after creation.',
      {
        name: str('Name of the Workspace. Required, 1–253 characters.', { minLength: 1, maxLength: 253 }),
        namespace: str('Namespace of the Workspace; defaults to `default`. 1–63 characters.', {
          minLength: 1,
          maxLength: 63,
          default: 'default',
        }),
      },
      { required: ['name'] },
    ),
    source: {
      type: 'object',
      description:
        'Where the resource definition comes from: exactly one of `raw`, `httpURL` or `configMap`. With several set, the operator silently takes the first in the order raw, configMap, httpURL. `github` and `existingHelmRelease` are rejected by the v0.1.7 webhook. Immutable after creation.',
      properties: {
        raw: {
          type: 'object',
          description: 'An embedded resource definition (`kind: Custom` or `kind: Helm`).',
          properties: {
            kind: {
              type: 'string',
              enum: ['Custom', 'Helm'],
              description: '`Custom` (a Go plugin) or `Helm` (a chart).',
            },
          },
          required: ['kind'],
          allOf: [
            {
              if: { properties: { kind: { const: 'Custom' } }, required: ['kind'] },
              then: { $ref: '#/definitions/custom' },
            },
            {
              if: { properties: { kind: { const: 'Helm' } }, required: ['kind'] },
              then: { $ref: '#/definitions/helm' },
            },
          ],
        },
        httpURL: str('http(s) URL of a resource definition YAML. Only `http` and `https` are accepted.', {
          pattern: '^[hH][tT][tT][pP][sS]?://',
        }),
        configMap: configMapRef(
          'A ConfigMap holding the resource definition under the key `module.yaml` (must exist and be non-empty).',
          'Defaults to `default`.',
        ),
        github: {
          type: 'object',
          description: 'Exists in the API but is **not supported**: the v0.1.7 admission webhook rejects it.',
        },
        existingHelmRelease: obj(
          'Exists in the API but is **not supported**: the v0.1.7 admission webhook rejects it.',
          {
            name: str('Name of the Helm release.'),
            namespace: str('Namespace of the Helm release.'),
          },
        ),
      },
      additionalProperties: false,
    },
    config: {
      type: 'object',
      description:
        "Values for the resource definition's `config` items, keyed by `alias`. Checked by the operator: unknown keys, missing required items, non-editable items and values violating their constraints are refused; defaults fill the rest. Immutable after creation.",
    },
    hibernated: bool(
      "Set to `true` to put the module to sleep (the plugin's Sleep), back to `false` to resume it. Default `false`.",
      { default: false },
    ),
  },
  required: ['workspace', 'source'],
  additionalProperties: false,
};

const moduleStatus = {
  type: 'object',
  description: 'Written by the operator.',
  properties: {
    phase: {
      type: 'string',
      enum: MODULE_PHASES,
      description: 'Lifecycle phase: installing → ready → sleeping → sleeped → resuming → ready; uninstalling; failed.',
    },
  },
};

const moduleSchema = {
  type: 'object',
  description: 'A Forkspacer Module: an instance of a resource definition installed into a Workspace.',
  properties: {
    apiVersion,
    kind: {
      type: 'string',
      const: 'Module',
      description: '`Module`: an instance of a resource definition (Custom or Helm) installed into a Workspace.',
    },
    metadata: objectMeta,
    spec: moduleSpec,
    status: moduleStatus,
  },
  required: ['apiVersion', 'kind', 'metadata', 'spec'],
  definitions: { custom: customSchema, helm: helmSchema },
};

const workspaceSchema = {
  type: 'object',
  description:
    'A Forkspacer Workspace: an environment (a cluster connection) that Modules are installed into; it can be forked and hibernated.',
  properties: {
    apiVersion,
    kind: {
      type: 'string',
      const: 'Workspace',
      description: '`Workspace`: an environment Modules are installed into; forkable and hibernating.',
    },
    metadata: objectMeta,
    spec: obj('The environment.', {
      type: { type: 'string', enum: ['kubernetes'], description: 'Kind of environment: `kubernetes`.' },
      from: obj('Fork this workspace from another one.', {
        name: str('Name of the Workspace to fork from.'),
        namespace: str('Namespace of the Workspace to fork from.'),
        migrateData: bool("Copy the data of the source workspace's modules into the fork."),
      }),
      hibernated: bool('Set to `true` to hibernate every module of the workspace; `false` to wake it.', {
        default: false,
      }),
      connection: obj("How the operator reaches the workspace's cluster.", {
        type: {
          type: 'string',
          enum: ['local', 'in-cluster', 'kubeconfig'],
          description: '`local`, `in-cluster`, or `kubeconfig` (read from `secretReference`).',
          enumDescriptions: [
            "The operator's local cluster.",
            'The cluster the operator runs in.',
            'A kubeconfig stored in a Secret (`secretReference`).',
          ],
        },
        secretReference: obj('The Secret holding the kubeconfig (for `type: kubeconfig`).', {
          name: str('Name of the Secret.'),
          namespace: str('Namespace of the Secret.'),
        }),
      }),
      autoHibernation: obj('Scheduled hibernation.', {
        enabled: bool('Turn scheduled hibernation on.'),
        schedule: str('Cron expression: when to hibernate.'),
        wakeSchedule: str('Cron expression: when to wake up.'),
      }),
    }),
    status: {
      type: 'object',
      description: 'Written by the operator.',
      properties: {
        phase: {
          type: 'string',
          enum: WORKSPACE_PHASES,
          description: 'Phase: ready, hibernated, failed, terminating.',
        },
      },
    },
  },
  required: ['apiVersion', 'kind', 'metadata', 'spec'],
};

/** Every `description` is also the `markdownDescription` (yaml-language-server's hover prefers the latter). */
function withMarkdown(node) {
  if (Array.isArray(node)) return node.map(withMarkdown);
  if (node === null || typeof node !== 'object') return node;
  const out = {};
  for (const [k, v] of Object.entries(node))
    // `enum`/`const` values and a `required` list are data; a property that is *named* `required` is a schema.
    out[k] = k === 'enum' || k === 'const' || (k === 'required' && Array.isArray(v)) ? v : withMarkdown(v);
  if (typeof out.description === 'string' && out.markdownDescription === undefined)
    out.markdownDescription = out.description;
  return out;
}

const schemas = {
  'custom.schema.json': { title: 'Forkspacer Custom resource definition', ...customSchema },
  'helm.schema.json': { title: 'Forkspacer Helm resource definition', ...helmSchema },
  'module.schema.json': { title: 'Forkspacer Module (batch.forkspacer.com/v1)', ...moduleSchema },
  'workspace.schema.json': { title: 'Forkspacer Workspace (batch.forkspacer.com/v1)', ...workspaceSchema },
};

// Written in the repository's Prettier style, so `prettier --check` stays quiet about generated files.
const prettier = await import('prettier');
const prettierOptions = (await prettier.resolveConfig(join(import.meta.dirname, 'x.json'))) ?? {};
for (const [file, schema] of Object.entries(schemas)) {
  const out = {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: `https://forkspacer.com/schemas/vscode/${file}`,
    ...withMarkdown(schema),
  };
  writeFileSync(
    join(import.meta.dirname, file),
    await prettier.format(JSON.stringify(out), { ...prettierOptions, parser: 'json' }),
  );
}

// Standalone validators (ajv's generated code) for the server's schema check: the server then loads neither
// ajv's compiler nor the schemas' compilation at run time (about 20 MB less memory, no start-up cost).
const require = createRequire(import.meta.url);
const Ajv = require('ajv');
const standaloneCode = require('ajv/dist/standalone').default;
const ajv = new Ajv({ code: { source: true, esm: false, lines: false }, allErrors: true, strict: false });
const exportsByKind = {};
for (const [file, schema] of Object.entries(schemas)) {
  const kind = file.replace('.schema.json', '');
  ajv.addSchema({ $schema: 'http://json-schema.org/draft-07/schema#', ...schema }, kind);
  exportsByKind[kind] = kind;
}
const generated = standaloneCode(ajv, exportsByKind);
const header = `/* eslint-disable */\n// @ts-nocheck\n// Generated by schemas/generate.mjs from the schemas in schemas/ (ajv standalone code). Do not edit.\n`;
writeFileSync(join(import.meta.dirname, '..', 'server', 'src', 'generated', 'schemaValidators.ts'), header + generated);
