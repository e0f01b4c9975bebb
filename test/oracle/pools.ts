// The raw material of the generator: values chosen at the edges where YAML 1.1 / 1.2, Masterminds and RE2 differ
// from what people (and other libraries) expect. Kept compact on purpose: one pool per line group.

// ---------------------------------------------------------------- Masterminds constraints

// prettier-ignore
export const VERSION_NUMBERS = ['0', '1', '2', '3', '7', '10', '0', '1', '0', '1', '2', '4', '0', '1', '3'];
/** Past 2^53 (JS numbers lose them) up to and past 2^64 (Masterminds parses uint64). */
// prettier-ignore
export const ODD_VERSION_NUMBERS = ['01', '00', '-1', '1a', '9007199254740993', '18446744073709551615', '18446744073709551616', '999999999999999999999'];
export const WILDCARDS = ['x', 'X', '*'];
// prettier-ignore
export const PRERELEASES = ['-rc.1', '-rc.0', '-alpha', '-0', '-beta.2', '-rc.2', '-rc-1', '-a.b.c', '-RC.1', '-1'];
export const ODD_PRERELEASES = ['-rc.01', '-', '-rc..1', '-rc.1-', '-\u00e9'];
export const BUILDS = ['+build.5', '+001', '+meta', '+a.b', '+', '+a..b'];
// prettier-ignore
export const OPERATORS = ['', '', '=', '!=', '>', '<', '>=', '>=', '<', '=>', '<=', '=<', '~', '~>', '^', '^', '~'];
// prettier-ignore
export const ODD_OPERATORS = ['==', '!', '<>', '>>', '~=', '^^', '=~', '>=>=', '\u2265'];
// prettier-ignore
export const AND_SEPARATORS = [', ', ', ', ',', ' ', ' ', '  ', ' , ', ',  ', '\t', ' ,'];
export const ODD_AND_SEPARATORS = [',,', ', ,', ' ,, ', '\n', ';'];
// prettier-ignore
export const OR_SEPARATORS = [' || ', ' || ', '||', ' ||', '|| ', '  ||  '];
export const ODD_OR_SEPARATORS = [' | ', '|||', ' or ', ' || || ', '||,'];
// prettier-ignore
export const HYPHEN_SEPARATORS = [' - ', ' - ', ' - ', '  -  ', ' -\t', '-', ' -', '- ', ' \u2013 '];
// prettier-ignore
export const GARBAGE_CONSTRAINTS = [
  '', ' ', 'latest', '*', 'x', 'X', '>= ', '1.2.3.4', 'abc', '>=1.0.0 <', ',', '||', '1.0.0,', ', 1.0.0', '>=1.0.0,,<2',
  '1.0.0 - ', '!1.0', '~>', '^', 'v', '>=v1.0', '\u22651.0', '1..2', '1.2.3-', '1.2.3+', '01.2.3', '1.2.3-01', ' || 1.0',
  '>= 0.0.0, < 1.0.0', '>=1.0.0 <2.0.0', '~1.2.0', '^1.0.0', '1.2 - 1.4', '1.2.x', 'v1.2.3', '= 1', '>=0.1.7-0',
  '*-0', '>=*', '<*', '!=*', '^0', '~0', '^0.0', '~0.1', '^0.1.x', '1 - 2', '1-2', '>=1 - 2', '- 1', 'x - 1',
  '>= 0.1.0 || < 0.0.1', '0.1.7', '=0.1.7', 'v0.1.7', '0.1.7-rc.1', '>=0.1.7-rc.0', '<0.1.7', '<=0.1.7-rc.1',
];

// ---------------------------------------------------------------- RE2

