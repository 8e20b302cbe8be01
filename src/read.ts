/**
 * Reading a dataset.json from disk with the checks a batch tool needs: not a directory,
 * not a FIFO or device (which could block forever), not larger than the size limit.
 * Returns the bytes and the identity (size, mtime, inode, hash) used by the write step's
 * changed-under-us check. Never throws.
 */
import { createHash } from 'node:crypto';
import { promises as fsp, constants as C } from 'node:fs';

export const DEFAULT_MAX_SIZE = 16 * 1024 * 1024;

export interface FileIdentity {
  size: number;
  mtimeMs: number;
  ino: number;
  mode: number;
  sha256: string;
}

export type ReadResult =
  | { ok: true; bytes: Buffer; identity: FileIdentity }
  | { ok: false; reason: string; code?: string };

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** A one-line explanation of a Node.js file-system error. */
export function describeFsError(e: unknown): { reason: string; code?: string } {
  const err = e as NodeJS.ErrnoException;
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
  };
  return { reason: err?.code ? `${why[err.code] ?? err.message} (${err.code})` : String(err?.message ?? e), code: err?.code };
}

/** Read a file with the safety checks; `maxSize` in bytes. */
export async function readDatasetFile(path: string, maxSize = DEFAULT_MAX_SIZE): Promise<ReadResult> {
  let st;
  try {
    st = await fsp.stat(path);
  } catch (e) {
    return { ok: false, ...describeFsError(e) };
  }
  if (st.isDirectory()) return { ok: false, reason: 'is a directory, not a file', code: 'EISDIR' };
  if (!st.isFile()) {
    const what = st.isFIFO() ? 'a FIFO (named pipe)' : st.isSocket() ? 'a socket' : 'a device or special file';
    return { ok: false, reason: `is ${what}, not a regular file; not read`, code: 'ENOTREG' };
  }
  if (st.size > maxSize) {
    return { ok: false, reason: `is ${(st.size / 1048576).toFixed(1)} MB, over the ${(maxSize / 1048576).toFixed(0)} MB limit for a dataset.json (raise it with --max-size)`, code: 'EFBIG' };
  }
  let fh;
  try {
    // O_NONBLOCK: if the path was swapped for a FIFO after the stat, the open does not hang.
    fh = await fsp.open(path, C.O_RDONLY | C.O_NONBLOCK);
    const st2 = await fh.stat();
    if (!st2.isFile()) return { ok: false, reason: 'is not a regular file; not read', code: 'ENOTREG' };
    if (st2.size > maxSize) return { ok: false, reason: `is over the ${(maxSize / 1048576).toFixed(0)} MB limit`, code: 'EFBIG' };
    const bytes = await fh.readFile();
    return { ok: true, bytes, identity: { size: st2.size, mtimeMs: st2.mtimeMs, ino: st2.ino, mode: st2.mode, sha256: sha256(bytes) } };
  } catch (e) {
    return { ok: false, ...describeFsError(e) };
  } finally {
    await fh?.close().catch(() => undefined);
  }
}
