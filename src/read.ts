/**
 * Reading a dataset.json from disk with the checks a batch tool needs: not a directory,
 * not a FIFO or device (which could block forever), not larger than the size limit.
 * Returns the bytes and the identity (size, mtime, inode, hash) used by the write step's
 * changed-under-us check. Never throws.
 */
import { createHash } from 'node:crypto';
import fs, { promises as fsp, constants as C } from 'node:fs';

export const DEFAULT_MAX_SIZE = 16 * 1024 * 1024;

export interface FileIdentity {
  size: number;
  mtimeMs: number;
  ino: number;
  mode: number;
  uid: number;
  gid: number;
  sha256: string;
}

export type ReadResult = { ok: true; bytes: Buffer; identity: FileIdentity } | { ok: false; reason: string; code?: string };

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** A file's identity as read; the content hash is computed when first asked for (only a write asks). */
function identityOf(st: fs.Stats, bytes: Uint8Array): FileIdentity {
  let hash: string | undefined;
  return {
    size: st.size,
    mtimeMs: st.mtimeMs,
    ino: st.ino,
    mode: st.mode,
    uid: st.uid,
    gid: st.gid,
    get sha256() {
      return (hash ??= sha256(bytes));
    },
  };
}

/** A one-line explanation of a Node.js file-system error. */
export function describeFsError(e: unknown): { reason: string; code?: string } {
  const err = e as NodeJS.ErrnoException | null | undefined;
  const why: Record<string, string> = {
    EACCES: 'permission denied',
    EPERM: 'operation not permitted',
    ENOENT: 'no such file (deleted?)',
    EISDIR: 'is a directory',
    ELOOP: 'symbolic link loop',
    ENOSPC: 'no space left on the device',
    EROFS: 'read-only file system',
    EDQUOT: 'disk quota exceeded',
    EIO: 'input/output error',
    ENOTDIR: 'a path component is not a directory',
    EMFILE: 'too many open files',
    ENAMETOOLONG: 'file name too long',
    ESTALE: 'stale network file handle',
    EBUSY: 'resource busy',
    ETXTBSY: 'file busy',
    EFBIG: 'file too large',
  };
  return { reason: err?.code ? `${why[err.code] ?? oneLine(err.message)} (${err.code})` : oneLine(String(err?.message ?? e)), code: err?.code };
}

function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/** `16 MB`, `0.5 MB`, `200.0 MB`: sizes in messages. */
export function formatMB(bytes: number, digits?: number): string {
  const mb = bytes / 1048576;
  if (digits !== undefined) return `${mb.toFixed(digits)} MB`;
  return `${Number.isInteger(mb) ? mb : Number(mb.toFixed(mb < 1 ? 3 : 1))} MB`;
}

function tooBig(size: number, maxSize: number): { ok: false; reason: string; code: string } {
  return {
    ok: false,
    reason: `is ${formatMB(size, 1)}, over the ${formatMB(maxSize)} limit for a dataset.json; not read (raise the limit with --max-size if it really is one)`,
    code: 'EFBIG',
  };
}

type ReadFailure = Extract<ReadResult, { ok: false }>;

/** Why a path with these stats is not read (a folder, a FIFO or device, too big), or undefined. */
function refusal(st: fs.Stats, maxSize: number): ReadFailure | undefined {
  if (st.isDirectory()) return { ok: false, reason: 'is a directory, not a file', code: 'EISDIR' };
  if (!st.isFile()) {
    const what = st.isFIFO() ? 'a FIFO (named pipe)' : st.isSocket() ? 'a socket' : 'a device or special file';
    return { ok: false, reason: `is ${what}, not a regular file; not read`, code: 'ENOTREG' };
  }
  if (st.size > maxSize) return tooBig(st.size, maxSize);
  return undefined;
}

