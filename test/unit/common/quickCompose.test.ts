// The quick front end (common/src/quickCompose.ts) against the `yaml` library it stands in for: wherever it gives
// a document, the `yaml` library composes the same one (node for node: class, style, source, value, offsets) and
// finds nothing wrong with the text. On the repository's own YAML and on seeded mutations of it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  Composer,
  isMap,
  isPair,
  isScalar,
  isSeq,
  Pair,
  Parser,
  Scalar,
  YAMLMap,
  YAMLSeq,
  type Document,
  type Node,
} from 'yaml';
import { composeQuickly } from '../../../common/src/quickCompose';
import { corpus, mutations } from '../../yamlCorpus';

function reference(text: string): Document.Parsed[] {
  const composer = new Composer({ prettyErrors: false, keepSourceTokens: false, uniqueKeys: false });
  return Array.from(composer.compose(new Parser().parse(text)));
}

/** The first difference between two composed nodes, as a path and what differs; undefined when they agree. */
function difference(quick: unknown, ref: unknown, path = '$'): string | undefined {
  if (isScalar(ref)) {
    if (!isScalar(quick)) return `${path}: not a scalar`;
    for (const k of ['type', 'source', 'format', 'minFractionDigits'] as const)
      if (quick[k] !== ref[k]) return `${path}: ${k} ${String(quick[k])} ≠ ${String(ref[k])}`;
    if (!Object.is(quick.value, ref.value)) return `${path}: value ${String(quick.value)} ≠ ${String(ref.value)}`;
    return rangeDifference(quick, ref, path, 3);
  }
  if (isMap(ref) || isSeq(ref)) {
    if (isMap(ref) !== isMap(quick) || isSeq(ref) !== isSeq(quick)) return `${path}: collection kind`;
    const q = quick as typeof ref;
    if (Boolean(q.flow) !== Boolean(ref.flow)) return `${path}: flow ${q.flow} ≠ ${ref.flow}`;
    // A block collection's third offset takes in its trailing comment lines, which the quick path does not keep.
    const found = rangeDifference(q, ref, path, ref.flow ? 3 : 2);
    if (found) return found;
    if (q.items.length !== ref.items.length) return `${path}: ${q.items.length} ≠ ${ref.items.length} items`;
    for (let i = 0; i < ref.items.length; i++) {
      const r = ref.items[i];
      const k = q.items[i];
      if (isPair(r)) {
        if (!isPair(k)) return `${path}[${i}]: not a pair`;
        const at = `${path}.${String(isScalar(r.key) ? r.key.source : i)}`;
        const d = difference(k.key, r.key, `${at}(key)`) ?? difference(k.value, r.value, at);
        if (d) return d;
      } else {
        const d = difference(k, r, `${path}[${i}]`);
        if (d) return d;
      }
    }
    return undefined;
  }
  return `${path}: unexpected ${String((ref as { constructor?: { name?: string } })?.constructor?.name)}`;
}

function rangeDifference(quick: Node, ref: Node, path: string, parts: number): string | undefined {
  const q = quick.range?.slice(0, parts).join(',');
  const r = ref.range?.slice(0, parts).join(',');
  return q === r ? undefined : `${path}: range ${q} ≠ ${r}`;
}

/** Checks one text; says whether the quick path took it. */
function check(text: string, label: string): boolean {
  const quick = composeQuickly(text);
  if (!quick) return false;
  const refs = reference(text).filter((d) => d.contents !== null || d.errors.length);
  assert.equal(refs.length, 1, `${label}: the quick path took a text of ${refs.length} documents`);
  const [ref] = refs as [Document.Parsed];
  assert.deepEqual(
    ref.errors.map((e) => e.message),
    [],
    `${label}: the quick path took a text the yaml library refuses:\n${text}`,
  );
  assert.deepEqual(
    ref.warnings.map((e) => e.message),
    [],
    `${label}: warnings`,
  );
  const d = difference(quick.contents, ref.contents);
  assert.equal(d, undefined, `${label}: ${d}\n${text}`);
  assert.deepEqual(quick.range, ref.range, `${label}: document range\n${text}`);
  // The nodes' own methods, on the prototypes the quick nodes take their mark from, give the same values.
  assert.deepEqual(quick.toJS(), ref.toJS(), `${label}: toJS\n${text}`);
  return true;
}

test('the quick front end composes what the yaml library composes, on the repository’s YAML', () => {
  const texts = corpus();
  const taken = texts.filter((t, i) => check(t, `document ${i}`)).length;
  // Most of it is plain YAML the quick path takes (the generated Modules all are).
  assert.ok(taken >= texts.length / 2, `the quick path took ${taken} of ${texts.length}`);
});

test('the quick front end composes what the yaml library composes, on mutations of it', () => {
  const count = 6000;
  const taken = mutations(count, 12).filter((text, n) => check(text, `mutation ${n}`)).length;
  assert.ok(taken >= count / 5, `the quick path took ${taken} of ${count} mutations`);
});

test('quick nodes are yaml nodes: classes, type guards, clone, a collection’s schema', () => {
  const doc = composeQuickly('a: 1\nb: [x, {c: d}]\ne:\n  - f\n')!;
  const map = doc.contents as YAMLMap<Scalar, unknown>;
  assert.ok(map instanceof YAMLMap);
  assert.ok(isMap(doc.contents) && !isSeq(doc.contents) && !isScalar(doc.contents));
  const [a, b] = map.items as [Pair<Scalar, Scalar>, Pair<Scalar, YAMLSeq>];
  assert.ok(a instanceof Pair && isPair(a) && !isMap(a));
  assert.ok(a.key instanceof Scalar && isScalar(a.key) && isScalar(a.value) && a.value.value === 1);
  assert.ok(b.value instanceof YAMLSeq && isSeq(b.value));
  // The Collection constructor's schema: there, and not enumerable (toJSON and spreads do not see it).
  assert.equal(map.schema, doc.schema);
  assert.ok(!Object.keys(map).includes('schema'));
  assert.equal(map.get('a'), 1);
  assert.equal(doc.getIn(['b', 1, 'c']), 'd');
  const copy = doc.clone();
  copy.setIn(['b', 1, 'c'], 'changed');
  assert.equal(doc.getIn(['b', 1, 'c']), 'd', 'a clone is its own');
  assert.equal(copy.getIn(['b', 1, 'c']), 'changed');
  assert.ok(isScalar(copy.getIn(['a'], true)));
  assert.equal(doc.toString(), 'a: 1\nb: [ x, { c: d } ]\ne:\n  - f\n');
});

test('the quick front end leaves to the yaml library what it does not model', () => {
  for (const text of [
    'a: &x 1\nb: *x\n',
    'a: !!str 1\n',
    '%YAML 1.2\n---\na: 1\n',
    '? a\n: 1\n',
    'a: |\n  text\n',
    'a: >\n  text\n',
    'a:\tb\n',
    'a: 1\r\nb: 2\r\n',
    '\uFEFFa: 1\n',
    'a: 1\na: 2\n',
    'a: [\n',
    '- a\n- b\n',
    'a\n',
    '{a: 1}\n',
    'a: 1\n---\nb: 2\n',
    '',
  ])
    assert.equal(composeQuickly(text), undefined, JSON.stringify(text));
});
