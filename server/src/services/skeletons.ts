// Document skeletons (a Custom or Helm resource definition, a Module, a Workspace) as completion items. VS Code's
// static `contributes.snippets` are offered at every position of every YAML file (a whole resource inserted into a
// value after `required: `); served from here they appear only where a document can start: on an empty line at
// column 0 of a document that has no content yet (an empty file, or below a `---`).
import { CompletionItemKind, InsertTextFormat, type CompletionItem, type Position } from 'vscode-languageserver-types';
import type { DocumentSegment } from './documentSplitter';

interface Skeleton {
  label: string;
  /** Shown after the label: what the document is. */
  description: string;
  /** What else the user may type to find it (the names of the old snippet prefixes). */
  alias: string;
  body: string[];
}

const SKELETONS: readonly Skeleton[] = [
  {
    label: 'kind: Custom',
    description: 'resource definition: a Go plugin and its config',
    alias: 'forkspacer-custom',
    body: [
      'kind: Custom',
      'metadata:',
      '  name: ${1:my-plugin}',
      '  version: ${2:1.0.0}',
      '  supportedOperatorVersion: "${3:>= 0.0.0, < 1.0.0}"',
      '  description: "${4:What it installs}"',
      'config:',
      '  - type: ${5|string,integer,float,boolean,option,multiple-options|}',
      '    name: ${6:Display name}',
      '    alias: ${7:key}',
      '    spec:',
      '      required: ${8|false,true|}',
      '      editable: true',
      'spec:',
      '  repo:',
      '    file: ${9:https://example.com/plugins/my-plugin/plugin.so}',
      '$0',
    ],
  },
  {
    label: 'kind: Helm',
    description: 'resource definition: a Helm chart, values from its config',
    alias: 'forkspacer-helm',
    body: [
      'kind: Helm',
      'metadata:',
      '  name: ${1:my-chart}',
      '  version: ${2:1.0.0}',
      '  supportedOperatorVersion: "${3:>= 0.0.0, < 1.0.0}"',
      'config:',
      '  - type: integer',
      '    name: Replicas',
      '    alias: ${4:replicas}',
      '    spec:',
      '      required: false',
      '      default: 1',
      '      min: 1',
      '      max: 5',
      '      editable: true',
      'spec:',
      '  namespace: ${5:default}',
      '  repo: ${6:https://charts.bitnami.com/bitnami}',
      '  chartName: ${7:redis}',
      '  version: ${8:18.0.0}',
      '  values:',
      '    - raw:',
      '        replicaCount: "{{ .config.${4:replicas} }}"',
      '  cleanup:',
      '    removeNamespace: false',
      '    removePVCs: true',
      '$0',
    ],
  },
  {
    label: 'kind: Module',
    description: 'apiVersion: batch.forkspacer.com/v1, installs a resource into a workspace',
    alias: 'apiVersion forkspacer-module',
    body: [
      'apiVersion: batch.forkspacer.com/v1',
      'kind: Module',
      'metadata:',
      '  name: ${1:my-module}',
      'spec:',
      '  workspace:',
      '    name: ${2:dev-workspace}',
      '  source:',
      '    httpURL: ${3:https://example.com/resources/my-plugin.yaml}',
      '  config:',
      '    ${4:key}: ${5:value}',
      '$0',
    ],
  },
  {
    label: 'kind: Workspace',
    description: 'apiVersion: batch.forkspacer.com/v1, a forkable, hibernating environment',
    alias: 'apiVersion forkspacer-workspace',
    body: [
      'apiVersion: batch.forkspacer.com/v1',
      'kind: Workspace',
      'metadata:',
      '  name: ${1:dev-workspace}',
      'spec:',
      '  type: kubernetes',
      '  hibernated: false',
      '  connection:',
      '    type: ${2|local,in-cluster,kubeconfig|}',
      '  autoHibernation:',
      '    enabled: ${3|false,true|}',
      '    schedule: "${4:0 20 * * 1-5}"',
      '    wakeSchedule: "${5:0 8 * * 1-5}"',
      '$0',
    ],
  },
];

