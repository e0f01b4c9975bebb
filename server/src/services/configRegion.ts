// Whether a position in a Module document lies inside its `spec.config` block (where completion and
// hover use the schema generated from the resource's config items instead of the Module schema).
import { isMap, isScalar, type Document, type Pair } from 'yaml';
import type { Position } from 'vscode-languageserver-types';

/**
 * `text` is the document's own text, `position` in its coordinates. Inside means: on the `config:` line
 * after the colon, or on a later line that is blank or indented deeper than `config:`, before the next
 * key at `config:`'s own indentation or less.
 */
export function isInsideSpecConfig(doc: Document.Parsed, text: string, position: Position): boolean {
  const spec = findPair(doc.contents, 'spec');
  const config = spec && isMap(spec.value) ? findPair(spec.value, 'config') : undefined;
  const keyRange = config && isScalar(config.key) ? config.key.range : undefined;
  if (!keyRange) return false;
  const before = text.slice(0, keyRange[0]);
  const beforeLines = before.split(/\r\n|\r|\n/);
  const keyLine = beforeLines.length - 1;
  if (position.line < keyLine) return false;
  // Only from here on are the document's lines needed (every hover and completion asks: issue 12).
  const lines = text.split(/\r\n|\r|\n/);
  const keyIndent = beforeLines[keyLine]!.length;
  if (position.line === keyLine) {
    const colon = (lines[keyLine] ?? '').indexOf(':', keyIndent);
    return colon !== -1 && position.character > colon;
  }
  for (let line = keyLine + 1; line <= position.line; line++) {
    const lineText = (lines[line] ?? '').replace(/\r$/, '');
    const content = lineText.trimStart();
    if (content === '' || content.startsWith('#')) continue;
    const indent = lineText.length - content.length;
    // The cursor line itself may be partially typed: inside while it is indented deeper than `config:`.
    if (line === position.line) return Math.min(indent, position.character) > keyIndent;
    if (indent <= keyIndent) return false;
  }
  return position.character > keyIndent;
}

function findPair(node: unknown, key: string): Pair | undefined {
  if (!isMap(node)) return undefined;
  return node.items.find((pair) => isScalar(pair.key) && pair.key.value === key) as Pair | undefined;
}