// prettier-ignore
export const RE_LITERALS = ['a', 'b', 'z', 'A', 'Z', '0', '9', '_', '-', ' ', '\u00e9', '\u00c9', '\u03bb', '\u039b', '\u65e5', '\u{1f600}', 'k', 'K', '\u212a', 's', '\u017f'];
// prettier-ignore
export const RE_ATOMS = [
  '.', '\\d', '\\w', '\\s', '\\D', '\\W', '\\S', '\\b', '\\B', '[a-z]', '[^0-9]', '[A-Za-z0-9_-]', '[[:alpha:]]',
  '[[:^digit:]]', '[[:upper:]]', '[[:word:]]', '[[:space:]x]', '\\pL', '\\p{Greek}', '\\PL', '\\p{Lu}', '\\pN', '\\p{Han}',
  '\\P{Latin}', '\\p{^Greek}', '\\x41', '\\x{1F600}', '\\x{3bb}', '\\Q.*\\E', '\\.', '\\*', '\\/', '\\-', '[\\d.]',
  '[.]', '[\\]]', '[^\\n]', '\\n', '\\t', '\\012', '\\0', '[a-]', '[-a]', '[\\p{Greek}\\d]', '[^\\PL]', '\\v', '\\f',
  '[\u03b1-\u03c9]', '\\x{10FFFF}', '\\C', '[k]', '[^k]', '(?i:k)', '[[:^alpha:]]', '\\pZ', '\\p{Any}',
  '\\x{D800}', '[\\x{D800}-\\x{DFFF}]', '\\Q.*', '\\pC', '\\p{Cs}', '\\p{Zs}', '[[:^space:]]', '\\p{L}', '\\p{Latin}',
  '\\p{Common}', '[^\\x00-\\x{10FFFF}]', '[\\s\\S]', '[[:ascii:]]', '[[:punct:]]', '\\pM', '[\\b]', '\\x{FFFD}',
];
export const RE_ANCHORS = ['^', '$', '\\A', '\\z'];
// prettier-ignore
export const RE_FLAGS = ['(?i)', '(?s)', '(?m)', '(?U)', '(?is)', '(?-i)', '(?i-s)', '(?ims)', '(?sU)'];
// prettier-ignore
export const RE_QUANTIFIERS = ['*', '+', '?', '*', '+', '?', '{2}', '{2,}', '{1,3}', '*?', '+?', '??', '{0}', '{0,1}', '{2,5}?', '{2}?'];
/** RE2 caps a repeat count at 1000 (nested repeats included) and refuses min > max; `{,3}` is a literal. Rare. */
export const RE_ODD_QUANTIFIERS = [
  '{1000}',
  '{1001}',
  '{999,1000}',
  '{1000,}',
  '{0,1001}',
  '{3,2}',
  '{,3}',
  '{ 2}',
  '{2 }',
  '{-1}',
];
// prettier-ignore
export const RE_GROUP_OPENERS = ['(', '(?:', '(?P<g>', '(?<g>', '(?i:', '(?s:', '(?-i:', '(?U:', '(?m:'];
/** Syntax other engines accept and Go's RE2 refuses, or edge syntax it has its own rules for. */
// prettier-ignore
export const RE_REJECTED = [
  '(?=a)', '(?!a)', '(?<=a)', '(?<!a)', '(a)\\1', 'a*+', 'a++', 'a?+', '\\Z', '(?>a)', '\\G', '(?#c)', '\\e', '(?P=x)',
  '\\k<x>', '\\X', '\\R', '\\h', '\\8', '[z-a]', '\\p{Foo}', '\\pZ{', 'a**', 'a{1001}', '(?P<x>a)(?P<x>b)', '(?i',
  '(a', 'a)', '[a', 'a]', '*a', '+', '?', '{', 'a{', 'a{1', 'x{2}{3}', '(?z)', '(?P<1x>a)', '(?P<>a)', '(?<x>a)',
  '(?P<n\u00e9>a)', '\\', '[[:foo:]]', '[[:alpha:]', '\\x{110000}', '\\x{', '(?U)a+?', '((((a{100}){100}){100}){100})',
  '(a{1000}){1000}', '\\pN+', '(|a)', '()', '(?:)', 'a|', '|', '^*', '$+', '\\b+', '(?m)^$', '[^]', '[]a]', '[^]a]',
];
// prettier-ignore
export const SUBJECTS = [
  '', 'a', 'abc', 'ABC', 'aaa', 'a\nb', 'b\na\n', 'ab\n', '\n', ' ', 'Z9', '123', '00', '-_', 'k', 'K', '\u212a',
  '\u017f', 'S', 's', '\u00e9', '\u00c9', '\u03bb\u03b1', '\u039b', '\u65e5\u672c', '\u{1f600}', 'x\u{1f600}y',
  'my-app', 'v1.2.3', 'hello world', '\t', 'a.b', '*', 'q\u0301', 'z'.repeat(40), 'ab'.repeat(600),
  '\ufffd', '\u00a0', '\u2028', 'a\r\nb', '\b', '\u0000', 'caf\u00e9 ', '\u{10ffff}', 'AaKk\u212a\u017fSs',
];

