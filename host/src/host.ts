// The embedded host: runs a Module's Install / Sleep / Resume / Uninstall on this machine with the real
// Go plugin, the way the operator does (FORKSPACER.md, Lifecycle), and remembers each module in a state
// folder. The lifecycle rules are the pure table in common/src/host; this file wires them to the ports
// (state store, plugin resolution, runner build and process).
import { existsSync, promises as fs } from 'node:fs';
import { cpus, homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createResolver, moduleInstallPlan, type ConfigItem, type ResourceDefinition } from '../../common/src/index';
import { normaliseSettings, type ForkspacerSettings } from '../../common/src/settings';
import {
  admitOn,
  beginOperation,
  detectInterrupted,
  endOperation,
  type InFlight,
  type ModuleRecord,
} from '../../common/src/host/record';
import { createScheduler, QueueAbortedError } from '../../common/src/host/scheduler';
import type { HostEvent, HostEventListener, LogLevel, ProgressStep } from '../../common/src/host/events';
import type { Operation, Phase } from '../../common/src/host/lifecycle';
import { createStateStore } from './stateStore';
import { currentOwner, ownerAlive } from './processOwner';
import { pluginLocation } from './pluginLocation';
import { resolvePlugin, soPlugin, type ResolvedPlugin } from './pluginResolve';
import { findGoModDir } from './goModule';
import { ensureRunner } from './runnerBuild';
import { readModuleDocument } from './moduleDocument';
import { withConfigMapSource } from './configMapSource';
import { callRunner } from './runnerProcess';
import { readBuildInfo, type GoEnv } from './goToolchain';
import { GoModTidyNeeded, goModTidy } from './goModTidy';
import { checkPlugin } from './pluginCheck/pluginCheck';
import { defaultCacheDir } from './cacheDir';
import { pluginCheckRefusal } from './pluginCheck/refusal';
import { moduleCases } from './pluginCheck/configCases';

export interface HostOptions {
  /** Folder of the module state files (one JSON file per module). */
  stateDir: string;
  /** Extension settings, raw or normalised (see common/src/settings.ts). */
  settings?: unknown;
  /** The `go` executable (default: settings.goPath, i.e. `go` on PATH). */
  goBinary?: string;
  /** Kubeconfig path handed to the plugin's rest.Config (none: an empty config that points at no cluster). */
  kubeconfig?: string;
  context?: string;
  /** Time limit of one plugin call (default: settings plugin.timeoutSeconds). */
  timeoutMs?: number;
  /** Time limit of one `go build` (runner or plugin); cold builds against client-go take minutes. Default 20 min. */
  buildTimeoutMs?: number;
  /** Time between SIGTERM and SIGKILL when a call is cancelled or times out. Default 5 s. */
  graceMs?: number;
  /** Operations running at once across modules (one at a time per module). Default: number of CPUs, at least 2. */
  maxParallel?: number;
  /** Cache of downloaded and built plugins and runners. Default: $XDG_CACHE_HOME/forkspacer or ~/.cache/forkspacer. */
  cacheDir?: string;
  /** False in an untrusted workspace: every operation is refused (plugins are code). Default true. */
  trusted?: boolean;
  /**
   * Check a plugin source folder before Install the way `forkspacer plugin check` does, with this Module's config
   * types, and refuse Install when the operator could not load or run it. Default true.
   */
  checkPlugins?: boolean;
}

/** A module as clients show it: the record without what only the host needs (definition, resource text). */
export type ModuleView = Pick<
  ModuleRecord,
  | 'id'
  | 'name'
  | 'namespace'
  | 'file'
  | 'documentIndex'
  | 'phase'
  | 'lastMessage'
  | 'lastActivity'
  | 'error'
  | 'interrupted'
  | 'config'
  | 'metaData'
> & {
  /** The operation running now, if any. */
  running?: Operation;
  plugin?: { kind: string; location: string; path?: string };
};

