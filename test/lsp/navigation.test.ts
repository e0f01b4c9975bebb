// Go to definition, references, rename, document links and inlay hints over stdio, on a workspace written to a
// temp folder (navigationFixtures.ts): Modules whose httpURL is mapped to local resources, a Helm resource with
// templates, multi-document files, files that are only on disk, unsaved edits, watched-file events.
// Run `node esbuild.mjs` first.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type {
  DocumentLink,
  InlayHint,
  Location,
  LocationLink,
  Position,
  WorkspaceEdit,
} from 'vscode-languageserver-types';
import { LspClient } from './lspClient';
import { applyEdits, lineOf } from './fixtures';
import { navigationWorkspace, PREFIX, type NavigationWorkspace } from './navigationFixtures';

let ws: NavigationWorkspace;
let client: LspClient;
let httpServer: Server;
let remoteBase = '';

const REMOTE_RESOURCE = `# served over HTTP
kind: Custom
metadata:
  name: remote
  version: 1.0.0
  supportedOperatorVersion: ">= 0.0.0"
config:
  - type: integer
    name: Workers
    alias: workers
    spec:
      default: 1
      editable: true
spec:
  repo:
    file: https://example.com/remote.so
`;

/** The position of the `n`-th occurrence of `needle` in the file at `uri` (plus `offset` characters). */
function at(text: string, needle: string, offset = 1, occurrence = 0): Position {
  let from = -1;
  for (let i = 0; i <= occurrence; i++) {
    from = text.indexOf(needle, from + 1);
    if (from === -1) throw new Error(`'${needle}' #${occurrence} not found`);
  }
  const before = text.slice(0, from + offset);
  const line = before.split('\n').length - 1;
  return { line, character: before.length - before.lastIndexOf('\n') - 1 };
}

function open(relative: string, text?: string): { uri: string; text: string } {
  const uri = ws.uri(relative);
  const content = text ?? readFileSync(ws.path(relative), 'utf8');
  client.open(uri, content);
  return { uri, text: content };
}

async function definition(uri: string, position: Position): Promise<LocationLink[]> {
  return (
    (await client.request<LocationLink[] | null>('textDocument/definition', { textDocument: { uri }, position })) ?? []
  );
}

async function references(uri: string, position: Position, includeDeclaration = true): Promise<Location[]> {
  return client.request<Location[]>('textDocument/references', {
    textDocument: { uri },
    position,
    context: { includeDeclaration },
  });
}

async function prepareRename(uri: string, position: Position): Promise<unknown> {
  return client.request('textDocument/prepareRename', { textDocument: { uri }, position });
}

async function rename(uri: string, position: Position, newName: string): Promise<WorkspaceEdit> {
  return client.request<WorkspaceEdit>('textDocument/rename', { textDocument: { uri }, position, newName });
}

function sorted(locations: Location[]): string[] {
  return locations
    .map((l) => `${l.uri.slice(ws.uri('').length + 1)}:${l.range.start.line}:${l.range.start.character}`)
    .sort();
}

function textAt(text: string, range: Location['range']): string {
  const lines = text.split('\n');
  return lines[range.start.line]!.slice(range.start.character, range.end.character);
}

