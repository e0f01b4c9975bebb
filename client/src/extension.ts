// The extension's entry point: activate only. Everything lives in Ctx; activate() wires it synchronously and
// starts the language server and the workspace scan without awaiting them (target: under 50 ms).
import type * as vscode from 'vscode';
import { Ctx } from './ctx';

let ctx: Ctx | undefined;

export function activate(context: vscode.ExtensionContext): void {
  const started = performance.now();
  ctx = new Ctx(context);
  ctx.start();
  ctx.log.info(`activated in ${(performance.now() - started).toFixed(1)} ms`);
}

export async function deactivate(): Promise<void> {
  await ctx?.dispose();
  ctx = undefined;
}
