// The operator's install-time verdict on a Module, in its order and wording: what the host runs.
// Admission (webhook + CRD) first, then the controller: resolve the source, then HandleResource: decode,
// constraint parse, version check, config validation ("failed to validate configuration: ..."), kind checks.
import type { ModuleSource, ResourceDefinition, RuleCode } from './types';
import type { ParsedDocument } from './document';
import type { ValidationContext } from './validate';
import { versionProblem } from './validate';
import { moduleSpecProblems, readModule } from './module';
import { decodeResourceStaged, type StagedDecode } from './decode';
import { fromMarshalled } from './typedDecode';
import { goJson } from './goYaml';
import { checkConfig } from './config';
import { crdProblems } from './crd';
import { hasTemplates, helmVerdict } from './helmRender';

export type InstallPlan =
  | {
      ok: true;
      module: { name: string; namespace: string; workspace: { name: string; namespace: string }; hibernated: boolean };
      source: ModuleSource;
      definition: ResourceDefinition;
      /** The resource text the operator decoded (fetched text, or the JSON of source.raw). */
      resourceText?: string;
      /** The local file the resource was read from (a URL mapped to a folder); absent when it is in the Module. */
      resourceFile?: string;
      /** What NewManager receives: the Module's config with defaults applied. */
      config: Record<string, unknown>;
      /** The Go type of each config value (see ConfigVerdict.goTypes). */
      goTypes?: Record<string, string>;
    }
  | { ok: false; error: string; code: RuleCode };

/**
 * Rules a caller may waive. The local host runs `file://` URLs and paths as plugins (authors iterating on a .so or
 * a Go source folder), where the operator only downloads http(s) (rule repo-file-scheme, the last kind check).
 */
export type WaivableRule = Extract<RuleCode, 'repo-file-scheme'>;

/** HandleResource's verdict on a decoded resource and a config, first refusal in the operator's order. */
export function handleResource(
  staged: StagedDecode,
  config: Record<string, unknown> | undefined,
  ctx: Pick<ValidationContext, 'settings'>,
  waive: readonly WaivableRule[] = [],
):
  | { ok: true; config: Record<string, unknown>; goTypes?: Record<string, string> }
  | { ok: false; error: string; code: RuleCode } {
  if (staged.decode.length)
    return { ok: false, error: staged.decodeMessage ?? staged.decode[0].message, code: staged.decode[0].code };
  if (staged.constraint) return { ok: false, error: staged.constraint.message, code: staged.constraint.code };
  const version = versionProblem(staged, ctx.settings);
  if (version) return { ok: false, error: version.message, code: version.code };
  if (staged.config.length) {
    const first = staged.config[0];
    const message = typeof first.data?.message === 'string' ? first.data.message : first.message;
    return { ok: false, error: `failed to validate configuration: ${message}`, code: first.code };
  }
  const verdict = checkConfig(staged.definition?.config ?? [], config);
  if (!verdict.ok)
    return { ok: false, error: `failed to validate configuration: ${verdict.error}`, code: verdict.code };
  const kind = staged.kind.filter((p) => !(waive as readonly RuleCode[]).includes(p.code));
  if (kind.length) {
    const first = kind[0];
    return {
      ok: false,
      error: typeof first.data?.message === 'string' ? first.data.message : first.message,
      code: first.code,
    };
  }
  return { ok: true, config: verdict.config, goTypes: verdict.goTypes };
}

export async function moduleInstallPlan(
  doc: ParsedDocument,
  ctx: ValidationContext,
  waive: readonly WaivableRule[] = [],
): Promise<InstallPlan> {
  if (doc.errors.length) return { ok: false, error: doc.errors[0].message.split('\n')[0], code: 'yaml-syntax' };
  if (doc.kind !== 'module')
    return {
      ok: false,
      error: `not a Module (apiVersion: batch.forkspacer.com/v1, kind: Module)`,
      code: 'module-source-none',
    };
  const value = doc.value;
  const m = readModule(value);
  const admission = [...crdProblems('Module', value).problems, ...moduleSpecProblems(value, m)].find(
    (p) => p.severity === 'error',
  );
  if (admission) return { ok: false, error: admission.message, code: admission.code };

  let staged: StagedDecode;
  let resourceText: string | undefined;
  let resourceFile: string | undefined;
  if (m.source.type === 'raw') {
    staged = decodeResourceStaged(fromMarshalled(m.source.raw, []));
    resourceText = goJson(m.source.raw);
  } else {
    const resolved = await ctx.resolver.resolve(m.source, { documentUri: ctx.documentUri }, ctx.signal);
    if (!resolved.ok) {
      const code: RuleCode =
        resolved.reason === 'configMap'
          ? 'module-source-configmap-unresolved'
          : resolved.reason === 'none'
            ? 'module-source-none'
            : 'module-source-fetch-failed';
      return { ok: false, error: resolved.message, code };
    }
    if (!resolved.staged)
      return { ok: false, error: 'the resource could not be decoded', code: 'module-source-fetch-failed' };
    staged = resolved.staged;
    resourceText = resolved.text;
    if (resolved.origin === 'file') resourceFile = resolved.location;
  }
  const verdict = handleResource(staged, (m.config ?? undefined) as Record<string, unknown> | undefined, ctx, waive);
  // newManager's Helm branch: RenderSpec(NewRenderData(config, releaseName)) then Validate, by the operator's own
  // code (helmRender.ts). RenderSpec comes before Validate: a template that fails wins over a Validate refusal.
  const renderRefusal = (): InstallPlan | undefined => {
    if (staged.definition?.kind !== 'Helm' || resourceText === undefined || !hasTemplates(staged.definition.spec))
      return undefined;
    const config = (value as { spec?: { config?: unknown } } | null)?.spec?.config;
    const rendered = helmVerdict(
      resourceText,
      config === undefined || config === null ? '' : goJson(config),
      `${m.namespace}-${m.name}`,
      m.source.type === 'raw',
    );
    if ('unavailable' in rendered || rendered.ok) return undefined;
    if (rendered.stage === 'render' || (verdict.ok && rendered.stage === 'validate'))
      return { ok: false, error: rendered.error ?? '', code: 'helm-template-render' };
    return undefined;
  };
  if (!verdict.ok) return (verdict.code === 'helm-field-missing' && renderRefusal()) || verdict;
  if (!staged.definition) return { ok: false, error: 'the resource could not be decoded', code: 'config-spec-invalid' };
  const rendered = renderRefusal();
  if (rendered) return rendered;
  return {
    ok: true,
    module: { name: m.name, namespace: m.namespace, workspace: m.workspace, hibernated: m.hibernated },
    source: m.source,
    definition: staged.definition,
    ...(resourceText !== undefined ? { resourceText } : {}),
    ...(resourceFile ? { resourceFile } : {}),
    config: verdict.config,
    goTypes: verdict.goTypes,
  };
}
