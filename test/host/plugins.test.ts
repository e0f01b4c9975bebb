// Where plugins come from: a prebuilt .so over http(s) or by path (the runner's module context rebuilt from
// the .so's build info), a Go source folder given by a relative path and rebuilt when edited, and the
// kubeconfig/context handed to NewManager as a *rest.Config.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { logsOf, newHost, pluginDir, ROOT, SLOW, tempDir, writeModule } from './helpers';

function goBuildPlugin(dir: string, out: string): void {
  const r = spawnSync('go', ['build', '-buildmode=plugin', '-o', out, '.'], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, CGO_ENABLED: '1' },
  });
  assert.equal(r.status, 0, r.stderr);
}

/** A copy of a test plugin module (main.go, go.mod, go.sum) elsewhere, e.g. to build a .so that is then moved. */
function copyPluginModule(name: string, dest: string): string {
  mkdirSync(dest, { recursive: true });
  for (const f of ['main.go', 'go.mod', 'go.sum']) copyFileSync(join(pluginDir(name), f), join(dest, f));
  return dest;
}

async function serve(files: Record<string, string>): Promise<{ server: Server; url: string; hits: string[] }> {
  const hits: string[] = [];
  const server = createServer((req, res) => {
    hits.push(req.url ?? '');
    const file = files[req.url ?? ''];
    if (!file) return res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(readFileSync(file));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, hits };
}

test(
  'a prebuilt .so over http is downloaded once and loads through a runner built from its build info',
  SLOW,
  async () => {
    const dir = tempDir('http');
    const so = join(dir, 'noop.so');
    goBuildPlugin(copyPluginModule('noop', join(dir, 'src')), so);
    const { server, url, hits } = await serve({ '/plugins/noop.so': so });
    try {
      const host = newHost(join(dir, 'state'));
      const file = writeModule(dir, { name: 'remote', plugin: `${url}/plugins/noop.so` });
      const installed = await host.install(file, 0);
      assert.equal(installed.ok, true, installed.error);
      assert.equal(installed.module?.plugin?.kind, 'http');
      assert.match(installed.module?.plugin?.path ?? '', /downloads\/[0-9a-f]{64}\.so$/);
      assert.equal((await host.sleep('default/remote')).ok, true);
      assert.equal((await host.resume('default/remote')).ok, true);
      assert.deepEqual(
        hits,
        ['/plugins/noop.so'],
        'Sleep and Resume reuse the stored file (operator: metaData pluginFilePath)',
      );

      const missing = await host.install(writeModule(dir, { name: 'gone', plugin: `${url}/plugins/none.so` }), 0);
      assert.equal(missing.error, `failed to download plugin ${url}/plugins/none.so: HTTP 404`);
      assert.equal(missing.module?.phase, 'failed');
    } finally {
      server.close();
    }
  },
);

test('a .so given by path; a missing NewManager symbol is a clear error', SLOW, async () => {
  const dir = tempDir('so-path');
  // noop.so sits next to its go.mod (the runner builds there); nosymbol.so has none (rebuilt from its build info).
  const noop = copyPluginModule('noop', join(dir, 'noop'));
  goBuildPlugin(noop, join(noop, 'noop.so'));
  goBuildPlugin(copyPluginModule('nosymbol', join(dir, 'nosymbol-src')), join(dir, 'nosymbol.so'));
  const host = newHost(join(dir, 'state'));
  const ok = await host.install(writeModule(dir, { name: 'local', plugin: 'file://' + join(noop, 'noop.so') }), 0);
  assert.equal(ok.ok, true, ok.error);
  assert.equal(ok.module?.plugin?.kind, 'file');
  const bad = await host.install(writeModule(dir, { name: 'nosym', plugin: join(dir, 'nosymbol.so') }), 0);
  assert.match(
    bad.error ?? '',
    /^failed to lookup 'NewManager' symbol in plugin: plugin: symbol NewManager not found in plugin/,
  );
  const notPlugin = await host.install(writeModule(dir, { name: 'text', plugin: join(ROOT, 'package.json') }), 0);
  assert.match(notPlugin.error ?? '', /package\.json is not a Go plugin/);
});

test('a source folder given by a relative path is built, and rebuilt when its code changes', SLOW, async () => {
  const dir = tempDir('source');
  const plugin = join(dir, 'plugin');
  mkdirSync(plugin);
  for (const f of ['main.go', 'go.mod', 'go.sum']) copyFileSync(join(pluginDir('metadata'), f), join(plugin, f));
  const host = newHost(join(dir, 'state'));
  const file = writeModule(dir, {
    name: 'dev',
    plugin: './plugin',
    items: '        - { type: string, name: name, alias: name, spec: { required: true, editable: true } }\n',
    config: { name: 'v' },
  });
  const installed = await host.install(file, 0);
  assert.equal(installed.ok, true, installed.error);
  assert.equal(installed.module?.plugin?.kind, 'source');
  assert.equal(installed.module?.plugin?.location, plugin);

  writeFileSync(
    join(plugin, 'main.go'),
    readFileSync(join(plugin, 'main.go'), 'utf8').replace('p.log.Info("slept"', 'p.log.Info("slept (edited)"'),
  );
  const slept = await host.sleep('default/dev');
  assert.equal(slept.ok, true, slept.error);
  assert.ok(
    logsOf(host.events).some((l) => l.msg === 'slept (edited)'),
    'the edited plugin ran',
  );
  assert.notEqual(slept.module?.plugin?.path, installed.module?.plugin?.path);
  assert.ok(host.events.some((e) => e.type === 'progress' && e.step === 'build-plugin'));
});

test('the kubeconfig and context become the plugin rest.Config; a bad context is a clear error', SLOW, async () => {
  const dir = tempDir('kube');
  const kubeconfig = join(dir, 'kubeconfig');
  writeFileSync(
    kubeconfig,
    `apiVersion: v1
kind: Config
clusters:
- { name: a, cluster: { server: "https://127.0.0.1:6443" } }
- { name: b, cluster: { server: "https://127.0.0.1:7443" } }
users:
- { name: u, user: { token: t } }
contexts:
- { name: ctx-a, context: { cluster: a, user: u } }
- { name: ctx-b, context: { cluster: b, user: u } }
current-context: ctx-a
`,
  );
  const items = '        - { type: string, name: name, alias: name, spec: { required: true, editable: true } }\n';
  const file = writeModule(dir, { name: 'kube', plugin: 'metadata', items, config: { name: 'k' } });
  const host = newHost(join(dir, 'state'), { kubeconfig, context: 'ctx-b' });
  const installed = await host.install(file, 0);
  assert.equal(installed.ok, true, installed.error);
  assert.equal(logsOf(host.events).find((l) => l.msg === 'config received')?.kv?.clusterHost, 'https://127.0.0.1:7443');
  assert.ok(!logsOf(host.events).some((l) => /no kubeconfig given/.test(l.msg)));

  const wrong = newHost(join(dir, 'state2'), { kubeconfig, context: 'nope' });
  const failed = await wrong.install(file, 0);
  assert.match(
    failed.error ?? '',
    new RegExp(`^failed to load kubeconfig "${kubeconfig}" \\(context "nope"\\): context "nope" does not exist`),
  );
});

test('a Module whose resource and plugin are in ConfigMaps (a fake API server on 127.0.0.1)', SLOW, async () => {
  const dir = tempDir('configmap');
  const so = join(dir, 'noop.so');
  goBuildPlugin(copyPluginModule('noop', join(dir, 'src')), so);
  const resource = `kind: Custom
metadata:
  name: from-cluster
  version: 1.0.0
  supportedOperatorVersion: ">= 0.0.0, < 1.0.0"
spec:
  repo:
    configMap: { name: plug, namespace: team }
`;
  const objects: Record<string, unknown> = {
    '/api/v1/namespaces/team/configmaps/res': {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'res', namespace: 'team' },
      data: { 'module.yaml': resource },
    },
    '/api/v1/namespaces/team/configmaps/plug': {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'plug', namespace: 'team' },
      binaryData: { plugin: readFileSync(so).toString('base64') },
    },
  };
  const hits: string[] = [];
  const server = createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0];
    hits.push(path);
    const body = objects[path];
    res
      .writeHead(body ? 200 : 404, { 'content-type': 'application/json' })
      .end(JSON.stringify(body ?? { kind: 'Status', code: 404, message: 'not found' }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const kubeconfig = join(dir, 'kubeconfig');
  writeFileSync(
    kubeconfig,
    `apiVersion: v1
kind: Config
clusters: [{ name: fake, cluster: { server: "http://127.0.0.1:${(server.address() as AddressInfo).port}", insecure-skip-tls-verify: true } }]
users: [{ name: u, user: { token: t } }]
contexts: [{ name: fake, context: { cluster: fake, user: u } }]
current-context: fake
`,
  );
  const module = (name: string, cm: string) => {
    const file = join(dir, `${name}.yaml`);
    writeFileSync(
      file,
      `apiVersion: batch.forkspacer.com/v1\nkind: Module\nmetadata: { name: ${name} }\nspec:\n  workspace: { name: dev }\n  source:\n    configMap: { name: ${cm}, namespace: team }\n`,
    );
    return file;
  };
  try {
    const host = newHost(join(dir, 'state'), { kubeconfig });
    const installed = await host.install(module('clustered', 'res'), 0);
    assert.equal(installed.ok, true, installed.error);
    assert.equal(installed.module?.plugin?.kind, 'configMap');
    assert.equal(installed.module?.plugin?.location, 'configMap team/plug');
    assert.deepEqual(hits, ['/api/v1/namespaces/team/configmaps/res', '/api/v1/namespaces/team/configmaps/plug']);
    const missing = await host.install(module('lost', 'nope'), 0);
    assert.match(missing.error ?? '', /^failed to read module location: ConfigMap team\/nope: /);
    const noCluster = await newHost(join(dir, 'state2'), { kubeconfig: '' }).install(module('offline', 'res'), 0);
    assert.equal(noCluster.error, 'the resource is in ConfigMap team/res, which needs a cluster: give a kubeconfig');
  } finally {
    server.close();
  }
});

