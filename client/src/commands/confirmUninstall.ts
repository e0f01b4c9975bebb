// Uninstall runs the plugin with the user's kubeconfig: ask first, naming the Module and the context, with
// "Don't Ask Again" stored in the setting forkspacer.confirm.uninstall.
import * as vscode from 'vscode';
import { readFileSync } from 'node:fs';
import { settingId } from '../../../common/src/settings';
import type { Ctx } from '../ctx';
import { describeKubeTarget, kubeTarget } from './kubeTargetModel';

const UNINSTALL = 'Uninstall';
const ALWAYS = "Uninstall, Don't Ask Again";

export async function confirmUninstall(ctx: Ctx, module: { name: string; namespace: string }): Promise<boolean> {
  const settings = ctx.settings;
  if (!settings.confirmUninstall) return true;
  const target = kubeTarget({
    kubeconfigSetting: settings.kubeconfig,
    contextSetting: settings.context,
    env: process.env,
    read: (path) => {
      try {
        return readFileSync(path, 'utf8');
      } catch {
        return undefined;
      }
    },
  });
  const choice = await vscode.window.showWarningMessage(
    `Uninstall ${module.namespace}/${module.name}${target.context ? ` from context "${target.context}"` : ''}?`,
    { modal: true, detail: describeKubeTarget(target) },
    UNINSTALL,
    ALWAYS,
  );
  if (choice === ALWAYS)
    await vscode.workspace
      .getConfiguration()
      .update(settingId('confirm.uninstall'), false, vscode.ConfigurationTarget.Global);
  return choice === UNINSTALL || choice === ALWAYS;
}
