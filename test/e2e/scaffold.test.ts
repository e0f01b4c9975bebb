// "New Custom Resource" to a running plugin, as a user does it in VS Code (code-server + Chromium): the folder typed
// in an input box (validated, created), the files written, go mod tidy run with progress, then the scaffolded
// module.yaml Installed from its CodeLens on the first click, against the real operator module. Then the plugin's
// go.sum is broken by hand: Install explains it and "Run go mod tidy and Install" fixes it in one click.
// Screenshots: test-artifacts/e2e/scaffold/.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { codeServerInstalled, startCodeServer, type CodeServer } from './harness/codeServer';
import { Workbench } from './harness/workbench';
import { packagedVsix } from './harness/vsix';
import { GiveUp, poll } from './harness/poll';
import { WORK } from './harness/paths';

const skip = codeServerInstalled() ? false : 'code-server is not installed: run scripts/setup-e2e.sh';

/** Go's caches of this machine, so module downloads and builds are warm when the host tests ran first. */
function goEnv(): Record<string, string> {
  const env = JSON.parse(
    execFileSync('go', ['env', '-json', 'GOROOT', 'GOCACHE', 'GOMODCACHE', 'GOPATH', 'GOPROXY', 'GONOSUMDB'], {
      encoding: 'utf8',
    }),
  ) as Record<string, unknown>;
  return Object.fromEntries(Object.entries(env).filter(([, v]) => typeof v === 'string' && v)) as Record<
    string,
    string
  >;
}

