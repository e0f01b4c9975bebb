// The server's pure services in-process (no connection): document splitting, the per-document cache,
// cancellation, the generated config schema and the spec.config region.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseYamlFile } from '../../common/src';
import { normaliseSettings } from '../../common/src/settings';
import type { ConfigItem } from '../../common/src/types';
import { splitByLines, splitYamlDocuments } from '../../server/src/services/documentSplitter';
import { configItemDetail, configItemsToJsonSchema } from '../../server/src/services/configSchema';
import { isInsideSpecConfig } from '../../server/src/services/configRegion';
import { createServices } from '../../server/src/services/createServices';
import { createValidationServices } from '../../server/src/services/validationServices';
import { yamlDocumentsCache } from 'yaml-language-server/out/server/src/languageservice/parser/yaml-documents';
import { atDocumentStart, atDocumentStartInSegment } from '../../server/src/services/skeletons';
import { lineOf, moduleWithResource, VALID_MODULE } from './fixtures';

describe('splitYamlDocuments', () => {
  it('splits at --- markers after content and keeps offsets and lines exact', () => {
    const text = '# leading comment\n---\na: 1\n---\nb: 2\n--- c: 3\n...\n# trailing\n';
    const segments = splitYamlDocuments(text);
    assert.deepEqual(
      segments.map((s) => [s.startLine, s.text]),
      [
        [0, '# leading comment\n---\na: 1\n'],
        [4, 'b: 2\n'],
        [5, '--- c: 3\n...\n# trailing\n'],
      ],
    );
    for (const s of segments) assert.equal(text.slice(s.startOffset, s.endOffset), s.text);
  });

  it('does not split at ---text, indented ---, or inside nothing; an empty file is one segment', () => {
    assert.equal(splitYamlDocuments('a: |\n  ---\n  x\nb: ---x\n---x: 1\n').length, 1);
    assert.deepEqual(
      splitYamlDocuments('').map((s) => s.text),
      [''],
    );
    assert.equal(splitYamlDocuments('---\n---\n---\na: 1\n').length, 1);
  });

  it('the fast split (only \\n breaks) gives exactly the line-by-line split on random streams', () => {
    const pieces = [
      '---',
      '--- ',
      '--- # c',
      '---x',
      '----',
      '--- a: 1',
      '# c',
      '',
      '  ',
      'a: 1',
      '  ---',
      '%YAML 1.2',
    ];
    pieces.push('...', '... # end', 'b:', '  - x', ' ---', '---\t');
    let seed = 12;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let round = 0; round < 3000; round++) {
      const lines = Array.from(
        { length: Math.floor(random() * 12) },
        () => pieces[Math.floor(random() * pieces.length)],
      );
      const text = lines.join('\n') + (random() < 0.5 ? '\n' : '');
      assert.deepEqual(splitYamlDocuments(text), splitByLines(text), JSON.stringify(text));
    }
  });

  it('where a document can start is judged the same on the segment under the cursor as on the whole file', () => {
    const pieces = ['---', '--- # c', '--- a: 1', '# c', '', 'a: 1', 'kind: C', 'k', '...', '  - x', '%YAML 1.2'];
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    let starts = 0;
    for (let round = 0; round < 800; round++) {
      const lines = Array.from(
        { length: Math.floor(random() * 9) },
        () => pieces[Math.floor(random() * pieces.length)],
      );
      const text = lines.join('\n') + (random() < 0.5 ? '\n' : '');
      const segments = splitYamlDocuments(text);
      const all = text.split('\n');
      for (let line = 0; line <= all.length; line++)
        for (const character of [0, 1, (all[line] ?? '').length]) {
          const position = { line, character };
          const segment = segments.findLast((s) => s.startLine <= line);
          const expected = atDocumentStart(all, position);
          starts += expected ? 1 : 0;
          assert.equal(atDocumentStartInSegment(text, segment, position), expected, JSON.stringify([text, position]));
        }
    }
    assert.ok(starts > 100, `too few places where a document can start: ${starts}`);
  });

  it('agrees with the YAML parser on the number of documents for ordinary streams', () => {
    const text = `${VALID_MODULE}---\n${VALID_MODULE}---\nkind: Custom\n`;
    assert.equal(splitYamlDocuments(text).length, parseYamlFile(text).documents.length);
  });
});

