// The pure parts of `plugin check` (issue 10): build-file rules, the config types the operator passes per item,
// go list's JSON stream, and which synced documents are a plugin's Go files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkBuildFile } from '../../../host/src/pluginCheck/buildFiles';
import { configCases, itemCases, moduleCases } from '../../../host/src/pluginCheck/configCases';
import { parseJsonStream } from '../../../host/src/pluginCheck/goMod';
import { pluginCheckRefusal } from '../../../host/src/pluginCheck/refusal';
import { isGoUri } from '../../../server/src/handlers/goDocuments';
import type { ConfigItem, ResourceDefinition } from '../../../common/src/index';

const item = (type: string, spec: Partial<ConfigItem['spec']>, alias = 'x'): ConfigItem => ({
  type,
  name: alias,
  alias,
  spec: { required: false, default: undefined, hasDefault: false, editable: true, editableOmitted: false, ...spec },
});

test('build files: cgo off, -trimpath, -race, another build mode, a go build without plugin mode', () => {
  const make = `plugin.so:\n\tCGO_ENABLED=0 go build -buildmode=plugin -trimpath -o plugin.so .\n# CGO_ENABLED=0 in a comment\n`;
  assert.deepEqual(
    checkBuildFile('/p/Makefile', make).map((f) => [f.code, f.line, make.split('\n')[f.line]!.slice(f.start, f.end)]),
    [
      ['plugin-build-cgo-off', 1, 'CGO_ENABLED=0'],
      ['plugin-build-trimpath', 1, '-trimpath'],
    ],
  );
  const goreleaser = `builds:\n  - env: [CGO_ENABLED=0]\n    buildmode: c-shared\n    flags: [-trimpath, -race]\n`;
  assert.deepEqual(
    checkBuildFile('/p/.goreleaser.yaml', goreleaser).map((f) => f.code),
    ['plugin-build-cgo-off', 'plugin-build-mode', 'plugin-build-trimpath', 'plugin-build-flag'],
  );
  const script = `#!/bin/sh\nset -e\ngo build -o plugin .\n`;
  const [warning] = checkBuildFile('/p/build.sh', script);
  assert.equal(warning?.severity, 'warning');
  assert.equal(warning?.code, 'plugin-build-mode');
  assert.equal(warning?.line, 2);
  assert.deepEqual(checkBuildFile('/p/Makefile', `all:\n\tCGO_ENABLED=1 go build -buildmode=plugin -o p.so .\n`), []);
});

test('config cases: a Module number is float64, an integer default int, a float default float64', () => {
  assert.deepEqual(
    itemCases(item('integer', { default: 1, hasDefault: true })).map((c) => c.goType),
    ['float64', 'int'],
  );
  assert.deepEqual(
    itemCases(item('float', { default: 0.5, hasDefault: true })).map((c) => c.goType),
    ['float64', 'float64'],
  );
  // multiple-options: []interface {} when set, []string when defaulted
  assert.deepEqual(
    itemCases(item('multiple-options', { default: ['a'], hasDefault: true })).map((c) => c.goType),
    ['[]interface {}', '[]string'],
  );
  // required: always from the Module; not editable and optional: always the default
  assert.deepEqual(
    itemCases(item('integer', { required: true })).map((c) => c.goType),
    ['float64'],
  );
  assert.deepEqual(
    itemCases(item('integer', { editable: false, default: 0 })).map((c) => c.goType),
    ['int'],
  );
  // no default written: the operator still puts the zero value in the map (DefaultValue() is never a nil interface)
  const [, omitted] = itemCases(item('boolean', { default: false }));
  assert.match(omitted!.when, /zero value false \(a bool; the resource writes no default\)/);
  // an unregistered type: no cases (the operator refuses the resource)
  assert.deepEqual(itemCases(item('date', {})), []);
});

test('config cases over several resources name each; a repeated alias keeps the last item', () => {
  const def = (name: string, config: ConfigItem[]): ResourceDefinition => ({
    kind: 'Custom',
    metadata: { name, version: '1.0.0', supportedOperatorVersion: '*' },
    config,
    spec: {},
  });
  const cases = configCases([
    { definition: def('a', [item('string', {}, 'r'), item('integer', { required: true }, 'r')]), label: 'a' },
    { definition: def('b', [item('integer', { default: 2, hasDefault: true }, 'r')]), label: 'b' },
  ]);
  assert.deepEqual(
    cases.r!.cases.map((c) => [c.goType, /of (a|b)/.exec(c.when)?.[1]]),
    [
      ['float64', 'a'],
      ['float64', 'b'],
      ['int', 'b'],
    ],
  );
  assert.deepEqual(moduleCases([item('integer', {}, 'r')], { r: 'float64' }).r!.cases, [
    { goType: 'float64', when: 'this Module is installed (its r arrives as a float64)' },
  ]);
});

test('go list -m -json all output, with go: lines and braces in strings', () => {
  const text = `go: downloading x\n{\n\t"Path": "a",\n\t"Version": "v1.0.0"\n}\n{\n\t"Path": "b}{",\n\t"Replace": {"Path": "../b"}\n}\n`;
  assert.deepEqual(parseJsonStream(text), [
    { Path: 'a', Version: 'v1.0.0' },
    { Path: 'b}{', Replace: { Path: '../b' } },
  ]);
});

test('the host refusal names the first error with its file and line, and counts the rest', () => {
  const f = (line: number, severity: 'error' | 'warning', message: string) => ({
    file: '/p/main.go',
    range: { start: { line, character: 0 }, end: { line, character: 1 } },
    severity,
    code: 'c',
    message,
  });
  const result = {
    dir: '/p',
    ok: false,
    findings: [f(1, 'warning', 'w'), f(4, 'error', 'first'), f(9, 'error', 'second')],
    resources: [],
    operator: { version: 'v0.1.7', go: '1.24' },
    cached: false,
  };
  assert.equal(
    pluginCheckRefusal(result),
    'Install refused: the operator v0.1.7 could not load or run this plugin: main.go:5: first [c] (and 1 more: forkspacer plugin check /p)',
  );
  assert.equal(pluginCheckRefusal({ ...result, ok: true }), undefined);
});

test('Go documents: .go files and go.mod, not YAML', () => {
  assert.equal(isGoUri('file:///p/main.go'), true);
  assert.equal(isGoUri('file:///p/go.mod'), true);
  assert.equal(isGoUri('file:///p/go.mod.yaml'), false);
  assert.equal(isGoUri('file:///p/module.yaml'), false);
  assert.equal(isGoUri('file:///p/notgo.mod'), false);
});