before(async () => {
  ws = navigationWorkspace();
  httpServer = createServer((req, res) => {
    if (req.url === '/remote.yaml') res.end(REMOTE_RESOURCE);
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  remoteBase = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`;
  client = await LspClient.start({
    trusted: true,
    rootUri: ws.uri(''),
    settings: { resources: { urlMappings: { [PREFIX]: ws.path('resources') } } },
  });
  // The settings (the URL mapping) arrive after initialize: a Module validated clean has them.
  const { uri } = open('modules/a.yaml');
  await client.waitForDiagnostics(uri, (d) => d.length === 0);
});

/** Opens a document for one test; `done` closes it so that it no longer counts as part of the workspace. */
function openForTest(relative: string, text: string): { uri: string; text: string; done: () => void } {
  const opened = open(relative, text);
  return { ...opened, done: () => client.close(opened.uri) };
}

/** 0-based line of the first line equal to `line` at or after line `from`. */
function exactLine(text: string, line: string, from = 0): number {
  const index = text.split('\n').indexOf(line, from);
  if (index === -1) throw new Error(`no line '${line}'`);
  return index;
}

after(async () => {
  await client.stop();
  httpServer.close();
  rmSync(ws.dir, { recursive: true, force: true });
});

describe('go to definition', () => {
  it("goes from a Module's config key to the item in the mapped resource file", async () => {
    const { uri, text } = open('modules/a.yaml');
    const [link] = await definition(uri, at(text, '    replicas: 3', 6));
    assert.ok(link, 'a definition');
    assert.equal(link.targetUri, ws.uri('resources/app.yaml'));
    const resource = readFileSync(ws.path('resources/app.yaml'), 'utf8');
    assert.equal(link.targetSelectionRange.start.line, lineOf(resource, 'alias: replicas'));
    assert.equal(textAt(resource, link.targetSelectionRange), 'replicas');
    assert.equal(link.targetRange.start.line, lineOf(resource, 'type: integer'), 'the whole item');
    assert.equal(textAt(text, link.originSelectionRange!), 'replicas');
  });

  it("goes to the item in the Module's own source.raw (second Module of a multi-document file)", async () => {
    const { uri, text } = open('modules/b.yaml');
    const key = at(text, '    env: b', 5);
    const [link] = await definition(uri, key);
    assert.equal(link?.targetUri, uri);
    assert.equal(link!.targetSelectionRange.start.line, lineOf(text, 'alias: env', lineOf(text, 'name: inline')));
    // The first Module of the file (after a Deployment) still goes to its mapped file.
    const [mapped] = await definition(uri, at(text, '    env: production', 5));
    assert.equal(mapped?.targetUri, ws.uri('resources/app.yaml'));
  });

  it('goes from a Helm template reference to its item, in both template forms', async () => {
    const { uri, text } = open('resources/redis.yaml');
    for (const position of [
      at(text, '.config.replicaCount', 9),
      at(text, 'index .config', 16),
      at(text, '.config.version', 10),
    ]) {
      const [link] = await definition(uri, position);
      assert.ok(link, JSON.stringify(position));
      assert.equal(link.targetUri, uri);
      assert.match(text.split('\n')[link.targetSelectionRange.start.line]!, /alias: (replicaCount|version)/);
    }
  });

  it('goes to the item the operator uses when an alias repeats (the last one)', async () => {
    const { uri, text } = open('modules/repeated.yaml');
    const [link] = await definition(uri, at(text, '    mode: x', 5));
    const resource = readFileSync(ws.path('resources/repeated.yaml'), 'utf8');
    assert.equal(
      link?.targetSelectionRange.start.line,
      lineOf(resource, 'alias: mode', lineOf(resource, 'Mode (last)')),
    );
  });

  it('goes from source.httpURL to the mapped file and from a local repo.file to the plugin source', async () => {
    const { uri, text } = open('modules/a.yaml');
    const [file] = await definition(uri, at(text, 'httpURL: ', 12));
    assert.equal(file?.targetUri, ws.uri('resources/app.yaml'));
    const resource = open('resources/app.yaml');
    const [plugin] = await definition(resource.uri, at(resource.text, '../plugins/demo', 3));
    assert.equal(plugin?.targetUri, ws.uri('plugins/demo/main.go'), 'the file that declares NewManager');
  });

  it('opens a fetched resource read-only: a forkspacer-resource: URI whose text the server serves', async () => {
    const url = `${remoteBase}/remote.yaml`;
    const text = `apiVersion: batch.forkspacer.com/v1
kind: Module
metadata:
  name: remote
spec:
  workspace:
    name: dev
  source:
    httpURL: ${url}
  config:
    workers: 2
`;
    const uri = ws.write('modules/remote.yaml', text);
    client.open(uri, text);
    const [link] = await definition(uri, at(text, 'workers: 2', 2));
    assert.ok(link, 'a definition into the fetched resource');
    assert.match(link.targetUri, /^forkspacer-resource:\/127\.0\.0\.1(%3A|:)\d+\/remote\.yaml\?url/);
    const served = await client.request<{ text?: string; error?: string }>('forkspacer/resourceText', { url });
    assert.equal(served.text, REMOTE_RESOURCE);
    assert.equal(textAt(REMOTE_RESOURCE, link.targetSelectionRange), 'workers');
    const [whole] = await definition(uri, at(text, 'httpURL: ', 12));
    assert.equal(whole?.targetUri, link.targetUri);
    await assert.rejects(prepareRename(uri, at(text, 'workers: 2', 2)), /fetched from .* read-only/);
    const missing = await client.request<{ error?: string }>('forkspacer/resourceText', {
      url: `${remoteBase}/nope.yaml`,
    });
    assert.match(missing.error ?? '', /404/);
  });

  it('answers nothing for a key the resource does not define and for a Module it cannot resolve', async () => {
    const text = `${readFileSync(ws.path('modules/a.yaml'), 'utf8')}    unknownKey: 1\n`;
    const { uri, done } = openForTest('modules/a-unknown.yaml', text);
    assert.deepEqual(await definition(uri, at(text, 'unknownKey', 2)), []);
    done();
    const cm = open('modules/cm.yaml');
    assert.deepEqual(await definition(cm.uri, at(cm.text, 'env: staging', 1)), []);
  });
});

describe('find references', () => {
  it('finds every Module key and the item from the item, in files that are not open', async () => {
    const { uri, text } = open('resources/app.yaml');
    const found = sorted(await references(uri, at(text, 'alias: env', 8)));
    const a = readFileSync(ws.path('modules/a.yaml'), 'utf8');
    const b = readFileSync(ws.path('modules/b.yaml'), 'utf8');
    assert.deepEqual(found, [
      `modules/a.yaml:${lineOf(a, '    env: staging')}:4`,
      `modules/b.yaml:${lineOf(b, '    env: production')}:4`,
      `resources/app.yaml:${lineOf(text, 'alias: env')}:11`,
    ]);
    // node_modules is never indexed, and the inline Module's own `env` is another resource's alias.
    assert.ok(!found.some((f) => f.includes('node_modules')));
    const withoutDeclaration = await references(uri, at(text, 'alias: env', 8), false);
    assert.equal(withoutDeclaration.length, 2);
  });

  it('finds the same from a Module key, and templates of a Helm resource', async () => {
    const { uri, text } = open('modules/a.yaml');
    assert.equal((await references(uri, at(text, '    env: staging', 5))).length, 3);
    const redis = open('modules/redis.yaml');
    const found = await references(redis.uri, at(redis.text, 'replicaCount: 2', 2));
    // The item, the Module key, and three template references (one in `index .config "..."` form).
    assert.equal(found.length, 5, JSON.stringify(found));
    assert.equal(found.filter((l) => l.uri === ws.uri('resources/redis.yaml')).length, 4);
  });

  it('finds both items of a repeated alias', async () => {
    const { uri, text } = open('resources/repeated.yaml');
    assert.equal((await references(uri, at(text, 'alias: mode', 8))).length, 3);
  });

  it('uses the unsaved text of an open document instead of the file on disk', async () => {
    const b = readFileSync(ws.path('modules/b.yaml'), 'utf8');
    const edited = b.replace('    env: production\n', '    owner: you\n    env: production\n    # moved\n');
    const uri = ws.uri('modules/b.yaml');
    client.change(uri, edited);
    const resource = open('resources/app.yaml');
    const found = sorted(await references(resource.uri, at(resource.text, 'alias: env', 8)));
    assert.ok(found.includes(`modules/b.yaml:${lineOf(edited, '    env: production')}:4`), found.join(' '));
    client.change(uri, b);
  });

  it('follows files created, changed and deleted on disk (workspace/didChangeWatchedFiles)', async () => {
    const resource = open('resources/app.yaml');
    const position = at(resource.text, 'alias: debug', 8);
    assert.equal((await references(resource.uri, position)).length, 1, 'only the item');
    const created = ws.write('modules/c.yaml', `${DEPLOY_NOTE}${moduleBody('c', '    debug: true\n')}`);
    void client.connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [{ uri: created, type: 1 }],
    });
    assert.equal((await references(resource.uri, position)).length, 2);
    writeFileSync(ws.path('modules/c.yaml'), moduleBody('c', '    env: staging\n'));
    void client.connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [{ uri: created, type: 2 }],
    });
    assert.equal((await references(resource.uri, position)).length, 1);
    rmSync(ws.path('modules/c.yaml'));
    void client.connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [{ uri: created, type: 3 }],
    });
    assert.equal((await references(resource.uri, at(resource.text, 'alias: env', 8))).length, 3);
  });
});

const DEPLOY_NOTE = '# created while the server runs\n';
function moduleBody(name: string, config: string): string {
  return `apiVersion: batch.forkspacer.com/v1
kind: Module
metadata:
  name: ${name}
spec:
  workspace:
    name: dev
  source:
    httpURL: ${PREFIX}app.yaml
  config:
${config}`;
}

describe('rename', () => {
  it('renames an alias in the resource, every Module that uses it (open or not) and nothing else', async () => {
    const { uri, text } = open('modules/a.yaml');
    const position = at(text, '    env: staging', 5);
    const prepared = (await prepareRename(uri, position)) as { placeholder: string };
    assert.equal(prepared.placeholder, 'env');
    const edit = await rename(uri, position, 'environment');
    const changes = edit.changes ?? {};
    assert.deepEqual(Object.keys(changes).sort(), [
      ws.uri('modules/a.yaml'),
      ws.uri('modules/b.yaml'),
      ws.uri('resources/app.yaml'),
    ]);
    const b = readFileSync(ws.path('modules/b.yaml'), 'utf8');
    const renamedB = applyEdits(b, changes[ws.uri('modules/b.yaml')]!);
    assert.match(renamedB, / {4}environment: production/);
    assert.match(renamedB, / {4}env: b\n/, "the inline Module's own alias is another resource's");
    const renamedResource = applyEdits(
      readFileSync(ws.path('resources/app.yaml'), 'utf8'),
      changes[ws.uri('resources/app.yaml')]!,
    );
    assert.match(renamedResource, /alias: environment/);
  });

  it('renames a Helm alias in its templates, keeping the quotes of a quoted alias', async () => {
    const { uri, text } = open('resources/redis.yaml');
    const edit = await rename(uri, at(text, 'alias: replicaCount', 8), 'replicas');
    const renamed = applyEdits(text, edit.changes![uri]!);
    assert.match(renamed, /alias: replicas\n/);
    assert.match(renamed, /replicaCount: "\{\{ \.config\.replicas \}\}"/);
    assert.match(renamed, /\{\{ index \.config \\"replicas\\" \}\} and \{\{ \.config\.replicas \}\}/);
    const module = applyEdits(
      readFileSync(ws.path('modules/redis.yaml'), 'utf8'),
      edit.changes![ws.uri('modules/redis.yaml')]!,
    );
    assert.match(module, / {4}replicas: 2/);
    const app = open('resources/app.yaml');
    const quoted = await rename(app.uri, at(app.text, '"features"', 2), 'flags');
    assert.match(applyEdits(app.text, quoted.changes![app.uri]!), /alias: "flags"/);
  });

  it('edits files not open as they are on disk now, even when the index has not seen the change', async () => {
    const created = ws.write('modules/fresh.yaml', moduleBody('fresh', '    env: staging\n'));
    void client.connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [{ uri: created, type: 1 }],
    });
    const resource = open('resources/app.yaml');
    assert.equal((await references(resource.uri, at(resource.text, 'alias: env', 8))).length, 4);
    // Lines added on disk with no watched-file event: the rename's ranges must still be right.
    const moved = `# one\n# two\n${moduleBody('fresh', '    replicas: 2\n    env: staging\n')}`;
    writeFileSync(ws.path('modules/fresh.yaml'), moved);
    const edit = await rename(resource.uri, at(resource.text, 'alias: env', 8), 'stage');
    assert.match(applyEdits(moved, edit.changes![created]!), / {4}replicas: 2\n {4}stage: staging\n/);
    rmSync(ws.path('modules/fresh.yaml'));
    void client.connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [{ uri: created, type: 3 }],
    });
  });

  it('renames both items of a repeated alias', async () => {
    const { uri, text } = open('resources/repeated.yaml');
    const edit = await rename(uri, at(text, 'alias: mode', 8), 'style');
    assert.equal(edit.changes![uri]!.length, 2);
    assert.equal(edit.changes![ws.uri('modules/repeated.yaml')]!.length, 1);
  });

  it('refuses, with a message, where renaming makes no sense', async () => {
    const { uri, text } = open('modules/a.yaml');
    await assert.rejects(prepareRename(uri, at(text, 'name: a', 7)), /Only a config alias can be renamed/);
    const unknown = `${text}    unknownKey: 1\n`;
    const other = openForTest('modules/a-unknown-2.yaml', unknown);
    await assert.rejects(prepareRename(other.uri, at(unknown, 'unknownKey', 2)), /not an alias of Custom resource app/);
    other.done();
    const cm = open('modules/cm.yaml');
    await assert.rejects(prepareRename(cm.uri, at(cm.text, 'env: staging', 1)), /ConfigMap default\/my-resource/);
    await assert.rejects(
      rename(uri, at(text, '    env: staging', 5), 'replicas'),
      /already has a config item with the alias 'replicas'/,
    );
    await assert.rejects(rename(uri, at(text, '    env: staging', 5), '  '), /cannot be empty/);
    const redis = open('resources/redis.yaml');
    await assert.rejects(
      rename(redis.uri, at(redis.text, 'alias: version', 8), 'chart-version'),
      /letters, digits and _ only/,
    );
    // A file with no Forkspacer document: no answer (another extension may rename its YAML anchors).
    const deployment = open('deploy.yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: x\n');
    assert.equal(await prepareRename(deployment.uri, { line: 3, character: 9 }), null);
  });

  it('refuses a Module whose mapped file does not exist', async () => {
    const text = moduleBody('lost', '    env: staging\n').replace('app.yaml', 'missing.yaml');
    const { uri, done } = openForTest('modules/lost.yaml', text);
    await assert.rejects(prepareRename(uri, at(text, 'env: staging', 1)), /missing\.yaml, which does not exist/);
    done();
  });
});

