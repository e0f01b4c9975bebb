// `node dist/cli.js validate` as a process: exit codes, the three formats, folder search, options.
// Run `node esbuild.mjs` first.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const CLI = join(__dirname, '..', '..', '..', 'dist', 'cli.js');

const VALID = `kind: Custom
metadata:
  name: my-plugin
  version: 1.0.0
  supportedOperatorVersion: ">= 0.0.0, < 1.0.0"
config:
  - type: integer
    name: Replicas
    alias: replicas
    spec:
      default: 1
      min: 1
      max: 3
      editable: true
spec:
  repo:
    file: https://example.com/plugin.so
---
apiVersion: batch.forkspacer.com/v1
kind: Module
metadata:
  name: my-app
spec:
  workspace:
    name: dev
  source:
    raw:
      kind: Custom
      metadata:
        name: my-plugin
        version: 1.0.0
        supportedOperatorVersion: ">= 0.0.0, < 1.0.0"
      config:
        - type: integer
          name: Replicas
          alias: replicas
          spec:
            default: 1
            max: 3
            editable: true
      spec:
        repo:
          file: https://example.com/plugin.so
  config:
    replicas: 2
`;

const BAD = VALID.replace('    replicas: 2\n', '    replicas: 7\n');
const FUTURE = `kind: Custom
metadata:
  name: future
  version: 1.0.0
  supportedOperatorVersion: ">= 0.2.0"
spec:
  repo:
    file: https://example.com/plugin.so
`;
const DEPLOYMENT = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: "x"\n';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function cli(args: string[], cwd: string): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, 'validate', ...args], { cwd });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

let dir: string;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'forkspacer-cli-'));
  writeFileSync(join(dir, 'valid.yaml'), VALID);
  writeFileSync(join(dir, 'bad.yaml'), BAD);
  writeFileSync(join(dir, 'future.yaml'), FUTURE);
  writeFileSync(join(dir, 'deployment.yaml'), DEPLOYMENT);
  mkdirSync(join(dir, 'tree', 'nested'), { recursive: true });
  mkdirSync(join(dir, 'tree', 'node_modules', 'pkg'), { recursive: true });
  mkdirSync(join(dir, 'tree', '.git'), { recursive: true });
  writeFileSync(join(dir, 'tree', 'nested', 'deep.yml'), BAD);
  writeFileSync(join(dir, 'tree', 'ok.yaml'), VALID);
  writeFileSync(join(dir, 'tree', 'notes.txt'), BAD);
  writeFileSync(join(dir, 'tree', 'node_modules', 'pkg', 'bad.yaml'), BAD);
  writeFileSync(join(dir, 'tree', '.git', 'bad.yaml'), BAD);
});