export interface OperationOptions {
  signal?: AbortSignal;
}

/** Operations never throw for plugin failures: they say what happened. */
export interface OperationResult {
  ok: boolean;
  id?: string;
  operation: Operation;
  /** The request was not attempted (illegal in the current phase, untrusted workspace, bad input). */
  refused?: boolean;
  error?: string;
  /** What fixes the error, for a button: `go mod tidy` in `dir` (go.mod/go.sum lag behind the plugin's code). */
  fix?: OperationFix;
  module?: ModuleView;
}

export type OperationFix = { kind: 'go-mod-tidy'; dir: string };

export interface TidyResult {
  ok: boolean;
  error?: string;
}

export interface Host {
  install(moduleFile: string, documentIndex: number, opts?: OperationOptions): Promise<OperationResult>;
  sleep(id: string, opts?: OperationOptions): Promise<OperationResult>;
  resume(id: string, opts?: OperationOptions): Promise<OperationResult>;
  uninstall(id: string, opts?: OperationOptions): Promise<OperationResult>;
  list(): Promise<ModuleView[]>;
  get(id: string): Promise<ModuleView | undefined>;
  onEvent(listener: HostEventListener): () => void;
  /** `go mod tidy` in a plugin folder with the host's go (refused when untrusted); `progress` gets go's lines. */
  goModTidy(dir: string, opts?: OperationOptions & { progress?: (line: string) => void }): Promise<TidyResult>;
  readonly stateDir: string;
  readonly cacheDir: string;
}

/** Operations of this process, per state folder and module: an in-flight record owned by us but not here is stale. */
const running = new Map<string, Operation>();

export { defaultCacheDir };

