/**
 * A worker thread of the pipeline: checks (and with `fix`, repairs) the files it is handed,
 * in batches, with the same code as the main thread (src/run.ts `processFile`), and posts each
 * batch's results back. Started by src/run.ts for big batches, so both cores work.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { internalError, processFile, runStateFor, type FileWorkerRequest, type FileWorkerResponse, type ScanOptions } from './run.js';

if (parentPort) {
  const port = parentPort;
  const options = (workerData as { options: ScanOptions }).options;
  const state = runStateFor(options);
  const batch = async (req: FileWorkerRequest) => {
    const results = [];
    for (const f of req.files) results.push(await processFile(f, options, state).catch((e: unknown) => internalError(f, e)));
    port.postMessage({ id: req.id, results } satisfies FileWorkerResponse);
  };
  port.on('message', (req: FileWorkerRequest) => void batch(req));
}
