/**
 * PNG values, row by row ({@link decodePngRows}): counts samples as nnU-Net's
 * NaturalImage2DIO sees them (skimage/imageio/Pillow): palette images become RGB(A)
 * colours (RGBA when the file has tRNS), 2- and 4-bit grey are scaled to 8 bits by
 * Pillow, 1-bit grey reads as 0/1; grey+alpha, RGB and RGBA count every sample.
 * Counting needs no pixel positions, so interlaced passes are counted as they come.
 */
import { createCounter, type CountResult, type SampleCounter } from './counter.js';
import { CorruptImageError } from './errors.js';
import { COLOR_TYPES, pngDataType } from './png.js';
import { decodePngRows, type DecodePngOptions, type PngInfo, type PngRow } from './png-rows.js';
import type { ImageHeader, ValueCount } from './types.js';

/** Result of counting one PNG. */
export interface PngCount {
  header: ImageHeader;
  counts: CountResult;
  /** Sample bytes counted, as the image reads (palette expanded to colours). */
  bytes: number;
  warnings: string[];
}

/** Samples per pixel as read: palette images give RGB, or RGBA with tRNS. */
function pngChannelsAsRead(info: PngInfo): number {
  return info.colorType === 3 ? (info.transparency ? 4 : 3) : info.samplesPerPixel;
}

/** The image header of a decoded PNG, with channels and data type as read. */
function pngImageHeader(info: PngInfo): ImageHeader {
  const channels = pngChannelsAsRead(info);
  return {
    format: 'png',
    dims: [info.width, info.height],
    spacing: [1, 1],
    datatype: pngDataType(info.colorType === 3 ? 3 : channels >= 3 ? 2 : 0, info.bitDepth === 16 ? 16 : 8, channels),
    littleEndian: false,
    channels,
    is4D: false,
  };
}

/**
 * Counts the values of one PNG's rows. Palette indices and 1/2/4-bit grey values are
 * counted raw (one byte each) and mapped to what a reader sees at the end; 8/16-bit
 * samples are counted directly (16-bit rows are big-endian).
 */
class PngValueCounter {
  private readonly counter: SampleCounter;
  /** Palette images and sub-byte grey: count raw values, map them in {@link result}. */
  private readonly indexed: boolean;
  private readonly scratch: Uint8Array;

  constructor(private readonly info: PngInfo) {
    this.indexed = info.colorType === 3 || info.bitDepth < 8;
    this.counter = createCounter(info.bitDepth === 16 ? 'uint16' : 'uint8', false);
    this.scratch = new Uint8Array(this.indexed && info.bitDepth < 8 ? info.width : 0);
  }

  /** Counts one row (as handed out by {@link decodePngRows}). */
  row(row: PngRow): void {
    const depth = this.info.bitDepth;
    if (depth >= 8) {
      this.counter.push(row.data);
      return;
    }
    const out = this.scratch.subarray(0, row.width);
    unpackRow(row.data, out, depth);
    this.counter.push(out);
  }

  /** Totals, mapped to the values a reader sees. */
  result(): CountResult {
    const raw = this.counter.result();
    if (!this.indexed) return raw;
    const info = this.info;
    if (info.colorType !== 3) {
      // sub-byte grey as Pillow reads it: 1-bit 0/1 (numpy bool), 2-bit x 85, 4-bit x 17
      const factor = info.bitDepth === 1 ? 1 : 255 / ((1 << info.bitDepth) - 1);
      return { ...raw, values: raw.values.map((v) => ({ value: v.value * factor, count: v.count })) };
    }
    return paletteCounts(raw, info);
  }
}

/** Unpacks a row of 1/2/4-bit values to one byte per value (no scaling). */
function unpackRow(packed: Uint8Array, out: Uint8Array, depth: number): void {
  const mask = (1 << depth) - 1;
  const perByte = 8 / depth;
  for (let x = 0; x < out.length; x++) {
    const byte = packed[(x / perByte) | 0]!;
    out[x] = (byte >>> (8 - depth * (1 + (x % perByte)))) & mask;
  }
}

/** Index counts -> colour sample counts (R, G, B and alpha when the file has tRNS). */
function paletteCounts(raw: CountResult, info: PngInfo): CountResult {
  const palette = info.palette!;
  const entries = palette.length / 3;
  const alpha = info.transparency;
  const channels = alpha ? 4 : 3;
  const table = new Float64Array(256);
  for (const { value: index, count } of raw.values) {
    if (index >= entries) throw new CorruptImageError(`bad PNG: palette index ${index}, but the palette has ${entries} colours`);
    table[palette[3 * index]!]! += count;
    table[palette[3 * index + 1]!]! += count;
    table[palette[3 * index + 2]!]! += count;
    if (alpha) table[alpha[index] ?? 255]! += count;
  }
  const values: ValueCount[] = [];
  table.forEach((count, value) => {
    if (count > 0) values.push({ value, count });
  });
  return { values, nonInteger: false, nan: false, nanCount: 0, samples: raw.samples * channels, tooManyValues: false };
}

/** The notes a scan reports about how a PNG was read. */
function pngWarnings(info: PngInfo): string[] {
  const channels = pngChannelsAsRead(info);
  if (info.colorType === 3) {
    return [`palette PNG: counted its ${channels === 4 ? 'RGBA' : 'RGB'} colours, as nnU-Net's reader sees them; save label maps as 8-bit greyscale`];
  }
  if (channels > 1) {
    return [
      `${COLOR_TYPES[info.colorType]?.name ?? `${channels}-channel`} PNG: every colour sample was counted; label maps should be single-channel greyscale`,
    ];
  }
  if (info.bitDepth > 1 && info.bitDepth < 8) return [`${info.bitDepth}-bit greyscale PNG: values scaled to 0..255 as Pillow reads them`];
  return [];
}

/**
 * Decodes a PNG from a stream of its bytes, row by row, and counts its sample values.
 * Memory: about two rows, whatever the image size.
 * @throws CorruptImageError for a damaged file (see {@link decodePngRows})
 */
export async function countPng(source: AsyncIterable<Uint8Array>, opts: DecodePngOptions = {}): Promise<PngCount> {
  let counter: PngValueCounter | undefined;
  const info = await decodePngRows(
    source,
    {
      onHeader: (i) => (counter = new PngValueCounter(i)),
      onRow: (row) => counter!.row(row),
    },
    opts,
  );
  const counts = counter!.result();
  const header = pngImageHeader(info);
  return { header, counts, bytes: counts.samples * (info.bitDepth === 16 ? 2 : 1), warnings: pngWarnings(info) };
}
