// Loads a kubeconfig through client-node (lazy: the ES module is imported on first use, so the CLI and the
// extension start without it). Resolution as kubectl: the given path, else $KUBECONFIG (first file), else ~/.kube/config.
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import type * as K8s from '@kubernetes/client-node';
import { ClusterError } from './errors';
import type { ClusterTarget, ContextInfo } from './types';

export type ClientNode = typeof K8s;
let loaded: Promise<ClientNode> | undefined;

/** The client-node module, imported once on first use. */
export function clientNode(): Promise<ClientNode> {
  loaded ??= import('@kubernetes/client-node');
  return loaded;
}

export function kubeconfigPaths(target: ClusterTarget, env: NodeJS.ProcessEnv = process.env): string[] {
  if (target.kubeconfigPath) return [target.kubeconfigPath];
  if (env.KUBECONFIG) return env.KUBECONFIG.split(delimiter).filter(Boolean);
  return [join(homedir(), '.kube', 'config')];
}

export async function loadKubeConfig(target: ClusterTarget): Promise<K8s.KubeConfig> {
  const k8s = await clientNode();
  const paths = kubeconfigPaths(target).filter((p) => existsSync(p));
  if (paths.length === 0)
    throw new ClusterError(
      'no-kubeconfig',
      target.kubeconfigPath
        ? `No kubeconfig at ${target.kubeconfigPath}. Set forkspacer.kubeconfig (or --kubeconfig) to an existing file.`
        : `No kubeconfig found (${kubeconfigPaths(target).join(', ')}). Set $KUBECONFIG, forkspacer.kubeconfig or --kubeconfig.`,
    );
  const config = new k8s.KubeConfig();
  try {
    if (paths.length === 1) config.loadFromFile(paths[0]);
    else {
      // $KUBECONFIG with several files: merged, the first file's current-context wins (kubectl's rule).
      const merged = new k8s.KubeConfig();
      for (const p of paths) {
        const one = new k8s.KubeConfig();
        one.loadFromFile(p);
        merged.mergeConfig(one);
        if (!merged.currentContext && one.currentContext) merged.setCurrentContext(one.currentContext);
      }
      config.loadFromString(merged.exportConfig());
    }
  } catch (error) {
    throw new ClusterError(
      'no-kubeconfig',
      `Cannot read the kubeconfig ${paths.join(', ')}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  if (config.getContexts().length === 0)
    throw new ClusterError('no-kubeconfig', `The kubeconfig ${paths.join(', ')} has no context.`);
  if (target.context) {
    if (!config.getContextObject(target.context))
      throw new ClusterError(
        'no-kubeconfig',
        `The kubeconfig ${paths.join(', ')} has no context "${target.context}" (it has: ${config
          .getContexts()
          .map((c) => c.name)
          .join(', ')}).`,
      );
    config.setCurrentContext(target.context);
  } else if (!config.getCurrentContext() || !config.getContextObject(config.getCurrentContext())) {
    throw new ClusterError(
      'no-kubeconfig',
      `The kubeconfig ${paths.join(', ')} has no current context; choose one (--context or forkspacer.context).`,
    );
  }
  if (!config.getCurrentCluster())
    throw new ClusterError('no-kubeconfig', `Context "${config.getCurrentContext()}" names no known cluster.`);
  return config;
}

/** The kubeconfig's contexts (for the context picker and the status bar). */
export async function listContexts(target: ClusterTarget = {}): Promise<ContextInfo[]> {
  const config = await loadKubeConfig({ kubeconfigPath: target.kubeconfigPath });
  const current = target.context || config.getCurrentContext();
  return config.getContexts().map((c) => {
    const info: ContextInfo = { name: c.name, cluster: c.cluster, user: c.user, current: c.name === current };
    if (c.namespace) info.namespace = c.namespace;
    const server = config.getCluster(c.cluster)?.server;
    if (server) info.server = server;
    return info;
  });
}