describe('document links', () => {
  it('links a mapped httpURL to its file and a local repo.file to its folder, not plain URLs', async () => {
    const { uri } = open('modules/a.yaml');
    const links = await client.request<DocumentLink[]>('textDocument/documentLink', { textDocument: { uri } });
    assert.deepEqual(
      links.map((l) => l.target),
      [ws.uri('resources/app.yaml')],
    );
    assert.match(links[0]!.tooltip ?? '', /resources\/app\.yaml \(mapped by forkspacer\.resources\.urlMappings\)/);
    const resource = open('resources/app.yaml');
    const resourceLinks = await client.request<DocumentLink[]>('textDocument/documentLink', {
      textDocument: { uri: resource.uri },
    });
    assert.deepEqual(
      resourceLinks.map((l) => l.target),
      [ws.uri('plugins/demo')],
    );
    const b = open('modules/b.yaml');
    const bLinks = await client.request<DocumentLink[]>('textDocument/documentLink', { textDocument: { uri: b.uri } });
    assert.deepEqual(
      bLinks.map((l) => l.target),
      [ws.uri('resources/app.yaml'), ws.uri('modules/plugins/inline')],
    );
    const repeated = open('resources/repeated.yaml');
    assert.deepEqual(
      await client.request<DocumentLink[]>('textDocument/documentLink', { textDocument: { uri: repeated.uri } }),
      [],
      'an https plugin URL is left to the editor',
    );
  });
});

