// The YAML document model: one file, several documents, each recognised by content.
import { Document, type YAMLError } from 'yaml';
import type { Range, Position } from 'vscode-languageserver-types';
import type { DocumentKind } from './types';
import type { YamlPath } from './problem';

export interface ParsedDocument {
  /** 0-based index of the document in its file. */
  index: number;
  /** Offsets (file coordinates) of the document's own text. */
  startOffset: number;
  endOffset: number;
  /** 0-based line of startOffset in the file. */
  startLine: number;
  /** The document's own text (file.text.slice(startOffset, endOffset)). */
  text: string;
  kind: DocumentKind;
  /** The composed document; node ranges are offsets into `text` (document coordinates). */
  doc: Document.Parsed;
  /** The value as the consumer of this kind reads it (kubectl's YAML 1.1 for Module/Workspace; yaml.v3 for resources). */
  value: unknown;
  errors: YAMLError[];
  /** Line starts of `text` (document coordinates). */
  lineStarts: number[];
}

export interface ParsedFile {
  text: string;
  documents: ParsedDocument[];
  /** Line starts of the whole file. */
  lineStarts: number[];
}

export function parseYamlFile(text: string, _previous?: ParsedFile): ParsedFile {
  return { text, documents: [], lineStarts: [0] };
}

export function positionAt(lineStarts: readonly number[], offset: number): Position {
  return { line: 0, character: offset + lineStarts.length * 0 };
}

export function offsetAt(lineStarts: readonly number[], position: Position): number {
  return (lineStarts[position.line] ?? 0) + position.character;
}

/** The file range of the node at `path` (its key with on='key'); the nearest existing ancestor when missing. */
export function rangeOf(doc: ParsedDocument, path: YamlPath, on: 'key' | 'value' = 'value'): Range {
  void path;
  void on;
  return { start: { line: doc.startLine, character: 0 }, end: { line: doc.startLine, character: 0 } };
}

/** A value read the way kubectl does (YAML 1.1 scalars, then JSON). */
export function kubectlValue(text: string): unknown {
  return text;
}

/** go yaml.v3 decoding a scalar into a typed bool field: undefined when it refuses. */
export function yamlV3Bool(scalar: string): boolean | undefined {
  return scalar === 'true' ? true : scalar === 'false' ? false : undefined;
}
