/**
 * The only module that writes. A fixed dataset.json is written atomically:
 *
 * 1. refuse a file that is read-only (no write bit, or no write permission for us);
 * 2. write a temp file in the same folder, `.<name>.nnunet-doctor-<pid>-<host>-<random>.tmp`
 *    (TEMP_PATTERN, so a later run can recognise its own leftovers, and only those), with
 *    the original's mode (and owner when we may set it), then fsync it;
 * 3. under the file's advisory lock (src/lock.ts): check that the original did not change
 *    since it was read (inode, size, mtime, content hash); write the backup if asked; rename
 *    the temp file over the original; fsync the folder.
 *
 * A crash at any moment leaves the original or the fixed file, never a mix, plus at most a
 * temp file of ours that the next run removes. A file that changed under us is never
 * overwritten; when it changed into exactly the bytes we were about to write (another
 * nnunet-doctor process fixed it first), that is reported as such, not as an error.
 */
import fs, { promises as fsp, constants as C } from 'node:fs';
import path from 'node:path';
import { acquireLock, HOST_TAG, isAlive, isOwnLiveTemp, LockError, LOCK_PATTERN, removeStaleLock, tempDone, tempName, type Lock } from './lock.js';
import { describeFsError, sha256, type FileIdentity } from './read.js';
import { testEvent } from './test-events.js';

/** Temp files of ours: `.dataset.json.nnunet-doctor-<pid>-<host tag>-<hex>.tmp`. */
export const TEMP_PATTERN = /^\.(.+)\.nnunet-doctor-(\d+)-([0-9a-f]{8})-([0-9a-f]{8})\.tmp$/;
export { LOCK_PATTERN };

/** A temp file from another host (shared file system) is stale after this long. */
const FOREIGN_TEMP_STALE_MS = 60 * 60 * 1000;

export class WriteError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

/** Injectable for fault tests (disk full, files changing, crashes between steps). */
export interface WriteHooks {
  /** Called with the temp file's path after it is created, before the bytes are written. */
  beforeWrite?(tempPath: string): Promise<void> | void;
  /** Called after the temp file is complete, before the lock, the changed-under-us check and the rename. */
  beforeRename?(tempPath: string): Promise<void> | void;
  /** Called holding the file's lock, after the changed-under-us check passed, before the backup and rename. */
  underLock?(tempPath: string): Promise<void> | void;
}

export interface WriteOptions {
  /** Keep the original as `<name>.bak` (then `.bak.1`, `.bak.2`, ...: never overwrite a backup). */
  backup?: boolean;
  hooks?: WriteHooks;
  /** How long to wait for another nnunet-doctor process holding the file's lock. */
  lockTimeoutMs?: number;
}

export interface WriteResult {
  backupPath?: string;
  /**
   * True when nothing was written because the file already holds exactly the new bytes
   * (another nnunet-doctor process fixed it between our read and our write).
   */
  alreadyFixed?: boolean;
}

interface CurrentState {
  /** Why the file is not the one we read, or undefined. */
  changed?: string;
  code?: string;
  /** The current bytes, when they could be read. */
  bytes?: Buffer;
}

/**
 * The file as it is now: its identity and bytes, read through one handle without blocking
 * (a path swapped for a FIFO must not hang us).
 */
async function currentState(file: string, expected: FileIdentity): Promise<CurrentState> {
  let fh: fsp.FileHandle;
  try {
    fh = await fsp.open(file, C.O_RDONLY | C.O_NONBLOCK);
  } catch (e) {
    const d = describeFsError(e);
    if (d.code === 'ENOENT') return { changed: `it disappeared (${d.reason})`, code: 'EGONE' };
    return { changed: `it can no longer be read (${d.reason})`, code: 'ECHANGED' };
  }
  let st;
  let bytes: Buffer | undefined;
  try {
    st = await fh.stat();
    if (!st.isFile()) return { changed: 'it was replaced by something that is not a regular file', code: 'ECHANGED' };
    // Read it unless it is huge (then it changed: we never read a file that big).
    if (st.size <= 64 * 1024 * 1024) {
      const buf = Buffer.allocUnsafe(Math.min(st.size, 64 * 1024 * 1024));
      let n = 0;
      while (n < buf.length) {
        const { bytesRead } = await fh.read(buf, n, buf.length - n, n);
        if (bytesRead === 0) break;
        n += bytesRead;
      }
      bytes = buf.subarray(0, n);
    }
  } catch (e) {
    return { changed: `it can no longer be read (${describeFsError(e).reason})`, code: 'ECHANGED' };
  } finally {
    await fh.close().catch(() => undefined);
  }
  if (st.ino !== expected.ino) return { changed: 'it was replaced by another file', code: 'ECHANGED', bytes };
  if (st.size !== expected.size || st.mtimeMs !== expected.mtimeMs) return { changed: 'it was modified', code: 'ECHANGED', bytes };
  if (!bytes) return { changed: 'it can no longer be read', code: 'ECHANGED' };
  if (sha256(bytes) !== expected.sha256) return { changed: 'its content changed', code: 'ECHANGED', bytes };
  return { bytes };
}

