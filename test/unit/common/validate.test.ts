import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { codes, describe, errors, EXAMPLES, FIXTURES, moduleWith, settings, validate } from './helpers';
import { parseYamlFile } from '../../../common/src/document';
import { validateDocument } from '../../../common/src/validate';
import { createResolver } from '../../../common/src/resolve';

const ITEMS = `        - type: integer
          name: Replicas
          alias: replicas
          spec:
            default: 2
            min: 1
            max: 10
            editable: true
        - type: option
          name: Version
          alias: version
          spec:
            default: "1.10"
            values: ["1.9", "1.10"]
            editable: true
        - type: string
          name: Name
          alias: name
          spec:
            regex: "(?i)^[a-z]+$"
            editable: true
        - type: boolean
          name: Debug
          alias: debug
          spec:
            default: false
        - type: boolean
          name: Verbose
          alias: verbose
          spec:
            editable: true`;

// [what, config (indented 4), expected error codes, expected warning codes]
const MODULE_CASES: [string, string, string[], string[]][] = [
  ['all valid', '    replicas: 3\n    version: "1.9"\n    name: Web', [], []],
  ['empty config applies defaults', '    {}', [], []],
  ['unknown alias', '    replica: 3', ['config-unknown-field'], []],
  ['integer bounds', '    replicas: 0', ['config-out-of-range'], []],
  ['integer truncation is accepted', '    replicas: 2.5', [], ['config-integer-truncated']],
  ['unquoted 1.10 is a float', '    version: 1.10', ['config-type-mismatch'], ['yaml-float-version']],
  ['option not in values', '    version: "2.0"', ['config-option-invalid'], []],
  ['(?i) regex is RE2 and unanchored search', '    name: HELLO', [], []],
  ['regex mismatch', '    name: "two words"', ['config-regex-mismatch'], []],
  ['editable omitted means not editable', '    debug: true', ['config-not-editable'], []],
  ['yes is a boolean to kubectl', '    verbose: yes', [], ['yaml11-boolean']],
  ['yes for a string item is refused', '    name: yes', ['config-type-mismatch'], ['yaml11-boolean']],
  ['config must be a map', '    - a', ['config-type-mismatch'], []],
];

test('Module config against an inline resource: a table of operator verdicts', async () => {
  for (const [what, config, expectErrors, expectWarnings] of MODULE_CASES) {
    const ds = await validate(moduleWith(ITEMS, config));
    assert.deepEqual(codes(errors(ds)).sort(), [...expectErrors].sort(), `${what}\n${describe(ds)}`);
    const warnings = codes(ds.filter((d) => d.severity === 2));
    for (const w of expectWarnings) assert.ok(warnings.includes(w), `${what}: expected warning ${w}\n${describe(ds)}`);
    // The inline resource's own warning (debug: editable omitted) is information, never an error.
    assert.ok(ds.every((d) => d.source === 'forkspacer'));
  }
});

test('diagnostics sit on the offending key or value, in file coordinates', async () => {
  const text = 'apiVersion: apps/v1\nkind: Deployment\n---\n' + moduleWith(ITEMS, '    replica: 3\n    replicas: 11');
  const ds = errors(await validate(text));
  const unknown = ds.find((d) => d.code === 'config-unknown-field');
  const range = ds.find((d) => d.code === 'config-out-of-range');
  const lines = text.split('\n');
  assert.ok(unknown && range);
  assert.equal(
    lines[unknown.range.start.line].slice(unknown.range.start.character, unknown.range.end.character),
    'replica',
  );
  assert.equal(lines[range.range.start.line].slice(range.range.start.character, range.range.end.character), '11');
  assert.equal(range.message, "validation failed for field 'replicas': value 11 is greater than maximum 10");
  assert.deepEqual((range.data as { path: unknown[] }).path, ['spec', 'config', 'replicas']);
});

test('a required item missing is reported even with a default, on spec.config', async () => {
  const items = `        - { type: string, name: NS, alias: namespace, spec: { required: true, default: "default", editable: true } }`;
  const ds = await validate(moduleWith(items, '    {}'));
  const e = errors(ds);
  assert.deepEqual(codes(e), ['config-required-missing']);
  assert.match(e[0].message, /^field 'namespace' is required but missing/);
  assert.ok(codes(ds).includes('config-required-with-default'));
});

