// A Module (batch.forkspacer.com/v1) as the admission webhook and the controller read it (after kubectl's
// YAML 1.1 decode): which source wins, and the webhook's refusals in its order.
import type { ModuleSource } from './types';
import type { Problem, YamlPath } from './problem';
import { goUrlParseError } from './decode';
import { asFloat64 } from './goYaml';

export const SOURCE_ORDER = ['raw', 'configMap', 'httpURL', 'github', 'existingHelmRelease'] as const;
export type SourceKey = (typeof SOURCE_ORDER)[number];

export interface ModuleModel {
  name: string;
  namespace: string;
  workspace: { name: string; namespace: string };
  hibernated: boolean;
  /** Source keys set (non-null), in the webhook's order. */
  sources: SourceKey[];
  source: ModuleSource;
  /** spec.config as given (undefined when absent). */
  config: unknown;
  configIsMap: boolean;
}

const isMap = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const str = (v: unknown): string => (typeof v === 'string' ? v : v === null || v === undefined ? '' : String(v));

export function readModule(value: unknown): ModuleModel {
  const root = isMap(value) ? value : {};
  const metadata = isMap(root.metadata) ? root.metadata : {};
  const spec = isMap(root.spec) ? root.spec : {};
  const src = isMap(spec.source) ? spec.source : {};
  const ws = isMap(spec.workspace) ? spec.workspace : {};
  const sources = SOURCE_ORDER.filter((k) => src[k] !== undefined && src[k] !== null);
  let source: ModuleSource = { type: 'none' };
  // The webhook takes the first set source in its order; github / existingHelmRelease win only when alone ahead.
  const winner = sources[0];
  if (winner === 'raw') source = { type: 'raw', raw: src.raw };
  else if (winner === 'configMap') {
    const cm = isMap(src.configMap) ? src.configMap : {};
    source = { type: 'configMap', name: str(cm.name), namespace: str(cm.namespace) || 'default' };
  } else if (winner === 'httpURL') source = { type: 'httpURL', url: str(src.httpURL) };
  return {
    name: str(metadata.name),
    namespace: str(metadata.namespace) || 'default',
    workspace: { name: str(ws.name), namespace: str(ws.namespace) || 'default' },
    hibernated: spec.hibernated === true,
    sources,
    source,
    // The operator reads spec.config with encoding/json into `any`: every number is a float64.
    config: asFloat64(spec.config),
    configIsMap: spec.config === undefined || spec.config === null || isMap(spec.config),
  };
}

const e = (
  code: Problem['code'],
  message: string,
  path: YamlPath,
  on: Problem['on'] = 'value',
  data?: Record<string, unknown>,
): Problem => ({ code, severity: 'error', message, path, on, ...(data ? { data } : {}) });

/** The webhook's checks of spec.source and spec.workspace (and the CRD's bounds on the names), in order. */
export function moduleSpecProblems(value: unknown, m: ModuleModel = readModule(value)): Problem[] {
  const problems: Problem[] = [];
  const root = isMap(value) ? value : {};
  const spec = isMap(root.spec) ? root.spec : undefined;
  const hasSource = spec !== undefined && isMap(spec.source);
  const winner = m.sources[0];
  if (!winner) {
    problems.push(
      e(
        'module-source-none',
        "exactly one of 'raw', 'configMap', or 'httpURL' must be specified",
        hasSource ? ['spec', 'source'] : spec ? ['spec'] : [],
        'key',
        { options: ['raw', 'configMap', 'httpURL'] },
      ),
    );
  } else if (winner === 'github' || winner === 'existingHelmRelease') {
    problems.push(
      e(
        'module-source-unsupported',
        `'${winner}' module source type is not yet supported`,
        ['spec', 'source', winner],
        'key',
      ),
    );
  } else if (winner === 'httpURL') {
    const url = m.source.type === 'httpURL' ? m.source.url : '';
    const parseError = goUrlParseError(url);
    const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(url)?.[1]?.toLowerCase() ?? '';
    if (parseError) problems.push(e('module-source-scheme', parseError, ['spec', 'source', 'httpURL']));
    else if (scheme !== 'http' && scheme !== 'https')
      problems.push(
        e('module-source-scheme', `unsupported Http URL scheme, got '${scheme}'`, ['spec', 'source', 'httpURL']),
      );
  }
  for (const ignored of m.sources.slice(1)) {
    problems.push({
      code: 'module-source-multiple',
      severity: 'warning',
      message: `'${ignored}' is ignored: with several sources the operator uses the first of raw, configMap, httpURL ('${winner}' here)`,
      path: ['spec', 'source', ignored],
      on: 'key',
      data: { ignored, winner },
    });
  }
  // spec.workspace (name 1-253, namespace 1-63, defaulted) and spec.config's type are the CRD's: crd.ts.
  return problems;
}
