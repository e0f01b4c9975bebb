// The read-only editor that go to definition opens for a resource fetched from a URL: the language server holds
// the fetched text (the one it validated the Module against) and serves it here.
import type * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { RESOURCE_TEXT, type ResourceTextParams, type ResourceTextResult } from '../../../common/src/protocol';

export class RemoteResourceProvider implements vscode.TextDocumentContentProvider {
  constructor(private readonly client: () => LanguageClient | undefined) {}

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const url = new URLSearchParams(uri.query).get('url') ?? '';
    const client = this.client();
    if (!client?.isRunning()) return `# The Forkspacer language server is not running: ${url} cannot be shown.\n`;
    const params: ResourceTextParams = { url };
    const result = await client.sendRequest<ResourceTextResult>(RESOURCE_TEXT, params);
    return 'text' in result ? result.text : `# Forkspacer could not fetch ${url}:\n# ${result.error}\n`;
  }
}
