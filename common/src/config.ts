// The operator's ValidateUserInput (pkg/resources/config.go), over the decoded config items:
// the verdict (first refusal, operator order) with defaults applied, and every problem for the editor.
import type { ConfigItem, ConfigVerdict, RuleCode } from './types';
import { CONFIG_TYPES } from './types';
import type { Problem, YamlPath } from './problem';
import { compileRe2, re2Find } from './re2';
import { goF, goTypeList, goInt } from './goFormat';

const SPEC_GO_TYPES: Record<string, string> = {
  string: 'string',
  option: 'string',
  integer: 'int',
  float: 'float64',
  boolean: 'bool',
  'multiple-options': '[]string',
};

/** Validators by alias, as the operator's map holds them: a later duplicate alias replaces an earlier one. */
export function validatorsByAlias(items: readonly ConfigItem[]): Map<string, ConfigItem> {
  const map = new Map<string, ConfigItem>();
  for (const item of items) map.set(item.alias, item);
  return map;
}

/** The Go type a JSON value decodes to in map[string]any. */
export function jsonGoType(v: unknown): string {
  if (v === null || v === undefined) return 'nil';
  if (typeof v === 'number') return 'float64';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  if (Array.isArray(v)) return '[]interface {}';
  return 'map[string]interface {}';
}

interface Failure {
  reason: string;
  code: RuleCode;
  /** Index of the offending member of a multiple-options list. */
  member?: number;
}

/** Validator.Validate(input) of one item: the operator's reason, or undefined when valid. */
export function validateValue(item: ConfigItem, value: unknown): Failure | undefined {
  const s = item.spec;
  switch (item.type) {
    case 'string': {
      if (typeof value !== 'string') return { reason: 'input is not a string', code: 'config-type-mismatch' };
      if (s.regex) {
        const re = compileRe2(s.regex);
        if (re.ok && !re2Find(re.regex, value))
          return {
            reason: `value '${value}' does not match the required regex pattern`,
            code: 'config-regex-mismatch',
          };
      }
      return undefined;
    }
    case 'integer': {
      if (typeof value !== 'number') return { reason: 'input is not an integer', code: 'config-type-mismatch' };
      const v = goInt(value);
      if (s.min !== undefined && v < s.min)
        return { reason: `value ${v} is less than minimum ${s.min}`, code: 'config-out-of-range' };
      if (s.max !== undefined && v > s.max)
        return { reason: `value ${v} is greater than maximum ${s.max}`, code: 'config-out-of-range' };
      return undefined;
    }
    case 'float': {
      if (typeof value !== 'number') return { reason: 'input is not a float', code: 'config-type-mismatch' };
      if (s.min !== undefined && value < s.min)
        return { reason: `value ${goF(value)} is less than minimum ${goF(s.min)}`, code: 'config-out-of-range' };
      if (s.max !== undefined && value > s.max)
        return { reason: `value ${goF(value)} is greater than maximum ${goF(s.max)}`, code: 'config-out-of-range' };
      return undefined;
    }
    case 'boolean':
      return typeof value === 'boolean'
        ? undefined
        : { reason: 'input is not a boolean', code: 'config-type-mismatch' };
    case 'option': {
      if (typeof value !== 'string') return { reason: 'input is not a string', code: 'config-type-mismatch' };
      if ((s.values ?? []).includes(value)) return undefined;
      return {
        reason: `invalid value '${value}', must be one of ${goTypeList(s.values)}`,
        code: 'config-option-invalid',
      };
    }
    case 'multiple-options': {
      if (!Array.isArray(value)) return { reason: 'input is not an array', code: 'config-type-mismatch' };
      if (s.min !== undefined && value.length < s.min)
        return { reason: `must select at least ${s.min} options`, code: 'config-out-of-range' };
      if (s.max !== undefined && value.length > s.max)
        return { reason: `must select at most ${s.max} options`, code: 'config-out-of-range' };
      for (let i = 0; i < value.length; i++) {
        const member = value[i];
        if (typeof member !== 'string')
          return { reason: 'all options must be strings', code: 'config-type-mismatch', member: i };
        if (!(s.values ?? []).includes(member))
          return {
            reason: `invalid option '${member}', must be one of ${goTypeList(s.values)}`,
            code: 'config-option-invalid',
            member: i,
          };
      }
      return undefined;
    }
  }
  return undefined;
}

