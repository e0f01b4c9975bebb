// yaml-language-server's parse of a document made from the validation's parse of the same text, instead of parsing
// it a second time (issue 12: the first completion or hover on a document paid ~0.6 ms for the `yaml` library's
// parse before yaml-language-server's own AST conversion). Only where the two parses compose the same nodes: see
// syntaxOf in common/src/document.ts.
import { LineCounter, type CST } from 'yaml';
import {
  SingleYAMLDocument,
  YAMLDocument,
} from 'yaml-language-server/out/server/src/languageservice/parser/yaml-documents';
import { syntaxOf } from '../../../common/src/document';

/** What yaml-language-server's parse of `text` would give, from the retained parse; undefined when there is none. */
export function sharedParse(text: string): YAMLDocument | undefined {
  const syntax = syntaxOf(text);
  if (!syntax) return undefined;
  // yaml-language-server's parse gives its parser no line counter when the text's last line is blank (so its
  // documents then carry an empty one): the same here, as positions it computes may read it.
  const lineCounter = lastLineBlank(text) ? new LineCounter() : syntax.lineCounter;
  const headers = documentHeaderComments(syntax.tokens);
  const documents = syntax.documents.map((doc, index) => {
    const single = new SingleYAMLDocument(lineCounter);
    single.documentHeaderComments = headers[index] ?? [];
    single.internalDocument = doc;
    return single;
  });
  return new YAMLDocument(documents, syntax.tokens);
}

/** Whether sharedParse has a parse for this text. */
export function canShareParse(text: string): boolean {
  return syntaxOf(text) !== undefined;
}

function lastLineBlank(text: string): boolean {
  const lastLineStart = Math.max(text.lastIndexOf('\n'), text.lastIndexOf('\r')) + 1;
  return text.slice(lastLineStart).trim().length === 0;
}

/**
 * Per document, the comment lines right above it (and in its own start, before `---`'s content): where
 * yaml-language-server looks for a `# yaml-language-server: $schema=…` modeline. Comments separated from the
 * document by other content, or ended by `...`, are not its header.
 */
export function documentHeaderComments(tokens: readonly CST.Token[]): string[][] {
  const headers: string[][] = [];
  let pending: string[] = [];
  for (const token of tokens) {
    switch (token.type) {
      case 'comment':
        pending.push(token.source);
        break;
      case 'newline':
      case 'space':
      case 'byte-order-mark':
      case 'directive':
        break;
      case 'document':
        headers.push([...pending, ...token.start.filter((t) => t.type === 'comment').map((t) => t.source)]);
        pending = [];
        break;
      default:
        pending = [];
    }
  }
  return headers;
}
