// Install of a Module the operator would refuse: refused here, before the host builds anything, with its first
// errors and a link to Problems (the same verdict the Modules view and the CodeLens show).
import * as vscode from 'vscode';
import { parseYamlFile } from '../../../common/src/index';
import type { Ctx } from '../ctx';
import { COMMANDS } from '../ids';
import type { ModuleEntry } from '../workspace/workspaceModel';
import { errorCount, moduleProblems, offlineResolver, type ModuleProblems } from '../workspace/moduleProblems';

/** The Module's errors now (the editor's text when open, else the file). */
export async function currentProblems(ctx: Ctx, entry: ModuleEntry): Promise<ModuleProblems | undefined> {
  const uri = vscode.Uri.file(entry.path);
  const text = (await vscode.workspace.openTextDocument(uri)).getText();
  const doc = parseYamlFile(text).documents.find((d) => d.index === entry.documentIndex);
  if (!doc) return undefined;
  const read = async (path: string) =>
    new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.file(path)));
  return moduleProblems(doc, ctx.settings, offlineResolver(ctx.settings, read));
}

/** True when Install must not run; the user is told why, with "Show Problems". */
export async function refusedAsInvalid(ctx: Ctx, entry: ModuleEntry): Promise<boolean> {
  const problems = await currentProblems(ctx, entry);
  if (!problems?.errors) return false;
  const first = problems.first[0];
  ctx.log.warn(`Install ${entry.name} refused: ${errorCount(problems)} in ${entry.relPath}`);
  void vscode.window
    .showErrorMessage(
      `Install ${entry.name} refused: the operator would refuse this Module (${errorCount(problems)}; line ${(first?.line ?? 0) + 1}: ${first?.message ?? ''}).`,
      'Show Problems',
    )
    .then((choice) => {
      if (choice)
        void vscode.commands.executeCommand(COMMANDS.showProblems, {
          path: entry.path,
          documentIndex: entry.documentIndex,
        });
    });
  return true;
}
