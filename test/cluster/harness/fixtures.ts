// Documents for the cluster tests: a Workspace, and a Module with an embedded Custom definition whose plugin is
// the recorder (test/cluster/plugins/recorder) served by the test cluster.
import type { KubeObject } from '../../../cluster/src/index';

export const RECORDER_ITEMS = [
  { type: 'string', name: 'Id', alias: 'id', spec: { required: true, editable: true } },
  {
    type: 'option',
    name: 'Fail',
    alias: 'fail',
    spec: { default: 'none', values: ['none', 'install', 'sleep', 'resume', 'uninstall'], editable: true },
  },
  { type: 'integer', name: 'Replicas', alias: 'replicas', spec: { default: 2, min: 0, max: 10, editable: true } },
  { type: 'float', name: 'Ratio', alias: 'ratio', spec: { default: 0.5, editable: true } },
  { type: 'boolean', name: 'Debug', alias: 'debug', spec: { default: false, editable: true } },
  {
    type: 'multiple-options',
    name: 'Tags',
    alias: 'tags',
    spec: { default: ['a'], values: ['a', 'b', 'c'], editable: true },
  },
];

export function workspaceDoc(name: string, namespace = 'default', spec: Record<string, unknown> = {}): KubeObject {
  return { apiVersion: 'batch.forkspacer.com/v1', kind: 'Workspace', metadata: { name, namespace }, spec };
}

export function moduleDoc(
  name: string,
  pluginUrl: string,
  config: Record<string, unknown>,
  options: { namespace?: string; workspace?: string; hibernated?: boolean } = {},
): KubeObject {
  const spec: Record<string, unknown> = {
    workspace: { name: options.workspace ?? 'dev', namespace: options.namespace ?? 'default' },
    source: {
      raw: {
        kind: 'Custom',
        metadata: { name: `${name}-plugin`, version: '1.0.0', supportedOperatorVersion: '>= 0.0.0, < 1.0.0' },
        config: RECORDER_ITEMS,
        spec: { repo: { file: pluginUrl } },
      },
    },
    config,
  };
  if (options.hibernated !== undefined) spec.hibernated = options.hibernated;
  return {
    apiVersion: 'batch.forkspacer.com/v1',
    kind: 'Module',
    metadata: { name, namespace: options.namespace ?? 'default' },
    spec,
  };
}

export async function waitFor<T>(
  what: string,
  timeoutMs: number,
  check: () => Promise<T> | T,
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await check();
      if (v) return v as NonNullable<T>;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
