// The Cluster view (issue 9) in code-server against a real control plane running the real operator v0.1.7 (the
// cluster tests' harness, test/cluster/harness): the context and its Workspace in the tree, Apply of a Module from
// its CodeLens after the dry run's verdict, the phase changes watched live in the tree (installing → ready, Sleep →
// sleeped, Resume → ready), Hibernate and Resume of the Workspace (with the Module the operator forgets resumed too),
// Delete with its confirmation naming the plugin whose Uninstall runs. What the cluster holds is checked with the
// admin client, not through the extension. Screenshots: test-artifacts/e2e/cluster/.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { codeServerInstalled, startCodeServer, type CodeServer } from './harness/codeServer';
import { Workbench } from './harness/workbench';
import { packagedVsix } from './harness/vsix';
import { GiveUp, poll } from './harness/poll';
import { WORK } from './harness/paths';
import { startCluster, type TestCluster } from '../cluster/harness/cluster';
import { moduleDoc, waitFor, workspaceDoc } from '../cluster/harness/fixtures';
import { skipUnlessControlPlane } from '../cluster/harness/paths';
import { buildPlugin, servePlugin } from '../cluster/harness/plugins';

const skip = !codeServerInstalled()
  ? 'code-server is not installed: run scripts/setup-e2e.sh'
  : skipUnlessControlPlane();
const SLOW = { timeout: 20 * 60_000 };

let cluster: TestCluster;

