/**
 * An advisory lock per dataset.json, held only around the last step of a write (re-check
 * that the file did not change + backup + rename), so two nnunet-doctor processes fixing the
 * same tree cannot interleave those steps (no lost update).
 *
 * The lock is a file next to the dataset.json, `.<name>.nnunet-doctor.lock`, holding
 * `<pid> <host> <nonce>`. It is created atomically: written completely under a temp name
 * of ours, then hard-linked to the lock name (link() fails when the name exists; where hard
 * links are not supported, O_CREAT|O_EXCL is used). It is always removed by its owner, and
 * a lock left by a killed process is taken over: on the same host when its pid is gone, from
 * another host (shared file systems) when it is older than STALE_MS. Takeover renames the
 * stale lock aside and checks that it moved the stale one, so two processes taking over at
 * once cannot both win. Other programs do not know this lock: it protects nnunet-doctor
 * runs from each other only (the changed-under-us check protects against everyone else).
 */
import { randomBytes } from 'node:crypto';
import { promises as fsp, constants as C } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describeFsError } from './read.js';

/** Our lock files: `.dataset.json.nnunet-doctor.lock`. */
export const LOCK_PATTERN = /^\.(.+)\.nnunet-doctor\.lock$/;

/**
 * A lock from another host (or a container with another host name) older than this is
 * abandoned: locks are held for milliseconds. A killed process leaves at most one lock.
 */
const STALE_MS = 30_000;

/** How long to wait for a lock before giving up; longer than STALE_MS, so an abandoned foreign lock is outwaited. */
const DEFAULT_LOCK_TIMEOUT_MS = 45_000;

export class LockError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

/** 8 hex digits identifying this host (in temp and lock names/contents). */
export const HOST_TAG = hostTag(os.hostname());

