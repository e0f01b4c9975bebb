// `forkspacer plugin check` in the editor: when a plugin's go.mod or .go file is opened or saved, the plugin
// folder (the nearest go.mod above it, when that module requires the operator's module) is checked in the
// background and the findings are published on every file they are on (go.mod, the .go files, the Makefile),
// open or not. Only in a trusted workspace: the check runs `go`, which may fetch modules and toolchains.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DiagnosticSeverity, type Connection, type Diagnostic } from 'vscode-languageserver/node';
import { URI } from 'vscode-uri';
import { checkPlugin, type PluginFinding } from '../../../host/src/pluginCheck/pluginCheck';
import { defaultCacheDir } from '../../../host/src/cacheDir';

export interface PluginDiagnosticsOptions {
  trusted: () => boolean;
  goBinary: () => string;
  operatorVersion: () => string;
  /** Where resources that point at a plugin folder are looked for (the workspace folders). */
  roots: () => string[];
  cacheDir?: string;
  /** Waits this long after an open or save before checking (a burst of saves checks once). */
  delayMs?: number;
}

const OPERATOR_REQUIRE = /^\s*(require\s+)?github\.com\/forkspacer\/forkspacer\s+v/m;

/** The plugin folder of a Go file: the nearest folder above it with a go.mod that requires the operator's module. */
export function pluginFolderOf(path: string): string | undefined {
  for (let dir = dirname(path); ; dir = dirname(dir)) {
    const goMod = join(dir, 'go.mod');
    if (existsSync(goMod)) {
      try {
        return OPERATOR_REQUIRE.test(readFileSync(goMod, 'utf8')) ? dir : undefined;
      } catch {
        return undefined;
      }
    }
    if (dirname(dir) === dir) return undefined;
  }
}

const SEVERITY = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
};

export function toDiagnostic(f: PluginFinding): Diagnostic {
  return { range: f.range, severity: SEVERITY[f.severity], code: f.code, source: 'forkspacer', message: f.message };
}

export class PluginDiagnostics {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly running = new Map<string, AbortController>();
  /** Folder → the URIs it last published diagnostics on (to clear them when a finding is gone). */
  private readonly published = new Map<string, Set<string>>();
  /** Checks finished (for tests and stats). */
  checks = 0;

  constructor(
    private readonly connection: Connection,
    private readonly options: PluginDiagnosticsOptions,
  ) {}

  /** A go.mod or .go document was opened or saved. */
  touched(uri: string): void {
    if (!uri.startsWith('file:') || !this.options.trusted()) return;
    const folder = pluginFolderOf(URI.parse(uri).fsPath);
    if (!folder) return;
    clearTimeout(this.timers.get(folder));
    this.timers.set(
      folder,
      setTimeout(() => {
        this.timers.delete(folder);
        void this.check(folder);
      }, this.options.delayMs ?? 300),
    );
  }

  private async check(folder: string): Promise<void> {
    this.running.get(folder)?.abort();
    const controller = new AbortController();
    this.running.set(folder, controller);
    try {
      const result = await checkPlugin({
        dir: folder,
        go: { goBinary: this.options.goBinary(), env: {} },
        cacheDir: this.options.cacheDir ?? defaultCacheDir(),
        operatorVersion: this.options.operatorVersion(),
        searchRoots: this.options.roots(),
        signal: controller.signal,
      });
      if (controller.signal.aborted) return;
      const byUri = new Map<string, Diagnostic[]>();
      for (const f of result.findings) {
        const uri = URI.file(f.file).toString();
        byUri.set(uri, [...(byUri.get(uri) ?? []), toDiagnostic(f)]);
      }
      for (const uri of this.published.get(folder) ?? []) if (!byUri.has(uri)) byUri.set(uri, []);
      this.published.set(folder, new Set([...byUri].filter(([, d]) => d.length).map(([uri]) => uri)));
      for (const [uri, diagnostics] of byUri) await this.connection.sendDiagnostics({ uri, diagnostics });
      this.checks++;
    } catch (error) {
      if (controller.signal.aborted) return;
      this.connection.console.error(
        `forkspacer: plugin check of ${folder} failed: ${error instanceof Error ? error.message : String(error)}`,
      );
    } finally {
      if (this.running.get(folder) === controller) this.running.delete(folder);
    }
  }
}
