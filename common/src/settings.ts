// The extension's settings, declared once: ids, types, defaults and descriptions (the client builds
// package.json `contributes.configuration` from SETTINGS), plus one normaliser that every consumer
// (server, host, CLI) runs over whatever it was given: a `workspace/configuration` answer for section
// `forkspacer` (nested objects), a flat object with dotted keys, or nothing.
import type { CoreSettings } from './types';
import { DEFAULT_SETTINGS } from './types';

/** The configuration section; every id below is `forkspacer.<key>`. */
export const SETTINGS_SECTION = 'forkspacer';

type SettingType = 'string' | 'boolean' | 'number' | 'object';

export interface SettingDeclaration {
  /** Key under the section, e.g. `network.fetchHttp` (full id `forkspacer.network.fetchHttp`). */
  key: string;
  type: SettingType;
  default: unknown;
  description: string;
  minimum?: number;
  /** `machine` for paths and executables a workspace must not choose for the user. */
  scope?: 'application' | 'machine' | 'machine-overridable' | 'window' | 'resource';
}

export const SETTINGS = [
  {
    key: 'operatorVersion',
    type: 'string',
    default: DEFAULT_SETTINGS.operatorVersion,
    description:
      "Operator version that a resource's `supportedOperatorVersion` is checked against. Default 0.1.7, the last release with Go plugins.",
  },
  {
    key: 'network.fetchHttp',
    type: 'boolean',
    default: DEFAULT_SETTINGS.fetchHttp,
    description:
      "Fetch a Module's `source.httpURL` resource definition over the network to check its `spec.config`. Never done in an untrusted workspace.",
  },
  {
    key: 'network.timeoutMs',
    type: 'number',
    default: DEFAULT_SETTINGS.fetchTimeoutMs,
    minimum: 100,
    description: 'Timeout in milliseconds for fetching a `source.httpURL` resource definition.',
  },
  {
    key: 'network.maxBytes',
    type: 'number',
    default: DEFAULT_SETTINGS.fetchMaxBytes,
    minimum: 1024,
    description: 'Largest `source.httpURL` resource definition fetched, in bytes.',
  },
  {
    key: 'resources.urlMappings',
    type: 'object',
    default: {},
    description:
      'URL prefix → local folder. A `source.httpURL` starting with a prefix is read from the folder instead (offline, and your local edits win). Relative folders are relative to the workspace folder.',
    scope: 'resource',
  },
  {
    key: 'inlayHints.defaults',
    type: 'boolean',
    default: true,
    description:
      "Inlay hints in a Module's `spec.config`: the value the operator applies to each item the Module omits (`debug: false (default)`).",
  },
  {
    key: 'inlayHints.goTypes',
    type: 'boolean',
    default: true,
    description:
      "Inlay hints in a Module's `spec.config`: the Go type the plugin receives where it differs from what the item's type suggests (a Module's number arrives as `float64`, an integer default as `int`).",
  },
  {
    key: 'kubeconfig',
    type: 'string',
    default: '',
    description: 'Path of the kubeconfig the local host and cluster views use. Empty: $KUBECONFIG or ~/.kube/config.',
    scope: 'machine-overridable',
  },
  {
    key: 'context',
    type: 'string',
    default: '',
    description: "Kubeconfig context to use. Empty: the kubeconfig's current context.",
  },
  {
    key: 'cluster.kubeconfig',
    type: 'string',
    default: '',
    description:
      "Kubeconfig of the Cluster view and of the language server's cluster checks. Empty: `forkspacer.kubeconfig`, then $KUBECONFIG, then ~/.kube/config.",
    scope: 'machine-overridable',
  },
  {
    key: 'cluster.context',
    type: 'string',
    default: '',
    description:
      "Context of the Cluster view and of the language server's cluster checks. Empty: the kubeconfig's current context. **Forkspacer: Switch Cluster Context** (or the status-bar item) sets it.",
  },
  {
    key: 'cluster.namespace',
    type: 'string',
    default: '',
    description: 'Namespace the Cluster view shows. Empty: every namespace the context may list.',
  },
  {
    key: 'cluster.checks',
    type: 'boolean',
    default: true,
    description:
      "In a trusted workspace with a cluster context: read a Module's `source.configMap` and a resource's `repo.configMap` from the cluster to check them, and say when a Module's Workspace does not exist there. Read-only; nothing is sent in Restricted Mode.",
  },
  {
    key: 'cluster.timeoutSeconds',
    type: 'number',
    default: 300,
    minimum: 1,
    description:
      'How long Apply, Sleep, Resume and Delete from the Cluster view wait for the operator to settle the phase (ready, sleeped, removed or failed).',
  },
  {
    key: 'goPath',
    type: 'string',
    default: 'go',
    description: 'The `go` executable used to build the plugin runner.',
    scope: 'machine-overridable',
  },
  {
    key: 'plugin.timeoutSeconds',
    type: 'number',
    default: 300,
    minimum: 1,
    description:
      'Time limit in seconds for one plugin lifecycle operation (Install, Sleep, Resume, Uninstall) run by the local host.',
  },
  {
    key: 'confirm.uninstall',
    type: 'boolean',
    default: true,
    description:
      "Ask before Uninstall runs a Module's plugin against your kubeconfig (the dialog names the Module and the context). Set to false by the dialog's \"Don't Ask Again\".",
    // A user's choice: a workspace's settings cannot turn the question off.
    scope: 'application',
  },
] as const satisfies readonly SettingDeclaration[];

export type SettingKey = (typeof SETTINGS)[number]['key'];

/** The full setting id, e.g. `forkspacer.network.fetchHttp`. */
export function settingId(key: SettingKey): string {
  return `${SETTINGS_SECTION}.${key}`;
}

