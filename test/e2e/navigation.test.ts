// Navigation in a real VS Code (code-server), with the YAML extension installed next to ours: F12 on a Module's
// config key opens the resource file at the item, Shift+F12 lists an alias's uses, a mapped httpURL is a link to
// the local file, inlay hints show the defaults and Go types (and follow their
// setting), F2 renames an alias across files, and nothing doubles with the YAML extension. Red Hat's .vsix cannot
// be downloaded here, so the YAML extension is the stand-in of test/e2e/peer-yaml (same id, same language
// server, same contributor API); its `yamlStandIn.ignoreContributors` setting is the control that shows the
// doubling our contributor prevents.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { codeServerInstalled, startCodeServer, type CodeServer } from './harness/codeServer';
import { Workbench } from './harness/workbench';
import { packagedVsix } from './harness/vsix';
import { peerYamlVsix } from './harness/peerYaml';
import { poll } from './harness/poll';

/** Go's caches of this machine and the host tests' plugin-check cache, so plugin check runs warm. */
function goEnv(): Record<string, string> {
  const env = JSON.parse(
    execFileSync('go', ['env', '-json', 'GOROOT', 'GOCACHE', 'GOMODCACHE', 'GOPATH', 'GOPROXY', 'GOFLAGS'], {
      encoding: 'utf8',
    }),
  ) as Record<string, unknown>;
  const go = Object.fromEntries(Object.entries(env).filter(([, v]) => typeof v === 'string' && v)) as Record<
    string,
    string
  >;
  return { ...go, FORKSPACER_CACHE_DIR: join(__dirname, '..', '..', '..', 'test', '.work', 'host', 'cache') };
}

const skip = codeServerInstalled() ? false : 'code-server is not installed: run scripts/setup-e2e.sh';
const PREFIX = 'https://example.com/res/';

const RESOURCE = `kind: Custom
metadata:
  name: app
  version: 1.0.0
  supportedOperatorVersion: ">= 0.0.0, < 1.0.0"
config:
  - type: option
    name: Environment
    alias: env
    spec:
      default: development
      values: [development, staging, production]
      editable: true
  - type: integer
    name: Replicas
    alias: replicas
    spec:
      default: 1
      editable: true
  - type: boolean
    name: Debug
    alias: debug
    spec:
      editable: true
spec:
  repo:
    file: https://example.com/plugins/app.so
`;

