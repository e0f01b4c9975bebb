// The decisions behind coexistence with Red Hat's YAML extension (client/src/coexistence/coexistenceModel.ts).
import { describe, it, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  claimsFile,
  outlineNextToPeer,
  sameDiagnostics,
  withoutPeerDuplicates,
  type DiagnosticLike,
} from '../../../client/src/coexistence/coexistenceModel';

const MODULE = `apiVersion: batch.forkspacer.com/v1
kind: Module
metadata:
  name: m
spec:
  workspace:
    name: dev
`;
const CUSTOM = 'kind: Custom\nmetadata:\n  name: r\n  version: 1.0.0\n';
const DEPLOYMENT = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n';

function diagnostic(line: number, start: number, end: number, code: string, source: string): DiagnosticLike {
  return { range: { start: { line, character: start }, end: { line, character: end } }, code, source };
}

describe('which files we answer for in the YAML extension', () => {
  it('claims files made only of Forkspacer documents, comments and empty documents included', () => {
    assert.equal(claimsFile(MODULE), true);
    assert.equal(claimsFile(`# header\n${CUSTOM}---\n${MODULE}---\n`), true);
  });
  it('leaves other files and mixed files to their own schemas', () => {
    assert.equal(claimsFile(DEPLOYMENT), false);
    assert.equal(claimsFile(`${DEPLOYMENT}---\n${MODULE}`), false);
    assert.equal(claimsFile(''), false);
    assert.equal(claimsFile('services:\n  web:\n    image: nginx\n'), false);
  });
});

describe('our diagnostics next to the YAML extension', () => {
  const syntax = diagnostic(3, 2, 9, 'yaml-syntax', 'forkspacer');
  const rule = diagnostic(3, 2, 9, 'config-option-invalid', 'forkspacer');
  const duplicate = diagnostic(5, 4, 8, 'yaml-duplicate-key', 'forkspacer');

  it('drops a plain YAML finding the YAML extension reports on the same place, never an operator verdict', () => {
    const peers = [diagnostic(3, 0, 12, 'x', 'YAML'), diagnostic(5, 4, 8, 'y', 'YAML')];
    assert.deepEqual(withoutPeerDuplicates([syntax, rule, duplicate], peers), [rule]);
  });
  it('keeps everything without a peer finding there', () => {
    assert.deepEqual(withoutPeerDuplicates([syntax, duplicate], [diagnostic(7, 0, 3, 'x', 'YAML')]), [
      syntax,
      duplicate,
    ]);
    assert.deepEqual(withoutPeerDuplicates([syntax], [diagnostic(3, 2, 9, 'yaml-syntax', 'forkspacer')]), [syntax]);
    assert.deepEqual(withoutPeerDuplicates([syntax], [diagnostic(3, 10, 12, 'x', 'YAML')]), [syntax], 'no overlap');
  });
  it('reads a code given as { value }', () => {
    const boxed = { ...syntax, code: { value: 'yaml-syntax' } };
    assert.deepEqual(withoutPeerDuplicates([boxed], [diagnostic(3, 0, 3, 'x', 'YAML')]), []);
  });
  it('compares lists by their elements', () => {
    assert.equal(sameDiagnostics([syntax, rule], [syntax, rule]), true);
    assert.equal(sameDiagnostics([syntax], [syntax, rule]), false);
  });
});

test('next to the YAML extension our outline keeps one entry per document, without the keys it also lists', () => {
  const symbols: { name: string; children: unknown[] }[] = [
    { name: 'Module my-app', children: [{ name: 'spec', children: [{ name: 'config' }] }] },
    { name: 'Custom my-plugin 1.0.0', children: [{ name: 'metadata' }] },
  ];
  assert.deepEqual(outlineNextToPeer(symbols), [
    { name: 'Module my-app', children: [] },
    { name: 'Custom my-plugin 1.0.0', children: [] },
  ]);
  assert.equal(symbols[0]!.children.length, 1, 'the input is not changed');
});

test("a syntax error at the end of a document: ours on its last character, the YAML extension's on the next line", () => {
  const message = 'Flow sequence in block collection must be sufficiently indented and end with a ]';
  const ours = {
    range: { start: { line: 10, character: 17 }, end: { line: 10, character: 18 } },
    code: 'yaml-syntax',
    source: 'forkspacer',
    message,
  };
  const peer = {
    range: { start: { line: 11, character: 0 }, end: { line: 11, character: 0 } },
    source: 'YAML',
    message,
  };
  assert.deepEqual(withoutPeerDuplicates([ours], [peer]), []);
  assert.deepEqual(withoutPeerDuplicates([ours], [{ ...peer, message: 'another error' }]), [ours]);
  assert.deepEqual(withoutPeerDuplicates([{ ...ours, code: 'config-unknown-field' }], [peer]), [
    { ...ours, code: 'config-unknown-field' },
  ]);
});