/** Everything the extension reads, normalised. CoreSettings is the part the pure core needs. */
export interface ForkspacerSettings extends CoreSettings {
  kubeconfig: string;
  context: string;
  goPath: string;
  pluginTimeoutSeconds: number;
  confirmUninstall: boolean;
  /** Inlay hints: the defaults the operator applies, and the Go types the plugin receives. */
  inlayHints: { defaults: boolean; goTypes: boolean };
  /** The Cluster view and the server's cluster checks (issue 9). Empty strings: the defaults described above. */
  cluster: ClusterSettings;
}

export interface ClusterSettings {
  kubeconfig: string;
  context: string;
  namespace: string;
  checks: boolean;
  timeoutSeconds: number;
}

export const DEFAULT_FORKSPACER_SETTINGS: ForkspacerSettings = {
  ...DEFAULT_SETTINGS,
  urlMappings: [],
  kubeconfig: '',
  context: '',
  goPath: 'go',
  pluginTimeoutSeconds: 300,
  confirmUninstall: true,
  inlayHints: { defaults: true, goTypes: true },
  cluster: { kubeconfig: '', context: '', namespace: '', checks: true, timeoutSeconds: 300 },
};

export interface NormaliseOptions {
  /** Base for relative `resources.urlMappings` folders (a workspace folder path). */
  baseFolder?: string;
}

/**
 * Turns any raw settings object into complete, well-typed settings: unknown keys are ignored, a value of
 * the wrong type falls back to its default, numbers are clamped to their minimum. Never throws.
 */
export function normaliseSettings(raw: unknown, options: NormaliseOptions = {}): ForkspacerSettings {
  const read = (key: SettingKey): unknown => readKey(raw, key);
  const str = (key: SettingKey, fallback: string): string => {
    const v = read(key);
    return typeof v === 'string' && v.trim() !== '' ? v.trim() : fallback;
  };
  const num = (key: SettingKey, fallback: number, minimum: number): number => {
    const v = read(key);
    const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
    return Number.isFinite(n) ? Math.max(minimum, Math.floor(n)) : fallback;
  };
  const bool = (key: SettingKey, fallback: boolean): boolean => {
    const v = read(key);
    return typeof v === 'boolean' ? v : fallback;
  };
  const d = DEFAULT_FORKSPACER_SETTINGS;
  return {
    operatorVersion: str('operatorVersion', d.operatorVersion),
    fetchHttp: bool('network.fetchHttp', d.fetchHttp),
    fetchTimeoutMs: num('network.timeoutMs', d.fetchTimeoutMs, 100),
    fetchMaxBytes: num('network.maxBytes', d.fetchMaxBytes, 1024),
    urlMappings: normaliseUrlMappings(read('resources.urlMappings'), options.baseFolder),
    kubeconfig: typeof read('kubeconfig') === 'string' ? String(read('kubeconfig')).trim() : d.kubeconfig,
    context: typeof read('context') === 'string' ? String(read('context')).trim() : d.context,
    goPath: str('goPath', d.goPath),
    pluginTimeoutSeconds: num('plugin.timeoutSeconds', d.pluginTimeoutSeconds, 1),
    confirmUninstall: bool('confirm.uninstall', d.confirmUninstall),
    inlayHints: {
      defaults: bool('inlayHints.defaults', d.inlayHints.defaults),
      goTypes: bool('inlayHints.goTypes', d.inlayHints.goTypes),
    },
    cluster: {
      kubeconfig: str('cluster.kubeconfig', d.cluster.kubeconfig),
      context: str('cluster.context', d.cluster.context),
      namespace: str('cluster.namespace', d.cluster.namespace),
      checks: bool('cluster.checks', d.cluster.checks),
      timeoutSeconds: num('cluster.timeoutSeconds', d.cluster.timeoutSeconds, 1),
    },
  };
}

/** Reads `a.b` from `{ a: { b } }`, `{ 'a.b': v }` or `{ 'forkspacer.a.b': v }`. */
function readKey(raw: unknown, key: string): unknown {
  if (!isRecord(raw)) return undefined;
  for (const flat of [key, `${SETTINGS_SECTION}.${key}`]) {
    if (flat in raw) return raw[flat];
  }
  let node: unknown = isRecord(raw[SETTINGS_SECTION]) ? raw[SETTINGS_SECTION] : raw;
  for (const part of key.split('.')) {
    if (!isRecord(node)) return undefined;
    node = node[part];
  }
  return node;
}

/** Accepts `{ prefix: folder }` (the setting's shape) or `[{ prefix, folder }]`; longest prefix first. */
function normaliseUrlMappings(raw: unknown, baseFolder: string | undefined): CoreSettings['urlMappings'] {
  const pairs: [unknown, unknown][] = Array.isArray(raw)
    ? raw.filter(isRecord).map((m) => [m.prefix, m.folder])
    : isRecord(raw)
      ? Object.entries(raw)
      : [];
  const mappings: CoreSettings['urlMappings'] = [];
  for (const [prefix, folder] of pairs) {
    if (typeof prefix !== 'string' || typeof folder !== 'string' || !prefix.trim() || !folder.trim()) continue;
    mappings.push({ prefix: prefix.trim(), folder: resolveFolder(folder.trim(), baseFolder) });
  }
  return mappings.sort((a, b) => b.prefix.length - a.prefix.length);
}

function resolveFolder(folder: string, baseFolder: string | undefined): string {
  const withVariable = baseFolder ? folder.replace(/\$\{workspaceFolder\}/g, baseFolder) : folder;
  if (!baseFolder || withVariable.startsWith('/') || /^[A-Za-z]:[\\/]/.test(withVariable)) return withVariable;
  return `${baseFolder.replace(/[\\/]+$/, '')}/${withVariable.replace(/^\.\//, '')}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
