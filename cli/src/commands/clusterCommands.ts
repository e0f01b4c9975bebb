// `forkspacer run … --cluster` and `forkspacer status --cluster` (issue 9): the same operations against a real
// cluster running the operator, through the cluster backend (cluster/src; client-node is loaded only here, on use).
// run: refuses what the phase does not allow before sending, then waits until the phase settles, printing phase
// changes and the operator's Warning events as they arrive. Exit 0 success, 1 failed phase / refusal / cluster
// error, 2 usage.
import { readFile } from 'node:fs/promises';
import {
  isClusterError,
  listContexts,
  openCluster,
  parseModuleDocuments,
  type ClusterTarget,
  type ModuleView,
  type RunOperation,
  type WorkspaceView,
} from '../../../cluster/src/index';
import { parseArgs, UsageError } from '../args';

const OPERATIONS: readonly RunOperation[] = ['install', 'sleep', 'resume', 'uninstall'];

export const CLUSTER_RUN_HELP = `Usage: forkspacer run <install|sleep|resume|uninstall> <module.yaml> --cluster [options]

Runs the operation on the cluster, where the Forkspacer operator runs the plugin: install applies the Module
(server-side apply), sleep/resume set spec.hibernated, uninstall deletes it. Waits until the phase settles
(ready, sleeped, removed or failed), printing phase changes and the operator's Warning events.

Options:
  --kubeconfig K      kubeconfig (default $KUBECONFIG, then ~/.kube/config)
  --context C         kubeconfig context (default: its current context)
  --timeout S         seconds to wait for the phase to settle (default 300)
  --document N        which Module of the file (0-based among its Modules, default 0)
`;

export const CLUSTER_STATUS_HELP = `Usage: forkspacer status --cluster [--kubeconfig K] [--context C] [-n NAMESPACE | -A] [--json]

One line per Workspace and Module of the namespace (default: the context's namespace, else default), or of all
namespaces with -A: phase and last message.
`;

function target(values: { kubeconfig?: string | boolean; context?: string | boolean }): ClusterTarget {
  const t: ClusterTarget = {};
  if (typeof values.kubeconfig === 'string') t.kubeconfigPath = values.kubeconfig;
  if (typeof values.context === 'string') t.context = values.context;
  return t;
}

function fail(command: string, error: unknown): number {
  if (isClusterError(error)) {
    process.stderr.write(`forkspacer ${command}: ${error.message}\n`);
    return 1;
  }
  throw error;
}

