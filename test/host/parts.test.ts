// The host's Node-side parts on their own: state store atomicity, plugin locations, build info parsing,
// download limits. Fast; no Go builds.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createStateStore } from '../../host/src/stateStore';
import { pluginLocation } from '../../host/src/pluginLocation';
import { parseBuildInfo } from '../../host/src/goToolchain';
import { goModFromBuildInfo } from '../../host/src/goModule';
import { downloadPlugin } from '../../host/src/pluginDownload';
import type { ModuleRecord } from '../../common/src/host/record';
import { newHost, tempDir, writeModule } from './helpers';

const record = (name: string, extra: Partial<ModuleRecord> = {}): ModuleRecord => ({
  version: 1,
  id: `default/${name}`,
  name,
  namespace: 'default',
  file: '/m.yaml',
  documentIndex: 0,
  phase: 'ready',
  lastMessage: '',
  lastActivity: '2026-01-01T00:00:00.000Z',
  config: {},
  goTypes: {},
  metaData: {},
  ...extra,
});

test('state store: one file per module, replaced atomically, stale temp files of dead writers swept', async () => {
  const dir = tempDir('store');
  writeFileSync(join(dir, 'default__x.module.json.999999999.1.tmp'), '{"half');
  const store = createStateStore(dir);
  await Promise.all(Array.from({ length: 30 }, (_, i) => store.put(record('a', { lastMessage: `write ${i}` }))));
  await store.put(record('b'));
  assert.deepEqual(readdirSync(dir).sort(), ['default__a.module.json', 'default__b.module.json']);
  assert.match((await store.get('default/a'))!.lastMessage, /^write \d+$/);
  assert.deepEqual(
    (await store.list()).map((r) => r.id),
    ['default/a', 'default/b'],
  );
  assert.equal(await store.get('default/none'), undefined);
});

test('plugin locations: http(s), file:// and paths (relative to the Module file), source folders, configMap', () => {
  const dir = tempDir('loc');
  mkdirSync(join(dir, 'src'));
  writeFileSync(join(dir, 'p.so'), 'x');
  const moduleFile = join(dir, 'module.yaml');
  const at = (repo: unknown) => pluginLocation({ repo }, moduleFile);
  assert.deepEqual(at({ file: 'https://e.com/p.so' }), { kind: 'http', url: 'https://e.com/p.so' });
  assert.deepEqual(at({ file: `file://${dir}/p.so` }), { kind: 'file', path: join(dir, 'p.so') });
  assert.deepEqual(at({ file: './p.so' }), { kind: 'file', path: join(dir, 'p.so') });
  assert.deepEqual(at({ file: 'src' }), { kind: 'source', dir: join(dir, 'src') });
  assert.deepEqual(at({ configMap: { name: 'cm' } }), { kind: 'configMap', name: 'cm', namespace: 'default' });
  assert.deepEqual(at({ file: './missing.so' }), {
    kind: 'invalid',
    reason: `spec.repo.file: ${join(dir, 'missing.so')} does not exist`,
  });
  assert.equal(at({ file: 's3://bucket/p.so' }).kind, 'invalid');
  assert.deepEqual(at({}), {
    kind: 'invalid',
    reason: 'custom module does not specify a plugin file or configmap source',
  });
});

test('build info of a plugin becomes a go.mod with the same versions and replacements', () => {
  const info = parseBuildInfo(
    [
      '/p/plugin.so: go1.26.8',
      '\tpath\texample.com/p',
      '\tmod\texample.com/p\t(devel)\t',
      '\tdep\tgithub.com/forkspacer/forkspacer\tv0.1.7\th1:JXWk7yR9U1bEmHWy2hMhvlc/YpoUyoGLz/p9euZzgaU=',
      '\tdep\texample.com/shared\tv1.0.0',
      '\t=>\t/abs/shared\t(devel)\t',
      '\tdep\tgithub.com/go-logr/logr\tv1.4.3\th1:abc=',
      '\tdep\tk8s.io/client-go\tv0.34.1\th1:def=',
      '\t=>\tk8s.io/client-go\tv0.34.2\th1:ghi=',
      '\tbuild\t-buildmode=plugin',
      '\tbuild\t-trimpath=true',
      '\tbuild\tCGO_ENABLED=1',
    ].join('\n'),
  )!;
  assert.equal(info.goVersion, 'go1.26.8');
  assert.deepEqual(info.settings, { '-buildmode': 'plugin', '-trimpath': 'true', CGO_ENABLED: '1' });
  assert.deepEqual(info.deps[3], {
    path: 'k8s.io/client-go',
    version: 'v0.34.1',
    replace: { path: 'k8s.io/client-go', version: 'v0.34.2' },
  });
  const { goMod, problems } = goModFromBuildInfo(info, '1.26');
  assert.deepEqual(problems, [
    'example.com/shared was replaced by the local folder /abs/shared, which is not available here',
  ]);
  assert.match(
    goMod,
    /^module forkspacer\.local\/runner\n\ngo 1\.26\n\nrequire \(\n\tgithub\.com\/forkspacer\/forkspacer v0\.1\.7\n/,
  );
  assert.match(goMod, /replace \(\n\tk8s\.io\/client-go => k8s\.io\/client-go v0\.34\.2\n\)/);
  assert.equal(parseBuildInfo('not a binary'), undefined);
});

test('downloads: cached by content and URL, capped in size and time', async () => {
  const dir = tempDir('download');
  let hits = 0;
  const server = createServer((req, res) => {
    hits++;
    if (req.url === '/big.so') return res.end(Buffer.alloc(4096));
    if (req.url === '/slow.so') return setTimeout(() => res.end('late'), 3000);
    res.end('plugin bytes');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    const options = { cacheDir: dir, timeoutMs: 500, maxBytes: 1024 };
    const first = await downloadPlugin(`${base}/p.so`, options);
    assert.match(first, /downloads\/[0-9a-f]{64}\.so$/);
    assert.equal(await downloadPlugin(`${base}/p.so`, options), first);
    assert.equal(hits, 1, 'the second call did not fetch');
    await assert.rejects(downloadPlugin(`${base}/big.so`, options), /is 4096 bytes, over the 1024-byte limit/);
    await assert.rejects(
      downloadPlugin(`${base}/slow.so`, options),
      /failed to download plugin .*slow\.so: timed out after 500 ms/,
    );
    assert.ok(!readdirSync(join(dir, 'downloads')).some((f) => f.endsWith('.tmp')));
  } finally {
    server.closeAllConnections();
    server.close();
  }
});

test('a missing go binary is a clear error on the module', async () => {
  const dir = tempDir('nogo');
  const host = newHost(join(dir, 'state'), { goBinary: join(dir, 'no-such-go') });
  const result = await host.install(writeModule(dir, { name: 'nogo', plugin: 'noop' }), 0);
  assert.equal(result.module?.phase, 'failed');
  assert.match(
    result.error ?? '',
    /^the Go toolchain '.*no-such-go' was not found: plugins are built and loaded with your Go \(with cgo\)/,
  );
});
