// The built server (dist/server.js --stdio) driven by a real JSON-RPC client: diagnostics, edits,
// completion, hover, quick fixes, outline, multi-document files. Run `node esbuild.mjs` first.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type {
  CodeAction,
  CompletionItem,
  CompletionList,
  Diagnostic,
  DocumentSymbol,
  Hover,
  MarkupContent,
} from 'vscode-languageserver-types';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LspClient, ROOT } from './lspClient';
import { SERVER_STATS, type ServerStatsResult } from '../../common/src/protocol';
import { applyEdits, COMPOSE, DEPLOYMENT, lineOf, moduleWithResource, VALID_CUSTOM, VALID_MODULE } from './fixtures';

const ERROR = 1;
let client: LspClient;
/** A required string item with a default that its regex accepts (the add fix writes it). */
const REQUIRED_NAME = `        - type: string
          name: App name
          alias: appName
          spec:
            required: true
            default: default-app
            regex: "^[a-z-]+$"
            editable: true
`;
let counter = 0;
const freshUri = (name: string) => `file:///work/test-${++counter}-${name}.yaml`;

async function openAndWait(uri: string, text: string, predicate?: (d: Diagnostic[]) => boolean): Promise<Diagnostic[]> {
  client.open(uri, text);
  return client.waitForDiagnostics(uri, predicate);
}

function hoverText(hover: Hover | null): string {
  if (!hover) return '';
  const contents = hover.contents as MarkupContent | string;
  return typeof contents === 'string' ? contents : contents.value;
}

async function completion(uri: string, line: number, character: number): Promise<CompletionItem[]> {
  const result = await client.request<CompletionList | CompletionItem[] | null>('textDocument/completion', {
    textDocument: { uri },
    position: { line, character },
  });
  return Array.isArray(result) ? result : (result?.items ?? []);
}

before(async () => {
  client = await LspClient.start();
});
after(async () => {
  await client.stop();
});

