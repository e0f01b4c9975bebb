// `forkspacer plugin check` (issue 10, "Plugin build requirements") on real plugins with the real Go toolchain and
// the operator's real module graph: clean, skewed, wrong signature, missing methods, every panicking config
// assertion, the seed's three example plugins as written; the CLI's exit codes and formats; the host refusing Install.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkPlugin, type PluginCheckResult } from '../../host/src/pluginCheck/pluginCheck';
import { CACHE_DIR, newHost, pluginDir, ROOT, SLOW, tempDir, writeModule } from './helpers';

const CLI = join(ROOT, 'dist', 'cli.js');
const go = { goBinary: 'go', env: {} };

function check(name: string, extra: Partial<Parameters<typeof checkPlugin>[0]> = {}): Promise<PluginCheckResult> {
  return checkPlugin({ dir: pluginDir(name), go, cacheDir: CACHE_DIR, ...extra });
}

const errors = (r: PluginCheckResult) => r.findings.filter((f) => f.severity === 'error');
const codes = (r: PluginCheckResult) => errors(r).map((f) => f.code);
const at = (r: PluginCheckResult, file: string, line: number) =>
  errors(r).filter((f) => f.file.endsWith(file) && f.range.start.line === line - 1);

function cli(args: string[], cwd = ROOT): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    // The host tests' cache (the checker and the operator's graph are built there once).
    const all = args[1] === 'check' ? [...args.slice(0, 2), '--cache-dir', CACHE_DIR, ...args.slice(2)] : args;
    const child = spawn(process.execPath, [CLI, ...all], { cwd, env: process.env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

test(
  'a clean plugin: no error, the config checked against its resource, and the second run is cached',
  SLOW,
  async () => {
    const first = await check('check-clean');
    assert.deepEqual(errors(first), [], JSON.stringify(first.findings, null, 2));
    assert.equal(first.ok, true);
    assert.equal(first.resources.length, 1);
    assert.match(first.resources[0]!, /^check-clean \(/);
    const second = await check('check-clean');
    assert.equal(second.cached, true);
    assert.deepEqual(second.findings, first.findings);
  },
);

test("the seed's simple plugin as written loads (no resource: config not checked, said so)", SLOW, async () => {
  const r = await check('simple');
  assert.equal(r.ok, true, JSON.stringify(errors(r), null, 2));
  assert.ok(r.findings.some((f) => f.code === 'plugin-no-resource' && f.severity === 'information'));
});

test(
  'k8s.io/client-go v0.35.0: named with both versions and the plugin.Open error; go 1.25 against Go 1.24',
  SLOW,
  async () => {
    const r = await check('check-skew');
    assert.equal(r.ok, false);
    const clientGo = errors(r).find(
      (f) => f.code === 'plugin-module-version' && f.message.startsWith('k8s.io/client-go '),
    );
    assert.ok(clientGo, JSON.stringify(errors(r), null, 2));
    assert.match(
      clientGo.message,
      /^k8s\.io\/client-go is v0\.35\.0 here, but the operator v0\.1\.7 is built with v0\.34\.1, and both link k8s\.io\/client-go\/\S+ .*plugin\.Open fails with "plugin was built with a different version of package k8s\.io\/client-go\/\S+"/,
    );
    // On the require line of client-go in go.mod.
    assert.ok(clientGo.file.endsWith('check-skew/go.mod'));
    assert.equal(clientGo.range.start.line, 7);
    // Its dependencies moved too (read from the operator's own module graph, not a list).
    for (const m of ['k8s.io/apimachinery', 'k8s.io/api'])
      assert.ok(
        errors(r).some((f) => f.message.startsWith(`${m} is v0.35.0 here`)),
        m,
      );
    const goLine = errors(r).find((f) => f.code === 'plugin-go-version');
    assert.match(goLine?.message ?? '', /^go 1\.25\.0 needs Go 1\.25 or newer .* built with Go 1\.24/);
  },
);

test("a NewManager of another type: both types, and the operator's error", SLOW, async () => {
  const r = await check('wrongsig');
  const [sig] = errors(r).filter((f) => f.code === 'plugin-newmanager-signature');
  assert.ok(sig, JSON.stringify(r.findings, null, 2));
  assert.match(
    sig.message,
    /NewManager has type func\(_ context\.Context, _ map\[string\]any\) \(base\.IManager, error\), but the operator asserts func\(ctx context\.Context, logger logr\.Logger, kubernetesConfig \*rest\.Config, config map\[string\]any\) \(base\.IManager, error\)/,
  );
  assert.match(
    sig.message,
    /symbol 'NewManager' found in plugin is not of type 'NewCustomManagerT' \(func\(context\.Context, map\[string\]interface \{\}\) \(base\.IManager, error\)\)/,
  );
  assert.match(sig.message, /it takes 2 parameters, the operator passes 4/);
});

test('no NewManager at all', SLOW, async () => {
  const r = await check('nosymbol');
  assert.deepEqual(codes(r), ['plugin-newmanager-missing']);
  assert.match(errors(r)[0]!.message, /failed to lookup 'NewManager' symbol in plugin/);
});

test('a manager without Sleep, one with pointer receivers, cgo off and -trimpath in the Makefile', SLOW, async () => {
  const r = await check('check-methods');
  const missing = at(r, 'main.go', 31).find((f) => f.code === 'plugin-method-missing');
  assert.match(
    missing?.message ?? '',
    /\(main\.Incomplete\) has no method Sleep\(ctx context\.Context, metaData base\.MetaData\) error/,
  );
  const pointer = at(r, 'main.go', 29).filter((f) => f.code === 'plugin-method-missing');
  assert.equal(pointer.length, 1);
  assert.match(
    pointer[0]!.message,
    /Install, Uninstall, Sleep, Resume have a pointer receiver: only \*main\.Pointer has them.*return &Pointer\{\}/,
  );
  // The compiler's own errors are there too, where Go puts them.
  assert.ok(at(r, 'main.go', 31).some((f) => f.code === 'go-compile' && /missing method Sleep/.test(f.message)));
  const make = errors(r).filter((f) => f.file.endsWith('Makefile'));
  assert.deepEqual(make.map((f) => f.code).sort(), ['plugin-build-cgo-off', 'plugin-build-trimpath']);
  assert.ok(make.every((f) => f.range.start.line === 1));
});

test(
  'every config assertion that panics for what the operator passes, with the Module values and a safe form',
  SLOW,
  async () => {
    const r = await check('check-config');
    const panic = (line: number) => {
      const found = at(r, 'main.go', line).filter((f) => f.code === 'plugin-config-panic');
      assert.equal(found.length, 1, `line ${line}: ${JSON.stringify(r.findings, null, 2)}`);
      return found[0]!.message;
    };
    // integer set in a Module → float64 (the default is an int)
    assert.match(
      panic(20),
      /^config\["replicas"\]\.\(int\) panics \("interface conversion: interface \{\} is float64, not int"\) when a Module sets replicas .*works only when a Module omits replicas: the default 2 applies \(an int\)\. Safe: var replicas int; switch v := config\["replicas"\]\.\(type\)/,
    );
    // float: float64 set or defaulted
    assert.match(
      panic(21),
      /config\["ratio"\]\.\(int\) panics .*float64, not int.* when a Module sets ratio .*or when a Module omits ratio: the default 0\.5 applies \(a float64\)/,
    );
    // integer default → int
    assert.match(
      panic(22),
      /config\["workers"\]\.\(float64\) panics \("interface conversion: interface \{\} is int, not float64"\) when a Module omits workers: the default 1 applies/,
    );
    // multiple-options set → []interface {}
    assert.match(
      panic(23),
      /config\["tags"\]\.\(\[\]string\) panics \("interface conversion: interface \{\} is \[\]interface \{\}, not \[\]string"\) when a Module sets tags.*case \[\]any:/,
    );
    // multiple-options defaulted → []string
    assert.match(
      panic(24),
      /config\["features"\]\.\(\[\]any\) panics \("interface conversion: interface \{\} is \[\]string, not \[\]interface \{\}"\) when a Module omits features: the default \["x"\] applies/,
    );
    // no item with that alias → absent
    assert.match(
      panic(25),
      /config\["timeout"\]\.\(string\) always panics \("interface conversion: interface \{\} is nil, not string"\): no config item has the alias 'timeout'/,
    );
    // through a variable; required, so always from a Module
    assert.match(
      panic(27),
      /config\["count"\]\.\(int\) panics .* when a Module sets count .*Safe: count := int\(config\["count"\]\.\(float64\)\)/,
    );
    // through a struct field, in Install; no default written: the zero value, an int
    assert.match(
      panic(45),
      /config\["level"\]\.\(float64\) panics .*is int, not float64.* when a Module omits level: the operator passes the zero value 0 \(an int; the resource writes no default\)/,
    );
    // the safe forms (option/bool assertions, comma-ok, type switch) give nothing
    assert.equal(errors(r).filter((f) => f.code === 'plugin-config-panic').length, 8);
  },
);

test(
  'the seed\'s my-plugin as written: config["replicas"].(int) panics for every Module (replicas is required)',
  SLOW,
  async () => {
    const r = await check('seed-my-plugin');
    assert.deepEqual(codes(r), ['plugin-config-panic']);
    const [f] = errors(r);
    assert.ok(f!.file.endsWith('seed-my-plugin/main.go'));
    assert.equal(f!.range.start.line, 45);
    assert.match(
      f!.message,
      /^config\["replicas"\]\.\(int\) panics \("interface conversion: interface \{\} is float64, not int"\) when a Module sets replicas \(a number from a Module is a float64\)\. Safe/,
    );
    assert.doesNotMatch(f!.message, /works only when/);
    assert.deepEqual(
      r.resources.map((l) => l.split(' ')[0]),
      ['my-plugin'],
    );
  },
);

test("the seed's custom-app as written does not compile: the compiler's errors, not a crash", SLOW, async () => {
  const r = await check('seed-custom-app');
  assert.equal(r.ok, false);
  assert.deepEqual(
    errors(r).map((f) => [f.code, f.range.start.line + 1, f.message]),
    [
      ['go-compile', 67, 'undefined: corev1'],
      ['go-compile', 72, 'undefined: errors'],
    ],
  );
  // Its config reads are right for its resource (option → string, boolean → bool, string → string).
  assert.deepEqual(
    r.resources.map((l) => l.split(' ')[0]),
    ['custom-app-installer'],
  );
});

test(
  'a resource elsewhere whose repo.file points at the folder is found; a folder without go.mod is refused',
  SLOW,
  async () => {
    const dir = tempDir('plugin-check-resources');
    const plugin = join(dir, 'plugins', 'replicas');
    cpSync(pluginDir('seed-my-plugin'), plugin, { recursive: true });
    // Move the resource out of the folder and point it at the folder.
    mkdirSync(join(dir, 'resources'));
    writeFileSync(
      join(dir, 'resources', 'replicas.yaml'),
      `kind: Custom
metadata: { name: replicas, version: 1.0.0, supportedOperatorVersion: ">= 0.0.0" }
config:
  - { type: string, name: ns, alias: namespace, spec: { default: default, editable: true } }
  - { type: string, name: app, alias: appName, spec: { default: app, editable: true } }
  - { type: integer, name: replicas, alias: replicas, spec: { default: 1, editable: true } }
spec:
  repo:
    file: ../plugins/replicas
`,
    );
    const { rmSync } = await import('node:fs');
    rmSync(join(plugin, 'my-plugin-resource.yaml'));
    const r = await checkPlugin({ dir: plugin, go, cacheDir: CACHE_DIR, searchRoots: [dir] });
    assert.deepEqual(
      r.resources.map((l) => l.split(' ')[0]),
      ['replicas'],
    );
    const [f] = errors(r);
    assert.match(
      f?.message ?? '',
      /when a Module sets replicas.*works only when a Module omits replicas: the default 1 applies \(an int\)/,
    );
    const none = await checkPlugin({ dir: join(dir, 'resources'), go, cacheDir: CACHE_DIR });
    assert.deepEqual(codes(none), ['plugin-no-go-mod']);
  },
);

test('forkspacer plugin check: exit 0 / 1 / 2, text and json', SLOW, async () => {
  const clean = await cli(['plugin', 'check', 'test/go/plugins/check-clean']);
  assert.equal(clean.code, 0, clean.stdout + clean.stderr);
  assert.match(clean.stderr, /the operator v0\.1\.7 can load and run this plugin/);
  const bad = await cli(['plugin', 'check', 'test/go/plugins/seed-my-plugin']);
  assert.equal(bad.code, 1, bad.stdout + bad.stderr);
  assert.match(
    bad.stdout,
    /^test\/go\/plugins\/seed-my-plugin\/main\.go:46:20: error: config\["replicas"\]\.\(int\) panics .* \[plugin-config-panic\]$/m,
  );
  assert.match(bad.stderr, /cannot load or run this plugin: 1 error\(s\)/);
  const json = await cli(['plugin', 'check', '--format', 'json', 'test/go/plugins/wrongsig']);
  assert.equal(json.code, 1);
  const parsed = JSON.parse(json.stdout) as { ok: boolean; folder: string; findings: { code: string; file: string }[] };
  assert.equal(parsed.ok, false);
  assert.equal(parsed.folder, 'test/go/plugins/wrongsig');
  assert.ok(
    parsed.findings.some(
      (f) => f.code === 'plugin-newmanager-signature' && f.file === 'test/go/plugins/wrongsig/main.go',
    ),
  );
  for (const args of [
    ['plugin', 'check'],
    ['plugin', 'check', 'no/such/folder'],
    ['plugin', 'check', '--format', 'sarif', 'test/go/plugins/simple'],
    ['plugin', 'check', 'README.md'],
    ['plugin', 'frobnicate'],
    ['plugin', 'check', '--bogus', 'test/go/plugins/simple'],
  ]) {
    const r = await cli(args);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, /^forkspacer plugin: /);
  }
});

test(
  'the host refuses Install of a plugin the operator cannot run before it runs, naming the line; a Module it does not break installs',
  SLOW,
  async () => {
    const dir = tempDir('plugin-check-host');
    const host = newHost(join(dir, 'state'));
    const items = `        - { type: integer, name: Replicas, alias: replicas, spec: { default: 2, editable: true } }
`;
    // A copy of check-config reduced to its replicas assertion, which panics only when a Module sets replicas.
    const plugin = join(dir, 'replicas-plugin');
    cpSync(pluginDir('check-clean'), plugin, { recursive: true });
    writeFileSync(
      join(plugin, 'main.go'),
      `package main

import (
	"context"

	"github.com/go-logr/logr"
	"k8s.io/client-go/rest"

	"github.com/forkspacer/forkspacer/pkg/manager/base"
)

type Plugin struct{ replicas int }

func NewManager(ctx context.Context, logger logr.Logger, kubernetesConfig *rest.Config, config map[string]any) (base.IManager, error) {
	return &Plugin{replicas: config["replicas"].(int)}, nil
}

func (p *Plugin) Install(ctx context.Context, metaData base.MetaData) error   { return nil }
func (p *Plugin) Uninstall(ctx context.Context, metaData base.MetaData) error { return nil }
func (p *Plugin) Sleep(ctx context.Context, metaData base.MetaData) error     { return nil }
func (p *Plugin) Resume(ctx context.Context, metaData base.MetaData) error    { return nil }

func main() {}
`,
    );
    const sets = await host.install(writeModule(dir, { name: 'sets', plugin, items, config: { replicas: 3 } }), 0);
    assert.equal(sets.ok, false);
    assert.match(
      sets.error ?? '',
      /^Install refused: the operator v0\.1\.7 could not load or run this plugin: main\.go:15: config\["replicas"\]\.\(int\) panics \("interface conversion: interface \{\} is float64, not int"\) when this Module is installed \(its replicas arrives as a float64\)/,
    );
    assert.equal(sets.module?.phase, 'failed');
    assert.ok(
      !host.events.some((e) => e.type === 'progress' && e.step === 'run' && e.id === 'default/sets'),
      'refused before the plugin runs',
    );
    assert.ok(host.events.some((e) => e.type === 'progress' && e.step === 'check-plugin' && e.id === 'default/sets'));
    // Omitting replicas, the default (an int) applies: the assertion holds, and Install runs.
    const omits = await host.install(writeModule(dir, { name: 'omits', plugin, items }), 0);
    assert.equal(omits.ok, true, omits.error);
    assert.equal(omits.module?.phase, 'ready');
  },
);
