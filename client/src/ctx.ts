// The extension's one context object: owns the output channel, settings, the language client, the embedded
// host, the workspace index, the views and every disposable. Commands receive it (commands/table.ts).
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { REFRESH_RESOURCES, REMOTE_RESOURCE_SCHEME } from '../../common/src/protocol';
import { hostSettingsChanged, readSettings, SETTINGS_SECTION, type ForkspacerSettings } from './config';
import { DIAGNOSTIC_SOURCE, OUTPUT_CHANNEL, VIEWS } from './ids';
import { createLanguageClient, sendTrust } from './languageClient';
import { WorkspaceIndex } from './workspace/workspaceModel';
import { WorkspaceScanner } from './workspace/scanner';
import { ModulesProvider } from './views/modulesProvider';
import { ResourcesProvider } from './views/resourcesProvider';
import { indexRecords, type ModuleRecordLike } from './views/modulesModel';
import { ModuleCodeLensProvider } from './moduleCodeLens';
import { OperationsStatus } from './statusBar';
import { registerCommands } from './commands/table';
import { createHostPort } from './host/hostAdapter';
import type { HostEvent, HostPort } from './host/hostPort';
import { logHostEvent } from './host/hostLog';
import { debounce } from './util/debounceModel';
import { FailureNotices } from './failureNotices';
import { PeerDiagnostics } from './coexistence/peerDiagnostics';
import { followYamlExtension } from './coexistence/yamlExtension';
import { peerOutline } from './coexistence/peerOutline';
import { RemoteResourceProvider } from './navigation/remoteResourceProvider';
import { ClusterFeature } from './cluster/clusterFeature';

export class Ctx implements vscode.Disposable {
  readonly log: vscode.LogOutputChannel;
  readonly index = new WorkspaceIndex();
  readonly scanner: WorkspaceScanner;
  readonly status = new OperationsStatus();
  /** Lifecycle failures, closed when a later operation of the module succeeds. */
  readonly failures = new FailureNotices();
  /** Problems found by "Validate Workspace" in files that are not open (open files: the language server's). */
  readonly validation = vscode.languages.createDiagnosticCollection(DIAGNOSTIC_SOURCE);
  private readonly modulesView: ModulesProvider;
  private readonly resourcesView: ResourcesProvider;
  private readonly codeLens: ModuleCodeLensProvider;
  private readonly peerDiagnostics = new PeerDiagnostics();
  private readonly disposables: vscode.Disposable[] = [];
  private client: LanguageClient | undefined;
  private clientStart: Promise<void> | undefined;
  private hostPort: HostPort | undefined;
  private hostUnsubscribe: (() => void) | undefined;
  private records: ModuleRecordLike[] = [];
  private recordsByKey = new Map<string, ModuleRecordLike>();
  private readonly refreshRecordsSoon = debounce(150, () => void this.refreshRecords());
  private readonly refreshViewsSoon = debounce(100, () => this.refreshViews());

  constructor(readonly extension: vscode.ExtensionContext) {
    this.log = vscode.window.createOutputChannel(OUTPUT_CHANNEL, { log: true });
    this.scanner = new WorkspaceScanner(this.index, this.log, () => this.settings);
    this.modulesView = new ModulesProvider(
      this.index,
      () => this.records,
      () => this.trusted,
    );
    this.resourcesView = new ResourcesProvider(this.index);
    this.codeLens = new ModuleCodeLensProvider(
      (key) => this.recordsByKey.get(key),
      (key) => this.index.module(key)?.problems,
      () => this.trusted,
    );
    extension.subscriptions.push(this);
  }

  get trusted(): boolean {
    return vscode.workspace.isTrusted;
  }

  get settings(): ForkspacerSettings {
    const config = vscode.workspace.getConfiguration(SETTINGS_SECTION);
    return readSettings((key) => config.get(key), vscode.workspace.workspaceFolders?.[0]?.uri.fsPath);
  }