export async function clusterRun(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(CLUSTER_RUN_HELP);
    return 0;
  }
  const { values, positionals } = parseArgs(argv, {
    cluster: { type: 'boolean' },
    kubeconfig: { type: 'string' },
    context: { type: 'string' },
    timeout: { type: 'string' },
    document: { type: 'string' },
  });
  const [operation, file, ...extra] = positionals;
  if (!operation || !file || extra.length)
    throw new UsageError(`expected an operation and a Module file\n\n${CLUSTER_RUN_HELP}`);
  if (!(OPERATIONS as readonly string[]).includes(operation))
    throw new UsageError(`unknown operation '${operation}' (one of ${OPERATIONS.join(', ')})`);
  const timeoutS = values.timeout === undefined ? 300 : Number(values.timeout);
  if (!(timeoutS > 0)) throw new UsageError('--timeout must be a positive number of seconds');
  const index = values.document === undefined ? 0 : Number(values.document);
  if (!(Number.isInteger(index) && index >= 0)) throw new UsageError('--document must be an index (0, 1, ...)');

  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
  let doc;
  try {
    doc = parseModuleDocuments(text, file).filter((d) => d.kind === 'Module')[index];
  } catch (error) {
    return fail('run', error);
  }
  if (!doc) throw new UsageError(`${file} has no kind: Module document${index ? ` number ${index}` : ''}`);
  const id = `${doc.metadata?.namespace || 'default'}/${doc.metadata?.name ?? '?'}`;

  const controller = new AbortController();
  const onSignal = () => controller.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  let backend;
  try {
    backend = await openCluster(target(values));
    process.stderr.write(`${id}: ${operation} on context "${backend.context}" (${backend.server})\n`);
    const result = await backend.run(operation as RunOperation, doc, {
      timeoutS,
      signal: controller.signal,
      onPhase: (phase) => process.stdout.write(`${id}: phase ${phase || '(none yet)'}\n`),
      onEvent: (e) => process.stdout.write(`${id}: ${e.type} ${e.reason}: ${e.message}\n`),
    });
    if (result.refused) {
      process.stdout.write(`${id}: refused: ${result.refused}\n`);
      return 1;
    }
    process.stdout.write(`${id}: ${result.phase}${result.message ? ` (${result.message})` : ''}\n`);
    return result.ok ? 0 : 1;
  } catch (error) {
    return fail('run', error);
  } finally {
    backend?.dispose();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

export async function clusterStatus(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(CLUSTER_STATUS_HELP);
    return 0;
  }
  const { values, positionals } = parseArgs(argv, {
    cluster: { type: 'boolean' },
    kubeconfig: { type: 'string' },
    context: { type: 'string' },
    namespace: { type: 'string', short: 'n' },
    'all-namespaces': { type: 'boolean', short: 'A' },
    json: { type: 'boolean' },
  });
  if (positionals.length) throw new UsageError(`unexpected argument '${positionals[0]}'\n\n${CLUSTER_STATUS_HELP}`);
  if (values.namespace && values['all-namespaces']) throw new UsageError('-n and -A exclude each other');
  let backend;
  try {
    const t = target(values);
    backend = await openCluster(t);
    const namespace = values['all-namespaces']
      ? undefined
      : (values.namespace ?? (await contextNamespace(t)) ?? 'default');
    const workspaces = backend.watchWorkspaces(namespace);
    const modules = backend.watchModules(namespace);
    try {
      await Promise.all([workspaces.ready(), modules.ready()]);
    } finally {
      workspaces.dispose();
      modules.dispose();
    }
    if (values.json) {
      const strip = <T extends { raw: unknown }>(x: T) => ({ ...x, raw: undefined });
      process.stdout.write(
        JSON.stringify({ workspaces: workspaces.items.map(strip), modules: modules.items.map(strip) }, null, 2) + '\n',
      );
      return 0;
    }
    if (workspaces.items.length === 0 && modules.items.length === 0) {
      process.stdout.write(`no Workspaces or Modules in ${namespace ? `namespace ${namespace}` : 'any namespace'}\n`);
      return 0;
    }
    process.stdout.write(statusTable(workspaces.items, modules.items) + '\n');
    return 0;
  } catch (error) {
    return fail('status', error);
  } finally {
    backend?.dispose();
  }
}

async function contextNamespace(t: ClusterTarget): Promise<string | undefined> {
  return (await listContexts(t)).find((c) => c.current)?.namespace;
}

/** One line per Workspace / Module: KIND, NAMESPACE/NAME, PHASE, WORKSPACE, MESSAGE. */
export function statusTable(workspaces: readonly WorkspaceView[], modules: readonly ModuleView[]): string {
  const rows: string[][] = [];
  for (const w of workspaces)
    rows.push([
      'Workspace',
      `${w.namespace}/${w.name}`,
      (w.phase || '-') + (w.deleting ? ' (deleting)' : ''),
      w.from ? `from ${w.from.namespace}/${w.from.name}` : '-',
      oneLine(w.message ?? ''),
    ]);
  for (const m of modules)
    rows.push([
      'Module',
      `${m.namespace}/${m.name}`,
      (m.phase || '-') + (m.deleting ? ' (deleting)' : ''),
      `${m.workspace.namespace}/${m.workspace.name}`,
      oneLine(m.message ?? ''),
    ]);
  const all = [['KIND', 'NAME', 'PHASE', 'WORKSPACE', 'MESSAGE'], ...rows];
  const widths = all[0].map((_, i) => Math.max(...all.map((r) => r[i].length)));
  return all
    .map((r) =>
      r
        .map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i])))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

function oneLine(text: string, max = 100): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}
