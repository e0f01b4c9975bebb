// LSP requests → services. Each handler only adapts: find the open document, call the service, and
// answer empty on any failure (see safe.ts).
import type { Connection, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import {
  EFFECTIVE_CONFIG,
  LIST_DOCUMENTS,
  type EffectiveConfigParams,
  type EffectiveConfigResult,
  type ListDocumentsParams,
  type ListDocumentsResult,
} from '../../../common/src/protocol';
import { effectiveConfig, listDocuments } from '../services/documentQueries';
import { fixAllAction, wantsFixAll } from '../services/fixAllAction';
import type { Services } from '../services/createServices';
import { safely } from './safe';

export function registerFeatureHandlers(
  connection: Connection,
  documents: TextDocuments<TextDocument>,
  services: Services,
): void {
  const { features, validation } = services;

  connection.onCompletion(
    safely(connection, 'completion', null, async (params) => {
      const document = documents.get(params.textDocument.uri);
      return document ? features.completion(document.uri, document.getText(), params.position) : null;
    }),
  );

  connection.onHover(
    safely(connection, 'hover', null, async (params) => {
      const document = documents.get(params.textDocument.uri);
      return document ? features.hover(document.uri, document.getText(), params.position) : null;
    }),
  );

  connection.onDocumentSymbol(
    safely(connection, 'documentSymbol', [], (params) => {
      const document = documents.get(params.textDocument.uri);
      return document ? features.symbols(document.uri, document.getText()) : [];
    }),
  );

  connection.onCodeAction(
    safely(connection, 'codeAction', [], async (params) => {
      const document = documents.get(params.textDocument.uri);
      if (!document) return [];
      if (wantsFixAll(params.context.only)) {
        const action = await fixAllAction(services, document.uri, document.getText());
        return action ? [action] : [];
      }
      const ours = params.context.diagnostics.filter((d) => d.source === 'forkspacer');
      return ours.length ? features.codeActions(document.uri, document.getText(), ours) : [];
    }),
  );

  const emptyList: ListDocumentsResult = { documents: [] };
  connection.onRequest(
    LIST_DOCUMENTS,
    safely(connection, LIST_DOCUMENTS, emptyList, async (params: ListDocumentsParams) => {
      const document = documents.get(params.uri);
      return document ? listDocuments(document.uri, document.getText(), validation, features) : emptyList;
    }),
  );

  const notOpen: EffectiveConfigResult = { ok: false, error: 'the document is not open' };
  connection.onRequest(
    EFFECTIVE_CONFIG,
    safely(connection, EFFECTIVE_CONFIG, notOpen, async (params: EffectiveConfigParams) => {
      const document = documents.get(params.uri);
      return document ? effectiveConfig(document.uri, document.getText(), params.index, features) : notOpen;
    }),
  );
}
