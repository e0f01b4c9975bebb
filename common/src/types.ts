// The contract of the pure Forkspacer core. Server, host, CLI and client import these types;
// nothing under common/ may import `vscode` (enforced by eslint.config.mjs).
import type { Diagnostic, Range } from 'vscode-languageserver-types';

export type { Diagnostic, Range };

/** What one YAML document in a file is, decided by content (never by file name). */
export type DocumentKind = 'custom' | 'helm' | 'module' | 'workspace' | 'other';

/** Config item types the operator registers (operator: validatorFactories in pkg/resources/config.go). */
export const CONFIG_TYPES = ['string', 'integer', 'float', 'boolean', 'option', 'multiple-options'] as const;
export type ConfigType = (typeof CONFIG_TYPES)[number];

/** One item of a resource definition's `config` list, as the operator decodes it (zero values filled in). */
export interface ConfigItem {
  type: string;
  name: string;
  alias: string;
  spec: ConfigItemSpec;
  /** Where the item sits in its source document, when known (for diagnostics and hover). */
  range?: Range;
}

export interface ConfigItemSpec {
  required: boolean;
  /** The operator's typed default: '' / 0 / false / [] when the YAML omits it (Go zero values). */
  default: unknown;
  /** Whether `default` was written in the YAML (for hover and "default outside constraints" warnings). */
  hasDefault: boolean;
  editable: boolean;
  /** True when the YAML did not write `editable` at all (operator: omitted means false). */
  editableOmitted: boolean;
  regex?: string;
  min?: number;
  max?: number;
  values?: string[];
}

/** A resource definition (`kind: Custom` / `kind: Helm`) after decoding. */
export interface ResourceDefinition {
  kind: 'Custom' | 'Helm';
  metadata: {
    name: string;
    version: string;
    supportedOperatorVersion: string;
    author?: string;
    description?: string;
    category?: string;
    image?: string;
    resource_usage?: { cpu?: string; memory?: string };
  };
  config: ConfigItem[];
  /** The `spec` as plain data (Custom: { repo: { file } | { configMap } }; Helm: chart fields). */
  spec: Record<string, unknown>;
}

/** A Module's `spec.source`, one of these (operator order when several are set: raw, configMap, httpURL). */
export type ModuleSource =
  | { type: 'raw'; raw: unknown }
  | { type: 'configMap'; name: string; namespace: string }
  | { type: 'httpURL'; url: string }
  | { type: 'none' };

/** The operator's verdict on a Module config: accepted with defaults applied, or the first refusal. */
export type ConfigVerdict =
  | {
      ok: true;
      config: Record<string, unknown>;
      /**
       * The Go type of each value as NewManager receives it: defaults keep their spec type ('int', 'float64',
       * 'string', 'bool', '[]string'); values from the Module arrive through JSON ('float64', 'string', 'bool',
       * '[]interface {}', 'map[string]interface {}', 'nil'). A plugin doing config["replicas"].(int) panics on 'float64'.
       */
      goTypes?: Record<string, string>;
    }
  | { ok: false; error: string; alias?: string; code: RuleCode };

/** Stable diagnostic codes, one per rule. Listed once here; docs and tests use the same strings. */
export const RULE_CODES = [
  // YAML level
  'yaml-syntax',
  'yaml11-boolean', // yes/no/on/off: boolean to Kubernetes' YAML 1.1 decoder, string to YAML 1.2
  'yaml-float-version', // unquoted 1.10 is the float 1.1
  'yaml-duplicate-key', // kubectl keeps the last of a repeated key in a Module or Workspace
  'schema', // structural JSON-Schema violations reported by yaml-language-server
  // resource definition
  'resource-metadata-missing',
  'resource-version-invalid',
  'operator-version-constraint-invalid',
  'operator-version-unsupported',
  'config-type-unknown',
  'config-spec-invalid',
  'config-alias-duplicate',
  'config-alias-missing',
  'config-regex-invalid',
  'config-default-out-of-range',
  'config-values-empty',
  'config-editable-omitted',
  'config-required-with-default',
  'repo-one-of',
  'repo-file-scheme',
  'repo-configmap-namespace-default',
  'helm-field-missing',
  'helm-template-unknown-alias',
  'helm-template-invalid', // RenderSpec: a Go template that text/template cannot parse
  'helm-template-render', // RenderSpec/Validate refuse the rendered spec (operator's own code, operatorwasm/)
  'quantity-invalid',
  // module
  'module-source-none',
  'module-source-multiple',
  'module-source-unsupported',
  'module-source-scheme',
  'module-source-configmap-unresolved',
  'module-source-fetch-failed',
  'module-workspace-name',
  'module-workspace-namespace',
  'config-unknown-field',
  'config-required-missing',
  'config-not-editable',
  'config-type-mismatch',
  'config-out-of-range',
  'config-regex-mismatch',
  'config-option-invalid',
  'config-integer-truncated',
  // workspace
  'workspace-field',
  // the API server with the operator's CRDs (Module, Workspace)
  'metadata-invalid', // kubectl's empty name, ObjectMeta types, metadata.name / namespace as RFC 1123 names
  'crd-unknown-field', // strict field validation (kubectl apply's default): a field the CRD does not declare
  'crd-invalid', // the CRD's structural schema: type, required, minLength/maxLength, enum
  // what the selected cluster says (the language server's cluster checks, trusted workspaces only; issue 9)
  'cluster-workspace-missing', // the Module's Workspace is not in the selected context
  'cluster-repo-configmap', // a resource's repo.configMap is missing in the cluster or has no `plugin` key
] as const;
export type RuleCode = (typeof RULE_CODES)[number];

/** Settings shared by server, host and CLI (normalised; see common/src/settings.ts). */
export interface CoreSettings {
  /** Operator version that `supportedOperatorVersion` is checked against. Default 0.1.7 (last release with Go plugins). */
  operatorVersion: string;
  /** Whether `source.httpURL` resources may be fetched over the network. */
  fetchHttp: boolean;
  fetchTimeoutMs: number;
  fetchMaxBytes: number;
  /** URL prefix → local folder: a resource being edited locally is used instead of fetching it. */
  urlMappings: { prefix: string; folder: string }[];
}

export const DEFAULT_SETTINGS: CoreSettings = {
  operatorVersion: '0.1.7',
  fetchHttp: true,
  fetchTimeoutMs: 5000,
  fetchMaxBytes: 1024 * 1024,
  urlMappings: [],
};
