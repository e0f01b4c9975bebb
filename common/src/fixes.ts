// Quick fixes for the core's diagnostics: LSP CodeActions whose WorkspaceEdits touch only the offending text.
// Each fix reads what it needs from the diagnostic's `data` (path, alias, values, text as written).
import { CodeActionKind, type CodeAction, type Diagnostic, type TextEdit } from 'vscode-languageserver-types';
import { isMap, isPair, isScalar, type Node, type Scalar } from 'yaml';
import {
  documentRange,
  lineBreakAt,
  nodeAt,
  parseYamlFile,
  positionAt,
  type ParsedDocument,
  type ParsedFile,
} from './document';
import { resolvePlain } from './goYaml';
import type { YamlPath } from './problem';

interface FixData {
  path?: YamlPath;
  alias?: string;
  type?: string;
  default?: unknown;
  hasDefault?: boolean;
  values?: string[];
  text?: string;
  value?: boolean;
  ignored?: string;
  isKey?: boolean;
  documentIndex?: number;
  min?: number;
  regex?: string;
  /** The Go type a yaml.v3 type error expected (`bool`, `int`, `float64`). */
  goType?: string;
  editable?: boolean;
  required?: boolean;
  /** A value the operator's validator accepts for a missing required key (config.ts suggestedValue). */
  suggestion?: unknown;
  noValidValue?: boolean;
  /** A yes/no given to a boolean config item (validate.ts markBooleanValues): never quoted. */
  booleanItem?: boolean;
}

/** A YAML scalar for a string, quoted only when kubectl would read it as something else. */
export function yamlString(s: string): string {
  const plain = resolvePlain(s, 'kubectl');
  const safe =
    plain.tag === '!!str' &&
    /^[A-Za-z0-9_./][A-Za-z0-9_./ -]*$/.test(s) &&
    !/\s$/.test(s) &&
    !s.includes(': ') &&
    !s.includes(' #');
  return safe ? s : JSON.stringify(s);
}

