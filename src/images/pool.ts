/**
 * Scanning many label files on all cores: concurrent scans in this thread (zlib runs on
 * libuv's thread pool) or, on request, a worker_threads pool; largest files first,
 * results in input order.
 */
import { existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { abortError, classifyError, type ScanError } from './errors.js';
import { testEvent } from '../test-events.js';
import { scanLabelFile } from './scan.js';
import type { LabelScan } from './types.js';

/** Options of {@link scanFiles}. */
export interface ScanFilesOptions {
  /**
   * Parallel scans (default: `os.availableParallelism()`). In this thread at most libuv's
   * thread-pool size of them run at once (`UV_THREADPOOL_SIZE`, default 4): zlib and file
   * reads run there, so more scans would only wait, holding buffers.
   */
  jobs?: number;
  /** Called after each file with files done, total files and payload bytes read so far. */
  onProgress?: (done: number, total: number, bytes: number) => void;
  /** Aborting stops all scans (workers are terminated) and rejects with an `AbortError`. */
  signal?: AbortSignal;
  /** The folder detached data files must stay inside (the dataset folder; see `ScanOptions.root` in scan.ts). */
  root?: string;
  /**
   * Where scans run (default `auto`, or the `NNUNET_DOCTOR_SCAN_WORKERS` environment
   * variable):
   * - `never` (and `auto`, the same): up to `jobs` concurrent scans in this thread. Every
   *   format is zlib-bound (gunzip; PNG inflate, then a cheap un-filter and count), and
   *   Node runs zlib on libuv's thread pool, so this already uses several cores. Memory
   *   stays flat whatever `jobs` is: each scan holds a few chunks and rows, and the buffers
   *   zlib hands out become garbage in one heap (each worker would keep its own heap, tens
   *   of MB of buffers between collections, plus its own start-up cost).
   * - `always`: `jobs` worker threads (this thread only waits); for comparisons.
   * Workers need the compiled script (`dist/src/images/worker.js`); without it (e.g.
   * under ts-jest), and with `jobs: 1`, scans run in this thread.
   */
  workers?: WorkerPolicy;
}

/** See {@link ScanFilesOptions.workers}. */
type WorkerPolicy = 'auto' | 'always' | 'never';

/** The outcome for one input path: a scan result or a classified error. */
export interface FileScanResult {
  path: string;
  result?: LabelScan;
  error?: ScanError;
}

/** Message to a worker. @internal */
export interface WorkerRequest {
  id: number;
  path: string;
  root?: string;
}

/** Message from a worker. @internal */
export interface WorkerReply {
  id: number;
  result?: LabelScan;
  error?: ScanError;
}

/** The compiled worker script next to this module (`dist/src/images/worker.js`). */
const WORKER_URL = new URL('./worker.js', import.meta.url);

/** True when worker threads can be used: the compiled worker script exists. */
export function workersAvailable(): boolean {
  return existsSync(fileURLToPath(WORKER_URL));
}

/** The policy from the option, else the environment, else `auto`. */
function workerPolicy(option: WorkerPolicy | undefined): WorkerPolicy {
  const env = process.env.NNUNET_DOCTOR_SCAN_WORKERS;
  const policy = option ?? (env === 'always' || env === 'never' || env === 'auto' ? env : 'auto');
  return policy;
}

/** Input indices, largest file first (unreadable files last, input order among equals). @internal */
export async function largestFirst(paths: readonly string[]): Promise<number[]> {
  const sizes = await Promise.all(
    paths.map((p) =>
      stat(p).then(
        (s) => s.size,
        () => -1,
      ),
    ),
  );
  return paths.map((_, i) => i).sort((a, b) => sizes[b]! - sizes[a]! || a - b);
}

/** Threads in libuv's pool (zlib, file reads): `UV_THREADPOOL_SIZE`, default 4, at most 1024. */
function threadPoolSize(): number {
  const n = Math.floor(Number(process.env.UV_THREADPOOL_SIZE));
  return n >= 1 ? Math.min(n, 1024) : 4;
}

/** A usable job count: a positive integer, default `os.availableParallelism()`. */
function normalizeJobs(jobs: number | undefined): number {
  const n = jobs === undefined || !Number.isFinite(jobs) ? availableParallelism() : Math.floor(jobs);
  return Math.max(1, n);
}

/** Scans one path and never throws (except for an abort). */
type Scanner = (path: string) => Promise<LabelScan | ScanError>;

/**
 * Scans label files in parallel with {@link scanLabelFile}.
 *
 * Files are handed out largest first, so one huge volume does not start last; the
 * results come back in the order of `paths`. A file that cannot be scanned gets
 * `error` (`unsupported`: a format or variant not read here, or a data file outside
 * `root`: report as "not checked"; `corrupt`: broken file; `io`: missing, unreadable,
 * not a regular file, or the worker crashed); one bad file never stops the others.
 *
 * `jobs` scans run at a time, in this thread (or on worker threads with `workers:
 * 'always'`; see {@link ScanFilesOptions.workers} for why not by default).
 *
 * @param paths - label files (any mix of supported formats)
 * @param opts - `jobs`, `onProgress`, `signal`, `root`, `workers`
 * @returns one entry per path, in input order
 * @throws an `AbortError` when `opts.signal` is aborted
 */
export async function scanFiles(paths: string[], opts: ScanFilesOptions = {}): Promise<FileScanResult[]> {
  const { signal, onProgress, root } = opts;
  if (signal?.aborted) throw abortError(signal);
  const total = paths.length;
  const out: FileScanResult[] = paths.map((path) => ({ path }));
  if (total === 0) return out;
  const order = await largestFirst(paths);
  const jobs = Math.min(normalizeJobs(opts.jobs), total);
  const useWorkers = workerPolicy(opts.workers) === 'always' && jobs > 1 && workersAvailable();

  const inThread: Scanner = (path) => scanLabelFile(path, { signal, root }).catch((err: unknown) => rethrowAbort(err, signal));
  const workers: Lane[] = [];
  const closeWorkers = (): Promise<unknown> => Promise.all(workers.map((w) => w.close()));

  let next = 0;
  let done = 0;
  let bytes = 0;
  const lane = async (scan: Scanner): Promise<void> => {
    while (next < order.length) {
      if (signal?.aborted) throw abortError(signal);
      const i = order[next++]!;
      testEvent('labels-file', paths[i]);
      const r = await scan(paths[i]!);
      if (signal?.aborted) throw abortError(signal);
      if ('kind' in r) out[i]!.error = r;
      else {
        out[i]!.result = r;
        bytes += r.bytesRead;
      }
      onProgress?.(++done, total, bytes);
    }
  };

  const lanes: Array<Promise<void>> = [];
  if (!useWorkers) {
    for (let k = 0; k < Math.min(jobs, threadPoolSize()); k++) lanes.push(lane(inThread));
  } else {
    for (let k = 0; k < jobs; k++) {
      const w = new Lane();
      workers.push(w);
      lanes.push(lane((path) => w.scan(path, root)));
    }
  }

  const onAbort = (): void => void closeWorkers();
  signal?.addEventListener('abort', onAbort, { once: true });
  const aborted = signal ? abortPromise(signal) : undefined;
  try {
    const allLanes = Promise.all(lanes);
    if (!aborted) await allLanes;
    else await Promise.race([allLanes, aborted.promise]);
    return out;
  } finally {
    // Every listener added to the caller's signal is removed: one signal serves a whole
    // run of many datasets (Node warns about a leak beyond 10 listeners).
    signal?.removeEventListener('abort', onAbort);
    aborted?.dispose();
    await closeWorkers();
  }
}

function rethrowAbort(err: unknown, signal: AbortSignal | undefined): ScanError {
  if (signal?.aborted) throw abortError(signal);
  return classifyError(err);
}

/** A promise that rejects when `signal` aborts, and the removal of its listener. */
function abortPromise(signal: AbortSignal): { promise: Promise<never>; dispose: () => void } {
  let onAbort = (): void => {};
  const promise = new Promise<never>((_, reject) => {
    onAbort = () => reject(abortError(signal));
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
  });
  promise.catch(() => {}); // a rejection nobody awaits (the lanes won the race) is no error
  return { promise, dispose: () => signal.removeEventListener('abort', onAbort) };
}

/** One worker thread scanning one file at a time. */
class Lane {
  private worker: Worker | undefined;
  private pending: { id: number; resolve: (r: LabelScan | ScanError) => void } | undefined;
  private seq = 0;
  private closed = false;

  /** Scans `path` on this lane's worker (starting a new worker after a crash). */
  scan(path: string, root: string | undefined): Promise<LabelScan | ScanError> {
    if (this.closed) return Promise.resolve({ kind: 'io', message: 'scan pool closed' });
    const worker = (this.worker ??= this.spawn());
    const id = ++this.seq;
    return new Promise((resolve) => {
      this.pending = { id, resolve };
      worker.postMessage({ id, path, root } satisfies WorkerRequest);
    });
  }

  private spawn(): Worker {
    // No inherited execArgv: flags such as `--input-type` (node -e) make a worker fail to start.
    const worker = new Worker(WORKER_URL, { execArgv: [] });
    worker.on('message', (reply: WorkerReply) => {
      const p = this.pending;
      if (!p || p.id !== reply.id) return;
      this.pending = undefined;
      p.resolve(reply.result ?? reply.error ?? { kind: 'io', message: 'empty reply from scan worker' });
    });
    const fail = (message: string): void => {
      if (this.worker === worker) this.worker = undefined;
      const p = this.pending;
      this.pending = undefined;
      p?.resolve({ kind: 'io', message });
    };
    worker.on('error', (err) => fail(`scan worker crashed: ${err.message}`));
    worker.on('exit', (code) => fail(`scan worker exited with code ${code}`));
    return worker;
  }

  async close(): Promise<void> {
    this.closed = true;
    const w = this.worker;
    this.worker = undefined;
    if (w) await w.terminate();
  }
}
