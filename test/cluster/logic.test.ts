// The cluster backend's pure parts, no cluster needed (issue 9): the live model against a scripted source (one
// list + one watch, resume from the last resourceVersion, relist on 410, no duplicate or leaked watch), phase
// rules of `run`, file-vs-live diff with immutable fields, and the API errors → ClusterError kinds.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { diffDocuments } from '../../cluster/src/diff';
import type { ClusterError } from '../../cluster/src/errors';
import { fromApiError, type RequestContext } from '../../cluster/src/errors';
import { LiveList, type LiveSource, type WatchCallbacks } from '../../cluster/src/liveModel';
import { allowedOperations, refusalFor, settledPhase } from '../../cluster/src/phases';
import { toModuleView, type KubeObject } from '../../cluster/src/index';
import { moduleDoc, waitFor } from './harness/fixtures';

function obj(name: string, rv: string, phase = ''): KubeObject {
  return { metadata: { name, namespace: 'default', resourceVersion: rv, uid: name }, spec: {}, status: { phase } };
}

class ScriptedSource implements LiveSource {
  lists: { items: KubeObject[]; resourceVersion: string }[] = [];
  watches: { rv: string; cb: WatchCallbacks; aborted: boolean }[] = [];
  listCalls = 0;
  failNextWatch: unknown;
  async list() {
    this.listCalls++;
    const next = this.lists.shift();
    if (!next) throw Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    return next;
  }
  async watch(rv: string, cb: WatchCallbacks) {
    if (this.failNextWatch) {
      const e = this.failNextWatch;
      this.failNextWatch = undefined;
      throw e;
    }
    const w = { rv, cb, aborted: false };
    // A stream that ends by itself is no longer open either.
    const done = cb.done;
    w.cb = { event: cb.event, done: (e: unknown) => ((w.aborted = true), done(e)) };
    this.watches.push(w);
    return { abort: () => (w.aborted = true) };
  }
  toError(error: unknown, verb: string) {
    return fromApiError(error, { verb, resource: 'modules.batch.forkspacer.com', server: 's', context: 'c' });
  }
  get open() {
    return this.watches.filter((w) => !w.aborted);
  }
}