export function hostTag(host: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < host.length; i++) {
    h ^= host.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

/**
 * Temp files this process made and may still use. A leftover with our own pid that is not
 * here comes from an earlier process that had the same pid (pids are reused, and in a
 * container every run may be pid 1): it is stale like any other.
 */
const ownTemps = new Set<string>();
/** Nonces of the locks this process holds (same reasoning for lock files). */
const heldNonces = new Set<string>();

/** The name of a temp file of ours for `base` in `dir` (TEMP_PATTERN in write.ts matches it). */
export function tempName(dir: string, base: string): string {
  const p = path.join(dir, `.${base}.nnunet-doctor-${process.pid}-${HOST_TAG}-${randomBytes(4).toString('hex')}.tmp`);
  ownTemps.add(p);
  return p;
}

/** The temp file `p` (from tempName) is gone: renamed or removed. */
export function tempDone(p: string): void {
  ownTemps.delete(p);
}

/** Is `p` a temp file this process is still using? */
export function isOwnLiveTemp(p: string): boolean {
  return ownTemps.has(p);
}

export function lockPathFor(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.nnunet-doctor.lock`);
}

/** `dataset.json` for `.dataset.json.nnunet-doctor.lock`. */
function fileBaseOfLock(lockPath: string): string {
  const name = path.basename(lockPath);
  return LOCK_PATTERN.exec(name)?.[1] ?? name;
}

export function isAlive(pid: number): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

interface LockOwner {
  pid: number;
  host: string;
  nonce: string;
}

function parseOwner(text: string): LockOwner | undefined {
  const m = /^(\d+) ([0-9a-f]{8}) ([0-9a-f]{16})\n?$/.exec(text);
  return m ? { pid: Number(m[1]), host: m[2]!, nonce: m[3]! } : undefined;
}

/** A lock file holds one line of at most this many bytes (`<pid> <host> <nonce>`). */
const MAX_LOCK_BYTES = 64;

/**
 * What is at a lock's name, read without blocking and without following a symlink: a
 * regular file's first bytes, or what else it is. A FIFO, a device or a symlink there (to
 * /dev/zero, say) is not a lock of ours: it is reported, never read.
 */
async function readLockFile(lockPath: string): Promise<{ text: string; ino: number; mtimeMs: number } | { notALock: string } | undefined> {
  let fh: fsp.FileHandle;
  try {
    fh = await fsp.open(lockPath, C.O_RDONLY | C.O_NOFOLLOW | C.O_NONBLOCK);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    if (code === 'ELOOP' || code === 'EMLINK') return { notALock: 'a symbolic link' };
    if (code === 'ENXIO') return { notALock: 'a socket or special file' };
    throw e;
  }
  try {
    const st = await fh.stat();
    if (!st.isFile()) return { notALock: st.isFIFO() ? 'a FIFO (named pipe)' : st.isDirectory() ? 'a folder' : 'a device or special file' };
    const buf = Buffer.alloc(MAX_LOCK_BYTES);
    const { bytesRead } = await fh.read(buf, 0, MAX_LOCK_BYTES, 0);
    return { text: buf.subarray(0, bytesRead).toString('utf8'), ino: st.ino, mtimeMs: st.mtimeMs };
  } finally {
    await fh.close().catch(() => undefined);
  }
}

/** Is the lock at `lockPath` (with content `text`, modified at `mtimeMs`) abandoned? */
function isStale(text: string, mtimeMs: number, now = Date.now()): boolean {
  const owner = parseOwner(text);
  if (!owner) return now - mtimeMs > 5_000; // torn or foreign content: give a writer time, then take over
  if (owner.host === HOST_TAG) return owner.pid === process.pid ? !heldNonces.has(owner.nonce) : !isAlive(owner.pid);
  return now - mtimeMs > STALE_MS;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Create the lock file atomically with `content`. Returns its inode, or undefined when a
 * lock exists already.
 */
async function tryCreate(lockPath: string, content: string): Promise<number | undefined> {
  const tmp = tempName(path.dirname(lockPath), fileBaseOfLock(lockPath));
  let ino: number;
  const fh = await fsp.open(tmp, C.O_WRONLY | C.O_CREAT | C.O_EXCL | C.O_NOFOLLOW, 0o644);
  try {
    await fh.writeFile(content);
    ino = (await fh.stat()).ino;
  } catch (e) {
    // a full disk (ENOSPC) fails here: leave no temp file of ours behind
    await fh.close().catch(() => undefined);
    await fsp.unlink(tmp).catch(() => undefined);
    tempDone(tmp);
    throw e;
  }
  await fh.close();
  try {
    await fsp.link(tmp, lockPath);
    return ino;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return undefined;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS' && code !== 'EMLINK') throw e;
  } finally {
    await fsp.unlink(tmp).catch(() => undefined);
    tempDone(tmp);
  }
  // No hard links here (some FUSE and SMB mounts): exclusive create, then write.
  let lh: fsp.FileHandle;
  try {
    lh = await fsp.open(lockPath, C.O_WRONLY | C.O_CREAT | C.O_EXCL | C.O_NOFOLLOW, 0o644);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return undefined;
    throw e;
  }
  let complete = false;
  try {
    await lh.writeFile(content);
    const created = (await lh.stat()).ino;
    complete = true;
    return created;
  } finally {
    await lh.close().catch(() => undefined);
    // created by us, exclusively, and never complete (a full disk fails here): remove it
    if (!complete) await fsp.unlink(lockPath).catch(() => undefined);
  }
}

/**
 * Remove the lock at `lockPath` if it is abandoned. Safe against a concurrent takeover:
 * the lock is renamed aside first and only deleted when the file moved is the stale one
 * (same inode and content); a fresh lock moved by mistake is linked back.
 * Returns true when a stale lock was removed.
 */
export async function removeStaleLock(lockPath: string): Promise<boolean> {
  let found;
  try {
    found = await readLockFile(lockPath);
  } catch {
    return false;
  }
  if (!found || 'notALock' in found) return false;
  const st = { ino: found.ino };
  const text = found.text;
  if (!isStale(text, found.mtimeMs)) return false;
  const aside = tempName(path.dirname(lockPath), fileBaseOfLock(lockPath));
  try {
    await fsp.rename(lockPath, aside);
  } catch {
    tempDone(aside);
    return false; // someone else took it over or its owner removed it
  }
  let movedText: string | undefined;
  let movedIno: number | undefined;
  try {
    const moved = await readLockFile(aside);
    if (moved && !('notALock' in moved)) {
      movedIno = moved.ino;
      movedText = moved.text;
    }
  } catch {
    /* fall through: treat as not ours */
  }
  if (movedIno === st.ino && movedText === text) {
    await fsp.unlink(aside).catch(() => undefined);
    tempDone(aside);
    return true;
  }
  // We moved a lock created after our look: put it back unless a newer one exists.
  await fsp.link(aside, lockPath).catch(() => undefined);
  await fsp.unlink(aside).catch(() => undefined);
  tempDone(aside);
  return false;
}

export interface Lock {
  path: string;
  release(): Promise<void>;
}

/**
 * Take the lock of `file`, waiting (with jitter) while another live process holds it.
 * Throws LockError with a one-line reason when the folder does not allow it or it stays
 * held past `timeoutMs`.
 */
export async function acquireLock(file: string, timeoutMs = DEFAULT_LOCK_TIMEOUT_MS): Promise<Lock> {
  const lockPath = lockPathFor(file);
  const nonce = randomBytes(8).toString('hex');
  const content = `${process.pid} ${HOST_TAG} ${nonce}\n`;
  const deadline = Date.now() + timeoutMs;
  for (let attempt = 0; ; attempt++) {
    let ino: number | undefined;
    try {
      ino = await tryCreate(lockPath, content);
    } catch (e) {
      const d = describeFsError(e);
      throw new LockError(`cannot create the lock file ${lockPath}: ${d.reason}; the original is unchanged`, d.code ?? 'ELOCK');
    }
    if (ino !== undefined) {
      heldNonces.add(nonce);
      return {
        path: lockPath,
        async release() {
          heldNonces.delete(nonce);
          // Remove it only if it is still ours (a takeover after STALE_MS could have replaced it).
          const now = await fsp.lstat(lockPath).catch(() => undefined);
          if (now?.ino === ino) await fsp.unlink(lockPath).catch(() => undefined);
        },
      };
    }
    // Something that is not a lock file of ours holds the name: say so at once, never wait on it.
    const there = await readLockFile(lockPath).catch(() => undefined);
    if (there && 'notALock' in there)
      throw new LockError(`${lockPath} is ${there.notALock}, not a lock file of nnunet-doctor's; remove it to let --fix write`, 'ENOTLOCK');
    if (await removeStaleLock(lockPath)) continue;
    if (Date.now() > deadline) {
      const holder = parseOwner(there && 'text' in there ? there.text : '');
      const who = holder ? `process ${holder.pid}${holder.host === HOST_TAG ? '' : ' on another host'}` : 'another process';
      throw new LockError(
        `${who} still holds ${lockPath} after ${Math.round(timeoutMs / 1000)} s; run again later (delete the lock file if no nnunet-doctor is running)`,
        'ELOCKED',
      );
    }
    await sleep(Math.min(50, 2 + attempt) + Math.random() * 5);
  }
}

/** Run `fn` while holding the lock of `file`; the lock is always released. */
export async function withFileLock<T>(file: string, fn: () => Promise<T>, timeoutMs?: number): Promise<T> {
  const lock = await acquireLock(file, timeoutMs);
  try {
    return await fn();
  } finally {
    await lock.release();
  }
}
