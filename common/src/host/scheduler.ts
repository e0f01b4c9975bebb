// Runs tasks with two rules: tasks with the same key (a module id) run one at a time in request order,
// and at most `maxParallel` tasks run at once overall. A task waiting for its key never blocks tasks of
// other keys (no head-of-line blocking). Pure: no I/O, no timers.

export interface Scheduler {
  /** Queue `task` under `key`; resolves or rejects with the task. A signal aborted while queued rejects without running. */
  run<T>(key: string, task: () => Promise<T>, signal?: AbortSignal): Promise<T>;
  /** Tasks running now. */
  running(): number;
  /** Tasks waiting (overall, or for one key). */
  waiting(key?: string): number;
}

interface Entry {
  key: string;
  start: () => void;
  cancelled: boolean;
}

export class QueueAbortedError extends Error {
  constructor() {
    super('cancelled before it started');
    this.name = 'AbortError';
  }
}

export function createScheduler(options: { maxParallel: number }): Scheduler {
  const maxParallel = Math.max(1, Math.floor(options.maxParallel));
  const queue: Entry[] = [];
  const busyKeys = new Set<string>();
  let active = 0;

  function pump(): void {
    for (let i = 0; i < queue.length && active < maxParallel;) {
      const entry = queue[i];
      if (entry.cancelled) {
        queue.splice(i, 1);
        continue;
      }
      if (busyKeys.has(entry.key)) {
        i++;
        continue;
      }
      queue.splice(i, 1);
      busyKeys.add(entry.key);
      active++;
      entry.start();
    }
  }

  return {
    run<T>(key: string, task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        if (signal?.aborted) {
          reject(new QueueAbortedError());
          return;
        }
        const onAbort = () => {
          if (entry.cancelled) return;
          entry.cancelled = true;
          reject(new QueueAbortedError());
        };
        const entry: Entry = {
          key,
          cancelled: false,
          start: () => {
            signal?.removeEventListener('abort', onAbort);
            const finish = () => {
              active--;
              busyKeys.delete(key);
              pump();
            };
            let promise: Promise<T>;
            try {
              promise = task();
            } catch (error) {
              promise = Promise.reject(error);
            }
            promise.then(
              (value) => {
                finish();
                resolve(value);
              },
              (error: unknown) => {
                finish();
                reject(error);
              },
            );
          },
        };
        signal?.addEventListener('abort', onAbort, { once: true });
        queue.push(entry);
        pump();
      });
    },
    running: () => active,
    waiting: (key?: string) => queue.filter((e) => !e.cancelled && (key === undefined || e.key === key)).length,
  };
}
