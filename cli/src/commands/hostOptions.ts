// Options `run` and `status` share: where the host keeps its state and how it reaches Go and the cluster.
import { resolve } from 'node:path';
import type { HostOptions } from '../../../host/src/index';

export const DEFAULT_STATE_DIR = '.forkspacer/host';

export const HOST_OPTIONS = {
  'state-dir': { type: 'string' },
  kubeconfig: { type: 'string' },
  context: { type: 'string' },
  go: { type: 'string' },
  'cache-dir': { type: 'string' },
  'operator-version': { type: 'string' },
} as const;

export const HOST_OPTIONS_HELP = `  --state-dir D       folder of the module state files (default ${DEFAULT_STATE_DIR}, or $FORKSPACER_STATE_DIR)
  --kubeconfig K      kubeconfig for the plugin's rest.Config (default $KUBECONFIG, then ~/.kube/config;
                      none found: an empty rest.Config that points at no cluster)
  --context C         kubeconfig context
  --go PATH           the go executable that builds the runner (default go)
  --cache-dir D       plugin and runner cache (default ~/.cache/forkspacer)
  --operator-version V  operator version checked against supportedOperatorVersion (default 0.1.7)`;

type Values = Partial<Record<keyof typeof HOST_OPTIONS, string | boolean | undefined>>;

export function stateDirFrom(values: Values): string {
  const dir =
    typeof values['state-dir'] === 'string'
      ? values['state-dir']
      : process.env.FORKSPACER_STATE_DIR || DEFAULT_STATE_DIR;
  return resolve(dir);
}

export function hostOptionsFrom(values: Values): HostOptions {
  const str = (key: keyof typeof HOST_OPTIONS) =>
    typeof values[key] === 'string' ? (values[key] as string) : undefined;
  return {
    stateDir: stateDirFrom(values),
    settings: str('operator-version') ? { operatorVersion: str('operator-version') } : {},
    kubeconfig: str('kubeconfig'),
    context: str('context'),
    goBinary: str('go'),
    cacheDir: str('cache-dir'),
  };
}
