// Properties of quick fixes (harness.checkQuickFixes) with fast-check: Modules with inline resources built from
// pools of config items (every type; required, default, editable written or omitted) and Module values (right,
// wrong type, out of range, YAML 1.1 booleans, 1.10, unknown keys, missing keys), then every fixture and example.
// For each diagnostic and each fix offered for it: applies cleanly, parseable YAML, its diagnostic gone, no new
// error of another rule; fix all: the same promises, and idempotent.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { checkQuickFixes } from './harness';
import { exampleAndFixtureFiles } from '../yamlCorpus';

const RUNS = Number(process.env.FORKSPACER_PROPERTY_RUNS ?? 300);

const TYPES = ['string', 'integer', 'float', 'boolean', 'option', 'multiple-options'] as const;
const SCALARS = [
  '1',
  '2.5',
  '30',
  '-1',
  'yes',
  'on',
  'no',
  'true',
  '"true"',
  '1.10',
  '"1.10"',
  'x',
  '"abc"',
  'null',
  '[a]',
  '[a, b, c]',
  '{}',
  '0777',
  'a',
  'b',
];

const item = fc.record({
  type: fc.constantFrom(...TYPES),
  alias: fc.constantFrom('env', 'replicas', 'ratio', 'debug', 'name', 'features'),
  required: fc.constantFrom(undefined, 'true', 'false'),
  default: fc.constantFrom(undefined, ...SCALARS),
  editable: fc.constantFrom(undefined, 'true', 'false'),
  min: fc.constantFrom(undefined, '1', '0.5'),
  max: fc.constantFrom(undefined, '10', '2'),
  regex: fc.constantFrom(undefined, '"^[a-z]+$"'),
  values: fc.constantFrom(undefined, '[a, b, c]', '["1.9", "1.10"]', '[]'),
});

type ItemSpec = typeof item extends fc.Arbitrary<infer T> ? T : never;

const moduleText = fc
  .record({
    items: fc.uniqueArray(item, { minLength: 1, maxLength: 4, selector: (i) => i.alias }),
    config: fc.array(
      fc.tuple(
        fc.constantFrom('env', 'replicas', 'ratio', 'debug', 'name', 'features', 'bogus'),
        fc.constantFrom(...SCALARS),
      ),
      {
        maxLength: 5,
      },
    ),
    noConfig: fc.boolean(),
  })
  .map(({ items, config, noConfig }) => {
    const specLines = (i: ItemSpec) =>
      (['required', 'default', 'editable', 'min', 'max', 'regex', 'values'] as const)
        .filter((k) => i[k] !== undefined)
        .map((k) => `            ${k}: ${i[k]}\n`)
        .join('');
    const itemText = items
      .map(
        (i) =>
          `        - type: ${i.type}\n          name: ${i.alias}\n          alias: ${i.alias}\n          spec:\n${specLines(i) || '            {}\n'}`,
      )
      .join('');
    const seen = new Set<string>();
    const configText = config
      .filter(([k]) => !seen.has(k) && seen.add(k))
      .map(([k, v]) => `    ${k}: ${v}\n`)
      .join('');
    return `apiVersion: batch.forkspacer.com/v1
kind: Module
metadata:
  name: prop
spec:
  workspace:
    name: dev
  source:
    raw:
      kind: Custom
      metadata:
        name: prop
        version: 1.0.0
        supportedOperatorVersion: ">= 0.0.0, < 1.0.0"
      config:
${itemText}      spec:
        repo:
          file: https://example.com/plugin.so
${noConfig ? '' : `  config:\n${configText || '    {}\n'}`}`;
  });

test(`quick fixes keep their promises on ${RUNS} generated Modules`, { timeout: 600_000 }, async () => {
  let offered = 0;
  let fixedAll = 0;
  await fc.assert(
    fc.asyncProperty(moduleText, async (text) => {
      const report = await checkQuickFixes(text);
      offered += report.offered;
      fixedAll += report.fixedAll;
    }),
    { numRuns: RUNS, seed: Number(process.env.FORKSPACER_PROPERTY_SEED ?? 13) },
  );
  console.log(`# ${offered} fixes offered and checked, ${fixedAll} applied by fix all`);
  assert.ok(offered > RUNS, `only ${offered} fixes offered: the generator misses the fixable problems`);
});

test('quick fixes keep their promises on every example and fixture', async () => {
  let offered = 0;
  for (const file of exampleAndFixtureFiles()) {
    const report = await checkQuickFixes(readFileSync(file, 'utf8')).catch((error: Error) => {
      throw new Error(`${file}: ${error.message}`);
    });
    offered += report.offered;
  }
  assert.ok(offered >= 15, `${offered} fixes offered over the fixtures`);
});
