// Fuzz target: the language server's pure services as the server calls them, on one file: validation, then
// completion, hover and the quick fixes at a position chosen by the input, and the outline. Input layout: two
// bytes line, one byte character, then the file (so a seed file shifted by three bytes stays a YAML file).
import { createServices } from '../../../server/src/services/createServices';
import { check, checkDiagnostics, SETTINGS, textOf, URI } from '../harness';

const services = createServices({ settings: SETTINGS, trusted: false, mode: 'await' });

export async function fuzz(data: Uint8Array): Promise<void> {
  if (data.length < 3) return;
  const text = textOf(data.subarray(3));
  const lines = text.split('\n');
  const line = ((data[0] << 8) | data[1]) % (lines.length + 1);
  const position = { line, character: data[2] % ((lines[line]?.length ?? 0) + 2) };
  const file = await services.validation.validateFile(URI, text);
  check(file, () => 'validateFile answered nothing without being cancelled');
  const ours = file.diagnostics.filter((d) => d.source === 'forkspacer');
  checkDiagnostics(text, ours);
  const completion = await services.features.completion(URI, text, position);
  check(completion === null || Array.isArray(completion.items), () => 'completion is not a list');
  await services.features.hover(URI, text, position);
  services.features.codeActions(URI, text, ours);
  services.features.symbols(URI, text);
}
