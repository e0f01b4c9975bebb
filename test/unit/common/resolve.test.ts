import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createResolver, defaultFetchText, mappedPath } from '../../../common/src/resolve';
import { EXAMPLES, settings } from './helpers';

const RESOURCE =
  'kind: Custom\nmetadata:\n  name: r\n  version: 1.0.0\n  supportedOperatorVersion: "*"\nconfig:\n  - { type: string, name: N, alias: n, spec: { editable: true } }\nspec:\n  repo:\n    file: https://example.com/p.so\n';

test('raw decodes inline; configMap and none are never guessed', async () => {
  const r = createResolver({ settings: settings() });
  const raw = await r.resolve(
    {
      type: 'raw',
      raw: {
        kind: 'Custom',
        metadata: { name: 'x', version: '1.0.0', supportedOperatorVersion: '*' },
        spec: { repo: { file: 'https://e.com/p.so' } },
      },
    },
    {},
  );
  assert.ok(raw.ok && raw.origin === 'inline' && raw.definition.metadata.name === 'x');
  const cm = await r.resolve({ type: 'configMap', name: 'c', namespace: 'default' }, {});
  assert.ok(!cm.ok && cm.reason === 'configMap');
  const none = await r.resolve({ type: 'none' }, {});
  assert.ok(!none.ok && none.reason === 'none');
});

test('URL prefixes map to local folders (offline, longest prefix, never outside the folder)', async () => {
  const s = settings({
    urlMappings: [
      { prefix: 'https://example.com/', folder: '/nowhere' },
      { prefix: 'https://example.com/resources/', folder: EXAMPLES },
    ],
  });
  let fetched = 0;
  const r = createResolver({ settings: s, fetchText: async () => (fetched++, RESOURCE) });
  const hit = await r.resolve({ type: 'httpURL', url: 'https://example.com/resources/my-plugin-resource.yaml' }, {});
  assert.ok(hit.ok && hit.origin === 'file' && hit.definition.metadata.name === 'my-plugin');
  assert.equal(fetched, 0);
  assert.equal(
    mappedPath('https://example.com/resources/../../etc/passwd', [
      { prefix: 'https://example.com/resources/', folder: EXAMPLES },
    ]),
    undefined,
  );
  const missing = await r.resolve({ type: 'httpURL', url: 'https://example.com/resources/none.yaml' }, {});
  assert.ok(!missing.ok && missing.reason === 'fetch-failed');
});

test('fetches are cached with a TTL, shared while in flight, failures cached briefly', async () => {
  let clock = 0;
  let calls = 0;
  let fail = false;
  const r = createResolver({
    settings: settings({ urlMappings: [] }),
    now: () => clock,
    ttlMs: 1000,
    failureTtlMs: 100,
    fetchText: async () => {
      calls++;
      await new Promise((res) => setImmediate(res));
      if (fail) throw new Error('boom');
      return RESOURCE;
    },
  });
  const src = { type: 'httpURL' as const, url: 'http://127.0.0.1:9/r.yaml' };
  const [a, b] = await Promise.all([r.resolve(src, {}), r.resolve(src, {})]);
  assert.ok(a.ok && b.ok);
  assert.equal(calls, 1);
  clock = 500;
  await r.resolve(src, {});
  assert.equal(calls, 1);
  clock = 1500;
  fail = true;
  const failed = await r.resolve(src, {});
  assert.ok(
    !failed.ok &&
      failed.reason === 'fetch-failed' &&
      /could not fetch http:\/\/127\.0\.0\.1:9\/r\.yaml: boom/.test(failed.message),
  );
  assert.equal(calls, 2);
  clock = 1550;
  await r.resolve(src, {});
  assert.equal(calls, 2);
  clock = 1700;
  fail = false;
  assert.ok((await r.resolve(src, {})).ok);
  assert.equal(calls, 3);
});

test('fetching can be disabled; only http(s) is fetched; bad YAML is invalid', async () => {
  const off = createResolver({ settings: settings({ fetchHttp: false, urlMappings: [] }) });
  const d = await off.resolve({ type: 'httpURL', url: 'https://example.org/r.yaml' }, {});
  assert.ok(!d.ok && d.reason === 'disabled');
  const r = createResolver({
    settings: settings({ urlMappings: [] }),
    fetchText: async () => 'kind: Custom\nmetadata: [\n',
  });
  const bad = await r.resolve({ type: 'httpURL', url: 'https://example.org/bad.yaml' }, {});
  assert.ok(!bad.ok && bad.reason === 'invalid' && /failed to read module type/.test(bad.message));
  const ftp = await r.resolve({ type: 'httpURL', url: 'ftp://example.org/r.yaml' }, {});
  assert.ok(!ftp.ok && ftp.reason === 'invalid');
});

test('the default fetch streams with a size cap and a timeout (local server)', async () => {
  const server: Server = createServer((req, res) => {
    if (req.url === '/ok') res.end(RESOURCE);
    else if (req.url === '/big') {
      res.write('x'.repeat(64 * 1024));
      res.end('x'.repeat(64 * 1024));
    } else if (req.url === '/slow') setTimeout(() => res.end(RESOURCE), 2000);
    else {
      res.statusCode = 404;
      res.end('nope');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    assert.equal(await defaultFetchText(`${base}/ok`, { timeoutMs: 2000, maxBytes: 10000 }), RESOURCE);
    await assert.rejects(defaultFetchText(`${base}/big`, { timeoutMs: 2000, maxBytes: 1000 }), /limit/);
    await assert.rejects(
      defaultFetchText(`${base}/slow`, { timeoutMs: 100, maxBytes: 10000 }),
      /timed out after 100 ms/,
    );
    await assert.rejects(defaultFetchText(`${base}/missing`, { timeoutMs: 2000, maxBytes: 10000 }), /HTTP 404/);
    const r = createResolver({ settings: settings({ urlMappings: [] }) });
    const ok = await r.resolve({ type: 'httpURL', url: `${base}/ok` }, {});
    assert.ok(ok.ok && ok.origin === 'http' && ok.text === RESOURCE);
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});