describe('diagnostics', () => {
  it('reports an invalid option with the operator message and code, on the value', async () => {
    const text = moduleWithResource('bad-app', '    env: qa\n');
    const uri = freshUri('bad-option');
    const diagnostics = await openAndWait(uri, text, (d) => d.length > 0);
    const found = diagnostics.find((d) => d.code === 'config-option-invalid');
    assert.ok(found, JSON.stringify(diagnostics));
    assert.equal(found.severity, ERROR);
    assert.match(
      found.message,
      /validation failed for field 'env': invalid value 'qa', must be one of \[development staging production\]/,
    );
    assert.equal(found.range.start.line, lineOf(text, '    env: qa'));
  });

  it('publishes nothing for valid Forkspacer files', async () => {
    for (const text of [VALID_MODULE, VALID_CUSTOM, `${VALID_CUSTOM}---\n${VALID_MODULE}`]) {
      const uri = freshUri('valid');
      const diagnostics = await openAndWait(uri, text);
      assert.deepEqual(diagnostics, [], text);
    }
  });

  it('publishes nothing for a Deployment or a Compose file, whatever they contain', async () => {
    for (const text of [DEPLOYMENT, COMPOSE, `${DEPLOYMENT}---\n${COMPOSE}`]) {
      const uri = freshUri('not-forkspacer');
      assert.deepEqual(await openAndWait(uri, text), []);
    }
  });

  it('follows edits: a fix clears the error, breaking it again brings it back', async () => {
    const uri = freshUri('edits');
    const bad = moduleWithResource('edit-app', '    replicas: 11\n');
    const before = await openAndWait(uri, bad, (d) => d.length > 0);
    const outOfRange = before.find((d) => d.code === 'config-out-of-range');
    assert.ok(outOfRange, JSON.stringify(before));
    assert.match(outOfRange.message, /validation failed for field 'replicas': value 11 is greater than maximum 10/);

    const seen = client.publishedCount(uri);
    const line = lineOf(bad, '    replicas: 11');
    const version = client.edit(uri, { start: { line, character: 14 }, end: { line, character: 16 } }, '5');
    const fixed = await client.waitForDiagnostics(uri, (_, p) => p.version === version, 10000, seen);
    assert.deepEqual(fixed, []);

    const seen2 = client.publishedCount(uri);
    const version2 = client.edit(uri, { start: { line, character: 14 }, end: { line, character: 15 } }, '0');
    const broken = await client.waitForDiagnostics(uri, (_, p) => p.version === version2, 10000, seen2);
    assert.ok(
      broken.some((d) => d.code === 'config-out-of-range' && /less than minimum 1/.test(d.message)),
      JSON.stringify(broken),
    );
  });

  it('validates each Module of a file against its own inline resource', async () => {
    const first = moduleWithResource('app-one', '    env: staging\n    replicas: 2\n', 'plugin-one');
    const second = moduleWithResource('app-two', '    env: staging\n    workers: 2\n', 'plugin-two');
    const text = `${first}---\n${second}`;
    const uri = freshUri('multi');
    const diagnostics = await openAndWait(uri, text, (d) => d.length > 0);
    const unknown = diagnostics.filter((d) => d.code === 'config-unknown-field');
    assert.equal(unknown.length, 1, JSON.stringify(diagnostics));
    assert.match(unknown[0]!.message, /unknown field 'workers' provided in input/);
    assert.equal(unknown[0]!.range.start.line, lineOf(text, '    workers: 2'));
    assert.equal(diagnostics.filter((d) => d.severity === ERROR).length, 1, JSON.stringify(diagnostics));
  });

  it("renders a Module's Helm templates with the operator's code: the error on the config key, the template related", async () => {
    const text = `apiVersion: batch.forkspacer.com/v1
kind: Module
metadata:
  name: redis
spec:
  workspace:
    name: dev
  source:
    raw:
      kind: Helm
      metadata: { name: r, version: 1.0.0, supportedOperatorVersion: ">= 0.0.0" }
      config:
        - { type: string, name: Tag, alias: tag, spec: { editable: true, default: "7.2.0" } }
      spec:
        repo: https://charts.example.com
        chartName: redis
        namespace: "{{ .releaseName }}"
        version: "{{ .config.tag }}"
  config:
    tag: ""
`;
    const uri = freshUri('helm-render');
    const diagnostics = await openAndWait(uri, text, (d) => d.length > 0);
    const errors = diagnostics.filter((d) => d.severity === ERROR);
    assert.equal(errors.length, 1, JSON.stringify(diagnostics));
    assert.equal(errors[0]!.code, 'helm-template-render');
    assert.equal(errors[0]!.message, 'failed to install Helm module: HelmModuleSpec Version cannot be empty');
    assert.equal(errors[0]!.range.start.line, lineOf(text, '    tag: ""'));
    const related = errors[0]!.relatedInformation?.[0];
    assert.equal(related?.location.uri, uri);
    assert.equal(related?.location.range.start.line, lineOf(text, '        version: "{{ .config.tag }}"'));
    // The server keeps answering (the wasm prints nothing on the LSP channel).
    client.change(uri, text.replace('tag: ""', 'tag: "7.2.1"'));
    await client.waitForDiagnostics(uri, (d) => !d.some((x) => x.severity === ERROR));
  });
});

describe('completion and hover', () => {
  const text = moduleWithResource('complete-app', '    env: staging\n    \n');
  const uri = freshUri('complete');
  const blankLine = lineOf(text, '    env: staging') + 1;

  before(async () => {
    await openAndWait(uri, text);
  });

  it('offers the config aliases with type, default and constraints in the detail', async () => {
    const items = await completion(uri, blankLine, 4);
    const replicas = items.find((i) => i.label === 'replicas');
    assert.ok(replicas, JSON.stringify(items.map((i) => i.label)));
    assert.match(replicas.detail ?? '', /integer/);
    assert.match(replicas.detail ?? '', /default 1/);
    assert.match(replicas.detail ?? '', /min 1, max 10/);
    assert.ok(!items.some((i) => i.label === 'env'), 'an alias already set is not offered again');
  });

  it('offers the values of an option', async () => {
    const line = lineOf(text, '    env: staging');
    const items = await completion(uri, line, '    env: '.length);
    const labels = items.map((i) => i.label);
    for (const value of ['development', 'staging', 'production'])
      assert.ok(labels.includes(value), JSON.stringify(labels));
  });

  it('offers Module fields outside spec.config', async () => {
    const line = lineOf(text, '  workspace:');
    const items = await completion(uri, line, 2);
    assert.ok(
      items.some((i) => i.label === 'hibernated'),
      JSON.stringify(items.map((i) => i.label)),
    );
  });

  it('hovers a Module field with its documentation', async () => {
    const line = lineOf(text, '    name: dev-workspace');
    const hover = await client.request<Hover | null>('textDocument/hover', {
      textDocument: { uri },
      position: { line, character: 5 },
    });
    assert.match(hoverText(hover), /Workspace/);
    assert.equal(hover?.range?.start.line, line);
  });

  it('hovers a config alias with the item name and constraints', async () => {
    const line = lineOf(text, '    env: staging');
    const hover = await client.request<Hover | null>('textDocument/hover', {
      textDocument: { uri },
      position: { line, character: 5 },
    });
    const shown = hoverText(hover);
    assert.match(shown, /Environment/);
    assert.match(shown, /one of "development", "staging", "production"/);
  });

  it('hovers nothing in a document that is not Forkspacer', async () => {
    const other = freshUri('hover-other');
    await openAndWait(other, DEPLOYMENT);
    const hover = await client.request<Hover | null>('textDocument/hover', {
      textDocument: { uri: other },
      position: { line: 1, character: 2 },
    });
    assert.equal(hover, null);
  });
});

