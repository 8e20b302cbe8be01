/**
 * A PNG encoder for tests, written from the PNG specification independently of the
 * decoder under test (src/images/png-rows.ts): every colour type and bit depth, Adam7
 * interlacing, each filter type (or all of them in turn), IDAT split into small chunks.
 * The image is given as a function of pixel position, so a test knows every stored value.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import zlib from 'node:zlib';

export interface PngSpec {
  width: number;
  height: number;
  /** 0 grey, 2 RGB, 3 palette, 4 grey+alpha, 6 RGBA. */
  colorType: number;
  bitDepth: number;
  interlaced?: boolean;
  /** PLTE as RGB triplets (palette images). */
  palette?: Uint8Array;
  /** tRNS bytes (palette images: alpha per entry). */
  transparency?: Uint8Array;
  /** Filter type for every row, or 'cycle' for 0,1,2,3,4,0,... (default 0). */
  filter?: number | 'cycle';
  /** Bytes per IDAT chunk (default 97: many chunks, splits anywhere). */
  idatSize?: number;
}

/** Stored value of sample `s` of pixel (x, y): a grey/colour value, or a palette index. */
export type SampleFn = (x: number, y: number, s: number) => number;

const SAMPLES: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

/** Adam7 passes: first column, first row, column step, row step (PNG spec 8.2). */
const ADAM7 = [
  [0, 0, 8, 8],
  [4, 0, 8, 8],
  [0, 4, 4, 8],
  [2, 0, 4, 4],
  [0, 2, 2, 4],
  [1, 0, 2, 2],
  [0, 1, 1, 2],
] as const;

/** The pixel positions of each reduced image, in file order (a plain image is one). */
export function passLayout(spec: Pick<PngSpec, 'width' | 'height' | 'interlaced'>): Array<{ xs: number[]; ys: number[] }> {
  const range = (start: number, step: number, end: number): number[] => {
    const out: number[] = [];
    for (let v = start; v < end; v += step) out.push(v);
    return out;
  };
  if (!spec.interlaced) return [{ xs: range(0, 1, spec.width), ys: range(0, 1, spec.height) }];
  return ADAM7.map(([x0, y0, dx, dy]) => ({ xs: range(x0, dx, spec.width), ys: range(y0, dy, spec.height) })).filter((p) => p.xs.length && p.ys.length);
}

/** Packs one row of stored values (samples in pixel order) at the spec's bit depth. */
function packRow(values: number[], depth: number): Uint8Array {
  const out = new Uint8Array(Math.ceil((values.length * depth) / 8));
  values.forEach((v, i) => {
    if (depth === 16) {
      out[2 * i] = v >> 8;
      out[2 * i + 1] = v & 0xff;
    } else if (depth === 8) out[i] = v;
    else {
      const bit = i * depth;
      out[bit >> 3]! |= v << (8 - depth - (bit & 7));
    }
  });
  return out;
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/** Applies filter `type` to `raw` against the previous raw row `prior` (zeros at a pass start). */
function filterRow(type: number, raw: Uint8Array, prior: Uint8Array, bpp: number): Uint8Array {
  const out = new Uint8Array(1 + raw.length);
  out[0] = type;
  for (let i = 0; i < raw.length; i++) {
    const a = i >= bpp ? raw[i - bpp]! : 0;
    const b = prior[i] ?? 0;
    const c = i >= bpp ? (prior[i - bpp] ?? 0) : 0;
    const pred = type === 0 ? 0 : type === 1 ? a : type === 2 ? b : type === 3 ? (a + b) >> 1 : paeth(a, b, c);
    out[1 + i] = (raw[i]! - pred) & 0xff;
  }
  return out;
}

/** The filtered scanlines of the image, in file order, one call per row. */
export function* scanlines(spec: PngSpec, sample: SampleFn): Generator<Uint8Array> {
  const spp = SAMPLES[spec.colorType]!;
  const bpp = Math.max(1, (spp * spec.bitDepth) >> 3);
  let n = 0;
  for (const { xs, ys } of passLayout(spec)) {
    let prior: Uint8Array = new Uint8Array(0);
    for (const y of ys) {
      const values: number[] = [];
      for (const x of xs) for (let s = 0; s < spp; s++) values.push(sample(x, y, s));
      const raw = packRow(values, spec.bitDepth);
      const type = spec.filter === 'cycle' ? n++ % 5 : (spec.filter ?? 0);
      yield filterRow(type, raw, prior, bpp);
      prior = raw;
    }
  }
}

function chunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(data, zlib.crc32(head.subarray(4, 8))) >>> 0, 0);
  return Buffer.concat([head, data, crc]);
}

/** The chunks before the image data: signature, IHDR, PLTE, tRNS. */
export function pngPrelude(spec: PngSpec): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(spec.width, 0);
  ihdr.writeUInt32BE(spec.height, 4);
  ihdr[8] = spec.bitDepth;
  ihdr[9] = spec.colorType;
  ihdr[12] = spec.interlaced ? 1 : 0;
  const parts = [Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr)];
  if (spec.palette) parts.push(chunk('PLTE', spec.palette));
  if (spec.transparency) parts.push(chunk('tRNS', spec.transparency));
  return Buffer.concat(parts);
}

/** IDAT chunks of `size` bytes over the compressed data, then IEND. */
export function pngTail(compressed: Uint8Array, size: number): Buffer {
  const parts: Buffer[] = [];
  for (let i = 0; i < compressed.length; i += size) parts.push(chunk('IDAT', compressed.subarray(i, i + size)));
  parts.push(chunk('IEND', new Uint8Array(0)));
  return Buffer.concat(parts);
}

/** Encodes a whole (small) PNG in memory. */
export function encodePng(spec: PngSpec, sample: SampleFn): Buffer {
  const data = Buffer.concat([...scanlines(spec, sample)]);
  return Buffer.concat([pngPrelude(spec), pngTail(zlib.deflateSync(data), spec.idatSize ?? 97)]);
}

/**
 * Writes a big PNG to `path` in constant memory: rows are generated, deflated and written
 * one after another (IDAT chunks of 1 MiB). Returns the file size.
 */
export async function writeBigPng(path: string, spec: PngSpec, sample: SampleFn): Promise<number> {
  const out = createWriteStream(path);
  const write = async (b: Uint8Array): Promise<void> => {
    if (!out.write(b)) await once(out, 'drain');
  };
  let size = 0;
  const emit = async (b: Buffer): Promise<void> => {
    size += b.length;
    await write(b);
  };
  await emit(pngPrelude(spec));
  const z = zlib.createDeflate({ level: 6, chunkSize: 1 << 20 });
  const pending: Buffer[] = [];
  z.on('data', (c: Buffer) => pending.push(c));
  const flush = async (): Promise<void> => {
    while (pending.length) await emit(chunk('IDAT', pending.shift()!));
  };
  for (const line of scanlines(spec, sample)) {
    if (!z.write(line)) await once(z, 'drain');
    await flush();
  }
  z.end();
  await once(z, 'end');
  await flush();
  await emit(chunk('IEND', new Uint8Array(0)));
  out.end();
  await once(out, 'finish');
  return size;
}
