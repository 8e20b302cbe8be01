/**
 * Applying segmentation repair plans to files on disk, with the guarantees of
 * dataset.json writes: only inside the named paths; read-only files refused; a temp file
 * in the same folder, streamed and fsynced; the temp file re-read independently and its
 * value counts checked against the mapping applied to the original's counts; the
 * original replaced only if it is still what was read; `--backup`; a crash at any moment
 * leaves the original or the repaired file, plus at most a temp file the next run removes.
 */
import { promises as fsp } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { CorruptImageError, UnsupportedFormatError, isAbortError } from '../images/errors.js';
import { imageFamily, type ImageFamily } from '../images/source.js';
import { describeFsError } from '../read.js';
import { testEvent } from '../test-events.js';
import { cleanStaleTemps, isInsideRoots, LOCK_PATTERN, TEMP_PATTERN, WriteError } from '../write.js';
import { checkWritable, commitTemp, createTemp, openSource, removeTemp, type RepairHooks } from './commit.js';
import { effectiveChanges, sameCounts } from './model.js';
import { checkNiftiFile, rewriteNiftiFile } from './nifti-file.js';
import { TempWriteError } from './streams.js';
import { checkPngFile, rewritePngFile } from './png.js';
import type { ValueCount } from '../images/types.js';
import type { SegmentationRepairPlan } from './plan.js';
import type { HeaderChange } from './storage.js';

/** Options of {@link applySegmentationRepair}. */
export interface ApplyOptions {
  /** Keep the original as `<name>.bak` (`.bak.1`, ...). */
  backup?: boolean;
  /**
   * The folders the user named: a file whose real location (symbolic links resolved) is
   * outside all of them is not written. Undefined: no containment check.
   */
  roots?: readonly string[];
  /** Stops the repair; the original stays, the temp file is removed. */
  signal?: AbortSignal;
  /** Test hooks (fault injection). */
  hooks?: RepairHooks;
  lockTimeoutMs?: number;
  /** gzip level for `.nii.gz` (default REPAIR_GZIP_LEVEL). */
  level?: number;
  /** Remove stale temp/lock files of ours next to the file first (default true; batches do it once per folder). */
  cleanLeftovers?: boolean;
}

/**
 * - `written`: the file was replaced by its repaired version;
 * - `unchanged`: nothing to do (no voxel has a value the mapping changes);
 * - `already-fixed`: another process wrote exactly the repaired file first;
 * - `not-applicable`: the plan offers no repair (its description says why);
 * - `error`: not written, `message` says why (one line); the original is intact;
 * - `interrupted`: stopped by the signal; the original is intact.
 */
type RepairStatus = 'written' | 'unchanged' | 'already-fixed' | 'not-applicable' | 'error' | 'interrupted';

/** The outcome of one repair. */
export interface RepairResult {
  path: string;
  display: string;
  status: RepairStatus;
  /** One line for `error`, `not-applicable`, `unchanged`. */
  message?: string;
  /** Error code (EROFILE, ENOSPC, ECHANGED, EGONE, EOUTSIDE, ...). */
  code?: string;
  backupPath?: string;
  /** Value counts before and after, as read during the repair (written files). */
  before?: ValueCount[];
  after?: ValueCount[];
  headerChanges?: HeaderChange[];
}

/** What a format's rewrite reports back to the orchestration. */
interface Rewritten {
  sourceSha256: string;
  before: ValueCount[];
  expectedAfter: ValueCount[];
  headerChanges: HeaderChange[];
  /** Re-reads the temp file and throws if it is not what was meant; returns its sha256. */
  verify(tempFh: fsp.FileHandle): Promise<string>;
}

/** Streams the repair of a NIfTI file into the temp file. */
async function rewriteNifti(
  source: fsp.FileHandle,
  temp: { fh: fsp.FileHandle; path: string },
  plan: SegmentationRepairPlan,
  options: ApplyOptions,
): Promise<Rewritten> {
  const present = plan.before.map((v) => v.value);
  const r = await rewriteNiftiFile(source, temp, plan.mapping, present, { hooks: options.hooks, signal: options.signal, level: options.level });
  return {
    sourceSha256: r.sourceSha256,
    before: r.before,
    expectedAfter: r.expectedAfter,
    headerChanges: r.changes,
    async verify(tempFh) {
      const c = await checkNiftiFile(tempFh, r.gzip, options.signal);
      if (Buffer.compare(Buffer.from(c.head), Buffer.from(r.newHead)) !== 0) throw new VerifyError('its header bytes are not the intended ones');
      if (!sameCounts(c.counts, r.expectedAfter)) throw new VerifyError(`its values are ${countsText(c.counts)}, expected ${countsText(r.expectedAfter)}`);
      if (c.trailerBytes !== r.trailerBytes || c.trailerSha256 !== r.trailerSha256) throw new VerifyError('the bytes after the voxel data differ');
      return c.sha256;
    },
  };
}

