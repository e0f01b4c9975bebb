// Which kubeconfig and context a plugin call gets, as the local host chooses them (host/src/host.ts
// defaultKubeconfig: the setting, else $KUBECONFIG, else ~/.kube/config when it exists; the runner loads it like
// kubectl: the context setting, else the first file's current-context). Said in the Uninstall confirmation. Pure.
import { parse } from 'yaml';

export interface KubeTarget {
  /** The kubeconfig path(s) as the host passes them; undefined: none, the plugin gets an empty rest.Config. */
  kubeconfig?: string;
  /** The context used; undefined when the kubeconfig names none (or cannot be read). */
  context?: string;
}

export interface KubeTargetInputs {
  kubeconfigSetting: string;
  contextSetting: string;
  env: { KUBECONFIG?: string | undefined; HOME?: string | undefined };
  /** A file's text, undefined when it does not exist or cannot be read. */
  read: (path: string) => string | undefined;
}

export function kubeTarget({ kubeconfigSetting, contextSetting, env, read }: KubeTargetInputs): KubeTarget {
  let kubeconfig = kubeconfigSetting || env.KUBECONFIG || undefined;
  const home = env.HOME ? `${env.HOME.replace(/\/+$/, '')}/.kube/config` : undefined;
  if (!kubeconfig && home && read(home) !== undefined) kubeconfig = home;
  if (!kubeconfig) return {};
  if (contextSetting) return { kubeconfig, context: contextSetting };
  // kubectl: with a $KUBECONFIG list, the first file that sets current-context wins.
  for (const path of kubeconfig.split(':').filter(Boolean)) {
    const text = read(path);
    if (text === undefined) continue;
    try {
      const current = (parse(text) as Record<string, unknown> | null)?.['current-context'];
      if (typeof current === 'string' && current) return { kubeconfig, context: current };
    } catch {
      // an unreadable kubeconfig names no context; the plugin call will say why it fails
    }
  }
  return { kubeconfig };
}

/** The confirmation's detail line: what the plugin's Uninstall will reach. */
export function describeKubeTarget(target: KubeTarget): string {
  if (!target.kubeconfig)
    return 'No kubeconfig is set or found: the plugin gets an empty configuration that points at no cluster.';
  const context = target.context ? `context "${target.context}"` : 'no context (the kubeconfig names none)';
  return `The plugin's Uninstall runs with your kubeconfig ${target.kubeconfig}, ${context}.`;
}
