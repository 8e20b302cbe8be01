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
   * Scan in this thread instead of worker threads (concurrently up to `jobs`; the
   * gunzip work still runs on libuv's thread pool). Also chosen when `jobs` is 1,
   * when `NNUNET_DOCTOR_SCAN_IN_PROCESS=1`, or when the compiled worker script is
   * absent (e.g. under ts-jest).
   */
  inProcess?: boolean;
}

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

/** The compiled worker script next to this module (`dist/src/images/worker.js`). */
const WORKER_URL = new URL('./worker.js', import.meta.url);

/** True when worker threads can be used: the compiled worker script exists. */
export function workersAvailable(): boolean {
  return process.env.NNUNET_DOCTOR_SCAN_IN_PROCESS !== '1' && existsSync(fileURLToPath(WORKER_URL));
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
 * With `jobs` = N > 1, from the compiled package: N lanes, of which one scans in
 * this thread and N - 1 each own a worker thread (`dist/src/images/worker.js`);
 * gunzip itself runs on libuv's thread pool in every mode. Set
 * `NNUNET_DOCTOR_SCAN_MAIN_LANE=0` for N workers and an idle main thread. See
 * {@link ScanFilesOptions.inProcess} for the in-thread mode (no workers).
 *
 * @param paths - label files (any mix of supported formats)
 * @param opts - `jobs`, `onProgress`, `signal`, `inProcess`
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
  const inProcess = opts.inProcess === true || jobs === 1 || !workersAvailable();

  // Lane 0 scans in this thread (which would otherwise idle); the others each own a
  // worker thread. Saves one worker start-up per call; gunzip runs on libuv's pool.
  const mainLane = process.env.NNUNET_DOCTOR_SCAN_MAIN_LANE !== '0';
  const workers = inProcess ? [] : Array.from({ length: mainLane ? jobs - 1 : jobs }, () => new Lane());
  const inThread: Scanner = (path) => scanLabelFile(path, { signal }).catch((err: unknown) => rethrowAbort(err, signal));
  const scanners: Scanner[] = inProcess
    ? Array.from({ length: jobs }, () => inThread)
    : [...(mainLane ? [inThread] : []), ...workers.map((w) => (path: string) => w.scan(path))];
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

  const onAbort = (): void => void closeWorkers();
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const lanes = scanners.map(lane);
    if (!signal) await Promise.all(lanes);
    else await Promise.race([Promise.all(lanes), abortPromise(signal)]);
    return out;
  } finally {
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