  /** Synchronous wiring only: the server start, the host and the workspace scan are started, not awaited. */
  start(): void {
    this.disposables.push(
      this.log,
      this.status,
      this.failures,
      this.validation,
      this.scanner,
      this.modulesView,
      this.resourcesView,
      this.codeLens,
      vscode.window.createTreeView(VIEWS.modules, { treeDataProvider: this.modulesView, showCollapseAll: true }),
      vscode.window.createTreeView(VIEWS.resources, { treeDataProvider: this.resourcesView, showCollapseAll: true }),
      vscode.languages.registerCodeLensProvider({ language: 'yaml' }, this.codeLens),
      this.peerDiagnostics,
      vscode.workspace.registerTextDocumentContentProvider(
        REMOTE_RESOURCE_SCHEME,
        new RemoteResourceProvider(() => this.client),
      ),
      ...registerCommands(this),
      // The Cluster view (issue 9): its own tree, commands, status-bar item and CodeLens (client/src/cluster/).
      ...new ClusterFeature(this).start(),
      this.scanner.onDidChange(() => this.refreshViewsSoon()),
      vscode.workspace.onDidChangeConfiguration((e) => this.onConfigurationChanged(e)),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.onTrustGranted()),
      // An open file is the language server's to report: drop what "Validate Workspace" said about it.
      vscode.workspace.onDidOpenTextDocument((doc) => this.validation.delete(doc.uri)),
    );
    setImmediate(() => {
      this.clientStart = this.startClient();
      this.disposables.push(followYamlExtension(this.log));
      void this.scanner.scanAll();
      void this.refreshRecords();
    });
  }

  private async startClient(): Promise<void> {
    try {
      this.client = createLanguageClient(this.extension, this.trusted, {
        ...this.peerDiagnostics.middleware,
        ...peerOutline,
      });
      this.peerDiagnostics.client = this.client;
      const started = performance.now();
      await this.client.start();
      this.log.info(
        `language server started in ${Math.round(performance.now() - started)} ms (trusted: ${this.trusted})`,
      );
    } catch (error) {
      this.log.error(`language server failed to start: ${errorMessage(error)}`);
    }
  }

  /** The embedded host, created on first use. Undefined when it cannot be created (the reason is logged). */
  host(): HostPort | undefined {
    if (this.hostPort) return this.hostPort;
    try {
      const port = createHostPort(this.extension, this.trusted, this.log);
      this.hostPort = port;
      this.hostUnsubscribe = port.onEvent((event) => this.onHostEvent(event));
      return port;
    } catch (error) {
      this.log.error(`the local host could not start: ${errorMessage(error)}`);
      return undefined;
    }
  }

  private onHostEvent(event: HostEvent): void {
    logHostEvent(this.log, event);
    if (event.type === 'phase') this.refreshRecordsSoon();
  }

  /** Re-reads the host's module records and refreshes what shows phases. */
  async refreshRecords(): Promise<void> {
    const host = this.host();
    if (!host) return;
    try {
      this.records = await host.list();
      this.recordsByKey = indexRecords(this.records);
      this.refreshViews();
    } catch (error) {
      this.log.warn(`could not read the host state: ${errorMessage(error)}`);
    }
  }

  recordFor(key: string): ModuleRecordLike | undefined {
    return this.recordsByKey.get(key);
  }

  allRecords(): readonly ModuleRecordLike[] {
    return this.records;
  }

  refreshViews(): void {
    this.modulesView.refresh();
    this.resourcesView.refresh();
    this.codeLens.refresh();
  }

  /** The Refresh button: rescan files, re-read host state, and let the server drop fetched resources. */
  async refreshAll(): Promise<void> {
    if (this.client?.isRunning()) await this.client.sendNotification(REFRESH_RESOURCES, {});
    await Promise.all([this.scanner.scanAll(), this.refreshRecords()]);
  }

  private onConfigurationChanged(e: vscode.ConfigurationChangeEvent): void {
    if (!e.affectsConfiguration(SETTINGS_SECTION)) return;
    // The views show each Module's errors: the operator version and URL mappings change them.
    void this.scanner.scanAll();
    // The language server receives the change through the client (synchronize.configurationSection).
    if (hostSettingsChanged((id) => e.affectsConfiguration(id))) this.recreateHost('settings changed');
  }

  private onTrustGranted(): void {
    this.log.info('workspace trusted: plugins, Go builds and HTTP fetches are now allowed');
    this.refreshViews(); // the CodeLens offers the lifecycle actions now
    if (this.client?.isRunning()) void sendTrust(this.client, true);
    this.recreateHost('workspace trusted');
  }

  /** Settings are read when the host is created: a new host picks them up. Its state is on disk, so nothing is lost. */
  private recreateHost(reason: string): void {
    if (!this.hostPort) return;
    if (this.status.list().length > 0) {
      this.log.info(`${reason}: the local host picks this up after the running operations`);
      const once = this.status.onDidBecomeIdle(() => {
        once.dispose();
        this.recreateHost(reason);
      });
      return;
    }
    this.log.info(`${reason}: restarting the local host`);
    this.disposeHost();
    void this.refreshRecords();
  }

  private disposeHost(): void {
    this.hostUnsubscribe?.();
    this.hostPort?.dispose();
    this.hostPort = this.hostUnsubscribe = undefined;
  }

  async dispose(): Promise<void> {
    this.refreshRecordsSoon.cancel();
    this.refreshViewsSoon.cancel();
    this.disposeHost();
    for (const d of this.disposables.splice(0)) d.dispose();
    await this.clientStart;
    await this.client?.stop().catch(() => undefined);
  }
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
