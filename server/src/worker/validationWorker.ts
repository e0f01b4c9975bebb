// The language server's validation worker thread: validates a job's documents from the last one up, one at a time,
// posting each verdict, until the server says stop (it validates from the top and takes the worker's verdicts
// where they meet). It never touches the network: a document that would fetch an httpURL resource gets a verdict
// that is not cacheable, and the server checks that one itself (with its own resource cache and dependencies).
import { parentPort } from 'node:worker_threads';
import { createValidationServices, type ValidationServices } from '../services/validationServices';
import type { JobMessage, ToWorker, VerdictMessage } from './protocol';

/** Jobs queued or running (a stop removes its job). */
const live = new Set<number>();
let queue: JobMessage[] = [];
let busy = false;
let services: { key: string; value: ValidationServices } | undefined;

function servicesFor(job: JobMessage): ValidationServices {
  const key = JSON.stringify([job.settings, job.trusted, job.audience]);
  if (services?.key !== key)
    services = {
      key,
      value: createValidationServices({
        settings: job.settings,
        trusted: job.trusted,
        mode: 'background',
        ...(job.audience ? { audience: job.audience } : {}),
        fetchText: () => Promise.reject(new Error('the validation worker does not fetch')),
        // Its parses only serve verdicts (the editor's features use the server thread's): the quick front end first.
        quickParse: true,
      }),
    };
  return services.value;
}

async function runJob(job: JobMessage): Promise<void> {
  const { validation } = servicesFor(job);
  for (let i = job.segments.length - 1; i >= 0; i--) {
    // A turn of the event loop between documents: a stop message is seen at once.
    await new Promise((resolve) => setImmediate(resolve));
    if (!live.has(job.id)) break;
    const segment = job.segments[i]!;
    const verdict = await validation.validateSegment(job.uri, segment);
    const message: VerdictMessage = {
      type: 'verdict',
      id: job.id,
      index: segment.index,
      kind: verdict.kind,
      title: verdict.title,
      diagnostics: verdict.diagnostics,
      cacheable: verdict.dependencies.size === 0,
    };
    parentPort!.postMessage(message);
  }
  live.delete(job.id);
}

async function drain(): Promise<void> {
  if (busy) return;
  busy = true;
  try {
    while (queue.length) await runJob(queue.shift()!);
  } finally {
    busy = false;
  }
}

export function serveValidationWorker(): void {
  parentPort!.on('message', (message: ToWorker) => {
    if (message.type === 'stop') {
      live.delete(message.id);
      queue = queue.filter((job) => job.id !== message.id);
      return;
    }
    live.add(message.id);
    queue.push(message);
    void drain();
  });
}