// ---------------------------------------------------------------- Module spec.config (kubectl's YAML 1.1 decode)

// prettier-ignore
export const YAML11_BOOLS = ['yes', 'no', 'on', 'off', 'y', 'n', 'Y', 'N', 'Yes', 'NO', 'True', 'TRUE', 'tRue', 'On', 'OFF', 'true', 'false', 'False', 'YES', 'oN'];
// prettier-ignore
export const YAML_NUMBERS = [
  '1.10', '010', '0x1F', '0X1f', '0o17', '0b101', '0B11', '1e3', '1E3', '1.5e-3', '1e+3', '+1', '-0', '-0.0', '1_000',
  '1_0.5', '0.', '.5', '+.5', '-.5', '1.', '00', '0777', '09', '08.5', '1.0', '12345678901234567890',
  '-9223372036854775808', '9223372036854775807', '9223372036854775808', '3.14159', '1:20', '190:20:30', '-1:30',
  '1,000', '0x', '0xG', '1e', '1e400', '-1e400', '4.9e-324', '2.5', '2', '-3', '0', '1.7976931348623157e308', '0x_1F',
  '0b1_0', '+0x1F', '-0x1F', '1__0', '_1', '1_', '.1e2', '6.8523015e+5', '685.230_15e+03', '685_230.15',
];
// prettier-ignore
export const YAML_SPECIALS = ['~', 'null', 'Null', 'NULL', 'nULL', '.inf', '-.Inf', '+.INF', '.NaN', '.nan', '.NAN', '.Inf', 'inf', 'nan'];
// prettier-ignore
export const YAML_STRINGS = [
  'hello', 'my app', "'1.10'", '"yes"', "'on'", '"010"', "''", '""', '2001-12-14', '2001-12-14T21:59:43.10-05:00',
  '2001-12-14 21:59:43.10 -5', '12:30', '12:30:45', '"a: b"', "'it''s'", '"tab\\tnewline\\n"', '"\\u00e9"', 'caf\u00e9',
  '=', '<<', 'a#b', '"#x"', "'~'", '"null"', '-', '--', '...x', 'v1.2.3', '1.2.3', '0.1.7', '"2.5"', '/path/to', '"-"',
  'http://x.example/a?b=c', '"\\x41"', "'multi\n      line'", 'plain\n      folded', '!!str 1', '!!str yes', '!!int "3"',
  '!!float 1', '!!bool yes', '!!bool "true"', '!!null ""', '!!str', '!!binary aGk=', '!!timestamp 2001-12-14', '? x',
];
// prettier-ignore
export const YAML_COLLECTIONS = [
  '[1, yes, "no", 1.10, ~]', '[]', '{}', '{a: 1, b: on}', '[a, [b, c]]', '{yes: 1}', '{1.10: a}', '[010, 0x1F]',
  '\n      - a\n      - yes\n      - 2.5', '\n      x: 1\n      y: off', '|\n      line one\n      yes', '>\n      folded\n      text',
  '|-\n      keep', '&anchor 5', '[&a yes, *a]', '{? a}', '[a: 1]', '!!set {a, b}', '!!omap [a: 1, b: 2]',
  '\n      <<: {merged: yes}\n      own: 1',
];
// prettier-ignore
export const SPECIAL_KEYS = ['yes', 'no', 'on', 'off', 'y', '1.10', '010', '0x1F', '1e3', 'true', '3.14159265358979', '1.5', "''", '"yes"', '~', 'null', '2001-12-14', '-1', '.inf', '123456789012345678901'];

