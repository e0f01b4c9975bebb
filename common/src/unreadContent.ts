// Content the `yaml` library parses but its composer drops without an error: in a block mapping, an explicit key
// (`? key`) followed by a value that no `:` introduces, e.g. a less indented `- item` after the key's own lines.
// The library's CST keeps that value on the key's item, and resolve-block-map ignores it when the item has no
// map-value indicator (yaml 2.9.1), so the document reads as if those lines were not there. go-yaml (kubectl's
// sigs.k8s.io/yaml, and the operator's yaml.v3) refuses the file: "did not find expected key" (found by fuzzing:
// a quick fix that removed a later line changed what the dropped lines swallowed).
import type { CST } from 'yaml';

/** Each value the composer would drop: [start, end of its first line) in `text`, which the tokens were parsed from. */
export function unreadContent(tokens: readonly CST.Token[], text: string): [number, number][] {
  const found: [number, number][] = [];
  const visit = (token: CST.Token | undefined): void => {
    if (!token) return;
    switch (token.type) {
      case 'document':
        visit(token.value);
        return;
      case 'block-seq':
        for (const item of token.items) visit(item.value);
        return;
      case 'flow-collection':
        for (const item of token.items) {
          visit(item.key ?? undefined);
          visit(item.value);
        }
        return;
      case 'block-map':
        for (const item of token.items) {
          visit(item.key ?? undefined);
          const explicit = item.start.some((t) => t.type === 'explicit-key-ind');
          const introduced = item.sep?.some((t) => t.type === 'map-value-ind') ?? false;
          if (explicit && item.value && !introduced) found.push(firstLine(text, item.value.offset));
          else visit(item.value);
        }
        return;
      default:
        return;
    }
  };
  for (const token of tokens) visit(token);
  return found;
}

/** The line from `start`: enough to point at, without underlining the many lines a dropped value spans. */
function firstLine(text: string, start: number): [number, number] {
  const end = text.indexOf('\n', start);
  return [start, Math.max(start + 1, end === -1 ? text.length : end)];
}
