/**
 * File-level helpers shared by header reads and scans: format from the file name,
 * partial reads of the first bytes, partial gunzip, text headers, data-file paths.
 */
import { open, stat } from 'node:fs/promises';
import { dirname, isAbsolute, join } from 'node:path';
import zlib from 'node:zlib';
import { CorruptImageError, UnsupportedFormatError } from './errors.js';

/** File families this library reads. */
export type FileKind = 'nifti' | 'nrrd' | 'mha' | 'png';

const ENDINGS: ReadonlyArray<[string, FileKind]> = [
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
export function fileKind(path: string): FileKind {
  const lower = path.toLowerCase();
  for (const [ending, kind] of ENDINGS) if (lower.endsWith(ending)) return kind;
  const m = /(\.[^./\\]+)+$/.exec(path.slice(path.lastIndexOf('/') + 1));
  throw new UnsupportedFormatError(
    `cannot read ${m ? `"${m[0]}"` : 'extension-less'} files (supported: ${SUPPORTED_ENDINGS.join(', ')})`,
  );
}

/** True when the bytes start with the gzip magic number. */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** Reads up to `length` bytes from `offset` (fewer at the end of the file). */
export async function readRange(path: string, offset: number, length: number): Promise<Buffer> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(length);
    let got = 0;
    while (got < length) {
      const { bytesRead } = await fh.read(buf, got, length - got, offset + got);
      if (bytesRead === 0) break;
      got += bytesRead;
    }
    return buf.subarray(0, got);
  } finally {
    await fh.close();
  }
}

/**
 * Decompresses as much of a gzip prefix as possible (the rest of the file is not
 * needed for a header). Multi-member files and a complete small file work too.
 * @throws CorruptImageError for data that is not valid gzip.
 */
export function gunzipPrefix(prefix: Uint8Array): Buffer {
  try {
    return zlib.gunzipSync(prefix, { finishFlush: zlib.constants.Z_SYNC_FLUSH });
  } catch (err) {
    throw new CorruptImageError(`corrupt gzip data: ${(err as Error).message}`);
  }
}

const MAX_PREFIX = 1 << 24;

/**
 * Reads the first `need` bytes of the file's content, gunzipping when the file is
 * gzip-compressed. Reads the file in growing pieces (4 KiB, 64 KiB, 1 MiB, ...) so a
 * header costs one small read. Returns fewer bytes only when the content is shorter.
 */
export async function readContentPrefix(path: string, need: number): Promise<{ bytes: Buffer; gzip: boolean }> {
  let size = 4096;
  for (;;) {
    const raw = await readRange(path, 0, size);
    const gzip = isGzip(raw);
    const bytes = gzip ? gunzipPrefix(raw) : raw;
    if (bytes.length >= need || raw.length < size || size >= MAX_PREFIX) return { bytes, gzip };
    size *= 16;
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

/** Resolves a detached data file name against the header file's folder. */
export function siblingPath(headerPath: string, dataFile: string): string {
  return isAbsolute(dataFile) ? dataFile : join(dirname(headerPath), dataFile);
}

/** File size in bytes. */
export async function fileSize(path: string): Promise<number> {
  return (await stat(path)).size;
}