function module(name: string, config: string): string {
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

/** A schema a user associated with every YAML file (it knows a Module's `spec.hibernated` and `spec.workspace`). */
const USER_SCHEMA = {
  type: 'object',
  properties: {
    spec: {
      type: 'object',
      properties: {
        hibernated: { type: 'boolean', description: 'Hibernated, says the user schema.' },
        workspace: { type: 'object', description: 'The workspace, says the user schema.' },
      },
    },
  },
};

const WEB = module('web', '    env: staging\n    replicas: 3\n');

/** 1-based line of the first line containing `needle`. */
function lineNo(text: string, needle: string): number {
  const index = text.split('\n').findIndex((l) => l.includes(needle));
  if (index === -1) throw new Error(`'${needle}' not found`);
  return index + 1;
}

describe('navigation in VS Code, next to the YAML extension', { skip }, () => {
  let server: CodeServer;
  let wb: Workbench;
  let dir: string;
  let http: Server;
  let remoteModule: string;

  /** Writes the workspace's .vscode/settings.json (VS Code follows it; code-server does not re-read the user file). */
  function setSettings(extra: Record<string, unknown>): void {
    writeFileSync(join(dir, '.vscode', 'settings.json'), JSON.stringify(extra, null, 2));
  }

  before(async () => {
    // Not under test/e2e/.work: yaml-language-server's `**` never enters a dot-folder, so the user schema
    // associated with `*.yaml` would match nothing there.
    dir = mkdtempSync(join(tmpdir(), 'forkspacer-e2e-navigation-'));
    for (const d of ['resources', 'modules', 'other', 'schemas', '.vscode'])
      mkdirSync(join(dir, d), { recursive: true });
    writeFileSync(join(dir, 'resources', 'app.yaml'), RESOURCE);
    writeFileSync(join(dir, 'modules', 'web.yaml'), WEB);
    writeFileSync(join(dir, 'modules', 'api.yaml'), module('api', '    env: production\n'));
    writeFileSync(join(dir, 'modules', 'syntax.yaml'), module('broken', '    env: [staging\n'));
    writeFileSync(join(dir, 'other', 'broken.yaml'), 'services:\n  web: [1, 2\n');
    writeFileSync(join(dir, 'schemas', 'user.schema.json'), JSON.stringify(USER_SCHEMA));
    // A resource that is only on a web server (127.0.0.1): F12 shows the fetched text read-only.
    http = createServer((req, res) =>
      req.url === '/remote-resource.yaml' ? res.end(RESOURCE) : res.writeHead(404).end(),
    );
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}/remote-resource.yaml`;
    remoteModule = module('remote', '    replicas: 2\n').replace(`${PREFIX}app.yaml`, url);
    writeFileSync(join(dir, 'modules', 'remote.yaml'), remoteModule);
    // The seed's my-plugin as written (plugin check: config["replicas"].(int) panics for every Module).
    cpSync(
      join(__dirname, '..', '..', '..', 'test', 'go', 'plugins', 'seed-my-plugin'),
      join(dir, 'plugins', 'my-plugin'),
      {
        recursive: true,
      },
    );
    const [vsix, peer] = [packagedVsix(), peerYamlVsix()];
    const settings = {
      'forkspacer.resources.urlMappings': { [PREFIX]: join(dir, 'resources') },
      // A user who associated a schema with every YAML file (like the common `"kubernetes": "*.yaml"`).
      'yaml.schemas': { [join(dir, 'schemas', 'user.schema.json')]: '*.yaml' },
      'yaml.schemaStore.enable': false,
      'editor.inlayHints.enabled': 'on',
      'editor.hover.delay': 100,
      // The code-server's PATH may lack go: plugin check runs this one.
      'forkspacer.goPath': join(goEnv().GOROOT ?? '/usr/local/go', 'bin', 'go'),
    };
    server = await startCodeServer({
      name: 'navigation',
      workspace: dir,
      vsix,
      extraVsix: [peer],
      trusted: true,
      settings,
      env: goEnv(),
    });
    wb = await Workbench.open(server.folderUrl, 'navigation');
  });

  after(async () => {
    await wb?.close();
    await server?.stop();
    http?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Opens a file by name; a screenshot tells what was on screen when it could not. */
  async function openFile(name: string): Promise<void> {
    try {
      // A file already open in a tab is brought forward by its tab (quick open does not always switch to it).
      const tab = wb.page.locator(`.tab[aria-label^="${name}"]`).first();
      if (await tab.count()) {
        await tab.click();
        await wb.page.locator(`.tab.active[aria-label^="${name}"]`).waitFor();
        return;
      }
      await wb.openFile(name);
    } catch (error) {
      await wb.screenshot(`open-${name}-failed`);
      throw error;
    }
  }

  async function selection(): Promise<string> {
    return (await wb.page.locator('[id="status.editor.selection"]').innerText()).trim();
  }

  test("F12 on a Module's config key opens the resource file at the item", async () => {
    await openFile('web.yaml');
    // The server answers once it has the URL mapping: ask until the definition opens the resource.
    await poll(
      'app.yaml opened by F12',
      async () => {
        await wb.goTo(lineNo(WEB, '    env: staging'), 6);
        await wb.page.keyboard.press('F12');
        return wb.page
          .locator('.tab.active[aria-label^="app.yaml"]')
          .waitFor({ timeout: 2000 })
          .then(
            () => true,
            () => false,
          );
      },
      60_000,
    );
    await poll('the cursor on the alias', async () =>
      (await selection()).startsWith(`Ln ${lineNo(RESOURCE, 'alias: env')},`),
    );
    await wb.screenshot('definition');
  });

  test('F12 on a key of a Module whose resource is fetched opens the fetched text, read-only, at the item', async () => {
    await openFile('remote.yaml');
    await poll(
      'the fetched resource opened by F12',
      async () => {
        await wb.goTo(lineNo(remoteModule, '    replicas: 2'), 6);
        await wb.page.keyboard.press('F12');
        return wb.page
          .locator('.tab.active[aria-label^="remote-resource.yaml"]')
          .waitFor({ timeout: 2000 })
          .then(
            () => true,
            () => false,
          );
      },
      60_000,
    );
    await poll('the cursor on the alias', async () =>
      (await selection()).startsWith(`Ln ${lineNo(RESOURCE, 'alias: replicas')},`),
    );
    const before = await wb.editorText();
    assert.match(before, /alias: replicas/);
    await wb.page.keyboard.type('xyz');
    await new Promise((r) => setTimeout(r, 500));
    assert.equal(await wb.editorText(), before, 'the fetched resource cannot be edited');
    await wb.screenshot('definition-fetched');
  });

  test('inlay hints show what the operator fills in and the Go type a Module value has, and follow their setting', async () => {
    await openFile('web.yaml');
    await poll('inlay hints in web.yaml', async () => {
      const text = await wb.editorText();
      return text.includes('debug: false (zero value)') && text.includes('float64');
    });
    await wb.screenshot('inlay-hints');
    setSettings({ 'forkspacer.inlayHints.defaults': false });
    await poll('the defaults hidden', async () => {
      const text = await wb.editorText();
      return !text.includes('debug: false') && text.includes('float64');
    });
    setSettings({});
    await poll('the defaults back', async () => (await wb.editorText()).includes('debug: false (zero value)'));
  });

  test('completion and hover on a Forkspacer file are not doubled by the YAML extension', async () => {
    await openFile('web.yaml');
    // Completion on a new line among spec's keys (`  |`), then the line is removed again.
    const labels = async (): Promise<string[]> => {
      await wb.goTo(lineNo(WEB, '  workspace:'), 1);
      await wb.page.keyboard.press('Enter');
      await wb.page.keyboard.press('ArrowUp');
      await wb.page.keyboard.press('Home');
      await wb.page.keyboard.type('  ');
      await wb.page.keyboard.press('Control+Space');
      const rows = wb.page.locator('.editor-widget.suggest-widget.visible .monaco-list-row .label-name');
      const found = await rows
        .first()
        .waitFor({ timeout: 5000 })
        .then(
          () => rows.allInnerTexts(),
          () => [] as string[],
        );
      await wb.page.keyboard.press('Escape');
      await wb.page.keyboard.press('Control+Shift+K');
      await poll('web.yaml as written', async () => (await wb.editorText()).includes('spec:\n  workspace:'));
      return found;
    };
    const hoverText = async (): Promise<string> => {
      await wb.goTo(lineNo(WEB, '  workspace:'), 5);
      await wb.page.keyboard.press('Control+K');
      await wb.page.keyboard.press('Control+I');
      const hover = wb.page.locator('.monaco-hover:not(.hidden)').first();
      await hover.waitFor();
      await new Promise((r) => setTimeout(r, 1000)); // a second provider's part arrives later
      const text = await hover.innerText();
      await wb.page.keyboard.press('Escape');
      return text;
    };
    const count = (list: string[], label: string) => list.filter((l) => l === label).length;

    // Control: the YAML extension ignoring our contributor (as without this extension's coexistence) doubles them.
    setSettings({ 'yamlStandIn.ignoreContributors': true });
    let last: string[] = [];
    const doubled = await poll('doubled items with the control on', async () => {
      last = await labels();
      return count(last, 'hibernated') === 2 ? last : undefined;
    }).catch(async (error: Error) => {
      await wb.screenshot('control-not-doubled');
      throw new Error(`${error.message}; last list: ${last.join(', ')}`);
    });
    const doubledHover = await hoverText();
    await wb.screenshot('control-doubled-completion');

    setSettings({});
    const single = await poll('single items', async () => {
      const found = await labels();
      return count(found, 'hibernated') === 1 ? found : undefined;
    });
    await wb.screenshot('completion-single');
    const duplicates = single.filter((l, i) => single.indexOf(l) !== i);
    assert.deepEqual(duplicates, [], `no label twice: ${single.join(', ')} (control: ${doubled.join(', ')})`);
    const hover = await hoverText();
    assert.doesNotMatch(hover, /says the user schema/, `only our hover: ${hover}`);
    assert.match(hover, /Workspace/, `our hover is there: ${hover}`);
    assert.match(
      doubledHover,
      /says the user schema/,
      `the control shows the YAML extension's hover too: ${doubledHover}`,
    );
  });

  test('a YAML syntax error is reported once, by the YAML extension, next to our verdicts', async () => {
    await openFile('broken.yaml');
    await wb.showProblems();
    await poll('the YAML extension validating a non-Forkspacer file', async () =>
      (await wb.problemRows()).some((r) => r.includes('broken.yaml') || /YAML/.test(r)),
    );
    await openFile('syntax.yaml');
    const line = lineNo(module('broken', '    env: [staging\n'), 'env: [staging');
    const rows = await poll('syntax.yaml in Problems', async () => {
      const all = await wb.problemRows();
      const mine = all.filter((r) => /YAML|forkspacer/.test(r) && r.includes(`[Ln `));
      return mine.length ? all : undefined;
    });
    await new Promise((r) => setTimeout(r, 1500)); // both servers have published by now
    const final = await wb.problemRows();
    await wb.screenshot('syntax-once');
    const peerRows = final.filter((r) => /\bYAML\b/.test(r));
    const ourSyntaxRows = final.filter((r) => /forkspacer/.test(r) && /yaml-syntax/.test(r));
    assert.ok(
      peerRows.length > 0,
      `the YAML extension reports the syntax error: ${final.join(' | ')} (${rows.length})`,
    );
    assert.deepEqual(ourSyntaxRows, [], `ours is not shown twice: ${final.join(' | ')} (line ${line})`);
  });

  test('Shift+F12 on an alias lists the Module keys that use it, in files not open too', async () => {
    await openFile('app.yaml');
    const refs = wb.page.locator('.peekview-widget');
    const text = await poll(
      'the references peek with web.yaml and api.yaml',
      async () => {
        await wb.goTo(lineNo(RESOURCE, 'alias: env'), 12);
        await wb.page.keyboard.press('Shift+F12');
        const shown = await refs
          .first()
          .waitFor({ timeout: 3000 })
          .then(
            () => refs.first().innerText(),
            () => '',
          );
        if (/web\.yaml/.test(shown) && /api\.yaml/.test(shown)) return shown;
        await wb.page.keyboard.press('Escape');
        return undefined;
      },
      60_000,
    );
    await wb.screenshot('references');
    // Only Modules whose resource is this one: remote.yaml's resource is fetched from elsewhere.
    assert.doesNotMatch(text, /remote\.yaml/);
    await wb.page.keyboard.press('Escape');
  });

  test("a document link on a Module's mapped httpURL opens the local resource file", async () => {
    await openFile('web.yaml');
    await poll(
      'app.yaml opened by Open Link',
      async () => {
        await wb.goTo(lineNo(WEB, 'httpURL:'), 20);
        await wb.runCommand('Open Link');
        return wb.page
          .locator('.tab.active[aria-label^="app.yaml"]')
          .waitFor({ timeout: 2000 })
          .then(
            () => true,
            () => false,
          );
      },
      60_000,
    );
    await wb.screenshot('document-link');
  });

  test("opening a plugin's main.go shows plugin check's finding in Problems, on its line", async () => {
    await openFile('main.go');
    await wb.showProblems();
    const row = await poll(
      'the panicking assertion in Problems',
      async () => (await wb.problemRows()).find((r) => r.includes('config["replicas"].(int) panics')),
      10 * 60_000,
    );
    await wb.screenshot('plugin-check-problems');
    assert.match(row, /plugin-config-panic/);
    assert.match(row, /\[Ln 46, Col 20\]/);
  });

  test('F2 renames an alias in the resource and in every Module, open or not', async () => {
    await openFile('web.yaml');
    await wb.goTo(lineNo(WEB, '    env: staging'), 6);
    await wb.page.keyboard.press('F2');
    const input = wb.page.locator('.rename-box input, .rename-box textarea').first();
    await input.waitFor();
    await input.fill('environment');
    await wb.screenshot('rename-input');
    await wb.page.keyboard.press('Enter');
    await poll('web.yaml renamed', async () => (await wb.editorText()).includes('environment: staging'));
    await openFile('app.yaml');
    await poll('the resource renamed', async () => (await wb.editorText()).includes('alias: environment'));
    await openFile('api.yaml');
    await poll('the unopened Module renamed', async () => (await wb.editorText()).includes('environment: production'));
    await wb.screenshot('renamed');
  });
});
