// The host's refusal of Install when `plugin check` finds what the operator cannot load or run.
import { relative } from 'node:path';
import type { PluginCheckResult } from './pluginCheck';

export function pluginCheckRefusal(result: PluginCheckResult): string | undefined {
  if (result.ok) return undefined;
  const errors = result.findings.filter((f) => f.severity === 'error');
  const where = (f: (typeof errors)[number]) => `${relative(result.dir, f.file) || f.file}:${f.range.start.line + 1}`;
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more: forkspacer plugin check ${result.dir})` : '';
  return `Install refused: the operator ${result.operator.version} could not load or run this plugin: ${where(errors[0])}: ${errors[0].message} [${errors[0].code}]${more}`;
}
