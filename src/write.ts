/**
 * The only module that writes. A fixed dataset.json is written atomically: a temp file
 * in the same folder (named `.<name>.nnunet-doctor-<pid>-<random>.tmp`, so a later run can
 * recognise and remove its own leftovers, and only those), the original mode, fsync, then
 * a last check that the original did not change since it was read (size, mtime, inode,
 * content hash), then rename over it. A file that changed under us is never overwritten.
 */
import { randomBytes } from 'node:crypto';
import { promises as fsp, constants as C } from 'node:fs';
import path from 'node:path';
import { describeFsError, sha256, type FileIdentity } from './read.js';

/** Temp files of ours: `.dataset.json.nnunet-doctor-<pid>-<hex>.tmp`. */
export const TEMP_PATTERN = /^\.(.+)\.nnunet-doctor-(\d+)-([0-9a-f]{8})\.tmp$/;

export class WriteError extends Error {
  constructor(message: string, readonly code: string) {
    super(message);
  }
}

/** Injectable for fault tests (disk full, crashes between steps). */
export interface WriteHooks {
  /** Called with the temp file handle before the bytes are written. */
  beforeWrite?(tempPath: string): Promise<void> | void;
  /** Called after the temp file is complete, before the changed-under-us check and rename. */
  beforeRename?(tempPath: string): Promise<void> | void;
}

export interface WriteOptions {
  /** Keep the original as `<name>.bak` (then `.bak.1`, `.bak.2`, ...: never overwrite a backup). */
  backup?: boolean;
  hooks?: WriteHooks;
}

export interface WriteResult {
  backupPath?: string;
}

/** Did the file change since `expected` was read? Returns a reason or undefined. */
export async function changedSince(file: string, expected: FileIdentity): Promise<string | undefined> {
  let st;
  try {
    st = await fsp.stat(file);
  } catch (e) {
    return `it disappeared (${describeFsError(e).reason})`;
  }
  if (st.ino !== expected.ino) return 'it was replaced by another file';
  if (st.size !== expected.size || st.mtimeMs !== expected.mtimeMs) return 'it was modified';
  const now = await fsp.readFile(file).catch(() => undefined);
  if (!now || sha256(now) !== expected.sha256) return 'its content changed';
  return undefined;
}

async function nextBackupName(file: string): Promise<string> {
  for (let i = 0; ; i++) {
    const candidate = i === 0 ? `${file}.bak` : `${file}.bak.${i}`;
    try {
      await fsp.lstat(candidate);
    } catch {
      return candidate;
    }
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
  const temp = path.join(dir, `.${base}.nnunet-doctor-${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  let fh: fsp.FileHandle | undefined;
  let created = false;
  try {
    try {
      fh = await fsp.open(temp, C.O_WRONLY | C.O_CREAT | C.O_EXCL, expected.mode & 0o7777);
      created = true;
    } catch (e) {
      const d = describeFsError(e);
      throw new WriteError(`cannot create a temp file in ${dir}: ${d.reason}`, d.code ?? 'EWRITE');
    }
    await fh.chmod(expected.mode & 0o7777); // the umask must not change the mode
    await options.hooks?.beforeWrite?.(temp);
    await fh.writeFile(bytes);
    await fh.sync();
    await fh.close();
    fh = undefined;
    await options.hooks?.beforeRename?.(temp);
    const changed = await changedSince(file, expected);
    if (changed) throw new WriteError(`not written: ${changed} after it was read; run again to check the new content`, 'ECHANGED');
    let backupPath: string | undefined;
    if (options.backup) {
      backupPath = await nextBackupName(file);
      await fsp.copyFile(file, backupPath, C.COPYFILE_EXCL);
    }
    await fsp.rename(temp, file);
    created = false;
    return { backupPath };
  } catch (e) {
    if (e instanceof WriteError) throw e;
    const d = describeFsError(e);
    throw new WriteError(`not written: ${d.reason}`, d.code ?? 'EWRITE');
  } finally {
    await fh?.close().catch(() => undefined);
    if (created) await fsp.unlink(temp).catch(() => undefined);
  }
}

/**
 * Remove temp files a killed run of ours left in `dir` (matching TEMP_PATTERN for
 * `base`, whose process is gone). Returns the paths removed.
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
    const m = TEMP_PATTERN.exec(n);
    if (!m || m[1] !== base) continue;
    const pid = Number(m[2]);
    if (pid !== process.pid && isAlive(pid)) continue;
    if (pid === process.pid) continue;
    try {
      await fsp.unlink(path.join(dir, n));
      removed.push(path.join(dir, n));
    } catch {
      /* gone already */
    }
  }
  return removed;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
