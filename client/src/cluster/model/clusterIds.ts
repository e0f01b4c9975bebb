// The Cluster view's ids (issue 9), declared once: the manifest generator (scripts/manifest-contributes.mjs, via
// clusterManifest.ts), the adapters and the tests import them. Pure.

/** Command ids; titles and menus in clusterManifest.ts. */
export const CLUSTER_COMMANDS = {
  clusterSwitchContext: 'forkspacer.clusterSwitchContext',
  clusterSelectNamespace: 'forkspacer.clusterSelectNamespace',
  clusterRefresh: 'forkspacer.clusterRefresh',
  clusterApply: 'forkspacer.clusterApply',
  clusterDiff: 'forkspacer.clusterDiff',
  clusterSleepModule: 'forkspacer.clusterSleepModule',
  clusterResumeModule: 'forkspacer.clusterResumeModule',
  clusterDeleteModule: 'forkspacer.clusterDeleteModule',
  clusterRemoveFinalizer: 'forkspacer.clusterRemoveFinalizer',
  clusterHibernateWorkspace: 'forkspacer.clusterHibernateWorkspace',
  clusterResumeWorkspace: 'forkspacer.clusterResumeWorkspace',
  clusterForkWorkspace: 'forkspacer.clusterForkWorkspace',
  clusterDeleteWorkspace: 'forkspacer.clusterDeleteWorkspace',
  clusterShowStored: 'forkspacer.clusterShowStored',
} as const;
export type ClusterCommandKey = keyof typeof CLUSTER_COMMANDS;

/**
 * Commands that write to the cluster: refused in Restricted Mode (the backend is opened read-only there too, so a
 * write that slipped through is refused before it is sent).
 */
export const CLUSTER_WRITES: Readonly<Record<ClusterCommandKey, boolean>> = {
  clusterSwitchContext: false,
  clusterSelectNamespace: false,
  clusterRefresh: false,
  clusterApply: true,
  clusterDiff: false,
  clusterSleepModule: true,
  clusterResumeModule: true,
  clusterDeleteModule: true,
  clusterRemoveFinalizer: true,
  clusterHibernateWorkspace: true,
  clusterResumeWorkspace: true,
  clusterForkWorkspace: true,
  clusterDeleteWorkspace: true,
  clusterShowStored: false,
};

export const CLUSTER_VIEW = 'forkspacer.cluster';
/** URI scheme of the read-only documents: live objects for Diff, the operator's stored annotations. */
export const CLUSTER_SCHEME = 'forkspacer-cluster';
export const CLUSTER_STATUS_ITEM = 'forkspacer.clusterContext';

export const CLUSTER_UNTRUSTED_MESSAGE =
  'Forkspacer changes nothing in a cluster from an untrusted workspace (Restricted Mode): the Cluster view only reads, and never reads Secrets. Trust the workspace to apply, sleep, hibernate, fork or delete.';