describe('the Cluster view against the real operator', { skip, ...SLOW }, () => {
  before(async () => {
    cluster = await startCluster();
  }, SLOW);
  after(async () => {
    await cluster?.stop();
  });

  describe('trusted workspace', SLOW, () => {
    let server: CodeServer;
    let wb: Workbench;
    const ws = join(WORK, 'cluster-workspace');

    const phaseOf = async (kind: 'modules' | 'workspaces', name: string): Promise<string | undefined> => {
      const r = await cluster.admin('GET', `/apis/batch.forkspacer.com/v1/namespaces/default/${kind}/${name}`);
      return r.status === 404 ? 'absent' : (r.body?.status?.phase as string | undefined);
    };

    before(async () => {
      const plugin = servePlugin(cluster, await buildPlugin('recorder'), 'recorder.so');
      await cluster.applyYaml(stringify(workspaceDoc('dev')));
      await waitFor('Workspace dev ready', 30_000, async () => (await phaseOf('workspaces', 'dev')) === 'ready');
      rmSync(ws, { recursive: true, force: true });
      mkdirSync(ws, { recursive: true });
      writeFileSync(join(ws, 'web.yaml'), stringify(moduleDoc('web', plugin, { id: 'web', replicas: 3 })));
      // The same Module with another spec.config (immutable once created), for the Apply that must be refused.
      writeFileSync(join(ws, 'web-changed.yaml'), stringify(moduleDoc('web', plugin, { id: 'web', replicas: 4 })));
      server = await startCodeServer({
        name: 'cluster',
        workspace: ws,
        vsix: packagedVsix(),
        trusted: true,
        settings: { 'forkspacer.cluster.kubeconfig': cluster.kubeconfig },
      });
      wb = await Workbench.open(server.folderUrl, 'cluster');
      await wb.openFile('web.yaml');
    }, SLOW);

    after(async () => {
      await wb?.close();
      await server?.stop();
    });

    /** The Cluster pane of the Forkspacer container (the Modules view shows `web` too). */
    const pane = () =>
      wb.page.locator('.sidebar .pane', { has: wb.page.locator('.pane-header', { hasText: /^Cluster/ }) });
    const rows = (text: string | RegExp) => pane().locator('.monaco-list-row', { hasText: text });
    const row = (text: string | RegExp) => rows(text).first();
    const clusterLens = () => wb.page.locator('.contentWidgets .codelens-decoration', { hasText: 'test:' }).first();
    const log = (): string => {
      const logs = join(server.runDir, 'data', 'logs');
      const file = readdirSync(logs, { recursive: true })
        .map(String)
        .find((f) => f.endsWith(join('forkspacer.forkspacer-vscode', 'Forkspacer.log')));
      return file ? readFileSync(join(logs, file), 'utf8') : '';
    };
    const showCluster = async () => {
      await wb.openView('Forkspacer');
      // The Cluster view starts collapsed; room for it: fold the Modules and Resources views.
      for (const [name, open] of [
        ['Modules', false],
        ['Resources', false],
        ['Cluster', true],
      ] as const) {
        const header = wb.page.locator('.sidebar .pane-header', { hasText: new RegExp(`^${name}`) }).first();
        if (((await header.getAttribute('aria-expanded')) === 'true') !== open) await header.click();
      }
    };
    const expand = async (text: string | RegExp) => {
      const r = row(text);
      // The twistie: a click on a row with a command runs the command instead.
      if ((await r.getAttribute('aria-expanded')) === 'false') await r.locator('.monaco-tl-twistie').click();
    };
    // A tree row re-rendered by a live update between the hover and the click swallows the click: the command
    // did not run when, a few seconds later, it neither announced itself in the log nor asked anything. Then click again.
    const inline = async (text: string | RegExp, action: string) => {
      for (let attempt = 1; ; attempt++) {
        const logged = log().length;
        const r = row(text);
        await r.hover();
        await r.locator(`.action-label[aria-label="${action}"]`).click({ timeout: 30_000 });
        // The command announces itself with its context; the watch's own lines (phase changes arriving while the
        // tree re-renders, when a click can be lost) do not count as the click's effect.
        const ran = async () =>
          log().slice(logged).includes('(context "') ||
          (await wb.page.locator('.monaco-dialog-box, .quick-input-widget:visible').count()) > 0;
        const deadline = Date.now() + 5_000;
        while (Date.now() < deadline && !(await ran())) await wb.page.waitForTimeout(200);
        if ((await ran()) || attempt === 4) return;
      }
    };
    const waitRow = (what: string, text: RegExp, timeoutMs = 120_000) =>
      poll(
        what,
        async () => {
          const failed = (await wb.notifications()).find((t) => /failed/.test(t));
          if (failed) throw new GiveUp(failed);
          const shown = await pane().innerText();
          if (text.test(shown)) return true;
          throw new Error(`the Cluster view shows: ${JSON.stringify(shown)}`);
        },
        timeoutMs,
        250,
      );

    test('the view lists the context, its namespace and the Workspace; the status bar names the context', async () => {
      await showCluster();
      await poll('context test in the Cluster view', async () => /\btest\b/.test(await pane().innerText()), 60_000);
      await waitRow('Workspace dev, ready', /dev\s*ready · 0 Modules/);
      await wb.page.locator('.statusbar-item', { hasText: 'test' }).first().waitFor();
      await wb.screenshot('cluster-view');
      assert.match(log(), /cluster: 1 Workspaces, 0 Modules listed in \d+ ms \(lists 2\)/);
    });

    test('Apply from the CodeLens: the dry run first, then installing → ready watched in the tree', async () => {
      await wb.openFile('web.yaml');
      await poll('the cluster CodeLens', async () => /not in cluster/.test(await clusterLens().innerText()), 60_000);
      await wb.screenshot('codelens-not-in-cluster');
      await clusterLens()
        .locator('a', { hasText: /^Apply$/ })
        .click();
      const dialog = wb.page.locator('.monaco-dialog-box');
      await poll('the dry-run verdict', async () => /accept it \(dry run\)/.test(await dialog.innerText()), 60_000);
      assert.match(await dialog.innerText(), /creates the Module/);
      await wb.screenshot('dry-run-verdict');
      assert.equal(await phaseOf('modules', 'web'), 'absent', 'the dry run stored nothing');
      await dialog.getByRole('button', { name: 'Apply', exact: true }).click();
      await showCluster();
      await expand(/^dev/);
      await waitRow('web ready in the tree', /web\s*ready · Module installed successfully/, 180_000);
      await wb.screenshot('applied-ready');
      assert.equal(await phaseOf('modules', 'web'), 'ready');
      const text = log();
      assert.match(text, /cluster: default\/web: .*installing/);
      assert.match(text, /cluster: default\/web: .*→ ready/);
      // One list and one watch per kind for the whole view (logged when the count changes, at the next change).
      assert.match(text, /cluster: open watches 2 \(Workspaces 1, Modules 1\)/);
      await poll('the CodeLens follows the live phase', async () =>
        /test: ready/.test(await clusterLens().innerText()),
      );
    });

    test("the Module's children: the stored resource, config and manager data from the operator's annotations", async () => {
      await showCluster();
      await expand(/^web/);
      await waitRow('the stored resource', /stored resource\s*Custom web-plugin 1\.0\.0/);
      await expand(/^stored config/);
      await waitRow('the stored config', /replicas\s*3/);
      await expand(/^manager data/);
      await waitRow('the manager data', /pluginFilePath\s*\/internal-data\/custom-plugins\//);
      await wb.screenshot('module-annotations');
      // Collapse again: the rows below stay in view.
      await row(/^web/).locator('.monaco-tl-twistie').click();
    });

    test('Diff File with Cluster opens the live object next to the file; a changed spec.config is refused before sending', async () => {
      await wb.openFile('web.yaml');
      await wb.runCommand('Forkspacer: Diff File with Cluster');
      await wb.page.locator('.tab.active[aria-label^="web: cluster (test)"]').waitFor({ timeout: 60_000 });
      await wb.screenshot('diff');
      // spec.config is immutable once the Module exists (operator): Apply names it and offers Recreate. The changed
      // Module is another file, web-changed.yaml.
      await wb.openFile('web-changed.yaml');
      await poll(
        'the CodeLens of web-changed.yaml',
        async () => /test: ready/.test(await clusterLens().innerText()),
        60_000,
      );
      await clusterLens()
        .locator('a', { hasText: /^Apply$/ })
        .click();
      const dialog = wb.page.locator('.monaco-dialog-box');
      await poll(
        'the immutable-field warning',
        async () => /spec\.config cannot change/.test(await dialog.innerText()),
        60_000,
      );
      assert.ok(await dialog.getByRole('button', { name: 'Recreate Module', exact: true }).isVisible());
      await wb.screenshot('immutable');
      await dialog.getByRole('button', { name: 'Cancel' }).click();
      const live = await cluster.admin('GET', '/apis/batch.forkspacer.com/v1/namespaces/default/modules/web');
      assert.equal(live.body.spec.config.replicas, 3, 'nothing was sent');
    });

    test('Sleep and Resume from the tree: sleeping → sleeped → resuming → ready, live', async () => {
      await inline(/^web/, 'Sleep Module in Cluster');
      await waitRow('web sleeped', /web\s*sleeped/);
      await wb.screenshot('slept');
      assert.equal(await phaseOf('modules', 'web'), 'sleeped');
      await inline(/^web/, 'Resume Module in Cluster');
      await waitRow('web ready again', /web\s*ready/);
      assert.equal(await phaseOf('modules', 'web'), 'ready');
    });

    test('Hibernate the Workspace, then Resume it: the Module the operator forgets is resumed too, and said', async () => {
      await inline(/^dev/, 'Hibernate Workspace');
      await waitRow('dev hibernated', /dev\s*hibernated/);
      await waitRow('web sleeped by the operator', /web\s*sleeped/);
      await wb.screenshot('workspace-hibernated');
      await inline(/^dev/, 'Resume Workspace');
      const said = await wb.waitForNotification(/Workspace default\/dev resumed/, 60_000);
      // The operator resumes only Modules whose spec.hibernated is false; web had true (CLUSTER.md).
      assert.match(said, /also resumed web/);
      await waitRow('web ready after the Workspace resumed', /web\s*ready/);
      await wb.screenshot('workspace-resumed');
      assert.equal(await phaseOf('modules', 'web'), 'ready');
      assert.match(log(), /the operator resumes only Modules whose spec\.hibernated is already false/);
    });

    test('Delete from the tree: the confirmation names the plugin whose Uninstall runs; the row goes away', async () => {
      await inline(/^web/, 'Delete Module from Cluster');
      const dialog = wb.page.locator('.monaco-dialog-box');
      await poll('the delete confirmation', async () => /Delete Module default\/web\?/.test(await dialog.innerText()));
      assert.match(await dialog.innerText(), /Uninstall of the plugin http:\/\/127\.0\.0\.1:\d+\/recorder\.so/);
      await wb.screenshot('delete-confirmation');
      await dialog.getByRole('button', { name: 'Delete', exact: true }).click();
      await poll('web gone from the tree', async () => (await rows(/^web/).count()) === 0, 120_000, 250);
      assert.equal(await phaseOf('modules', 'web'), 'absent');
      await wb.screenshot('deleted');
    });
    test("the operator's stuck deletion: recognised, explained, and the finalizer removed after a warning", async () => {
      // A plugin URL that answers 404: the operator fails before it stores the resource (CLUSTER.md), so its
      // Uninstall fails forever and the Module loops in uninstalling.
      await cluster.applyYaml(stringify(moduleDoc('broken', `${cluster.pluginUrl}/missing.so`, { id: 'broken' })));
      await waitFor('broken failed', 120_000, async () => (await phaseOf('modules', 'broken')) === 'failed');
      await showCluster();
      await waitRow('broken failed in the tree', /broken\s*failed/);
      await inline(/^broken/, 'Delete Module from Cluster');
      const dialog = wb.page.locator('.monaco-dialog-box');
      await poll('the delete confirmation', async () => /stored no resource/.test(await dialog.innerText()));
      await wb.screenshot('delete-never-installed');
      await dialog.getByRole('button', { name: 'Delete', exact: true }).click();
      await poll(
        'the finalizer question',
        async () => /Remove the finalizer of Module default\/broken\?/.test(await dialog.innerText()),
        120_000,
      );
      assert.match(await dialog.innerText(), /WITHOUT running the plugin's Uninstall/);
      assert.equal(await phaseOf('modules', 'broken'), 'uninstalling', 'stuck in uninstalling');
      await wb.screenshot('stuck-deletion');
      await dialog.getByRole('button', { name: 'Remove Finalizer', exact: true }).click();
      await waitFor('broken gone', 60_000, async () => (await phaseOf('modules', 'broken')) === 'absent');
      await poll('broken gone from the tree', async () => (await rows(/^broken/).count()) === 0, 60_000, 250);
      await wb.waitForNotification(/Module default\/broken is gone\. Its plugin's Uninstall did not run/);
    });
  });

  describe('Restricted Mode: the view reads, nothing is written', SLOW, () => {
    let server: CodeServer;
    let wb: Workbench;
    const ws = join(WORK, 'cluster-restricted-workspace');

    before(async () => {
      await cluster.applyYaml(stringify(workspaceDoc('qa')));
      rmSync(ws, { recursive: true, force: true });
      mkdirSync(ws, { recursive: true });
      writeFileSync(join(ws, 'web.yaml'), stringify(moduleDoc('web', 'http://127.0.0.1:1/none.so', { id: 'web' })));
      server = await startCodeServer({
        name: 'cluster-restricted',
        workspace: ws,
        vsix: packagedVsix(),
        trusted: false,
        settings: { 'forkspacer.cluster.kubeconfig': cluster.kubeconfig },
      });
      wb = await Workbench.open(server.folderUrl, 'cluster-restricted');
      await wb.openFile('web.yaml');
    }, SLOW);

    after(async () => {
      await wb?.close();
      await server?.stop();
    });

    const pane = () =>
      wb.page.locator('.sidebar .pane', { has: wb.page.locator('.pane-header', { hasText: /^Cluster/ }) });

    test('the Workspace is listed read-only, without write actions; the CodeLens and the command say why', async () => {
      await wb.openView('Forkspacer');
      // The Cluster view starts collapsed.
      const clusterHeader = wb.page.locator('.sidebar .pane-header', { hasText: /^Cluster/ }).first();
      if ((await clusterHeader.getAttribute('aria-expanded')) !== 'true') await clusterHeader.click();
      await poll('Workspace qa in the read-only view', async () => /qa\s*ready/.test(await pane().innerText()), 60_000);
      assert.match(await pane().innerText(), /read-only/);
      const qa = pane().locator('.monaco-list-row', { hasText: /^qa/ }).first();
      await qa.hover();
      assert.equal(await qa.locator('.action-label[aria-label="Hibernate Workspace"]').count(), 0);
      const lens = wb.page.locator('.contentWidgets .codelens-decoration', { hasText: 'test:' }).first();
      await poll(
        'the Restricted Mode CodeLens',
        async () => /Restricted Mode: Apply disabled/.test(await lens.innerText()),
        60_000,
      );
      await wb.screenshot('restricted');
      await wb.runCommand('Forkspacer: Hibernate Workspace');
      await wb.waitForNotification(/changes nothing in a cluster from an untrusted workspace/);
      const live = await cluster.admin('GET', '/apis/batch.forkspacer.com/v1/namespaces/default/workspaces/qa');
      assert.notEqual(live.body.spec.hibernated, true);
    });
  });
});