test('Module sources: webhook order and wording', async () => {
  const m = (source: string, extra = '') =>
    `apiVersion: batch.forkspacer.com/v1\nkind: Module\nmetadata:\n  name: m\nspec:\n  workspace:\n    name: dev\n  source:\n${source}\n${extra}`;
  const CASES: [string, string[], string[], RegExp?][] = [
    [m('    {}'), ['module-source-none'], [], /^exactly one of 'raw', 'configMap', or 'httpURL' must be specified$/],
    [m('    github: {}'), ['module-source-unsupported'], [], /'github' module source type is not yet supported/],
    [m('    existingHelmRelease: { name: r }'), ['module-source-unsupported'], [], /'existingHelmRelease'/],
    [m('    httpURL: file:///etc/passwd'), ['module-source-scheme'], [], /unsupported Http URL scheme, got 'file'/],
    [
      m('    configMap: { name: r }\n    httpURL: https://example.com/resources/test-plugin.yaml'),
      [],
      ['module-source-multiple'],
    ],
    [m('    httpURL: https://example.com/resources/test-plugin.yaml\n    github: {}'), [], ['module-source-multiple']],
    [m('    httpURL: https://example.com/resources/nope.yaml'), [], ['module-source-fetch-failed']],
    [m('    httpURL: https://elsewhere.example.org/r.yaml'), [], ['module-source-fetch-failed']],
  ];
  for (const [text, expectErrors, expectWarnings, message] of CASES) {
    const ds = await validate(text);
    assert.deepEqual(codes(errors(ds)), expectErrors, describe(ds));
    for (const w of expectWarnings)
      assert.ok(codes(ds.filter((d) => d.severity === 2)).includes(w), `${w}\n${describe(ds)}`);
    if (message) assert.match(errors(ds)[0].message, message);
  }
  const noWorkspace = await validate(
    'apiVersion: batch.forkspacer.com/v1\nkind: Module\nmetadata: { name: m }\nspec:\n  source:\n    configMap: { name: r, namespace: default }\n',
  );
  assert.deepEqual(codes(errors(noWorkspace)), ['module-workspace-name']);
  assert.ok(noWorkspace.some((d) => d.code === 'module-source-configmap-unresolved' && d.severity === 3));
});

test('an httpURL resource refused by the operator refuses the Module; fetching is optional', async () => {
  const m = (url: string) =>
    `apiVersion: batch.forkspacer.com/v1\nkind: Module\nmetadata:\n  name: m\nspec:\n  workspace:\n    name: dev\n  source:\n    httpURL: ${url}\n  config:\n    appName: web\n`;
  const tooNew =
    'kind: Custom\nmetadata:\n  name: r\n  version: 1.0.0\n  supportedOperatorVersion: ">= 0.2.0"\nspec:\n  repo:\n    file: https://example.com/p.so\n';
  const ds = await validate(m('https://other.example.net/r.yaml'), {}, async () => tooNew);
  // Both refusals are shown (the operator stops at the first: the version).
  assert.deepEqual(codes(errors(ds)), ['operator-version-unsupported', 'config-unknown-field']);
  assert.match(
    errors(ds)[0].message,
    /operator version 0\.1\.7 does not satisfy supported version constraint ">= 0\.2\.0"/,
  );
  const newer = await validate(m('https://other.example.net/r.yaml'), { operatorVersion: '0.2.1' }, async () => tooNew);
  assert.deepEqual(codes(errors(newer)), ['config-unknown-field']);
  const disabled = await validate(m('https://other.example.net/r.yaml'), { fetchHttp: false });
  assert.deepEqual(codes(errors(disabled)), []);
  assert.ok(disabled.some((d) => d.code === 'module-source-fetch-failed' && d.severity === 3));
  const mapped = await validate(m('https://example.com/resources/my-plugin-resource.yaml'));
  assert.deepEqual(codes(errors(mapped)), []);
});

