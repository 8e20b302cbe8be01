/**
 * PNG headers from the IHDR chunk (pure). Counting values needs a full decode; that
 * is in png-count.ts, which loads fast-png only when a PNG is scanned.
 */
import { CorruptImageError } from './errors.js';
import type { DataTypeName, ImageHeader } from './types.js';

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
/** Signature + IHDR chunk (length, type, 13 data bytes, CRC). */
export const PNG_HEADER_BYTES = 33;

/** True when `bytes` start with the PNG signature. */
export function isPng(bytes: Uint8Array): boolean {
  return SIGNATURE.every((b, i) => bytes[i] === b);
}

/** PNG colour types (IHDR). */
export const COLOR_TYPES: Readonly<Record<number, { name: string; channels: number }>> = {
  0: { name: 'grey', channels: 1 },
  2: { name: 'RGB', channels: 3 },
  3: { name: 'palette', channels: 3 },
  4: { name: 'grey+alpha', channels: 2 },
  6: { name: 'RGBA', channels: 4 },
};

export function pngDataType(colorType: number, depth: number, channels: number): DataTypeName {
  if (channels <= 2) return depth === 16 ? 'uint16' : 'uint8';
  if (colorType === 3) return channels === 4 ? 'rgba32' : 'rgb24';
  if (depth === 16) return channels === 4 ? 'rgba64' : 'rgb48';
  return channels === 4 ? 'rgba32' : 'rgb24';
}

/**
 * Parses the signature and IHDR chunk (first 33 bytes).
 * @throws CorruptImageError when they are missing or invalid.
 */
export function parsePngHeader(bytes: Uint8Array): ImageHeader {
  if (!isPng(bytes)) throw new CorruptImageError('not a PNG file: bad signature');
  if (bytes.length < PNG_HEADER_BYTES) throw new CorruptImageError('truncated PNG: no complete IHDR chunk');
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  if (Buffer.from(bytes.subarray(12, 16)).toString('latin1') !== 'IHDR') {
    throw new CorruptImageError('bad PNG: the first chunk is not IHDR');
  }
  const width = dv.getUint32(16);
  const height = dv.getUint32(20);
  const depth = bytes[24]!;
  const colorType = bytes[25]!;
  const ct = COLOR_TYPES[colorType];
  if (!ct || ![1, 2, 4, 8, 16].includes(depth)) {
    throw new CorruptImageError(`bad PNG: colour type ${colorType} with bit depth ${depth}`);
  }
  return {
    format: 'png',
    dims: [width, height],
    spacing: [1, 1],
    datatype: pngDataType(colorType, depth, ct.channels),
    littleEndian: false,
    channels: ct.channels,
    is4D: false,
  };
}

/** The colour type with this many channels (no palette). */
export function colorTypeOf(channels: number): number {
  return channels === 2 ? 4 : channels === 3 ? 2 : channels === 4 ? 6 : 0;
}

/**
 * Unpacks 1/2/4-bit grey rows (each row padded to a byte) to one byte per pixel, the
 * way Pillow reads them: 1-bit as 0/1 (numpy bool), 2-bit x 85, 4-bit x 17.
 */
export function unpackGrey(packed: Uint8Array, width: number, height: number, depth: number, channels: number): Uint8Array {
  const out = new Uint8Array(width * height * channels);
  const rowBytes = Math.ceil((width * channels * depth) / 8);
  const mask = (1 << depth) - 1;
  const factor = depth === 1 ? 1 : 255 / mask;
  let o = 0;
  for (let y = 0; y < height; y++) {
    const row = y * rowBytes;
    for (let x = 0; x < width * channels; x++) {
      const bit = x * depth;
      const byte = packed[row + (bit >>> 3)]!;
      out[o++] = ((byte >>> (8 - depth - (bit & 7))) & mask) * factor;
    }
  }
  return out;
}
