// yaml-language-server's completion and hover use the validation's parse of a document (issue 12,
// server/src/services/sharedParse.ts) instead of parsing it again: the parse made that way must be what the
// library's own parse gives (node for node, offsets, line counter, header comments, tokens), and every hover and
// completion must answer the same with and without it, on the examples and the test fixtures.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parse } from 'yaml-language-server/out/server/src/languageservice/parser/yamlParser07';
import type { ASTNode } from 'yaml-language-server/out/server/src/languageservice/jsonLanguageTypes';
import type { LineCounter } from 'yaml';
import type { YAMLDocument } from 'yaml-language-server/out/server/src/languageservice/parser/yaml-documents';
import { DEFAULT_SETTINGS } from '../../common/src/types';
import { parseYamlFile, syntaxOf } from '../../common/src/document';
import { createServices } from '../../server/src/services/createServices';
import { LanguageFeatures } from '../../server/src/services/languageFeatures';
import { YamlService } from '../../server/src/services/yamlService';
import { sharedParse } from '../../server/src/services/sharedParse';
import { splitYamlDocuments } from '../../server/src/services/documentSplitter';
import { moduleWithResource, VALID_CUSTOM } from './fixtures';
import { exampleAndFixtureFiles } from '../yamlCorpus';

const ROOT = join(__dirname, '..', '..', '..');

/** Files with the shapes that matter here: header comments and modelines, CRLF, no final newline, `...`. */
const EXTRA: Record<string, string> = {
  'header comments': `# yaml-language-server: $schema=https://example.com/s.json\n# second\n${VALID_CUSTOM}`,
  'comment after ---': `---\n# inside the start\n${VALID_CUSTOM}`,
  crlf: moduleWithResource('crlf', '    env: staging\n').replace(/\n/g, '\r\n'),
  'no final newline': moduleWithResource('tail', '    replicas: 3\n').trimEnd(),
  'last line spaces': `${moduleWithResource('spaces', '    replicas: 3\n')}   `,
  'document end': `${VALID_CUSTOM}...\n# after the end\n`,
  'block scalars and flow': `kind: Custom\nmetadata:\n  name: x\n  description: |\n    two\n    lines\n  tags: {a: 1, b: [x, "y"]}\nconfig: []\n`,
};

const CORPUS: [string, string][] = exampleAndFixtureFiles().map(
  (file) => [file.slice(ROOT.length + 1), readFileSync(file, 'utf8')] as [string, string],
);
CORPUS.push(...Object.entries(EXTRA));

/** The library's AST, as plain data: what completion and hover read of it. */
function shape(node: ASTNode | undefined): unknown {
  if (!node) return node;
  const own: Record<string, unknown> = { type: node.type, offset: node.offset, length: node.length };
  if ('value' in node && typeof node.value !== 'object') own.value = node.value;
  if (node.type === 'property') {
    own.key = shape(node.keyNode);
    own.value = shape(node.valueNode);
  } else if (node.children) own.children = node.children.map(shape);
  return own;
}

function describeParse(parsed: YAMLDocument): unknown {
  return {
    tokens: parsed.tokens,
    documents: parsed.documents.map((d) => ({
      root: shape(d.root as ASTNode | undefined),
      lines: (d as unknown as { lineCounter: LineCounter }).lineCounter.lineStarts,
      header: d.documentHeaderComments,
      value: d.internalDocument.toJS(),
      range: d.internalDocument.range,
    })),
  };
}

describe("the validation's parse as yaml-language-server's", () => {
  it('is, for every clean document of the corpus, what the library parses', () => {
    let shared = 0;
    for (const [name, text] of CORPUS) {
      createServices({ settings: DEFAULT_SETTINGS, trusted: false, mode: 'background' }); // the editor's mode
      for (const segment of splitYamlDocuments(text)) {
        parseYamlFile(segment.text);
        const ours = sharedParse(segment.text);
        if (!ours) continue;
        shared++;
        const document = TextDocument.create('file:///x.yaml', 'yaml', 1, segment.text);
        const library = parse(segment.text, { customTags: [], yamlVersion: '1.2' }, document);
        assert.deepEqual(describeParse(ours), describeParse(library), `${name}, document ${segment.index}`);
      }
    }
    assert.ok(shared >= 40, `${shared} documents were shared`);
  });

  it('is not used where the parse has an error, a warning or a duplicate key', () => {
    createServices({ settings: DEFAULT_SETTINGS, trusted: false, mode: 'background' });
    const broken = [
      'kind: Custom\nmetadata: {name: x\n',
      'kind: Custom\nmetadata:\n  name: x\n  name: y\n',
      'kind: Custom\nmetadata: !include other.yaml\n',
      'kind: Custom\n\tmetadata: x\n',
    ];
    for (const text of broken) {
      parseYamlFile(text);
      assert.equal(syntaxOf(text), undefined, text);
    }
    parseYamlFile(VALID_CUSTOM);
    assert.ok(syntaxOf(VALID_CUSTOM));
  });

  it('answers every hover and completion of the corpus as the library’s own parse does', async () => {
    const services = createServices({ settings: DEFAULT_SETTINGS, trusted: false, mode: 'background' });
    const reference = new LanguageFeatures(
      new YamlService({ reuseValidationParses: false }),
      services.resources,
      services.validation,
    );
    const signal = new AbortController().signal;
    let asked = 0;
    for (const [name, text] of CORPUS) {
      const uri = `file:///shared/${encodeURIComponent(name)}`;
      const referenceUri = `file:///reference/${encodeURIComponent(name)}`;
      await services.validation.validateFile(uri, text, signal);
      await services.validation.validateFile(referenceUri, text, signal);
      const lines = text.split(/\r\n|\r|\n/);
      for (let line = 0; line < lines.length; line++) {
        const content = lines[line]!;
        const key = content.search(/\S/);
        const colon = content.indexOf(': ');
        const places = [key, colon + 2, content.length].filter((c) => c >= 0);
        for (const character of new Set(places)) {
          const position = { line, character };
          const [hover, expectedHover] = [
            await services.features.hover(uri, text, position),
            await reference.hover(referenceUri, text, position),
          ];
          assert.deepEqual(hover, expectedHover, `hover ${name} ${line}:${character}`);
          const [completion, expectedCompletion] = [
            await services.features.completion(uri, text, position),
            await reference.completion(referenceUri, text, position),
          ];
          assert.deepEqual(completion, expectedCompletion, `completion ${name} ${line}:${character}`);
          asked++;
        }
      }
    }
    assert.ok(asked > 500, `${asked} places asked`);
  });
});
