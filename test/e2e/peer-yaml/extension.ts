// Test-only stand-in for Red Hat's YAML extension (see README.md): what its client does that matters when
// another YAML extension runs next to it. Written for the tests from the documented protocol of
// yaml-language-server (custom/schema/request, custom/schema/content, json/schemaAssociations).
import * as vscode from 'vscode';
import { LanguageClient, TransportKind } from 'vscode-languageclient/node';

type RequestSchema = (resource: string) => string | undefined;
type RequestContent = (uri: string) => string | undefined;

export async function activate(context: vscode.ExtensionContext) {
  const module = context.asAbsolutePath('dist/server.js');
  const client = new LanguageClient(
    'yaml',
    'YAML Support',
    { run: { module, transport: TransportKind.ipc }, debug: { module, transport: TransportKind.ipc } },
    {
      documentSelector: [{ language: 'yaml' }],
      synchronize: { configurationSection: ['yaml', 'http', '[yaml]'] },
      initializationOptions: { l10nPath: context.asAbsolutePath('dist/l10n') },
    },
  );
  const contributors = new Map<string, { requestSchema: RequestSchema; requestContent: RequestContent }>();
  const ignoring = () => vscode.workspace.getConfiguration('yamlStandIn').get<boolean>('ignoreContributors') === true;
  client.onRequest('custom/schema/request', (resource: string) => {
    if (ignoring()) return undefined;
    for (const contributor of contributors.values()) {
      const uri = contributor.requestSchema(resource);
      if (uri) return uri;
    }
    return undefined;
  });
  client.onRequest('custom/schema/content', (uri: string) => {
    const scheme = vscode.Uri.parse(uri).scheme;
    return contributors.get(scheme)?.requestContent(uri);
  });
  await client.start();
  await client.sendNotification('json/schemaAssociations', yamlValidationAssociations());
  await client.sendNotification('yaml/registerCustomSchemaRequest');
  context.subscriptions.push(client);
  return {
    registerContributor(schema: string, requestSchema: RequestSchema, requestContent: RequestContent): boolean {
      if (contributors.has(schema)) return false;
      contributors.set(schema, { requestSchema, requestContent });
      return true;
    },
  };
}

/** `contributes.yamlValidation` of every installed extension, as schema associations. */
function yamlValidationAssociations(): { fileMatch: string[]; uri: string }[] {
  const associations: { fileMatch: string[]; uri: string }[] = [];
  for (const extension of vscode.extensions.all) {
    const entries = (extension.packageJSON as { contributes?: { yamlValidation?: unknown } })?.contributes
      ?.yamlValidation;
    if (!Array.isArray(entries)) continue;
    for (const entry of entries as { fileMatch?: string | string[]; url?: string }[]) {
      if (!entry.url || !entry.fileMatch) continue;
      const uri = entry.url.startsWith('./')
        ? vscode.Uri.joinPath(extension.extensionUri, entry.url).toString()
        : entry.url;
      const fileMatch = (Array.isArray(entry.fileMatch) ? entry.fileMatch : [entry.fileMatch]).map((m) =>
        /^(\w+:\/\/|\/|!)/.test(m) ? m : `/${m}`,
      );
      associations.push({ fileMatch, uri });
    }
  }
  return associations;
}
