// Splits a YAML stream into its documents by scanning lines, without parsing: cheap enough to run on
// every keystroke of a 28,000-line file, so only the documents whose text changed are parsed again.
// A line starting with `---` followed by a blank or the line end is always a document marker: YAML
// forbids that sequence at column 0 inside any scalar (c-forbidden), so no parse is needed to trust it.
import { lineBreakAt } from '../../../common/src/document';

export interface DocumentSegment {
  /** 0-based position of the document in the file. */
  index: number;
  /** File offsets of the document's text (after its `---` line when that line is bare, else from it). */
  startOffset: number;
  endOffset: number;
  /** 0-based file line of startOffset. */
  startLine: number;
  text: string;
}

const MARKER = /^---(?:[ \t]|\r?$)/;
/** Lines that are not content: blank, comments, directives (%YAML, %TAG) and the `...` end marker. */
const NON_CONTENT = /^(?:[ \t]*(?:#.*)?|%.*|\.\.\.(?:[ \t].*)?)\r?$/;

export function splitYamlDocuments(text: string): DocumentSegment[] {
  return text.includes('\r') ? splitByLines(text) : splitFast(text);
}

/**
 * The same split for a text with only `\n` line breaks (the usual case), without cutting out every line: once a
 * document has content, only a line starting with `---` can end it, so the scan jumps from one `\n---` to the next
 * and counts the line breaks in between (issue 12: this ran on every edit of a 28,000-line file, 8 ms a time).
 */
function splitFast(text: string): DocumentSegment[] {
  const segments: DocumentSegment[] = [];
  let segmentStart = 0;
  let segmentLine = 0;
  let hasContent = false;
  let line = 0;
  let offset = 0;
  for (;;) {
    const br = text.indexOf('\n', offset);
    const lineEnd = br === -1 ? text.length : br;
    if (text.startsWith('---', offset)) {
      const lineText = text.slice(offset, lineEnd);
      if (MARKER.test(lineText)) {
        if (hasContent) {
          segments.push(segment(text, segments.length, segmentStart, offset, segmentLine));
          segmentStart = offset;
          segmentLine = line;
        }
        hasContent = lineText.length > 3 && !NON_CONTENT.test(lineText.slice(3));
      } else if (!hasContent) hasContent = true;
    } else if (!hasContent && !NON_CONTENT.test(text.slice(offset, lineEnd))) {
      hasContent = true;
    }
    if (br === -1) break;
    if (!hasContent) {
      offset = br + 1;
      line++;
      continue;
    }
    // Only a marker line can change anything now: jump to the next line that starts with `---`.
    const next = text.indexOf('\n---', br);
    if (next === -1) break;
    for (let i = br; i !== -1 && i <= next; i = text.indexOf('\n', i + 1)) line++;
    offset = next + 1;
  }
  return finish(text, segments, segmentStart, segmentLine, hasContent);
}

/** The line-by-line split (any line break); also the reference the fast one is tested against. */
export function splitByLines(text: string): DocumentSegment[] {
  const segments: DocumentSegment[] = [];
  let segmentStart = 0;
  let segmentLine = 0;
  let hasContent = false;
  let line = 0;
  let offset = 0;
  while (offset <= text.length) {
    // \r\n, \n and a lone \r end a line (LSP, YAML): line numbers must be the editor's.
    const br = lineBreakAt(text, offset);
    const lineEnd = br ? br.end : text.length;
    const lineText = text.slice(offset, lineEnd);
    if (MARKER.test(lineText)) {
      // A marker after content closes the previous document; before any content (leading comments,
      // directives) it only opens the document those lines belong to.
      if (hasContent) {
        segments.push(segment(text, segments.length, segmentStart, offset, segmentLine));
        segmentStart = offset;
        segmentLine = line;
      }
      hasContent = lineText.length > 3 && !NON_CONTENT.test(lineText.slice(3));
    } else if (!hasContent && !NON_CONTENT.test(lineText)) {
      hasContent = true;
    }
    if (!br) break;
    offset = br.next;
    line++;
  }
  return finish(text, segments, segmentStart, segmentLine, hasContent);
}

function finish(
  text: string,
  segments: DocumentSegment[],
  segmentStart: number,
  segmentLine: number,
  hasContent: boolean,
): DocumentSegment[] {
  if (hasContent || segments.length === 0)
    segments.push(segment(text, segments.length, segmentStart, text.length, segmentLine));
  else {
    // Trailing comments after the last document stay with it.
    const last = segments[segments.length - 1]!;
    segments[segments.length - 1] = segment(text, last.index, last.startOffset, text.length, last.startLine);
  }
  return segments;
}

/** A bare `---` line (nothing but a comment after it). */
const BARE_MARKER = /^---[ \t]*(?:#[^\r\n]*)?(?:\r\n|\r|\n)/;

function segment(
  text: string,
  index: number,
  startOffset: number,
  endOffset: number,
  startLine: number,
): DocumentSegment {
  // A bare marker line is left out, so a document's text (the cache key) is the same whether or not it
  // is the first of its file, and moving documents around re-uses their verdicts.
  const marker = BARE_MARKER.exec(text.slice(startOffset, Math.min(endOffset, startOffset + 200)));
  if (marker) {
    startOffset += marker[0].length;
    startLine += 1;
  }
  return { index, startOffset, endOffset, startLine, text: text.slice(startOffset, endOffset) };
}
