// Benchmark, in-process (no LSP transport, whose scheduling noise is as large as these figures): the first hover and
// the first completion on each of 40 documents of a 400-Module file (27,600 lines), right after its validation, as
// one burst (no idle time for our idle-time parses). Three sides, each in a fresh process (the JIT is not shared):
// ours (the language server's services), ours without the validation's parse shared with yaml-language-server
// (before sharedParse.ts), and plain yaml-language-server validating the whole file, then answering.
// Run: npm run bench:features   (compiles out/ first)   Options: --rounds 3
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { loadavg } from 'node:os';
import { moduleDocument } from './fixtures.mjs';

const ROOT = join(import.meta.dirname, '..');
const require = createRequire(join(ROOT, 'package.json'));
const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1] : fallback);
const MODULES = 400;
const REQUESTS = 40;
const LINES = moduleDocument(0).split('\n');
const PER_MODULE = LINES.length - 1;
const HIBERNATED = LINES.indexOf('  hibernated: false');
const CONFIG_ENV = LINES.indexOf('    env: staging');
const percentile = (values, p) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.ceil((p / 100) * values.length) - 1)];

/** One side, in this process: prints its figures as JSON. */
async function side(name) {
  const text = Array.from({ length: MODULES }, (_, i) => moduleDocument(i)).join('');
  const hoverAt = (r) => ({ line: ((r * 17) % MODULES) * PER_MODULE + HIBERNATED, character: 4 });
  const completeAt = (r) => ({ line: ((r * 31 + 7) % MODULES) * PER_MODULE + CONFIG_ENV, character: 4 });
  let hover;
  let complete;
  if (name === 'anchor') {
    const { getLanguageService } = require('yaml-language-server');
    const { TextDocument } = require('vscode-languageserver-textdocument');
    const ls = getLanguageService({
      schemaRequestService: async () => {
        throw new Error('no schema requests');
      },
      workspaceContext: { resolveRelativePath: (path) => path },
    });
    const schema = require(join(ROOT, 'schemas', 'module.schema.json'));
    ls.configure({
      validate: true,
      hover: true,
      completion: true,
      customTags: [],
      schemas: [{ uri: 'file:///module.schema.json', fileMatch: ['*.yaml'], schema }],
    });
    const document = TextDocument.create('file:///bench.yaml', 'yaml', 1, text);
    await ls.doValidation(document, false);
    hover = (position) => ls.doHover(document, position);
    complete = (position) => ls.doComplete(document, position, false);
  } else {
    const out = (...path) => require(join(ROOT, 'out', ...path));
    const { createServices } = out('server', 'src', 'services', 'createServices.js');
    const { LanguageFeatures } = out('server', 'src', 'services', 'languageFeatures.js');
    const { YamlService } = out('server', 'src', 'services', 'yamlService.js');
    const { DEFAULT_SETTINGS } = out('common', 'src', 'types.js');
    const services = createServices({ settings: DEFAULT_SETTINGS, trusted: false, mode: 'background' });
    const features =
      name === 'ours'
        ? services.features
        : new LanguageFeatures(
            new YamlService({ reuseValidationParses: false }),
            services.resources,
            services.validation,
          );
    const uri = 'file:///bench.yaml';
    await services.validation.validateFile(uri, text, new AbortController().signal);
    hover = (position) => features.hover(uri, text, position);
    complete = (position) => features.completion(uri, text, position);
  }
  const timed = async (ask, at) => {
    const times = [];
    for (let r = 0; r < REQUESTS; r++) {
      const started = performance.now();
      if (!(await ask(at(r)))) throw new Error(`${name}: no answer`);
      times.push(performance.now() - started);
    }
    return times;
  };
  const completions = await timed(complete, completeAt);
  const hovers = await timed(hover, hoverAt);
  process.stdout.write(JSON.stringify({ completions, hovers }));
}

if (args[0] === '--side') {
  await side(args[1]);
} else {
  const rounds = Number(option('rounds', '3'));
  /** Column → the side's name in its process. */
  const SIDE = { ours: 'ours', 'ours, parse not shared': 'unshared', anchor: 'anchor' };
  const sides = Object.keys(SIDE);
  const load = loadavg()[0].toFixed(1);
  const all = Object.fromEntries(sides.map((s) => [s, { completions: [], hovers: [] }]));
  for (let round = 0; round < rounds; round++)
    for (const name of sides) {
      const child = spawnSync(process.execPath, [import.meta.filename, '--side', SIDE[name]], { encoding: 'utf8' });
      if (child.status !== 0) throw new Error(`${name}: ${child.stderr}`);
      const figures = JSON.parse(child.stdout);
      all[name].completions.push(...figures.completions);
      all[name].hovers.push(...figures.hovers);
    }
  const ms = (v) => `${v.toFixed(2)} ms`;
  console.log(
    `First requests on 40 documents of a 27,600-line file, in-process, ${rounds} fresh processes a side; node ${process.version}; load average ${load} at the start, ${loadavg()[0].toFixed(1)} at the end`,
  );
  console.log('| | ours | ours, parse not shared | yaml-language-server | ratio |');
  console.log('| --- | ---: | ---: | ---: | ---: |');
  for (const [label, key, p] of [
    ['first completion p50', 'completions', 50],
    ['first completion p95', 'completions', 95],
    ['first hover p50', 'hovers', 50],
    ['first hover p95', 'hovers', 95],
  ]) {
    const [ours, unshared, anchor] = sides.map((s) => percentile(all[s][key], p));
    console.log(`| ${label} | ${ms(ours)} | ${ms(unshared)} | ${ms(anchor)} | ${(ours / anchor).toFixed(2)}× |`);
  }
}
