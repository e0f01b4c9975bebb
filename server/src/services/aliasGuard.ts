// yaml-language-server 1.25 converts each alias by copying its target, and finds that target with a walk of the whole
// document: aliases of nodes holding aliases, or an alias inside the node its anchor marks, cost seconds for a 1.5 kB
// file (found by fuzzing: completion, hover and the outline each took 0.7–0.9 s, several seconds on a busy machine).
// Such a document gets nothing from the library; Kubernetes YAML has no use for alias chains, and our own checks
// (common/src) bound alias expansion themselves.
import { isAlias, isMap, isPair, isScalar, isSeq, parseAllDocuments, type Document, type Node } from 'yaml';

/** Nodes the library would build, counting an alias as a copy of its target; above this, the document is skipped. */
const EXPANSION_LIMIT = 20_000;
/** An alias is `*name` after a space, a flow indicator or the start of a line. */
const ALIAS_TOKEN = /(?:^|[\s[{,])\*[^\s,[\]{}]/m;

const verdicts = new Map<string, boolean>();
const VERDICTS_MAX = 500;

/** True when yaml-language-server would spend too long on the aliases of `text` (one document's text). */
export function aliasesTooCostly(text: string): boolean {
  // indexOf first: the token's pattern tries its alternation at every space, and this runs on every document of a
  // file after each edit (LanguageFeatures.prepare: 1.8 ms an edit at 27,600 lines, by --cpu-prof).
  if (!text.includes('*') || !ALIAS_TOKEN.test(text)) return false;
  const known = verdicts.get(text);
  if (known !== undefined) return known;
  let costly = false;
  try {
    costly = parseAllDocuments(text, { prettyErrors: false, uniqueKeys: false }).some(
      (doc) => expansion(doc) > EXPANSION_LIMIT,
    );
  } catch {
    costly = true;
  }
  if (verdicts.size >= VERDICTS_MAX) verdicts.clear();
  verdicts.set(text, costly);
  return costly;
}

/** How many nodes a full alias expansion builds (stops counting past the limit; a cycle counts as over it). */
function expansion(doc: Document.Parsed): number {
  let count = 0;
  const open = new Set<unknown>();
  const visit = (node: unknown): void => {
    if (count > EXPANSION_LIMIT) return;
    count++;
    if (isAlias(node)) {
      const target = node.resolve(doc);
      if (!target) return;
      if (open.has(target)) {
        count = EXPANSION_LIMIT + 1; // an alias inside its own anchor's node
        return;
      }
      visit(target);
      return;
    }
    if (isMap(node) || isSeq(node)) {
      open.add(node);
      for (const item of node.items as unknown[]) {
        if (isPair(item)) {
          visit(item.key);
          visit(item.value);
        } else visit(item);
      }
      open.delete(node);
    } else if (!isScalar(node as Node) && node !== null && node !== undefined) count++;
  };
  visit(doc.contents);
  return count;
}
