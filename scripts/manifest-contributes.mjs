// Writes the client's parts of package.json (contributes, activationEvents, capabilities, icon) from one place:
// ids from client/src/ids.ts, settings from common/src/settings.ts (compiled: run `npx tsc -p .` first).
// Usage: flock /tmp/shared.lock node scripts/manifest-contributes.mjs   (test/unit/client/manifest.test.ts checks it)
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';

const root = join(import.meta.dirname, '..');
const require = createRequire(import.meta.url);
const { COMMANDS, VIEWS, VIEW_CONTAINER } = require(join(root, 'out/client/src/ids.js'));
const { configurationProperties, RESTRICTED_SETTINGS } = require(join(root, 'out/client/src/config.js'));
// The Cluster view's contributions (issue 9), declared with its ids in client/src/cluster/model/.
const { clusterContributes: cluster } = require(join(root, 'out/client/src/cluster/model/clusterManifest.js'));

// Restricted Mode runs no plugin: the lifecycle actions are not offered there (the CodeLens says why).
const moduleItem = (action) => `isWorkspaceTrusted && view == ${VIEWS.modules} && viewItem =~ /\\bcan-${action}\\b/`;
const category = 'Forkspacer';

export const contributes = {
  configuration: { title: 'Forkspacer', properties: configurationProperties() },
  viewsContainers: {
    activitybar: [{ id: VIEW_CONTAINER, title: 'Forkspacer', icon: 'media/forkspacer-activity.svg' }],
  },
  views: {
    [VIEW_CONTAINER]: [
      { id: VIEWS.modules, name: 'Modules', icon: 'media/forkspacer-activity.svg', contextualTitle: 'Forkspacer' },
      { id: VIEWS.resources, name: 'Resources', icon: 'media/forkspacer-activity.svg', contextualTitle: 'Forkspacer' },
      cluster.view,
    ],
  },
  viewsWelcome: [
    {
      view: VIEWS.modules,
      contents: `No Forkspacer Module (apiVersion: batch.forkspacer.com/v1, kind: Module) in this workspace yet.\n[New Custom Resource](command:${COMMANDS.newCustomResource})\nIt creates a Go plugin folder with its resource and a Module that installs it.`,
    },
    {
      view: VIEWS.resources,
      contents: `No Custom or Helm resource definition in this workspace.\n[New Custom Resource](command:${COMMANDS.newCustomResource})`,
    },
    ...cluster.viewsWelcome,
  ],
  commands: [
    { command: COMMANDS.installModule, title: 'Install', category, icon: '$(play)' },
    { command: COMMANDS.uninstallModule, title: 'Uninstall', category, icon: '$(trash)' },
    { command: COMMANDS.sleepModule, title: 'Sleep', category, icon: '$(debug-pause)' },
    { command: COMMANDS.resumeModule, title: 'Resume', category, icon: '$(debug-continue)' },
    { command: COMMANDS.showLogs, title: 'Show Logs', category, icon: '$(output)' },
    { command: COMMANDS.showProblems, title: 'Show Problems', category, icon: '$(warning)' },
    { command: COMMANDS.revealInFile, title: 'Reveal in File', category, icon: '$(go-to-file)' },
    { command: COMMANDS.validateWorkspace, title: 'Validate Workspace', category, icon: '$(checklist)' },
    { command: COMMANDS.newCustomResource, title: 'New Custom Resource', category, icon: '$(new-folder)' },
    { command: COMMANDS.newModuleFromResource, title: 'New Module from Resource', category, icon: '$(new-file)' },
    { command: COMMANDS.goModTidy, title: 'Run go mod tidy in the Plugin Folder', category },
    { command: COMMANDS.refreshViews, title: 'Refresh', category, icon: '$(refresh)' },
    ...cluster.commands,
  ],
  menus: {
    'view/title': [
      {
        command: COMMANDS.refreshViews,
        when: `view == ${VIEWS.modules} || view == ${VIEWS.resources}`,
        group: 'navigation@9',
      },
      { command: COMMANDS.validateWorkspace, when: `view == ${VIEWS.modules}`, group: 'navigation@1' },
      { command: COMMANDS.showLogs, when: `view == ${VIEWS.modules}`, group: 'navigation@2' },
      { command: COMMANDS.newCustomResource, when: `view == ${VIEWS.resources}`, group: 'navigation@1' },
      ...cluster.viewTitle,
    ],
    'view/item/context': [
      { command: COMMANDS.installModule, when: moduleItem('install'), group: 'inline@1' },
      { command: COMMANDS.sleepModule, when: moduleItem('sleep'), group: 'inline@2' },
      { command: COMMANDS.resumeModule, when: moduleItem('resume'), group: 'inline@3' },
      { command: COMMANDS.uninstallModule, when: moduleItem('uninstall'), group: 'inline@4' },
      { command: COMMANDS.installModule, when: moduleItem('install'), group: '1_lifecycle@1' },
      { command: COMMANDS.sleepModule, when: moduleItem('sleep'), group: '1_lifecycle@2' },
      { command: COMMANDS.resumeModule, when: moduleItem('resume'), group: '1_lifecycle@3' },
      { command: COMMANDS.uninstallModule, when: moduleItem('uninstall'), group: '1_lifecycle@4' },
      {
        command: COMMANDS.revealInFile,
        when: `view == ${VIEWS.modules} && viewItem =~ /\\bforkspacerModule\\b/`,
        group: '2_navigation@1',
      },
      {
        command: COMMANDS.showLogs,
        when: `view == ${VIEWS.modules} && viewItem =~ /\\bforkspacerModule\\b/`,
        group: '2_navigation@2',
      },
      {
        command: COMMANDS.newModuleFromResource,
        when: `view == ${VIEWS.resources} && viewItem == forkspacerResource`,
        group: 'inline@1',
      },
      {
        command: COMMANDS.newModuleFromResource,
        when: `view == ${VIEWS.resources} && viewItem == forkspacerResource`,
        group: '1_create@1',
      },
      {
        command: COMMANDS.revealInFile,
        when: `view == ${VIEWS.resources} && viewItem =~ /^forkspacerResource/`,
        group: '2_navigation@1',
      },
      ...cluster.itemContext,
    ],
    'editor/context': cluster.editorContext,
    commandPalette: [{ command: COMMANDS.refreshViews, when: 'true' }, ...cluster.commandPalette],
  },
  grammars: [
    {
      scopeName: 'forkspacer.go-template.injection',
      path: './syntaxes/go-template.injection.tmLanguage.json',
      injectTo: ['source.yaml'],
    },
  ],
};

export const capabilities = {
  virtualWorkspaces: { supported: false, description: 'The local host runs Go plugins from files on disk.' },
  untrustedWorkspaces: {
    supported: 'limited',
    description:
      'In an untrusted workspace Forkspacer validates, completes and explains YAML, but runs no plugin, no Go build and fetches nothing over the network.',
    restrictedConfigurations: RESTRICTED_SETTINGS.map((key) => `forkspacer.${key}`),
  },
};

export const activationEvents = ['onLanguage:yaml', 'workspaceContains:**/*.{yaml,yml}'];

if (process.argv[1] === import.meta.filename) {
  const path = join(root, 'package.json');
  const pkg = JSON.parse(readFileSync(path, 'utf8'));
  pkg.contributes = contributes;
  pkg.capabilities = capabilities;
  pkg.activationEvents = activationEvents;
  pkg.icon = 'media/icon.png';
  pkg.main = './dist/client.js';
  writeFileSync(path, JSON.stringify(pkg, null, 2) + '\n');
  console.log('package.json: contributes, capabilities, activationEvents, icon, main written');
}
