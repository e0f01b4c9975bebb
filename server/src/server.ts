// The Forkspacer language server: connection wiring only. Runs over IPC (VS Code) or `--stdio`.
// Settings come from `workspace/configuration` (section `forkspacer`) and follow changes without a
// restart; an untrusted workspace (initializationOptions.trusted !== true) never fetches anything.
import {
  createConnection,
  DidChangeWatchedFilesNotification,
  ProposedFeatures,
  TextDocumentSyncKind,
  type InitializeParams,
} from 'vscode-languageserver/node';
import { URI } from 'vscode-uri';
import { normaliseSettings, SETTINGS_SECTION, type ForkspacerSettings } from '../../common/src/settings';
import {
  REFRESH_RESOURCES,
  SERVER_STATS,
  type ServerStatsResult,
  SET_TRUSTED,
  type ServerInitializationOptions,
  type SetTrustedParams,
  type WarmUpProgress,
} from '../../common/src/protocol';
import { createServices } from './services/createServices';
import { warmUp, warmUpInBackground, workerWarmUpTexts } from './services/warmUp';
import { IDLE_QUIET_MS } from './services/languageFeatures';
import { DiagnosticsPublisher } from './handlers/diagnostics';
import { registerFeatureHandlers } from './handlers/features';
import { registerNavigationHandlers } from './handlers/navigation';
import { safely } from './handlers/safe';
import { FIX_ALL_KIND } from './services/fixAllAction';
import { isGoUri, YamlDocuments } from './handlers/goDocuments';
import { PluginDiagnostics } from './handlers/pluginDiagnostics';
import { ClusterLookups } from './services/clusterLookups';
import { openClusterReader } from './services/clusterReader';
import { WorkerValidationHelper, workerChoice } from './worker/validationHelper';

const connection = createConnection(ProposedFeatures.all);
const documents = new YamlDocuments();

let trusted = false;
let baseFolder: string | undefined;
let canPullConfiguration = false;
let canRefreshInlayHints = false;
let canWatchFiles = false;
let canFollowFolders = false;
let workspaceFolders: string[] = [];
/** The workspace index waits this long after start-up (or until a request needs it): first diagnostics go first. */
const INDEX_DELAY_MS = 1500;
let settings: ForkspacerSettings = normaliseSettings(undefined);

// The cluster checks (issue 9): active only when trusted, `cluster.checks` is on and a kubeconfig context opens.
const cluster = new ClusterLookups({
  open: openClusterReader,
  onResolved: () => publisher.scheduleAll(0),
  log: (message) => connection.console.log(message),
});
// A large run's documents are shared with a worker thread when another core is free (issue 12); not while the
// cluster checks are on (they read this thread's cluster lookups).
const helper = new WorkerValidationHelper({
  script: require.main?.filename ?? __filename,
  trusted: () => trusted,
  enabled: () => !cluster.active,
  judge: workerChoice(),
  log: (message) => connection.console.error(`forkspacer: ${message}`),
  warmUpTexts: workerWarmUpTexts,
  idle: () => whenIdle(),
});
const services = createServices({
  settings,
  trusted,
  cluster,
  helper,
  mode: 'background',
  // The editor's verdict: what the extension's local host runs (a plugin path) is a warning, not an error.
  audience: 'local-host',
  // A resource arrived: re-validate open files; only documents that depend on it miss the cache.
  onResolved: () => {
    publisher.scheduleAll(0);
    refreshInlayHints();
  },
});
// After a file's diagnostics, its documents get yaml-language-server's parse in idle time (completion, hover).
const publisher = new DiagnosticsPublisher(connection, documents, services.validation, (uri, text, signal) =>
  services.features.prepare(uri, text, signal),
);
const pluginDiagnostics = new PluginDiagnostics(connection, {
  trusted: () => trusted,
  goBinary: () => settings.goPath,
  operatorVersion: () => settings.operatorVersion,
  roots: () => workspaceFolders,
  cacheDir: process.env.FORKSPACER_CACHE_DIR || undefined,
});

connection.onInitialize(async (params: InitializeParams) => {
  const options = (params.initializationOptions ?? {}) as ServerInitializationOptions;
  trusted = options.trusted === true;
  const folder = params.workspaceFolders?.[0]?.uri ?? params.rootUri ?? undefined;
  baseFolder = folder ? URI.parse(folder).fsPath : undefined;
  canPullConfiguration = params.capabilities.workspace?.configuration === true;
  canRefreshInlayHints = params.capabilities.workspace?.inlayHint?.refreshSupport === true;
  canWatchFiles = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
  canFollowFolders = params.capabilities.workspace?.workspaceFolders === true;
  workspaceFolders = (params.workspaceFolders?.map((f) => f.uri) ?? (folder ? [folder] : [])).map(
    (uri) => URI.parse(uri).fsPath,
  );
  navigation.index.setFolders(workspaceFolders);
  services.configure(settings, trusted);
  // Pay for schema compilation and the JIT here, before the client opens its first file.
  await warmUp(services).catch((error: unknown) =>
    connection.console.error(`forkspacer: warm-up failed: ${String(error)}`),
  );
  return {
    capabilities: {
      // save: a plugin's go.mod/.go files are checked on open and save (plugin check reads the folder on disk).
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
      completionProvider: { triggerCharacters: [':', ' ', '-', '"'] },
      hoverProvider: true,
      documentSymbolProvider: true,
      codeActionProvider: { codeActionKinds: ['quickfix', FIX_ALL_KIND] },
      definitionProvider: true,
      referencesProvider: true,
      renameProvider: { prepareProvider: true },
      documentLinkProvider: { resolveProvider: false },
      inlayHintProvider: true,
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    },
    serverInfo: { name: 'forkspacer-language-server' },
  };
});

