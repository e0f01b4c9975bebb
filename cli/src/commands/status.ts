// `forkspacer status`: a table of the modules the embedded host knows (phase, last message, last activity).
import { createHost, type ModuleView } from '../../../host/src/index';
import { parseArgs, UsageError } from '../args';
import { HOST_OPTIONS, hostOptionsFrom } from './hostOptions';
import { clusterStatus } from './clusterCommands';

const help = `Usage: forkspacer status [--state-dir D] [--json]

Shows every module in the state folder: phase, last message and last activity.
An operation cut short by a host process that died shows as "(interrupted <operation>)".
With --cluster: the Workspaces and Modules of a cluster instead (forkspacer status --cluster --help).
`;

export async function status(argv: string[]): Promise<number> {
  if (argv.includes('--cluster')) return clusterStatus(argv);
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(help);
    return 0;
  }
  const { values, positionals } = parseArgs(argv, {
    'state-dir': HOST_OPTIONS['state-dir'],
    json: { type: 'boolean' },
  });
  if (positionals.length) throw new UsageError(`unexpected argument '${positionals[0]}'\n\n${help}`);
  const host = createHost(hostOptionsFrom(values));
  const modules = await host.list();
  if (values.json) {
    process.stdout.write(JSON.stringify(modules, null, 2) + '\n');
    return 0;
  }
  if (modules.length === 0) {
    process.stdout.write(`no modules in ${host.stateDir}\n`);
    return 0;
  }
  process.stdout.write(table(modules) + '\n');
  return 0;
}

export function table(modules: ModuleView[]): string {
  const rows = modules.map((m) => [
    m.id,
    m.running
      ? `${m.phase} (running ${m.running})`
      : m.interrupted
        ? `${m.phase} (interrupted ${m.interrupted.operation})`
        : m.phase,
    oneLine(m.lastMessage, 80),
    m.lastActivity.replace('T', ' ').replace(/\.\d+Z$/, 'Z'),
  ]);
  const all = [['MODULE', 'PHASE', 'LAST MESSAGE', 'LAST ACTIVITY'], ...rows];
  const widths = all[0].map((_, i) => Math.max(...all.map((r) => r[i].length)));
  return all.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]))).join('  ')).join('\n');
}

function oneLine(text: string, max: number): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}
