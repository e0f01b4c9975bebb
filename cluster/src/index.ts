// Public API of the cluster backend (issue 9), for the VS Code Cluster view, the language server and the CLI.
// Node only, never imports vscode; @kubernetes/client-node is loaded on first use.
//
//   const contexts = await listContexts({ kubeconfigPath });          // ContextInfo[]
//   const cluster = await openCluster({ kubeconfigPath, context }, { readOnly: !trusted });
//   const modules = cluster.watchModules(undefined, (change) => ...); // LiveModel: one list + one watch
//   await modules.ready(); modules.items; modules.dispose();
//   const verdict = await cluster.dryRunApply(doc); await cluster.apply(doc);
//   await cluster.run('sleep', doc, { timeoutS, signal, onPhase, onEvent });   // waits until the phase settles
//   cluster.dispose();
//
// Every failure is a ClusterError with a `kind` (no-kubeconfig, unreachable, crd-missing, forbidden, conflict,
// webhook, immutable, invalid, not-found, timeout, cancelled, bad-document) and a message for the user.
export * from './types';
export { ClusterError, isClusterError } from './errors';
export { listContexts, kubeconfigPaths } from './kubeconfig';
export { openCluster } from './backend';
export { allowedOperations, settledPhase, refusalFor } from './phases';
export { toModuleView, toWorkspaceView, MODULE_ANNOTATIONS } from './views';
export { parseModuleDocuments } from './documents';
