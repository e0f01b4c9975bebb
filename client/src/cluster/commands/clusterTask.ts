// Runs one cluster action: a notification with Cancel, the operations status-bar item, phases and Warning events
// streamed to the Forkspacer output channel, and a ClusterError shown with what the user can do next.
import * as vscode from 'vscode';
import type { ClusterBackend, RunOptions, RunResult } from '../../../../cluster/src/types';
import type { ClusterFeature } from '../clusterFeature';
import { errorInfo } from '../clusterSession';
import { errorButtons, errorHint } from '../model/clusterMessagesModel';
import { PhaseLog } from '../model/phaseLogModel';
import { CLUSTER_COMMANDS } from '../model/clusterIds';

export interface TaskContext {
  backend: ClusterBackend;
  signal: AbortSignal;
  report: (message: string) => void;
  /** RunOptions that stream phases and events to the output channel and the notification. */
  runOptions: (key: string) => RunOptions;
}

/** The backend, or a message saying why there is none (no kubeconfig, unreachable...). */
export function backendOrSay(feature: ClusterFeature): ClusterBackend | undefined {
  const backend = feature.session.backend;
  if (backend) return backend;
  const s = feature.session.snapshot();
  const why = s.error?.message ?? s.contextsError ?? 'the Cluster view is not connected yet';
  void vscode.window.showErrorMessage(`Forkspacer: no cluster: ${why}`, 'Open Settings').then((choice) => {
    if (choice) void vscode.commands.executeCommand('workbench.action.openSettings', 'forkspacer.cluster');
  });
  return undefined;
}

export async function clusterTask<T>(
  feature: ClusterFeature,
  title: string,
  task: (t: TaskContext) => Promise<T>,
): Promise<T | undefined> {
  const backend = backendOrSay(feature);
  if (!backend) return undefined;
  const log = feature.ctx.log;
  log.info(`cluster: ${title} (context "${backend.context}")`);
  try {
    return await feature.ctx.status.track(title, () =>
      vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title, cancellable: true },
        async (progress, token) => {
          const abort = new AbortController();
          const cancel = token.onCancellationRequested(() => abort.abort());
          const report = (message: string) => progress.report({ message });
          const timeoutS = feature.ctx.settings.cluster.timeoutSeconds;
          try {
            return await task({
              backend,
              signal: abort.signal,
              report,
              runOptions: (key) => {
                const phases = new PhaseLog(key);
                return {
                  timeoutS,
                  signal: abort.signal,
                  onPhase: (phase, module) => {
                    const line = phases.phase(phase, module);
                    if (!line) return;
                    log.info(`cluster: ${line}`);
                    report(phase || 'pending');
                  },
                  onEvent: (event) => {
                    const line = phases.event(event);
                    if (event.type === 'Warning') log.warn(`cluster: ${line}`);
                    else log.info(`cluster: ${line}`);
                  },
                };
              },
            });
          } finally {
            cancel.dispose();
          }
        },
      ),
    );
  } catch (error) {
    const info = errorInfo(error);
    if (info.kind === 'cancelled' || (error as Error)?.name === 'AbortError') {
      log.warn(`cluster: ${title}: cancelled`);
      void vscode.window.showInformationMessage(`${title}: cancelled. The cluster keeps what was already sent.`);
      return undefined;
    }
    log.error(`cluster: ${title} failed: ${info.message}`);
    void showClusterError(feature, `${title} failed: ${info.message}`, info);
    return undefined;
  }
}

/** An error message with the buttons its kind offers. */
export async function showClusterError(
  feature: ClusterFeature,
  message: string,
  info: { kind: string },
  onRecreate?: () => void,
): Promise<void> {
  const hint = errorHint(info as { kind: never });
  const buttons = errorButtons(info as { kind: never }).filter((b) => b !== 'Recreate Module…' || onRecreate);
  const choice = await vscode.window.showErrorMessage(hint ? `${message} ${hint}` : message, ...buttons);
  if (choice === 'Show Logs') feature.ctx.log.show(true);
  else if (choice === 'Open Settings')
    void vscode.commands.executeCommand('workbench.action.openSettings', 'forkspacer.cluster');
  else if (choice === 'Switch Context') void vscode.commands.executeCommand(CLUSTER_COMMANDS.clusterSwitchContext);
  else if (choice === 'Retry') void feature.reconnect();
  else if (choice === 'Recreate Module…') onRecreate?.();
}

/** The settled result of a run: a message for the user (warning events included when it failed). */
export function reportRun(feature: ClusterFeature, what: string, result: RunResult): void {
  if (result.refused) {
    void vscode.window.showWarningMessage(`${what}: ${result.refused}`);
    return;
  }
  if (result.ok) {
    vscode.window.setStatusBarMessage(`$(check) ${what}: ${result.phase}`, 5000);
    feature.ctx.log.info(`cluster: ${what}: ${result.phase}`);
    return;
  }
  const warnings = result.events.filter((e) => e.type === 'Warning').map((e) => `${e.reason}: ${e.message}`);
  const message = `${what}: ${result.phase}${result.message ? ` (${result.message})` : ''}${warnings.length ? `. ${warnings[warnings.length - 1]}` : ''}`;
  feature.ctx.log.error(`cluster: ${message}`);
  void vscode.window.showErrorMessage(message, 'Show Logs').then((c) => c && feature.ctx.log.show(true));
}
