// Command-line entry to the same core the extension uses: `validate` for CI, `run`/`status` for headless lifecycles.
// Exit codes: 0 success, 1 failure (errors found / operation failed), 2 usage error.
// The commands are in commands.ts, each loaded only when it runs.
import { writeErr, writeOut } from './output';
import { isUsageError, parseArgs } from './args';
import { COMMANDS as commands } from './commands';

export const usage = `Usage: forkspacer <command> [options]

Commands:
${Object.entries(commands)
  .map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}`)
  .join('\n')}

Run "forkspacer <command> --help" for the options of a command.`;

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h') {
    writeOut(usage + '\n');
    return name ? 0 : 2;
  }
  const command = Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (!command) {
    writeErr(`forkspacer: unknown command '${name}'\n\n${usage}\n`);
    return 2;
  }
  try {
    return await (
      await command.load()
    )(rest);
  } catch (error) {
    if (isUsageError(error)) {
      writeErr(`forkspacer ${name}: ${error.message}\n`);
      return 2;
    }
    writeErr(`forkspacer ${name}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
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
      writeErr(String(error) + '\n');
      process.exitCode = 1;
    },
  );
}
