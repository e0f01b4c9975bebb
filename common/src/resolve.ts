// Where a Module's resource definition comes from: inline (`source.raw`), a local folder mapped from a URL prefix
// (a resource being edited next to its Module, offline), or HTTP with a timeout, a size cap and a cache.
// A ConfigMap source lives in the cluster: it is never guessed. A failure here is never reported as an error of
// the Module: the validator turns it into a warning or an information.
import { readFile as fsReadFile } from 'node:fs/promises';
import * as path from 'node:path';
import type { CoreSettings, ModuleSource, ResourceDefinition } from './types';
import type { Problem } from './problem';
import { decodeResourceStaged, allProblems, type StagedDecode } from './decode';
import { fromMarshalled, fromValue, fromYaml } from './typedDecode';
import { parseAllDocuments } from 'yaml';
import { computeLineStarts, positionAt } from './document';

export type ResolveResult =
  | {
      ok: true;
      definition: ResourceDefinition;
      text?: string;
      origin: 'inline' | 'file' | 'http';
      location?: string;
      /** Everything the operator would say about the resource itself (errors mean every Module using it is refused). */
      problems?: Problem[];
      /** The decode stage by stage (for the install plan's operator-ordered verdict). */
      staged?: StagedDecode;
    }
  | { ok: false; reason: 'configMap' | 'disabled' | 'fetch-failed' | 'invalid' | 'none'; message: string };

export interface ResourceResolver {
  resolve(source: ModuleSource, from: { documentUri?: string }, signal?: AbortSignal): Promise<ResolveResult>;
}

export type FetchText = (
  url: string,
  options: { timeoutMs: number; maxBytes: number; signal?: AbortSignal },
) => Promise<string>;

export interface ResolverOptions {
  settings: CoreSettings;
  fetchText?: FetchText;
  readFile?: (path: string) => Promise<string>;
  /** Cache lifetime of a fetched resource (ms), default 5 minutes. */
  ttlMs?: number;
  /** Cache lifetime of a failed fetch (ms), default 15 seconds. */
  failureTtlMs?: number;
  /** Clock, for tests. */
  now?: () => number;
}

/** Node's global fetch, aborted after timeoutMs, reading the body as a stream and stopping past maxBytes. */
export const defaultFetchText: FetchText = async (url, { timeoutMs, maxBytes, signal }) => {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs);
  const onAbort = () => controller.abort(signal?.reason ?? new Error('cancelled'));
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const response = await fetch(url, { signal: controller.signal, redirect: 'follow' });
    if (!response.ok) throw new Error(`HTTP ${response.status}${response.statusText ? ' ' + response.statusText : ''}`);
    const declared = Number(response.headers.get('content-length') ?? NaN);
    if (declared > maxBytes) throw new Error(`response is ${declared} bytes, more than the ${maxBytes}-byte limit`);
    if (!response.body) return '';
    const reader = response.body.getReader();
    const chunks: Uint8Array[] = [];
    let size = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel().catch(() => undefined);
        throw new Error(`response is more than the ${maxBytes}-byte limit`);
      }
      chunks.push(value);
    }
    return new TextDecoder().decode(Buffer.concat(chunks));
  } catch (e) {
    if (controller.signal.aborted) {
      const reason = controller.signal.reason;
      throw reason instanceof Error ? reason : new Error(String(reason));
    }
    throw e;
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  }
};

const why = (e: unknown): string => {
  if (e instanceof Error) {
    const cause = (e as { cause?: unknown }).cause;
    return cause instanceof Error && cause.message ? `${e.message} (${cause.message})` : e.message;
  }
  return String(e);
};

/** Decode a resource from its text as the operator does (yaml.v3, first document; lines in messages are the text's). */
export function resourceFromText(text: string): StagedDecode | { error: string } {
  let docs;
  try {
    docs = parseAllDocuments(text, { prettyErrors: false });
  } catch (e) {
    return { error: `failed to read module type: yaml: ${why(e)}` };
  }
  const doc = Array.isArray(docs) ? docs[0] : undefined;
  if (!doc) return decodeResourceStaged(fromValue(null));
  if (doc.errors.length) {
    const lineStarts = computeLineStarts(text);
    const first = doc.errors[0];
    const line = positionAt(lineStarts, first.pos[0]).line + 1;
    return { error: `failed to read module type: yaml: line ${line}: ${first.message.split('\n')[0]}` };
  }
  const lineStarts = computeLineStarts(text);
  return decodeResourceStaged(fromYaml(doc.contents, doc, (o) => positionAt(lineStarts, o).line + 1, 'v3'));
}

