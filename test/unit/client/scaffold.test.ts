import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  parseYamlFile,
  decodeResource,
  validateText,
  createResolver,
  DEFAULT_SETTINGS,
} from '../../../common/src/index';
import {
  customResourceFiles,
  defaultValue,
  isValidResourceName,
  moduleFromResourceYaml,
} from '../../../client/src/scaffold/scaffoldModel';
import { RESOURCE } from './fixtures';

const offline = {
  settings: { ...DEFAULT_SETTINGS, fetchHttp: false },
  resolver: createResolver({ settings: { ...DEFAULT_SETTINGS, fetchHttp: false } }),
};

test('New Custom Resource: a resource that validates clean, a Go plugin implementing the interface, a go.mod', async () => {
  const files = customResourceFiles('my-plugin');
  assert.deepEqual(
    files.map((f) => f.path),
    ['my-plugin/resource.yaml', 'my-plugin/plugin/main.go', 'my-plugin/plugin/go.mod'],
  );
  const [resource, main, gomod] = files.map((f) => f.text) as [string, string, string];
  const diagnostics = await validateText(resource, offline);
  assert.deepEqual(
    diagnostics.filter((d) => d.severity === 1),
    [],
  );
  assert.equal(parseYamlFile(resource).documents[0]?.kind, 'custom');
  assert.match(main, /^package main$/m);
  assert.match(main, /var _ base\.NewCustomManagerT = NewManager/);
  for (const method of ['Install', 'Uninstall', 'Sleep', 'Resume']) {
    assert.match(
      main,
      new RegExp(`func \\(p \\*plugin\\) ${method}\\(ctx context\\.Context, metaData base\\.MetaData\\) error`),
    );
  }
  assert.match(main, /^func main\(\) \{\}$/m);
  assert.match(gomod, /github\.com\/forkspacer\/forkspacer v0\.1\.7/);
});

test('resource names are Kubernetes names', () => {
  assert.ok(isValidResourceName('my-plugin'));
  assert.ok(!isValidResourceName('My Plugin'));
  assert.ok(!isValidResourceName('-x'));
});

test('New Module from Resource: spec.config holds the defaults of editable items and validates clean', async () => {
  const definition = decodeResource(parseYamlFile(RESOURCE).documents[0]!.value).definition!;
  const text = moduleFromResourceYaml(definition, {
    moduleName: 'app',
    workspace: 'dev',
    source: { type: 'raw', resource: parseYamlFile(RESOURCE).documents[0]!.value },
  });
  const doc = parseYamlFile(text).documents[0]!;
  assert.equal(doc.kind, 'module');
  const spec = (doc.value as { spec: { config: Record<string, unknown> } }).spec;
  // operator: a value for a non-editable alias is refused, so `locked` is only a comment.
  assert.deepEqual(spec.config, { env: 'development', replicas: 1 });
  assert.match(text, /# locked: fixed .*not editable/);
  const diagnostics = await validateText(text, offline);
  assert.deepEqual(
    diagnostics.filter((d) => d.severity === 1),
    [],
  );
});

test('New Module from Resource by URL, and values that need quoting for kubectl', () => {
  const definition = decodeResource(parseYamlFile(RESOURCE).documents[0]!.value).definition!;
  definition.config[0]!.spec.default = 'yes';
  const text = moduleFromResourceYaml(definition, {
    moduleName: 'app',
    workspace: 'dev',
    source: { type: 'httpURL', url: 'https://x/r.yaml' },
  });
  assert.match(text, /httpURL: https:\/\/x\/r\.yaml/);
  // YAML 1.1 (kubectl) would read a bare yes as a boolean.
  assert.match(text, /env: "yes"/);
});

test('an item without a default gets a value that validates', () => {
  const base = { name: 'n', alias: 'a' };
  const spec = { required: true, default: '', hasDefault: false, editable: true, editableOmitted: false };
  assert.equal(defaultValue({ ...base, type: 'option', spec: { ...spec, values: ['x', 'y'] } }), 'x');
  assert.equal(defaultValue({ ...base, type: 'integer', spec: { ...spec, min: 2 } }), 2);
  assert.deepEqual(defaultValue({ ...base, type: 'multiple-options', spec: { ...spec, values: ['x', 'y'], min: 1 } }), [
    'x',
  ]);
});
