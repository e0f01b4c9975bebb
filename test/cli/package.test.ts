// The installable CLI (packages/cli): `npm pack` builds the tarball (its prepack bundles the CLI, the language
// server and the host), the tarball is installed into a temporary prefix with npm, offline, and its two bins
// run from there: `forkspacer validate` on files, and `forkspacer-language-server --stdio` over LSP.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse } from 'yaml';
import { LspClient } from '../lsp/lspClient';

const ROOT = join(__dirname, '..', '..', '..');
const PACKAGE = join(ROOT, 'packages', 'cli');
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';

const INVALID_MODULE = readFileSync(join(ROOT, 'test', 'fixtures', 'invalid', 'module-ftp.yaml'), 'utf8');

describe('the packed CLI, installed into a temporary prefix', { timeout: 600_000 }, () => {
  let work: string;
  let tarball: string;
  let bin: string;
  let packedFiles: string[];

  before(() => {
    work = mkdtempSync(join(tmpdir(), 'forkspacer-pack-'));
    const packed = execFileSync(NPM, ['pack', '--json', '--pack-destination', work], {
      cwd: PACKAGE,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    // npm prints the prepack script's output before the JSON.
    const info = JSON.parse(packed.slice(packed.indexOf('['))) as { filename: string; files: { path: string }[] }[];
    tarball = join(work, info[0]!.filename);
    packedFiles = info[0]!.files.map((f) => f.path);
    const prefix = join(work, 'prefix');
    execFileSync(NPM, ['install', '--global', '--prefix', prefix, '--offline', '--no-audit', '--no-fund', tarball], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    bin = process.platform === 'win32' ? prefix : join(prefix, 'bin');
  });

  after(() => rmSync(work, { recursive: true, force: true }));

  it('holds the two bins, the bundles and the runner sources, and no VS Code part', () => {
    const files = packedFiles;
    for (const f of [
      'dist/cli.js',
      'dist/cli/validate.js',
      'dist/server.js',
      'dist/host.js',
      'dist/operator.wasm',
      'dist/wasm_exec.js',
      'runner/main.go',
    ])
      assert.ok(files.includes(f), `${f} is packed: ${files.join(', ')}`);
    assert.ok(!files.some((f) => f.startsWith('client/') || f === 'dist/client.js'), 'no extension client');
    const manifest = JSON.parse(readFileSync(join(PACKAGE, 'package.json'), 'utf8')) as {
      bin: Record<string, string>;
      dependencies?: object;
      engines: Record<string, string>;
    };
    assert.deepEqual(Object.keys(manifest.bin).sort(), ['forkspacer', 'forkspacer-language-server']);
    assert.equal(manifest.dependencies, undefined, 'the bundles carry their dependencies');
    assert.equal(manifest.engines.vscode, undefined);
    for (const f of files.filter((f) => f.endsWith('.js'))) {
      const code = readFileSync(join(PACKAGE, f), 'utf8');
      assert.ok(!/require\(["']vscode["']\)/.test(code), `${f} does not require vscode`);
    }
  });

  it('forkspacer validate runs from the prefix: an error is found (exit 1), a clean folder passes (exit 0)', () => {
    const files = join(work, 'files');
    mkdirSync(files, { recursive: true });
    writeFileSync(join(files, 'module.yaml'), INVALID_MODULE);
    const failing = spawnSync(join(bin, 'forkspacer'), ['validate', 'module.yaml'], { cwd: files, encoding: 'utf8' });
    assert.equal(failing.status, 1, failing.stderr);
    assert.match(
      failing.stdout,
      /^module\.yaml:\d+:\d+: error: unsupported Http URL scheme, got 'ftp' \[module-source-scheme\]$/m,
    );
    const clean = spawnSync(
      join(bin, 'forkspacer'),
      ['validate', '--map', 'https://example.com/resources/=examples', 'examples'],
      { cwd: ROOT, encoding: 'utf8' },
    );
    assert.equal(clean.status, 0, clean.stdout + clean.stderr);
    assert.match(clean.stderr, /files? checked: 0 errors/);
    const help = spawnSync(join(bin, 'forkspacer'), ['--help'], { encoding: 'utf8' });
    assert.equal(help.status, 0);
    assert.match(help.stdout, /validate +validate Forkspacer YAML/);
  });

  it("forkspacer validate renders Helm templates with the operator's code (dist/operator.wasm) from the prefix", () => {
    const files = join(work, 'helm');
    mkdirSync(files, { recursive: true });
    writeFileSync(
      join(files, 'chart.yaml'),
      [
        'kind: Helm',
        'metadata: {name: r, version: 1.0.0, supportedOperatorVersion: ">= 0.0.0"}',
        'config:',
        '  - {type: integer, name: N, alias: n, spec: {editable: true, default: 3}}',
        'spec:',
        '  repo: https://c.example.com',
        '  chartName: c',
        '  version: "{{ .config.n.y }}"',
        '',
      ].join('\n'),
    );
    const run = spawnSync(join(bin, 'forkspacer'), ['validate', 'chart.yaml'], { cwd: files, encoding: 'utf8' });
    assert.equal(run.status, 1, run.stdout + run.stderr);
    assert.match(run.stdout, /can't evaluate field y in type interface \{\}.*\[helm-template-render\]$/m);
  });

  it("the pre-commit hook's entry, run as pre-commit runs it (bins on PATH, staged files appended)", () => {
    const hooks = parse(readFileSync(join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as {
      id: string;
      entry: string;
      language: string;
      files: string;
    }[];
    const hook = hooks.find((h) => h.id === 'forkspacer-validate');
    assert.ok(hook);
    assert.equal(hook.language, 'node');
    const files = new RegExp(hook.files);
    assert.ok(files.test('a/module.yaml') && files.test('b.yml') && !files.test('main.go'));
    const staged = join(work, 'staged');
    mkdirSync(staged, { recursive: true });
    writeFileSync(join(staged, 'module.yaml'), INVALID_MODULE);
    writeFileSync(join(staged, 'deploy.yml'), 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n');
    const [command, ...args] = hook.entry.split(' ');
    const env = { ...process.env, PATH: `${bin}${process.platform === 'win32' ? ';' : ':'}${process.env.PATH}` };
    const failing = spawnSync(command!, [...args, 'module.yaml', 'deploy.yml'], { cwd: staged, env, encoding: 'utf8' });
    assert.equal(failing.status, 1, failing.stderr);
    assert.match(failing.stdout, /^module\.yaml:.*\[module-source-scheme\]$/m);
    const passing = spawnSync(command!, [...args, 'deploy.yml'], { cwd: staged, env, encoding: 'utf8' });
    assert.equal(passing.status, 0, passing.stderr);
  });

  it("the README's GitHub Actions job: its validate step, as written, cold and then warm from the cached file", () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const block = [...readme.matchAll(/```yaml\n([\s\S]*?)```/g)]
      .map((m) => m[1]!)
      .find((y) => y.includes('upload-sarif'));
    assert.ok(block, 'the workflow is in the README');
    const workflow = parse(block) as {
      jobs: { validate: { steps: { uses?: string; name?: string; run?: string; with?: Record<string, string> }[] } };
    };
    const steps = workflow.jobs.validate.steps;
    const cache = steps.find((s) => s.uses?.startsWith('actions/cache@'));
    const validate = steps.find((s) => s.name === 'Validate');
    const upload = steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'));
    assert.ok(cache && validate?.run && upload);
    assert.ok(steps.indexOf(cache) < steps.indexOf(validate), 'the cache is restored before validate runs');
    assert.match(validate.run, /--cache\b/);
    // The repository checkout: a Module with an error and a clean Workspace.
    const checkout = join(work, 'checkout');
    mkdirSync(join(checkout, 'deploy'), { recursive: true });
    writeFileSync(join(checkout, 'deploy', 'module.yaml'), INVALID_MODULE);
    writeFileSync(
      join(checkout, 'deploy', 'workspace.yaml'),
      'apiVersion: batch.forkspacer.com/v1\nkind: Workspace\nmetadata:\n  name: dev\nspec:\n  type: kubernetes\n',
    );
    const env = { ...process.env, PATH: `${bin}${process.platform === 'win32' ? ';' : ':'}${process.env.PATH}` };
    const run = () => {
      const r = spawnSync('bash', ['-e', '-c', validate.run!], { cwd: checkout, env, encoding: 'utf8' });
      assert.equal(r.status, 1, `the Module's error fails the step: ${r.stderr}`);
      return { sarif: readFileSync(join(checkout, upload.with!.sarif_file!), 'utf8'), stderr: r.stderr };
    };
    const cold = run();
    assert.ok(existsSync(join(checkout, cache.with!.path!)), 'the step writes the file the cache step keeps');
    const cacheFile = join(checkout, cache.with!.path!);
    const stored = JSON.parse(readFileSync(cacheFile, 'utf8')) as { entries: Record<string, { message: string }[]> };
    assert.equal(Object.keys(stored.entries).length, 2, 'both documents are kept');
    const warm = run();
    assert.equal(warm.sarif, cold.sarif, 'the warm run reports what the cold one did');
    // And it did take them from the file: a marked entry comes back as it was stored.
    for (const diagnostics of Object.values(stored.entries))
      for (const d of diagnostics) d.message = `cached: ${d.message}`;
    writeFileSync(cacheFile, JSON.stringify(stored));
    assert.match(run().sarif, /cached: unsupported Http URL scheme/);
    const results = (JSON.parse(cold.sarif) as { runs: { results: { ruleId: string }[] }[] }).runs[0]!.results;
    assert.ok(
      results.some((r) => r.ruleId === 'module-source-scheme'),
      cold.sarif,
    );
  });

  it('forkspacer-language-server --stdio from the prefix publishes the operator diagnostics', async () => {
    const executable = join(bin, 'forkspacer-language-server');
    assert.ok(existsSync(executable));
    const client = await LspClient.start({ executable });
    try {
      const uri = pathToFileURL(join(work, 'files', 'open.yaml')).href;
      client.open(uri, INVALID_MODULE);
      const diagnostics = await client.waitForDiagnostics(uri, (ds) => ds.length > 0, 60_000);
      const scheme = diagnostics.find((d) => d.code === 'module-source-scheme');
      assert.ok(scheme, JSON.stringify(diagnostics));
      assert.equal(scheme.message, "unsupported Http URL scheme, got 'ftp'");
      assert.equal(scheme.source, 'forkspacer');
    } finally {
      await client.stop();
    }
  });
});