const octal = (mode: number) => (mode & 0o7777).toString(8).padStart(4, '0');

/** fsync a folder so a rename survives a power cut; not possible everywhere, so best effort. */
export async function syncDir(dir: string): Promise<void> {
  let dh: fsp.FileHandle | undefined;
  try {
    dh = await fsp.open(dir, C.O_RDONLY);
    await dh.sync();
  } catch {
    /* not supported on this file system */
  } finally {
    await dh?.close().catch(() => undefined);
  }
}

// The steps a replacement shares with the segmentation repairs (src/repair/commit.ts), each
// failure as the one-line WriteError the reports print.

/** A read-only file is reported, never chmod-ed or replaced (root would be allowed to). */
export function refuseReadOnly(mode: number): void {
  if ((mode & 0o222) === 0) {
    throw new WriteError(`not written: the file is read-only (mode ${octal(mode)}); nothing was changed (make it writable to let --fix repair it)`, 'EROFILE');
  }
}

/** Refuses a file that is gone, on a read-only file system, or not writable for us. */
export async function refuseUnwritable(file: string): Promise<void> {
  try {
    await fsp.access(file, C.W_OK);
  } catch (e) {
    const d = describeFsError(e);
    if (d.code === 'ENOENT') throw new WriteError('not written: it was deleted after it was read', 'EGONE');
    if (d.code === 'EROFS') throw new WriteError('not written: the file is on a read-only file system (EROFS); nothing was changed', d.code);
    throw new WriteError(`not written: the file is not writable for you (${d.reason}); nothing was changed`, d.code ?? 'EACCES');
  }
}

/** Runs a fault-injection hook: what it throws stops the write, the original unchanged. */
export async function runHook(hook: () => Promise<void> | void): Promise<void> {
  try {
    await hook();
  } catch (e) {
    const d = describeFsError(e);
    throw new WriteError(`not written: ${d.reason}; the original is unchanged`, d.code ?? 'EWRITE');
  }
}

/** The lock on `file` (another nnunet-doctor process may hold it for a while). */
export async function lockForWrite(file: string, timeoutMs: number | undefined): Promise<Lock> {
  try {
    return await acquireLock(file, timeoutMs);
  } catch (e) {
    if (e instanceof LockError) throw new WriteError(`not written: ${e.message}`, e.code);
    throw e;
  }
}

/** Replaces `file` by the complete temp file: one rename, atomic. */
export async function renameOver(temp: string, file: string): Promise<void> {
  try {
    await fsp.rename(temp, file);
  } catch (e) {
    const d = describeFsError(e);
    throw new WriteError(`not written: replacing the file failed: ${d.reason}; the original is unchanged`, d.code ?? 'EWRITE');
  }
}

/**
 * Create a temp file of ours for `base` in `dir` (exclusive, never through a symlink) with the
 * original's mode, and its owner where we may. On failure: one WriteError line, nothing left.
 * Shared by the dataset.json writes and the segmentation repairs.
 */
export async function createTemp(
  dir: string,
  base: string,
  original: Pick<FileIdentity, 'mode' | 'uid' | 'gid'>,
  what = 'the temp file',
): Promise<{ fh: fsp.FileHandle; path: string }> {
  const temp = tempName(dir, base);
  let fh: fsp.FileHandle;
  try {
    fh = await fsp.open(temp, C.O_WRONLY | C.O_CREAT | C.O_EXCL | C.O_NOFOLLOW, original.mode & 0o777);
  } catch (e) {
    tempDone(temp);
    const d = describeFsError(e);
    if (d.code === 'EACCES' || d.code === 'EPERM')
      throw new WriteError(`not written: the folder ${dir} is not writable for you (${d.reason}); nothing was changed`, d.code);
    if (d.code === 'EROFS') throw new WriteError(`not written: the folder ${dir} is on a read-only file system (EROFS); nothing was changed`, d.code);
    throw new WriteError(`not written: cannot create ${what} in ${dir}: ${d.reason}; nothing was changed`, d.code ?? 'EWRITE');
  }
  try {
    await fh.chmod(original.mode & 0o7777); // the umask must not change the mode
    if (original.uid !== process.getuid?.() || original.gid !== process.getgid?.()) {
      await fh.chown(original.uid, original.gid).catch(() => undefined); // keep the owner where we may
    }
  } catch (e) {
    await fh.close().catch(() => undefined);
    await fsp.unlink(temp).catch(() => undefined);
    tempDone(temp);
    const d = describeFsError(e);
    throw new WriteError(`not written: preparing ${what} failed: ${d.reason}; the original is unchanged`, d.code ?? 'EWRITE');
  }
  return { fh, path: temp };
}

