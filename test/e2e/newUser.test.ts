// Issue 11, "What a new user stumbled on", replayed in a real VS Code (code-server + Playwright): each step does
// what the user did and checks what they should have seen. Screenshots: test-artifacts/e2e/new-user*/.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { codeServerInstalled, startCodeServer, type CodeServer } from './harness/codeServer';
import { Workbench } from './harness/workbench';
import { packagedVsix } from './harness/vsix';
import { moduleYaml } from './harness/workspace';
import { GiveUp, poll } from './harness/poll';
import { ARTIFACTS, ROOT, WORK } from './harness/paths';

const skip = codeServerInstalled() ? false : 'code-server is not installed: run scripts/setup-e2e.sh';
const plugin = (name: string) => join(ROOT, 'test', 'go', 'plugins', name);

function goEnv(): Record<string, string> {
  const env = JSON.parse(
    execFileSync('go', ['env', '-json', 'GOROOT', 'GOCACHE', 'GOMODCACHE', 'GOPATH', 'GOPROXY', 'GOFLAGS'], {
      encoding: 'utf8',
    }),
  );
  return Object.fromEntries(Object.entries(env).filter(([, v]) => typeof v === 'string' && v)) as Record<
    string,
    string
  >;
}

const CUSTOM = (name: string, file: string, items = '') => `kind: Custom
metadata:
  name: ${name}
  version: 1.0.0
  supportedOperatorVersion: ">= 0.0.0, < 1.0.0"
config:
  - type: string
    name: Application name
    alias: appName
    spec:
      required: false
      default: web
      editable: true
${items}spec:
  repo:
    file: ${file}
`;

/** A Module whose embedded resource requires `appName` (a regex the value must pass) and sets nothing. */
const APP_MODULE = `apiVersion: batch.forkspacer.com/v1
kind: Module
metadata:
  name: app
spec:
  workspace:
    name: new-user
  source:
    raw:
      kind: Custom
      metadata:
        name: app-installer
        version: 1.0.0
        supportedOperatorVersion: ">= 0.0.0, < 1.0.0"
      config:
        - type: string
          name: Application name
          alias: appName
          spec:
            required: true
            regex: "^[a-z][a-z0-9-]*$"
            editable: true
      spec:
        repo:
          file: https://example.com/plugins/app.so
  config:
    other: 1
`;

const KUBECONFIG = `apiVersion: v1
kind: Config
current-context: e2e-context
clusters:
  - name: e2e
    cluster:
      server: https://127.0.0.1:1
contexts:
  - name: e2e-context
    context:
      cluster: e2e
      user: e2e
users:
  - name: e2e
    user:
      token: not-a-real-token
`;

interface NewUserWorkspace {
  dir: string;
  kubeconfig: string;
}