/** A `---` document marker line (YAML forbids it at column 0 inside a scalar). */
const MARKER = /^---(?:[ \t]|\r?$)/;
/** Lines that are not content: blank, comments, directives and the `...` end marker. */
const NON_CONTENT = /^(?:[ \t]*(?:#.*)?|%.*|\.\.\.(?:[ \t].*)?)\r?$/;
/** What may stand before the cursor while the user starts a document: a word typed at column 0 (`kind: C`). */
const STARTED_WORD = /^(?:[A-Za-z][\w.:/ -]*)?$/;

/**
 * Whether `position` is where a new document starts: column 0 (or a word typed from column 0), nothing after the
 * cursor, and no content in the rest of the document (between the `---` markers around it).
 */
/**
 * atDocumentStart on the lines of the document under the cursor only (`segment`, from splitYamlDocuments): the
 * check stops at marker lines, which are the segments' bounds, so the whole file is split into lines only when the
 * position is in no segment (issue 12: completion split a 28,000-line file on every request).
 */
export function atDocumentStartInSegment(
  text: string,
  segment: DocumentSegment | undefined,
  position: Position,
): boolean {
  // A lone \r breaks a line for the splitter, not for this check: such a file is looked at whole.
  const lines = segment && !text.includes('\r') ? segment.text.split('\n') : undefined;
  // The empty string after a segment's last line break is the next segment's marker line, unless at the file end.
  if (segment && lines && segment.endOffset < text.length && segment.text.endsWith('\n')) lines.pop();
  if (!segment || !lines || position.line < segment.startLine || position.line - segment.startLine >= lines.length)
    return atDocumentStart(text.split('\n'), position);
  return atDocumentStart(lines, { line: position.line - segment.startLine, character: position.character });
}

export function atDocumentStart(lines: readonly string[], position: Position): boolean {
  const line = lines[position.line];
  if (line === undefined) return lines.length === 0 && position.line === 0;
  if (!STARTED_WORD.test(line.slice(0, position.character))) return false;
  if (line.slice(position.character).trim() !== '') return false;
  if (MARKER.test(line)) return false;
  for (let i = position.line - 1; i >= 0 && !MARKER.test(lines[i]!); i--)
    if (!NON_CONTENT.test(lines[i]!)) return false;
  for (let i = position.line + 1; i < lines.length && !MARKER.test(lines[i]!); i++)
    if (!NON_CONTENT.test(lines[i]!)) return false;
  return true;
}

/** The skeletons, each replacing what was typed on the line (so `kind: C` filters to `kind: Custom`). */
export function skeletonCompletions(position: Position): CompletionItem[] {
  const range = { start: { line: position.line, character: 0 }, end: position };
  return SKELETONS.map((s, i) => {
    const body = s.body.join('\n');
    return {
      label: s.label,
      labelDetails: { description: s.description },
      kind: CompletionItemKind.Snippet,
      detail: `Forkspacer ${s.label.replace('kind: ', '')} document`,
      documentation: { kind: 'markdown', value: '```yaml\n' + snippetPreview(body) + '\n```' },
      filterText: `${s.label} ${s.alias}`,
      sortText: `0${i}`,
      insertTextFormat: InsertTextFormat.Snippet,
      textEdit: { range, newText: body },
    };
  });
}

/** The text a snippet inserts with its defaults (`${1:name}` → `name`, `${2|a,b|}` → `a`). */
function snippetPreview(body: string): string {
  return body
    .replace(/\$\{\d+\|([^,|]*)[^}]*\}/g, '$1')
    .replace(/\$\{\d+:([^}]*)\}/g, '$1')
    .replace(/\$\d+/g, '')
    .trimEnd();
}
