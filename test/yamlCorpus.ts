// YAML to check the YAML front ends on: every document of the repository's YAML files and the benchmarks'
// generated Modules, and seeded mutations of them (test/unit/common/quickCompose.test.ts, test/lsp/quickParse.test.ts);
// and the example and fixture files the tests that compare answers at every position walk.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { splitDocuments } from '../common/src/document';
import type * as Fixtures from '../bench/fixtures.mjs';

const ROOT = join(__dirname, '..', '..');
// The benchmarks' generated Module (bench/ is not compiled to out/).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { moduleDocument } = require(join(ROOT, 'bench', 'fixtures.mjs')) as typeof Fixtures;

/** The YAML files below `dir` (not node_modules, dot folders or build output), in name order. */
export function yamlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.') || name === 'out' || name === 'dist') continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...yamlFiles(p));
    else if (/\.ya?ml$/.test(name)) out.push(p);
  }
  return out;
}

/** The YAML files of `examples/` and `test/fixtures/`: what users write, valid and invalid. */
export function exampleAndFixtureFiles(): string[] {
  return ['examples', join('test', 'fixtures')].flatMap((dir) => yamlFiles(join(ROOT, dir)));
}

/** Every document of the repository's YAML files, and generated Modules. */
export function corpus(): string[] {
  const texts: string[] = [];
  for (const dir of ['examples', 'test', 'schemas'])
    for (const file of yamlFiles(join(ROOT, dir))) {
      const text = readFileSync(file, 'utf8');
      for (const { start, end } of splitDocuments(text)) texts.push(text.slice(start, end));
    }
  for (let i = 0; i < 20; i++) texts.push(moduleDocument(i), moduleDocument(i).slice('---\n'.length));
  return texts;
}

/** A small seeded generator (mulberry32), so that a failure can be replayed. */
export function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PIECES = [
  ' ',
  '  ',
  ':',
  ': ',
  '-',
  '- ',
  '"',
  "'",
  '#',
  ' #',
  '[',
  ']',
  '{',
  '}',
  ',',
  '\n',
  'x',
  '0',
  '.',
  '\\',
  'yes',
  '0x1F',
  '1e3',
  '~',
  'null',
  '"a"',
  "''",
  '\n  ',
  '\n\n',
  '@',
  '%',
  '`',
  ', ',
];

export function mutate(text: string, next: () => number): string {
  const at = Math.floor(next() * (text.length + 1));
  const lines = text.split('\n');
  switch (Math.floor(next() * 6)) {
    case 0:
      return text.slice(0, at) + text.slice(at + 1 + Math.floor(next() * 3));
    case 1:
    case 2:
      return text.slice(0, at) + PIECES[Math.floor(next() * PIECES.length)] + text.slice(at);
    case 3: {
      const i = Math.floor(next() * lines.length);
      lines.splice(i, 0, lines[Math.floor(next() * lines.length)] ?? '');
      return lines.join('\n');
    }
    case 4: {
      const i = Math.floor(next() * lines.length);
      lines[i] = (next() < 0.5 ? ' ' : '') + (lines[i] ?? '').replace(next() < 0.5 ? /^ / : /^/, '');
      return lines.join('\n');
    }
    default: {
      const i = Math.floor(next() * lines.length);
      const j = Math.floor(next() * lines.length);
      [lines[i], lines[j]] = [lines[j] ?? '', lines[i] ?? ''];
      return lines.join('\n');
    }
  }
}

/** `count` texts of the corpus with one to three mutations each. */
export function mutations(count: number, seed: number): string[] {
  const texts = corpus();
  const next = random(seed);
  return Array.from({ length: count }, () => {
    let text = texts[Math.floor(next() * texts.length)]!;
    const edits = 1 + Math.floor(next() * 3);
    for (let e = 0; e < edits; e++) text = mutate(text, next);
    return text;
  });
}
