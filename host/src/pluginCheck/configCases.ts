// The Go types NewManager's `config` map can hold for each alias, from the resource definitions that use the
// plugin, by the operator's rules (pkg/resources/config.go ValidateUserInput, v0.1.7):
// - a value a Module sets arrives through encoding/json: numbers are float64, lists []interface {}, strings and
//   booleans as such; a Module may set only an editable item;
// - an omitted item that is not required gets `validator.DefaultValue()`, the typed spec field: int for an
//   integer, float64 for a float, []string for multiple-options; with no default written that is the Go zero
//   value (0, "", false, a nil []string), never absent: DefaultValue() returns a non-nil interface;
// - a required item is always set by the Module (else the Module is refused).
// A key no item defines is never in the map (the operator refuses a Module that sets it).
import type { ConfigItem, ResourceDefinition } from '../../../common/src/index';

export interface ConfigCase {
  goType: string;
  when: string;
}

export interface CheckerConfigItem {
  itemType: string;
  cases: ConfigCase[];
}

const SET_TYPES: Record<string, string> = {
  string: 'string',
  option: 'string',
  integer: 'float64',
  float: 'float64',
  boolean: 'bool',
  'multiple-options': '[]interface {}',
};

const DEFAULT_TYPES: Record<string, string> = {
  string: 'string',
  option: 'string',
  integer: 'int',
  float: 'float64',
  boolean: 'bool',
  'multiple-options': '[]string',
};

function setWhy(item: ConfigItem): string {
  if (item.type === 'integer' || item.type === 'float') return ' (a number from a Module is a float64)';
  if (item.type === 'multiple-options') return ' (a list from a Module is a []interface {})';
  return '';
}

function literal(value: unknown): string {
  return Array.isArray(value) ? `[${value.map((v) => JSON.stringify(v)).join(', ')}]` : JSON.stringify(value);
}

/** The cases of one item of one resource; `label` names the resource when several use the plugin. */
export function itemCases(item: ConfigItem, label = ''): ConfigCase[] {
  const of = label ? ` of ${label}` : '';
  const cases: ConfigCase[] = [];
  const setType = SET_TYPES[item.type];
  const defaultType = DEFAULT_TYPES[item.type];
  if (!setType || !defaultType) return cases; // unregistered type: the operator refuses the whole resource
  if (item.spec.editable || item.spec.required)
    cases.push({ goType: setType, when: `a Module sets ${item.alias}${of}${setWhy(item)}` });
  if (!item.spec.required) {
    const what = item.spec.hasDefault
      ? `the default ${literal(item.spec.default)} applies (${article(defaultType)})`
      : `the operator passes the zero value ${item.type === 'multiple-options' ? '[]string(nil)' : literal(item.spec.default)} (${article(defaultType)}; the resource writes no default)`;
    cases.push({ goType: defaultType, when: `a Module omits ${item.alias}${of}: ${what}` });
  }
  return cases;
}

/** Per alias, every type the plugin may receive, over all the resources that use it (later items win per resource). */
export function configCases(resources: { definition: ResourceDefinition; label: string }[]) {
  const out: Record<string, CheckerConfigItem> = {};
  const many = resources.length > 1;
  for (const { definition, label } of resources) {
    const byAlias = new Map<string, ConfigItem>();
    for (const item of definition.config) byAlias.set(item.alias, item); // the operator's map: the last one wins
    for (const item of byAlias.values()) {
      const entry = (out[item.alias] ??= { itemType: item.type, cases: [] });
      entry.cases.push(...itemCases(item, many ? label : ''));
    }
  }
  return out;
}

/**
 * The one case of each alias for a Module whose config the host has validated (its goTypes). The text names no
 * Module, so Modules with the same types share the cached result.
 */
export function moduleCases(items: ConfigItem[], goTypes: Record<string, string>) {
  const out: Record<string, CheckerConfigItem> = {};
  for (const item of items) {
    const goType = goTypes[item.alias];
    if (!goType) continue;
    out[item.alias] = {
      itemType: item.type,
      cases: [{ goType, when: `this Module is installed (its ${item.alias} arrives as ${article(goType)})` }],
    };
  }
  return out;
}

function article(goType: string): string {
  return `${/^[aeiou]/.test(goType) ? 'an' : 'a'} ${goType}`;
}
