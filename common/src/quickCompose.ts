// A quick way to the `yaml` library's composed Document for the plain YAML most Forkspacer files are, for
// `forkspacer validate` (issue 12: the `yaml` library's lexer, CST parser and composer were 60 % of a cold run, by
// --cpu-prof). js-yaml, a well-kept YAML 1.2 parser several times faster, reads the text; its listener reports
// where each node opens and closes, and the nodes are built as the `yaml` Composer builds them: Scalar, YAMLMap,
// YAMLSeq and Pair with the same start and end offsets, style, source text and core-schema value.
//
// What it does not model gives undefined, and the caller composes with the `yaml` library as before: tags, anchors
// and aliases, directives, explicit keys, block scalars, multi-line scalars and flow collections, indented comment
// lines, tabs, CR line breaks, a BOM, any syntax error js-yaml sees, a repeated key, more than one document, a
// document that is not a block mapping. It keeps no comments, and a block collection's third offset (its end with
// the comment lines after it) is its second.
//
// A quick document is provisional: the validation service checks it again with the `yaml` library whenever it
// finds anything to report (validationService.ts), so what the user reads always comes from that parse; the quick
// one only has to say "nothing to report" rightly, which test/unit/quickCompose.test.ts checks node for node
// against the `yaml` library on the repository's YAML and thousands of mutations of it.
import { FAILSAFE_SCHEMA, load, type State } from 'js-yaml';
import { charTable } from './goYaml';
import {
  Document,
  isMap,
  isPair,
  isScalar,
  isSeq,
  Pair,
  Scalar,
  YAMLMap,
  YAMLSeq,
  type Node,
  type ScalarTag,
} from 'yaml';

/** Text whose features the quick path does not model (see above); a false alarm only costs the usual parse. */
const UNMODELLED = /[\t\r\uFEFF]|^%|^ +#|^(?:---|\.\.\.)[^ \n]|(?:^|[\s[\]{},])(?:[!&*]|\?(?:\s|$))/m;

/**
 * First characters of the plain scalars the core schema's tags take (null, bool, int, float: `~`, `null`, `true`,
 * `false`, digits, signs, `.inf`, `.nan`); any other is a string, without trying each tag's pattern.
 */
const CORE_NOT_ONLY_STRING = charTable('~nNtTfF.+-0123456789');

const OPTIONS = { prettyErrors: false, keepSourceTokens: false, uniqueKeys: false } as const;

class Unmodelled extends Error {}

// The `yaml` nodes' constructors mark each node with Object.defineProperty (NodeBase and Pair: the Symbol.for key
// its isScalar/isMap/isSeq/isPair read), a slow path in V8: 13 times the cost of a plain object's creation, and
// the largest single cost of a quick parse by --cpu-prof (issue 12). A quick node takes that mark from its
// prototype instead, an object between the node and yaml's own class prototype, so that instanceof, the type
// guards and every method work unchanged. Should a `yaml` release mark its nodes otherwise, the constructors are used.
const NODE_TYPE = Symbol.for('yaml.node.type');
const marked = <T extends object>(cls: { prototype: T }, type: string): T =>
  Object.create(cls.prototype, { [NODE_TYPE]: { value: Symbol.for(type) } }) as T;
const SCALAR = marked(Scalar, 'yaml.scalar');
const PAIR = marked(Pair, 'yaml.pair');
const MAP = marked(YAMLMap, 'yaml.map');
const SEQ = marked(YAMLSeq, 'yaml.seq');
const MARKED =
  isScalar(Object.create(SCALAR)) &&
  isPair(Object.create(PAIR)) &&
  isMap(Object.create(MAP)) &&
  isSeq(Object.create(SEQ)) &&
  (new Scalar(0) as unknown as Record<symbol, unknown>)[NODE_TYPE] === Symbol.for('yaml.scalar');