test(
  'a plugin built against other package versions than its go.mod selects: the error names the module',
  SLOW,
  async () => {
    const dir = tempDir('version-skew');
    // Built with logr v1.4.3 (what the operator v0.1.7 requires)...
    const so = join(dir, 'noop.so');
    goBuildPlugin(copyPluginModule('noop', join(dir, 'built')), so);
    // ...but placed next to a go.mod that selects logr v1.4.4, where the runner is built.
    const moved = copyPluginModule('noop', join(dir, 'moved'));
    const get = spawnSync('go', ['get', 'github.com/go-logr/logr@v1.4.4'], { cwd: moved, encoding: 'utf8' });
    assert.equal(get.status, 0, get.stderr);
    copyFileSync(so, join(moved, 'noop.so'));
    const host = newHost(join(dir, 'state'));
    const result = await host.install(writeModule(dir, { name: 'skew', plugin: join(moved, 'noop.so') }), 0);
    assert.equal(result.module?.phase, 'failed');
    assert.match(
      result.error ?? '',
      /^failed to open plugin file ".*noop\.so": plugin\.Open\(".*"\): plugin was built with a different version of package github\.com\/go-logr\/logr/,
    );
    assert.match(
      result.error ?? '',
      /\nbuilt differently: github\.com\/go-logr\/logr: plugin v1\.4\.3, runner v1\.4\.4 \(the runner was built from .*moved\/go\.mod; rebuild the plugin there\)$/,
    );
  },
);
