/**
 * PNG values: decodes the whole image with fast-png (2D label maps are small) and
 * counts samples as nnU-Net's NaturalImage2DIO sees them (skimage/imageio/Pillow):
 * palette images become RGB(A) colours, 2- and 4-bit grey are scaled to 8 bits by
 * Pillow, 1-bit grey reads as 0/1.
 */
import { convertIndexedToRgb, decode } from 'fast-png';
import { createCounter, HOST_LITTLE_ENDIAN, type CountResult } from './counter.js';
import { SAMPLE_BYTES, sampleLayout } from './datatypes.js';
import { CorruptImageError, UnsupportedFormatError } from './errors.js';
import { COLOR_TYPES, colorTypeOf, parsePngHeader, pngDataType, unpackGrey } from './png.js';
import type { ImageHeader } from './types.js';

/** Largest decoded PNG (the whole image is held in memory). */
const MAX_DECODED_BYTES = 512 * 1024 * 1024;

/** Result of decoding and counting one PNG. */
export interface PngCount {
  header: ImageHeader;
  counts: CountResult;
  /** Uncompressed sample bytes counted. */
  bytes: number;
  warnings: string[];
}

/**
 * Decodes a whole PNG file and counts its sample values.
 * @throws CorruptImageError when fast-png cannot decode it.
 */
export function countPng(file: Uint8Array): PngCount {
  const header = parsePngHeader(file);
  const sample = sampleLayout(header.datatype)?.sample ?? 'uint16';
  const decodedBytes = header.dims[0]! * header.dims[1]! * header.channels * SAMPLE_BYTES[sample];
  if (decodedBytes > MAX_DECODED_BYTES) {
    throw new UnsupportedFormatError(
      `PNG of ${header.dims.join('x')} pixels would decode to ${decodedBytes} bytes; not scanned (limit ${MAX_DECODED_BYTES})`,
    );
  }
  let png;
  try {
    png = decode(file, { checkCrc: true });
  } catch (err) {
    throw new CorruptImageError(`bad PNG: ${(err as Error).message}`);
  }
  const warnings: string[] = [];
  const pixels = png.width * png.height;
  let samples: Uint8Array | Uint16Array;
  let channels = png.channels;
  if (png.palette) {
    const rgb = convertIndexedToRgb(png);
    channels = png.palette[0]?.length ?? 3;
    samples = rgb;
    warnings.push(
      `palette PNG: counted its ${channels === 4 ? 'RGBA' : 'RGB'} colours, as nnU-Net's reader sees them; save label maps as 8-bit greyscale`,
    );
  } else if (png.depth < 8) {
    samples = unpackGrey(png.data as Uint8Array, png.width, png.height, png.depth, channels);
    if (png.depth > 1) warnings.push(`${png.depth}-bit greyscale PNG: values scaled to 0..255 as Pillow reads them`);
  } else {
    samples = png.data as Uint8Array | Uint16Array;
  }
  if (channels > 1 && !png.palette) {
    warnings.push(`${COLOR_TYPES[colorTypeOf(channels)]?.name ?? channels + '-channel'} PNG: every colour sample was counted; label maps should be single-channel greyscale`);
  }
  if (samples.length !== pixels * channels) {
    throw new CorruptImageError(`bad PNG: decoded ${samples.length} samples, expected ${pixels * channels}`);
  }
  const sampleType = samples.BYTES_PER_ELEMENT === 2 ? 'uint16' : 'uint8';
  const counter = createCounter(sampleType, HOST_LITTLE_ENDIAN); // fast-png returns host order
  counter.push(new Uint8Array(samples.buffer, samples.byteOffset, samples.byteLength));
  const headerOut: ImageHeader = {
    ...header,
    channels,
    datatype: pngDataType(png.palette ? 3 : channels >= 3 ? 2 : 0, png.depth < 8 ? 8 : png.depth, channels),
  };
  return { header: headerOut, counts: counter.result(), bytes: samples.byteLength, warnings };
}