describe('New Custom Resource to an installed plugin (trusted workspace)', { skip }, () => {
  let server: CodeServer;
  let wb: Workbench;
  const ws = join(WORK, 'scaffold-workspace');
  const plugin = join(ws, 'plugins', 'shop-plugin');

  before(async () => {
    rmSync(ws, { recursive: true, force: true });
    // A folder that is taken: the input box must refuse it.
    mkdirSync(join(ws, 'plugins', 'taken'), { recursive: true });
    writeFileSync(join(ws, 'plugins', 'taken', 'notes.txt'), 'not empty\n');
    writeFileSync(join(ws, 'README.md'), '# scaffold e2e\n');
    const go = goEnv();
    server = await startCodeServer({
      name: 'scaffold',
      workspace: ws,
      vsix: packagedVsix(),
      trusted: true,
      settings: { 'forkspacer.goPath': join(go.GOROOT!, 'bin', 'go') },
      env: { ...go, XDG_CACHE_HOME: join(WORK, 'cache') },
    });
    wb = await Workbench.open(server.folderUrl, 'scaffold');
    // No YAML file yet, so nothing has activated the extension: wait until its contributions are in the workbench.
    await wb.page.locator('.activitybar .action-item a[aria-label^="Forkspacer"]').waitFor({ timeout: 60_000 });
  });

  after(async () => {
    await wb?.close();
    await server?.stop();
  });

  /** The Forkspacer output channel's log file (the output view shows only the lines in view). */
  const forkspacerLog = (): string | undefined => {
    const logs = join(server.runDir, 'data', 'logs');
    const file = readdirSync(logs, { recursive: true })
      .map(String)
      .find((f) => f.endsWith(join('forkspacer.forkspacer-vscode', 'Forkspacer.log')));
    return file && readFileSync(join(logs, file), 'utf8');
  };
  const lens = () => wb.page.locator('.contentWidgets .codelens-decoration').first();
  const lensAction = (title: string) => lens().locator('a', { hasText: new RegExp(`^${title}$`) });

  test('the folder is typed relative to the workspace, validated, and created', async () => {
    await wb.runCommand('Forkspacer: New Custom Resource');
    const input = wb.page.locator('.quick-input-widget input');
    // The palette's input turns into the command's input box, with the suggested folder.
    await poll('the folder input box', async () => (await input.inputValue()) === 'plugins/my-plugin');
    await wb.screenshot('folder-input');
    const message = wb.page.locator('.quick-input-widget .quick-input-message');
    await input.fill('plugins/taken');
    await poll('the taken-folder message', async () =>
      /already exists and is not an empty folder/.test(await message.innerText()),
    );
    await input.fill('plugins/Shop_Plugin');
    await poll('the name message', async () => /becomes the resource's metadata\.name/.test(await message.innerText()));
    await wb.screenshot('folder-input-invalid');
    await input.fill('plugins/shop-plugin');
    await poll('no message for a new folder', async () => !/exists|metadata\.name/.test(await message.innerText()));
    await wb.page.keyboard.press('Enter');
    // go mod tidy's progress notification (with Cancel); with warm Go caches it may be gone before it is seen.
    const progress = await poll(
      'the go mod tidy progress',
      async () => (await wb.notifications()).find((t) => /go mod tidy in plugins\/shop-plugin/.test(t)),
      10_000,
      50,
    ).catch(() => undefined);
    if (progress) await wb.screenshot('go-mod-tidy-progress');
    console.log(`go mod tidy progress notification ${progress ? 'seen' : 'already gone'}`);

    // The files land in the typed folder itself (not plugins/shop-plugin/shop-plugin), go.sum from go mod tidy.
    await wb.waitForNotification(/Created plugins\/shop-plugin: a Go plugin, its resource and module\.yaml/, 300_000);
    assert.deepEqual(readdirSync(plugin).sort(), ['go.mod', 'go.sum', 'main.go', 'module.yaml', 'resource.yaml']);
    assert.match(readFileSync(join(plugin, 'resource.yaml'), 'utf8'), /^ {4}file: \.\/$/m);
    assert.match(readFileSync(join(plugin, 'go.sum'), 'utf8'), /^github\.com\/forkspacer\/forkspacer v0\.1\.7 h1:/m);
    await wb.page.locator('.tab.active[aria-label^="module.yaml"]').waitFor();
    await wb.screenshot('scaffolded');
    const log = await poll('go mod tidy in the Forkspacer log', async () => {
      const text = forkspacerLog();
      return text?.includes(`go mod tidy in ${plugin} done in`) ? text : undefined;
    });
    console.log(`${/go mod tidy in .* done in .*/.exec(log)?.[0]}`);
  });

  test('Install of the scaffolded module.yaml from its CodeLens: ready on the first click', async () => {
    await wb.openFile('module.yaml');
    await poll('the Install CodeLens', async () => /not installed/.test(await lens().innerText()));
    await lensAction('Install').click();
    await poll(
      'shop-plugin ready',
      async () => {
        const failed = (await wb.notifications()).find((t) => /failed/.test(t));
        if (failed) throw new GiveUp(`install failed: ${failed}`);
        return /ready/.test(await lens().innerText());
      },
      600_000,
      1000,
    );
    await wb.screenshot('installed');
    await wb.runCommand('Forkspacer: Show Logs');
    await poll('the plugin log line', async () => /initializing shop-plugin/.test(await wb.outputText()));
    await wb.screenshot('installed-logs');
  });

  test('a go.sum that lags behind: Install explains it, "Run go mod tidy and Install" fixes it', async () => {
    await wb.openFile('module.yaml');
    await lensAction('Uninstall').click();
    await poll('shop-plugin not installed', async () => /not installed/.test(await lens().innerText()), 120_000);
    // As after adding an import by hand: go.sum misses a module the code needs.
    const sum = join(plugin, 'go.sum');
    writeFileSync(sum, readFileSync(sum, 'utf8').replace(/^github\.com\/go-logr\/logr v1\.4\.3 h1:.*\n/m, ''));
    await lensAction('Install').click();
    const message = await wb.waitForNotification(/Install shop-plugin failed/, 300_000);
    assert.match(message, /go\.mod and go\.sum do not cover what the code imports/);
    assert.match(message, /Run "go mod tidy" in/);
    assert.doesNotMatch(message, /go get/);
    await wb.screenshot('stale-go-sum');
    await wb.page
      .locator('.notifications-toasts .notification-toast', { hasText: 'Install shop-plugin failed' })
      .getByRole('button', { name: 'Run go mod tidy and Install' })
      .click();
    await poll(
      'shop-plugin ready after go mod tidy',
      async () => /ready/.test(await lens().innerText()),
      600_000,
      1000,
    );
    assert.match(readFileSync(sum, 'utf8'), /^github\.com\/go-logr\/logr v1\.4\.3 h1:/m);
    assert.ok(existsSync(join(plugin, 'go.mod')));
    await wb.screenshot('tidied-and-installed');
  });
});
