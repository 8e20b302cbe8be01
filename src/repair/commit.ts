/**
 * The last steps of a segmentation write, for files too large to hold in memory: the
 * streaming counterpart of src/write.ts `atomicWrite` (which takes whole buffers), built
 * on the same pieces (src/lock.ts per-file lock and temp names, WriteError, one-line fs
 * error reasons):
 *
 * - {@link openSource}: open without blocking (a FIFO cannot hang us), regular files only,
 *   identity (inode, size, mtime, mode, owner) taken from the open handle;
 * - {@link createTemp}: a temp file of ours in the same folder with the original's mode
 *   (and owner where permitted); read-only originals are refused, never chmod-ed;
 * - {@link commitTemp}: under the lock, check that the original is still what was read
 *   (inode, size, mtime and a sha256 of its bytes, streamed), keep a backup if asked (a
 *   hard link to the original: instant, never overwrites an existing backup), rename
 *   the temp file over the original, fsync the folder.
 */
import { createHash } from 'node:crypto';
import { promises as fsp, constants as C } from 'node:fs';
import path from 'node:path';
import { tempDone } from '../lock.js';
import { describeFsError } from '../read.js';
import { testEvent } from '../test-events.js';
import { createTemp as createTempIn, lockForWrite, refuseReadOnly, refuseUnwritable, renameOver, runHook, syncDir, WriteError } from '../write.js';
import { readFrom } from './streams.js';

/** What a source file was when it was read. */
export interface SourceIdentity {
  ino: number;
  size: number;
  mtimeMs: number;
  mode: number;
  uid: number;
  gid: number;
}

/** Fault-injection and progress hooks (tests). */
export interface RepairHooks {
  /** After the temp file is created, before anything is written to it. */
  beforeWrite?(tempPath: string): Promise<void> | void;
  /** Before each chunk is written to the temp file (throw to simulate ENOSPC). */
  tempWrite?(tempPath: string, bytes: number): Promise<void> | void;
  /** After the temp file is complete and verified, before the lock and the identity check. */
  beforeCommit?(tempPath: string): Promise<void> | void;
  /** Holding the lock, after the identity check, before the backup and the rename. */
  underLock?(tempPath: string): Promise<void> | void;
}

/**
 * Opens `file` for reading without blocking and returns the handle and identity.
 * @throws WriteError (one line) for a missing, unreadable or non-regular file.
 */
export async function openSource(file: string): Promise<{ fh: fsp.FileHandle; identity: SourceIdentity }> {
  let fh: fsp.FileHandle;
  try {
    fh = await fsp.open(file, C.O_RDONLY | C.O_NONBLOCK);
  } catch (e) {
    const d = describeFsError(e);
    throw new WriteError(`cannot read: ${d.reason}`, d.code ?? 'EREAD');
  }
  try {
    const st = await fh.stat();
    if (!st.isFile())
      throw new WriteError(`not read: it is ${st.isDirectory() ? 'a directory' : st.isFIFO() ? 'a FIFO (named pipe)' : 'not a regular file'}`, 'ENOTREG');
    return { fh, identity: { ino: st.ino, size: st.size, mtimeMs: st.mtimeMs, mode: st.mode, uid: st.uid, gid: st.gid } };
  } catch (e) {
    await fh.close().catch(() => undefined);
    if (e instanceof WriteError) throw e;
    const d = describeFsError(e);
    throw new WriteError(`cannot read: ${d.reason}`, d.code ?? 'EREAD');
  }
}

/**
 * Refuses a file we must not replace: read-only (even for root, who could) or not
 * writable for us.
 */
export async function checkWritable(file: string, identity: SourceIdentity): Promise<void> {
  refuseReadOnly(identity.mode);
  await refuseUnwritable(file);
}

/** Creates a temp file of ours next to `file`, with its mode (and owner where permitted). */
export function createTemp(file: string, identity: SourceIdentity): Promise<{ fh: fsp.FileHandle; path: string }> {
  return createTempIn(path.dirname(file), path.basename(file), identity);
}

/** Removes a temp file of ours (best effort) and forgets it. */
export async function removeTemp(temp: string): Promise<void> {
  await fsp.unlink(temp).catch(() => undefined);
  tempDone(temp);
}

/** sha256 of a whole file, streamed from an open handle. */
async function hashHandle(fh: fsp.FileHandle): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of readFrom(fh)) hash.update(chunk);
  return hash.digest('hex');
}

