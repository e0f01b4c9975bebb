// The operator's install-time verdict on a Module (what the host runs).
import type { ModuleSource, ResourceDefinition, RuleCode } from './types';
import type { ParsedDocument } from './document';
import type { ValidationContext } from './validate';

export type InstallPlan =
  | {
      ok: true;
      module: { name: string; namespace: string; workspace: { name: string; namespace: string }; hibernated: boolean };
      source: ModuleSource;
      definition: ResourceDefinition;
      resourceText?: string;
      config: Record<string, unknown>;
    }
  | { ok: false; error: string; code: RuleCode };

export async function moduleInstallPlan(_doc: ParsedDocument, _ctx: ValidationContext): Promise<InstallPlan> {
  return { ok: false, error: 'not implemented', code: 'module-source-none' };
}
