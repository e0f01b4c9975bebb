// A short stress pass of the built server (stress.ts has the scenario; `npm run stress` runs the full minute).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rssGrowth, runStress } from './stress';

const SECONDS = Number(process.env.FORKSPACER_STRESS_SECONDS ?? 12);

test(
  `the server under stress for ${SECONDS} s answers everything, publishes the last versions and stays bounded`,
  { timeout: 600_000 },
  async () => {
    const report = await runStress({ seconds: SECONDS, log: (l) => console.log(`# ${l}`) });
    assert.deepEqual(report.problems, []);
    assert.ok(report.alive, 'the server exited');
    assert.deepEqual(report.errorLogs, []);
    assert.equal(report.requests.answered, report.requests.sent);
    assert.ok(report.hotFilesRight);
    assert.ok(report.junk.junkPublished && report.junk.restored);
    // Superseded work is abandoned: the big file's first validation, overtaken by an edit, never published.
    assert.ok(report.bigFile.superseded >= 1, `no superseded validation: ${JSON.stringify(report.bigFile)}`);
    // Bounded memory: the last third of the editing phase is not above its middle third by more than a GC's swing.
    const growth = rssGrowth(report.rss);
    assert.ok(growth < 60, `RSS grew by ${growth} MB during the edits: ${JSON.stringify(report.rss)}`);
  },
);
