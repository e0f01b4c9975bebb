// One client-node call with the backend's rules: cancelled by an AbortSignal, limited by a timeout, and any failure
// turned into a ClusterError (errors.ts). client-node's generated APIs take no signal: a cancelled call is left
// to finish in the background and its answer ignored.
import { cancelled, ClusterError, fromApiError, type RequestContext } from './errors';

export async function call<T>(
  ctx: RequestContext,
  fn: () => Promise<T>,
  options: { signal?: AbortSignal; timeoutMs: number },
): Promise<T> {
  const { signal, timeoutMs } = options;
  if (signal?.aborted) throw cancelled(`${ctx.verb} ${ctx.resource}`);
  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;
  const guard = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new ClusterError(
            'timeout',
            `The API server ${ctx.server} did not answer ${ctx.verb} ${ctx.resource} within ${timeoutMs / 1000} s.`,
          ),
        ),
      timeoutMs,
    );
    onAbort = () => reject(cancelled(`${ctx.verb} ${ctx.resource}`));
    signal?.addEventListener('abort', onAbort, { once: true });
  });
  const work = fn();
  work.catch(() => undefined); // a late failure after a timeout/cancel is not unhandled
  try {
    return await Promise.race([work, guard]);
  } catch (error) {
    throw fromApiError(error, ctx);
  } finally {
    clearTimeout(timer);
    if (onAbort) signal?.removeEventListener('abort', onAbort);
  }
}
