// Typed settings for the extension, on top of the core's one normaliser (common/src/settings.ts).
// Pure: ctx.ts hands in what vscode.workspace.getConfiguration('forkspacer') returns.
import {
  SETTINGS,
  SETTINGS_SECTION,
  normaliseSettings,
  settingId,
  type ForkspacerSettings,
  type SettingKey,
} from '../../common/src/settings';

export { SETTINGS_SECTION, type ForkspacerSettings };

/** Reads the normalised settings from a `get(key)` over the `forkspacer` section (WorkspaceConfiguration.get). */
export function readSettings(get: (key: string) => unknown, baseFolder?: string): ForkspacerSettings {
  const flat: Record<string, unknown> = {};
  for (const s of SETTINGS) flat[s.key] = get(s.key);
  return normaliseSettings(flat, baseFolder ? { baseFolder } : {});
}

/**
 * Settings a workspace must not choose while it is untrusted (package.json capabilities.untrustedWorkspaces
 * .restrictedConfigurations): executables, cluster credentials and network access.
 */
export const RESTRICTED_SETTINGS: readonly SettingKey[] = [
  'goPath',
  'kubeconfig',
  'context',
  'network.fetchHttp',
  'resources.urlMappings',
  'cluster.kubeconfig',
  'cluster.context',
];

/** Settings the embedded host is created with: a change re-creates it (between operations, state is on disk). */
export const HOST_SETTINGS: readonly SettingKey[] = [
  'operatorVersion',
  'kubeconfig',
  'context',
  'goPath',
  'plugin.timeoutSeconds',
  'network.fetchHttp',
  'network.timeoutMs',
  'network.maxBytes',
  'resources.urlMappings',
];

/** Whether a configuration change touches the host (`affects` is ConfigurationChangeEvent.affectsConfiguration). */
export function hostSettingsChanged(affects: (id: string) => boolean): boolean {
  return HOST_SETTINGS.some((key) => affects(settingId(key)));
}

/** package.json `contributes.configuration.properties`, generated from the declarations (a unit test keeps them equal). */
export function configurationProperties(): Record<string, Record<string, unknown>> {
  const props: Record<string, Record<string, unknown>> = {};
  for (const s of SETTINGS) {
    const p: Record<string, unknown> = { type: s.type, default: s.default, markdownDescription: s.description };
    if ('minimum' in s) p.minimum = s.minimum;
    if ('scope' in s) p.scope = s.scope;
    if (s.type === 'object') p.additionalProperties = { type: 'string' };
    props[settingId(s.key)] = p;
  }
  return props;
}