describe('inlay hints', () => {
  async function hints(uri: string): Promise<InlayHint[]> {
    return client.request<InlayHint[]>('textDocument/inlayHint', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 10_000, character: 0 } },
    });
  }
  const label = (h: InlayHint) => (typeof h.label === 'string' ? h.label : h.label.map((p) => p.value).join(''));

  it('shows the defaults of omitted items and the Go types the plugin receives', async () => {
    const { uri, text } = open('modules/a.yaml');
    const found = await hints(uri);
    const configLine = lineOf(text, '  config:');
    const defaults = found.filter((h) => h.position.line === configLine).map(label);
    assert.deepEqual(defaults, ['debug: false (zero value)', 'features: [] (zero value, []string)']);
    const replicas = found.find((h) => h.position.line === lineOf(text, '    replicas: 3'));
    assert.equal(replicas && label(replicas), 'float64');
    assert.equal(replicas!.position.character, '    replicas: 3'.length);
    // owner is required: no default is applied, the error says so.
    assert.ok(!found.some((h) => label(h).startsWith('owner')));
  });

  it('shows an integer default as int, in the second document of a file', async () => {
    const text = `${readFileSync(ws.path('modules/a.yaml'), 'utf8')}---\n${moduleBody('d', '    owner: x\n')}`;
    const { uri, done } = openForTest('modules/two.yaml', text);
    const found = (await hints(uri)).filter(
      (h) => h.position.line === exactLine(text, '  config:', exactLine(text, '  name: d')),
    );
    done();
    assert.deepEqual(found.map(label), [
      'env: development (default)',
      'replicas: 1 (default, int)',
      'debug: false (zero value)',
      'features: [] (zero value, []string)',
    ]);
  });

  it('follows the forkspacer.inlayHints settings', async () => {
    const { uri } = open('modules/a.yaml');
    client.settings = { ...client.settings, inlayHints: { defaults: false, goTypes: true } };
    void client.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
    await waitFor(async () => (await hints(uri)).every((h) => label(h) === 'float64'));
    client.settings = { ...client.settings, inlayHints: { defaults: false, goTypes: false } };
    void client.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
    await waitFor(async () => (await hints(uri)).length === 0);
    client.settings = { ...client.settings, inlayHints: { defaults: true, goTypes: true } };
    void client.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
    await waitFor(async () => (await hints(uri)).length === 3);
  });
});

async function waitFor(probe: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('robustness', () => {
  it('answers empty on garbage and never dies', async () => {
    const garbage = 'kind: Module\napiVersion: batch.forkspacer.com/v1\nspec:\n  config: {{{\n\t- ]\n';
    const { uri } = open('modules/garbage.yaml', garbage);
    for (let line = 0; line < 6; line++)
      for (const character of [0, 3, 8]) {
        await definition(uri, { line, character });
        await references(uri, { line, character });
        await prepareRename(uri, { line, character }).catch(() => undefined);
      }
    assert.ok(client.alive);
  });
});
