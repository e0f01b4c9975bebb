// Benchmark of the pure core, in-process (the figures unit tests must not assert): per-document validation
// of a Module with an inline resource (parse excluded), a cached constraint, an alias bomb refused, a map of
// 20,000 keys parsed, and the Modules tree of 1,000 Modules built and rendered. Uses the tsc output (out/).
// Run: npx tsc -p . && node bench/core.mjs   Options: --rounds 5
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { moduleDocument } from './fixtures.mjs';

const require = createRequire(import.meta.url);
const OUT = join(import.meta.dirname, '..', 'out');
const core = require(join(OUT, 'common', 'src', 'index.js'));
const { normaliseSettings } = require(join(OUT, 'common', 'src', 'settings.js'));
const { entriesOfFile } = require(join(OUT, 'client', 'src', 'workspace', 'workspaceModel.js'));
const { buildModulesTree, treeItemOf } = require(join(OUT, 'client', 'src', 'views', 'modulesModel.js'));

const args = process.argv.slice(2);
const ROUNDS = Number(args[args.indexOf('--rounds') + 1] || 5);
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function timeIt(run) {
  await run(); // warm-up
  const times = [];
  for (let r = 0; r < ROUNDS; r++) {
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  return median(times);
}

const settings = normaliseSettings({}, {});
const ctx = { settings, resolver: core.createResolver({ settings }) };
const docs = Array.from({ length: 200 }, (_, i) => core.parseYamlFile(moduleDocument(i).slice(4)).documents[0]);
const rows = [];
rows.push([
  'validateDocument, Module + inline resource (parsed)',
  (await timeIt(async () => {
    for (const d of docs) await core.validateDocument(d, ctx);
  })) / docs.length,
  'per document',
]);
let n = 0;
rows.push([
  'parseYamlFile, 70-line Module',
  (await timeIt(() => {
    for (let i = 0; i < 200; i++) core.parseYamlFile(moduleDocument(100000 + n++).slice(4));
  })) / 200,
  'per document',
]);
rows.push([
  'parseConstraint, cached',
  (await timeIt(() => {
    for (let i = 0; i < 10000; i++) core.parseConstraint('>= 0.0.0, < 1.0.0');
  })) / 10000,
  'per call',
]);
let bomb = 'a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n';
for (let i = 1; i < 12; i++)
  bomb += `a${i}: &a${i} [${Array(10)
    .fill(`*a${i - 1}`)
    .join(', ')}]\n`;
rows.push(['kubectlValue of an alias bomb (refused)', await timeIt(() => core.kubectlValue(bomb)), 'per call']);
let big = 'kind: Custom\nmetadata:\n';
for (let i = 0; i < 20000; i++) big += `  k${i}: v\n`;
let salt = 0;
rows.push([
  'parseYamlFile, a map of 20,000 keys',
  await timeIt(() => core.parseYamlFile(`${big}# ${salt++}\n`)),
  'per file',
]);
const many = Array.from(
  { length: 1000 },
  (_, i) =>
    `apiVersion: batch.forkspacer.com/v1\nkind: Module\nmetadata:\n  name: m-${i}\nspec:\n  workspace:\n    name: ws-${i % 20}\n  source:\n    httpURL: https://example.com/r.yaml\n`,
).join('---\n');
const modules = entriesOfFile('/ws/many.yaml', 'many.yaml', core.parseYamlFile(many).documents).modules;
rows.push([
  'Modules tree of 1,000 Modules, built and rendered',
  await timeIt(() => {
    for (const group of buildModulesTree(modules, new Map())) {
      treeItemOf(group);
      for (const m of group.modules) treeItemOf(m);
    }
  }),
  'per tree',
]);

const ms = (v) => (v < 0.01 ? `${(v * 1000).toFixed(2)} µs` : `${v.toFixed(v < 10 ? 3 : 1)} ms`);
console.log(`Core (in-process, medians of ${ROUNDS} rounds, node ${process.version})`);
console.log('| figure | time | |\n| --- | ---: | --- |');
for (const [label, value, unit] of rows) console.log(`| ${label} | ${ms(value)} | ${unit} |`);
