import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..', '..');
const grammar = JSON.parse(readFileSync(join(root, 'syntaxes', 'go-template.injection.tmLanguage.json'), 'utf8'));

test('the Go template grammar is an injection into YAML strings only', () => {
  assert.equal(grammar.injectionSelector, 'L:source.yaml string -comment');
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const contributed = pkg.contributes.grammars.find((g: { scopeName: string }) => g.scopeName === grammar.scopeName);
  assert.deepEqual(contributed.injectTo, ['source.yaml']);
});

test('its patterns find the expressions Forkspacer renders', () => {
  const t = grammar.repository.template;
  const begin = new RegExp(t.begin, 'g');
  const end = new RegExp(t.end, 'g');
  const line = 'replicaCount: "{{ .config.replicas }}" name: "{{- .releaseName -}}"';
  assert.equal(line.match(begin)?.length, 2);
  assert.equal(line.match(end)?.length, 2);
  const field = new RegExp(grammar.repository.field.match, 'g');
  assert.deepEqual(
    [...' .config.replicas '.matchAll(field)].map((m) => m[2]),
    ['config', 'replicas'],
  );
  assert.match('if', new RegExp(`^${grammar.repository.keyword.match}$`));
});
