// The Cluster view's package.json contributions, merged into the manifest by scripts/manifest-contributes.mjs
// (test/unit/client/clusterManifest.test.ts checks package.json carries them). Pure.
import { CLUSTER_COMMANDS, CLUSTER_VIEW, CLUSTER_WRITES, type ClusterCommandKey } from './clusterIds';

const category = 'Forkspacer';
const C = CLUSTER_COMMANDS;

export const CLUSTER_COMMAND_TITLES: Record<ClusterCommandKey, { title: string; icon?: string }> = {
  clusterSwitchContext: { title: 'Switch Cluster Context', icon: '$(vm)' },
  clusterSelectNamespace: { title: 'Show Cluster Namespace…', icon: '$(filter)' },
  clusterRefresh: { title: 'Refresh Cluster', icon: '$(refresh)' },
  clusterApply: { title: 'Apply to Cluster', icon: '$(cloud-upload)' },
  clusterDiff: { title: 'Diff File with Cluster', icon: '$(diff)' },
  clusterSleepModule: { title: 'Sleep Module in Cluster', icon: '$(debug-pause)' },
  clusterResumeModule: { title: 'Resume Module in Cluster', icon: '$(debug-continue)' },
  clusterDeleteModule: { title: 'Delete Module from Cluster', icon: '$(trash)' },
  clusterRemoveFinalizer: { title: 'Remove Finalizer of Stuck Module', icon: '$(warning)' },
  clusterHibernateWorkspace: { title: 'Hibernate Workspace', icon: '$(debug-pause)' },
  clusterResumeWorkspace: { title: 'Resume Workspace', icon: '$(debug-continue)' },
  clusterForkWorkspace: { title: 'Fork Workspace', icon: '$(repo-forked)' },
  clusterDeleteWorkspace: { title: 'Delete Workspace from Cluster', icon: '$(trash)' },
  clusterShowStored: { title: 'Show Stored Annotation' },
};

/** `when` of a tree item action: writes need a trusted workspace (Restricted Mode shows none). */
function item(kind: 'clusterModule' | 'clusterWorkspace', action: string, key: ClusterCommandKey): string {
  const trust = CLUSTER_WRITES[key] ? 'isWorkspaceTrusted && ' : '';
  return `${trust}view == ${CLUSTER_VIEW} && viewItem =~ /\\b${kind}\\b.*\\bcan-${action}\\b/`;
}

const itemActions: [ClusterCommandKey, 'clusterModule' | 'clusterWorkspace', string][] = [
  ['clusterSleepModule', 'clusterModule', 'sleep'],
  ['clusterResumeModule', 'clusterModule', 'resume'],
  ['clusterDiff', 'clusterModule', 'diff'],
  ['clusterRemoveFinalizer', 'clusterModule', 'removeFinalizer'],
  ['clusterDeleteModule', 'clusterModule', 'delete'],
  ['clusterHibernateWorkspace', 'clusterWorkspace', 'hibernate'],
  ['clusterResumeWorkspace', 'clusterWorkspace', 'resume'],
  ['clusterForkWorkspace', 'clusterWorkspace', 'fork'],
  ['clusterDeleteWorkspace', 'clusterWorkspace', 'delete'],
];

const yamlEditor = 'resourceLangId == yaml && resourceScheme == file';

export const clusterContributes = {
  // Collapsed at first: most workspaces have no cluster, and the Modules view keeps its room until the user opens it.
  view: {
    id: CLUSTER_VIEW,
    name: 'Cluster',
    icon: 'media/forkspacer-activity.svg',
    contextualTitle: 'Forkspacer',
    visibility: 'collapsed',
  },
  commands: (Object.keys(C) as ClusterCommandKey[]).map((key) => ({
    command: C[key],
    title: CLUSTER_COMMAND_TITLES[key].title,
    category,
    ...(CLUSTER_COMMAND_TITLES[key].icon ? { icon: CLUSTER_COMMAND_TITLES[key].icon } : {}),
  })),
  viewTitle: [
    { command: C.clusterSwitchContext, when: `view == ${CLUSTER_VIEW}`, group: 'navigation@1' },
    { command: C.clusterSelectNamespace, when: `view == ${CLUSTER_VIEW}`, group: 'navigation@2' },
    { command: C.clusterRefresh, when: `view == ${CLUSTER_VIEW}`, group: 'navigation@9' },
  ],
  itemContext: [
    ...itemActions.map(([key, kind, action], i) => ({
      command: C[key],
      when: item(kind, action, key),
      group: `inline@${i + 1}`,
    })),
    ...itemActions.map(([key, kind, action], i) => ({
      command: C[key],
      when: item(kind, action, key),
      group: `1_cluster@${i + 1}`,
    })),
    {
      command: C.clusterSwitchContext,
      when: `view == ${CLUSTER_VIEW} && viewItem == clusterContext`,
      group: 'inline@1',
    },
  ],
  editorContext: [
    { command: C.clusterApply, when: `isWorkspaceTrusted && ${yamlEditor}`, group: 'forkspacer@1' },
    { command: C.clusterDiff, when: yamlEditor, group: 'forkspacer@2' },
  ],
  /** Commands that only make sense with an argument from the tree stay out of the palette. */
  commandPalette: [
    { command: C.clusterShowStored, when: 'false' },
    { command: C.clusterApply, when: `isWorkspaceTrusted && ${yamlEditor}` },
    { command: C.clusterDiff, when: yamlEditor },
  ],
  viewsWelcome: [
    {
      view: CLUSTER_VIEW,
      contents: `No kubeconfig context found. The Cluster view reads forkspacer.cluster.kubeconfig, else forkspacer.kubeconfig, $KUBECONFIG or ~/.kube/config.\n[Open Settings](command:workbench.action.openSettings?%5B%22forkspacer.cluster%22%5D)`,
    },
  ],
};
