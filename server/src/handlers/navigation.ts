// LSP navigation requests → services/navigation: definition, references, rename, document links, inlay hints, the
// text of a fetched resource (for the client's read-only editor), and watched-file events for the workspace index.
import {
  ErrorCodes,
  FileChangeType,
  ResponseError,
  type Connection,
  type TextDocuments,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { RESOURCE_TEXT, type ResourceTextParams, type ResourceTextResult } from '../../../common/src/protocol';
import type { ForkspacerSettings } from '../../../common/src/settings';
import type { Services } from '../services/createServices';
import { inlayHints } from '../services/navigation/inlayHints';
import { documentLinks } from '../services/navigation/links';
import { Navigation, RenameRefused } from '../services/navigation/navigation';
import { normaliseUri, WorkspaceIndex } from '../services/navigation/workspaceIndex';
import { safely } from './safe';

export interface NavigationHandlers {
  index: WorkspaceIndex;
}

export function registerNavigationHandlers(
  connection: Connection,
  documents: TextDocuments<TextDocument>,
  services: Services,
  settings: () => ForkspacerSettings,
  onResourceFileChanged: () => void,
): NavigationHandlers {
  const byUri = (uri: string) => documents.get(uri) ?? documents.all().find((d) => normaliseUri(d.uri) === uri);
  const index = new WorkspaceIndex(
    { text: (uri) => byUri(uri)?.getText(), uris: () => documents.all().map((d) => d.uri) },
    (message) => connection.console.log(message),
  );
  const remoteText = async (url: string): Promise<ResourceTextResult> => {
    const result = await services.resources.settled({ type: 'httpURL', url }, {});
    if (result.ok && result.text !== undefined) return { text: result.text };
    return { error: result.ok ? `no text for ${url}` : result.message };
  };
  const navigation = new Navigation({ index, settings, remoteText });

  connection.onDefinition(
    safely(connection, 'definition', null, (params) =>
      documents.get(params.textDocument.uri) ? navigation.definition(params.textDocument.uri, params.position) : null,
    ),
  );

  connection.onReferences(
    safely(connection, 'references', [], (params) =>
      documents.get(params.textDocument.uri)
        ? navigation.references(params.textDocument.uri, params.position, params.context.includeDeclaration)
        : [],
    ),
  );

  connection.onPrepareRename(
    refusing(connection, 'prepareRename', (params) =>
      documents.get(params.textDocument.uri)
        ? navigation.prepareRename(params.textDocument.uri, params.position)
        : null,
    ),
  );

  connection.onRenameRequest(
    refusing(connection, 'rename', (params) =>
      documents.get(params.textDocument.uri)
        ? navigation.rename(params.textDocument.uri, params.position, params.newName)
        : null,
    ),
  );

  connection.onDocumentLinks(
    safely(connection, 'documentLinks', [], (params) => {
      const docs = documents.get(params.textDocument.uri) && index.openFacts(params.textDocument.uri);
      return docs ? documentLinks(params.textDocument.uri, docs, settings()) : [];
    }),
  );

  connection.languages.inlayHint.on(
    safely(connection, 'inlayHint', [], async (params) => {
      const document = documents.get(params.textDocument.uri);
      const docs = document && index.openFacts(document.uri);
      if (!document || !docs?.length) return [];
      return inlayHints(
        document.uri,
        document.getText(),
        params.range,
        docs,
        (uri, value) => services.features.moduleResource(uri, value),
        settings().inlayHints,
      );
    }),
  );

  connection.onRequest(
    RESOURCE_TEXT,
    safely(
      connection,
      RESOURCE_TEXT,
      { error: 'internal error' } as ResourceTextResult,
      (params: ResourceTextParams) => (typeof params?.url === 'string' ? remoteText(params.url) : { error: 'no url' }),
    ),
  );

  connection.onDidChangeWatchedFiles((params) => {
    for (const change of params.changes) {
      index.fileChanged(change.uri, change.type === FileChangeType.Deleted);
      // A mapped resource changed on disk: Modules validated against it must see the change.
      const path = change.uri.startsWith('file:') ? fsPathOf(change.uri) : undefined;
      if (path && services.resources.invalidateLocation(path).length) onResourceFileChanged();
    }
  });

  documents.onDidClose((event) => index.forgetOpen(event.document.uri));

  return { index };
}

/** Like safely(), but a refusal reaches the client as an error with its message (VS Code shows it). */
function refusing<P, R>(connection: Connection, name: string, handler: (params: P) => Promise<R> | R) {
  return async (params: P): Promise<R | null | ResponseError<void>> => {
    try {
      return await handler(params);
    } catch (error) {
      if (error instanceof RenameRefused) return new ResponseError(ErrorCodes.InvalidRequest, error.message);
      connection.console.error(
        `forkspacer: ${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
      return null;
    }
  };
}

function fsPathOf(uri: string): string | undefined {
  try {
    return URI.parse(uri).fsPath;
  } catch {
    return undefined;
  }
}