describe('forkspacer validate', () => {
  it('exits 0 and prints nothing for valid files and non-Forkspacer YAML', async () => {
    const run = await cli(['valid.yaml', 'deployment.yaml'], dir);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout, '');
    assert.match(run.stderr, /2 files checked: 0 errors/);
  });

  it('exits 1 and prints file:line:col: severity: message [code], 1-based', async () => {
    const run = await cli(['bad.yaml'], dir);
    assert.equal(run.code, 1);
    const line = BAD.split('\n').indexOf('    replicas: 7') + 1;
    assert.match(
      run.stdout,
      new RegExp(
        `^bad\\.yaml:${line}:\\d+: error: validation failed for field 'replicas': value 7 is greater than maximum 3 \\[config-out-of-range\\]$`,
        'm',
      ),
    );
  });

  it('prints JSON: files with LSP diagnostics, 0-based ranges, named severities', async () => {
    const run = await cli(['--format', 'json', 'bad.yaml', 'valid.yaml'], dir);
    assert.equal(run.code, 1);
    const result = JSON.parse(run.stdout) as {
      file: string;
      diagnostics: {
        range: { start: { line: number } };
        severity: string;
        code: string;
        message: string;
        source: string;
      }[];
    }[];
    assert.deepEqual(
      result.map((r) => r.file),
      ['bad.yaml', 'valid.yaml'],
    );
    const error = result[0]!.diagnostics.find((d) => d.code === 'config-out-of-range');
    assert.ok(error);
    assert.equal(error.severity, 'error');
    assert.equal(error.source, 'forkspacer');
    assert.equal(error.range.start.line, BAD.split('\n').indexOf('    replicas: 7'));
    assert.deepEqual(result[1]!.diagnostics, []);
  });

  it('prints SARIF 2.1.0', async () => {
    const run = await cli(['--format', 'sarif', 'bad.yaml'], dir);
    assert.equal(run.code, 1);
    const sarif = JSON.parse(run.stdout);
    assert.equal(sarif.version, '2.1.0');
    const result = sarif.runs[0].results.find((r: { ruleId: string }) => r.ruleId === 'config-out-of-range');
    assert.ok(result);
    assert.equal(result.level, 'error');
    assert.equal(result.locations[0].physicalLocation.artifactLocation.uri, 'bad.yaml');
    assert.equal(result.locations[0].physicalLocation.region.startLine, BAD.split('\n').indexOf('    replicas: 7') + 1);
    assert.ok(sarif.runs[0].tool.driver.rules.some((r: { id: string }) => r.id === 'config-out-of-range'));
  });

  it('searches folders for *.yaml and *.yml, skipping node_modules and .git', async () => {
    const run = await cli(['--format', 'json', 'tree'], dir);
    assert.equal(run.code, 1);
    const files = (JSON.parse(run.stdout) as { file: string }[]).map((r) => r.file).sort();
    assert.deepEqual(files, [join('tree', 'nested', 'deep.yml'), join('tree', 'ok.yaml')]);
  });

  it('checks supportedOperatorVersion against --operator-version', async () => {
    const byDefault = await cli(['future.yaml'], dir);
    assert.equal(byDefault.code, 1);
    assert.match(
      byDefault.stdout,
      /operator version 0\.1\.7 does not satisfy supported version constraint ">= 0\.2\.0" \[operator-version-unsupported\]/,
    );
    const newer = await cli(['--operator-version', '0.3.0', 'future.yaml'], dir);
    assert.equal(newer.code, 0, newer.stdout);
  });

  it('exits 2 on usage errors', async () => {
    for (const args of [[], ['--format', 'xml', 'valid.yaml'], ['--bogus', 'valid.yaml'], ['missing.yaml']]) {
      const run = await cli(args, dir);
      assert.equal(run.code, 2, `${args.join(' ')}: ${run.stderr}`);
      assert.notEqual(run.stderr, '');
    }
  });
});