describe('ValidationService', () => {
  const settings = normaliseSettings(undefined);

  it('re-validates only the documents whose text changed', async () => {
    const services = createServices({ settings, trusted: false, mode: 'await' });
    const docs = [0, 1, 2, 3].map((i) => moduleWithResource(`app-${i}`, '    env: staging\n'));
    const text = docs.join('---\n');
    const first = await services.validation.validateFile('file:///a.yaml', text);
    assert.equal(first?.validatedCount, 4);
    assert.deepEqual(first?.diagnostics, []);

    const changed = [docs[0], docs[1], docs[2]!.replace('env: staging', 'env: qa'), docs[3]].join('---\n');
    const second = await services.validation.validateFile('file:///a.yaml', changed);
    assert.equal(second?.validatedCount, 1);
    const error = second?.diagnostics.find((d) => d.code === 'config-option-invalid');
    assert.ok(error);
    assert.equal(error.range.start.line, lineOf(changed, 'env: qa'));

    // Inserting a document on top moves the others: cached verdicts are shifted, not recomputed.
    const shifted = `${moduleWithResource('top', '    env: staging\n')}---\n${changed}`;
    const third = await services.validation.validateFile('file:///a.yaml', shifted);
    assert.equal(third?.validatedCount, 1);
    assert.equal(
      third?.diagnostics.find((d) => d.code === 'config-option-invalid')?.range.start.line,
      lineOf(shifted, 'env: qa'),
    );
  });

  it('progress: each partial holds the complete verdicts of the documents done, in order; small files get none', async () => {
    const services = createServices({ settings, trusted: false, mode: 'await' });
    const docs = Array.from({ length: 12 }, (_, i) =>
      moduleWithResource(`p-${i}`, i % 3 === 0 ? '    env: qa\n' : '    env: staging\n'),
    );
    const text = docs.join('---\n');
    const partials: { diagnostics: unknown[]; done: number; total: number }[] = [];
    const progress = { onPartial: (p: (typeof partials)[number]) => partials.push(p), firstAfterMs: 0, everyMs: 0 };
    const result = await services.validation.validateFile('file:///p.yaml', text, undefined, {
      ...progress,
      minDocuments: 12,
    });
    assert.equal(result?.diagnostics.filter((d) => d.code === 'config-option-invalid').length, 4);
    assert.deepEqual(
      partials.map((p) => p.done),
      Array.from({ length: 12 }, (_, i) => i),
    );
    for (const partial of partials) {
      assert.equal(partial.total, 12);
      const firstLineAfter = partial.done * (docs[0]!.split('\n').length - 1 + 1);
      assert.deepEqual(
        partial.diagnostics,
        result?.diagnostics.filter((d) => d.range.start.line < firstLineAfter),
      );
    }
    // Fewer documents than minDocuments: no partial.
    partials.length = 0;
    await createServices({ settings, trusted: false, mode: 'await' }).validation.validateFile(
      'file:///q.yaml',
      text,
      undefined,
      {
        ...progress,
        minDocuments: 13,
      },
    );
    assert.deepEqual(partials, []);
  });

  it('an open file: an edit of the same length is seen, unchanged documents keep their verdicts (no re-hash)', async () => {
    const uri = 'file:///remember.yaml';
    const docs = [0, 1, 2].map((i) => moduleWithResource(`r-${i}`, '    env: staging\n'));
    const text = docs.join('---\n');
    const changed = [docs[0], docs[1]!.replace('env: staging', 'env: invalid'), docs[2]].join('---\n');
    assert.equal(changed.length, text.length);
    const runs = [];
    for (const rememberFiles of [true, false]) {
      const { validation } = createValidationServices({ settings, trusted: false, mode: 'await', rememberFiles });
      const first = await validation.validateFile(uri, text);
      const second = await validation.validateFile(uri, changed);
      assert.equal(second?.validatedCount, 1);
      assert.equal(second?.documents[0]?.verdict, first?.documents[0]?.verdict);
      assert.notEqual(second?.documents[1]?.verdict, first?.documents[1]?.verdict);
      runs.push(second?.diagnostics);
      if (rememberFiles) {
        assert.equal(validation.lastValidated(uri, changed), second?.documents);
        assert.equal(validation.lastValidated(uri, text), undefined, 'only the last text');
        validation.configure(normaliseSettings({ operatorVersion: '2.0.0' }));
        assert.equal(validation.lastValidated(uri, changed), undefined, 'stale verdicts are not handed out');
        const again = await validation.validateFile(uri, changed);
        assert.equal(again?.validatedCount, 3);
        validation.forget(uri);
        assert.equal(validation.lastValidated(uri, changed), undefined);
      } else assert.equal(validation.lastValidated(uri, changed), undefined);
    }
    assert.ok(
      runs[0]?.some(
        (d) => d.code === 'config-option-invalid' && d.range.start.line === lineOf(changed, 'env: invalid'),
      ),
    );
    assert.deepEqual(runs[0], runs[1]);
  });

  it('drops cached verdicts when the settings change', async () => {
    const services = createServices({ settings, trusted: false, mode: 'await' });
    await services.validation.validateFile('file:///b.yaml', VALID_MODULE);
    services.configure(normaliseSettings({ operatorVersion: '2.0.0' }), false);
    const again = await services.validation.validateFile('file:///b.yaml', VALID_MODULE);
    assert.equal(again?.validatedCount, 1);
    assert.ok(again?.diagnostics.some((d) => d.code === 'operator-version-unsupported'));
  });

  it('stops a run whose signal was aborted', async () => {
    const services = createServices({ settings, trusted: false, mode: 'await' });
    const controller = new AbortController();
    controller.abort();
    assert.equal(await services.validation.validateFile('file:///c.yaml', VALID_MODULE, controller.signal), undefined);
  });
});

