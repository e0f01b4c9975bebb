// The operator's own Helm rendering (operatorwasm/, dist/operator.wasm built by npm run build) and its diagnostics.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { closeSync, mkdtempSync, openSync, readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  goTemplateParseError,
  helmVerdict,
  operatorWasmUnavailable,
  renderFindings,
  setOperatorWasmDirs,
  type HelmVerdict,
} from '../../../common/src/helmRender';
import { describe, errors, offlineFetch, settings, validate } from './helpers';
import { parseYamlFile } from '../../../common/src/document';
import { moduleInstallPlan } from '../../../common/src/install';
import { createResolver } from '../../../common/src/resolve';

const RESOURCE = (spec: string) => `kind: Helm
metadata:
  name: r
  version: 1.0.0
  supportedOperatorVersion: ">= 0.0.0"
config:
  - { type: string, name: V, alias: v, spec: { editable: true, default: "1.2.3" } }
  - { type: integer, name: N, alias: num, spec: { editable: true, default: 3 } }
spec:
${spec}
`;

const helmModule = (spec: string, config: string) => `apiVersion: batch.forkspacer.com/v1
kind: Module
metadata:
  name: m
  namespace: team
spec:
  workspace:
    name: dev
  source:
    raw:
${RESOURCE(spec)
  .trimEnd()
  .split('\n')
  .map((l) => '      ' + l)
  .join('\n')}
  config:
${config}
`;

function verdict(text: string, config: string | null, release = 'default-module'): HelmVerdict {
  const v = helmVerdict(text, config, release);
  assert.ok(!('unavailable' in v), 'unavailable' in v ? v.unavailable : '');
  return v as HelmVerdict;
}

test('the wasm is built and loads', () => {
  assert.equal(operatorWasmUnavailable(), undefined);
});

test("loading the wasm under node -e leaves Node's own fs alone (there the global `fs` is Node's module)", () => {
  // With stderr a file, process.stderr writes through fs.writeSync: patched to write to process.stderr, the first
  // warning looped until V8 aborted (found while reading a fuzzing find with node -e).
  const log = join(mkdtempSync(join(tmpdir(), 'forkspacer-wasm-')), 'out.txt');
  const fd = openSync(log, 'w');
  const module = join(__dirname, '..', '..', '..', 'common', 'src', 'helmRender.js');
  const run = spawnSync(
    process.execPath,
    [
      '-e',
      `const r = require(${JSON.stringify(module)}); const own = fs.writeSync;
       if (r.operatorWasmUnavailable()) throw new Error(r.operatorWasmUnavailable());
       process.emitWarning('a warning to stderr'); console.log(fs.writeSync === own ? 'untouched' : 'patched');`,
    ],
    { stdio: ['ignore', fd, fd], timeout: 60_000 },
  );
  closeSync(fd);
  const out = readFileSync(log, 'utf8');
  assert.equal(run.status, 0, out.slice(0, 2000));
  assert.match(out, /a warning to stderr/);
  assert.match(out, /^untouched$/m);
});

test("parse errors are Go's text/template's own", () => {
  assert.equal(goTemplateParseError('{{ .x }} {{ .y '), 'template: :1: unclosed action');
  assert.equal(goTemplateParseError('{{ if }}'), 'template: :1: missing value for if');
  assert.equal(goTemplateParseError('{{ .x | nosuch }}'), 'template: :1: function "nosuch" not defined');
  assert.equal(goTemplateParseError('a\n{{ end }}'), 'template: :2: unexpected {{end}}');
  assert.equal(goTemplateParseError('{{ .x }}'), undefined);
  assert.equal(goTemplateParseError('no template {{'), undefined);
});

test('an empty rendered version is refused by Validate, with the operator wrapping', () => {
  const text = RESOURCE('  repo: https://c.example.com\n  chartName: c\n  version: "{{ .config.v }}"');
  const v = verdict(text, JSON.stringify({ v: '' }), 'team-m');
  assert.equal(v.ok, false);
  assert.equal(v.stage, 'validate');
  assert.equal(v.error, 'failed to install Helm module: HelmModuleSpec Version cannot be empty');
  assert.deepEqual(renderFindings(v)[0]?.specPath, ['version']);
  // with the defaults the same file renders 1.2.3
  const d = verdict(text, null);
  assert.equal(d.ok, true);
  assert.equal(d.strings[0]?.rendered, '1.2.3');
});

