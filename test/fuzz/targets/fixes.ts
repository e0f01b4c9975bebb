// Fuzz target: the quick fixes of whatever the core reports, with their properties (harness.checkQuickFixes):
// each applies cleanly, leaves parseable YAML, removes its diagnostic, adds no error of another rule; fix all is
// idempotent.
import { checkQuickFixes, textOf } from '../harness';

export async function fuzz(data: Uint8Array): Promise<void> {
  await checkQuickFixes(textOf(data));
}
