// Shared setup for the core's unit tests: settings, an offline resolver, and a one-call validator.
import type { Diagnostic } from 'vscode-languageserver-types';
import { DEFAULT_SETTINGS, type CoreSettings } from '../../../common/src/types';
import { createResolver, type FetchText } from '../../../common/src/resolve';
import { validateText } from '../../../common/src/validate';
import * as path from 'node:path';

export const ROOT = path.resolve(__dirname, '..', '..', '..', '..');
export const EXAMPLES = path.join(ROOT, 'examples');
export const FIXTURES = path.join(ROOT, 'test', 'fixtures');

export const offlineFetch: FetchText = async (url) => {
  throw new Error(`offline (test): ${url}`);
};

export function settings(extra: Partial<CoreSettings> = {}): CoreSettings {
  return {
    ...DEFAULT_SETTINGS,
    urlMappings: [{ prefix: 'https://example.com/resources/', folder: EXAMPLES }],
    ...extra,
  };
}

export async function validate(
  text: string,
  extra: Partial<CoreSettings> = {},
  fetchText: FetchText = offlineFetch,
): Promise<Diagnostic[]> {
  const s = settings(extra);
  return validateText(text, { settings: s, resolver: createResolver({ settings: s, fetchText }) });
}

export const errors = (ds: Diagnostic[]) => ds.filter((d) => d.severity === 1);
export const codes = (ds: Diagnostic[]) => ds.map((d) => String(d.code));
export const describe = (ds: Diagnostic[]) =>
  ds.map((d) => `${d.range.start.line}:${d.range.start.character} [${d.code}] ${d.message}`).join('\n');

/** A Module with an inline resource whose config items are `items` (YAML, indented 8) and whose config is `config` (indented 4). */
export function moduleWith(items: string, config: string): string {
  return `apiVersion: batch.forkspacer.com/v1
kind: Module
metadata:
  name: m
spec:
  workspace:
    name: dev
  source:
    raw:
      kind: Custom
      metadata:
        name: r
        version: 1.0.0
        supportedOperatorVersion: ">= 0.0.0, < 1.0.0"
      config:
${items}
      spec:
        repo:
          file: https://example.com/plugin.so
  config:
${config}
`;
}
