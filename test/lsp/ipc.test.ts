// The transport VS Code uses: the built server forked with --node-ipc answers initialize and publishes
// diagnostics. Run `node esbuild.mjs` first.
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { fork } from 'node:child_process';
import { createMessageConnection, IPCMessageReader, IPCMessageWriter } from 'vscode-jsonrpc/node';
import type { Diagnostic } from 'vscode-languageserver-types';
import { SERVER } from './lspClient';
import { moduleWithResource } from './fixtures';

it('works over Node IPC', async () => {
  const child = fork(SERVER, ['--node-ipc'], { stdio: ['ignore', 'ignore', 'ignore', 'ipc'] });
  const connection = createMessageConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
  const published = new Promise<Diagnostic[]>((resolve) =>
    connection.onNotification('textDocument/publishDiagnostics', (p: { diagnostics: Diagnostic[] }) =>
      resolve(p.diagnostics),
    ),
  );
  connection.listen();
  try {
    const result = await connection.sendRequest<{ capabilities: { hoverProvider?: boolean } }>('initialize', {
      processId: process.pid,
      rootUri: null,
      capabilities: {},
      initializationOptions: { trusted: false },
    });
    assert.equal(result.capabilities.hoverProvider, true);
    await connection.sendNotification('initialized', {});
    const text = moduleWithResource('ipc', '    env: qa\n');
    await connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri: 'file:///ipc.yaml', languageId: 'yaml', version: 1, text },
    });
    const diagnostics = await Promise.race([
      published,
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no diagnostics')), 10000)),
    ]);
    assert.ok(
      diagnostics.some((d) => d.code === 'config-option-invalid'),
      JSON.stringify(diagnostics),
    );
  } finally {
    connection.dispose();
    child.kill();
  }
});
