// Reads a key of a ConfigMap through the user's kubeconfig: `plugin` for a plugin binary (operator:
// resources.CustomPluginConfigMapDataKey), `module.yaml` for a Module's `source.configMap`. Only used when a
// kubeconfig is configured.
import type { KubeConfigRef } from './types';

export async function readConfigMapKey(
  ref: { name: string; namespace: string },
  key: string,
  kube: KubeConfigRef,
  timeoutMs: number,
): Promise<Buffer> {
  // @kubernetes/client-node is an ES module: load it on demand (and only when a cluster is used at all).
  const k8s = await import('@kubernetes/client-node');
  const config = new k8s.KubeConfig();
  config.loadFromFile(kube.kubeconfig);
  if (kube.context) config.setCurrentContext(kube.context);
  const api = config.makeApiClient(k8s.CoreV1Api);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    const configMap = await Promise.race([
      api.readNamespacedConfigMap({ name: ref.name, namespace: ref.namespace }),
      timeout,
    ]);
    if (configMap.binaryData?.[key]) return Buffer.from(configMap.binaryData[key], 'base64');
    if (configMap.data?.[key]) return Buffer.from(configMap.data[key], 'utf8');
    throw new Error(`ConfigMap ${ref.namespace}/${ref.name} has no key '${key}'`);
  } finally {
    clearTimeout(timer);
  }
}

export async function readConfigMapPlugin(
  ref: { name: string; namespace: string },
  kube: KubeConfigRef,
  timeoutMs: number,
): Promise<Buffer> {
  try {
    return await readConfigMapKey(ref, 'plugin', kube, timeoutMs);
  } catch (error) {
    // operator wording (pkg/manager/custom.go)
    throw new Error(`failed to write ConfigMap plugin file from ${ref.namespace}/${ref.name}: ${message(error)}`);
  }
}

export function message(error: unknown): string {
  if (error instanceof Error) return error.message;
  // client-node's ApiException carries the HTTP code and body.
  return String(error);
}