/** Write `bytes` to a new temp file of ours with `mode` (and owner), fsynced. Returns its path. */
async function writeTemp(dir: string, base: string, bytes: Uint8Array, expected: FileIdentity, hooks: WriteHooks | undefined, what: string): Promise<string> {
  const { fh, path: temp } = await createTemp(dir, base, expected, what);
  let ok = false;
  try {
    await hooks?.beforeWrite?.(temp);
    await fh.writeFile(bytes);
    await fh.sync();
    ok = true;
  } catch (e) {
    if (e instanceof WriteError) throw e;
    const d = describeFsError(e);
    throw new WriteError(`not written: writing ${what} failed: ${d.reason}; the original is unchanged`, d.code ?? 'EWRITE');
  } finally {
    await fh.close().catch(() => undefined);
    if (!ok) {
      await fsp.unlink(temp).catch(() => undefined);
      tempDone(temp);
    }
  }
  return temp;
}

/**
 * Keep `bytes` (the original, as verified) as `<file>.bak`, or `.bak.1`, `.bak.2`, ... when
 * those exist. The backup appears atomically and complete (temp file + hard link, which
 * fails rather than replace an existing name), so an older backup is never overwritten.
 */
async function writeBackup(file: string, bytes: Uint8Array, expected: FileIdentity): Promise<string> {
  const dir = path.dirname(file);
  const base = path.basename(file);
  const temp = await writeTemp(dir, base, bytes, expected, undefined, 'the backup');
  try {
    for (let i = 0; i < 100000; i++) {
      const candidate = i === 0 ? `${file}.bak` : `${file}.bak.${i}`;
      try {
        await fsp.link(temp, candidate);
        return candidate;
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === 'EEXIST') continue;
        if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS' && code !== 'EMLINK') throw e;
      }
      // No hard links on this file system: an exclusive copy (COPYFILE_EXCL never replaces).
      try {
        await fsp.copyFile(temp, candidate, C.COPYFILE_EXCL);
        return candidate;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'EEXIST') continue;
        throw e;
      }
    }
    throw new WriteError(`not written: too many backups of ${file} already`, 'EBACKUP');
  } catch (e) {
    if (e instanceof WriteError) throw e;
    const d = describeFsError(e);
    throw new WriteError(`not written: making the backup failed: ${d.reason}; the original is unchanged`, d.code ?? 'EBACKUP');
  } finally {
    await fsp.unlink(temp).catch(() => undefined);
    tempDone(temp);
  }
}

/**
 * Replace `file` by `bytes` atomically, only if it still has the identity it had when
 * read. Throws WriteError with a one-line reason; on any failure the original is intact
 * and the temp file is removed.
 */
export async function atomicWrite(file: string, bytes: Uint8Array, expected: FileIdentity, options: WriteOptions = {}): Promise<WriteResult> {
  const dir = path.dirname(file);
  const base = path.basename(file);

  refuseReadOnly(expected.mode);
  // So is a file in a read-only folder: replacing it means creating a file there, which root
  // may do anyway; a folder without write permission says "do not change what is in here".
  const dirMode = await fsp.stat(dir).then(
    (st) => st.mode,
    () => undefined,
  );
  if (dirMode !== undefined && (dirMode & 0o222) === 0) {
    throw new WriteError(
      `not written: its folder is read-only (mode ${octal(dirMode)}); nothing was changed (make the folder writable to let --fix repair it)`,
      'EROFOLDER',
    );
  }
  await refuseUnwritable(file);

  const temp = await writeTemp(dir, base, bytes, expected, options.hooks, 'the temp file');
  testEvent('write-temp', file);
  let renamed = false;
  try {
    await runHook(() => options.hooks?.beforeRename?.(temp));
    const lock = await lockForWrite(file, options.lockTimeoutMs);
    try {
      const now = await currentState(file, expected);
      if (now.code === 'EGONE') throw new WriteError('not written: it was deleted after it was read', 'EGONE');
      if (now.changed) {
        if (now.bytes && Buffer.compare(now.bytes, bytes) === 0) return { alreadyFixed: true };
        throw new WriteError(`not written: ${now.changed} after it was read; run again to check the new content`, now.code ?? 'ECHANGED');
      }
      await options.hooks?.underLock?.(temp);
      const backupPath = options.backup ? await writeBackup(file, now.bytes!, expected) : undefined;
      testEvent('write-rename', file);
      await renameOver(temp, file);
      renamed = true;
      testEvent('write-done', file);
      await syncDir(dir);
      return { backupPath };
    } finally {
      await lock.release();
    }
  } finally {
    if (!renamed) await fsp.unlink(temp).catch(() => undefined);
    tempDone(temp);
  }
}