/** The same checks on what was opened (the path may have been swapped since the stat), or undefined. */
function refusalAfterOpen(st: fs.Stats, maxSize: number): ReadFailure | undefined {
  if (!st.isFile()) return { ok: false, reason: 'is not a regular file; not read', code: 'ENOTREG' };
  if (st.size > maxSize) return tooBig(st.size, maxSize);
  return undefined;
}

/** The bytes read and the identity of the opened file (`bytes` undefined: it grew past `maxSize` while being read). */
function readResult(st: fs.Stats, bytes: Buffer | undefined, maxSize: number): ReadResult {
  if (!bytes) return { ok: false, reason: `grew past the ${formatMB(maxSize)} limit for a dataset.json while being read; not read`, code: 'EFBIG' };
  return {
    ok: true,
    bytes,
    identity: identityOf(st, bytes),
  };
}

/** Read a file with the safety checks; `maxSize` in bytes. */
export async function readDatasetFile(path: string, maxSize = DEFAULT_MAX_SIZE): Promise<ReadResult> {
  let st;
  try {
    st = await fsp.stat(path);
  } catch (e) {
    return { ok: false, ...describeFsError(e) };
  }
  const refused = refusal(st, maxSize);
  if (refused) return refused;
  let fh;
  try {
    // O_NONBLOCK: if the path was swapped for a FIFO after the stat, the open does not hang.
    fh = await fsp.open(path, C.O_RDONLY | C.O_NONBLOCK);
    const st2 = await fh.stat();
    const swapped = refusalAfterOpen(st2, maxSize);
    if (swapped) return swapped;
    // Read at most maxSize + 1 bytes: a file growing while we read cannot make us read without bound.
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const want = Math.min(Math.max(st2.size - total, 65536), maxSize + 1 - total);
      if (want <= 0) break;
      const buf = Buffer.allocUnsafe(want);
      const { bytesRead } = await fh.read(buf, 0, want, total);
      if (bytesRead === 0) break;
      chunks.push(bytesRead === want ? buf : buf.subarray(0, bytesRead));
      total += bytesRead;
      if (bytesRead < want) break; // end of file
    }
    return readResult(st2, total > maxSize ? undefined : chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total), maxSize);
  } catch (e) {
    return { ok: false, ...describeFsError(e) };
  } finally {
    await fh?.close().catch(() => undefined);
  }
}

/**
 * readDatasetFile with synchronous calls: the same checks and results. A dataset.json is
 * small; five synchronous system calls cost a fraction of five trips through libuv's thread
 * pool, which is what a batch of 20,000 files spends its time on otherwise. A FIFO or device
 * is never read (checked before and after the non-blocking open), so nothing here can block
 * for long.
 */
export function readDatasetFileSync(path: string, maxSize = DEFAULT_MAX_SIZE): ReadResult {
  let st;
  try {
    st = fs.statSync(path);
  } catch (e) {
    return { ok: false, ...describeFsError(e) };
  }
  const refused = refusal(st, maxSize);
  if (refused) return refused;
  let fd: number | undefined;
  try {
    fd = fs.openSync(path, C.O_RDONLY | C.O_NONBLOCK);
    const st2 = fs.fstatSync(fd);
    const swapped = refusalAfterOpen(st2, maxSize);
    if (swapped) return swapped;
    // Read at most maxSize + 1 bytes: a file growing while we read cannot make us read without bound.
    let buf = Buffer.allocUnsafe(Math.min(st2.size + 1, maxSize + 1));
    let total = 0;
    for (;;) {
      if (total === buf.length) {
        if (total > maxSize) break;
        const bigger = Buffer.allocUnsafe(Math.min(buf.length * 2, maxSize + 1));
        buf.copy(bigger, 0, 0, total);
        buf = bigger;
      }
      const n = fs.readSync(fd, buf, total, buf.length - total, total);
      if (n === 0) break;
      total += n;
    }
    return readResult(st2, total > maxSize ? undefined : buf.subarray(0, total), maxSize);
  } catch (e) {
    return { ok: false, ...describeFsError(e) };
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}
