// The status bar item showing Forkspacer operations in flight (hidden when none).
import * as vscode from 'vscode';
import { COMMANDS } from './ids';
import { Operations, statusBarText, type Operation } from './operationsModel';

export class OperationsStatus implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem(
    'forkspacer.operations',
    vscode.StatusBarAlignment.Left,
    10,
  );
  private readonly ops = new Operations();
  private readonly idle = new vscode.EventEmitter<void>();
  /** Fires when the last running operation ended. */
  readonly onDidBecomeIdle = this.idle.event;

  constructor() {
    this.item.name = 'Forkspacer Operations';
    this.item.command = COMMANDS.showLogs;
  }

  /** Runs `task` as an operation shown in the status bar until it settles. */
  async track<T>(title: string, task: () => Thenable<T>): Promise<T> {
    const op = this.ops.start(title);
    this.render();
    try {
      return await task();
    } finally {
      this.ops.end(op);
      this.render();
      if (this.ops.size === 0) this.idle.fire();
    }
  }

  list(): Operation[] {
    return this.ops.list();
  }

  private render(): void {
    const shown = statusBarText(this.ops.list());
    if (!shown) return this.item.hide();
    this.item.text = shown.text;
    this.item.tooltip = shown.tooltip;
    this.item.show();
  }

  dispose(): void {
    this.idle.dispose();
    this.item.dispose();
  }
}