/**
 * Why the write step would refuse to replace `file` (read with identity `expected`), without
 * writing anything: the same checks atomicWrite makes first (read-only file, read-only
 * folder, no write permission). A dry run uses it so that "fixable" means `--fix` writes it.
 */
export function writeRefusal(file: string, expected: FileIdentity): string | undefined {
  if ((expected.mode & 0o222) === 0) return `the file is read-only (mode ${octal(expected.mode)}); make it writable to let --fix repair it`;
  const dir = path.dirname(file);
  const dirMode = fs.statSync(dir, { throwIfNoEntry: false })?.mode;
  if (dirMode !== undefined && (dirMode & 0o222) === 0)
    return `its folder is read-only (mode ${octal(dirMode)}); make the folder writable to let --fix repair it`;
  for (const p of [file, dir]) {
    try {
      fs.accessSync(p, C.W_OK);
    } catch (e) {
      const d = describeFsError(e);
      if (d.code === 'EROFS') return 'it is on a read-only file system (EROFS)';
      if (d.code !== 'ENOENT') return `${p === file ? 'the file' : 'its folder'} is not writable for you (${d.reason})`;
    }
  }
  return undefined;
}

/** Real paths of roots, per scan (keyed by an object of the scan's): folder or file, null when missing. */
const realRoots = new WeakMap<object, Map<string, { real: string; dir: boolean } | null>>();

/**
 * Containment: is `realPath` (symlinks resolved) inside one of `roots`, the paths the user
 * named, each taken by its own real path? A named folder contains what lies below its real
 * location, a named file is itself. So a path the user named counts through its own symlinks
 * (naming `raw/Dataset003 -> ../out/Dataset003` names `out/Dataset003`), while a symbolic link
 * met inside a named folder whose target lies elsewhere is outside: that target may be shared
 * with datasets the user did not name. `cacheKey` lets one scan resolve each root once.
 */
export async function isInsideRoots(realPath: string, roots: readonly string[], cacheKey?: object): Promise<boolean> {
  let cache = cacheKey ? realRoots.get(cacheKey) : undefined;
  if (cacheKey && !cache) {
    cache = new Map();
    realRoots.set(cacheKey, cache);
  }
  for (const root of roots) {
    let entry = cache?.get(root);
    if (entry === undefined) {
      const st = await fsp.stat(root).catch(() => undefined);
      const real = st ? await fsp.realpath(root).catch(() => undefined) : undefined;
      entry = real ? { real, dir: st!.isDirectory() } : null;
      cache?.set(root, entry);
    }
    if (!entry) continue;
    if (!entry.dir) {
      if (entry.real === realPath) return true;
      continue;
    }
    const rel = path.relative(entry.real, realPath);
    if (rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel))) return true;
  }
  return false;
}

/**
 * Remove what a killed run of ours left next to `base` in `dir`: temp files matching
 * TEMP_PATTERN whose process is gone (same host) or that are over an hour old (another
 * host), and abandoned lock files (LOCK_PATTERN). Nothing else is ever removed: not
 * another program's temp files, not a live process's, not another file's. Returns the
 * paths removed.
 */
export async function cleanStaleTemps(dir: string, base: string): Promise<string[]> {
  let names: string[];
  try {
    names = await fsp.readdir(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const n of names) {
    const full = path.join(dir, n);
    const lockMatch = LOCK_PATTERN.exec(n);
    if (lockMatch) {
      if (lockMatch[1] === base && (await removeStaleLock(full))) removed.push(full);
      continue;
    }
    const m = TEMP_PATTERN.exec(n);
    if (!m || m[1] !== base) continue;
    const pid = Number(m[2]);
    let st;
    try {
      st = await fsp.lstat(full);
    } catch {
      continue;
    }
    if (!st.isFile()) continue;
    const stale =
      m[3] !== HOST_TAG
        ? Date.now() - st.mtimeMs > FOREIGN_TEMP_STALE_MS
        : pid === process.pid
          ? !isOwnLiveTemp(full) // an earlier process that had our pid
          : !isAlive(pid);
    if (!stale) continue;
    try {
      await fsp.unlink(full);
      removed.push(full);
    } catch {
      /* gone already */
    }
  }
  return removed;
}
