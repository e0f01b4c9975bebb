// Masterminds/semver v3 constraints (the operator's `supportedOperatorVersion`, checked with
// semver.NewConstraint(...).Check(operatorVersion)). node-semver's ranges differ (no commas, no `!=`, other
// wildcard and prerelease rules), so the grammar and each operator are translated here; versions are compared
// with Masterminds' own rules (prerelease identifiers numeric-vs-alphanumeric as in SemVer 2.0).
import type { RE2JS } from 're2js';
import semver from 'semver';
import { re2js } from './re2';

export interface MVersion {
  /** uint64 segments (Masterminds parses them with strconv.ParseUint(s, 10, 64)). */
  major: bigint;
  minor: bigint;
  patch: bigint;
  pre: string;
  metadata: string;
  original: string;
}

type Op = '' | '=' | '!=' | '>' | '<' | '>=' | '=>' | '<=' | '=<' | '~' | '~>' | '^';

interface Comparator {
  op: Op;
  /** The version text as written (for messages). */
  orig: string;
  con: MVersion;
  minorDirty: boolean;
  patchDirty: boolean;
  dirty: boolean;
}

export interface Constraint {
  text: string;
  /** OR of ANDs. */
  groups: Comparator[][];
  /** Per OR group: one of its comparators names a prerelease, so prerelease versions may match (Masterminds v3.3+). */
  containsPre: boolean[];
}

export type ConstraintResult = { ok: true; constraint: Constraint } | { ok: false; error: string };

// Masterminds' regular expressions, kept literally (including the stray `|` in the character classes).
const CV = String.raw`v?([0-9|x|X|\*]+)(\.[0-9|x|X|\*]+)?(\.[0-9|x|X|\*]+)?(-([0-9A-Za-z\-]+(\.[0-9A-Za-z\-]+)*))?(\+([0-9A-Za-z\-]+(\.[0-9A-Za-z\-]+)*))?`;
// Longer operators first: Go tries alternatives in order but backtracks, so only the anchored result matters.
const OPS = String.raw`!=|>=|=>|<=|=<|~>|>|<|=|~|\^|`;
const constraintRegex = new RegExp(String.raw`^\s*(${OPS})\s*(${CV})\s*$`);
const constraintRangeRegex = new RegExp(String.raw`\s*(${CV})\s+-\s+(${CV})\s*`, 'g');
const findConstraintRegex = new RegExp(String.raw`(${OPS})\s*(${CV})`, 'g');
// Run by RE2, as in Go: its nested repeats backtrack exponentially in a JavaScript RegExp (110 characters of
// `~x ~x x--  x--1 ...` took seconds; found by the fuzzer, test/fuzz/regressions/constraint/). A short part, the
// usual `>= 0.1.0, < 1.0.0`, is tested with the same pattern as a RegExp, Go's `\s` spelt as RE2 has it: the
// pattern is regular, so both engines agree on it (constraint.test.ts compares them), and at this length the
// worst backtracking found took 0.1 ms (at 64 characters 10 ms); re2js is then not loaded at all (see re2.ts).
const VALID_CONSTRAINT = String.raw`^(\s*(${OPS})\s*(${CV})\s*)((?:\s+|,\s*)(${OPS})\s*(${CV})\s*)*$`;
export const SHORT_CONSTRAINT_PART = 32;
const shortValidConstraint = new RegExp(VALID_CONSTRAINT.replaceAll(String.raw`\s`, '[\t\n\f\r ]'));
let validConstraintRe2: RE2JS | undefined;

