// A JSON schema for a Module's `spec.config`, generated from its resource definition's `config` items,
// so yaml-language-server offers the aliases, their values, and hover texts. Validation of the config
// itself is the core's job (the operator's exact verdicts); this schema only drives completion and hover.
import { createHash } from 'node:crypto';
import type { ConfigItem } from '../../../common/src/types';

interface JsonSchema {
  [key: string]: unknown;
}

/** Properties per alias, typed by the item's `type`, with the item's constraints and documentation. */
export function configItemsToJsonSchema(items: readonly ConfigItem[]): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  for (const item of items) {
    if (!item.alias || item.alias in properties) continue; // duplicate aliases: the first one documents it
    const documentation = describeConfigItem(item);
    properties[item.alias] = { ...valueSchema(item), description: documentation, markdownDescription: documentation };
    if (item.spec.required) required.push(item.alias);
  }
  return {
    type: 'object',
    description: "Values for the resource definition's `config` items, keyed by alias.",
    properties,
    ...(required.length ? { required } : {}),
  };
}

/** Identity of a list of config items (for caching the generated schema per resource). */
export function configItemsKey(items: readonly ConfigItem[]): string {
  const plain = items.map(({ type, name, alias, spec }) => ({ type, name, alias, spec }));
  return createHash('sha1').update(JSON.stringify(plain)).digest('hex');
}

function valueSchema(item: ConfigItem): JsonSchema {
  const { spec } = item;
  const withDefault = (schema: JsonSchema): JsonSchema =>
    spec.hasDefault ? { ...schema, default: spec.default } : schema;
  switch (item.type) {
    case 'string':
      return withDefault({ type: 'string' });
    case 'integer':
      return withDefault({ type: 'integer', ...bounds(spec.min, spec.max) });
    case 'float':
      return withDefault({ type: 'number', ...bounds(spec.min, spec.max) });
    case 'boolean':
      return withDefault({ type: 'boolean' });
    case 'option':
      return withDefault({ type: 'string', ...(spec.values?.length ? { enum: spec.values } : {}) });
    case 'multiple-options':
      return withDefault({
        type: 'array',
        items: { type: 'string', ...(spec.values?.length ? { enum: spec.values } : {}) },
        uniqueItems: true,
        ...(spec.min !== undefined ? { minItems: spec.min } : {}),
        ...(spec.max !== undefined ? { maxItems: spec.max } : {}),
      });
    default:
      return {};
  }
}

function bounds(min: number | undefined, max: number | undefined): JsonSchema {
  return { ...(min !== undefined ? { minimum: min } : {}), ...(max !== undefined ? { maximum: max } : {}) };
}

/** One line for completion details: type, default, required, allowed values. */
export function configItemDetail(item: ConfigItem): string {
  const parts = [item.type];
  if (item.spec.required) parts.push('required');
  if (item.spec.hasDefault) parts.push(`default ${formatValue(item.spec.default)}`);
  const constraints = constraintText(item);
  if (constraints) parts.push(constraints);
  if (!item.spec.editable) parts.push('not editable');
  return parts.join(' · ');
}

/** Markdown for hover and completion documentation: the item's name and every constraint. */
export function describeConfigItem(item: ConfigItem): string {
  const lines = [`**${item.name || item.alias}** (\`${item.alias}\`): ${item.type}`];
  const constraints = constraintText(item);
  if (constraints) lines.push(`- ${constraints}`);
  if (item.spec.hasDefault) lines.push(`- default: \`${formatValue(item.spec.default)}\``);
  // operator: required wins over default; editable omitted means false.
  lines.push(item.spec.required ? '- required (even with a default, the Module must set it)' : '- optional');
  lines.push(
    item.spec.editable
      ? '- editable'
      : item.spec.editableOmitted
        ? '- **not editable**: `editable` is omitted, which the operator reads as false; setting it here is refused'
        : '- **not editable**: setting it here is refused',
  );
  return lines.join('\n');
}

function constraintText(item: ConfigItem): string {
  const { spec } = item;
  const parts: string[] = [];
  if (spec.regex) parts.push(`matches \`${spec.regex}\` (Go RE2, unanchored)`);
  if (item.type === 'multiple-options') {
    if (spec.min !== undefined) parts.push(`at least ${spec.min} selected`);
    if (spec.max !== undefined) parts.push(`at most ${spec.max} selected`);
  } else {
    if (spec.min !== undefined) parts.push(`min ${spec.min}`);
    if (spec.max !== undefined) parts.push(`max ${spec.max}`);
  }
  if (spec.values) parts.push(`one of ${spec.values.map((v) => JSON.stringify(v)).join(', ')}`);
  return parts.join(', ');
}

function formatValue(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : JSON.stringify(value ?? null);
}
