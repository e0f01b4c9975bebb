// The `source.fixAll.forkspacer` code action (Source Action… → "Fix all Forkspacer problems", and
// editor.codeActionsOnSave): the core's fixAll over the server's own validation and per-document quick fixes.
import type { CodeAction } from 'vscode-languageserver-types';
import { fixAll, minimalEdit } from '../../../common/src';
import type { Services } from './createServices';

export const FIX_ALL_KIND = 'source.fixAll.forkspacer';

/** Whether a client's `only` filter asks for our fix-all action (`source`, `source.fixAll`, or ours). */
export function wantsFixAll(only: string[] | undefined): boolean {
  return !!only?.some((kind) => FIX_ALL_KIND === kind || FIX_ALL_KIND.startsWith(`${kind}.`));
}

export async function fixAllAction(services: Services, uri: string, text: string): Promise<CodeAction | undefined> {
  // A private uri: the fix rounds validate intermediate texts that must not replace the open file's cached split.
  const scratch = `${uri}#fix-all`;
  const result = await fixAll(text, scratch, {
    validate: async (t) => (await services.validation.validateFile(scratch, t))?.diagnostics ?? [],
    fixes: (t, diagnostics) => services.features.codeActions(scratch, t, diagnostics),
  });
  services.features.forget(scratch);
  const edit = minimalEdit(text, result.text);
  if (!edit) return undefined;
  return {
    title: `Fix all Forkspacer problems (${result.applied} ${result.applied === 1 ? 'fix' : 'fixes'})`,
    kind: FIX_ALL_KIND,
    edit: { changes: { [uri]: [edit] } },
  };
}
