// Per-document validation: the operator's verdicts as LSP diagnostics in file coordinates.
import type { Diagnostic } from 'vscode-languageserver-types';
import type { CoreSettings } from './types';
import type { ParsedDocument } from './document';
import type { ResourceResolver } from './resolve';

export interface ValidationContext {
  settings: CoreSettings;
  resolver: ResourceResolver;
  documentUri?: string;
  signal?: AbortSignal;
}

export async function validateDocument(_doc: ParsedDocument, _ctx: ValidationContext): Promise<Diagnostic[]> {
  return [];
}

export async function validateText(_text: string, _ctx: ValidationContext): Promise<Diagnostic[]> {
  return [];
}
