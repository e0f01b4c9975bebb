// `forkspacer run … --cluster` and `forkspacer status --cluster` against the real operator (issue 9): output,
// exit codes (0 success, 1 failed phase / refusal / cluster error, 2 usage), refusal before sending.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { stringify } from 'yaml';
import { openCluster, type ClusterBackend } from '../../cluster/src/index';
import { startCluster, type TestCluster } from './harness/cluster';
import { moduleDoc, waitFor, workspaceDoc } from './harness/fixtures';
import { ROOT, skipUnlessControlPlane } from './harness/paths';
import { buildPlugin, servePlugin } from './harness/plugins';

const CLI = join(ROOT, 'dist', 'cli.js');

function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

describe(
  'forkspacer CLI --cluster against the real operator',
  { skip: skipUnlessControlPlane(), timeout: 20 * 60_000 },
  () => {
    let cluster: TestCluster;
    let backend: ClusterBackend;
    let plugin: string;
    let file: string;
    let bad: string;

    before(async () => {
      const so = buildPlugin('recorder');
      cluster = await startCluster();
      plugin = servePlugin(cluster, await so, 'recorder.so');
      backend = await openCluster({ kubeconfigPath: cluster.kubeconfig });
      await backend.apply(workspaceDoc('dev'));
      await waitFor(
        'workspace ready',
        30_000,
        async () => (await backend.getWorkspace('default', 'dev'))?.phase === 'ready',
      );
      file = join(cluster.dir, 'cli1.yaml');
      // A file with a resource definition first and the Module second: run picks the Module.
      writeFileSync(
        file,
        `kind: Custom\nmetadata: {name: other}\n---\n${stringify(moduleDoc('cli1', plugin, { id: 'cli1' }))}`,
      );
      bad = join(cluster.dir, 'cli-bad.yaml');
      writeFileSync(bad, stringify(moduleDoc('cli-bad', plugin, { id: 'cli-bad', fail: 'install' })));
    });
    after(async () => {
      backend?.dispose();
      await cluster?.stop();
    });

    test('install, a refused resume, sleep, status, uninstall', async () => {
      const k = ['--cluster', '--kubeconfig', cluster.kubeconfig];
      const install = await cli(['run', 'install', file, ...k, '--timeout', '120']);
      assert.equal(install.code, 0, install.stdout + install.stderr);
      assert.match(install.stdout, /default\/cli1: phase installing\n(.*\n)*default\/cli1: phase ready\n/);
      assert.match(install.stdout, /default\/cli1: ready \(Module installed successfully\)\n$/);
      assert.match(install.stderr, /install on context "test" \(https:\/\/127\.0\.0\.1:\d+\)/);

      const rv = (await backend.getModule('default', 'cli1'))!.resourceVersion;
      const resume = await cli(['run', 'resume', file, ...k]);
      assert.equal(resume.code, 1);
      assert.match(
        resume.stdout,
        /default\/cli1: refused: cannot resume: the Module is ready \(allowed: sleep, uninstall\)/,
      );
      assert.equal((await backend.getModule('default', 'cli1'))!.resourceVersion, rv, 'nothing sent');

      const sleep = await cli(['run', 'sleep', file, ...k]);
      assert.equal(sleep.code, 0, sleep.stdout + sleep.stderr);
      assert.match(sleep.stdout, /phase sleeping\n(.*\n)*default\/cli1: sleeped\n$/);

      const status = await cli(['status', ...k, '-n', 'default']);
      assert.equal(status.code, 0, status.stderr);
      const lines = status.stdout.trim().split('\n');
      assert.match(lines[0], /^KIND\s+NAME\s+PHASE\s+WORKSPACE\s+MESSAGE$/);
      assert.ok(
        lines.some((l) => /^Workspace\s+default\/dev\s+ready\s+-$/.test(l)),
        status.stdout,
      );
      assert.ok(
        lines.some((l) => /^Module\s+default\/cli1\s+sleeped\s+default\/dev$/.test(l)),
        status.stdout,
      );
      const all = await cli(['status', ...k, '-A']);
      assert.equal(all.code, 0);
      assert.match(all.stdout, /default\/cli1/);

      const uninstall = await cli(['run', 'uninstall', file, ...k]);
      assert.equal(uninstall.code, 0, uninstall.stdout + uninstall.stderr);
      assert.match(uninstall.stdout, /phase uninstalling\n(.*\n)*default\/cli1: removed\n$/);
      const empty = await cli(['status', ...k, '-n', 'team']);
      assert.equal(empty.stdout, 'no Workspaces or Modules in namespace team\n');
    });

    test('a failed install prints the Warning event and exits 1', async () => {
      const r = await cli(['run', 'install', bad, '--cluster', '--kubeconfig', cluster.kubeconfig, '--timeout', '120']);
      assert.equal(r.code, 1, r.stdout + r.stderr);
      assert.match(
        r.stdout,
        /default\/cli-bad: Warning InstallError: Module installation failed: failed to install module: recorder cli-bad: install refused on purpose\n/,
      );
      assert.match(
        r.stdout,
        /default\/cli-bad: failed \(Module installation failed\. Check events for more information\.\)\n$/,
      );
    });

    test('usage errors exit 2; cluster errors exit 1 with the message', async () => {
      assert.equal((await cli(['run', 'explode', file, '--cluster'])).code, 2);
      assert.equal((await cli(['run', 'install', '--cluster'])).code, 2);
      assert.equal((await cli(['run', 'install', file, '--cluster', '--timeout', 'soon'])).code, 2);
      assert.equal((await cli(['status', '--cluster', '-n', 'a', '-A'])).code, 2);
      const none = await cli(['run', 'install', file, '--cluster', '--kubeconfig', join(cluster.dir, 'nope')]);
      assert.equal(none.code, 1);
      assert.match(none.stderr, /forkspacer run: No kubeconfig at .*nope/);
      const help = await cli(['run', '--cluster', '--help']);
      assert.equal(help.code, 0);
      assert.match(help.stdout, /Waits until the phase settles/);
    });
  },
);
