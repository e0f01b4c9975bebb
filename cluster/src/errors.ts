// ClusterError: every failure of the cluster backend, with a kind the UI and the CLI switch on and a message a user
// can act on. fromApiError() turns client-node's ApiException / fetch errors / watch Status objects into one.
import type { ClusterErrorInfo, ClusterErrorKind } from './types';

export class ClusterError extends Error implements ClusterErrorInfo {
  readonly kind: ClusterErrorKind;
  readonly status?: number;
  readonly verb?: string;
  readonly resource?: string;
  readonly fields?: string[];
  readonly serverMessage?: string;

  constructor(kind: ClusterErrorKind, message: string, info: Omit<ClusterErrorInfo, 'kind'> = {}) {
    super(message);
    this.name = 'ClusterError';
    this.kind = kind;
    Object.assign(this, info);
  }

  /** Plain data (for LiveModel.error, the language server, JSON output). */
  toInfo(): ClusterErrorInfo & { message: string } {
    const info: ClusterErrorInfo & { message: string } = { kind: this.kind, message: this.message };
    if (this.status !== undefined) info.status = this.status;
    if (this.verb) info.verb = this.verb;
    if (this.resource) info.resource = this.resource;
    if (this.fields) info.fields = this.fields;
    if (this.serverMessage) info.serverMessage = this.serverMessage;
    return info;
  }
}

export function isClusterError(error: unknown): error is ClusterError {
  return error instanceof ClusterError;
}

/** A Kubernetes Status object (the body of a refused request, or a watch ERROR event). */
export interface KubeStatus {
  kind?: string;
  status?: string;
  message?: string;
  reason?: string;
  code?: number;
  details?: {
    name?: string;
    group?: string;
    kind?: string;
    causes?: { field?: string; message?: string; reason?: string }[];
  };
}

/** Parses client-node's ApiException body (JSON text or object). */
function statusOf(error: unknown): { code?: number; status?: KubeStatus } {
  if (!error || typeof error !== 'object') return {};
  const e = error as { code?: unknown; body?: unknown; statusCode?: unknown };
  const code = typeof e.code === 'number' ? e.code : typeof e.statusCode === 'number' ? e.statusCode : undefined;
  let body: unknown = e.body;
  if (typeof body === 'string') {
    try {
      body = JSON.parse(body);
    } catch {
      body = { message: body };
    }
  }
  const status = body && typeof body === 'object' ? (body as KubeStatus) : undefined;
  return { code: code ?? status?.code, status };
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EPIPE',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'CERT_HAS_EXPIRED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'SELF_SIGNED_CERT_IN_CHAIN',
]);

function networkCode(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e && typeof e === 'object' && depth < 5; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && (NETWORK_CODES.has(code) || code.startsWith('E'))) return code;
    const errno = (e as { errno?: unknown }).errno;
    if (typeof errno === 'string') return errno;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

export interface RequestContext {
  /** What was being done, for the message: `create`, `list`, `patch`, `delete`, `watch`, `get`. */
  verb: string;
  /** The resource, plural with group: `modules.batch.forkspacer.com`. */
  resource: string;
  namespace?: string;
  name?: string;
  server: string;
  context: string;
}

function where(ctx: RequestContext): string {
  const ns = ctx.namespace ? ` in namespace "${ctx.namespace}"` : ctx.resource === 'namespaces' ? '' : ' cluster-wide';
  return `${ctx.resource}${ctx.name ? ` "${ctx.name}"` : ''}${ns}`;
}

const FORKSPACER_GROUP = 'batch.forkspacer.com';