describe('live model (scripted source)', () => {
  test('one list, one watch from its resourceVersion; events update the sorted items', async () => {
    const src = new ScriptedSource();
    src.lists.push({ items: [obj('b', '5'), obj('a', '4')], resourceVersion: '10' });
    const changes: string[] = [];
    const model = new LiveList(src, toModuleView, (c) => changes.push(c.type));
    await model.ready();
    await waitFor('watch', 1000, () => src.watches.length === 1);
    assert.equal(src.watches[0].rv, '10');
    assert.deepEqual(
      model.items.map((m) => m.name),
      ['a', 'b'],
    );
    src.watches[0].cb.event('MODIFIED', obj('a', '11', 'ready'));
    src.watches[0].cb.event('ADDED', obj('c', '12'));
    src.watches[0].cb.event('DELETED', obj('b', '13'));
    src.watches[0].cb.event('BOOKMARK', { metadata: { resourceVersion: '20' } });
    assert.deepEqual(
      model.items.map((m) => `${m.name}:${m.phase}`),
      ['a:ready', 'c:'],
    );
    assert.deepEqual(changes, ['synced', 'modified', 'added', 'deleted']);
    assert.deepEqual(
      { lists: model.stats.lists, watches: model.stats.watches, open: model.stats.openWatches },
      { lists: 1, watches: 1, open: 1 },
    );
    // A dropped connection resumes from the last resourceVersion (the bookmark's), without a relist.
    src.watches[0].cb.done(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
    assert.equal(model.error?.kind, 'unreachable');
    await waitFor('rewatch', 5000, () => src.watches.length === 2);
    assert.equal(src.watches[1].rv, '20');
    assert.equal(src.listCalls, 1);
    assert.equal(model.error, undefined, 'connected again');
    assert.ok(changes.includes('reconnected'));
    model.dispose();
    assert.equal(src.open.length, 0, 'dispose closes the watch');
  });

  test('410 Gone in the stream relists, then watches from the new list; the stale watch ending changes nothing', async () => {
    const src = new ScriptedSource();
    src.lists.push(
      { items: [obj('a', '4')], resourceVersion: '10' },
      { items: [obj('a', '30', 'sleeped'), obj('n', '31')], resourceVersion: '40' },
    );
    const model = new LiveList(src, toModuleView, undefined);
    await model.ready();
    await waitFor('watch', 1000, () => src.watches.length === 1);
    src.watches[0].cb.event('ERROR', {
      kind: 'Status',
      code: 410,
      message: 'too old resource version: 10 (35)',
    } as KubeObject);
    src.watches[0].cb.done(null);
    await waitFor('relist + watch', 5000, () => src.watches.length === 2);
    assert.equal(src.watches[0].aborted, true);
    assert.equal(src.watches[1].rv, '40');
    assert.deepEqual(
      model.items.map((m) => `${m.name}:${m.phase}`),
      ['a:sleeped', 'n:'],
    );
    assert.equal(model.stats.relists410, 1);
    assert.equal(src.open.length, 1, 'exactly one watch open');
    await new Promise((r) => setTimeout(r, 700));
    assert.equal(src.watches.length, 2, 'no extra watch from the stale end');
    model.dispose();
  });

  test('a 410 answer to the watch request relists too; an unreachable first list rejects ready() and retries', async () => {
    const src = new ScriptedSource();
    const model = new LiveList(src, toModuleView, undefined, { backoffMs: 20 });
    await assert.rejects(model.ready(), (e: ClusterError) => e.kind === 'unreachable');
    src.lists.push({ items: [obj('a', '1')], resourceVersion: '5' }, { items: [obj('a', '9')], resourceVersion: '9' });
    await waitFor('listed after retry', 5000, () => model.synced && src.watches.length === 1);
    src.watches[0].cb.done(Object.assign(new Error('Gone'), { statusCode: 410 }));
    await waitFor('relisted', 5000, () => src.watches.length === 2 && src.watches[1].rv === '9');
    assert.equal(model.stats.relists410, 1);
    model.dispose();
    assert.equal(src.open.length, 0);
  });
});

describe('run: phase rules', () => {
  test('allowed operations and refusals follow the operator', () => {
    assert.deepEqual(allowedOperations('absent'), ['install']);
    assert.deepEqual(allowedOperations('ready'), ['sleep', 'uninstall']);
    assert.deepEqual(allowedOperations('sleeped'), ['resume', 'uninstall']);
    assert.deepEqual(allowedOperations('failed'), ['uninstall']);
    assert.deepEqual(allowedOperations('installing'), []);
    assert.deepEqual(allowedOperations('ready', true), []);
    assert.match(refusalFor('sleep', 'failed')!, /does not retry a failed Module/);
    assert.match(refusalFor('sleep', 'absent')!, /does not exist in the cluster/);
    assert.match(refusalFor('uninstall', 'sleeping')!, /wait for the operator to finish/);
    assert.equal(refusalFor('uninstall', 'failed'), undefined);
  });
  test('settled phases: a ready seen right after Sleep is not the end', () => {
    assert.equal(settledPhase('sleep', 'ready', true), undefined);
    assert.equal(settledPhase('sleep', 'sleeped', true), 'sleeped');
    assert.equal(settledPhase('resume', 'ready', false), 'ready');
    assert.equal(settledPhase('install', 'installing', false), undefined);
    assert.equal(settledPhase('install', 'failed', false), 'failed');
    assert.equal(settledPhase('uninstall', 'uninstalling', false), undefined);
    assert.equal(settledPhase('uninstall', 'removed', undefined), 'removed');
  });
});

describe('diff: file vs live', () => {
  const live = moduleDoc('m', 'http://x/p.so', { id: 'm', replicas: 1 });
  (live.spec as { workspace: { namespace?: string } }).workspace.namespace = 'default';
  live.metadata!.annotations = { 'forkspacer.com/resource': 'kind: Custom' };
  live.status = { phase: 'ready' };
  test('the operator’s annotations, defaults and status are not changes', () => {
    const file = moduleDoc('m', 'http://x/p.so', { id: 'm', replicas: 1 });
    delete (file.spec as { workspace: { namespace?: string } }).workspace.namespace;
    const d = diffDocuments(file, live);
    assert.deepEqual(d.changes, []);
    assert.deepEqual(d.immutable, []);
  });
  test('spec.source / spec.workspace / spec.config changes are immutable; hibernated is not', () => {
    const file = moduleDoc('m', 'http://x/other.so', { id: 'm', replicas: 1 }, { workspace: 'prod', hibernated: true });
    const d = diffDocuments(file, live);
    assert.deepEqual(
      d.changes.map((c) => c.path),
      ['spec.workspace', 'spec.source', 'spec.hibernated'],
    );
    assert.deepEqual(d.immutable, ['spec.workspace', 'spec.source']);
    assert.equal(diffDocuments(file, undefined).exists, false);
  });
});

describe('API errors → ClusterError', () => {
  const ctx: RequestContext = {
    verb: 'get',
    resource: 'modules.batch.forkspacer.com',
    namespace: 'ns',
    name: 'm',
    server: 'https://h',
    context: 'c',
  };
  const api = (code: number, body: unknown) =>
    Object.assign(new Error(`HTTP ${code}`), { code, body: JSON.stringify(body) });
  test('kinds and messages', () => {
    assert.equal(
      fromApiError(api(404, { kind: 'Status', reason: 'NotFound', details: { name: 'm', kind: 'modules' } }), ctx).kind,
      'not-found',
    );
    assert.equal(
      fromApiError(
        api(404, { kind: 'Status', reason: 'NotFound', message: 'the server could not find the requested resource' }),
        ctx,
      ).kind,
      'crd-missing',
    );
    const f = fromApiError(
      api(403, {
        message:
          'modules.batch.forkspacer.com "m" is forbidden: User "bob" cannot get resource "modules" in API group "batch.forkspacer.com" in the namespace "ns"',
      }),
      ctx,
    );
    assert.equal(f.kind, 'forbidden');
    assert.equal(
      f.message,
      'Not allowed: "bob" cannot get modules.batch.forkspacer.com "m" in namespace "ns" (RBAC). Ask a cluster admin for the "get" permission on modules.batch.forkspacer.com.',
    );
    assert.equal(fromApiError(api(409, { message: 'Operation cannot be fulfilled' }), ctx).kind, 'conflict');
    assert.equal(
      fromApiError(api(400, { message: 'admission webhook "x" denied the request: no' }), ctx).kind,
      'webhook',
    );
    assert.equal(
      fromApiError(api(422, { message: 'spec.x: Invalid value: field is immutable' }), ctx).kind,
      'immutable',
    );
    assert.equal(fromApiError(Object.assign(new Error('aborted'), { name: 'AbortError' }), ctx).kind, 'cancelled');
    assert.equal(
      fromApiError(Object.assign(new Error('request to https://h failed'), { code: 'ECONNREFUSED' }), ctx).kind,
      'unreachable',
    );
  });
});