test('Workspaces: enums, kubeconfig secret, cron schedules, fork source', async () => {
  const w = (spec: string) =>
    `apiVersion: batch.forkspacer.com/v1\nkind: Workspace\nmetadata:\n  name: w\nspec:\n${spec}\n`;
  const CASES: [string, string[], RegExp?][] = [
    [w('  type: kubernetes\n  connection: { type: in-cluster }'), []],
    [w('  type: vm'), ['workspace-field'], /Unsupported value: "vm"/],
    [
      w('  connection: { type: kubeconfig }'),
      ['workspace-field'],
      /secretReference is required when connection type is kubeconfig/,
    ],
    [w('  connection: { type: kubeconfig, secretReference: { name: kc } }'), []],
    [w('  autoHibernation: { enabled: true, schedule: "*/15 * * * *", wakeSchedule: "@every 1h30m" }'), []],
    [w('  autoHibernation: { schedule: "0 0 8 * * MON-FRI" }'), []],
    [w('  autoHibernation: { schedule: "0 20 * *" }'), ['workspace-field'], /expected 5 to 6 fields, found 4/],
    [w('  autoHibernation: { schedule: "@sometimes" }'), ['workspace-field'], /unrecognized descriptor: @sometimes/],
    [
      w('  autoHibernation: { schedule: "0 20 * * *", wakeSchedule: "0 20 * * *" }'),
      ['workspace-field'],
      /wakeSchedule cannot be the same as schedule/,
    ],
    [w('  from: { namespace: default }'), ['workspace-field'], /spec\.from\.name/],
  ];
  for (const [text, expected, message] of CASES) {
    const ds = await validate(text);
    assert.deepEqual(codes(errors(ds)), expected, `${text}\n${describe(ds)}`);
    if (message) assert.match(errors(ds)[0].message, message);
  }
});

test('documents that are not Forkspacer get nothing from us, whatever they hold', async () => {
  const ds = await validate(
    'apiVersion: apps/v1\nkind: Deployment\nspec:\n  replicas: yes\n  x: [\n---\nkind: Custom\nfoo: bar\n',
  );
  assert.deepEqual(ds, []);
});

test('a broken Forkspacer document degrades to YAML syntax errors', async () => {
  const ds = await validate('kind: Custom\nmetadata:\n\tname: x\nspec: {}\n');
  assert.ok(ds.length > 0);
  assert.ok(ds.every((d) => d.code === 'yaml-syntax'));
});

test('examples/ and test/fixtures/valid/ validate with no errors', async () => {
  for (const [dir, prefix] of [
    [EXAMPLES, EXAMPLES],
    [path.join(FIXTURES, 'valid'), path.join(FIXTURES, 'valid')],
  ]) {
    for (const name of readdirSync(dir).filter((f) => f.endsWith('.yaml'))) {
      const ds = await validate(readFileSync(path.join(dir, name), 'utf8'), {
        urlMappings: [{ prefix: 'https://example.com/resources/', folder: prefix }],
      });
      assert.deepEqual(errors(ds), [], `${name}\n${describe(ds)}`);
      assert.ok(
        !ds.some((d) => d.code === 'module-source-fetch-failed'),
        `${name}: every httpURL resolves offline\n${describe(ds)}`,
      );
    }
  }
});

test('test/fixtures/invalid/: each file holds its one trap', async () => {
  const dir = path.join(FIXTURES, 'invalid');
  const files = readdirSync(dir).filter((f) => f.endsWith('.yaml'));
  assert.ok(files.length >= 30);
  for (const name of files) {
    const text = readFileSync(path.join(dir, name), 'utf8');
    const expected = /^# expect: ([a-z0-9-]+)/m.exec(text)?.[1];
    assert.ok(expected, `${name} names its expected code`);
    const ds = await validate(text);
    const errs = errors(ds);
    assert.ok(errs.length > 0, `${name}: expected an error`);
    assert.ok(
      errs.every((d) => d.code === expected),
      `${name}: only ${expected} errors\n${describe(ds)}`,
    );
  }
});

// Its speed is measured by bench/core.mjs (npm run bench); here that repeated validation (warm caches) keeps its verdict.
test('per-document validation of 100 Modules with inline resources: each gets the same verdict, warm or cold', async () => {
  const s = settings();
  const ctx = { settings: s, resolver: createResolver({ settings: s }) };
  const text = moduleWith(ITEMS, '    replicas: 3\n    version: "1.9"\n    name: Web');
  const docs = Array.from(
    { length: 100 },
    (_, i) => parseYamlFile(text.replace('name: m', `name: m${i}`)).documents[0],
  );
  const cold = await validateDocument(docs[0]!, ctx);
  assert.ok(cold.length > 0, 'the Module has findings (version "1.9" is a string for an integer item, ...)');
  for (const d of docs) assert.deepEqual(await validateDocument(d, ctx), cold);
});