/** Converts whatever a client-node call threw into a ClusterError with a user message. */
export function fromApiError(error: unknown, ctx: RequestContext): ClusterError {
  if (error instanceof ClusterError) return error;
  if (isAbort(error)) return new ClusterError('cancelled', `Cancelled: ${ctx.verb} ${where(ctx)}.`);
  const { code, status } = statusOf(error);
  if (code === undefined || code === 0) {
    const net = networkCode(error);
    const text = error instanceof Error ? error.message : String(error);
    if (net || /fetch failed|socket|connect|network|ECONN|certificate/i.test(text)) {
      return new ClusterError(
        'unreachable',
        `Cannot reach the API server ${ctx.server} (context "${ctx.context}"): ${net ?? text}. Check that the cluster is running and the kubeconfig points at it.`,
        { serverMessage: text },
      );
    }
    return new ClusterError('unreachable', `Request to ${ctx.server} failed: ${text}`, { serverMessage: text });
  }
  return fromStatus(code, status ?? {}, ctx);
}

export function fromStatus(code: number, status: KubeStatus, ctx: RequestContext): ClusterError {
  const serverMessage = status.message ?? '';
  const info = { status: code, serverMessage };
  if (code === 401)
    return new ClusterError(
      'forbidden',
      `The API server ${ctx.server} rejected the credentials of context "${ctx.context}" (401 Unauthorized): ${serverMessage}`,
      { ...info, verb: ctx.verb, resource: where(ctx) },
    );
  if (code === 403) {
    // RBAC wording: `modules.batch.forkspacer.com is forbidden: User "x" cannot create resource "modules" in API group ...`
    const user = /User "([^"]+)"/.exec(serverMessage)?.[1];
    const verb = /cannot (\w+) resource/.exec(serverMessage)?.[1] ?? ctx.verb;
    if (/admission webhook/i.test(serverMessage))
      return new ClusterError('webhook', `A webhook refused it: ${serverMessage}`, info);
    return new ClusterError(
      'forbidden',
      `Not allowed: ${user ? `"${user}"` : `context "${ctx.context}"`} cannot ${verb} ${where(ctx)} (RBAC). Ask a cluster admin for the "${verb}" permission on ${ctx.resource}.`,
      { ...info, verb, resource: where(ctx) },
    );
  }
  if (code === 404) {
    // A 404 naming no object, for a forkspacer resource, is the resource type itself missing: no CRD, no operator.
    if (ctx.resource.endsWith(FORKSPACER_GROUP) && !status.details?.name)
      return new ClusterError(
        'crd-missing',
        `The cluster of context "${ctx.context}" has no ${ctx.resource} resource: the Forkspacer operator (its CRDs) is not installed there.`,
        info,
      );
    return new ClusterError('not-found', `${where(ctx)} not found.`, info);
  }
  if (code === 409)
    return new ClusterError(
      'conflict',
      `Conflict on ${where(ctx)} (409): ${serverMessage}. Someone else changed it; reload and try again.`,
      info,
    );
  if (code === 410)
    return new ClusterError('conflict', `The watch of ${where(ctx)} expired (410 Gone): ${serverMessage}`, info);
  if (/admission webhook/i.test(serverMessage))
    return new ClusterError('webhook', `A webhook refused it: ${serverMessage}`, info);
  if (code === 422 || code === 400) {
    const fields = (status.details?.causes ?? []).map((c) => c.field).filter((f): f is string => !!f);
    if (/immutable/i.test(serverMessage))
      return new ClusterError('immutable', `The API server refused a change to an immutable field: ${serverMessage}`, {
        ...info,
        fields,
      });
    return new ClusterError('invalid', `The API server refused ${where(ctx)}: ${serverMessage}`, { ...info, fields });
  }
  if (code === 504 || code === 408)
    return new ClusterError('timeout', `The API server timed out on ${ctx.verb} ${where(ctx)}: ${serverMessage}`, info);
  if (code >= 500)
    return new ClusterError('unreachable', `The API server ${ctx.server} failed (${code}): ${serverMessage}`, info);
  return new ClusterError('invalid', `${ctx.verb} ${where(ctx)} failed (${code}): ${serverMessage}`, info);
}

export function isAbort(error: unknown): boolean {
  return (
    !!error &&
    typeof error === 'object' &&
    ((error as { name?: unknown }).name === 'AbortError' || (error as { type?: unknown }).type === 'aborted')
  );
}

export function cancelled(what: string): ClusterError {
  return new ClusterError('cancelled', `Cancelled: ${what}.`);
}
