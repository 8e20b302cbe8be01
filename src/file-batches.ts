/**
 * The work of a pipeline worker thread: check (and with `fix`, repair) the batches of files
 * the main thread hands it, one batch after another, with the same code as the main thread
 * (src/run.ts `processFile`), and post each batch's results back. src/file-worker.ts starts it
 * in a worker of the unbundled package; the bundled command line starts it from its own
 * bundle (src/cli-main.ts `fileWorker`), so the worker reuses the bundle's code cache.
 */
import type { MessagePort } from 'node:worker_threads';
import { processInOrder, runStateFor, type FileResult, type FileWorkerRequest, type FileWorkerResponse, type ScanOptions } from './run.js';

/** Serve batches on `port` until the thread is terminated. */
export function serveFileBatches(port: MessagePort, options: ScanOptions): void {
  const state = runStateFor(options);
  // one batch after another (the main thread keeps a second one queued here)
  let queue = Promise.resolve();
  port.on('message', (req: FileWorkerRequest) => {
    queue = queue.then(async () => {
      const results: FileResult[] = [];
      await processInOrder(req.files, options, state, (r) => {
        results.push(r);
      });
      port.postMessage({ id: req.id, results } satisfies FileWorkerResponse);
    });
  });
}
