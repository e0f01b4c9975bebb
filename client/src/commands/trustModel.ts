// Which commands execute something (a plugin, a Go build, a download) and so need a trusted workspace. Pure.
import type { CommandKey } from '../ids';

export const EXECUTES: Readonly<Record<CommandKey, boolean>> = {
  installModule: true,
  uninstallModule: true,
  sleepModule: true,
  resumeModule: true,
  showLogs: false,
  revealInFile: false,
  // Validation runs in an untrusted workspace too: it never fetches there (validateFiles.ts).
  validateWorkspace: false,
  newCustomResource: false,
  newModuleFromResource: false,
  // Downloads Go modules: not in an untrusted workspace.
  goModTidy: true,
  refreshViews: false,
};

export const UNTRUSTED_MESSAGE =
  'Forkspacer runs no plugin, Go build or download in an untrusted workspace. Trust the workspace to run module lifecycles.';
