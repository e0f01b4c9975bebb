// The Cluster view without a cluster to talk to, in code-server (needs no control plane): a kubeconfig whose API
// server does not answer shows its two contexts, the error with Retry in the tree and the context in the status bar;
// a workspace without any kubeconfig says so; in Restricted Mode the CodeLens offers no Apply and says why.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { codeServerInstalled, freePort, startCodeServer, type CodeServer } from './harness/codeServer';
import { Workbench } from './harness/workbench';
import { packagedVsix } from './harness/vsix';
import { poll } from './harness/poll';
import { WORK } from './harness/paths';

const skip = codeServerInstalled() ? false : 'code-server is not installed: run scripts/setup-e2e.sh';

const MODULE = `apiVersion: batch.forkspacer.com/v1
kind: Module
metadata:
  name: web
spec:
  workspace:
    name: dev
  source:
    httpURL: https://example.com/resource.yaml
`;

async function kubeconfig(dir: string): Promise<string> {
  // A port nothing listens on: the API server is unreachable.
  const port = await freePort();
  const path = join(dir, 'kubeconfig');
  writeFileSync(
    path,
    `apiVersion: v1
kind: Config
clusters:
  - name: offline
    cluster: { server: "https://127.0.0.1:${port}", insecure-skip-tls-verify: true }
  - name: other
    cluster: { server: "https://127.0.0.1:${port}" }
users:
  - name: me
    user: { token: abc }
contexts:
  - name: offline
    context: { cluster: offline, user: me }
  - name: other
    context: { cluster: other, user: me, namespace: team }
current-context: offline
`,
  );
  return path;
}

for (const trusted of [true, false]) {
  describe(
    `the Cluster view without a reachable cluster (${trusted ? 'trusted' : 'Restricted Mode'})`,
    { skip },
    () => {
      let server: CodeServer;
      let wb: Workbench;
      const name = `cluster-offline-${trusted ? 'trusted' : 'restricted'}`;
      const ws = join(WORK, `${name}-workspace`);

      before(async () => {
        rmSync(ws, { recursive: true, force: true });
        mkdirSync(ws, { recursive: true });
        writeFileSync(join(ws, 'web.yaml'), MODULE);
        const config = await kubeconfig(join(WORK));
        server = await startCodeServer({
          name,
          workspace: ws,
          vsix: packagedVsix(),
          trusted,
          // A user setting (restricted configurations are ignored only when a workspace sets them).
          settings: { 'forkspacer.cluster.kubeconfig': config },
        });
        wb = await Workbench.open(server.folderUrl, name);
        await wb.openFile('web.yaml');
      });

      after(async () => {
        await wb?.close();
        await server?.stop();
      });

      const pane = () =>
        wb.page.locator('.sidebar .pane', { has: wb.page.locator('.pane-header', { hasText: /^Cluster/ }) });

      test('the contexts, the reason in the tree, the context in the status bar', async () => {
        await wb.openView('Forkspacer');
        // The Cluster view starts collapsed.
        const clusterHeader = wb.page.locator('.sidebar .pane-header', { hasText: /^Cluster/ }).first();
        if ((await clusterHeader.getAttribute('aria-expanded')) !== 'true') await clusterHeader.click();
        await poll(
          'the unreachable API server in the tree',
          async () => /Cannot reach the API server https:\/\/127\.0\.0\.1:\d+/.test(await pane().innerText()),
          60_000,
        );
        const text = await pane().innerText();
        assert.match(text, /offline/);
        assert.match(text, /other/);
        const status = wb.page.locator('.statusbar-item', { hasText: 'offline' }).first();
        await status.waitFor();
        if (!trusted) assert.match(await status.innerText(), /read-only/);
        await wb.screenshot('unreachable');
      });

      test(
        trusted
          ? 'Apply from the CodeLens says why it cannot reach the cluster'
          : 'Restricted Mode: the CodeLens offers no Apply and says why',
        async () => {
          const lens = wb.page.locator('.contentWidgets .codelens-decoration', { hasText: 'offline:' }).first();
          await poll('the cluster CodeLens', async () => /offline: unavailable/.test(await lens.innerText()), 60_000);
          const text = await lens.innerText();
          if (!trusted) {
            assert.match(text, /Restricted Mode: Apply disabled/);
            assert.doesNotMatch(text, /\bApply\b(?! disabled)/);
            await wb.screenshot('codelens-restricted');
            return;
          }
          await wb.screenshot('codelens');
          await lens.locator('a', { hasText: /^Apply$/ }).click();
          const message = await wb.waitForNotification(
            /Dry run of Module default\/web failed: Cannot reach the API server/,
            60_000,
          );
          assert.match(message, /Retry/);
          await wb.screenshot('apply-unreachable');
        },
      );
    },
  );
}
