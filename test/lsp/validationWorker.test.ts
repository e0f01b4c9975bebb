// The language server's validation worker thread (server/src/worker/): a real worker started from the server's
// entry, its verdicts against this thread's own, stop, and ValidationService's use of a helper's verdicts.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { normaliseSettings } from '../../common/src/settings';
import { createValidationServices } from '../../server/src/services/validationServices';
import { splitYamlDocuments } from '../../server/src/services/documentSplitter';
import type { SharedRun, ValidationHelper } from '../../server/src/services/validationService';
import { cpus } from 'node:os';
import { freeCores, WorkerValidationHelper, workerChoice } from '../../server/src/worker/validationHelper';
import { sampleCores } from '../../server/src/services/coreIdle';
import { moduleWithResource } from './fixtures';
import { workerWarmUpTexts } from '../../server/src/services/warmUp';

const settings = normaliseSettings(undefined);
const bad = (i: number) => i % 4 === 0;
/** 200 Modules (over 128 kB: a run worth sharing). */
const text = Array.from({ length: 200 }, (_, i) =>
  moduleWithResource(`w-${i}`, bad(i) ? '    env: qa\n' : '    env: staging\n'),
).join('---\n');
const segments = splitYamlDocuments(text);
const logs: string[] = [];
const helper = new WorkerValidationHelper({
  // The tsc output of the server's entry: in a worker thread it serves the validation worker.
  script: join(__dirname, '..', '..', 'server', 'src', 'main.js'),
  trusted: () => false,
  enabled: () => true,
  judge: 'always',
  log: (m) => logs.push(m),
  warmUpTexts: () => workerWarmUpTexts(5),
  idle: () => Promise.resolve(),
});
after(() => helper.dispose());

async function until<T>(get: () => T | undefined, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = get();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('the validation worker', () => {
  it('starts in a pause on the first run (which it leaves alone), then validates a job from its last document up, with the verdicts this thread gives', async () => {
    assert.equal(helper.share('file:///w.yaml', segments, settings, 'local-host'), undefined);
    const run = await until(() => helper.share('file:///w.yaml', segments, settings, 'local-host'));
    const first = await until(() => run.take(segments.length - 1));
    const firstIndex = segments.length - 1;
    await until(() => run.take(0));
    run.stop();
    const here = createValidationServices({ settings, trusted: false, mode: 'await', audience: 'local-host' });
    for (const segment of segments) {
      const theirs: NonNullable<ReturnType<SharedRun['take']>> = run.take(segment.index)!;
      const ours = await here.validation.validateSegment('file:///w.yaml', segment);
      assert.deepEqual(theirs.diagnostics, ours.diagnostics, `document ${segment.index}`);
      assert.equal(theirs.kind, ours.kind);
      assert.equal(theirs.title, ours.title);
      assert.equal(theirs.cacheable, true);
      assert.equal(theirs.diagnostics.length > 0, bad(segment.index));
    }
    assert.equal(first.title, `Module w-${firstIndex}`);
    assert.deepEqual(logs, []);
  });

  it('stops a job: no more verdicts after stop', async () => {
    const run = helper.share('file:///s.yaml', segments, settings)!;
    await until(() => run.take(segments.length - 1));
    run.stop();
    await new Promise((resolve) => setTimeout(resolve, 300));
    const counted = segments.filter((s) => run.take(s.index)).length;
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(segments.filter((s) => run.take(s.index)).length, counted);
    assert.ok(counted < segments.length, 'the worker went on after stop');
  });

  it('FORKSPACER_VALIDATION_WORKER=always|never decides; else a free core does', () => {
    assert.equal(workerChoice({ FORKSPACER_VALIDATION_WORKER: 'always' }), 'always');
    assert.equal(workerChoice({ FORKSPACER_VALIDATION_WORKER: 'never' }), 'never');
    assert.equal(workerChoice({}), 'free-core');
    const unused = { script: 'unused', trusted: () => false, log: () => undefined, warmUpTexts: () => [] };
    // A pause never comes: a helper that declines must not even start a worker.
    const neverIdle = () => new Promise<void>(() => undefined);
    const never = new WorkerValidationHelper({ ...unused, enabled: () => true, judge: 'never', idle: neverIdle });
    never.runStarting();
    assert.equal(never.share('file:///n.yaml', segments, settings), undefined);
    const off = new WorkerValidationHelper({ ...unused, enabled: () => false, judge: 'always', idle: neverIdle });
    assert.equal(off.share('file:///n.yaml', segments, settings), undefined);
    // The cores' idle time over a busy loop of this thread: at most all cores but this one's share.
    const cores = cpus().length;
    const since = sampleCores();
    const until = performance.now() + 100;
    while (performance.now() < until);
    const free = freeCores(since);
    assert.ok(free >= 0 && free <= cores - 0.5, `free ${free} of ${cores}`);
  });
});

describe('ValidationService with a helper', () => {
  /** A helper that has verdicts for the documents from `from` on (the worker came up from the bottom). */
  function fakeHelper(from: number, verdictOf: (index: number) => ReturnType<SharedRun['take']>) {
    const calls = { shared: 0, stopped: 0, segments: 0 };
    const fake: ValidationHelper = {
      runStarting: () => undefined,
      share: (_uri, shared) => {
        calls.shared++;
        calls.segments = shared.length;
        return { take: (index) => (index >= from ? verdictOf(index) : undefined), stop: () => void calls.stopped++ };
      },
    };
    return { fake, calls };
  }

  it("takes the helper's cacheable verdicts where it meets them, checks the rest itself, and stops it", async () => {
    const services = createValidationServices({ settings, trusted: false, mode: 'await' });
    const reference = (await services.validation.validateFile('file:///ref.yaml', text))!;
    const { fake, calls } = fakeHelper(150, (index) => ({
      ...reference.documents[index]!.verdict,
      // One of them read something beyond its text: not taken, checked here.
      cacheable: index !== 170,
    }));
    const helped = createValidationServices({ settings, trusted: false, mode: 'await', helper: fake, shareAfterMs: 0 });
    const result = (await helped.validation.validateFile('file:///h.yaml', text))!;
    assert.deepEqual(result.diagnostics, reference.diagnostics);
    assert.equal(result.helpedCount, 49);
    assert.equal(result.validatedCount, 200);
    // Shared at once (shareAfterMs 0): the documents after the first one.
    assert.deepEqual(calls, { shared: 1, stopped: 1, segments: 199 });
    // Its verdicts are cached like this thread's: the same text again validates nothing.
    const again = (await helped.validation.validateFile('file:///h2.yaml', text))!;
    assert.equal(again.validatedCount, 0);
    assert.equal(calls.shared, 1, 'nothing to share: every document known');
  });

  it('shares only runs of many documents', async () => {
    const { fake, calls } = fakeHelper(0, () => undefined);
    const helped = createValidationServices({ settings, trusted: false, mode: 'await', helper: fake });
    await helped.validation.validateFile(
      'file:///few.yaml',
      segments
        .slice(0, 10)
        .map((s) => s.text)
        .join('---\n'),
    );
    assert.equal(calls.shared, 0);
  });
});