function newUserWorkspace(name: string): NewUserWorkspace {
  const dir = join(WORK, `${name}-ws`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const write = (file: string, text: string) => writeFileSync(join(dir, file), text);
  write('empty.yaml', '');
  write('typed-resource.yaml', CUSTOM('typed', 'https://example.com/p.so').replace('required: false', 'required: '));
  write(
    'env-required.yaml',
    CUSTOM('env-required', 'https://example.com/p.so').replace('required: false', 'required: env'),
  );
  // The README's `npm run try` file: a Go source folder as the plugin.
  write(
    'try-local-plugin.yaml',
    moduleYaml('try-local-plugin', plugin('simple'), '    env: staging').replace('e2e-workspace', 'new-user'),
  );
  write('app-module.yaml', APP_MODULE);
  write(
    'broken-module.yaml',
    moduleYaml('broken', 'https://example.com/p.so', '    env: prod').replace('e2e-workspace', 'new-user'),
  );
  write(
    'multi.yaml',
    `${CUSTOM('multi-resource', 'https://example.com/p.so')}---\n# the Module using it\n${moduleYaml('multi', 'https://example.com/p.so', '    env: staging').replace('e2e-workspace', 'new-user')}`,
  );
  write(
    'panic-module.yaml',
    moduleYaml('panics', plugin('panic'), '    env: staging').replace('e2e-workspace', 'new-user'),
  );
  write(
    'retry-module.yaml',
    moduleYaml('retry', plugin('installerror'), '    env: staging').replace('e2e-workspace', 'new-user'),
  );
  // Two Modules named alike in two files.
  mkdirSync(join(dir, 'team-a'));
  mkdirSync(join(dir, 'team-b'));
  for (const team of ['team-a', 'team-b'])
    write(
      join(team, 'web.yaml'),
      moduleYaml('web', 'https://example.com/p.so', '    env: staging').replace('e2e-workspace', 'new-user'),
    );
  const kubeconfig = join(WORK, `${name}-kubeconfig.yaml`);
  writeFileSync(kubeconfig, KUBECONFIG);
  return { dir, kubeconfig };
}

/** The labels of the open suggest widget, top first. */
async function suggestions(wb: Workbench): Promise<string[]> {
  const rows = wb.page.locator('.editor-widget.suggest-widget.visible .monaco-list-row');
  await rows.first().waitFor();
  return rows.locator('.label-name').allInnerTexts();
}

async function quickFix(wb: Workbench, line: number, column: number, title: string): Promise<void> {
  const fix = wb.page.locator('.action-widget .monaco-list-row', { hasText: title });
  await poll(`the quick fix "${title}"`, async () => {
    await wb.goTo(line, column);
    await wb.page.keyboard.press('Control+.');
    const shown = await fix.waitFor({ timeout: 3000 }).then(
      () => true,
      () => false,
    );
    if (!shown) await wb.page.keyboard.press('Escape');
    return shown;
  });
  await wb.screenshot(`quick-fix-${title.replace(/\W+/g, '-').toLowerCase()}`);
  await fix.click();
}

async function waitForPhase(wb: Workbench, name: string, phase: RegExp, timeoutMs = 600_000): Promise<void> {
  await wb.openView('Forkspacer');
  const row = wb.sidebarRow(name);
  await poll(
    `${name} ${phase}`,
    async () => {
      const text = await row.innerText();
      if (phase.source !== 'failed' && /failed/.test(text) && !phase.test(text))
        throw new GiveUp(`${name} failed: ${text}`);
      return phase.test(text);
    },
    timeoutMs,
    500,
  );
}

async function clickInline(wb: Workbench, name: string, action: string, timeout = 30_000): Promise<void> {
  await wb.openView('Forkspacer');
  const row = wb.sidebarRow(name);
  await row.hover();
  await row.locator(`.action-label[aria-label="${action}"]`).click({ timeout });
}

/**
 * Clicks an inline Install until the Module's row shows `started`: a click while the tree re-renders (a file change,
 * new diagnostics) is lost.
 */
async function installUntil(wb: Workbench, name: string, started: RegExp): Promise<void> {
  await poll(
    `${name} installing`,
    async () => {
      if (started.test(await wb.sidebarRow(name).innerText())) return true;
      await clickInline(wb, name, 'Install', 2000).catch(() => undefined);
      return false;
    },
    60_000,
    3000,
  );
}

/** The text of the Forkspacer output channel's log file (all of it, not the lines in view). */
function forkspacerLog(server: CodeServer): string | undefined {
  const logs = join(server.runDir, 'data', 'logs');
  const file = readdirSync(logs, { recursive: true })
    .map(String)
    .find((f) => f.endsWith(join('forkspacer.forkspacer-vscode', 'Forkspacer.log')));
  return file && readFileSync(join(logs, file), 'utf8');
}

let vsix: string;

describe('a new user (issue 11), trusted workspace', { skip }, () => {
  let server: CodeServer;
  let wb: Workbench;
  let ws: NewUserWorkspace;

  before(async () => {
    vsix = packagedVsix();
    ws = newUserWorkspace('new-user');
    const go = goEnv();
    server = await startCodeServer({
      name: 'new-user',
      workspace: ws.dir,
      vsix,
      trusted: true,
      settings: { 'forkspacer.goPath': join(go.GOROOT!, 'bin', 'go'), 'forkspacer.kubeconfig': ws.kubeconfig },
      env: { ...go, XDG_CACHE_HOME: join(WORK, 'cache') },
    });
    wb = await Workbench.open(server.folderUrl, 'new-user');
  });

  after(async () => {
    await wb?.close();
    await server?.stop();
  });

  test('1. an empty file: Ctrl+Space offers the document skeletons, and one is inserted', async () => {
    await wb.openFile('empty.yaml');
    await wb.goTo(1, 1);
    await wb.page.keyboard.press('Control+Space');
    const labels = await poll('the skeletons', async () => {
      const all = await suggestions(wb);
      return all.includes('kind: Workspace') ? all : undefined;
    });
    assert.deepEqual(labels, ['kind: Custom', 'kind: Helm', 'kind: Module', 'kind: Workspace']);
    await wb.screenshot('skeletons-in-empty-file');
    await wb.page.keyboard.press('Enter');
    await poll('the Custom skeleton', async () => /supportedOperatorVersion/.test(await wb.editorText()));
    await wb.page.keyboard.press('Escape');
  });

  test('1. after `required: ` Ctrl+Space offers true and false, no skeleton', async () => {
    await wb.openFile('typed-resource.yaml');
    const line =
      CUSTOM('typed', 'x')
        .split('\n')
        .findIndex((l) => l.includes('required:')) + 1;
    await wb.goTo(line, 17);
    await wb.page.keyboard.press('End');
    await wb.page.keyboard.press('Control+Space');
    const labels = await poll('the boolean values', async () => {
      const all = await suggestions(wb);
      return all.includes('true') ? all : undefined;
    });
    assert.ok(!labels.some((l) => l.startsWith('kind:')), labels.join(', '));
    assert.match(labels[0]!, /^(true|false)$/);
    await wb.screenshot('required-value-completion');
    await wb.page.keyboard.press('Escape');
  });

  test('3. the local plugin folder of try-local-plugin.yaml is a warning that says what each side does', async () => {
    await wb.openFile('try-local-plugin.yaml');
    await wb.showProblems();
    const row = await poll('the repo-file-scheme warning', async () =>
      (await wb.problemRows()).find((r) => r.includes('local host builds this Go source folder')),
    );
    assert.match(row, /operator downloads only http\(s\)/);
    assert.ok(!(await wb.problemRows()).some((r) => r.includes('try-local-plugin') && /error/i.test(r)));
    assert.equal(await wb.page.locator('.squiggly-error').count(), 0);
    await wb.screenshot('local-plugin-warning');
  });

  test('7. `required: env`: the message has no yaml.v3 line, the fix offers true and false', async () => {
    await wb.openFile('env-required.yaml');
    await wb.showProblems();
    const row = await poll('the bool decode error', async () =>
      (await wb.problemRows()).find((r) => r.includes('cannot unmarshal !!str `env` into bool')),
    );
    assert.doesNotMatch(row, /line \d+: cannot/);
    const line =
      CUSTOM('x', 'x')
        .split('\n')
        .findIndex((l) => l.includes('required:')) + 1;
    await quickFix(wb, line, 17, 'Replace with false');
    await poll('the fixed value', async () => /required: false/.test(await wb.editorText()));
  });

  test('7. add the missing required key: a value its regex accepts, selected to type over', async () => {
    await wb.openFile('app-module.yaml');
    await wb.showProblems();
    await poll('the missing appName', async () =>
      (await wb.problemRows()).some((r) => r.includes("field 'appName' is required but missing")),
    );
    await quickFix(wb, APP_MODULE.split('\n').indexOf('  config:') + 1, 4, "Add 'appName: app-name'");
    await poll('the inserted placeholder', async () => /appName: app-name/.test(await wb.editorText()));
    // The placeholder is selected: typing replaces it.
    await wb.page.keyboard.type('shop');
    await poll('the typed value', async () => /appName: shop/.test(await wb.editorText()));
    await wb.screenshot('required-key-added');
    await poll('no appName problem', async () => !(await wb.problemRows()).some((r) => r.includes("'appName'")));
  });

  test('8. the Modules view shows errors, Install is refused with a way to Problems; same names show their file', async () => {
    await wb.openView('Forkspacer');
    const broken = wb.sidebarRow('broken');
    await poll('broken shows its error', async () => /not installed · 1 error/.test(await broken.innerText()));
    assert.equal(await broken.locator('.codicon-error').count(), 1);
    await broken.hover();
    const tooltip = wb.page.locator('.monaco-hover', { hasText: 'The operator refuses this Module' }).first();
    await tooltip.waitFor();
    assert.match(await tooltip.innerText(), /invalid value 'prod'/);
    await wb.screenshot('modules-view-errors');
    await wb.page.keyboard.press('Escape');
    await clickInline(wb, 'broken', 'Install');
    const message = await wb.waitForNotification(/Install broken refused/);
    assert.match(message, /invalid value 'prod'/);
    await wb.page
      .locator('.notifications-toasts .notification-toast', { hasText: 'Install broken refused' })
      .getByRole('button', { name: 'Show Problems' })
      .click();
    await wb.page.locator('.tab.active[aria-label^="broken-module.yaml"]').waitFor();
    await poll('Problems shows the error', async () =>
      (await wb.problemRows()).some((r) => r.includes("invalid value 'prod'")),
    );
    await wb.screenshot('install-refused-problems');
    await wb.openView('Forkspacer');
    const webs = await poll('both web Modules with their files', async () => {
      const texts = await wb.page.locator('.sidebar .monaco-list-row', { hasText: 'web' }).allInnerTexts();
      return texts.filter((t) => /team-[ab]\/web\.yaml/.test(t)).length === 2 ? texts : undefined;
    });
    assert.ok(webs.some((t) => t.includes('team-a/web.yaml')) && webs.some((t) => t.includes('team-b/web.yaml')));
  });

  test('10. in a multi-document file the CodeLens sits on the Module, not on the `---` above it', async () => {
    await wb.openFile('multi.yaml');
    const lens = wb.page.locator('.contentWidgets .codelens-decoration', { hasText: 'Install' }).first();
    await lens.waitFor();
    const lensBox = (await lens.boundingBox())!;
    const line = (text: string) => wb.page.locator('.view-line', { hasText: text }).first().boundingBox();
    const marker = (await line('---'))!;
    const module = (await line('apiVersion: batch.forkspacer.com/v1'))!;
    assert.ok(lensBox.y > marker.y, `the lens (${lensBox.y}) is below the --- line (${marker.y})`);
    assert.ok(lensBox.y < module.y && module.y - lensBox.y < 2 * module.height, 'right above apiVersion');
    await wb.screenshot('codelens-multi-document');
  });

  test('6. a resource written to a new folder is in the Resources view and the picker at once', async () => {
    await wb.openView('Forkspacer');
    const folder = join(ws.dir, 'plugins', 'fresh');
    mkdirSync(folder, { recursive: true });
    const started = Date.now();
    writeFileSync(join(folder, 'resource.yaml'), CUSTOM('fresh', plugin('simple')));
    await wb.sidebarRow('fresh').waitFor({ timeout: 10_000 });
    console.log(`# a new resource reached the Resources view in ${Date.now() - started} ms`);
    await wb.screenshot('resources-view-fresh');
    await wb.runCommand('Forkspacer: New Module from Resource');
    await wb.pick('fresh');
    await wb.pick('Embed the resource');
    await poll('the new Module', async () => /name: fresh-module/.test(await wb.editorText()));
    await wb.page.locator('.tab.active[aria-label^="fresh-module.yaml"]').waitFor();
  });

  test('4. Install of the unsaved Module offers to save it, then installs the saved file', async () => {
    const lens = wb.page.locator('.contentWidgets .codelens-decoration a', { hasText: /^Install$/ }).first();
    await lens.click();
    await wb.waitForNotification(/is not saved: the local host installs a Module from a file/);
    await wb.screenshot('unsaved-module-save-first');
    await wb.page
      .locator('.notifications-toasts .notification-toast', { hasText: 'is not saved' })
      .getByRole('button', { name: 'Save and Install' })
      .click();
    // The untitled Module is named after itself, next to its resource: saved there without a Save As dialog.
    const target = join(ws.dir, 'plugins', 'fresh', 'fresh-module.yaml');
    await poll('the saved file', async () => existsSync(target));
    assert.equal(await wb.page.locator('.quick-input-widget', { hasText: 'Save As' }).isVisible(), false);
    await wb.page.locator('.tab.active[aria-label^="fresh-module.yaml"]').waitFor();
    await waitForPhase(wb, 'fresh-module', /ready/);
    await wb.screenshot('saved-module-installed');
  });

  test("9. Uninstall asks first, naming the Module and the kubeconfig context; Don't Ask Again is a setting", async () => {
    await clickInline(wb, 'fresh-module', 'Uninstall');
    const dialog = wb.page.locator('.monaco-dialog-box');
    await dialog.waitFor();
    const text = await dialog.innerText();
    assert.match(text, /Uninstall default\/fresh-module from context "e2e-context"\?/);
    assert.match(text, new RegExp(`kubeconfig ${ws.kubeconfig.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}`));
    await wb.screenshot('uninstall-confirmation');
    await dialog.getByRole('button', { name: "Uninstall, Don't Ask Again" }).click();
    await waitForPhase(wb, 'fresh-module', /not installed/, 120_000);
    const settings = JSON.parse(readFileSync(join(server.runDir, 'data', 'User', 'settings.json'), 'utf8'));
    assert.equal(settings['forkspacer.confirm.uninstall'], false);
  });

  test('5. a panic: the message holds the value and main.go:line; the log the stack, plugin frames first', async () => {
    await installUntil(wb, 'panics', /installing|failed/);
    const message = await wb.waitForNotification(/Install panics failed/, 600_000);
    assert.match(message, /panic in install: assignment to entry in nil map \(main\.go:\d+\)/);
    assert.doesNotMatch(message, /goroutine|\.cache|runtime\//);
    await wb.screenshot('panic-message');
    await wb.page
      .locator('.notifications-toasts .notification-toast', { hasText: 'Install panics failed' })
      .getByRole('link', { name: 'Show Logs' })
      .click();
    await poll('the output channel', async () => (await wb.outputText()).includes('[default/panics]'));
    // The channel shows its last lines: the whole text is in its log file.
    const logs = await poll('the stack in the Forkspacer log', async () => {
      const t = forkspacerLog(server);
      return t?.includes('full stack:') ? t : undefined;
    });
    const frames = logs.indexOf("the plugin's frames:");
    assert.ok(frames >= 0 && frames < logs.indexOf('full stack:'), logs);
    assert.match(logs.slice(frames), /panic\.panicking\.Install\s+\S*test\/go\/plugins\/panic\/main\.go:\d+/);
    await wb.screenshot('panic-logs');
  });

  test('11. a failure notice is closed once a retry succeeds', async () => {
    await installUntil(wb, 'retry', /installing|failed/);
    await wb.waitForNotification(/Install retry failed: database unreachable/, 600_000);
    await wb.screenshot('retry-failed');
    // The user fixes the plugin (here: points the resource at one that works) and installs again.
    const file = join(ws.dir, 'retry-module.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace(plugin('installerror'), plugin('simple')));
    await waitForPhase(wb, 'retry', /failed/);
    // The file change re-renders the tree: click until the Install starts again.
    await installUntil(wb, 'retry', /installing|ready/);
    await waitForPhase(wb, 'retry', /ready/);
    await poll(
      'the failure notice is gone',
      async () => !(await wb.notifications()).some((t) => t.includes('Install retry failed')),
    );
    await wb.screenshot('retry-succeeded');
  });

  test('11. the activity-bar icon is its own, not the Source Control one, at 24 px', async () => {
    const ours = wb.page.locator('.activitybar .action-item a[aria-label^="Forkspacer"]');
    // The icon is a CSS mask on the item or an element inside it: its image is ours, drawn at 24 px.
    const masks = await ours.evaluate((el) =>
      [el, ...el.querySelectorAll('*')].map((e) => {
        // The browser's window (no DOM typings in this project).
        const view = globalThis as unknown as {
          getComputedStyle(e: unknown): {
            webkitMaskImage: string;
            maskImage: string;
            webkitMaskSize: string;
            maskSize: string;
          };
        };
        const s = view.getComputedStyle(e);
        return `${s.webkitMaskImage || s.maskImage} ${s.webkitMaskSize || s.maskSize}`;
      }),
    );
    const icon = masks.find((m) => m.includes('forkspacer-activity.svg'));
    assert.ok(icon, masks.join('\n'));
    assert.match(icon, /24px/);
    mkdirSync(join(ARTIFACTS, 'new-user'), { recursive: true });
    const mine = await ours.screenshot({ path: join(ARTIFACTS, 'new-user', 'activity-icon-forkspacer.png') });
    const scm = wb.page.locator('.activitybar .action-item a[aria-label^="Source Control"]');
    if (await scm.count()) {
      const theirs = await scm.screenshot({ path: join(ARTIFACTS, 'new-user', 'activity-icon-source-control.png') });
      assert.notDeepEqual(mine, theirs);
    }
  });
});

describe('a new user (issue 11), Restricted Mode', { skip }, () => {
  let server: CodeServer;
  let wb: Workbench;

  before(async () => {
    vsix ??= packagedVsix();
    const ws = newUserWorkspace('new-user-untrusted');
    server = await startCodeServer({ name: 'new-user-untrusted', workspace: ws.dir, vsix, trusted: false });
    wb = await Workbench.open(server.folderUrl, 'new-user-untrusted');
  });

  after(async () => {
    await wb?.close();
    await server?.stop();
  });

  test('11. no Install in the CodeLens or the tree: the CodeLens says why', async () => {
    await wb.page.locator('.statusbar-item', { hasText: 'Restricted Mode' }).first().waitFor();
    await wb.openFile('try-local-plugin.yaml');
    const lens = wb.page.locator('.contentWidgets .codelens-decoration').first();
    await poll('the Restricted Mode lens', async () =>
      /Restricted Mode: Install disabled/.test(await lens.innerText()),
    );
    assert.equal(await wb.page.locator('.contentWidgets .codelens-decoration a', { hasText: /^Install$/ }).count(), 0);
    await wb.screenshot('restricted-codelens');
    await wb.openView('Forkspacer');
    const row = wb.sidebarRow('try-local-plugin');
    await row.waitFor();
    await row.hover();
    assert.equal(await row.locator('.action-label[aria-label="Install"]').count(), 0);
    const tooltip = wb.page.locator('.monaco-hover', { hasText: 'Restricted Mode' }).first();
    await tooltip.waitFor();
    await wb.screenshot('restricted-tree');
  });
});