describe('requests right after open (issue 12: served before the idle-time parses)', () => {
  it('a big file answers hovers and completions at once, in any of its documents, like a small one', async () => {
    const small = freshUri('big-small');
    const single = moduleWithResource('app-0', '    env: staging\n');
    await openAndWait(small, single);
    const ask = async (uri: string, line: number) => ({
      hover: hoverText(
        await client.request<Hover | null>('textDocument/hover', {
          textDocument: { uri },
          position: { line, character: 5 },
        }),
      ),
      labels: (await completion(uri, line, 4)).map((i) => i.label).sort(),
    });
    const expected = await ask(small, lineOf(single, '    name: dev-workspace'));
    assert.match(expected.hover, /Workspace/);

    const uri = freshUri('big');
    const count = 150;
    const text = Array.from({ length: count }, (_, i) => moduleWithResource(`app-${i}`, '    env: staging\n')).join(
      '---\n',
    );
    const linesPer = single.split('\n').length - 1 + 1; // with its `---` line
    await openAndWait(uri, text);
    // The idle-time parses have just started (nearest the file's start); these come from all over the file.
    for (const index of [count - 1, 0, 77, count - 2, 1]) {
      const line = index * linesPer + lineOf(single, '    name: dev-workspace');
      const got = await ask(uri, line);
      assert.deepEqual(got, expected, `document ${index}`);
    }
  });
});