const ITEMS: ConfigItem[] = [
  {
    type: 'option',
    name: 'Environment',
    alias: 'env',
    spec: {
      required: true,
      default: 'dev',
      hasDefault: true,
      editable: true,
      editableOmitted: false,
      values: ['dev', 'prod'],
    },
  },
  {
    type: 'integer',
    name: 'Replicas',
    alias: 'replicas',
    spec: { required: false, default: 0, hasDefault: false, editable: false, editableOmitted: true, min: 1, max: 5 },
  },
  {
    type: 'boolean',
    name: 'Debug',
    alias: 'debug',
    spec: { required: false, default: false, hasDefault: true, editable: true, editableOmitted: false },
  },
  {
    type: 'multiple-options',
    name: 'Features',
    alias: 'features',
    spec: {
      required: false,
      default: [],
      hasDefault: false,
      editable: true,
      editableOmitted: false,
      values: ['a', 'b'],
      max: 1,
    },
  },
];

describe('LanguageFeatures.prepare (idle-time parses for completion and hover)', () => {
  const settings = normaliseSettings(undefined);
  /** yaml-language-server's parse cache: URI → parse (a private field, read as the service reads it). */
  const parses = () => (yamlDocumentsCache as unknown as { cache: Map<string, { document: unknown }> }).cache;
  const virtual = (uri: string) => [...parses().keys()].filter((k) => k.includes(encodeURIComponent(uri)));

  it('parses every Forkspacer document of a validated file once; answers are unchanged; close drops the parses', async () => {
    const services = createServices({ settings, trusted: false, mode: 'await' });
    const uri = 'file:///prepare/a.yaml';
    const text = [0, 1, 2].map((i) => moduleWithResource(`app-${i}`, '    env: staging\n')).join('---\n');
    const withDeployment = `${text}---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n`;
    const line = lineOf(withDeployment, 'name: app-2');
    const cold = await services.features.hover(uri, withDeployment, { line, character: 4 });
    services.features.forget(uri);
    services.yaml.forget(uri);
    assert.deepEqual(virtual(uri), []);

    await services.validation.validateFile(uri, withDeployment);
    await services.features.prepare(uri, withDeployment, new AbortController().signal);
    // The three Modules, not the Deployment (nothing of ours to offer there).
    assert.equal(virtual(uri).length, 3);
    const before = new Map(virtual(uri).map((k) => [k, parses().get(k)?.document]));
    const warm = await services.features.hover(uri, withDeployment, { line, character: 4 });
    assert.deepEqual(warm, cold);
    for (const [k, parse] of before)
      assert.equal(parses().get(k)?.document, parse, 'the hover used the prepared parse');
    // The config flavour (inside spec.config) shares the Module's parse.
    const config = await services.features.completion(uri, withDeployment, {
      line: lineOf(withDeployment, 'env: staging'),
      character: 4,
    });
    assert.ok(config?.items.some((i) => i.label === 'env'));
    // ... and the other way round: a completion first, then a hover on the same document, one parse.
    const other = 'file:///prepare/a2.yaml';
    const single = moduleWithResource('app-x', '    env: staging\n');
    await services.validation.validateFile(other, single);
    const hoverAt = { line: lineOf(single, 'name: app-x'), character: 4 };
    // (Another file name: yaml-language-server's parse cache is one per process, keyed by URI.)
    const coldHover = await createServices({ settings, trusted: false, mode: 'await' }).features.hover(
      'file:///prepare/a2-cold.yaml',
      single,
      hoverAt,
    );
    assert.ok(coldHover);
    await services.features.completion(other, single, { line: lineOf(single, 'env: staging'), character: 4 });
    const [configKey] = virtual(other);
    const configParse = parses().get(configKey!)?.document;
    assert.ok(configParse);
    assert.deepEqual(await services.features.hover(other, single, hoverAt), coldHover, 'the same answer');
    assert.equal(virtual(other).length, 2);
    for (const k of virtual(other)) assert.equal(parses().get(k)?.document, configParse, k);
    // A completion and a hover again: still the same parse (the parser options match).
    await services.features.completion(other, single, { line: lineOf(single, 'env: staging'), character: 4 });
    assert.ok(await services.features.hover(other, single, { line: lineOf(single, 'name: app-x'), character: 4 }));
    for (const k of virtual(other)) assert.equal(parses().get(k)?.document, configParse, k);
    services.features.forget(other);
    services.yaml.forget(other);

    services.features.forget(uri);
    services.yaml.forget(uri);
    assert.deepEqual(virtual(uri), [], 'a closed file keeps no parses');
  });

  it('parses the documents nearest the last request first; one needing a parse of its own waits for a pause', async () => {
    const services = createServices({ settings, trusted: false, mode: 'await' });
    const uri = 'file:///prepare/order.yaml';
    const docs = [0, 1, 2, 3, 4].map((i) => moduleWithResource(`o-${i}`, '    env: staging\n'));
    // A duplicate key: the validation's parse is not yaml-language-server's (sharedParse.ts), so it parses it.
    docs.push(moduleWithResource('o-5', '    env: staging\n    env: production\n'));
    const text = docs.join('---\n');
    await services.validation.validateFile(uri, text);
    const line = lineOf(text, 'name: o-3');
    // A request in document 3 (it parses that one itself) just arrived.
    const asked = await services.features.hover(uri, text, { line, character: 4 });
    assert.ok(asked);
    const order = (keys: string[]) =>
      keys.map((k) => Number(/#(\d+)/.exec(decodeURIComponent(k))?.[1])).filter((i) => !Number.isNaN(i));
    assert.deepEqual(order(virtual(uri)), [3]);
    const done = services.features.prepare(uri, text, new AbortController().signal);
    // While requests keep coming (one per turn here), the shared parses go one per turn, nearest first; the
    // document that needs a parse of its own is left for the pause.
    for (let turn = 0; turn < 20; turn++) {
      services.features.noteActivity();
      await new Promise((resolve) => setImmediate(resolve));
    }
    assert.deepEqual(order(virtual(uri)), [3, 2, 4, 1, 0]);
    await done;
    assert.deepEqual(order(virtual(uri)), [3, 2, 4, 1, 0, 5]);
    services.features.forget(uri);
    services.yaml.forget(uri);
  });

  it("after an edit parses the changed document and those still pending, and keeps the others' parses", async () => {
    const services = createServices({ settings, trusted: false, mode: 'await' });
    const uri = 'file:///prepare/edit.yaml';
    const docs = [0, 1, 2, 3, 4].map((i) => moduleWithResource(`e-${i}`, '    env: staging\n'));
    const text = docs.join('---\n');
    await services.validation.validateFile(uri, text);
    // A newer version arrives while documents are still waiting for their parse.
    const controller = new AbortController();
    const first = services.features.prepare(uri, text, controller.signal);
    for (let turn = 0; turn < 3; turn++) await new Promise((resolve) => setImmediate(resolve));
    controller.abort();
    await first;
    const parsedBefore = new Map(virtual(uri).map((k) => [k, parses().get(k)?.document]));
    assert.ok(parsedBefore.size > 0 && parsedBefore.size < 5, `${parsedBefore.size} parsed before the abort`);
    docs[3] = moduleWithResource('e-3-edited', '    env: staging\n');
    const edited = docs.join('---\n');
    await services.validation.validateFile(uri, edited);
    await services.features.prepare(uri, edited, new AbortController().signal);
    assert.equal(virtual(uri).length, 5, 'every document has its parse');
    const slotOf = (k: string) => /#(\d+)/.exec(decodeURIComponent(k))?.[1];
    for (const [k, parse] of parsedBefore)
      if (slotOf(k) !== '3') assert.equal(parses().get(k)?.document, parse, `${k} kept its parse`);
    const third = virtual(uri).find((k) => slotOf(k) === '3')!;
    assert.match(
      JSON.stringify(
        (parses().get(third)?.document as { documents: { internalDocument: unknown }[] }).documents[0]!
          .internalDocument,
      ),
      /e-3-edited/,
      'the edited document is parsed in its new text',
    );
    services.features.forget(uri);
    services.yaml.forget(uri);
  });

  it('stops when its signal aborts (a newer version arrived)', async () => {
    const services = createServices({ settings, trusted: false, mode: 'await' });
    const uri = 'file:///prepare/b.yaml';
    const text = [0, 1, 2, 3].map((i) => moduleWithResource(`b-${i}`, '    env: staging\n')).join('---\n');
    await services.validation.validateFile(uri, text);
    const controller = new AbortController();
    controller.abort();
    await services.features.prepare(uri, text, controller.signal);
    assert.deepEqual(virtual(uri), []);
  });
});

describe('configItemsToJsonSchema', () => {
  it('types each alias and carries its constraints', () => {
    const schema = configItemsToJsonSchema(ITEMS) as {
      properties: Record<string, Record<string, unknown>>;
      required: string[];
    };
    assert.deepEqual(Object.keys(schema.properties), ['env', 'replicas', 'debug', 'features']);
    assert.deepEqual(schema.required, ['env']);
    assert.deepEqual(schema.properties.env!.enum, ['dev', 'prod']);
    assert.equal(schema.properties.env!.default, 'dev');
    assert.equal(schema.properties.replicas!.type, 'integer');
    assert.equal(schema.properties.replicas!.minimum, 1);
    assert.equal(schema.properties.replicas!.maximum, 5);
    assert.equal(schema.properties.debug!.type, 'boolean');
    assert.deepEqual(schema.properties.features!.items, { type: 'string', enum: ['a', 'b'] });
    assert.equal(schema.properties.features!.maxItems, 1);
    assert.match(String(schema.properties.replicas!.description), /not editable/);
  });

  it('describes an item in one line for completion', () => {
    assert.equal(configItemDetail(ITEMS[0]!), 'option · required · default "dev" · one of "dev", "prod"');
    assert.equal(configItemDetail(ITEMS[1]!), 'integer · min 1, max 5 · not editable');
  });
});

describe('isInsideSpecConfig', () => {
  const text = moduleWithResource('region', '    env: staging\n    \n');
  const doc = parseYamlFile(text).documents[0]!;
  const configLine = lineOf(text, '  config:', lineOf(text, '          file:'));

  it('is true under spec.config and false elsewhere', () => {
    assert.equal(isInsideSpecConfig(doc.doc, text, { line: configLine + 1, character: 4 }), true);
    assert.equal(isInsideSpecConfig(doc.doc, text, { line: configLine + 2, character: 4 }), true);
    assert.equal(isInsideSpecConfig(doc.doc, text, { line: configLine, character: 10 }), true);
    assert.equal(isInsideSpecConfig(doc.doc, text, { line: configLine, character: 2 }), false);
    assert.equal(
      isInsideSpecConfig(doc.doc, text, { line: lineOf(text, '    name: dev-workspace'), character: 6 }),
      false,
    );
    // The resource's own `config:` list (under source.raw) is not the Module's spec.config.
    assert.equal(
      isInsideSpecConfig(doc.doc, text, { line: lineOf(text, '          alias: env'), character: 12 }),
      false,
    );
  });
});