function okResult(
  staged: StagedDecode,
  origin: 'inline' | 'file' | 'http',
  text?: string,
  location?: string,
): ResolveResult {
  if (!staged.definition) {
    return {
      ok: false,
      reason: 'invalid',
      message: staged.decodeMessage ?? staged.kind[0]?.message ?? 'not a Custom or Helm resource definition',
    };
  }
  return {
    ok: true,
    definition: staged.definition,
    origin,
    problems: allProblems(staged),
    staged,
    ...(text !== undefined ? { text } : {}),
    ...(location ? { location } : {}),
  };
}

interface CacheEntry {
  expires: number;
  result: Promise<ResolveResult>;
}

function isHttp(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}

/** The local file a URL maps to (longest matching prefix), or undefined. */
export function mappedPath(url: string, mappings: CoreSettings['urlMappings']): string | undefined {
  let best: { prefix: string; folder: string } | undefined;
  for (const m of mappings)
    if (m.prefix && url.startsWith(m.prefix) && (!best || m.prefix.length > best.prefix.length)) best = m;
  if (!best) return undefined;
  const rest = url.slice(best.prefix.length).split(/[?#]/)[0];
  let decoded = rest;
  try {
    decoded = decodeURIComponent(rest);
  } catch {
    // keep the raw text
  }
  const target = path.resolve(best.folder, '.' + path.sep + decoded.replace(/^\/+/, ''));
  const root = path.resolve(best.folder);
  // A mapped URL never reads outside its folder.
  if (target !== root && !target.startsWith(root + path.sep)) return undefined;
  return target;
}

function raceSignal<T>(promise: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(signal.reason ?? new Error('cancelled'));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason ?? new Error('cancelled'));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e) => {
        signal.removeEventListener('abort', onAbort);
        reject(e);
      },
    );
  });
}

export function createResolver(options: ResolverOptions): ResourceResolver {
  const { settings } = options;
  const fetchText = options.fetchText ?? defaultFetchText;
  const readFile = options.readFile ?? ((p: string) => fsReadFile(p, 'utf8'));
  const ttl = options.ttlMs ?? 5 * 60_000;
  const failureTtl = options.failureTtlMs ?? 15_000;
  const now = options.now ?? Date.now;
  const cache = new Map<string, CacheEntry>();

  const fetchAndDecode = async (url: string): Promise<ResolveResult> => {
    try {
      const text = await fetchText(url, { timeoutMs: settings.fetchTimeoutMs, maxBytes: settings.fetchMaxBytes });
      const staged = resourceFromText(text);
      if ('error' in staged) return { ok: false, reason: 'invalid', message: staged.error };
      return okResult(staged, 'http', text, url);
    } catch (e) {
      return { ok: false, reason: 'fetch-failed', message: `could not fetch ${url}: ${why(e)}` };
    }
  };

  const resolveHttp = async (url: string, signal?: AbortSignal): Promise<ResolveResult> => {
    if (!isHttp(url)) return { ok: false, reason: 'invalid', message: `not an http(s) URL: ${url}` };
    const local = mappedPath(url, settings.urlMappings);
    if (local) {
      try {
        const text = await raceSignal(readFile(local), signal);
        const staged = resourceFromText(text);
        if ('error' in staged) return { ok: false, reason: 'invalid', message: staged.error };
        return okResult(staged, 'file', text, local);
      } catch (e) {
        if (signal?.aborted) throw e;
        return {
          ok: false,
          reason: 'fetch-failed',
          message: `could not read ${local} (mapped from ${url}): ${why(e)}`,
        };
      }
    }
    if (!settings.fetchHttp)
      return { ok: false, reason: 'disabled', message: `fetching ${url} is disabled (forkspacer.fetchHttp)` };
    const hit = cache.get(url);
    if (hit && hit.expires > now()) return raceSignal(hit.result, signal);
    const entry: CacheEntry = { expires: Number.POSITIVE_INFINITY, result: fetchAndDecode(url) };
    cache.set(url, entry);
    // In flight the entry never expires (callers share the one request); once settled it lives for its TTL.
    void entry.result.then((r) => {
      entry.expires = now() + (r.ok || r.reason === 'invalid' ? ttl : failureTtl);
      if (cache.size > 500) for (const [k, e] of cache) if (e.expires <= now()) cache.delete(k);
    });
    return raceSignal(entry.result, signal);
  };

  return {
    async resolve(source, _from, signal) {
      switch (source.type) {
        case 'raw': {
          const staged = decodeResourceStaged(fromMarshalled(source.raw, []));
          return okResult(staged, 'inline');
        }
        case 'configMap':
          return {
            ok: false,
            reason: 'configMap',
            message: `resolved from ConfigMap ${source.namespace}/${source.name} in the cluster at install; spec.config not checked here`,
          };
        case 'httpURL':
          return resolveHttp(source.url, signal);
        default:
          return {
            ok: false,
            reason: 'none',
            message: "exactly one of 'raw', 'configMap', or 'httpURL' must be specified",
          };
      }
    },
  };
}