/** Refusals that come from building the validators (GenerateConfigInputValidator), before any input is looked at. */
function generationError(items: readonly ConfigItem[]): ConfigVerdict | undefined {
  for (const item of items) {
    if (!(CONFIG_TYPES as readonly string[]).includes(item.type))
      return { ok: false, error: `unregistered field type: ${item.type}`, code: 'config-type-unknown' };
    if (item.type === 'string' && item.spec.regex) {
      const re = compileRe2(item.spec.regex);
      if (!re.ok) return { ok: false, error: `invalid regex pattern: ${re.error}`, code: 'config-regex-invalid' };
    }
  }
  return undefined;
}

function isMap(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/**
 * The operator's verdict on a Module's config: the first refusal (unknown keys first, then aliases in definition
 * order; the operator walks a Go map, so with several problems it reports one of them), or the config NewManager
 * receives: the input plus every omitted item's default (Go zero values when the YAML wrote none).
 */
export function checkConfig(items: ConfigItem[], input: Record<string, unknown> | undefined): ConfigVerdict {
  const generation = generationError(items);
  if (generation) return generation;
  const given: Record<string, unknown> = isMap(input) ? input : {};
  const validators = validatorsByAlias(items);
  for (const key of Object.keys(given)) {
    if (!validators.has(key))
      return { ok: false, error: `unknown field '${key}' provided in input`, alias: key, code: 'config-unknown-field' };
  }
  const config: Record<string, unknown> = {};
  const goTypes: Record<string, string> = {};
  for (const [key, value] of Object.entries(given)) {
    config[key] = value;
    goTypes[key] = jsonGoType(value);
  }
  for (const [alias, item] of validators) {
    if (!Object.prototype.hasOwnProperty.call(given, alias)) {
      if (item.spec.required)
        return { ok: false, error: `field '${alias}' is required but missing`, alias, code: 'config-required-missing' };
      // operator: the default is applied whenever the item is omitted (DefaultValue() is never a nil interface).
      config[alias] = cloneDefault(item.spec.default);
      goTypes[alias] = SPEC_GO_TYPES[item.type] ?? 'nil';
      continue;
    }
    if (!item.spec.editable)
      return { ok: false, error: `field '${alias}' is not editable`, alias, code: 'config-not-editable' };
    const failure = validateValue(item, given[alias]);
    if (failure)
      return {
        ok: false,
        error: `validation failed for field '${alias}': ${failure.reason}`,
        alias,
        code: failure.code,
      };
  }
  return { ok: true, config, goTypes };
}

function cloneDefault(v: unknown): unknown {
  return Array.isArray(v) ? [...v] : (v ?? null);
}

/**
 * The value the add-missing-key fix writes: the default when the operator's validator accepts it, else the first
 * typed candidate it accepts (min, first option, false, empty); `undefined` when none passes (a regex, no values):
 * then no value can be added blindly.
 */
function suggestedValue(item: ConfigItem, alias: string): { value: unknown } | undefined {
  const s = item.spec;
  const typed: Record<string, unknown[]> = {
    integer: [s.min ?? 0, 0],
    float: [s.min ?? 0, 0],
    boolean: [false],
    option: s.values?.length ? [s.values[0]] : [],
    'multiple-options': [[]],
    string: s.regex ? regexCandidates(alias) : [''],
  };
  const candidates = [...(s.hasDefault ? [s.default] : []), ...(typed[item.type] ?? [])];
  const value = candidates.find((v) => v !== undefined && v !== null && !validateValue(item, v));
  return value === undefined ? undefined : { value };
}

/** Strings tried for a required string with a `regex` (operator: unanchored MatchString): the alias in kebab case first. */
const REGEX_GUESSES = ['example', 'value', 'a', 'x', '1', 'a1', 'v1', '1.0.0', 'example.com', 'user@example.com'];

function regexCandidates(alias: string): string[] {
  const kebab = alias.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
  return [kebab, alias.toLowerCase(), alias, ...REGEX_GUESSES].filter(Boolean);
}

function problem(
  code: RuleCode,
  message: string,
  path: YamlPath,
  on: Problem['on'],
  data: Record<string, unknown>,
  severity: Problem['severity'] = 'error',
): Problem {
  return { code, severity, message, path, on, data };
}

/**
 * Every problem with a Module's config, each on its key or value (paths relative to `spec.config`; a missing
 * required key is reported at the empty path, i.e. on the config map itself).
 */
export function configProblems(items: ConfigItem[], input: Record<string, unknown> | undefined): Problem[] {
  const problems: Problem[] = [];
  const given: Record<string, unknown> = isMap(input) ? input : {};
  const validators = validatorsByAlias(items);
  const aliases = [...validators.keys()];
  for (const key of Object.keys(given)) {
    if (!validators.has(key))
      problems.push(
        problem('config-unknown-field', `unknown field '${key}' provided in input`, [key], 'key', {
          alias: key,
          aliases,
        }),
      );
  }
  for (const [alias, item] of validators) {
    const known = (CONFIG_TYPES as readonly string[]).includes(item.type);
    const data = {
      alias,
      type: item.type,
      default: item.spec.default,
      hasDefault: item.spec.hasDefault,
      values: item.spec.values,
      editableOmitted: item.spec.editableOmitted,
      editable: item.spec.editable,
      required: item.spec.required,
      min: item.spec.min,
      regex: item.spec.regex,
    };
    if (!Object.prototype.hasOwnProperty.call(given, alias)) {
      if (item.spec.required) {
        const note = item.spec.hasDefault ? ' (its default does not apply to a required field)' : '';
        const suggestion = known ? suggestedValue(item, alias) : undefined;
        problems.push(
          problem('config-required-missing', `field '${alias}' is required but missing${note}`, [], 'key', {
            ...data,
            ...(suggestion ? { suggestion: suggestion.value } : { noValidValue: true }),
          }),
        );
      }
      continue;
    }
    if (!item.spec.editable) {
      const note = item.spec.editableOmitted
        ? " (the resource omits 'editable', which the operator reads as false)"
        : '';
      problems.push(problem('config-not-editable', `field '${alias}' is not editable${note}`, [alias], 'key', data));
      continue;
    }
    if (!known) continue;
    const value = given[alias];
    const failure = validateValue(item, value);
    if (failure) {
      const path: YamlPath = failure.member !== undefined ? [alias, failure.member] : [alias];
      // The operator's words do not say which pattern: the editor adds it.
      const pattern = failure.code === 'config-regex-mismatch' ? ` '${item.spec.regex}'` : '';
      problems.push(
        problem(
          failure.code,
          `validation failed for field '${alias}': ${failure.reason}${pattern}`,
          path,
          'value',
          data,
        ),
      );
      // The operator stops at the first bad member; the editor shows the others too.
      if (item.type === 'multiple-options' && Array.isArray(value) && failure.member !== undefined) {
        for (let i = failure.member + 1; i < value.length; i++) {
          const m = value[i];
          if (typeof m !== 'string')
            problems.push(
              problem(
                'config-type-mismatch',
                `validation failed for field '${alias}': all options must be strings`,
                [alias, i],
                'value',
                data,
              ),
            );
          else if (!(item.spec.values ?? []).includes(m))
            problems.push(
              problem(
                'config-option-invalid',
                `validation failed for field '${alias}': invalid option '${m}', must be one of ${goTypeList(item.spec.values)}`,
                [alias, i],
                'value',
                data,
              ),
            );
        }
      }
      continue;
    }
    if (item.type === 'integer' && typeof value === 'number' && !Number.isInteger(value)) {
      problems.push(
        problem(
          'config-integer-truncated',
          `${value} is not an integer: the operator truncates it to ${goInt(value)}`,
          [alias],
          'value',
          data,
          'warning',
        ),
      );
    }
  }
  return problems;
}
