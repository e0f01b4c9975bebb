// `plugin check` in the editor (issue 10): opening a plugin's .go file publishes the findings on the lines they
// are on (main.go, go.mod), a save re-checks, and the YAML features leave Go files alone. Real Go, real operator
// module; the checker and the operator's graph come from the host tests' cache.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspClient, ROOT } from './lspClient';

const withLocalGoProxy = createRequire(__filename)(join(ROOT, 'scripts', 'goproxy.cjs')).withLocalGoProxy as (
  env: NodeJS.ProcessEnv,
) => NodeJS.ProcessEnv;
Object.assign(process.env, withLocalGoProxy(process.env));
process.env.FORKSPACER_CACHE_DIR ||=
  process.env.FORKSPACER_HOST_TEST_CACHE || join(ROOT, 'test', '.work', 'host', 'cache');

const SLOW = { timeout: 15 * 60_000 };
const work = join(ROOT, 'test', '.work', 'lsp');
mkdirSync(work, { recursive: true });
const workspace = mkdtempSync(join(work, 'plugin-check-'));
const plugin = join(workspace, 'plugins', 'my-plugin');
cpSync(join(ROOT, 'test', 'go', 'plugins', 'seed-my-plugin'), plugin, { recursive: true });
const mainGo = pathToFileURL(join(plugin, 'main.go')).href;
const goMod = pathToFileURL(join(plugin, 'go.mod')).href;

let client: LspClient;
before(async () => {
  client = await LspClient.start({ trusted: true, rootUri: pathToFileURL(workspace).href });
});
after(async () => {
  await client.stop();
});

function openGo(uri: string, languageId: string, text: string) {
  void client.connection.sendNotification('textDocument/didOpen', {
    textDocument: { uri, languageId, version: 1, text },
  });
}

test("opening main.go of the seed's my-plugin: the panicking assertion on its line, go.mod notes", SLOW, async () => {
  const text = readFileSync(join(plugin, 'main.go'), 'utf8');
  openGo(mainGo, 'go', text);
  const diagnostics = await client.waitForDiagnostics(mainGo, (d) => d.length > 0, 12 * 60_000);
  assert.deepEqual(
    diagnostics.map((d) => [d.code, d.severity, d.source, d.range.start.line]),
    [['plugin-config-panic', 1, 'forkspacer', 45]],
  );
  const line = text.split('\n')[45]!;
  const { start, end } = diagnostics[0]!.range;
  assert.equal(line.slice(start.character, end.character), 'config["replicas"].(int)');
  assert.match(diagnostics[0]!.message, /when a Module sets replicas \(a number from a Module is a float64\)/);
  // go.mod was not opened: its findings are published anyway (information: this machine's Go against the operator's).
  const modDiagnostics = await client.waitForDiagnostics(goMod, () => true, 60_000);
  assert.ok(
    modDiagnostics.every((d) => d.severity !== 1),
    JSON.stringify(modDiagnostics),
  );
  // A YAML feature on a Go file answers nothing (not the YAML language service on Go text).
  const hover = await client.connection.sendRequest('textDocument/hover', {
    textDocument: { uri: mainGo },
    position: { line: 45, character: 20 },
  });
  assert.equal(hover, null);
  assert.ok(
    (client.diagnostics.get(mainGo) ?? []).every((p) =>
      p.diagnostics.every((d) => String(d.code).startsWith('plugin-')),
    ),
    'no YAML diagnostics on a Go file',
  );
});

test('fixing the assertion and saving clears it', SLOW, async () => {
  const before = (client.diagnostics.get(mainGo) ?? []).length;
  const fixed = readFileSync(join(plugin, 'main.go'), 'utf8').replace(
    'replicas := int32(config["replicas"].(int))',
    'replicas := int32(config["replicas"].(float64))',
  );
  writeFileSync(join(plugin, 'main.go'), fixed);
  void client.connection.sendNotification('textDocument/didSave', { textDocument: { uri: mainGo } });
  const diagnostics = await client.waitForDiagnostics(mainGo, () => true, 12 * 60_000, before);
  assert.deepEqual(diagnostics, []);
});
