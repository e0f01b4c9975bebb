// A Module's `source.configMap` (key `module.yaml`) resolved through the user's kubeconfig; the core's
// resolver never reaches a cluster, so the host wraps it. Everything else goes to the core resolver.
import { resourceFromText } from '../../common/src/resolve';
import type { ResourceResolver } from '../../common/src/index';
import { message, readConfigMapKey } from './configMapPlugin';
import type { KubeConfigRef } from './types';

export function withConfigMapSource(
  resolver: ResourceResolver,
  kube: KubeConfigRef | undefined,
  timeoutMs: number,
): ResourceResolver {
  return {
    async resolve(source, from, signal) {
      if (source.type !== 'configMap') return resolver.resolve(source, from, signal);
      const where = `${source.namespace}/${source.name}`;
      if (!kube) {
        return {
          ok: false,
          reason: 'configMap',
          message: `the resource is in ConfigMap ${where}, which needs a cluster: give a kubeconfig`,
        };
      }
      let text: string;
      try {
        text = (await readConfigMapKey(source, 'module.yaml', kube, timeoutMs)).toString('utf8');
      } catch (error) {
        return {
          ok: false,
          reason: 'fetch-failed',
          message: `failed to read module location: ConfigMap ${where}: ${message(error)}`,
        };
      }
      const staged = resourceFromText(text);
      if ('error' in staged) return { ok: false, reason: 'invalid', message: staged.error };
      if (!staged.definition) return { ok: false, reason: 'invalid', message: 'the resource could not be decoded' };
      return { ok: true, definition: staged.definition, text, origin: 'file', location: `ConfigMap ${where}`, staged };
    },
  };
}