interface CurrentState {
  changed?: string;
  code?: string;
  sha256?: string;
}

/** The file as it is now, against what was read: identity first, then the content hash. */
async function currentState(file: string, expected: SourceIdentity, expectedSha: string): Promise<CurrentState> {
  let fh: fsp.FileHandle;
  try {
    fh = await fsp.open(file, C.O_RDONLY | C.O_NONBLOCK);
  } catch (e) {
    const d = describeFsError(e);
    if (d.code === 'ENOENT') return { changed: 'it was deleted', code: 'EGONE' };
    return { changed: `it can no longer be read (${d.reason})`, code: 'ECHANGED' };
  }
  try {
    const st = await fh.stat();
    if (!st.isFile()) return { changed: 'it was replaced by something that is not a regular file', code: 'ECHANGED' };
    const sha256 = await hashHandle(fh);
    if (st.ino !== expected.ino) return { changed: 'it was replaced by another file', code: 'ECHANGED', sha256 };
    if (st.size !== expected.size || st.mtimeMs !== expected.mtimeMs) return { changed: 'it was modified', code: 'ECHANGED', sha256 };
    if (sha256 !== expectedSha) return { changed: 'its content changed', code: 'ECHANGED', sha256 };
    return { sha256 };
  } catch (e) {
    return { changed: `it can no longer be read (${describeFsError(e).reason})`, code: 'ECHANGED' };
  } finally {
    await fh.close().catch(() => undefined);
  }
}

const NO_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EMLINK', 'EXDEV']);

/**
 * Keeps the original as `<file>.bak` (then `.bak.1`, `.bak.2`, ...): a hard link to it,
 * so the backup is the verified original itself, appears atomically and never replaces
 * an existing backup. Without hard links: an exclusive copy, fsynced.
 */
async function backupByLink(file: string): Promise<string> {
  for (let i = 0; i < 100000; i++) {
    const candidate = i === 0 ? `${file}.bak` : `${file}.bak.${i}`;
    try {
      await fsp.link(file, candidate);
      return candidate;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code ?? '';
      if (code === 'EEXIST') continue;
      if (!NO_LINKS.has(code)) throw e;
    }
    try {
      await fsp.copyFile(file, candidate, C.COPYFILE_EXCL);
      const fh = await fsp.open(candidate, C.O_RDONLY);
      await fh.sync().finally(() => fh.close());
      return candidate;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST') continue;
      throw e;
    }
  }
  throw new WriteError(`not written: too many backups of ${file} already`, 'EBACKUP');
}

/** Options of {@link commitTemp}. */
export interface CommitOptions {
  backup?: boolean;
  hooks?: RepairHooks;
  lockTimeoutMs?: number;
}

/**
 * Replaces `file` by the complete, fsynced and verified `temp`, only if `file` is still
 * what was read (`expected`, `expectedSha`). When it changed into exactly the new
 * content (`tempSha`: another nnunet-doctor run repaired it first) that is reported as
 * `alreadyFixed`. Throws WriteError with a one-line reason; the caller removes the temp
 * file on failure.
 */
export async function commitTemp(
  file: string,
  temp: string,
  expected: SourceIdentity,
  expectedSha: string,
  tempSha: string,
  options: CommitOptions = {},
): Promise<{ backupPath?: string; alreadyFixed?: boolean }> {
  await runHook(() => options.hooks?.beforeCommit?.(temp));
  const lock = await lockForWrite(file, options.lockTimeoutMs);
  try {
    const now = await currentState(file, expected, expectedSha);
    if (now.code === 'EGONE') throw new WriteError('not written: it was deleted after it was read', 'EGONE');
    if (now.changed) {
      if (now.sha256 === tempSha) return { alreadyFixed: true };
      throw new WriteError(`not written: ${now.changed} after it was read; run again to check the new content`, now.code ?? 'ECHANGED');
    }
    await options.hooks?.underLock?.(temp);
    let backupPath: string | undefined;
    if (options.backup) {
      try {
        backupPath = await backupByLink(file);
      } catch (e) {
        if (e instanceof WriteError) throw e;
        const d = describeFsError(e);
        throw new WriteError(`not written: making the backup failed: ${d.reason}; the original is unchanged`, d.code ?? 'EBACKUP');
      }
    }
    testEvent('repair-rename', file);
    await renameOver(temp, file);
    tempDone(temp);
    testEvent('repair-done', file);
    await syncDir(path.dirname(file));
    return { backupPath };
  } finally {
    await lock.release();
  }
}
