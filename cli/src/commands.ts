// The CLI's commands: name → one-line summary and a lazy loader. A command's module (and what it pulls in:
// the host, @kubernetes/client-node, yaml-language-server) is loaded only when that command runs, so
// `forkspacer --help` and `forkspacer validate` do not pay for the others (issue 12: start-up within 2× of
// `node -e 0`). esbuild.mjs bundles each `import('./commands/<name>.js')` below into its own file
// (dist/cli/<name>.js) and leaves the import in dist/cli.js: a new command is one line here.
export type Command = (argv: string[]) => Promise<number>;

export interface CommandEntry {
  summary: string;
  load: () => Promise<Command>;
}

export const COMMANDS: Record<string, CommandEntry> = {
  validate: {
    summary: 'validate Forkspacer YAML files or folders',
    load: async () => (await import('./commands/validate.js')).validate,
  },
  run: {
    summary: 'run install|sleep|resume|uninstall of a Module locally, or on a cluster with --cluster',
    load: async () => (await import('./commands/run.js')).run,
  },
  status: {
    summary: "show the embedded host state of every module, or a cluster's Workspaces and Modules (--cluster)",
    load: async () => (await import('./commands/status.js')).status,
  },
  plugin: {
    summary: 'plugin check <folder>: can the operator load and run this Go plugin?',
    load: async () => (await import('./commands/plugin.js')).plugin,
  },
};