test('kubectl traps in a Module: a yes key, a null key', async () => {
  const withKey = await validate(moduleWith(ITEMS, '    y: 1'));
  assert.ok(
    withKey.some((d) => d.code === 'yaml11-boolean' && /the key 'y' is the boolean true/.test(d.message)),
    describe(withKey),
  );
  assert.ok(
    errors(withKey).some(
      (d) => d.code === 'config-unknown-field' && d.message === "unknown field 'true' provided in input",
    ),
  );
  const nullKey = await validate(moduleWith(ITEMS, '    ~: 1'));
  assert.deepEqual(codes(errors(nullKey)), ['yaml-syntax']);
  assert.match(errors(nullKey)[0].message, /kubectl refuses a null map key/);
});

test("the API server's finding on a YAML 1.1 key sits on that key (its JSON name is another)", async () => {
  // kubectl sends the key `n` as "false"; the strict decoder refuses "false", which the YAML calls `n`.
  const text = 'apiVersion: batch.forkspacer.com/v1\nkind: Workspace\nmetadata:\n  name: dev\nn: 1\nspec: {}\n';
  const unknown = errors(await validate(text)).find((d) => d.code === 'crd-unknown-field');
  assert.ok(unknown, 'unknown field "false" expected');
  assert.match(unknown.message, /unknown field "false"/);
  assert.deepEqual([unknown.range.start.line, unknown.range.start.character, unknown.range.end.character], [4, 0, 1]);
});

test('a repeated key: kubectl keeps the last in a Module (warning), yaml.v3 refuses it in a resource (error)', async () => {
  // `yes` and `true` become the same JSON key "true"; the last value (2, not editable-checked) is what the operator sees.
  const repeated = await validate(moduleWith(ITEMS, '    replicas: 3\n    replicas: 4\n    yes: 1\n    true: 2'));
  const dups = repeated.filter((d) => d.code === 'yaml-duplicate-key');
  assert.deepEqual(
    dups.map((d) => [d.severity, d.range.start.line]),
    [
      [2, 51],
      [2, 53],
    ],
    describe(repeated),
  );
  assert.match(dups[0].message, /key "replicas" is repeated \(first on line 51\): kubectl keeps only this last value/);
  assert.ok(!errors(repeated).some((d) => d.code === 'yaml-syntax'), describe(repeated));
  const resource = await validate(
    'kind: Custom\nmetadata:\n  name: r\n  version: 1.0.0\n  name: s\nspec:\n  repo:\n    file: https://x/p.so\n',
  );
  assert.deepEqual(codes(errors(resource)), ['yaml-syntax']);
  assert.match(errors(resource)[0].message, /mapping key "name" already defined/);
});

test('validation never throws on mangled Forkspacer documents', async () => {
  const sources = readdirSync(EXAMPLES)
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => readFileSync(path.join(EXAMPLES, f), 'utf8'));
  let seed = 7;
  const rand = (n: number) => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) % n;
  const junk = [' ', '\t', ':', '-', '"', "'", '{', '[', '&a', '*a', '\n', '~', 'yes', '1.10', '\u0000', '#'];
  for (let i = 0; i < 120; i++) {
    let text = sources[i % sources.length];
    for (let k = 0; k < 3; k++) {
      const at = rand(text.length);
      text = rand(2) ? text.slice(0, at) + junk[rand(junk.length)] + text.slice(at + 1) : text.slice(0, at);
    }
    const ds = await validate(text);
    assert.ok(Array.isArray(ds));
    for (const d of ds) assert.ok(d.range.start.line >= 0 && d.range.end.line >= d.range.start.line, JSON.stringify(d));
  }
});

test('a document nested deeper than the parser’s stack is left unchecked with a warning saying why, not an error', async () => {
  const nested = (n: number) =>
    `apiVersion: batch.forkspacer.com/v1\nkind: Module\nmetadata:\n  name: a\nspec:\n  workspace:\n    name: dev\n  config:\n    x: ${'['.repeat(n)}${']'.repeat(n)}\n`;
  const deep = await validate(nested(3000));
  assert.equal(deep.length, 1, JSON.stringify(deep));
  const [d] = deep as [(typeof deep)[number]];
  assert.equal(d.code, 'yaml-syntax');
  assert.equal(d.severity, 2 /* warning */);
  assert.match(d.message, /^nested too deeply for this checker to read .*not checked.*10,000 levels$/);
  assert.equal(d.range.start.line, 8, 'on the line of the nesting');
  // Shallower nesting is read and checked as usual (here: spec.source is missing).
  assert.ok(!(await validate(nested(300))).some((x) => /nested too deeply/.test(x.message)));
  assert.ok((await validate(nested(300))).some((x) => x.severity === 1));
});
