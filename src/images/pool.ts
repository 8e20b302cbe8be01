/**
 * Scanning many label files on all cores: a worker_threads pool (plus this
 * thread), largest files first, results in input order.
 */
import { existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { abortError, classifyError, type ScanError } from './errors.js';
import { scanLabelFile } from './scan.js';
import type { LabelScan } from './types.js';

/** Options of {@link scanFiles}. */
export interface ScanFilesOptions {
  /** Parallel scans (default: `os.availableParallelism()`). */
  jobs?: number;
  /** Called after each file with files done, total files and payload bytes read so far. */
  onProgress?: (done: number, total: number, bytes: number) => void;
  /** Aborting stops all scans (workers are terminated) and rejects with an `AbortError`. */
  signal?: AbortSignal;
  /**
   * Where scans run (default `auto`, or the `NNUNET_DOCTOR_SCAN_WORKERS` environment
   * variable):
   * - `never`: up to `jobs` concurrent scans in this thread. NIfTI/NRRD/MetaImage
   *   scans are gunzip-bound, and Node runs gunzip on libuv's thread pool, so this
   *   already uses several cores.
   * - `always`: `jobs` worker threads, started at once (this thread only waits).
   * - `auto`: `never` for a batch without PNG files; with PNG files (decoded in
   *   JavaScript, on the scanning thread) this thread starts at once and `jobs - 1`
   *   workers join after 150 ms if files remain, so small batches skip the worker
   *   start-up (~0.1-0.3 s of CPU each).
   * Workers need the compiled script (`dist/src/images/worker.js`); without it (e.g.
   * under ts-jest), and with `jobs: 1`, scans run in this thread.
   */
  workers?: WorkerPolicy;
}

/** See {@link ScanFilesOptions.workers}. */
export type WorkerPolicy = 'auto' | 'always' | 'never';

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
}

/** Message from a worker. @internal */
export interface WorkerReply {
  id: number;
  result?: LabelScan;
  error?: ScanError;
}

/** How long this thread scans alone before worker threads are started. */
const WORKER_DELAY_MS = 150;

/** The compiled worker script next to this module (`dist/src/images/worker.js`). */
const WORKER_URL = new URL('./worker.js', import.meta.url);

/** True when worker threads can be used: the compiled worker script exists. */
export function workersAvailable(): boolean {
  return existsSync(fileURLToPath(WORKER_URL));
}

/** WORKER_DELAY_MS, or `NNUNET_DOCTOR_SCAN_WORKER_DELAY_MS` (for tests). */
function workerDelayMs(): number {
  const env = Number(process.env.NNUNET_DOCTOR_SCAN_WORKER_DELAY_MS);
  return Number.isFinite(env) && env >= 0 ? env : WORKER_DELAY_MS;
}

/** The policy from the option, else the environment, else `auto`. */
function workerPolicy(option: WorkerPolicy | undefined): WorkerPolicy {
  const env = process.env.NNUNET_DOCTOR_SCAN_WORKERS;
  const policy = option ?? (env === 'always' || env === 'never' || env === 'auto' ? env : 'auto');
  return policy;
}

/** Input indices, largest file first (unreadable files last, input order among equals). @internal */
export async function largestFirst(paths: readonly string[]): Promise<number[]> {
  const sizes = await Promise.all(paths.map((p) => stat(p).then((s) => s.size, () => -1)));
  return paths.map((_, i) => i).sort((a, b) => sizes[b]! - sizes[a]! || a - b);
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
 * `error` (`unsupported`: not a readable format, report as "not scanned";
 * `corrupt`: broken file; `io`: missing, unreadable, or the worker crashed);
 * one bad file never stops the others.
 *
 * `jobs` scans run at a time, in this thread and/or on worker threads (see
 * {@link ScanFilesOptions.workers} for the policy and why).
 *
 * @param paths - label files (any mix of supported formats)
 * @param opts - `jobs`, `onProgress`, `signal`, `workers`
 * @returns one entry per path, in input order
 * @throws an `AbortError` when `opts.signal` is aborted
 */
export async function scanFiles(paths: string[], opts: ScanFilesOptions = {}): Promise<FileScanResult[]> {
  const { signal, onProgress } = opts;
  if (signal?.aborted) throw abortError(signal);
  const total = paths.length;
  const out: FileScanResult[] = paths.map((path) => ({ path }));
  if (total === 0) return out;
  const order = await largestFirst(paths);
  const jobs = Math.min(normalizeJobs(opts.jobs), total);
  let policy = workerPolicy(opts.workers);
  if (jobs === 1 || !workersAvailable()) policy = 'never';
  else if (policy === 'auto' && !paths.some((p) => p.toLowerCase().endsWith('.png'))) policy = 'never';

  const inThread: Scanner = (path) => scanLabelFile(path, { signal }).catch((err: unknown) => rethrowAbort(err, signal));
  const workers: Lane[] = [];
  const closeWorkers = (): Promise<unknown> => Promise.all(workers.map((w) => w.close()));

  let next = 0;
  let done = 0;
  let bytes = 0;
  const lane = async (scan: Scanner): Promise<void> => {
    while (next < order.length) {
      if (signal?.aborted) throw abortError(signal);
      const i = order[next++]!;
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
  const startWorkers = (count: number): void => {
    for (let k = 0; k < count && next < order.length; k++) {
      const w = new Lane();
      workers.push(w);
      lanes.push(lane((path) => w.scan(path)));
    }
  };
  let timer: NodeJS.Timeout | undefined;
  if (policy === 'never') {
    for (let k = 0; k < jobs; k++) lanes.push(lane(inThread));
  } else if (policy === 'always') {
    startWorkers(jobs);
  } else {
    // This thread starts at once; workers join only if the work outlasts their
    // start-up cost (a worker needs ~0.1-0.3 s of CPU to start and warm up).
    lanes.push(lane(inThread));
    timer = setTimeout(() => startWorkers(jobs - 1), workerDelayMs());
  }

  const onAbort = (): void => void closeWorkers();
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const allLanes = async (): Promise<void> => {
      // Lanes may be added while we wait (the worker timer); wait until none are.
      for (let n = -1; n !== lanes.length; ) {
        n = lanes.length;
        await Promise.all(lanes);
      }
    };
    if (!signal) await allLanes();
    else await Promise.race([allLanes(), abortPromise(signal)]);
    return out;
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
    await closeWorkers();
  }
}

function rethrowAbort(err: unknown, signal: AbortSignal | undefined): ScanError {
  if (signal?.aborted) throw abortError(signal);
  return classifyError(err);
}

function abortPromise(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    if (signal.aborted) reject(abortError(signal));
    else signal.addEventListener('abort', () => reject(abortError(signal)), { once: true });
  });
}

/** One worker thread scanning one file at a time. */
class Lane {
  private worker: Worker | undefined;
  private pending: { id: number; resolve: (r: LabelScan | ScanError) => void } | undefined;
  private seq = 0;
  private closed = false;

  /** Scans `path` on this lane's worker (starting a new worker after a crash). */
  scan(path: string): Promise<LabelScan | ScanError> {
    if (this.closed) return Promise.resolve({ kind: 'io', message: 'scan pool closed' });
    const worker = (this.worker ??= this.spawn());
    const id = ++this.seq;
    return new Promise((resolve) => {
      this.pending = { id, resolve };
      worker.postMessage({ id, path } satisfies WorkerRequest);
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