/** Streams the repair of a PNG file into the temp file. */
async function rewritePng(
  source: fsp.FileHandle,
  temp: { fh: fsp.FileHandle; path: string },
  plan: SegmentationRepairPlan,
  options: ApplyOptions,
): Promise<Rewritten> {
  const r = await rewritePngFile(
    source,
    temp,
    plan.mapping,
    plan.before.map((v) => v.value),
    { hooks: options.hooks, signal: options.signal },
  );
  return {
    sourceSha256: r.sourceSha256,
    before: r.before,
    expectedAfter: r.expectedAfter,
    headerChanges: r.changes,
    async verify(tempFh) {
      const c = await checkPngFile(tempFh);
      const same = (a: Uint8Array[], b: Uint8Array[]) => a.length === b.length && a.every((x, i) => Buffer.compare(Buffer.from(x), Buffer.from(b[i]!)) === 0);
      if (!same(c.pre, r.pre) || !same(c.post, r.post)) throw new VerifyError('its chunks around the image data are not the intended ones');
      if (!sameCounts(c.counts, r.expectedAfter)) throw new VerifyError(`its values are ${countsText(c.counts)}, expected ${countsText(r.expectedAfter)}`);
      return c.sha256;
    },
  };
}

/** The rewritten temp file is not what the mapping should give: a bug, never written. */
class VerifyError extends Error {}

const countsText = (v: readonly ValueCount[]) =>
  v
    .slice(0, 6)
    .map((x) => `${x.value}: ${x.count}`)
    .join(', ') + (v.length > 6 ? ', ...' : '');

/** The format rewriters by file family. */
const REWRITERS: Partial<Record<ImageFamily, typeof rewriteNifti>> = {
  nifti: rewriteNifti,
  png: rewritePng,
};

/** One-line reason for a failure, by where it happened. */
function describeFailure(e: unknown): { message: string; code?: string } {
  if (e instanceof WriteError) return { message: e.message, code: e.code };
  if (e instanceof TempWriteError) {
    const d = describeFsError(e.cause);
    return { message: `not written: writing the temp file failed: ${d.reason}; the original is unchanged`, code: d.code ?? 'EWRITE' };
  }
  if (e instanceof VerifyError)
    return { message: `not written: the rewritten file failed verification (${e.message}); the original is unchanged`, code: 'EVERIFY' };
  if (e instanceof UnsupportedFormatError) return { message: `not written: ${e.message}`, code: 'EUNSUPPORTED' };
  if (e instanceof CorruptImageError) return { message: `not written: ${e.message}`, code: 'ECORRUPT' };
  const z = e as NodeJS.ErrnoException | null | undefined;
  if (typeof z?.code === 'string' && z.code.startsWith('Z_')) return { message: `not written: corrupt compressed data: ${z.message}`, code: 'ECORRUPT' };
  if (e instanceof RangeError) return { message: `not written: ${e.message} (did the file change since it was scanned?)`, code: 'ECHANGED' };
  const d = describeFsError(e);
  return { message: `not written: ${d.reason}; the original is unchanged`, code: d.code ?? 'EIO' };
}

/**
 * Applies one repair plan. Never throws: every outcome is a {@link RepairResult}.
 *
 * @param plan - from {@link planSegmentationRepairs} or {@link planRemap}
 * @param options - `backup`, `roots` (containment), `signal`, test `hooks`
 */
