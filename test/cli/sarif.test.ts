// `forkspacer validate --format sarif` against the SARIF 2.1.0 JSON schema (the OASIS schema as shipped in the
// npm package @microsoft/jest-sarif, MIT: lib/schemas/sarif-2.1.0-rtm.5.json, a draft-04 schema), with ajv and
// its formats (uri, uri-reference, date-time). GitHub code scanning accepts what this schema accepts.
// Run `node esbuild.mjs` first.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';

const ROOT = join(__dirname, '..', '..', '..');
const CLI = join(ROOT, 'dist', 'cli.js');
const SCHEMA = JSON.parse(
  readFileSync(
    join(ROOT, 'node_modules', '@microsoft', 'jest-sarif', 'lib', 'schemas', 'sarif-2.1.0-rtm.5.json'),
    'utf8',
  ),
) as object;

interface SarifLog {
  version: string;
  runs: {
    tool: { driver: { name: string; rules: { id: string }[] } };
    results: {
      ruleId: string;
      ruleIndex: number;
      level: string;
      message: { text: string };
      locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[];
    }[];
  }[];
}

// unicodeRegExp: false: the schema's language pattern `^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$` has a stray `]`,
// legal in a JSON-Schema (ECMA 262) pattern without the u flag, a syntax error with it.
function validator() {
  const ajv = new Ajv04({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  return ajv.compile(SCHEMA);
}

function sarifOf(paths: string[]): { status: number | null; log: SarifLog } {
  const run = spawnSync(process.execPath, [CLI, 'validate', '--format', 'sarif', ...paths], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  return { status: run.status, log: JSON.parse(run.stdout) as SarifLog };
}

test('the schema check itself refuses what SARIF 2.1.0 refuses', () => {
  const validate = validator();
  assert.equal(validate({ version: '2.1.0', runs: [] }), true);
  assert.equal(validate({ version: '2.0.0', runs: [] }), false, 'a wrong version');
  assert.equal(validate({ version: '2.1.0', runs: [{ tool: {} }] }), false, 'a tool without a driver');
  assert.equal(
    validate({
      version: '2.1.0',
      runs: [{ tool: { driver: { name: 'x' } }, results: [{ message: {}, level: 'fatal' }] }],
    }),
    false,
    'an unknown level',
  );
});

test('SARIF of every invalid fixture is valid SARIF 2.1.0, one result per diagnostic, rules indexed', () => {
  const { status, log } = sarifOf(['test/fixtures/invalid']);
  assert.equal(status, 1);
  const validate = validator();
  assert.ok(validate(log), JSON.stringify(validate.errors, null, 2));
  const [run] = log.runs;
  assert.ok(run);
  assert.equal(run.tool.driver.name, 'forkspacer');
  assert.ok(run.results.length >= 31, `${run.results.length} results`);
  for (const result of run.results) {
    assert.equal(run.tool.driver.rules[result.ruleIndex]?.id, result.ruleId);
    const location = result.locations[0]!.physicalLocation;
    assert.match(location.artifactLocation.uri, /^test\/fixtures\/invalid\/[\w.-]+\.ya?ml$/);
    assert.ok(location.region.startLine >= 1);
  }
  const ftp = run.results.find((r) => r.ruleId === 'module-source-scheme');
  assert.equal(ftp?.level, 'error');
  assert.equal(ftp?.message.text, "unsupported Http URL scheme, got 'ftp'");
});

test('SARIF of a clean folder is valid SARIF 2.1.0 with notes only', () => {
  const { status, log } = sarifOf(['--map', 'https://example.com/resources/=examples', 'examples']);
  assert.equal(status, 0);
  const validate = validator();
  assert.ok(validate(log), JSON.stringify(validate.errors, null, 2));
  assert.deepEqual([...new Set(log.runs[0]?.results.map((r) => r.level))], ['note']);
});