describe('a large file just opened (issue 12: first diagnostics)', () => {
  it("publishes its first documents' verdicts as it goes, with a progress, then all of them once", async () => {
    const own = await LspClient.start({ workDoneProgress: true });
    try {
      const uri = freshUri('large');
      // 300 Modules, every 10th with an invalid option: 30 errors, one per bad document, in file order.
      const count = 300;
      const docs = Array.from({ length: count }, (_, i) =>
        moduleWithResource(`app-${i}`, i % 10 === 0 ? '    env: qa\n' : '    env: staging\n'),
      );
      own.open(uri, docs.join('---\n'));
      await own.waitForProgress((events) => events.some((e) => e.kind === 'end'), 120_000);
      const published = own.diagnostics.get(uri) ?? [];
      const complete = published.at(-1)!.diagnostics;
      assert.equal(complete.filter((d) => d.severity === ERROR).length, count / 10);
      // Each earlier publish is what the complete one says of the file's first documents: a prefix of it.
      assert.ok(published.length >= 2, `one publish only: the run took ${published.length}`);
      for (const partial of published.slice(0, -1)) {
        assert.deepEqual(partial.diagnostics, complete.slice(0, partial.diagnostics.length));
        assert.equal(partial.version, 1);
      }
      // One progress: begun with the file's name, ended after the complete publish.
      const begin = own.progress.find((e) => e.kind === 'begin');
      assert.match(begin?.title ?? '', /^Checking test-\d+-large\.yaml$/);
      assert.match(begin?.message ?? '', new RegExp(`^\\d+ of ${count} documents$`));
      const end = own.progress.find((e) => e.kind === 'end');
      assert.equal(end?.token, begin?.token);
      assert.equal(end?.publishesBefore, own.publishedCount(uri));
      // Later runs publish once: an edit gives one publish, no progress.
      const events = own.progress.length;
      const before = own.publishedCount(uri);
      const line = lineOf(docs[0]!, '    env: qa');
      const version = own.edit(uri, { start: { line, character: 9 }, end: { line, character: 11 } }, 'staging');
      const edited = await own.waitForDiagnostics(uri, (_d, p) => p.version === version, 30_000, before);
      assert.equal(edited.filter((d) => d.severity === ERROR).length, count / 10 - 1);
      assert.equal(own.publishedCount(uri), before + 1);
      assert.equal(own.progress.length, events);
    } finally {
      await own.stop();
    }
  });

  it('warms the hover path up while it is validated, after its first diagnostics; the Helm renderer waits for a pause', async () => {
    const own = await LspClient.start({ workDoneProgress: true });
    try {
      const uri = freshUri('large-warm-up');
      const docs = Array.from({ length: 300 }, (_, i) => moduleWithResource(`warm-${i}`, '    env: staging\n'));
      own.open(uri, docs.join('---\n'));
      await own.waitForProgress((events) => events.some((e) => e.kind === 'end'), 120_000);
      // Right after the complete publish: no pause yet, but the hovers began once the first documents were shown.
      const atEnd = await own.request<ServerStatsResult>(SERVER_STATS, {});
      assert.ok(atEnd.warmUp.hovers > 0, 'no warm-up hover while the file was validated');
      assert.equal(atEnd.warmUp.helm, false, 'the Helm renderer loaded without a pause');
      assert.ok(atEnd.validation.partial > 0, 'the file showed no first documents before its complete publish');
      // In the pause that follows, the rest.
      const deadline = Date.now() + 60_000;
      let stats = atEnd;
      while (!stats.warmUp.helm && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        stats = await own.request<ServerStatsResult>(SERVER_STATS, {});
      }
      assert.deepEqual(stats.warmUp, { hovers: 150, completion: true, helm: true });
    } finally {
      await own.stop();
    }
  });

  it('with the validation worker (both cores) publishes what one thread does', async () => {
    // 400 Modules, every 7th with an invalid option, one with a syntax error: both servers' complete verdicts.
    const text = Array.from({ length: 400 }, (_, i) =>
      i === 222
        ? 'apiVersion: batch.forkspacer.com/v1\nkind: Module\nmetadata: {name: broken\n'
        : moduleWithResource(`w-${i}`, i % 7 === 0 ? '    env: qa\n' : '    env: staging\n'),
    ).join('---\n');
    const complete = async (worker: 'always' | 'never') => {
      const own = await LspClient.start({ workDoneProgress: true, env: { FORKSPACER_VALIDATION_WORKER: worker } });
      const ends = () => own.progress.filter((e) => e.kind === 'end').length;
      const openAndSettle = async (uri: string, content: string) => {
        const before = ends();
        own.open(uri, content);
        await own.waitForProgress(() => ends() > before, 120_000);
      };
      try {
        // A first large file (over 128 kB): a new worker starts and warms up in the pause after it (a cold one would
        // only slow the run down); the next large runs share with it.
        const warmUp = Array.from({ length: 200 }, (_, i) => moduleWithResource(`first-${i}`, '    env: staging\n'));
        await openAndSettle(freshUri(`worker-first-${worker}`), warmUp.join('---\n'));
        await new Promise((resolve) => setTimeout(resolve, 3000));
        const uri = freshUri(`worker-${worker}`);
        await openAndSettle(uri, text);
        const stats = await own.request<ServerStatsResult>(SERVER_STATS, {});
        return { diagnostics: own.diagnostics.get(uri)!.at(-1)!.diagnostics, helped: stats.validation.helped };
      } finally {
        await own.stop();
      }
    };
    const one = await complete('never');
    const two = await complete('always');
    assert.equal(one.helped, 0);
    assert.ok(one.diagnostics.some((d) => d.code === 'yaml-syntax'));
    assert.equal(one.diagnostics.filter((d) => d.code === 'config-option-invalid').length, 58);
    assert.deepEqual(two.diagnostics, one.diagnostics);
    // How much the worker took depends on the machine's load (both threads race from either end).
    console.log(`# the worker validated ${two.helped} of 400 documents`);
    assert.ok(two.helped > 0, 'the warm worker took no document');
  });

  it('a small file publishes once, without progress', async () => {
    const own = await LspClient.start({ workDoneProgress: true });
    try {
      const uri = freshUri('small');
      own.open(
        uri,
        Array.from({ length: 20 }, (_, i) => moduleWithResource(`app-${i}`, '    env: qa\n')).join('---\n'),
      );
      await own.waitForDiagnostics(uri, (d) => d.length > 0, 60_000);
      await new Promise((resolve) => setTimeout(resolve, 300));
      assert.equal(own.publishedCount(uri), 1);
      assert.deepEqual(own.progress, []);
    } finally {
      await own.stop();
    }
  });
});

