// `forkspacer run <install|sleep|resume|uninstall> <module.yaml>`: one lifecycle operation of a Module on
// this machine through the embedded host. Plugin logs stream to stderr as they happen; the outcome is one
// line on stdout. Exit 0 on success, 1 when the operation failed or was refused, 2 on usage errors.
import { createHost, formatEvent, OPERATIONS, readModuleDocument, type Operation } from '../../../host/src/index';
import { parseArgs, UsageError } from '../args';
import { hostOptionsFrom, HOST_OPTIONS, HOST_OPTIONS_HELP } from './hostOptions';
import { clusterRun } from './clusterCommands';

const help = `Usage: forkspacer run <install|sleep|resume|uninstall> <module.yaml> [options]

Runs one lifecycle operation of the kind: Module in <module.yaml> with its Go plugin, on this machine.

Options:
  --document N        which YAML document of the file (0-based, default: the first Module)
  --timeout S         time limit of the plugin call in seconds (default 300)
${HOST_OPTIONS_HELP}
  --verbose           also show debug log records (logr V(1) and above) and progress
  --cluster           run it on the cluster (the operator runs the plugin): forkspacer run --cluster --help
`;

export async function run(argv: string[]): Promise<number> {
  if (argv.includes('--cluster')) return clusterRun(argv);
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(help);
    return 0;
  }
  const { values, positionals } = parseArgs(argv, {
    ...HOST_OPTIONS,
    document: { type: 'string' },
    timeout: { type: 'string' },
    verbose: { type: 'boolean' },
  });
  const [operation, file, ...extra] = positionals;
  if (!operation || !file || extra.length) throw new UsageError(`expected an operation and a Module file\n\n${help}`);
  if (!(OPERATIONS as readonly string[]).includes(operation)) {
    throw new UsageError(`unknown operation '${operation}' (one of ${OPERATIONS.join(', ')})`);
  }
  const timeout = values.timeout === undefined ? undefined : Number(values.timeout);
  if (timeout !== undefined && !(timeout > 0)) throw new UsageError(`--timeout must be a positive number of seconds`);
  const documentIndex = values.document === undefined ? undefined : Number(values.document);
  if (documentIndex !== undefined && !(Number.isInteger(documentIndex) && documentIndex >= 0)) {
    throw new UsageError(`--document must be a document index (0, 1, ...)`);
  }

  const index = documentIndex ?? (await firstModuleIndex(file));
  const picked = await readModuleDocument(file, index);
  if (!picked.ok && picked.syntax) {
    process.stderr.write(`forkspacer run: ${picked.error}\n`);
    return 1;
  }
  if (!picked.ok) throw new UsageError(picked.error);

  const host = createHost({
    ...hostOptionsFrom(values),
    timeoutMs: timeout === undefined ? undefined : Math.round(timeout * 1000),
  });
  const verbose = values.verbose === true;
  host.onEvent((event) => {
    if (
      !verbose &&
      ((event.type === 'log' && event.level === 'debug') || (event.type === 'progress' && !isSlowStep(event.step)))
    )
      return;
    process.stderr.write(formatEvent(event) + '\n');
  });

  // Ctrl-C cancels the operation (the plugin gets SIGTERM, then SIGKILL after the grace period).
  const controller = new AbortController();
  const onSignal = () => controller.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    const op = operation as Operation;
    const result =
      op === 'install'
        ? await host.install(file, index, { signal: controller.signal })
        : await host[op](picked.id, { signal: controller.signal });
    const module = result.module;
    if (result.ok) {
      process.stdout.write(`${picked.id}: ${module?.phase ?? '?'} (${module?.lastMessage ?? `${op} succeeded`})\n`);
      return 0;
    }
    process.stdout.write(`${picked.id}: ${result.refused ? 'refused' : `${op} failed`}: ${result.error}\n`);
    return 1;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

function isSlowStep(step: string): boolean {
  return step === 'build-runner' || step === 'build-plugin' || step === 'fetch-plugin';
}

/** The first kind: Module document in the file (a file may also hold resource definitions). */
async function firstModuleIndex(file: string): Promise<number> {
  for (let i = 0; i < 1000; i++) {
    const picked = await readModuleDocument(file, i);
    if (picked.ok) return i;
    if (/has no document/.test(picked.error) || /cannot read/.test(picked.error)) break;
  }
  return 0;
}
