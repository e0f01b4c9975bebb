// The README's try-local-plugin.yaml in the editor (issue 11, item 3): its plugin is a Go source folder, which the
// local host builds and the operator refuses: a warning that says both, not an error.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { LspClient } from './lspClient';
import { LOCAL_PLUGIN_MODULE } from './fixtures';

let client: LspClient;
before(async () => {
  client = await LspClient.start();
});
after(async () => {
  await client.stop();
});

test('a plugin path in the editor is a warning naming the operator and the local host', async () => {
  const uri = 'file:///work/try-local-plugin.yaml';
  client.open(uri, LOCAL_PLUGIN_MODULE);
  const diagnostics = await client.waitForDiagnostics(uri, (d) => d.length > 0);
  assert.deepEqual(
    diagnostics.map((d) => [d.code, d.severity]),
    [['repo-file-scheme', 2]],
  );
  assert.match(diagnostics[0]!.message, /operator downloads only http\(s\).*local host builds this Go source folder/);
  assert.equal(
    diagnostics[0]!.range.start.line,
    LOCAL_PLUGIN_MODULE.split('\n').indexOf('          file: ./plugins/simple'),
  );
});
