// Command-line entry to the same core the extension uses: `validate` for CI, `run`/`status` for headless lifecycles.
// Exit codes: 0 success, 1 failure (errors found / operation failed), 2 usage error.
import { parseArgs, UsageError } from './args';
import { validate } from './commands/validate';
import { run } from './commands/run';
import { status } from './commands/status';
import { plugin } from './commands/plugin';

type Command = (argv: string[]) => Promise<number>;

const commands: Record<string, { summary: string; command: Command }> = {
  validate: { summary: 'validate Forkspacer YAML files or folders', command: validate },
  run: { summary: 'run install|sleep|resume|uninstall of a Module locally', command: run },
  status: { summary: 'show the embedded host state of every module', command: status },
  plugin: { summary: 'plugin check <folder>: can the operator load and run this Go plugin?', command: plugin },
};

export const usage = `Usage: forkspacer <command> [options]

Commands:
${Object.entries(commands)
  .map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}`)
  .join('\n')}

Run "forkspacer <command> --help" for the options of a command.`;

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h') {
    process.stdout.write(usage + '\n');
    return name ? 0 : 2;
  }
  const command = commands[name];
  if (!command) {
    process.stderr.write(`forkspacer: unknown command '${name}'\n\n${usage}\n`);
    return 2;
  }
  try {
    return await command.command(rest);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`forkspacer ${name}: ${error.message}\n`);
      return 2;
    }
    process.stderr.write(
      `forkspacer ${name}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    return 1;
  }
}

// Keep parseArgs reachable for the commands (re-exported for convenience).
export { parseArgs };

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(String(error) + '\n');
      process.exitCode = 1;
    },
  );
}
