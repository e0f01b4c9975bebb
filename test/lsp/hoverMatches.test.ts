// Hover's schema matches kept per parse (server/src/services/hoverMatches.ts): the same answers as the library's own
// per-hover matching, at every position of the examples; taken in idle time; a new parse gets new ones.
import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { normaliseSettings } from '../../common/src/settings';
import { createServices } from '../../server/src/services/createServices';
import { hasHoverMatches, keepHoverMatches } from '../../server/src/services/hoverMatches';
import { yamlDocumentsCache } from 'yaml-language-server/out/server/src/languageservice/parser/yaml-documents';
import type { SingleYAMLDocument } from 'yaml-language-server/out/server/src/languageservice/parser/yaml-documents';
import { VALID_CUSTOM, VALID_MODULE, lineOf } from './fixtures';
import { exampleAndFixtureFiles } from '../yamlCorpus';

const settings = normaliseSettings(undefined);
const ROOT = join(__dirname, '..', '..', '..');
/** yaml-language-server's parse cache (a private field, read as the service reads it). */
const parses = () =>
  (yamlDocumentsCache as unknown as { cache: Map<string, { document?: { documents: SingleYAMLDocument[] } }> }).cache;
const parsesOf = (uri: string) =>
  [...parses().entries()].filter(([k]) => k.includes(encodeURIComponent(uri))).map(([, v]) => v.document!);

/** The examples and the test fixtures (valid and invalid: a mismatch takes other branches of the schema). */
const texts: [string, string][] = [
  ...exampleAndFixtureFiles().map((file): [string, string] => [
    file.slice(ROOT.length + 1),
    readFileSync(file, 'utf8'),
  ]),
  ['VALID_MODULE', VALID_MODULE],
  ['VALID_CUSTOM', VALID_CUSTOM],
];

describe('hover matches kept per parse', () => {
  after(() => keepHoverMatches(true));

  it('answers every hover of the examples as the library does without them', async () => {
    let compared = 0;
    let found = 0;
    for (const [name, text] of texts) {
      const lines = text.split('\n');
      const positions = lines.flatMap((line, l) =>
        [...new Set([0, line.search(/\S/), line.indexOf(':') + 2, line.length - 1])]
          .filter((c) => c >= 0 && c <= line.length)
          .map((character) => ({ line: l, character })),
      );
      // Two services and two URIs: yaml-language-server's parse cache is one per process, keyed by URI.
      keepHoverMatches(true);
      const kept = createServices({ settings, trusted: false, mode: 'await' });
      const keptAnswers = [];
      for (const position of positions)
        keptAnswers.push(await kept.features.hover(`file:///kept/${encodeURIComponent(name)}`, text, position));
      keepHoverMatches(false);
      const plain = createServices({ settings, trusted: false, mode: 'await' });
      for (const [i, position] of positions.entries()) {
        const expected = await plain.features.hover(`file:///plain/${encodeURIComponent(name)}`, text, position);
        assert.deepEqual(keptAnswers[i], expected, `${name} ${position.line}:${position.character}`);
        compared++;
        if (expected) found++;
      }
    }
    console.log(`${texts.length} files, ${compared} positions, ${found} with a hover`);
    assert.ok(compared > 1000 && found > 400, `${compared} positions, ${found} with a hover`);
  });

  it('are taken in idle time for every Forkspacer document, and again for an edited one', async () => {
    keepHoverMatches(true);
    const services = createServices({ settings, trusted: false, mode: 'await' });
    const uri = 'file:///kept/idle.yaml';
    const text = `${VALID_MODULE}---\n${VALID_CUSTOM}`;
    await services.validation.validateFile(uri, text);
    await services.features.prepare(uri, text, new AbortController().signal);
    const documents = parsesOf(uri).flatMap((parse) => parse.documents);
    assert.equal(documents.length, 2);
    assert.ok(documents.every(hasHoverMatches), 'both documents have their matches');

    const edited = text.replace('replicas: 3', 'replicas: 4');
    await services.validation.validateFile(uri, edited);
    await services.features.prepare(uri, edited, new AbortController().signal);
    const after = parsesOf(uri).flatMap((parse) => parse.documents);
    assert.equal(after.length, 2);
    assert.ok(after.every(hasHoverMatches));
    assert.ok(!after.includes(documents[0]!) && after.includes(documents[1]!), 'the edited Module was parsed again');
    const hover = await services.features.hover(uri, edited, { line: lineOf(edited, 'replicas: 4'), character: 6 });
    assert.match(JSON.stringify(hover), /Replica count/);
  });
});
