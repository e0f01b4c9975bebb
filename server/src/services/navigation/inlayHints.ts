// Inlay hints in a Module's `spec.config`: what the operator fills in for each item the Module omits, and the Go
// type the plugin's NewManager receives where a plugin author is likely to guess wrong.
// operator (ValidateUserInput): an omitted item that is not required gets DefaultValue(), the typed spec field,
// so a resource that writes no default still passes Go's zero value ('' / 0 / false / an empty []string).
// Values set in a Module travel through kubectl's JSON: every number is a float64 and a list is []interface {}.
import { InlayHintKind, type InlayHint, type Position, type Range } from 'vscode-languageserver-types';
import { parseYamlFile } from '../../../../common/src';
import { validatorsByAlias } from '../../../../common/src/config';
import { yamlFlow } from '../../../../common/src/fixes';
import type { ConfigItem, ResourceDefinition } from '../../../../common/src/types';
import { splitYamlDocuments } from '../documentSplitter';
import { field } from '../documentFacts';
import type { DocumentFacts, ModuleFacts } from './facts';

export interface InlayHintOptions {
  defaults: boolean;
  goTypes: boolean;
}

/** The Go type an omitted item's default has (the spec struct's field type). */
const DEFAULT_GO_TYPE: Record<string, string> = { integer: 'int', 'multiple-options': '[]string' };
/** The Go type a value set in a Module has, for the item types where it differs from the default's. */
const SET_GO_TYPE: Record<string, string> = { integer: 'float64', 'multiple-options': '[]interface {}' };

export async function inlayHints(
  uri: string,
  text: string,
  range: Range,
  facts: DocumentFacts[],
  resourceOf: (uri: string, value: unknown) => Promise<ResourceDefinition | undefined>,
  options: InlayHintOptions,
): Promise<InlayHint[]> {
  if (!options.defaults && !options.goTypes) return [];
  const lines = text.split('\n');
  const hints: InlayHint[] = [];
  for (const segment of splitYamlDocuments(text)) {
    const doc = facts.find((d) => d.index === segment.index && d.module);
    const module = doc?.module;
    if (!module || module.range.end.line < range.start.line || module.range.start.line > range.end.line) continue;
    const value = parseYamlFile(segment.text).documents.find((d) => d.kind === 'module')?.value;
    const definition = await resourceOf(uri, value);
    if (!definition) continue;
    const input = field(field(value, 'spec'), 'config');
    const given = isRecord(input) ? input : {};
    hints.push(...moduleHints(module, definition, given, lines, options));
  }
  return hints.filter((h) => h.position.line >= range.start.line && h.position.line <= range.end.line);
}

function moduleHints(
  module: ModuleFacts,
  definition: ResourceDefinition,
  given: Record<string, unknown>,
  lines: string[],
  options: InlayHintOptions,
): InlayHint[] {
  const hints: InlayHint[] = [];
  const validators = validatorsByAlias(definition.config);
  const resource = `${definition.kind} resource ${definition.metadata.name}`;
  if (options.defaults && module.configKey) {
    const at = lineEnd(lines, module.configKey.start.line);
    for (const [alias, item] of validators) {
      if (Object.prototype.hasOwnProperty.call(given, alias) || item.spec.required) continue;
      hints.push({
        position: at,
        label: defaultLabel(alias, item, options.goTypes),
        paddingLeft: true,
        tooltip: {
          kind: 'markdown',
          value:
            `\`${alias}\` is not set here: the operator passes ${item.spec.hasDefault ? 'the default' : 'the Go zero value (the resource writes no default)'} of ${resource}` +
            (DEFAULT_GO_TYPE[item.type] ? `, as a Go \`${DEFAULT_GO_TYPE[item.type]}\`.` : '.'),
        },
      });
    }
  }
  if (options.goTypes) {
    for (const key of module.configKeys) {
      const item = validators.get(key.alias);
      const goType = item && SET_GO_TYPE[item.type];
      const value = given[key.alias];
      if (!item || !goType || !matchesShape(item, value) || !key.valueRange) continue;
      hints.push({
        position:
          key.valueRange.start.line === key.range.start.line && key.valueRange.end.line === key.range.start.line
            ? key.valueRange.end
            : lineEnd(lines, key.range.start.line),
        label: goType,
        kind: InlayHintKind.Type,
        paddingLeft: true,
        tooltip: { kind: 'markdown', value: setTooltip(key.alias, item, goType) },
      });
    }
  }
  return hints;
}

function defaultLabel(alias: string, item: ConfigItem, goTypes: boolean): string {
  const value = item.type === 'multiple-options' && !Array.isArray(item.spec.default) ? [] : item.spec.default;
  const notes = [item.spec.hasDefault ? 'default' : 'zero value'];
  if (goTypes && DEFAULT_GO_TYPE[item.type]) notes.push(DEFAULT_GO_TYPE[item.type]!);
  return `${alias}: ${yamlFlow(value)} (${notes.join(', ')})`;
}

function setTooltip(alias: string, item: ConfigItem, goType: string): string {
  if (item.type === 'integer')
    return (
      `A number set in a Module reaches the plugin as a \`${goType}\` (kubectl sends JSON), while the item's default arrives as an \`int\`: ` +
      `\`config["${alias}"].(int)\` panics on this value. Accept both, e.g. \`switch v := config["${alias}"].(type) { case int: ...; case float64: ... }\`.`
    );
  return (
    `A list set in a Module reaches the plugin as a \`${goType}\`, while the item's default arrives as a \`[]string\`: ` +
    `\`config["${alias}"].([]string)\` panics on this value.`
  );
}

/** Only values the operator accepts for the type get a type hint (others are errors already). */
function matchesShape(item: ConfigItem, value: unknown): boolean {
  return item.type === 'integer' ? typeof value === 'number' : Array.isArray(value);
}

function lineEnd(lines: string[], line: number): Position {
  return { line, character: (lines[line] ?? '').replace(/\r$/, '').length };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