connection.onInitialized(() => {
  void refreshSettings();
  if (canWatchFiles)
    void connection.client
      .register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*.{yaml,yml}' }] })
      .catch(() => undefined);
  if (canFollowFolders)
    connection.workspace.onDidChangeWorkspaceFolders((event) => {
      const removed = new Set(event.removed.map((f) => URI.parse(f.uri).fsPath));
      workspaceFolders = [
        ...workspaceFolders.filter((f) => !removed.has(f)),
        ...event.added.map((f) => URI.parse(f.uri).fsPath),
      ];
      navigation.index.setFolders(workspaceFolders);
      navigation.index.scheduleScan(0);
    });
  navigation.index.scheduleScan(INDEX_DELAY_MS);
  void warmUpInBackground(services, { soon: whenNotTyping, idle: whenIdle }, warmUpProgress).catch(() => undefined);
});

const warmUpProgress: WarmUpProgress = { hovers: 0, completion: false, helm: false };

/** The background warm-up waits for a pause of the user's (it is worth one, not a keystroke's gap). */
const WARM_UP_QUIET_MS = 200;

/**
 * Resolves once no validation ran and no request or edit came for WARM_UP_QUIET_MS; it waits at least
 * IDLE_QUIET_MS, so the files an editor opens right after `initialized` are seen first.
 */
async function whenIdle(): Promise<void> {
  do await new Promise((resolve) => setTimeout(resolve, IDLE_QUIET_MS));
  while (!publisher.quietFor(WARM_UP_QUIET_MS) || !services.features.quietFor(WARM_UP_QUIET_MS));
}

/**
 * Resolves once no request or edit came for IDLE_QUIET_MS and every file being validated shows its first
 * diagnostics: the warm-up's short steps then run between a large file's validation slices, not in a pause.
 */
async function whenNotTyping(): Promise<void> {
  do await new Promise((resolve) => setTimeout(resolve, IDLE_QUIET_MS));
  while (!services.features.quietFor(IDLE_QUIET_MS) || publisher.firstDiagnosticsPending);
}

/** Reads the `forkspacer` section (pull model when the client supports it) and re-validates open files. */
async function refreshSettings(pushed?: unknown): Promise<void> {
  let next = settings;
  try {
    const raw = canPullConfiguration ? await connection.workspace.getConfiguration(SETTINGS_SECTION) : pushed;
    next = normaliseSettings(raw, baseFolder ? { baseFolder } : {});
  } catch (error) {
    connection.console.error(`forkspacer: reading settings failed: ${String(error)}`);
  }
  // Unchanged settings (the usual answer right after initialize) must not restart a running validation.
  if (JSON.stringify(next) === JSON.stringify(settings)) return;
  settings = next;
  connection.console.log(`forkspacer: settings ${JSON.stringify(settings)}`);
  services.configure(settings, trusted);
  publisher.scheduleAll(0);
  refreshInlayHints();
}

function refreshInlayHints(): void {
  if (canRefreshInlayHints) void connection.languages.inlayHint.refresh().catch(() => undefined);
}

connection.onDidChangeConfiguration((change) => {
  const pushed = (change.settings as Record<string, unknown> | undefined)?.[SETTINGS_SECTION];
  void refreshSettings(pushed);
});

connection.onNotification(SET_TRUSTED, (params: SetTrustedParams) => {
  trusted = params?.trusted === true;
  services.configure(settings, trusted);
  publisher.scheduleAll(0);
});

connection.onNotification(REFRESH_RESOURCES, () => {
  services.resources.refresh();
  services.validation.invalidate();
  publisher.scheduleAll(0);
});

// TextDocuments reports an open as open + change: the first validation of a file starts at once.
const justOpened = new Set<string>();
documents.onDidOpen((event) => {
  if (isGoUri(event.document.uri)) pluginDiagnostics.touched(event.document.uri);
  else justOpened.add(event.document.uri);
});
documents.onDidSave((event) => {
  if (isGoUri(event.document.uri)) pluginDiagnostics.touched(event.document.uri);
});
documents.onDidChangeContent((event) => {
  // Idle-time parses (of any file) wait for a pause in the typing: the edit's diagnostics come first.
  services.features.noteActivity();
  // A resource read from a mapped local folder is being edited: Modules using it must see the edit.
  const path = event.document.uri.startsWith('file:') ? URI.parse(event.document.uri).fsPath : undefined;
  if (path && services.resources.invalidateLocation(path).length) publisher.scheduleAll();
  publisher.schedule(event.document.uri, justOpened.delete(event.document.uri) ? 0 : undefined);
});
documents.onDidClose((event) => {
  if (isGoUri(event.document.uri)) return; // plugin findings stay in Problems, as for files never opened
  publisher.close(event.document.uri);
  services.features.forget(event.document.uri);
  services.yaml.forget(event.document.uri);
  services.validation.forget(event.document.uri);
});

registerFeatureHandlers(connection, documents, services);
const navigation = registerNavigationHandlers(
  connection,
  documents,
  services,
  () => settings,
  () => publisher.scheduleAll(),
);
connection.onRequest(SERVER_STATS, (): ServerStatsResult => {
  const { rss, heapUsed, external } = process.memoryUsage();
  return {
    validation: { ...publisher.stats },
    warmUp: { ...warmUpProgress },
    openDocuments: documents.all().length,
    memory: { rss, heapUsed, external },
  };
});
connection.onShutdown(safely(connection, 'shutdown', undefined, () => helper.dispose()));

process.on('uncaughtException', (error) =>
  connection.console.error(`forkspacer: uncaught ${error.stack ?? error.message}`),
);
process.on('unhandledRejection', (reason) =>
  connection.console.error(`forkspacer: unhandled rejection ${String(reason)}`),
);

documents.listen(connection);
connection.listen();
