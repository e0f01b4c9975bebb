// Every id the extension declares in package.json, declared once here. Pure: tests and the manifest check import it.

/** Command ids (`forkspacer.verbNoun`); titles live in package.json `contributes.commands`. */
export const COMMANDS = {
  installModule: 'forkspacer.installModule',
  uninstallModule: 'forkspacer.uninstallModule',
  sleepModule: 'forkspacer.sleepModule',
  resumeModule: 'forkspacer.resumeModule',
  showLogs: 'forkspacer.showLogs',
  revealInFile: 'forkspacer.revealInFile',
  validateWorkspace: 'forkspacer.validateWorkspace',
  newCustomResource: 'forkspacer.newCustomResource',
  newModuleFromResource: 'forkspacer.newModuleFromResource',
  goModTidy: 'forkspacer.goModTidy',
  refreshViews: 'forkspacer.refreshViews',
} as const;
export type CommandKey = keyof typeof COMMANDS;
export type CommandId = (typeof COMMANDS)[CommandKey];

export const VIEW_CONTAINER = 'forkspacer';
export const VIEWS = {
  modules: 'forkspacer.modules',
  resources: 'forkspacer.resources',
} as const;

/** The output channel (a LogOutputChannel) and the Problems source of workspace validation. */
export const OUTPUT_CHANNEL = 'Forkspacer';
export const DIAGNOSTIC_SOURCE = 'forkspacer';
