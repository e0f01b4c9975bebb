// A CodeLens above each Module document: its phase, then the lifecycle actions the phase allows.
import * as vscode from 'vscode';
import { parseYamlFile } from '../../common/src/index';
import { entriesOfFile, firstContentLine, type ModuleEntry } from './workspace/workspaceModel';
import { errorCount, type ModuleProblems } from './workspace/moduleProblems';
import { actionTitle, allowedActions, phaseLabel, toModulePhase } from './commands/phaseActionsModel';
import { phaseIcon, type ModuleRecordLike, type ModuleRef } from './views/modulesModel';
import { COMMANDS } from './ids';
import { UNTRUSTED_MESSAGE } from './commands/trustModel';

const ACTION_COMMANDS = {
  install: COMMANDS.installModule,
  sleep: COMMANDS.sleepModule,
  resume: COMMANDS.resumeModule,
  uninstall: COMMANDS.uninstallModule,
} as const;

export class ModuleCodeLensProvider implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  /** Parsed modules per document version: the lens request follows every edit, the parse need not. */
  private cache = new WeakMap<vscode.TextDocument, { version: number; modules: ModuleEntry[] }>();

  constructor(
    private readonly record: (key: string) => ModuleRecordLike | undefined,
    /** The Module's errors as the workspace index knows them (workspace/moduleProblems.ts). */
    private readonly problems: (key: string) => ModuleProblems | undefined,
    /** Workspace Trust: in Restricted Mode no lifecycle action is offered, one lens says why. */
    private readonly trusted: () => boolean,
  ) {}

  refresh(): void {
    this.changed.fire();
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const lenses: vscode.CodeLens[] = [];
    const lineAt = (n: number) => (n < document.lineCount ? document.lineAt(n).text : undefined);
    for (const entry of this.modulesOf(document)) {
      // On the document's first line of text, not on the `---` above it.
      const line = firstContentLine(lineAt, entry.line);
      const range = new vscode.Range(line, 0, line, 0);
      const record = this.record(entry.recordKey);
      const phase = toModulePhase(record?.phase);
      const ref: ModuleRef = { path: entry.path, documentIndex: entry.documentIndex };
      const problems = this.problems(entry.key);
      if (problems?.errors)
        lenses.push(
          new vscode.CodeLens(range, {
            title: `$(error) ${errorCount(problems)}`,
            tooltip: 'The operator refuses this Module: Install is refused until these are fixed. Click to show them.',
            command: COMMANDS.showProblems,
            arguments: [ref],
          }),
        );
      lenses.push(
        new vscode.CodeLens(range, {
          title: `$(${phaseIcon(phase).id}) ${phaseLabel(phase)}`,
          tooltip: record?.lastMessage ?? 'Phase in the local Forkspacer host. Click to show the logs.',
          command: COMMANDS.showLogs,
          arguments: [],
        }),
      );
      const actions = allowedActions(phase);
      if (!this.trusted() && actions.length) {
        lenses.push(
          new vscode.CodeLens(range, {
            title: `$(shield) Restricted Mode: ${actions.map(actionTitle).join(', ')} disabled`,
            tooltip: UNTRUSTED_MESSAGE,
            command: 'workbench.trust.manage',
            arguments: [],
          }),
        );
        continue;
      }
      for (const action of actions) {
        lenses.push(
          new vscode.CodeLens(range, {
            title: actionTitle(action),
            command: ACTION_COMMANDS[action],
            arguments: [ref],
          }),
        );
      }
    }
    return lenses;
  }

  private modulesOf(document: vscode.TextDocument): ModuleEntry[] {
    const cached = this.cache.get(document);
    if (cached?.version === document.version) return cached.modules;
    let modules: ModuleEntry[] = [];
    try {
      const parsed = parseYamlFile(document.getText());
      modules = entriesOfFile(
        document.uri.fsPath,
        vscode.workspace.asRelativePath(document.uri),
        parsed.documents,
      ).modules;
    } catch {
      // half-typed YAML: no lenses until it parses
    }
    this.cache.set(document, { version: document.version, modules });
    return modules;
  }

  dispose(): void {
    this.changed.dispose();
    this.cache = new WeakMap();
  }
}