// ---------------------------------------------------------------- resource config specs (yaml.v3 typed decode)

export type FieldKind = 'bool' | 'int' | 'float' | 'string' | 'list';
/** The operator's spec struct fields per config type (see test/oracle/go/specdecode.go). */
export const SPEC_FIELDS: Record<string, Record<string, FieldKind>> = {
  string: { required: 'bool', default: 'string', regex: 'string', editable: 'bool' },
  integer: { required: 'bool', default: 'int', min: 'int', max: 'int', editable: 'bool' },
  float: { required: 'bool', default: 'float', min: 'float', max: 'float', editable: 'bool' },
  boolean: { required: 'bool', default: 'bool', editable: 'bool' },
  option: { required: 'bool', default: 'string', values: 'list', editable: 'bool' },
  'multiple-options': { required: 'bool', default: 'list', values: 'list', min: 'int', max: 'int', editable: 'bool' },
};
// prettier-ignore
export const UNKNOWN_TYPES = ['str', 'Integer', 'bool', 'number', '', 'int', 'options', 'multiple_options', 'STRING', ' string'];
// prettier-ignore
export const FIELD_VALUES: Record<FieldKind, string[]> = {
  bool: ['true', 'false', 'yes', 'no', 'on', 'off', 'y', 'n', 'Y', 'N', 'On', 'OFF', 'True', 'FALSE', 'tRUE', '"yes"', "'on'", '"true"', "'false'", '"y"', '1', '0', '""', '~', '[true]', '{a: 1}', 'yes please', '!!str true', '!!bool true'],
  int: ['0', '5', '-3', '2.5', '2.0', '-2.5', '1e3', '"5"', "'7'", 'abc', '0x10', '010', '0o10', '0b11', '1_000', '9223372036854775807', '9223372036854775808', '-9223372036854775809', '-1e300', '1e300', '.inf', '-.inf', '.nan', '~', 'true', 'yes', '[1]', '5.0e0', '+7', '1.10', '"2.5"', '!!int "4"', '!!float 3', '12:30', '{}'],
  float: ['0', '1.5', '-0.25', '2', '1e3', '1.10', '"1.5"', 'abc', '.inf', '-.Inf', '.nan', '~', 'true', 'yes', '[1.5]', '0x10', '010', '1_000.5', '1e400', '+.5', '.5', '5.', '!!str 1.5', '!!int 3', '"1e3"'],
  string: ['abc', '5', '1.10', 'true', 'yes', '~', '""', "''", '[a]', '{a: b}', '2001-12-14', '"quoted"', '0x1F', '.inf', '"^[a-z]+$"', "'\\d+'", '^[a-z]+$', '"(?=x)"', '!!binary aGk=', '|\n        block\n        text', '-1', '1e3', '"-"', '"\\u00e9"', '1e400', '0.1'],
  list: ['[a, b]', '[]', '~', '[1, 2.5, true]', '[yes, no]', '"a"', 'a', '[[a]]', '[{a: b}]', '[~]', '[a, ~, b]', '{}', '\n        - x\n        - y', '[2001-12-14]', '[.inf]', '5', '["1.10", 1.10]', '[""]', '!!set {a, b}'],
};
export const CROSS_KINDS: FieldKind[] = ['bool', 'int', 'float', 'string', 'list'];
/** Misspelt or foreign spec keys: yaml.v3 (non-strict) ignores them. */
export const UNKNOWN_SPEC_KEYS = ['defualt', 'pattern', 'options', 'Required', 'minimum'];
