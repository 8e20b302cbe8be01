/**
 * Entry of a pipeline worker thread of the unbundled package (dist/src/file-worker.js): see
 * src/file-batches.ts. Started by src/run.ts for big batches, so both cores work.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { serveFileBatches } from './file-batches.js';
import type { ScanOptions } from './run.js';

if (parentPort) serveFileBatches(parentPort, (workerData as { options: ScanOptions }).options);
