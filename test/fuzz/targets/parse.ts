// Fuzz target: parseYamlFile and the server's document splitter on any bytes. Neither may throw, and both must
// describe the text they were given (offsets inside it, documents in order, segments covering it exactly).
import { parseYamlFile, rangeOf } from '../../../common/src';
import { splitYamlDocuments } from '../../../server/src/services/documentSplitter';
import { check, textOf } from '../harness';

export function fuzz(data: Uint8Array): void {
  const text = textOf(data);
  const file = parseYamlFile(text);
  let previousEnd = 0;
  for (const doc of file.documents) {
    check(
      doc.startOffset >= previousEnd || doc.startOffset === file.documents[doc.index - 1]?.startOffset,
      () => `document ${doc.index} starts before the previous one ends`,
    );
    check(
      doc.endOffset <= text.length && doc.startOffset <= doc.endOffset,
      () => `document ${doc.index} is outside the text`,
    );
    check(doc.text === text.slice(doc.startOffset, doc.endOffset), () => `document ${doc.index} text is not its slice`);
    previousEnd = doc.endOffset;
    const range = rangeOf(doc, ['spec', 'config'], 'key');
    check(range.start.line >= doc.startLine, () => `rangeOf before the document: ${JSON.stringify(range)}`);
  }
  // Segments are in order and are slices of the text (the `---` lines between them belong to none).
  let end = 0;
  for (const s of splitYamlDocuments(text)) {
    check(s.startOffset >= end && text.slice(s.startOffset, s.endOffset) === s.text, () => 'segment offsets');
    end = s.endOffset;
  }
}
