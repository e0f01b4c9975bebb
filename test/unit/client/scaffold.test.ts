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
  scaffoldFolder,
} from '../../../client/src/scaffold/scaffoldModel';
import { RESOURCE } from './fixtures';

const offline = {
  settings: { ...DEFAULT_SETTINGS, fetchHttp: false },
  resolver: createResolver({ settings: { ...DEFAULT_SETTINGS, fetchHttp: false } }),
};

// Until the editor treats local plugin paths as a warning (issue 11, item 3), `file: ./` is the operator's
// repo-file-scheme refusal: the local host waives exactly that rule. Nothing else may be an error.
const errorsBesidesLocalPlugin = async (text: string) =>
  (await validateText(text, offline)).filter((d) => d.severity === 1 && d.code !== 'repo-file-scheme');

test('New Custom Resource: a resource whose plugin is its folder, a Module using it, a Go plugin, a go.mod', async () => {
  const files = customResourceFiles('my-plugin', { workspace: 'team' });
  assert.deepEqual(
    files.map((f) => f.path),
    ['resource.yaml', 'module.yaml', 'main.go', 'go.mod'],
  );
  const [resource, module, main, gomod] = files.map((f) => f.text) as [string, string, string, string];
  assert.deepEqual(await errorsBesidesLocalPlugin(resource), []);
  const definition = parseYamlFile(resource).documents[0]!;
  assert.equal(definition.kind, 'custom');
  assert.deepEqual((definition.value as { spec: unknown }).spec, { repo: { file: './' } });

  assert.deepEqual(await errorsBesidesLocalPlugin(module), []);
  const doc = parseYamlFile(module).documents[0]!;
  assert.equal(doc.kind, 'module');
  const spec = (doc.value as { metadata: { name: string }; spec: Record<string, unknown> }).spec;
  assert.equal((doc.value as { metadata: { name: string } }).metadata.name, 'my-plugin');
  assert.deepEqual(spec.workspace, { name: 'team' });
  // source.raw is resource.yaml's definition, so Install runs the plugin in this folder.
  assert.deepEqual(spec.source, { raw: definition.value });
  assert.deepEqual(spec.config, { namespace: 'default', replicas: 1 });

  assert.match(main, /^package main$/m);
  assert.match(main, /var _ base\.NewCustomManagerT = NewManager/);
  for (const method of ['Install', 'Uninstall', 'Sleep', 'Resume']) {
    assert.match(
      main,
      new RegExp(`func \\(p \\*plugin\\) ${method}\\(ctx context\\.Context, metaData base\\.MetaData\\) error`),
    );
  }
  assert.match(main, /^func main\(\) \{\}$/m);
  // The operator v0.1.7's go directive and versions (test/host/moduleVersions.test.ts checks them against its go.mod).
  assert.match(gomod, /^module example\.com\/forkspacer-plugins\/my-plugin$/m);
  assert.match(gomod, /^go 1\.24\.5$/m);
  for (const req of [
    'github.com/forkspacer/forkspacer v0.1.7',
    'github.com/go-logr/logr v1.4.3',
    'k8s.io/client-go v0.34.1',
  ])
    assert.ok(gomod.includes(`\t${req}\n`), req);
  assert.doesNotMatch(gomod, /replace/);
});

test('the plugin folder is typed relative to the workspace folder; its name is the resource name', () => {
  assert.deepEqual(scaffoldFolder('plugins/my-plugin'), { ok: true, relPath: 'plugins/my-plugin', name: 'my-plugin' });
  assert.deepEqual(scaffoldFolder(' ./plugins//shop/ '), { ok: true, relPath: 'plugins/shop', name: 'shop' });
  assert.deepEqual(scaffoldFolder('plugins\\win'), { ok: true, relPath: 'plugins/win', name: 'win' });
  assert.deepEqual(scaffoldFolder('solo'), { ok: true, relPath: 'solo', name: 'solo' });
  const refused = (input: string) => {
    const r = scaffoldFolder(input);
    assert.equal(r.ok, false, input);
    return (r as { message: string }).message;
  };
  assert.match(refused(''), /Give the folder to create/);
  assert.match(refused('.'), /Give the folder to create/);
  assert.match(refused('/tmp/x'), /relative to the workspace folder/);
  assert.match(refused('C:/x'), /relative to the workspace folder/);
  assert.match(refused('../outside'), /inside the workspace folder/);
  assert.match(refused('plugins/../../x'), /inside the workspace folder/);
  assert.match(refused('plugins/My_Plugin'), /"My_Plugin" becomes the resource's metadata\.name/);
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