/** Masterminds' validConstraintRegex.MatchString(part), with Go's regexp semantics. */
export function validConstraintPart(part: string, engine: 'auto' | 're2' = 'auto'): boolean {
  if (engine === 'auto' && part.length <= SHORT_CONSTRAINT_PART) return shortValidConstraint.test(part);
  validConstraintRe2 ??= re2js().compile(VALID_CONSTRAINT);
  return validConstraintRe2.test(part);
}
const versionRegex =
  /^v?([0-9]+)(\.[0-9]+)?(\.[0-9]+)?(-([0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*))?(\+([0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*))?$/;

const isX = (s: string) => s === 'x' || s === 'X' || s === '*';

/** Masterminds NewVersion (loose: `1`, `1.2`, `v1.2.3`), or an error text. */
export function parseVersion(text: string): MVersion | string {
  const m = versionRegex.exec(text);
  if (!m) return 'Invalid Semantic Version';
  const segment = (s: string | undefined) => (s ? BigInt(s.replace(/^\./, '')) : 0n);
  const pre = m[5] ?? '';
  const metadata = m[8] ?? '';
  for (const part of pre ? pre.split('.') : []) {
    if (/^[0-9]+$/.test(part) && part.length > 1 && part.startsWith('0')) return 'Version segment starts with 0';
  }
  const v = { major: segment(m[1]), minor: segment(m[2]), patch: segment(m[3]), pre, metadata, original: text };
  if (![v.major, v.minor, v.patch].every((x) => x <= 18446744073709551615n)) {
    return 'Error parsing version segment: value out of range';
  }
  return v;
}

function comparePrePart(s: string, o: string): number {
  if (s === o) return 0;
  if (s === '') return -1;
  if (o === '') return 1;
  const sNum = /^[0-9]+$/.test(s);
  const oNum = /^[0-9]+$/.test(o);
  if (!sNum && !oNum) return s > o ? 1 : -1;
  if (!oNum) return -1;
  if (!sNum) return 1;
  return BigInt(s) > BigInt(o) ? 1 : -1;
}

function comparePrerelease(a: string, b: string): number {
  const as = a.split('.');
  const bs = b.split('.');
  for (let i = 0; i < Math.max(as.length, bs.length); i++) {
    const d = comparePrePart(as[i] ?? '', bs[i] ?? '');
    if (d !== 0) return d;
  }
  return 0;
}

/** Masterminds Version.Compare: major, minor, patch, then prerelease (a release sorts after its prereleases). */
export function compareVersions(v: MVersion, o: MVersion): number {
  for (const k of ['major', 'minor', 'patch'] as const) if (v[k] !== o[k]) return v[k] < o[k] ? -1 : 1;
  if (v.pre === o.pre) return 0;
  if (v.pre === '') return 1;
  if (o.pre === '') return -1;
  // Where both prereleases are valid SemVer, node-semver's ordering is the same and well tested.
  const a = `0.0.0-${v.pre}`;
  const b = `0.0.0-${o.pre}`;
  if (semver.valid(a) && semver.valid(b)) return semver.compare(a, b);
  return comparePrerelease(v.pre, o.pre);
}

function parseComparator(text: string): Comparator | string {
  if (text.length === 0) {
    return {
      op: '',
      orig: '',
      con: parseVersion('0.0.0') as MVersion,
      minorDirty: false,
      patchDirty: false,
      dirty: true,
    };
  }
  const m = constraintRegex.exec(text);
  if (!m) return `improper constraint: ${text}`;
  const op = m[1] as Op;
  let ver = m[2];
  const major = m[3] ?? '';
  const minor = m[4] ?? '';
  const patch = m[5] ?? '';
  const pre = m[6] ?? '';
  let dirty = false;
  let minorDirty = false;
  let patchDirty = false;
  if (isX(major) || major === '') {
    ver = `0.0.0${pre}`;
    dirty = true;
  } else if (isX(minor.replace(/^\./, '')) || minor === '') {
    minorDirty = true;
    dirty = true;
    ver = `${major}.0.0${pre}`;
  } else if (isX(patch.replace(/^\./, '')) || patch === '') {
    dirty = true;
    patchDirty = true;
    ver = `${major}${minor}.0${pre}`;
  }
  const con = parseVersion(ver);
  if (typeof con === 'string') return 'constraint parser error';
  return { op, orig: m[2], con, minorDirty, patchDirty, dirty };
}

/** Masterminds rewriteRange: `1.2 - 1.4.5` becomes `>= 1.2, <= 1.4.5`. */
function rewriteRange(text: string): string {
  let out = text;
  for (const m of text.matchAll(constraintRangeRegex)) out = out.replace(m[0], `>= ${m[1]}, <= ${m[11]} `);
  return out;
}

const cache = new Map<string, ConstraintResult>();

/** semver.NewConstraint: `||` is OR; comma or space is AND. An empty constraint does not parse. */
export function parseConstraint(text: string): ConstraintResult {
  const hit = cache.get(text);
  if (hit) return hit;
  const result = parseUncached(text);
  if (cache.size > 1000) cache.clear();
  cache.set(text, result);
  return result;
}

function parseUncached(text: string): ConstraintResult {
  const rewritten = rewriteRange(text);
  const groups: Comparator[][] = [];
  const containsPre: boolean[] = [];
  for (const part of rewritten.split('||')) {
    if (!validConstraintPart(part)) return { ok: false, error: `improper constraint: ${part}` };
    const found = [...part.matchAll(findConstraintRegex)].map((m) => m[0]);
    const texts = found.length ? found : [part];
    const group: Comparator[] = [];
    let pre = false;
    for (const t of texts) {
      const c = parseComparator(t);
      if (typeof c === 'string') return { ok: false, error: c };
      if (c.con.pre !== '') pre = true;
      group.push(c);
    }
    groups.push(group);
    containsPre.push(pre);
  }
  return { ok: true, constraint: { text, groups, containsPre } };
}

function tilde(v: MVersion, c: Comparator): boolean {
  if (compareVersions(v, c.con) < 0) return false;
  // ~0.0.0 admits everything (>= 0.0.0).
  if (c.con.major === 0n && c.con.minor === 0n && c.con.patch === 0n && !c.minorDirty && !c.patchDirty) return true;
  if (v.major !== c.con.major) return false;
  if (v.minor !== c.con.minor && !c.minorDirty) return false;
  return true;
}

function check(v: MVersion, c: Comparator, includePre: boolean): boolean {
  // Prereleases are considered at the level of an AND group (Masterminds v3.3+).
  if (v.pre !== '' && !includePre) return false;
  const cmp = () => compareVersions(v, c.con);
  switch (c.op) {
    case '':
    case '=':
      return c.dirty ? tilde(v, c) : cmp() === 0;
    case '!=':
      if (c.dirty) {
        if (c.con.major !== v.major) return true;
        if (c.con.minor !== v.minor && !c.minorDirty) return true;
        if (c.minorDirty) return false;
        if (c.con.patch !== v.patch && !c.patchDirty) return true;
        if (c.patchDirty) {
          if (v.pre !== '' || c.con.pre !== '') return comparePrerelease(v.pre, c.con.pre) !== 0;
          return false;
        }
      }
      return cmp() !== 0;
    case '>':
      if (!c.dirty) return cmp() > 0;
      if (v.major > c.con.major) return true;
      if (v.major < c.con.major) return false;
      if (c.minorDirty) return false;
      if (c.patchDirty) return v.minor > c.con.minor;
      return cmp() > 0;
    case '<':
      return cmp() < 0;
    case '>=':
    case '=>':
      return cmp() >= 0;
    case '<=':
    case '=<':
      if (!c.dirty) return cmp() <= 0;
      if (v.major > c.con.major) return false;
      if (v.major === c.con.major && v.minor > c.con.minor && !c.minorDirty) return false;
      return true;
    case '~':
    case '~>':
      return tilde(v, c);
    case '^':
      if (compareVersions(v, c.con) < 0) return false;
      if (c.con.major > 0n || c.minorDirty) return v.major === c.con.major;
      if (c.con.major === 0n && v.major > 0n) return false;
      if (c.con.minor > 0n || c.patchDirty) return v.minor === c.con.minor;
      if (c.con.minor === 0n && v.minor > 0n) return false;
      return c.con.patch === v.patch;
  }
}

/** Constraints.Check(version). A version that does not parse is admitted by nothing. */
export function constraintAllows(constraint: Constraint, version: string): boolean {
  const v = parseVersion(version);
  if (typeof v === 'string') return false;
  return constraint.groups.some((group, i) => group.every((c) => check(v, c, constraint.containsPre[i])));
}

/** Masterminds Version.String(): the canonical form used in the operator's messages. */
export function versionString(version: string): string {
  const v = parseVersion(version);
  if (typeof v === 'string') return version;
  return `${v.major}.${v.minor}.${v.patch}${v.pre ? '-' + v.pre : ''}${v.metadata ? '+' + v.metadata : ''}`;
}
