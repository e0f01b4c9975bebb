// The core's install plan (the operator's order and wording), with one rule waived for local work: the
// operator only downloads http(s) plugins (rule repo-file-scheme), while the local host also runs a
// `file://` URL or a path (a .so or a Go source folder). That rule is the last check of HandleResource's
// kind stage, so the same verdict is recomputed by the same core functions without it.
import { moduleInstallPlan, type InstallPlan, type ValidationContext } from '../../common/src/index';
import type { ParsedDocument } from '../../common/src/document';
import { readModule } from '../../common/src/module';
import { decodeResourceStaged, type StagedDecode } from '../../common/src/decode';
import { fromValue } from '../../common/src/typedDecode';
import { handleResource } from '../../common/src/install';

export async function hostInstallPlan(doc: ParsedDocument, ctx: ValidationContext): Promise<InstallPlan> {
  const plan = await moduleInstallPlan(doc, ctx);
  if (plan.ok || plan.code !== 'repo-file-scheme') return plan;
  const m = readModule(doc.value);
  let staged: StagedDecode | undefined;
  let resourceText: string | undefined;
  if (m.source.type === 'raw') {
    staged = decodeResourceStaged(fromValue(m.source.raw));
    resourceText = JSON.stringify(m.source.raw);
  } else {
    const resolved = await ctx.resolver.resolve(m.source, { documentUri: ctx.documentUri }, ctx.signal);
    if (!resolved.ok || !resolved.staged) return plan;
    staged = resolved.staged;
    resourceText = resolved.text;
  }
  const waived: StagedDecode = { ...staged, kind: staged.kind.filter((p) => p.code !== 'repo-file-scheme') };
  const verdict = handleResource(waived, (m.config ?? undefined) as Record<string, unknown> | undefined, ctx);
  if (!verdict.ok) return verdict;
  if (!staged.definition) return plan;
  return {
    ok: true,
    module: { name: m.name, namespace: m.namespace, workspace: m.workspace, hibernated: m.hibernated },
    source: m.source,
    definition: staged.definition,
    ...(resourceText !== undefined ? { resourceText } : {}),
    config: verdict.config,
    goTypes: verdict.goTypes,
  };
}
