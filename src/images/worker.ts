/**
 * Worker-thread entry of the scan pool ({@link scanFiles}): scans one file per
 * request message and answers with the result or a classified error.
 */
import { parentPort } from 'node:worker_threads';
import { testEvent } from '../test-events.js';
import { classifyError } from './errors.js';
import { scanLabelFile } from './scan.js';
import type { WorkerReply, WorkerRequest } from './pool.js';

const port = parentPort;
if (!port) throw new Error('src/images/worker.js must be started as a worker thread');

port.on('message', (req: WorkerRequest) => {
  testEvent('labels-worker-file', req.path);
  scanLabelFile(req.path, { root: req.root }).then(
    (result) => port.postMessage({ id: req.id, result } satisfies WorkerReply),
    (err: unknown) => port.postMessage({ id: req.id, error: classifyError(err) } satisfies WorkerReply),
  );
});
