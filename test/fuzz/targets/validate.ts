// Fuzz target: validateText (every kind: the seeds hold Custom and Helm resources, Modules with raw, httpURL
// and configMap sources, Workspaces, multi-document files). It must never throw and every diagnostic must be
// well formed and inside the text.
import { checkDiagnostics, textOf, validate } from '../harness';

export async function fuzz(data: Uint8Array): Promise<void> {
  const text = textOf(data);
  checkDiagnostics(text, await validate(text));
}