test("a field of a number is Go's execution error; numbers from a Module are float64, defaults int", () => {
  const text = RESOURCE(
    '  repo: https://c\n  chartName: "{{ .config.num.y }}"\n  version: \'{{ printf "%T" .config.num }}\'',
  );
  const v = verdict(text, JSON.stringify({ num: 2 }));
  assert.equal(v.stage, 'render');
  const failing = v.strings.find((s) => s.error);
  assert.equal(
    failing?.error,
    'template: :1:10: executing "" at <.config.num.y>: can\'t evaluate field y in type interface {}',
  );
  assert.equal(v.strings.find((s) => s.path[0] === 'version')?.rendered, 'float64');
  assert.equal(verdict(text, null).strings.find((s) => s.path[0] === 'version')?.rendered, 'int');
});

test("a list rendered into chartName is refused by the typed decode; .releaseName is the Module's", () => {
  const text = RESOURCE(
    '  repo: https://c\n  chartName: \'{{ "[1, 2]" }}\'\n  namespace: "{{ .releaseName }}"\n  version: 1.0.0',
  );
  const v = verdict(text, '', 'team-m');
  assert.equal(v.stage, 'render');
  assert.match(
    v.error ?? '',
    /^failed to render Helm module spec: yaml: unmarshal errors:\n {2}line \d+: cannot unmarshal !!seq into string$/,
  );
  assert.deepEqual(
    renderFindings(v).map((f) => f.specPath),
    [['chartName']],
  );
  assert.equal(v.strings.find((s) => s.path[0] === 'namespace')?.rendered, 'team-m');
});

test('the Module: an error on the config key the template names, the template as related information', async () => {
  const text = helmModule('  repo: https://c\n  chartName: c\n  version: "{{ .config.v }}"', '    v: ""');
  const ds = errors(await validate(text));
  assert.equal(ds.length, 1, describe(ds));
  assert.equal(ds[0]?.code, 'helm-template-render');
  assert.equal(ds[0]?.message, 'failed to install Helm module: HelmModuleSpec Version cannot be empty');
  assert.equal(ds[0]?.range.start.line, text.split('\n').indexOf('    v: ""'));
  // accepted when the Module gives a version
  assert.deepEqual(errors(await validate(text.replace('v: ""', 'v: "2.0.0"'))), []);
});

test('the install plan renders before Validate, as newManager does', async () => {
  const text = helmModule(
    '  repo: https://c\n  chartName: c\n  version: "{{ .config.num.y }}"\n  values:\n    - {}',
    '    num: 2',
  );
  const doc = parseYamlFile(text).documents[0]!;
  const s = settings();
  const plan = await moduleInstallPlan(doc, {
    settings: s,
    resolver: createResolver({ settings: s, fetchText: offlineFetch }),
  });
  assert.deepEqual(plan, {
    ok: false,
    code: 'helm-template-render',
    error:
      'failed to render Helm module spec: template: :1:10: executing "" at <.config.num.y>: can\'t evaluate field y in type interface {}',
  });
  // the diagnostics say both: the template (the operator's first refusal) and the values entry
  const ds = errors(await validate(text));
  assert.deepEqual(ds.map((d) => d.code).sort(), ['helm-field-missing', 'helm-template-render'], describe(ds));
});

test('the resource file on its own is rendered with the defaults', async () => {
  const bad = RESOURCE('  repo: "{{ if .config.num }}http://[::1{{ end }}"\n  chartName: c\n  version: 1.0.0');
  const ds = errors(await validate(bad));
  assert.equal(ds.length, 1, describe(ds));
  assert.equal(ds[0]?.code, 'helm-template-render');
  assert.match(
    ds[0]?.message ?? '',
    /^failed to install Helm module: HelmModuleSpec Repo 'http:\/\/\[::1' is invalid: parse "http:\/\/\[::1": missing '\]' in host/,
  );
  assert.deepEqual(errors(await validate(bad.replace('http://[::1', 'https://c'))), []);
});

test('without the wasm: one information, validation goes on', async () => {
  setOperatorWasmDirs([mkdtempSync(join(tmpdir(), 'no-wasm-'))]);
  try {
    const ds = await validate(
      RESOURCE('  repo: https://c\n  chartName: c\n  version: "{{ .config.v }}"\n  namespace: ""'),
    );
    assert.deepEqual(errors(ds), []);
    const info = ds.filter((d) => d.code === 'helm-template-render');
    assert.equal(info.length, 1, describe(ds));
    assert.equal(info[0]?.severity, 3);
    assert.match(info[0]?.message ?? '', /operator\.wasm .* not found/);
  } finally {
    setOperatorWasmDirs(undefined);
  }
});