/** A YAML value in flow style, safe on one line. */
export function yamlFlow(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return yamlString(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `[${v.map(yamlFlow).join(', ')}]`;
  return `{ ${Object.entries(v as Record<string, unknown>)
    .map(([k, x]) => `${yamlString(k)}: ${yamlFlow(x)}`)
    .join(', ')} }`;
}

/** The value to write for a missing config key: its default, else a typed placeholder. */
export function placeholder(data: FixData): string {
  if (data.suggestion !== undefined) return yamlFlow(data.suggestion);
  if (data.hasDefault && data.default !== undefined) return yamlFlow(data.default);
  switch (data.type) {
    case 'integer':
    case 'float':
      return String(data.min ?? 0);
    case 'boolean':
      return 'false';
    case 'option':
      return data.values?.length ? yamlString(data.values[0]) : '""';
    case 'multiple-options':
      return '[]';
    default:
      return '""';
  }
}

/** The text a snippet inserts for `text` as its first placeholder (`$`, `}` and `\` escaped). */
function snippetPlaceholder(text: string): string {
  return `\${1:${text.replace(/[$}\\]/g, '\\$&')}}`;
}

function findDocument(file: ParsedFile, d: Diagnostic): ParsedDocument | undefined {
  const data = (d.data ?? {}) as FixData;
  const line = d.range.start.line;
  const byLine = file.documents.filter((doc) => line >= doc.startLine && line < doc.startLine + doc.lineStarts.length);
  if (byLine.length === 1) return byLine[0];
  return byLine.find((doc) => doc.index === data.documentIndex) ?? byLine[0];
}

/** Offset just past the end of the line holding `offset` (document coordinates). */
function lineEnd(doc: ParsedDocument, offset: number): number {
  const text = doc.text;
  if (offset > 0 && (text[offset - 1] === '\n' || (text[offset - 1] === '\r' && text[offset] !== '\n'))) return offset;
  const br = lineBreakAt(text, offset);
  if (!br) return text.length;
  // A lone CR inside a comment does not end it for the `yaml` library (only \n and \r\n do): what follows is still
  // comment, and an edit that stopped at the CR would turn it into YAML (found by fuzzing: a removed key's line
  // left the rest of its comment as a new key). The line, as the library reads it, goes on to the next \n.
  if (text[br.end] === '\r' && br.next === br.end + 1) {
    const hash = text.indexOf('#', offset);
    const before = hash > 0 ? text[hash - 1] : ' ';
    const comment = hash !== -1 && hash < br.end && (before === ' ' || before === '\t' || before === '\n');
    if (comment && text.slice(offset, hash).trim() === '') {
      const lf = text.indexOf('\n', br.end);
      return lf === -1 ? text.length : lf + 1;
    }
  }
  return br.next;
}

function lineStartOf(doc: ParsedDocument, offset: number): number {
  const p = positionAt(doc.lineStarts, offset);
  return doc.lineStarts[p.line];
}

/** The pair at `path` in its parent map. */
function pairAt(doc: ParsedDocument, path: YamlPath): { key: Node; value: Node | null } | undefined {
  const parent = nodeAt(doc.doc, path.slice(0, -1)).node;
  if (!isMap(parent)) return undefined;
  const last = String(path[path.length - 1]);
  // The last of a repeated key, as nodeAt (kubectl keeps the last).
  const pair = parent.items.findLast((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === last);
  return pair ? { key: pair.key as Node, value: (pair.value as Node | null) ?? null } : undefined;
}

/**
 * Edits removing the whole line(s) of the map entry at `path`, and of every earlier entry of the same key: kubectl
 * keeps a repeated key's last value, so removing only that one would bring the one before it back (found by
 * fuzzing: "Remove 'x'" left `x` in place).
 */
function removePairEdits(doc: ParsedDocument, path: YamlPath): TextEdit[] | undefined {
  const parent = nodeAt(doc.doc, path.slice(0, -1)).node;
  if (!isMap(parent) || parent.flow) return undefined;
  const last = String(path[path.length - 1]);
  const edits: TextEdit[] = [];
  for (const pair of parent.items) {
    if (!isPair(pair) || !isScalar(pair.key) || String(pair.key.value) !== last) continue;
    const key = pair.key as Node;
    const keyStart = key.range?.[0];
    if (keyStart === undefined) return undefined;
    const end = (pair.value as Node | null)?.range?.[1] ?? key.range?.[1] ?? keyStart;
    const start = lineStartOf(doc, keyStart);
    // Only whole lines: the key must be the first thing on its line (not `- key: v` inside a sequence item).
    if (doc.text.slice(start, keyStart).trim() !== '') return undefined;
    edits.push({ range: documentRange(doc, start, lineEnd(doc, end)), newText: '' });
  }
  return edits.length ? edits : undefined;
}

/** Edit inserting `key: value` as the last entry of the block map at `path`. */
function insertIntoMapEdit(doc: ParsedDocument, path: YamlPath, key: string, value: string): TextEdit | undefined {
  const node = nodeAt(doc.doc, path).node;
  if (isMap(node) && !node.flow && node.items.length > 0) {
    const firstKey = (node.items[0].key as Node | null)?.range?.[0];
    const lastPair = node.items[node.items.length - 1];
    const end = (lastPair.value as Node | null)?.range?.[1] ?? (lastPair.key as Node | null)?.range?.[1];
    if (firstKey === undefined || end === undefined) return undefined;
    const indent = positionAt(doc.lineStarts, firstKey).character;
    const at = lineEnd(doc, end);
    const needsNewline = at === doc.text.length && !doc.text.endsWith('\n');
    return {
      range: documentRange(doc, at, at),
      newText: `${needsNewline ? '\n' : ''}${' '.repeat(indent)}${key}: ${value}\n`,
    };
  }
  // `key:` with no value yet: the entry goes on the next line, indented under the key.
  const pair = path.length ? pairAt(doc, path) : undefined;
  if (pair && (pair.value === null || (isScalar(pair.value) && pair.value.value === null))) {
    const keyStart = pair.key.range?.[0];
    if (keyStart === undefined) return undefined;
    const indent = positionAt(doc.lineStarts, keyStart).character + 2;
    const at = lineEnd(doc, pair.key.range?.[1] ?? keyStart);
    const needsNewline = at === doc.text.length && !doc.text.endsWith('\n');
    const replaceFrom = pair.value?.range?.[0] ?? at;
    void replaceFrom;
    return {
      range: documentRange(doc, at, at),
      newText: `${needsNewline ? '\n' : ''}${' '.repeat(indent)}${key}: ${value}\n`,
    };
  }
  return undefined;
}

function action(title: string, uri: string, diagnostic: Diagnostic, edits: TextEdit[], preferred = false): CodeAction {
  return {
    title,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    edit: { changes: { [uri]: edits } },
    ...(preferred ? { isPreferred: true } : {}),
  };
}

/** Quote the scalar the diagnostic sits on, keeping the text written (`1.10` → `"1.10"`, `yes` → `"yes"`). */
function quoteAction(text: string, uri: string, diagnostic: Diagnostic, preferred = false): CodeAction {
  return action(
    `Quote '${text}' as the string "${text}"`,
    uri,
    diagnostic,
    [{ range: diagnostic.range, newText: JSON.stringify(text) }],
    preferred,
  );
}

function missingConfigKeyEdit(doc: ParsedDocument, data: FixData): TextEdit | undefined {
  if (!data.alias) return undefined;
  const value = placeholder(data);
  const config = nodeAt(doc.doc, ['spec', 'config']);
  if (config.depth === 2) return insertIntoMapEdit(doc, ['spec', 'config'], yamlString(data.alias), value);
  // No spec.config yet: add it under spec.
  const spec = nodeAt(doc.doc, ['spec']).node;
  if (!isMap(spec) || spec.flow || spec.items.length === 0) return undefined;
  const firstKey = (spec.items[0].key as Node | null)?.range?.[0];
  if (firstKey === undefined) return undefined;
  const indent = positionAt(doc.lineStarts, firstKey).character;
  const edit = insertIntoMapEdit(doc, ['spec'], 'config', '');
  if (!edit) return undefined;
  edit.newText = edit.newText.replace(
    /config: \n$/,
    `config:\n${' '.repeat(indent + 2)}${yamlString(data.alias)}: ${value}\n`,
  );
  return edit;
}

/**
 * The edit that replaces a scalar's value by `text`, over an explicit tag written before it (`!!str true`): the
 * value alone would keep the tag, and the tag keeps the type. An anchor stays (`!!str &a true` → `&a true`).
 */
function replaceScalar(doc: ParsedDocument, node: Scalar, text: string): TextEdit {
  const [start, end] = node.range!;
  // An empty scalar starts right after its tag (`editable: !!foo`): no space between them.
  const tagged = node.tag ? /(!\S*)((?:\s+&\S+)?\s*)$/.exec(doc.text.slice(Math.max(0, start - 1024), start)) : null;
  const from = tagged ? start - tagged[0].length : start;
  // An empty value starts right after its `:` or its anchor; the text needs a space there or it joins them
  // (`editable:true`, `&a"en"`: found by fuzzing).
  const before = doc.text[from - 1] ?? ' ';
  const space = !/\s/.test(before) && (start === end || before === ':') ? ' ' : '';
  // An empty value may end right at a comment (`editable: #note`): a `#` only starts one after a space.
  const trail = start === end && doc.text[end] === '#' ? ' ' : '';
  return {
    range: documentRange(doc, from, end),
    newText: space + (tagged ? tagged[2]!.replace(/^\s+/, '') + text : text) + trail,
  };
}

/** The value at `path` replaced by `text` (its tag replaced too, an anchor kept); the diagnostic's range otherwise. */
function replaceValue(doc: ParsedDocument, path: YamlPath, d: Diagnostic, text: string): TextEdit {
  const node = nodeAt(doc.doc, path).node;
  return isScalar(node) && node.range ? replaceScalar(doc, node, text) : { range: d.range, newText: text };
}

/**
 * A quoted scalar that reads as the wanted type once unquoted (`replicas: "3"` for an integer, `"true"` for a
 * boolean): the fix removes the quotes. `tags` are the yaml tags accepted, `|`-separated.
 */
function unquoteFix(doc: ParsedDocument, path: YamlPath, tags: string, uri: string, d: Diagnostic): CodeAction[] {
  const node = nodeAt(doc.doc, path).node;
  if (!isScalar(node) || (node.type !== 'QUOTE_DOUBLE' && node.type !== 'QUOTE_SINGLE') || !node.range) return [];
  if (typeof node.value !== 'string' || !tags.split('|').includes(resolvePlain(node.value, 'kubectl').tag)) return [];
  const written = doc.text.slice(node.range[0], node.range[1]);
  return [action(`Unquote ${written} as ${node.value}`, uri, d, [replaceScalar(doc, node, node.value)], true)];
}

/** yaml.v3 could not read a value into a typed field: `required: env` gets `true` and `false`, `min: "2"` loses its quotes. */
function typedValueFixes(
  doc: ParsedDocument,
  path: YamlPath,
  goType: string | undefined,
  uri: string,
  d: Diagnostic,
): CodeAction[] {
  const node = nodeAt(doc.doc, path).node;
  if (!isScalar(node) || !node.range) return [];
  if (goType === 'bool')
    return ['true', 'false'].map((v) => action(`Replace with ${v}`, uri, d, [replaceScalar(doc, node, v)]));
  if (goType === 'int') return unquoteFix(doc, path, '!!int', uri, d);
  if (goType === 'float64') return unquoteFix(doc, path, '!!int|!!float', uri, d);
  return [];
}

/** Code actions for the diagnostics (ours only) of one file. */
export function quickFixes(text: string, uri: string, diagnostics: Diagnostic[]): CodeAction[] {
  const ours = diagnostics.filter((d) => d.source === 'forkspacer');
  if (!ours.length) return [];
  const file = parseYamlFile(text);
  const actions: CodeAction[] = [];
  for (const d of ours) {
    const doc = findDocument(file, d);
    if (!doc) continue;
    const data = (d.data ?? {}) as FixData;
    const path = data.path ?? [];
    try {
      switch (d.code) {
        case 'config-required-missing': {
          // A required item that is not editable refuses every Module: adding the key trades this error for
          // 'not editable' (operator: ValidateUserInput checks required, then editable); the resource needs the fix.
          if (data.editable === false) break;
          // No value passes the item's own checks (an option without values, a regex no placeholder matches):
          // adding one would trade this error for another.
          if (data.noValidValue) break;
          const edit = missingConfigKeyEdit(doc, data);
          if (!edit) break;
          const value = placeholder(data);
          const add = action(
            `Add '${data.alias}: ${value}'${data.hasDefault && (data.suggestion === undefined || data.suggestion === data.default) ? ' (its default)' : ''}`,
            uri,
            d,
            [edit],
            true,
          );
          // The value is a stand-in to fill in: an editor that can insert snippets selects it (client middleware).
          const at = edit.newText.lastIndexOf(value);
          add.data = {
            snippet: edit.newText.slice(0, at) + snippetPlaceholder(value) + edit.newText.slice(at + value.length),
          };
          actions.push(add);
          break;
        }
        case 'config-spec-invalid':
          actions.push(...typedValueFixes(doc, path, data.goType, uri, d));
          break;
        case 'yaml-float-version':
          if (data.text) actions.push(quoteAction(data.text, uri, d, true));
          break;
        case 'config-type-mismatch':
          if (
            data.text &&
            // Quoting makes a string, never the list a multiple-options item needs.
            (data.type === 'string' || data.type === 'option') &&
            resolvePlain(data.text, 'kubectl').tag !== '!!str'
          ) {
            actions.push(quoteAction(data.text, uri, d, true));
          }
          if (
            data.type === 'boolean' &&
            data.text &&
            ['true', 'false'].includes(data.text.replace(/^["']|["']$/g, '').toLowerCase())
          ) {
            actions.push(
              action(
                `Replace with ${data.text.replace(/^["']|["']$/g, '').toLowerCase()}`,
                uri,
                d,
                [replaceValue(doc, path, d, data.text.replace(/^["']|["']$/g, '').toLowerCase())],
                true,
              ),
            );
          }
          if (data.type === 'option' && data.values?.length)
            for (const v of data.values)
              actions.push(action(`Replace with '${v}'`, uri, d, [replaceValue(doc, path, d, yamlString(v))]));
          if (data.type === 'integer' || data.type === 'float' || data.type === 'boolean')
            actions.push(...unquoteFix(doc, path, data.type === 'boolean' ? '!!bool' : '!!int|!!float', uri, d));
          break;
        case 'config-option-invalid':
          for (const v of data.values ?? [])
            actions.push(action(`Replace with '${v}'`, uri, d, [replaceValue(doc, path, d, yamlString(v))]));
          break;
        case 'config-unknown-field':
        case 'config-not-editable': {
          // Removing a required item's value only trades 'not editable' for 'required but missing' (see above).
          if (d.code === 'config-not-editable' && data.required) break;
          const edits = removePairEdits(doc, path);
          if (edits)
            actions.push(
              action(
                `Remove '${data.alias ?? path[path.length - 1]}' from spec.config`,
                uri,
                d,
                edits,
                d.code === 'config-unknown-field',
              ),
            );
          break;
        }
        case 'module-source-multiple': {
          const edits = removePairEdits(doc, path);
          if (edits) actions.push(action(`Remove the ignored source '${data.ignored}'`, uri, d, edits));
          break;
        }
        case 'config-editable-omitted': {
          // path is the item's spec (editable omitted) or its `editable: false`.
          const last = path[path.length - 1];
          if (last === 'editable') {
            const node = nodeAt(doc.doc, path).node;
            if (node?.range)
              actions.push(
                action(
                  'Set editable: true',
                  uri,
                  d,
                  [{ range: documentRange(doc, node.range[0], node.range[1]), newText: 'true' }],
                  true,
                ),
              );
          } else {
            // An `editable` the operator reads as absent (`editable: !!foo`, an empty value with a tag) is replaced:
            // adding a second key would be a repeat that yaml.v3 refuses (found by fuzzing).
            const present = nodeAt(doc.doc, [...path, 'editable']);
            if (present.depth === path.length + 1) {
              if (isScalar(present.node) && present.node.range)
                actions.push(action('Set editable: true', uri, d, [replaceScalar(doc, present.node, 'true')], true));
            } else {
              const edit = insertIntoMapEdit(doc, path, 'editable', 'true');
              if (edit) actions.push(action('Add editable: true', uri, d, [edit], true));
            }
          }
          break;
        }
        case 'config-required-with-default': {
          const specPath = path.slice(0, -1);
          const required = nodeAt(doc.doc, [...specPath, 'required']).node;
          if (required?.range)
            actions.push(
              action('Set required: false (so the default applies)', uri, d, [
                { range: documentRange(doc, required.range[0], required.range[1]), newText: 'false' },
              ]),
            );
          break;
        }
        case 'yaml11-boolean':
          if (data.text !== undefined && data.value !== undefined) {
            if (!data.isKey)
              actions.push(
                action(
                  `Replace '${data.text}' with ${data.value}`,
                  uri,
                  d,
                  [{ range: d.range, newText: String(data.value) }],
                  true,
                ),
              );
            if (!data.booleanItem) actions.push(quoteAction(data.text, uri, d));
          }
          break;
      }
    } catch {
      // A fix that cannot be computed is simply not offered.
    }
  }
  // The same edit offered for two diagnostics on one value (an error and its YAML-trap warning) appears once.
  const seen = new Set<string>();
  return actions.filter((a) => {
    const key = a.title + JSON.stringify(a.edit);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
