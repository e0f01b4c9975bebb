// Reads a plugin from a ConfigMap (key `plugin`, as the operator does: resources.CustomPluginConfigMapDataKey)
// through the user's kubeconfig. Only used when a kubeconfig is configured.
import type { KubeConfigRef } from './types';

export async function readConfigMapPlugin(
  ref: { name: string; namespace: string },
  kube: KubeConfigRef,
  timeoutMs: number,
): Promise<Buffer> {
  // @kubernetes/client-node is an ES module: load it on demand (and only when a cluster is used at all).
  const k8s = await import('@kubernetes/client-node');
  const config = new k8s.KubeConfig();
  config.loadFromFile(kube.kubeconfig);
  if (kube.context) config.setCurrentContext(kube.context);
  const api = config.makeApiClient(k8s.CoreV1Api);
  const where = `${ref.namespace}/${ref.name}`;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    const configMap = await Promise.race([
      api.readNamespacedConfigMap({ name: ref.name, namespace: ref.namespace }),
      timeout,
    ]);
    if (configMap.binaryData?.plugin) return Buffer.from(configMap.binaryData.plugin, 'base64');
    if (configMap.data?.plugin) return Buffer.from(configMap.data.plugin, 'utf8');
    throw new Error(`ConfigMap ${where} has no key 'plugin'`);
  } catch (error) {
    throw new Error(
      `failed to write ConfigMap plugin file from ${where}: ${error instanceof Error ? error.message : String(error)}`,
    );
  } finally {
    clearTimeout(timer);
  }
}