describe('quick fixes and outline', () => {
  it('a quick fix removes its problem once applied', async () => {
    const uri = freshUri('fix');
    let text = moduleWithResource('fix-app', '    env: qa\n');
    const diagnostics = await openAndWait(uri, text, (d) => d.length > 0);
    const problem = diagnostics.find((d) => d.code === 'config-option-invalid');
    assert.ok(problem, JSON.stringify(diagnostics));
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: problem.range,
      context: { diagnostics: [problem] },
    });
    const fix = actions.find((a) => a.edit?.changes?.[uri]?.length);
    assert.ok(fix, JSON.stringify(actions));
    text = applyEdits(text, fix.edit!.changes![uri]!);
    const seen = client.publishedCount(uri);
    const version = client.change(uri, text);
    const after = await client.waitForDiagnostics(uri, (_, p) => p.version === version, 10000, seen);
    assert.ok(!after.some((d) => d.code === 'config-option-invalid'), JSON.stringify(after));
  });

  it('quick fixes in the second document of a file edit that document', async () => {
    const first = VALID_MODULE;
    const second = moduleWithResource('fix-two', '    env: qa\n');
    let text = `${first}---\n${second}`;
    const uri = freshUri('fix-second');
    const diagnostics = await openAndWait(uri, text, (d) => d.length > 0);
    const problem = diagnostics.find((d) => d.code === 'config-option-invalid');
    assert.ok(problem);
    assert.equal(problem.range.start.line, lineOf(text, '    env: qa'));
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: problem.range,
      context: { diagnostics: [problem] },
    });
    const edits = actions.find((a) => a.edit?.changes?.[uri]?.length)?.edit?.changes?.[uri];
    assert.ok(edits);
    for (const e of edits) assert.ok(e.range.start.line > lineOf(text, '---'), 'edits land in the second document');
    text = applyEdits(text, edits);
    const seen = client.publishedCount(uri);
    const version = client.change(uri, text);
    assert.deepEqual(await client.waitForDiagnostics(uri, (_, p) => p.version === version, 10000, seen), []);
  });

  it('fix all (source.fixAll.forkspacer) fixes every document of a file in one edit, and then offers nothing', async () => {
    // Two documents, each with fixable problems: an unknown key and a 1.10 where a string is wanted; a missing key.
    const first = moduleWithResource('fix-all-a', '    env: staging\n    bogus: 1\n');
    const second = moduleWithResource('fix-all-b', '    replicas: 2\n', 'my-plugin', REQUIRED_NAME);
    let text = `${first}---\n${second}`;
    const uri = freshUri('fix-all');
    const before = await openAndWait(uri, text, (d) => d.length > 0);
    assert.deepEqual(
      before.filter((d) => d.severity === ERROR).map((d) => d.code),
      ['config-unknown-field', 'config-required-missing'],
    );
    const request = () =>
      client.request<CodeAction[]>('textDocument/codeAction', {
        textDocument: { uri },
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        context: { diagnostics: [], only: ['source.fixAll'] },
      });
    const [action] = await request();
    assert.equal(action?.kind, 'source.fixAll.forkspacer');
    assert.equal(action?.edit?.changes?.[uri]?.length, 1, 'one minimal edit');
    text = applyEdits(text, action!.edit!.changes![uri]!);
    assert.doesNotMatch(text, /bogus/);
    assert.match(text, /\n {4}appName: default-app\n/);
    const seen = client.publishedCount(uri);
    const version = client.change(uri, text);
    const after = await client.waitForDiagnostics(uri, (_, p) => p.version === version, 10000, seen);
    assert.deepEqual(
      after.filter((d) => d.severity === ERROR),
      [],
    );
    assert.deepEqual(await request(), [], 'idempotent: nothing left to fix');
  });

  it('outlines each document as one symbol', async () => {
    const uri = freshUri('symbols');
    const text = `${VALID_CUSTOM}---\n${VALID_MODULE}---\n${DEPLOYMENT}`;
    await openAndWait(uri, text);
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
    assert.deepEqual(
      symbols.map((s) => s.name),
      ['Custom my-plugin 1.0.0', 'Module my-app'],
    );
    assert.equal(symbols[1]!.range.start.line, lineOf(text, 'apiVersion: batch.forkspacer.com/v1'));
    assert.ok(symbols[1]!.children?.some((c) => c.name === 'spec'));
  });
});