function newScalar(value: unknown): Scalar {
  if (!MARKED) return new Scalar(value);
  const scalar = Object.create(SCALAR) as Scalar;
  scalar.value = value;
  return scalar;
}

function newPair(key: Node, value: Node): Pair<Node, Node> {
  if (!MARKED) return new Pair(key, value);
  const pair = Object.create(PAIR) as Pair<Node, Node>;
  pair.key = key;
  pair.value = value;
  return pair;
}

function newCollection<T extends YAMLMap | YAMLSeq>(
  proto: T,
  Class: new (schema: Document['schema']) => T,
  schema: Document['schema'],
): T {
  if (!MARKED) return new Class(schema);
  const collection = Object.create(proto) as T;
  // As the Collection constructor has it: not enumerable.
  Object.defineProperty(collection, 'schema', { value: schema, configurable: true, enumerable: false, writable: true });
  collection.items = [];
  return collection;
}

interface Built {
  node: Node;
  /** js-yaml's value for the node: tells a wrapper event from the node it wraps. */
  result: unknown;
  kind: string | null;
}

interface Open {
  at: number;
  children: Built[];
}

/** The composed document of `text`, or undefined when the `yaml` library must compose it (see above). */
export function composeQuickly(text: string): Document.Parsed | undefined {
  if (UNMODELLED.test(text)) return undefined;
  const doc = new Document(undefined, OPTIONS);
  let root: Built | undefined;
  // Never throws (parseYamlFile does not): whatever goes wrong leaves the text to the `yaml` library.
  try {
    const builder = new Builder(text, doc);
    load(text, { schema: FAILSAFE_SCHEMA, listener: (event, state) => builder.on(event, state) });
    root = builder.root;
  } catch {
    return undefined;
  }
  if (!root || !(root.node instanceof YAMLMap) || root.node.flow) return undefined;
  const start = /^---(?=[ \n]|$)/m.exec(text);
  if (start) doc.directives!.docStart = true;
  doc.contents = root.node;
  const contentEnd = root.node.range![2];
  // After an empty last value (`key:`) the `yaml` library ends the document there.
  let end = text.length;
  if (endsEmpty(root.node)) {
    if (text.slice(contentEnd).trim() !== '') return undefined;
    end = contentEnd;
  }
  doc.range = [start?.index ?? root.node.range![0], contentEnd, end];
  return doc as Document.Parsed;
}

/** Whether the last value in the collection, at any depth, is an empty one (`key:`). */
function endsEmpty(node: unknown): boolean {
  for (;;) {
    if (node instanceof YAMLMap || node instanceof YAMLSeq) {
      const last: unknown = node.items.at(-1);
      node = last instanceof Pair ? last.value : last;
    } else return node instanceof Scalar && node.value === null && node.source === '';
  }
}

class Builder {
  root: Built | undefined;
  private readonly stack: Open[] = [];
  private readonly tags: ScalarTag[];
  private readonly stringTag: ScalarTag;
  /** The YAML 1.2 core schema (the `yaml` library's default), whose tags CORE_NOT_ONLY_STRING sums up. */
  private readonly core: boolean;

  constructor(
    private readonly text: string,
    private readonly doc: Document,
  ) {
    if (doc.schema.tags.some((t) => t.default === 'key')) throw new Error('quickCompose: a schema with key tags');
    this.tags = doc.schema.tags.filter((t): t is ScalarTag => 'test' in t && !!t.test);
    this.stringTag = (doc.schema as unknown as Record<symbol, ScalarTag>)[Symbol.for('yaml.scalar')]!;
    this.core = doc.schema.name === 'core';
  }

  on(event: string, state: State): void {
    if (event === 'open') {
      this.stack.push({ at: state.position, children: [] });
      return;
    }
    const open = this.stack.pop();
    if (!open) throw new Unmodelled();
    const built = this.close(open, state);
    const parent = this.stack.at(-1);
    if (parent) parent.children.push(built);
    else this.root = built;
  }

