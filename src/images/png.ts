/**
 * PNG headers from the IHDR chunk (pure, no Node: the browser page uses it too).
 * Counting values decodes the image row by row: png-rows.ts (decoder) and png-count.ts.
 */
import { latin1 } from './bytes.js';
import { CorruptImageError } from './errors.js';
import type { DataTypeName, ImageHeader } from './types.js';

/** The PNG signature (8 bytes). */
export const PNG_SIGNATURE = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);

/** Bit depths allowed per colour type (PNG spec, table 11.1). */
const PNG_BIT_DEPTHS: Readonly<Record<number, readonly number[]>> = {
  0: [1, 2, 4, 8, 16], // grey
  2: [8, 16], // RGB
  3: [1, 2, 4, 8], // palette
  4: [8, 16], // grey + alpha
  6: [8, 16], // RGBA
};

/** Samples per stored pixel for each colour type (a palette pixel is one index). */
const PNG_SAMPLES_PER_PIXEL: Readonly<Record<number, number>> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

/** What the IHDR (and PLTE/tRNS) chunks say. */
export interface PngInfo {
  width: number;
  height: number;
  bitDepth: number;
  /** 0 grey, 2 RGB, 3 palette, 4 grey+alpha, 6 RGBA. */
  colorType: number;
  /** Adam7 interlaced (interlace method 1). */
  interlaced: boolean;
  /** Samples per stored pixel: 1 grey or palette index, 2 grey+alpha, 3 RGB, 4 RGBA. */
  samplesPerPixel: number;
  /** Bits per stored pixel (`samplesPerPixel * bitDepth`). */
  bitsPerPixel: number;
  /** PLTE: RGB triplets, when the file has one (required for palette images). */
  palette?: Uint8Array;
  /** tRNS as stored: palette images, alpha per palette entry (may be shorter than the palette). */
  transparency?: Uint8Array;
}

/**
 * Parses the 13 data bytes of an IHDR chunk.
 * @throws CorruptImageError for a zero size, an invalid colour type / bit depth pair, or
 *         an unknown compression, filter or interlace method.
 */
export function parseIhdr(data: Uint8Array): PngInfo {
  if (data.length !== 13) throw new CorruptImageError(`bad PNG: IHDR chunk of ${data.length} bytes, expected 13`);
  const dv = new DataView(data.buffer, data.byteOffset, data.length);
  const width = dv.getUint32(0);
  const height = dv.getUint32(4);
  const bitDepth = data[8]!;
  const colorType = data[9]!;
  if (width === 0 || height === 0 || width > 0x7fffffff || height > 0x7fffffff) {
    throw new CorruptImageError(`bad PNG: image size ${width}x${height}`);
  }
  if (!PNG_BIT_DEPTHS[colorType]?.includes(bitDepth)) {
    throw new CorruptImageError(`bad PNG: colour type ${colorType} with bit depth ${bitDepth}`);
  }
  if (data[10] !== 0) throw new CorruptImageError(`bad PNG: compression method ${data[10]}`);
  if (data[11] !== 0) throw new CorruptImageError(`bad PNG: filter method ${data[11]}`);
  if (data[12]! > 1) throw new CorruptImageError(`bad PNG: interlace method ${data[12]}`);
  const samplesPerPixel = PNG_SAMPLES_PER_PIXEL[colorType]!;
  return { width, height, bitDepth, colorType, interlaced: data[12] === 1, samplesPerPixel, bitsPerPixel: samplesPerPixel * bitDepth };
}

/** Signature + IHDR chunk (length, type, 13 data bytes, CRC). */
export const PNG_HEADER_BYTES = 33;

/** PNG colour types (IHDR) and samples per pixel as a reader returns them (palette: RGB). */
export const COLOR_TYPES: Readonly<Record<number, { name: string; channels: number }>> = {
  0: { name: 'grey', channels: 1 },
  2: { name: 'RGB', channels: 3 },
  3: { name: 'palette', channels: 3 },
  4: { name: 'grey+alpha', channels: 2 },
  6: { name: 'RGBA', channels: 4 },
};

/** The data type name of a PNG as read (palette images as their colours). */
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
  if (!PNG_SIGNATURE.every((b, i) => i >= bytes.length || bytes[i] === b)) throw new CorruptImageError('not a PNG file: bad signature');
  if (bytes.length < PNG_HEADER_BYTES) throw new CorruptImageError('truncated PNG: no complete IHDR chunk');
  if (latin1(bytes.subarray(12, 16)) !== 'IHDR') {
    throw new CorruptImageError('bad PNG: the first chunk is not IHDR');
  }
  const info = parseIhdr(bytes.subarray(16, 29));
  const ct = COLOR_TYPES[info.colorType]!;
  return {
    format: 'png',
    dims: [info.width, info.height],
    spacing: [1, 1],
    datatype: pngDataType(info.colorType, info.bitDepth, ct.channels),
    littleEndian: false,
    channels: ct.channels,
    is4D: false,
  };
}
