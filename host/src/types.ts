// Small shared shapes of the host's Node side.
export interface KubeConfigRef {
  kubeconfig: string;
  context?: string;
}