  private close(open: Open, state: State): Built {
    const { kind, result, position } = state as State & { kind: string | null };
    const { children } = open;
    // js-yaml reads a block sequence's entry, and a would-be implicit key, as a node inside the node it becomes:
    // the same value reported twice.
    const only = children.length === 1 ? children[0]! : undefined;
    if (only && only.kind === kind && only.result === result) return only;
    let node: Node;
    if (kind === 'scalar' && children.length === 0) node = this.scalar(open.at, position, result);
    else if (kind === 'mapping') node = this.map(open.at, position, children);
    else if (kind === 'sequence' && Array.isArray(result) && result.length === children.length)
      node = this.seq(open.at, position, children);
    else if (kind === null && result === null && children.length === 0) node = this.empty(open.at);
    else throw new Unmodelled();
    return { node, result, kind };
  }

  /** Where the node opened at `at` starts: js-yaml opens it before the separating space and comments. */
  private contentStart(at: number): number {
    const text = this.text;
    let i = at;
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === 32 || c === 10) i++;
      else if (c === 35 /* # */) {
        const eol = text.indexOf('\n', i);
        if (eol === -1) return text.length;
        i = eol;
      } else return i;
    }
  }

  private scalar(at: number, end: number, source: unknown): Scalar {
    if (typeof source !== 'string') throw new Unmodelled();
    const text = this.text;
    const start = this.contentStart(at);
    const first = text.charCodeAt(start);
    let scalar: Scalar;
    if (first === 34 /* " */ || first === 39 /* ' */) {
      if (text.charCodeAt(end - 1) !== first || !separatorAt(text, end)) throw new Unmodelled();
      scalar = newScalar(source);
      scalar.type = first === 34 ? Scalar.QUOTE_DOUBLE : Scalar.QUOTE_SINGLE;
    } else {
      // js-yaml reports a plain scalar's end after the spaces that follow it.
      while (end > start && (text.charCodeAt(end - 1) === 32 || text.charCodeAt(end - 1) === 10)) end--;
      if (first === 124 /* | */ || first === 62 /* > */) throw new Unmodelled();
      scalar = this.plain(source);
      scalar.type = Scalar.PLAIN;
    }
    // js-yaml takes continuation lines the `yaml` library refuses (a quoted one at column 0): left to the latter.
    if (text.lastIndexOf('\n', end - 1) >= start) throw new Unmodelled();
    scalar.range = [start, end, end];
    scalar.source = source;
    return scalar;
  }

  /**
   * The `yaml` Composer's findScalarTagByTest and resolve for a plain scalar. It also tries the tags meant for keys
   * on a key; the core schema has none (the constructor checks).
   */
  private plain(source: string): Scalar {
    const tag =
      this.core && source !== '' && CORE_NOT_ONLY_STRING[source.charCodeAt(0)] !== 1
        ? this.stringTag
        : (this.tags.find((t) => t.default === true && t.test!.test(source)) ?? this.stringTag);
    const resolved = tag.resolve(
      source,
      () => {
        throw new Unmodelled();
      },
      this.doc.options,
    );
    const scalar = resolved instanceof Scalar ? resolved : newScalar(resolved);
    if (tag.format) scalar.format = tag.format;
    return scalar;
  }

  /** An empty value (`key:`): the `yaml` Composer's empty scalar, after the spaces that follow the indicator. */
  private empty(at: number): Scalar {
    const text = this.text;
    let start = at;
    while (text.charCodeAt(start) === 32) start++;
    // With a comment after it, the `yaml` library's empty scalar ends where the next node starts.
    if (text.charCodeAt(start) === 35 /* # */ || /^\n*#/.test(text.slice(start + 1, start + 200)))
      throw new Unmodelled();
    const scalar = newScalar(null);
    scalar.range = [start, start, start];
    scalar.source = '';
    scalar.type = Scalar.PLAIN;
    return scalar;
  }

  private map(at: number, end: number, children: Built[]): YAMLMap {
    if (children.length % 2 !== 0 || children.length === 0) throw new Unmodelled();
    const map = newCollection(MAP, YAMLMap, this.doc.schema);
    const start = this.contentStart(at);
    const flow = this.text.charCodeAt(start) === 123; /* { */
    for (let i = 0; i < children.length; i += 2) {
      const key = children[i]!.node;
      const value = children[i + 1]!.node;
      if (!(key instanceof Scalar)) throw new Unmodelled();
      // js-yaml pairs a flow map's lone key (`{a, b: c}`) with what follows it.
      if (!this.colonAfter(key.range![1])) throw new Unmodelled();
      this.trail(value, flow);
      map.items.push(newPair(key, value));
    }
    this.finish(map, start, end, flow);
    return map;
  }

  private colonAfter(offset: number): boolean {
    while (this.text.charCodeAt(offset) === 32) offset++;
    return this.text.charCodeAt(offset) === 58; /* : */
  }

  private seq(at: number, end: number, children: Built[]): YAMLSeq {
    const seq = newCollection(SEQ, YAMLSeq, this.doc.schema);
    const start = this.contentStart(at);
    const flow = this.text.charCodeAt(start) === 91; /* [ */
    if (!flow && children.length === 0) throw new Unmodelled();
    for (const child of children) {
      this.trail(child.node, flow);
      seq.items.push(child.node);
    }
    this.finish(seq, start, end, flow);
    return seq;
  }

  private finish(collection: YAMLMap | YAMLSeq, start: number, end: number, flow: boolean): void {
    if (flow) {
      const close = collection instanceof YAMLMap ? 125 : 93; /* } ] */
      if (this.text.charCodeAt(end - 1) !== close || !separatorAt(this.text, end)) throw new Unmodelled();
      // As for scalars: js-yaml takes continuation lines at any indentation.
      if (this.text.lastIndexOf('\n', end - 1) >= start) throw new Unmodelled();
      collection.flow = true;
      collection.range = [start, end, end];
    } else {
      const last = collection.items.at(-1);
      const lastNode = (last instanceof Pair ? last.value : last) as Node;
      const stop = lastNode.range![2];
      collection.range = [start, stop, stop];
    }
  }

  /**
   * A value's third offset as the `yaml` Composer gives it: in a flow collection the spaces before the next `,`
   * or the closing bracket; in a block one, for a scalar or a flow collection, the rest of its line with a comment
   * and the line break (comment lines after it, which it would take in when indented, are not modelled). A block
   * collection ends where its last entry does.
   */
  private trail(node: Node, flow: boolean): void {
    const range = node.range!;
    const text = this.text;
    if (node instanceof Scalar && node.source === '' && node.value === null && range[0] === range[1]) return;
    if ((node instanceof YAMLMap || node instanceof YAMLSeq) && !node.flow) return;
    let i = range[1];
    while (text.charCodeAt(i) === 32) i++;
    const c = text.charCodeAt(i);
    if (flow) {
      range[2] = c === 44 || c === 93 || c === 125 ? i : range[1]; /* , ] } */
      return;
    }
    if (c !== 35 /* # */ && c !== 10 && i !== text.length) throw new Unmodelled();
    range[2] = lineEnd(text, i);
  }
}

/** What may follow a quoted scalar or a flow collection (js-yaml also takes a `#` right after it). */
function separatorAt(text: string, offset: number): boolean {
  const c = text.charCodeAt(offset);
  return offset === text.length || c === 32 || c === 10 || c === 44 || c === 58 || c === 93 || c === 125;
}

/** After the line break that ends the line at `from` (or the text's end). */
function lineEnd(text: string, from: number): number {
  const eol = text.indexOf('\n', from);
  return eol === -1 ? text.length : eol + 1;
}
