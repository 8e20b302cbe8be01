/**
 * gzip framing for rewritten `.nii.gz` files: the original member header (mtime, file
 * name, OS, extra fields) is kept byte for byte, followed by a new deflate stream and
 * its CRC-32/size trailer. Pure, apart from the streams it builds.
 */
import { Transform, type TransformCallback } from 'node:stream';
import zlib from 'node:zlib';

/**
 * The compression level repaired files are written with. Level 1 is what nibabel
 * writes by default (`Opener.default_compresslevel = 1`); label maps are long runs, so
 * it costs little size (measured in scripts/bench-repair.mjs) at a third of the time of
 * level 6, and nnU-Net reads any level.
 */
export const REPAIR_GZIP_LEVEL = 1;

/** The default member header: no name, mtime 0, XFL 4 (fastest), OS 3 (Unix). */
const DEFAULT_HEADER = Uint8Array.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 4, 3]);

/**
 * The first gzip member header of a file, as stored, from its first bytes; undefined
 * when the bytes do not hold a complete, valid header (the default header is then used).
 */
export function gzipMemberHeader(bytes: Uint8Array): Uint8Array | undefined {
  if (bytes.length < 10 || bytes[0] !== 0x1f || bytes[1] !== 0x8b || bytes[2] !== 8) return undefined;
  const flags = bytes[3]!;
  if (flags & 0xe0) return undefined; // reserved bits: not a header we understand
  let p = 10;
  if (flags & 4) {
    if (p + 2 > bytes.length) return undefined;
    p += 2 + (bytes[p]! | (bytes[p + 1]! << 8));
  }
  for (const bit of [8, 16]) {
    if (!(flags & bit)) continue;
    while (p < bytes.length && bytes[p] !== 0) p++;
    if (p >= bytes.length) return undefined;
    p++;
  }
  if (flags & 2) p += 2;
  return p <= bytes.length ? bytes.slice(0, p) : undefined;
}

/**
 * The stages that gzip a stream, for `stream.pipeline(source, ...stages, sink)`: a tap
 * computing CRC-32 and length of the uncompressed bytes (on this thread), raw deflate
 * (on libuv's thread pool), and a framer that writes `header` (or the default one)
 * first and the CRC/length trailer last.
 */
export function gzipStages(header: Uint8Array | undefined, level = REPAIR_GZIP_LEVEL): [Transform, zlib.DeflateRaw, Transform] {
  let crc = 0;
  let size = 0;
  const tap = new Transform({
    transform(chunk: Buffer, _enc, cb: TransformCallback) {
      crc = zlib.crc32(chunk, crc);
      size = (size + chunk.length) % 0x100000000;
      cb(null, chunk);
    },
  });
  const deflate = zlib.createDeflateRaw({ level, chunkSize: 1 << 18 });
  let headerSent = false;
  const sendHeader = (t: Transform) => {
    if (headerSent) return;
    headerSent = true;
    t.push(Buffer.from(header ?? DEFAULT_HEADER));
  };
  const frame = new Transform({
    transform(chunk: Buffer, _enc, cb: TransformCallback) {
      sendHeader(this);
      cb(null, chunk);
    },
    flush(cb: TransformCallback) {
      sendHeader(this);
      const trailer = Buffer.alloc(8);
      trailer.writeUInt32LE(crc >>> 0, 0);
      trailer.writeUInt32LE(size, 4);
      cb(null, trailer);
    },
  });
  return [tap, deflate, frame];
}
