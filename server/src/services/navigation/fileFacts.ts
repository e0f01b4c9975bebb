// The navigation facts of a whole file, one YAML document at a time (the server's splitter, no full parse).
// An open document reuses the core's parse of each document (cached by validation); a file read from disk for
// the workspace index is parsed here, only the documents that look like Forkspacer's, and nothing is kept but
// the facts.
import { parseDocument } from 'yaml';
import { computeLineStarts, parseYamlFile, positionAt } from '../../../../common/src';
import { detectKind } from '../../../../common/src/document';
import { splitYamlDocuments } from '../documentSplitter';
import { documentFacts, type DocumentFacts, type ToRange } from './facts';

/** A top-level `kind:` of a resource definition or a Module: documents without one are never parsed here. */
const FORKSPACER_KIND = /^kind:[ \t]*["']?(?:Custom|Helm|Module)\b/m;

export function mayHoldForkspacer(text: string): boolean {
  return FORKSPACER_KIND.test(text);
}

/** Facts of an open document's text (parses come from the core's per-document cache). */
export function openFileFacts(text: string): DocumentFacts[] {
  const out: DocumentFacts[] = [];
  for (const segment of splitYamlDocuments(text)) {
    if (!mayHoldForkspacer(segment.text)) continue;
    const doc = parseYamlFile(segment.text).documents.find((d) => d.kind !== 'other');
    if (!doc) continue;
    const toRange = rangeMapper(doc.lineStarts, segment.startLine + doc.startLine);
    const facts = documentFacts(doc.doc, doc.text, doc.kind, segment.index, toRange);
    if (facts) out.push(facts);
  }
  return out;
}

/** Facts of a file read from disk: parsed here and dropped, so the core's parse cache stays the editor's. */
export function diskFileFacts(text: string): DocumentFacts[] {
  const out: DocumentFacts[] = [];
  if (!mayHoldForkspacer(text)) return out;
  for (const segment of splitYamlDocuments(text)) {
    if (!mayHoldForkspacer(segment.text)) continue;
    let doc;
    try {
      doc = parseDocument(segment.text, { prettyErrors: false, keepSourceTokens: false, uniqueKeys: false });
    } catch {
      continue;
    }
    const kind = detectKind(doc, segment.text);
    if (kind === 'other') continue;
    const facts = documentFacts(
      doc,
      segment.text,
      kind,
      segment.index,
      rangeMapper(computeLineStarts(segment.text), segment.startLine),
    );
    if (facts) out.push(facts);
  }
  return out;
}

function rangeMapper(lineStarts: number[], lineOffset: number): ToRange {
  return (start, end) => {
    const s = positionAt(lineStarts, start);
    const e = positionAt(lineStarts, Math.max(start, end));
    return {
      start: { line: s.line + lineOffset, character: s.character },
      end: { line: e.line + lineOffset, character: e.character },
    };
  };
}
