// The client also syncs a plugin's go.mod and .go files (for `plugin check` diagnostics). The YAML handlers
// (validation, completion, hover, navigation, ...) must not see them: this document manager hides them from
// `get`/`all`/`keys`, and the plugin diagnostics read them through `goDocument`.
import { TextDocuments } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';

/** A Go source file or a go.mod, by its URI. */
export function isGoUri(uri: string): boolean {
  const path = uri.split(/[?#]/)[0];
  return /\.go$/i.test(path) || /(^|\/)go\.mod$/.test(path);
}

export class YamlDocuments extends TextDocuments<TextDocument> {
  constructor() {
    super(TextDocument);
  }

  override get(uri: string): TextDocument | undefined {
    return isGoUri(uri) ? undefined : super.get(uri);
  }

  override all(): TextDocument[] {
    return super.all().filter((d) => !isGoUri(d.uri));
  }

  override keys(): string[] {
    return super.keys().filter((uri) => !isGoUri(uri));
  }

  goDocument(uri: string): TextDocument | undefined {
    return isGoUri(uri) ? super.get(uri) : undefined;
  }
}
