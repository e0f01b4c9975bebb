// Resources that live elsewhere: `source.httpURL` served by a local HTTP server (127.0.0.1), a dead URL,
// workspace trust (nothing fetched when untrusted), URL → folder mappings, and settings that change
// while the server runs. Run `node esbuild.mjs` first.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { CompletionList, Diagnostic } from 'vscode-languageserver-types';
import { LspClient } from './lspClient';
import { lineOf } from './fixtures';

const RESOURCE = `kind: Custom
metadata:
  name: remote-plugin
  version: 2.0.0
  supportedOperatorVersion: ">= 0.1.0, < 1.0.0"
config:
  - type: integer
    name: Worker count
    alias: workers
    spec:
      default: 1
      max: 5
      editable: true
spec:
  repo:
    file: https://example.com/plugins/remote/plugin.so
`;

const NEEDS_NEWER_OPERATOR = `kind: Custom
metadata:
  name: future-plugin
  version: 1.0.0
  supportedOperatorVersion: ">= 0.2.0"
spec:
  repo:
    file: https://example.com/plugins/future/plugin.so
`;

function moduleFrom(url: string, config = '    workers: 9\n'): string {
  return `apiVersion: batch.forkspacer.com/v1
kind: Module
metadata:
  name: remote-app
spec:
  workspace:
    name: dev
  source:
    httpURL: ${url}
  config:
${config}`;
}

let server: Server;
let base = '';
const requests: string[] = [];
let counter = 0;
const freshUri = () => `file:///work/remote-${++counter}.yaml`;
const errors = (d: Diagnostic[]) => d.filter((x) => x.severity === 1);

before(async () => {
  server = createServer((req, res) => {
    requests.push(req.url ?? '');
    if (req.url?.startsWith('/resource.yaml')) {
      res.writeHead(200, { 'content-type': 'text/yaml' });
      res.end(RESOURCE);
    } else {
      res.writeHead(404);
      res.end('not found');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('trusted workspace', () => {
  let client: LspClient;
  before(async () => {
    client = await LspClient.start({ trusted: true });
  });
  after(async () => {
    await client.stop();
  });

  it('fetches an httpURL resource and checks spec.config against it', async () => {
    const uri = freshUri();
    const text = moduleFrom(`${base}/resource.yaml?a`);
    client.open(uri, text);
    const diagnostics = await client.waitForDiagnostics(uri, (d) => d.some((x) => x.code === 'config-out-of-range'));
    const error = diagnostics.find((x) => x.code === 'config-out-of-range')!;
    assert.match(error.message, /validation failed for field 'workers': value 9 is greater than maximum 5/);
    assert.equal(error.range.start.line, lineOf(text, 'workers: 9'));
    // Nothing false was published before the resource arrived.
    for (const published of client.diagnostics.get(uri)!)
      assert.ok(published.diagnostics.every((d) => d.severity !== 1 || d.code === 'config-out-of-range'));
    assert.ok(requests.includes('/resource.yaml?a'));
  });

  it('completes aliases of a fetched resource', async () => {
    const uri = freshUri();
    const text = moduleFrom(`${base}/resource.yaml?b`, '    \n');
    client.open(uri, text);
    await client.waitForDiagnostics(uri);
    const line = lineOf(text, '  config:') + 1;
    // The fetch may still be running after the first publish: poll until the alias is offered.
    const deadline = Date.now() + 10000;
    let labels: string[] = [];
    while (Date.now() < deadline) {
      const list = await client.request<CompletionList | null>('textDocument/completion', {
        textDocument: { uri },
        position: { line, character: 4 },
      });
      labels = list?.items.map((i) => i.label) ?? [];
      if (labels.includes('workers')) break;
      await client.waitForDiagnostics(uri, () => true, 200, client.publishedCount(uri)).catch(() => undefined);
    }
    assert.ok(labels.includes('workers'), JSON.stringify(labels));
  });

  it('warns about a dead URL and keeps working', async () => {
    const uri = freshUri();
    client.open(uri, moduleFrom(`${base}/missing.yaml`));
    const diagnostics = await client.waitForDiagnostics(uri, (d) =>
      d.some((x) => x.code === 'module-source-fetch-failed'),
    );
    const warning = diagnostics.find((x) => x.code === 'module-source-fetch-failed')!;
    assert.equal(warning.severity, 2);
    assert.match(warning.message, /404/);
    assert.deepEqual(errors(diagnostics), []);

    const refused = freshUri();
    client.open(refused, moduleFrom('http://127.0.0.1:1/resource.yaml'));
    const d2 = await client.waitForDiagnostics(refused, (d) => d.some((x) => x.code === 'module-source-fetch-failed'));
    assert.deepEqual(errors(d2), []);
    assert.ok(client.alive);
  });
});

describe('untrusted workspace', () => {
  it('fetches nothing until the workspace is trusted', async () => {
    const client = await LspClient.start({ trusted: false });
    try {
      const uri = freshUri();
      const url = `${base}/resource.yaml?untrusted`;
      client.open(uri, moduleFrom(url));
      const diagnostics = await client.waitForDiagnostics(uri);
      assert.deepEqual(errors(diagnostics), []);
      assert.ok(!requests.includes('/resource.yaml?untrusted'), 'nothing fetched while untrusted');

      void client.connection.sendNotification('forkspacer/setTrusted', { trusted: true });
      await client.waitForDiagnostics(uri, (d) => d.some((x) => x.code === 'config-out-of-range'));
      assert.ok(requests.includes('/resource.yaml?untrusted'));
    } finally {
      await client.stop();
    }
  });

  it('reads a mapped local folder instead of the URL, even untrusted', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'forkspacer-map-'));
    writeFileSync(join(folder, 'resource.yaml'), RESOURCE);
    const client = await LspClient.start({
      trusted: false,
      settings: { resources: { urlMappings: { 'https://resources.example.com/': folder } } },
    });
    try {
      const uri = freshUri();
      client.open(uri, moduleFrom('https://resources.example.com/resource.yaml'));
      const diagnostics = await client.waitForDiagnostics(uri, (d) => d.some((x) => x.code === 'config-out-of-range'));
      assert.match(diagnostics.find((x) => x.code === 'config-out-of-range')!.message, /greater than maximum 5/);
    } finally {
      await client.stop();
    }
  });
});

describe('settings', () => {
  it('re-validates when the operator version changes, without a restart', async () => {
    const client = await LspClient.start({ settings: {} });
    try {
      const uri = freshUri();
      client.open(uri, NEEDS_NEWER_OPERATOR);
      const before = await client.waitForDiagnostics(uri, (d) => d.length > 0);
      const unsupported = before.find((d) => d.code === 'operator-version-unsupported');
      assert.ok(unsupported, JSON.stringify(before));
      assert.match(
        unsupported.message,
        /operator version 0\.1\.7 does not satisfy supported version constraint ">= 0\.2\.0"/,
      );

      client.settings = { operatorVersion: '0.3.0' };
      const seen = client.publishedCount(uri);
      void client.connection.sendNotification('workspace/didChangeConfiguration', {
        settings: { forkspacer: client.settings },
      });
      // Polls for the outcome: a publish queued before the change may still arrive first.
      const stillUnsupported = (d: Diagnostic[]) => d.some((x) => x.code === 'operator-version-unsupported');
      const afterChange = await client.waitForDiagnostics(uri, (d) => !stillUnsupported(d), 10000, seen);
      assert.deepEqual(afterChange, []);
    } finally {
      await client.stop();
    }
  });
});
