// Coalesces a stream of changes into at most one call per `intervalMs`, the first one `intervalMs` after the change
// that started a quiet period. Unlike a trailing debounce, a steady stream of watch events (a thousand Modules
// changing phase) cannot starve the tree: it updates every interval while the stream lasts. Pure.

export function throttle(intervalMs: number, fn: () => void): { (): void; cancel(): void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const call = () => {
    if (timer) return;
    timer = setTimeout(() => {
      timer = undefined;
      fn();
    }, intervalMs);
  };
  call.cancel = () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
  };
  return call;
}
