// The operator's errors on a Module document, for the Modules view, the CodeLens and Install: the same core and
// audience as the editor's Problems (common/src/validate.ts, `local-host`: a plugin path is a warning there, as the
// local host runs it). Nothing is fetched for this: a `source.httpURL` is read through the URL mappings or left
// unchecked (an information in Problems, no error). Pure: no vscode.
import {
  createResolver,
  validateDocument,
  type ParsedDocument,
  type ResourceResolver,
} from '../../../common/src/index';
import type { CoreSettings } from '../../../common/src/types';

export interface ModuleProblems {
  errors: number;
  /** The first few errors in file order, `line` 0-based in the file. */
  first: { line: number; message: string }[];
}

export const SHOWN_ERRORS = 3;

/** A resolver that never touches the network (mapped folders only), for views that re-validate often. */
export function offlineResolver(settings: CoreSettings, readFile: (path: string) => Promise<string>): ResourceResolver {
  return createResolver({ settings: { ...settings, fetchHttp: false }, readFile });
}

export async function moduleProblems(
  doc: ParsedDocument,
  settings: CoreSettings,
  resolver: ResourceResolver,
): Promise<ModuleProblems> {
  const errors = (await validateDocument(doc, { settings, resolver, audience: 'local-host' }))
    .filter((d) => d.severity === 1)
    .sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  return {
    errors: errors.length,
    first: errors.slice(0, SHOWN_ERRORS).map((d) => ({ line: d.range.start.line, message: d.message })),
  };
}

/** "8 errors" / "1 error". */
export function errorCount(problems: ModuleProblems): string {
  return `${problems.errors} ${problems.errors === 1 ? 'error' : 'errors'}`;
}

/** Markdown lines for a tooltip or a message: the first errors with their lines, and how many more. */
export function describeProblems(problems: ModuleProblems, relPath: string): string[] {
  const lines = problems.first.map((p) => `- ${relPath}:${p.line + 1}: ${p.message}`);
  if (problems.errors > problems.first.length) lines.push(`- … and ${problems.errors - problems.first.length} more`);
  return lines;
}
