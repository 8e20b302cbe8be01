/**
 * File-level helpers shared by header reads and scans: format from the file name,
 * partial reads of the first bytes (regular files only), partial gunzip, text headers.
 */
import { pipeline } from 'node:stream';
import zlib from 'node:zlib';
import { CorruptImageError, UnsupportedFormatError } from './errors.js';
import { openRegularFile, type RegularFile } from './open.js';

/** File families this library reads. */
export type ImageFamily = 'nifti' | 'nrrd' | 'mha' | 'png';

const ENDINGS: ReadonlyArray<[string, ImageFamily]> = [
  ['.nii.gz', 'nifti'],
  ['.nii', 'nifti'],
  ['.nrrd', 'nrrd'],
  ['.nhdr', 'nrrd'],
  ['.mha', 'mha'],
  ['.mhd', 'mha'],
  ['.png', 'png'],
];

/** The supported endings, for messages. */
export const SUPPORTED_ENDINGS = ENDINGS.map(([e]) => e);

/**
 * The file family for a path, from its ending (case-insensitive).
 * @throws UnsupportedFormatError for any other ending (.tif, .gipl, .bmp, ...).
 */
export function imageFamily(path: string): ImageFamily {
  const lower = path.toLowerCase();
  for (const [ending, kind] of ENDINGS) if (lower.endsWith(ending)) return kind;
  const m = /(\.[^./\\]+)+$/.exec(path.slice(path.lastIndexOf('/') + 1));
  throw new UnsupportedFormatError(`cannot read ${m ? `"${m[0]}"` : 'extension-less'} files (supported: ${SUPPORTED_ENDINGS.join(', ')})`);
}

/** True when the bytes start with the gzip magic number. */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** Up to `length` bytes of an open file from `offset` (fewer at its end; never more than it holds). */
export async function readFrom(file: RegularFile, offset: number, length: number): Promise<Buffer> {
  const buf = Buffer.alloc(Math.max(0, Math.min(length, file.size - offset)));
  let got = 0;
  while (got < buf.length) {
    const { bytesRead } = await file.handle.read(buf, got, buf.length - got, offset + got);
    if (bytesRead === 0) break;
    got += bytesRead;
  }
  return buf.subarray(0, got);
}

/**
 * Reads up to `length` bytes from `offset` (fewer at the end of the file). Only regular
 * files are opened ({@link openRegularFile}: a FIFO or device is refused, never read).
 */
export async function readRange(path: string, offset: number, length: number): Promise<Buffer> {
  const file = await openRegularFile(path);
  try {
    return await readFrom(file, offset, length);
  } finally {
    await file.handle.close();
  }
}

/** Piece size of the streamed gunzip of a header. */
const PREFIX_PIECE = 1 << 16;

/**
 * The first `need` bytes of a gzip file's content, or fewer when it is shorter or cut
 * short. Streamed, and stopped once `need` bytes are out: a header read costs a few KB,
 * and data that inflates enormously (a gzip bomb) is never inflated beyond them.
 * @throws CorruptImageError for data that is not valid gzip.
 */
async function gunzipPrefix(file: RegularFile, need: number): Promise<Buffer> {
  const src = file.handle.createReadStream({ highWaterMark: PREFIX_PIECE, autoClose: false });
  src.on('error', () => {}); // reported through the iteration of `z`
  const z = pipeline(src, zlib.createGunzip({ chunkSize: PREFIX_PIECE }), () => {});
  const parts: Buffer[] = [];
  let have = 0;
  try {
    for await (const piece of z) {
      parts.push(piece as Buffer);
      have += (piece as Buffer).length;
      if (have >= need) break;
    }
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    const cutShort = e.code === 'Z_BUF_ERROR' || /unexpected end/i.test(e.message);
    if (!cutShort) throw e.code?.startsWith('Z_') ? new CorruptImageError(`corrupt gzip data: ${e.message}`) : err;
  } finally {
    z.destroy();
    src.destroy();
  }
  return Buffer.concat(parts);
}

/**
 * Reads the first `need` bytes of the file's content, gunzipping when the file is
 * gzip-compressed. Returns fewer bytes only when the content is shorter.
 */
export async function readContentPrefix(path: string, need: number): Promise<{ bytes: Buffer; gzip: boolean }> {
  const file = await openRegularFile(path);
  try {
    const gzip = isGzip(await readFrom(file, 0, 2));
    return { bytes: gzip ? await gunzipPrefix(file, need) : await readFrom(file, 0, need), gzip };
  } finally {
    await file.handle.close();
  }
}

/** Largest text header accepted (NRRD / MetaImage), to fail fast on binary junk. */
const MAX_TEXT_HEADER = 1 << 20;

/**
 * Reads a text header from the start of a file until `findEnd` finds its end.
 * `end` is the byte offset of the data after an attached header; when the header
 * runs to the end of the file (a detached `.nhdr`/`.mhd`), `end` is the file length.
 * @throws CorruptImageError when no end is found within 1 MiB.
 */
export async function readTextHeader(
  path: string,
  findEnd: (bytes: Uint8Array) => number | undefined,
  what: string,
): Promise<{ text: string; end: number; atEof: boolean }> {
  let size = 4096;
  for (;;) {
    const raw = await readRange(path, 0, size);
    const end = findEnd(raw);
    if (end !== undefined) return { text: raw.subarray(0, end).toString('latin1'), end, atEof: false };
    if (raw.length < size) return { text: raw.toString('latin1'), end: raw.length, atEof: true };
    if (size >= MAX_TEXT_HEADER) throw new CorruptImageError(`${what} header not terminated within ${MAX_TEXT_HEADER} bytes`);
    size *= 16;
  }
}
