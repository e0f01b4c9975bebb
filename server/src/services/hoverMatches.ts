// yaml-language-server's hover finds the hovered node's schema with `getMatchingSchemas(schema, node.offset)`: a
// validation of the whole document against its schema, on every hover (about 0.5 ms for a 70-line Module, most of
// a hover's time). The matches of a document do not depend on the hovered node except for which are kept, and
// hover only reads the hovered node's own (yamlHover.js: `s.node === node || node.valueNode === s.node`), so one
// run that keeps them all (`focusOffset -1`) answers every hover of that parse: it is kept per parse, and taken in
// idle time (LanguageFeatures.prepare), so that a hover right after an edit burst runs no validation at all (issue
// 12: the plain yaml-language-server's validator is hot from validating the whole file on every edit, ours is not).
import { SingleYAMLDocument } from 'yaml-language-server/out/server/src/languageservice/parser/yaml-documents';

type GetMatchingSchemas = SingleYAMLDocument['getMatchingSchemas'];
type Matches = ReturnType<GetMatchingSchemas>;

/** Per parse: the schema and root the matches were taken for (a completion may rebuild a document's root). */
const kept = new WeakMap<SingleYAMLDocument, { schema: object; root: unknown; matches: Matches }>();
let enabled = true;
let installed = false;

/** Turns the memo on (default) or off: the tests compare hovers both ways. */
export function keepHoverMatches(on: boolean): void {
  enabled = on;
}

/** Whether a parse has its hover matches kept. */
export function hasHoverMatches(document: SingleYAMLDocument): boolean {
  const known = kept.get(document);
  return known !== undefined && known.root === document.root;
}

/**
 * Wraps SingleYAMLDocument.prototype.getMatchingSchemas once. Only hover's call is served from the memo: a focus
 * offset, no excluded node and not from completion (completion asks with `-1` and its own option, which changes
 * what is validated).
 */
export function installHoverMatches(): void {
  if (installed) return;
  installed = true;
  const prototype = SingleYAMLDocument.prototype;
  const original: GetMatchingSchemas = prototype.getMatchingSchemas;
  prototype.getMatchingSchemas = function (this: SingleYAMLDocument, schema, focusOffset, exclude, fromCompletion) {
    const forHover = enabled && focusOffset !== undefined && focusOffset >= 0 && !exclude && !fromCompletion;
    if (!forHover || typeof schema !== 'object' || schema === null)
      return original.call(this, schema, focusOffset, exclude, fromCompletion);
    const known = kept.get(this);
    if (known?.schema === schema && known.root === this.root) return known.matches;
    const matches = original.call(this, schema, -1, undefined, undefined);
    kept.set(this, { schema, root: this.root, matches });
    return matches;
  };
}
