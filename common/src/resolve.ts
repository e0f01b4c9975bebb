// Where a Module's resource definition comes from: inline, a mapped local folder, or HTTP.
import type { CoreSettings, ModuleSource, ResourceDefinition } from './types';

export type ResolveResult =
  | { ok: true; definition: ResourceDefinition; text?: string; origin: 'inline' | 'file' | 'http'; location?: string }
  | { ok: false; reason: 'configMap' | 'disabled' | 'fetch-failed' | 'invalid' | 'none'; message: string };

export interface ResourceResolver {
  resolve(source: ModuleSource, from: { documentUri?: string }, signal?: AbortSignal): Promise<ResolveResult>;
}

export type FetchText = (url: string, options: { timeoutMs: number; maxBytes: number; signal?: AbortSignal }) => Promise<string>;

export interface ResolverOptions {
  settings: CoreSettings;
  fetchText?: FetchText;
  readFile?: (path: string) => Promise<string>;
  /** Cache lifetime of a fetched resource (ms). */
  ttlMs?: number;
}

export function createResolver(_options: ResolverOptions): ResourceResolver {
  return {
    resolve: async () => ({ ok: false, reason: 'none', message: 'not implemented' }),
  };
}
