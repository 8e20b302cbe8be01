/**
 * Streams over open file handles, and the small stages every rewrite shares: hashing
 * what passes, and the temp file writer (test hooks, progress event, marking write errors).
 */
import type { createHash } from 'node:crypto';
import fs, { createReadStream, type promises as fsp } from 'node:fs';
import { Transform, Writable, type TransformCallback } from 'node:stream';
import { testEvent } from '../test-events.js';
import type { RepairHooks } from './commit.js';

const CHUNK = 1 << 20;

/**
 * fs functions for streams over a descriptor we own: `close` does nothing. A stream
 * destroyed early (a reader that stops at IEND, a failed pipeline) closes its descriptor
 * even with `autoClose: false`, and the handle's own close() would then fail with EBADF
 * or close a descriptor number reused meanwhile. The handle is closed by its owner.
 */
const KEEP_OPEN = {
  open: fs.open,
  read: fs.read,
  close: (_fd: number, cb: (err: NodeJS.ErrnoException | null) => void) => cb(null),
};

/** A read stream over an open handle, from byte 0; never closes it. */
export function readFrom(fh: fsp.FileHandle): NodeJS.ReadableStream & AsyncIterable<Buffer> {
  return createReadStream('', { fd: fh.fd, start: 0, highWaterMark: CHUNK, autoClose: false, fs: KEEP_OPEN });
}

/** A pass-through stage that hashes what goes through it. */
export function hashTap(hash: ReturnType<typeof createHash>): Transform {
  return new Transform({
    transform(chunk: Buffer, _enc, cb: TransformCallback) {
      hash.update(chunk);
      cb(null, chunk);
    },
  });
}

/** Marks errors of the temp-file writer, so they are reported as write failures. */
export class TempWriteError extends Error {
  constructor(cause: unknown) {
    super((cause as Error | undefined)?.message ?? String(cause), { cause });
  }
}

/**
 * The temp file as the last stage of a pipeline: writes each chunk at the next offset of
 * the open handle (all of it), calls the test hook first, reports each write as a test
 * event (kill tests stop there, mid-file), and marks its own failures as {@link TempWriteError} (errors of earlier
 * stages pass through unmarked).
 */
export function tempWriter(fh: fsp.FileHandle, tempPath: string, hooks: RepairHooks | undefined): Writable {
  let position = 0;
  return new Writable({
    highWaterMark: CHUNK,
    write(chunk: Buffer, _enc, cb: (e?: Error | null) => void) {
      const write = async () => {
        await hooks?.tempWrite?.(tempPath, position);
        testEvent('repair-writing', tempPath);
        for (let done = 0; done < chunk.length;) {
          const { bytesWritten } = await fh.write(chunk, done, chunk.length - done, position);
          done += bytesWritten;
          position += bytesWritten;
        }
      };
      write().then(
        () => cb(),
        (e: unknown) => cb(new TempWriteError(e)),
      );
    },
  });
}

/** fsync of the temp file; a failure (EIO, ENOSPC on some file systems) is a write failure. */
export async function syncTemp(fh: fsp.FileHandle): Promise<void> {
  try {
    await fh.sync();
  } catch (e) {
    throw new TempWriteError(e);
  }
}
