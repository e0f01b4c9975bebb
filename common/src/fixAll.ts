// "Fix all": the preferred quick fix of every diagnostic, applied together, then re-validated, until nothing
// preferred is left. Only preferred fixes are taken (the unambiguous ones: add a missing key with its default,
// quote 1.10, remove an unknown key, ...); a choice among allowed values is left to the user.
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, Diagnostic, TextEdit } from 'vscode-languageserver-types';

export interface FixAllSteps {
  /** The diagnostics of a text (ours and others; only ours have fixes). */
  validate(text: string): Promise<Diagnostic[]>;
  /** The quick fixes offered for some diagnostics of a text. */
  fixes(text: string, diagnostics: Diagnostic[]): CodeAction[];
}

export interface FixAllResult {
  text: string;
  /** How many fixes were applied, over all rounds. */
  applied: number;
}

/** More rounds than any chain of fixes needs (a fix that makes room for the next: spec.config, then its keys). */
const MAX_ROUNDS = 8;

/** One round: the preferred fixes whose edits overlap none already taken, applied at once. */
function applyPreferred(text: string, uri: string, actions: CodeAction[]): { text: string; applied: number } {
  const document = TextDocument.create(uri, 'yaml', 0, text);
  const taken: [number, number, string][] = [];
  let applied = 0;
  for (const action of actions) {
    if (!action.isPreferred) continue;
    const edits = action.edit?.changes?.[uri] ?? [];
    if (!edits.length) continue;
    const mine = edits.map(
      (e) => [document.offsetAt(e.range.start), document.offsetAt(e.range.end), e.newText] as [number, number, string],
    );
    // Two insertions at one point also conflict: their order would be arbitrary.
    const clashes = mine.some(([a, b]) => taken.some(([c, d]) => (a < d && c < b) || a === c));
    if (clashes) continue;
    taken.push(...mine);
    applied++;
  }
  taken.sort((x, y) => y[0] - x[0]);
  let out = text;
  for (const [a, b, newText] of taken) out = out.slice(0, a) + newText + out.slice(b);
  return { text: out, applied };
}

export async function fixAll(text: string, uri: string, steps: FixAllSteps): Promise<FixAllResult> {
  let current = text;
  let applied = 0;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const ours = (await steps.validate(current)).filter((d) => d.source === 'forkspacer');
    if (!ours.length) break;
    const next = applyPreferred(current, uri, steps.fixes(current, ours));
    if (!next.applied || next.text === current) break;
    current = next.text;
    applied += next.applied;
  }
  return { text: current, applied };
}

/** The smallest single edit turning `before` into `after` (common prefix and suffix kept). */
export function minimalEdit(before: string, after: string): TextEdit | undefined {
  if (before === after) return undefined;
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let end = 0;
  while (
    end < before.length - start &&
    end < after.length - start &&
    before[before.length - 1 - end] === after[after.length - 1 - end]
  )
    end++;
  const document = TextDocument.create('', 'yaml', 0, before);
  return {
    range: { start: document.positionAt(start), end: document.positionAt(before.length - end) },
    newText: after.slice(start, after.length - end),
  };
}
