// A keyed debouncer: many changes to one file within `delayMs` become one call with the last value. Pure.

export class KeyedDebouncer<T> {
  private readonly pending = new Map<string, T>();
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly delayMs: number,
    private readonly flush: (batch: Map<string, T>) => void,
  ) {}

  push(key: string, value: T): void {
    this.pending.set(key, value);
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.flushNow(), this.delayMs);
  }

  flushNow(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.pending.size === 0) return;
    const batch = new Map(this.pending);
    this.pending.clear();
    this.flush(batch);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.pending.clear();
  }
}

/** Collapses bursts of calls into one, `delayMs` after the last. */
export function debounce(delayMs: number, fn: () => void): { (): void; cancel(): void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const call = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      fn();
    }, delayMs);
  };
  call.cancel = () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
  };
  return call;
}