export function createHost(options: HostOptions): Host {
  const settings: ForkspacerSettings = normaliseSettings(options.settings ?? {});
  const stateDir = resolve(options.stateDir);
  const cacheDir = resolve(options.cacheDir ?? defaultCacheDir());
  const store = createStateStore(stateDir);
  const maxParallel = options.maxParallel ?? Math.max(2, cpus().length);
  const scheduler = createScheduler({ maxParallel });
  const go: GoEnv = { goBinary: options.goBinary ?? settings.goPath, env: {} };
  const kubeconfig = options.kubeconfig ?? defaultKubeconfig(settings.kubeconfig);
  const kubeContext = options.context ?? (settings.context || undefined);
  const timeoutMs = options.timeoutMs ?? settings.pluginTimeoutSeconds * 1000;
  const buildTimeoutMs = options.buildTimeoutMs ?? 20 * 60_000;
  const graceMs = options.graceMs ?? 5000;
  const trusted = options.trusted ?? true;
  const kube = kubeconfig ? { kubeconfig, context: kubeContext } : undefined;
  const resolver = withConfigMapSource(
    createResolver({ settings, readFile: (path) => fs.readFile(path, 'utf8') }),
    kube,
    Math.max(settings.fetchTimeoutMs, 10_000),
  );
  const listeners = new Set<HostEventListener>();

  const now = () => new Date();
  const emit = (event: HostEvent) => {
    for (const listener of listeners) {
      try {
        listener(event);
      } catch {
        // A client's listener must not break an operation.
      }
    }
  };
  const progress = (id: string, operation: Operation, step: ProgressStep, message: string) =>
    emit({ type: 'progress', id, operation, step, message, at: now().toISOString() });
  const hostLog = (id: string, operation: Operation, level: LogLevel, msg: string) =>
    emit({ type: 'log', id, operation, level, msg, source: 'host', at: now().toISOString() });

  const runKey = (id: string) => `${stateDir}\0${id}`;
  const isOwnerAlive = (id: string) => (inFlight: InFlight) =>
    // In this process (any host in it: `running` is shared) the operation is alive only while it runs; an
    // operation that could not save its end (a full or read-only folder) is then interrupted, not stuck.
    inFlight.pid === process.pid ? running.has(runKey(id)) : ownerAlive(inFlight);

  /**
   * Reads a record, turning an operation abandoned by a dead process into 'interrupted' (and saving that). `locked`:
   * the caller holds the module's lock (an operation's own read).
   */
  async function load(id: string, locked = false): Promise<ModuleRecord | undefined> {
    const record = await store.get(id);
    return record ? settle(record, locked) : undefined;
  }
  async function settle(record: ModuleRecord, locked = false): Promise<ModuleRecord> {
    if (detectInterrupted(record, isOwnerAlive(record.id), now()) === record) return record;
    if (locked) return markInterrupted(record);
    // Not ours to judge from this read alone: an operation of this process may have saved its end and left
    // `running` since the record was read (an e2e run saw a successful install turned into 'interrupted' by a
    // CodeLens refresh). So only under the module's lock, on the record as it is then; an operation holding the
    // lock is alive, and its record is the current one. Where not even the lock file fits (a full or read-only
    // folder), the record is judged and shown, not saved.
    const lock = await store.lock(record.id).catch(() => undefined);
    if (lock && !lock.ok) return (await store.get(record.id).catch(() => undefined)) ?? record;
    try {
      const current = (await store.get(record.id).catch(() => undefined)) ?? record;
      const judged = detectInterrupted(current, isOwnerAlive(current.id), now());
      if (!lock) return judged;
      // A read must not fail for want of room to save what it found: shown now, saved by a later read or operation.
      return await markInterrupted(current).catch(() => judged);
    } finally {
      await lock?.release().catch(() => undefined);
    }
  }
  async function markInterrupted(record: ModuleRecord): Promise<ModuleRecord> {
    const checked = detectInterrupted(record, isOwnerAlive(record.id), now());
    if (checked !== record) {
      await store.put(checked);
      emit({
        type: 'phase',
        id: checked.id,
        phase: checked.phase,
        operation: record.inFlight?.operation,
        message: checked.lastMessage,
        at: checked.lastActivity,
      });
    }
    return checked;
  }

  /**
   * The module's lock for an operation. Held by this process with no operation of it running, it is a read's brief
   * hold (settle, above: a few milliseconds): waited for, not refused.
   */
  async function lockForOperation(id: string): ReturnType<typeof store.lock> {
    for (let attempt = 0; ; attempt++) {
      const lock = await store.lock(id);
      if (lock.ok || lock.pid !== process.pid || running.has(runKey(id)) || attempt >= 50) return lock;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  async function save(record: ModuleRecord, previous: Phase | undefined, operation: Operation): Promise<void> {
    await store.put(record);
    emit({
      type: 'phase',
      id: record.id,
      phase: record.phase,
      previous,
      operation,
      message: record.lastMessage,
      at: record.lastActivity,
    });
  }

  /** Queue an operation on a module; refusals, cancellation before start and unexpected errors become results. */
  async function schedule(
    id: string,
    operation: Operation,
    opts: OperationOptions | undefined,
    task: () => Promise<OperationResult>,
  ): Promise<OperationResult> {
    if (!trusted)
      return {
        ok: false,
        refused: true,
        id,
        operation,
        error: `cannot ${operation}: this workspace is not trusted, and plugins are code`,
      };
    if (running.has(runKey(id)) || scheduler.waiting(id) > 0 || scheduler.running() >= maxParallel)
      progress(id, operation, 'queued', `${operation} queued`);
    try {
      return await scheduler.run(
        id,
        async () => {
          const lock = await lockForOperation(id);
          if (!lock.ok) {
            // The lifecycle's own refusal says more ("the module is sleeping; wait for it to finish") when the
            // other host's operation shows in the record; else the lock's.
            const current = await store.get(id).catch(() => undefined);
            const admission = current ? admitOn(current, operation) : undefined;
            return {
              ok: false,
              refused: true,
              id,
              operation,
              error:
                admission && !admission.ok
                  ? admission.reason
                  : `cannot ${operation} ${id}: another Forkspacer host (process ${lock.pid}) is running an operation on it in ${stateDir}; try again when it ends`,
              module: current && view(current),
            };
          }
          running.set(runKey(id), operation);
          try {
            return await task();
          } finally {
            running.delete(runKey(id));
            await lock.release().catch(() => undefined);
          }
        },
        opts?.signal,
      );
    } catch (error) {
      if (error instanceof QueueAbortedError)
        return { ok: false, id, operation, error: `${operation} was cancelled before it started` };
      return { ok: false, id, operation, error: error instanceof Error ? error.message : String(error) };
    }
  }

  /** The plugin step every operation shares: locate/build the plugin, build the runner, call it. */
  async function runPlugin(
    record: ModuleRecord,
    operation: Operation,
    plugin: ResolvedPlugin,
    signal: AbortSignal | undefined,
  ): Promise<
    { ok: true; metaData: Record<string, unknown> } | { ok: false; error: string; metaData?: Record<string, unknown> }
  > {
    let runner: string;
    try {
      runner = await ensureRunner({
        go,
        cacheDir,
        context: plugin.context,
        timeoutMs: buildTimeoutMs,
        signal,
        progress: (m) => progress(record.id, operation, 'build-runner', m),
      });
    } catch (error) {
      return { ok: false, error: error instanceof Error ? error.message : String(error) };
    }
    if (signal?.aborted) return { ok: false, error: `${operation} was cancelled` };
    progress(record.id, operation, 'run', `calling ${operationMethod(operation)}`);
    const outcome = await callRunner(
      runner,
      {
        method: operation,
        plugin: plugin.soPath,
        kubeconfig,
        context: kubeContext,
        config: record.config,
        goTypes: record.goTypes,
        metaData: record.metaData,
      },
      {
        timeoutMs,
        graceMs,
        signal,
        onLog: (log) => emit({ type: 'log', id: record.id, operation, ...log, at: now().toISOString() }),
      },
    );
    if (outcome.ok) return outcome;
    // The one-line error goes to the module (and the user's message); the stack goes to the log.
    if (outcome.detail) hostLog(record.id, operation, 'error', outcome.detail);
    let error = outcome.error;
    if (outcome.stage === 'open' && /different version of package/.test(error)) {
      error += await versionMismatch(go, plugin, runner);
    }
    return { ok: false, error, metaData: outcome.metaData };
  }

  async function finish(
    record: ModuleRecord,
    operation: Operation,
    outcome:
      | { ok: true; metaData?: Record<string, unknown>; message?: string }
      | { ok: false; error: string; metaData?: Record<string, unknown>; fix?: OperationFix },
  ): Promise<OperationResult> {
    // operator: metaData is stored after Install/Sleep/Resume even when the call failed.
    const withData = outcome.metaData ? { ...record, metaData: outcome.metaData } : record;
    const ended = endOperation(
      withData,
      outcome.ok ? { ok: true, message: outcome.message } : { ok: false, error: outcome.error },
      now(),
    );
    await save(ended, record.phase, operation);
    if (!outcome.ok) hostLog(record.id, operation, 'error', ended.lastMessage);
    progress(record.id, operation, 'done', ended.lastMessage);
    return {
      ok: outcome.ok,
      id: record.id,
      operation,
      error: outcome.ok ? undefined : outcome.error,
      ...(!outcome.ok && outcome.fix ? { fix: outcome.fix } : {}),
      module: { ...view(ended), running: undefined },
    };
  }

  async function install(moduleFile: string, documentIndex: number, opts?: OperationOptions): Promise<OperationResult> {
    const picked = await readModuleDocument(moduleFile, documentIndex);
    if (!picked.ok) return { ok: false, refused: true, operation: 'install', error: picked.error };
    const { file, doc, id, namespace } = picked;

    return schedule(id, 'install', opts, async () => {
      const existing = await load(id, true);
      const admission = admitOn(existing, 'install');
      if (!admission.ok) {
        // The same namespace/name in another file is the same Module, as in a cluster: say where it came from.
        const from = existing && existing.file !== file ? ` (${id} was installed from ${existing.file})` : '';
        return {
          ok: false,
          refused: true,
          id,
          operation: 'install',
          error: admission.reason + from,
          module: existing && view(existing),
        };
      }
      const base: ModuleRecord = {
        version: 1,
        id,
        name: picked.name,
        namespace,
        file,
        documentIndex,
        phase: 'installing',
        lastMessage: '',
        lastActivity: now().toISOString(),
        config: {},
        goTypes: {},
        metaData: {},
      };
      let record = beginOperation(base, 'install', currentOwner, now(), existing?.phase ?? 'new');
      await save(record, existing?.phase, 'install');

      // The operator's order and wording: resolve the source, check the operator version, validate config.
      progress(id, 'install', 'resolve', 'resolving the resource definition');
      // Local plugin paths and file:// URLs are the host's reason to exist: waive the operator's http(s)-only rule.
      const plan = await moduleInstallPlan(
        doc,
        { settings, resolver, documentUri: pathToFileURL(file).href, signal: opts?.signal },
        ['repo-file-scheme'],
      );
      if (!plan.ok) return finish(record, 'install', { ok: false, error: plan.error });
      const input = (doc.value as { spec?: { config?: unknown } }).spec?.config;
      record = {
        ...record,
        config: plan.config,
        goTypes: runnerGoTypes(plan.goTypes) ?? goTypesOf(plan.definition.config, isRecord(input) ? input : {}),
        definition: plan.definition,
        resourceText: plan.resourceText,
        ...(plan.resourceFile ? { resourceFile: plan.resourceFile } : {}),
      };
      if (plan.definition.kind !== 'Custom') {
        return finish(record, 'install', {
          ok: false,
          error: `kind ${plan.definition.kind} installs a Helm chart; the local host runs Go plugins (kind: Custom) only`,
        });
      }
      let plugin: ResolvedPlugin;
      try {
        plugin = await locate(record, 'install', opts?.signal);
      } catch (error) {
        return finish(record, 'install', locateFailure(error));
      }
      // After locating (a new folder gets go mod tidy there, and compile errors keep the build's own messages and
      // its "Run go mod tidy" fix), before the plugin runs.
      if (options.checkPlugins ?? true) {
        const refusal = await checkBeforeInstall(record, plan.definition, plan.goTypes, opts?.signal);
        if (refusal) return finish(record, 'install', { ok: false, error: refusal });
      }
      // operator: NewModuleCustomManager records the plugin file in metaData before Install.
      record = { ...record, plugin: plugin.ref, metaData: { ...record.metaData, pluginFilePath: plugin.soPath } };
      await store.put(record);
      return finish(record, 'install', await runPlugin(record, 'install', plugin, opts?.signal));
    });
  }

  /** `forkspacer plugin check` on a source folder, with this Module's config types: the refusal, if any. */
  async function checkBeforeInstall(
    record: ModuleRecord,
    definition: ResourceDefinition,
    goTypes: Record<string, string> | undefined,
    signal: AbortSignal | undefined,
  ): Promise<string | undefined> {
    const location = pluginLocation(definition.spec, record.resourceFile ?? record.file);
    if (location.kind !== 'source') return undefined; // a .so or URL has no source to check
    progress(record.id, 'install', 'check-plugin', `checking the plugin in ${location.dir} (forkspacer plugin check)`);
    let result;
    try {
      result = await checkPlugin({
        dir: location.dir,
        go,
        cacheDir,
        operatorVersion: settings.operatorVersion,
        config: moduleCases(definition.config, goTypes ?? {}),
        timeoutMs: buildTimeoutMs,
        signal,
        progress: (m) => progress(record.id, 'install', 'check-plugin', m),
      });
    } catch (error) {
      // The check is advice on top of the build: when it cannot run (no network for the operator's module, say),
      // the build and the runner still decide.
      progress(
        record.id,
        'install',
        'check-plugin',
        `plugin check skipped: ${error instanceof Error ? error.message : String(error)}`,
      );
      return undefined;
    }
    return pluginCheckRefusal(result);
  }

  /** Locates the plugin from the stored definition (operator: the stored resource, not a fresh fetch). */
  async function locate(
    record: ModuleRecord,
    operation: Operation,
    signal: AbortSignal | undefined,
  ): Promise<ResolvedPlugin> {
    const stored = record.plugin;
    // A .so resolved before is reused, as the operator reuses metaData.pluginFilePath; a source folder is rebuilt when it changed.
    if (stored?.path && stored.kind !== 'source') {
      const exists = await fs.stat(stored.path).then(
        () => true,
        () => false,
      );
      if (exists)
        return soPlugin(stored, stored.path, stored.kind === 'file' ? findGoModDir(dirname(stored.path)) : undefined, {
          go,
        });
    }
    const definition = record.definition as ResourceDefinition;
    // A relative spec.repo.file is relative to the file that holds the definition (the Module's, for source.raw).
    return resolvePlugin(pluginLocation(definition.spec, record.resourceFile ?? record.file), {
      go,
      cacheDir,
      buildTimeoutMs,
      download: { timeoutMs: Math.max(settings.fetchTimeoutMs, 60_000), maxBytes: 512 * 1024 * 1024 },
      kube,
      signal,
      progress: (step, message) => progress(record.id, operation, step, message),
    });
  }

  function lifecycle(operation: Exclude<Operation, 'install'>) {
    return (id: string, opts?: OperationOptions): Promise<OperationResult> =>
      schedule(id, operation, opts, async () => {
        const existing = await load(id, true);
        const admission = admitOn(existing, operation);
        if (!existing || !admission.ok) {
          return {
            ok: false,
            refused: true,
            id,
            operation,
            error: admission.ok ? 'unknown module' : admission.reason,
            module: existing && view(existing),
          };
        }
        const record = beginOperation(existing, operation, currentOwner, now());
        await save(record, existing.phase, operation);
        if (!record.definition) {
          // operator: a failed module with no stored resource had nothing installed; uninstall just removes it.
          return finish(record, operation, { ok: true, message: `${operation} skipped: nothing was installed` });
        }
        let plugin: ResolvedPlugin;
        try {
          plugin = await locate(record, operation, opts?.signal);
        } catch (error) {
          return finish(record, operation, locateFailure(error));
        }
        return finish(
          { ...record, plugin: plugin.ref },
          operation,
          await runPlugin(record, operation, plugin, opts?.signal),
        );
      });
  }

  return {
    stateDir,
    cacheDir,
    install,
    sleep: lifecycle('sleep'),
    resume: lifecycle('resume'),
    uninstall: lifecycle('uninstall'),
    async list() {
      const records = await store.list();
      return Promise.all(records.map(async (r) => view(await settle(r))));
    },
    async get(id) {
      const record = await load(id);
      return record && view(record);
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async goModTidy(dir, opts) {
      if (!trusted) return { ok: false, error: 'cannot run go mod tidy: this workspace is not trusted' };
      try {
        await goModTidy(go, resolve(dir), {
          timeoutMs: buildTimeoutMs,
          ...(opts?.signal ? { signal: opts.signal } : {}),
          ...(opts?.progress ? { progress: opts.progress } : {}),
        });
        return { ok: true };
      } catch (error) {
        return { ok: false, error: (error as Error).message };
      }
    },
  };

  function view(record: ModuleRecord): ModuleView {
    return {
      id: record.id,
      name: record.name,
      namespace: record.namespace,
      file: record.file,
      documentIndex: record.documentIndex,
      phase: record.phase,
      lastMessage: record.lastMessage,
      lastActivity: record.lastActivity,
      error: record.error,
      interrupted: record.interrupted,
      running: running.get(runKey(record.id)),
      config: record.config,
      plugin: record.plugin,
      metaData: record.metaData,
    };
  }
}

/** A plugin that could not be located or built; a stale go.mod/go.sum comes with its fix (go mod tidy). */
function locateFailure(error: unknown): { ok: false; error: string; fix?: OperationFix } {
  const message = error instanceof Error ? error.message : String(error);
  return error instanceof GoModTidyNeeded
    ? { ok: false, error: message, fix: { kind: 'go-mod-tidy', dir: error.dir } }
    : { ok: false, error: message };
}

/** The setting, else $KUBECONFIG, else ~/.kube/config when it exists; none means the plugin gets an empty rest.Config. */
function defaultKubeconfig(setting: string): string | undefined {
  if (setting) return setting;
  if (process.env.KUBECONFIG) return process.env.KUBECONFIG;
  const home = join(homedir(), '.kube', 'config');
  return existsSync(home) ? home : undefined;
}

/** Which modules the plugin and the runner were built with at different versions (from both build infos). */
async function versionMismatch(go: GoEnv, plugin: ResolvedPlugin, runner: string): Promise<string> {
  const [pluginInfo, runnerInfo] = await Promise.all([
    plugin.context.buildInfo ?? readBuildInfo(go, plugin.soPath),
    readBuildInfo(go, runner),
  ]);
  if (!pluginInfo || !runnerInfo) return '';
  const version = (d: { version: string; replace?: { path: string; version?: string } }) =>
    d.replace ? `${d.version} => ${d.replace.path}${d.replace.version ? ' ' + d.replace.version : ''}` : d.version;
  const built = new Map(runnerInfo.deps.map((d) => [d.path, version(d)]));
  const differences = pluginInfo.deps
    .filter((d) => built.has(d.path) && built.get(d.path) !== version(d))
    .map((d) => `${d.path}: plugin ${version(d)}, runner ${built.get(d.path)}`);
  const toolchain =
    pluginInfo.goVersion !== runnerInfo.goVersion
      ? [`Go: plugin ${pluginInfo.goVersion}, runner ${runnerInfo.goVersion}`]
      : [];
  const all = [...toolchain, ...differences];
  const where =
    plugin.context.kind === 'dir'
      ? ` (the runner was built from ${plugin.context.dir}/go.mod; rebuild the plugin there)`
      : '';
  return all.length ? `\nbuilt differently: ${all.join('; ')}${where}` : '';
}

function operationMethod(operation: Operation): string {
  return { install: 'Install', sleep: 'Sleep', resume: 'Resume', uninstall: 'Uninstall' }[operation];
}

/**
 * Defaults reach the plugin as the operator's typed Go values (the definition's YAML decoded into int /
 * []string fields), while values the Module sets arrive JSON-decoded (numbers float64, lists []any).
 */
function goTypesOf(items: ConfigItem[], input: Record<string, unknown>): Record<string, 'int' | '[]string'> {
  const types: Record<string, 'int' | '[]string'> = {};
  for (const item of items) {
    if (item.alias in input) continue;
    if (item.type === 'integer') types[item.alias] = 'int';
    else if (item.type === 'multiple-options') types[item.alias] = '[]string';
  }
  return types;
}

/** The core's Go types of the config values, reduced to the conversions the runner makes (JSON gives the rest). */
function runnerGoTypes(goTypes: Record<string, string> | undefined): Record<string, 'int' | '[]string'> | undefined {
  if (!goTypes) return undefined;
  const types: Record<string, 'int' | '[]string'> = {};
  for (const [alias, type] of Object.entries(goTypes)) if (type === 'int' || type === '[]string') types[alias] = type;
  return types;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