export async function applySegmentationRepair(plan: SegmentationRepairPlan, options: ApplyOptions = {}): Promise<RepairResult> {
  const base = { path: plan.path, display: plan.display };
  if (plan.applicability === 'none') return { ...base, status: 'not-applicable', message: plan.description };
  if (!effectiveChanges(plan.before, plan.mapping).length && !plan.headerChanges.length) return { ...base, status: 'unchanged', message: 'no value to change' };
  let kind: ImageFamily;
  try {
    kind = imageFamily(plan.path);
  } catch (e) {
    return { ...base, status: 'not-applicable', message: (e as Error).message, code: 'EUNSUPPORTED' };
  }
  const rewrite = REWRITERS[kind];
  if (!rewrite) return { ...base, status: 'not-applicable', message: `${kind.toUpperCase()} files are not supported for repair`, code: 'EUNSUPPORTED' };

  let real: string;
  try {
    real = await fsp.realpath(plan.path);
  } catch (e) {
    return { ...base, status: 'error', ...describeFailure(new WriteError(`cannot read: ${describeFsError(e).reason}`, describeFsError(e).code ?? 'EREAD')) };
  }
  if (options.roots && !(await isInsideRoots(real, options.roots))) {
    return {
      ...base,
      status: 'error',
      code: 'EOUTSIDE',
      message: `not written: its real location ${real} is outside the folders you named (reached through a symbolic link)`,
    };
  }
  testEvent('repair-start', plan.path);
  let source: Awaited<ReturnType<typeof openSource>> | undefined;
  let temp: Awaited<ReturnType<typeof createTemp>> | undefined;
  let renamed = false;
  try {
    source = await openSource(real);
    await checkWritable(real, source.identity);
    if (options.cleanLeftovers !== false) await cleanStaleTemps(path.dirname(real), path.basename(real));
    temp = await createTemp(real, source.identity);
    const r = await rewrite(source.fh, temp, plan, options);
    if (!effectiveChanges(r.before, plan.mapping).length && !r.headerChanges.length)
      return { ...base, status: 'unchanged', message: 'no value to change (changed since it was scanned?)' };
    if (!sameCounts(r.before, plan.before)) {
      return { ...base, status: 'error', code: 'ECHANGED', message: 'not written: its values changed since it was scanned; run again' };
    }
    testEvent('repair-temp', plan.path);
    await temp.fh.close();
    const check = await fsp.open(temp.path, 'r');
    const tempSha = await r.verify(check).finally(() => check.close());
    testEvent('repair-verified', plan.path);
    const c = await commitTemp(real, temp.path, source.identity, r.sourceSha256, tempSha, {
      backup: options.backup,
      hooks: options.hooks,
      lockTimeoutMs: options.lockTimeoutMs,
    });
    if (c.alreadyFixed) return { ...base, status: 'already-fixed', message: 'another process wrote exactly this repair first' };
    renamed = true;
    return { ...base, status: 'written', backupPath: c.backupPath, before: r.before, after: r.expectedAfter, headerChanges: r.headerChanges };
  } catch (e) {
    if (options.signal?.aborted || isAbortError(e)) return { ...base, status: 'interrupted', message: 'interrupted: not written; the original is unchanged' };
    return { ...base, status: 'error', ...describeFailure(e) };
  } finally {
    await source?.fh.close().catch(() => undefined);
    if (temp) {
      await temp.fh.close().catch(() => undefined);
      if (!renamed) await removeTemp(temp.path);
    }
  }
}

/** Options of {@link applySegmentationRepairs}. */
export interface ApplyManyOptions extends ApplyOptions {
  /** Files repaired at once (default: available parallelism). */
  jobs?: number;
  /** Called after each file, in completion order. */
  onResult?(result: RepairResult): void;
}

/**
 * Applies many plans, `jobs` at a time (each file streams through gunzip and gzip on
 * libuv's thread pool, so two files at once keep two cores busy). Results are in plan
 * order. Aborting stops starting new files; files in flight end as `interrupted`.
 */
export async function applySegmentationRepairs(plans: readonly SegmentationRepairPlan[], options: ApplyManyOptions = {}): Promise<RepairResult[]> {
  const results = new Array<RepairResult>(plans.length);
  const jobs = Math.max(1, Math.min(options.jobs ?? availableParallelism(), plans.length));
  await cleanRepairLeftovers(plans.filter((p) => p.applicability !== 'none').map((p) => p.path));
  let next = 0;
  const worker = async () => {
    while (next < plans.length) {
      const i = next++;
      const p = plans[i]!;
      results[i] = options.signal?.aborted
        ? { path: p.path, display: p.display, status: 'interrupted', message: 'interrupted: not written' }
        : await applySegmentationRepair(p, { ...options, cleanLeftovers: false });
      options.onResult?.(results[i]);
    }
  };
  await Promise.all(Array.from({ length: jobs }, worker));
  return results;
}

/**
 * Removes what killed runs of ours left next to `files` (temp and lock files, ours only,
 * see src/write.ts cleanStaleTemps), with one directory listing per folder.
 */
export async function cleanRepairLeftovers(files: readonly string[]): Promise<string[]> {
  const byDir = new Map<string, Set<string>>();
  for (const f of files) {
    const d = path.dirname(f);
    if (!byDir.has(d)) byDir.set(d, new Set());
    byDir.get(d)!.add(path.basename(f));
  }
  const removed: string[] = [];
  for (const [dir, bases] of byDir) {
    let names: string[];
    try {
      names = await fsp.readdir(dir);
    } catch {
      continue;
    }
    const withLeftovers = new Set<string>();
    for (const n of names) {
      const base = TEMP_PATTERN.exec(n)?.[1] ?? LOCK_PATTERN.exec(n)?.[1];
      if (base && bases.has(base)) withLeftovers.add(base);
    }
    for (const base of withLeftovers) removed.push(...(await cleanStaleTemps(dir, base)));
  }
  return removed;
}
