// The language server's entry (dist/server.js): the server itself, or, in a worker thread it started, its
// validation worker (worker/validationHelper.ts: a large file's documents are validated on two cores).
import { isMainThread, workerData } from 'node:worker_threads';
import type { WorkerIdentity } from './worker/protocol';

if (!isMainThread && (workerData as Partial<WorkerIdentity> | null)?.forkspacerValidationWorker === true)
  void import('./worker/validationWorker.js').then((worker) => worker.serveValidationWorker());
else void import('./server.js');