describe('forkspacer validate and httpURL', () => {
  let server: Server;
  const hits: string[] = [];
  let url = '';
  before(async () => {
    server = createServer((req, res) => {
      hits.push(req.url ?? '');
      res.writeHead(200);
      res.end(VALID.split('---\n')[0]);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/resource.yaml`;
  });
  after(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  const moduleUsing = (config: string) =>
    `apiVersion: batch.forkspacer.com/v1\nkind: Module\nmetadata:\n  name: r\nspec:\n  workspace:\n    name: dev\n  source:\n    httpURL: ${url}\n  config:\n    replicas: ${config}\n`;

  it('fetches the resource and checks the config against it; --no-fetch does not', async () => {
    writeFileSync(join(dir, 'remote.yaml'), moduleUsing('9'));
    const run = await cli(['remote.yaml'], dir);
    assert.equal(run.code, 1, run.stdout + run.stderr);
    assert.match(run.stdout, /value 9 is greater than maximum 3 \[config-out-of-range\]/);
    assert.equal(hits.length, 1);

    const offline = await cli(['--no-fetch', 'remote.yaml'], dir);
    assert.equal(offline.code, 0, offline.stdout);
    assert.equal(hits.length, 1, 'nothing fetched with --no-fetch');
  });

  it('--cache: a second run gives the same output from the cache; a changed document, other settings or an httpURL resource are checked again', async () => {
    const work = mkdtempSync(join(tmpdir(), 'forkspacer-cache-'));
    writeFileSync(join(work, 'a.yaml'), `${BAD}---\n${FUTURE}`);
    writeFileSync(join(work, 'b.yaml'), VALID);
    writeFileSync(join(work, 'remote.yaml'), moduleUsing('9'));
    const cold = await cli(['--format', 'json', '--cache', '.'], work);
    assert.equal(cold.code, 1, cold.stderr);
    const warm = await cli(['--format', 'json', '--cache', '.'], work);
    assert.equal(warm.stdout, cold.stdout, 'the cached verdicts are the ones found');
    assert.equal(warm.code, 1);
    const text = await cli(['--cache', '.'], work);
    // a.yaml 3 documents, b.yaml 2, remote.yaml 1 (its httpURL resource is read each time: never cached).
    assert.match(text.stderr, /; 5 of 6 documents from the cache\n$/, text.stderr);
    const fetched = hits.length;
    await cli(['--cache', '.'], work);
    assert.equal(hits.length, fetched + 1, 'the Module using an httpURL resource was checked again');

    writeFileSync(join(work, 'b.yaml'), VALID.replace('replicas: 2', 'replicas: 9'));
    const changed = await cli(['--cache', '.'], work);
    assert.match(changed.stdout, /b\.yaml:\d+:\d+: error: .*\[config-out-of-range\]/, changed.stdout);
    assert.match(changed.stderr, /; 4 of 6 documents from the cache\n$/, changed.stderr);

    const otherVersion = await cli(['--cache', '--operator-version', '0.3.0', '.'], work);
    assert.match(otherVersion.stderr, /; 0 of 6 documents from the cache\n$/, otherVersion.stderr);
    assert.notEqual(
      otherVersion.stdout,
      changed.stdout,
      'another operator version judges supportedOperatorVersion anew',
    );

    const elsewhere = await cli(['--cache', '--cache-location', join(work, 'other.cache'), 'b.yaml'], work);
    assert.match(elsewhere.stderr, /; 0 of 2 documents from the cache\n$/, elsewhere.stderr);
    const usage = await cli(['--cache-location', 'x', 'b.yaml'], work);
    assert.equal(usage.code, 2);
  });

  it('--map reads the resource from a local folder instead (offline, no fetch); a bad --map is a usage error', async () => {
    writeFileSync(join(dir, 'remote.yaml'), moduleUsing('9'));
    mkdirSync(join(dir, 'resources'), { recursive: true });
    // The local copy allows more replicas than the served one: its verdict is the one given.
    writeFileSync(join(dir, 'resources', 'resource.yaml'), VALID.split('---\n')[0]!.replace('max: 3', 'max: 10'));
    const before = hits.length;
    const mapped = await cli(
      ['--no-fetch', '--map', `${url.replace(/resource\.yaml$/, '')}=resources`, 'remote.yaml'],
      dir,
    );
    assert.equal(mapped.code, 0, mapped.stdout + mapped.stderr);
    writeFileSync(join(dir, 'remote.yaml'), moduleUsing('11'));
    const refused = await cli(['--map', `${url.replace(/resource\.yaml$/, '')}=resources`, 'remote.yaml'], dir);
    assert.equal(refused.code, 1, refused.stdout);
    assert.match(refused.stdout, /value 11 is greater than maximum 10 \[config-out-of-range\]/);
    assert.equal(hits.length, before, 'nothing fetched for a mapped URL');
    const bad = await cli(['--map', 'resources', 'remote.yaml'], dir);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--map wants URL-PREFIX=FOLDER/);
  });
});