describe('robustness', () => {
  it('survives garbage, half-typed YAML, tabs, anchors and a huge file, and keeps answering', async () => {
    const inputs = [
      '\u0000\u0001\u0002\uFFFD binary \u0007 junk \u0000'.repeat(50),
      'kind: Custom\nmetadata:\n  name: [unclosed\n  version: {\nspec:\n\trepo: x\n',
      'apiVersion: batch.forkspacer.com/v1\nkind: Module\nspec:\n  config: &cfg\n    a: *cfg\n  source:\n    raw: *undefined\n',
      'kind: Helm\nmetadata: !!binary AAAA\nconfig:\n  - type:\n    - - - :\n',
      '---\n---\n...\n%YAML 1.2\n---\n"unterminated\n',
      'apiVersion: batch.forkspacer.com/v1\nkind: Module\nspec:\n  source:\n    raw:\n      kind: Custom\n      config: [{type: option, alias: x, spec: {values: [], default: 1.10}}]\n  config: {x: 1.10, y: [1, {a: b}]}\n',
      moduleWithResource('huge', '    env: staging\n').repeat(2).replace(/\n/g, '\n'.padEnd(1, ' ')) +
        'x'.repeat(200000),
    ];
    for (const text of inputs) {
      const uri = freshUri('garbage');
      await openAndWait(uri, text);
      await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 2, character: 3 } });
      await completion(uri, 3, 4);
      await client.request('textDocument/documentSymbol', { textDocument: { uri } });
      assert.ok(client.alive);
    }
    // Requests for files that were never opened answer empty.
    assert.equal(
      await client.request('textDocument/hover', {
        textDocument: { uri: 'file:///never-opened.yaml' },
        position: { line: 0, character: 0 },
      }),
      null,
    );
    const uri = freshUri('after-garbage');
    assert.deepEqual(await openAndWait(uri, VALID_MODULE), []);
  });
});

describe('custom requests', () => {
  it('forkspacer/listDocuments lists the Forkspacer documents of a file with their resource', async () => {
    const uri = freshUri('list');
    const text = `${VALID_CUSTOM}---\n${DEPLOYMENT}---\n${moduleWithResource('listed', '    env: qa\n')}`;
    await openAndWait(uri, text, (d) => d.length > 0);
    const result = await client.request<{
      documents: { index: number; kind: string; name?: string; errors: number; resource?: { name: string } }[];
    }>('forkspacer/listDocuments', { uri });
    assert.deepEqual(
      result.documents.map((d) => [d.index, d.kind, d.name]),
      [
        [0, 'custom', 'my-plugin'],
        [2, 'module', 'listed'],
      ],
    );
    assert.equal(result.documents[1]!.resource?.name, 'my-plugin');
    assert.equal(result.documents[1]!.errors, 1);
  });

  it('forkspacer/effectiveConfig gives the config with defaults applied, or the refusal', async () => {
    const uri = freshUri('effective');
    const text = `${moduleWithResource('eff', '    env: staging\n')}---\n${moduleWithResource('eff2', '    env: qa\n')}`;
    await openAndWait(uri, text, (d) => d.length > 0);
    const accepted = await client.request<{ ok: boolean; config?: unknown }>('forkspacer/effectiveConfig', {
      uri,
      index: 0,
    });
    assert.deepEqual(accepted, {
      ok: true,
      config: { env: 'staging', replicas: 1 },
      resource: { kind: 'Custom', name: 'my-plugin', version: '1.0.0' },
    });
    const refused = await client.request<{ ok: boolean; error?: string; code?: string }>('forkspacer/effectiveConfig', {
      uri,
      index: 1,
    });
    assert.equal(refused.ok, false);
    assert.match(refused.error ?? '', /invalid value 'qa'/);
    assert.equal(refused.code, 'config-option-invalid');
  });
});

describe('examples and valid fixtures', () => {
  it('publish no errors and no schema warnings', async () => {
    const folders = [join(ROOT, 'examples'), join(ROOT, 'test', 'fixtures', 'valid')];
    const files = folders.flatMap((folder) =>
      readdirSync(folder)
        .filter((f) => /\.ya?ml$/.test(f))
        .map((f) => join(folder, f)),
    );
    assert.ok(files.length >= 5, `fixtures found: ${files.length}`);
    for (const file of files) {
      const uri = `file://${file}`;
      const diagnostics = await openAndWait(uri, readFileSync(file, 'utf8'));
      const wrong = diagnostics.filter((d) => d.severity === ERROR || d.code === 'schema');
      assert.deepEqual(wrong, [], file);
    }
  });
});
