/**
 * The streaming PNG decoder (src/images/png-rows.ts) against an independent encoder
 * (png-writer.ts): every colour type and bit depth, plain and Adam7, every filter type,
 * IDAT split anywhere and input split anywhere; the rows put back together give exactly
 * the stored values. Memory: the decoder holds two rows, whatever the image size.
 * Damaged files give one clear error each.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from '@jest/globals';
import { decode as fastPngDecode } from 'fast-png';
import { CorruptImageError, scanLabelFile, UnsupportedFormatError } from '../../src/images/index.js';
import { parseIhdr } from '../../src/images/png.js';
import { adam7Pass, decodePngRows, PngChunkParser, pngPasses, PngUnfilter, type PngInfo, type PngRow } from '../../src/images/png-rows.js';
import { encodePng, passLayout, pngPrelude, pngTail, scanlines, writeBigPng, type PngSpec, type SampleFn } from './png-writer.js';
import { tempDir } from './reference.js';

const { dir, cleanup } = tempDir();
afterAll(cleanup);
let fileNo = 0;
const fileName = (): string => join(dir, `p${fileNo++}.png`);

/** The bytes in pieces of `size` (1: byte by byte), as an async source. */
// eslint-disable-next-line @typescript-eslint/require-await -- an async source, as a file stream is
async function* pieces(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

/** Decodes and puts every row back at its pixel positions: stored values, `[y][x * spp + s]`. */
async function decodeToValues(bytes: Uint8Array, split = 1 << 20): Promise<{ info: PngInfo; values: number[][] }> {
  let values: number[][] = [];
  const info = await decodePngRows(pieces(bytes, split), {
    onHeader: (i) => (values = Array.from({ length: i.height }, () => new Array<number>(i.width * i.samplesPerPixel).fill(-1))),
    onRow: (row, i) => {
      const { x0, y0, dx, dy } = row.pass ? adam7Pass(row.pass) : { x0: 0, y0: 0, dx: 1, dy: 1 };
      const spp = i.samplesPerPixel;
      for (let px = 0; px < row.width; px++) {
        for (let s = 0; s < spp; s++) {
          const k = px * spp + s;
          let v: number;
          if (i.bitDepth === 16) v = (row.data[2 * k]! << 8) | row.data[2 * k + 1]!;
          else if (i.bitDepth === 8) v = row.data[k]!;
          else v = (row.data[(k * i.bitDepth) >> 3]! >> (8 - i.bitDepth - ((k * i.bitDepth) & 7))) & ((1 << i.bitDepth) - 1);
          values[y0 + row.y * dy]![(x0 + px * dx) * spp + s] = v;
        }
      }
    },
  });
  return { info, values };
}

/** A pattern that uses the whole value range of the depth, varies with x, y and sample. */
const patternFor =
  (depth: number, entries = 0): SampleFn =>
  (x, y, s) => {
    const max = entries ? entries - 1 : depth === 16 ? 65535 : (1 << depth) - 1;
    return (x * 7 + y * 13 + s * 5 + ((x * y) % 11) * 977) % (max + 1);
  };

const COMBOS: Array<[colorType: number, depths: number[]]> = [
  [0, [1, 2, 4, 8, 16]],
  [2, [8, 16]],
  [3, [1, 2, 4, 8]],
  [4, [8, 16]],
  [6, [8, 16]],
];
const SPP: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

describe('decodePngRows gives back exactly the stored values', () => {
  const cases: Array<[number, number, boolean, number | 'cycle']> = [];
  for (const [ct, depths] of COMBOS)
    for (const d of depths) for (const il of [false, true]) for (const f of [0, 1, 2, 3, 4, 'cycle'] as const) cases.push([ct, d, il, f]);

  test.each(cases)('colour type %i, depth %i, interlaced %s, filter %s', async (colorType, bitDepth, interlaced, filter) => {
    const entries = colorType === 3 ? Math.min(1 << bitDepth, 200) : 0;
    const palette = colorType === 3 ? Uint8Array.from({ length: entries * 3 }, (_, i) => (i * 37) % 256) : undefined;
    // 13x11: odd sizes leave partial bytes at low depths and uneven Adam7 passes
    const spec: PngSpec = { width: 13, height: 11, colorType, bitDepth, interlaced, filter, palette };
    const sample = patternFor(bitDepth, entries);
    const png = encodePng(spec, sample);
    const { info, values } = await decodeToValues(png, 5);
    expect(info).toMatchObject({ width: 13, height: 11, bitDepth, colorType, interlaced, samplesPerPixel: SPP[colorType] });
    const spp = SPP[colorType]!;
    const expected = Array.from({ length: 11 }, (_, y) => Array.from({ length: 13 * spp }, (_, k) => sample(Math.floor(k / spp), y, k % spp)));
    expect(values).toEqual(expected);
  });

  test('tiny images: Adam7 passes without pixels are skipped (1x1, 2x1, 1x5, 3x9)', async () => {
    for (const [width, height] of [
      [1, 1],
      [2, 1],
      [1, 5],
      [3, 9],
    ] as const) {
      const spec: PngSpec = { width, height, colorType: 0, bitDepth: 8, interlaced: true, filter: 'cycle' };
      const sample: SampleFn = (x, y) => 1 + x + 10 * y;
      const { values } = await decodeToValues(encodePng(spec, sample), 3);
      expect(values).toEqual(Array.from({ length: height }, (_, y) => Array.from({ length: width }, (_, x) => sample(x, y, 0))));
      const passes = pngPasses({ width, height, interlaced: true, bitsPerPixel: 8 });
      expect(passes.map((p) => [p.width, p.height])).toEqual(passLayout({ width, height, interlaced: true }).map((p) => [p.xs.length, p.ys.length]));
    }
  });

  test('the same pixels as fast-png decodes (8-bit RGBA, Adam7, Paeth and the rest)', async () => {
    const spec: PngSpec = { width: 37, height: 23, colorType: 6, bitDepth: 8, interlaced: true, filter: 'cycle' };
    const sample = patternFor(8);
    const png = encodePng(spec, sample);
    const ref = fastPngDecode(png);
    const { values } = await decodeToValues(png);
    expect(values.flat()).toEqual(Array.from(ref.data as Uint8Array));
  });
});

describe('memory: a few rows, whatever the image', () => {
  test("a 2000x1500 16-bit image: rows are views of zlib's output chunks or of three own row buffers", async () => {
    const path = fileName();
    const spec: PngSpec = { width: 2000, height: 1500, colorType: 0, bitDepth: 16, filter: 'cycle' };
    await writeBigPng(path, spec, (x, y) => (x > 200 && x < 300 && y > 100 && y < 300 ? 3 : 0));
    const rowBytes = 2000 * 2;
    const chunkSize = 1 << 14; // smaller than 4 rows: many rows are split between chunks
    let rows = 0;
    let largest = 0;
    const { createReadStream } = await import('node:fs');
    await decodePngRows(
      createReadStream(path, { highWaterMark: 1 << 16 }),
      {
        onRow: (row: PngRow) => {
          rows++;
          largest = Math.max(largest, row.data.buffer.byteLength);
          expect(row.data.length).toBe(rowBytes);
        },
      },
      { chunkSize },
    );
    expect(rows).toBe(1500);
    // nothing bigger than one zlib chunk (or one row) is ever handed out or kept
    expect(largest).toBeLessThanOrEqual(Math.max(chunkSize, 1 + rowBytes));
  });

  test('PngUnfilter keeps three rows of its own, and the rows come out right for any split', () => {
    const spec: PngSpec = { width: 50, height: 40, colorType: 2, bitDepth: 8, filter: 'cycle' };
    const sample = patternFor(8);
    const lines = Buffer.concat([...scanlines(spec, sample)]);
    for (const piece of [1, 7, 151, 152, 153, 1000, lines.length]) {
      const got: number[] = [];
      const u = new PngUnfilter(parseIhdr(pngPrelude(spec).subarray(16, 29)), (row) => got.push(...row.data));
      const data = Buffer.from(lines); // un-filtered in place
      for (let i = 0; i < data.length; i += piece) u.push(data.subarray(i, i + piece));
      expect(u.done).toBe(true);
      expect(u.bufferBytes).toBe(3 * (1 + 150));
      expect(got).toEqual(Array.from({ length: 50 * 40 * 3 }, (_, k) => sample(Math.floor(k / 3) % 50, Math.floor(k / 150), k % 3)));
    }
  });

  test('the chunk parser never holds image data: IDAT pieces are passed on as they come', () => {
    const png = encodePng({ width: 64, height: 64, colorType: 0, bitDepth: 8, idatSize: 5000 }, patternFor(8));
    const seen: number[] = [];
    const parser = new PngChunkParser({ onChunk: () => {}, onImageData: (p) => seen.push(p.length) });
    for (let i = 0; i < png.length; i += 1000) parser.push(png.subarray(i, i + 1000));
    expect(parser.ended).toBe(true);
    expect(Math.max(...seen)).toBeLessThanOrEqual(1000);
  });
});

describe('damaged and unusual files', () => {
  const spec: PngSpec = { width: 16, height: 16, colorType: 0, bitDepth: 8, filter: 'cycle', idatSize: 50 };
  const good = (): Buffer => encodePng(spec, patternFor(8));
  const scan = (bytes: Uint8Array) => {
    const path = fileName();
    writeFileSync(path, bytes);
    return scanLabelFile(path);
  };

  test('a CRC error', async () => {
    const b = good();
    b[b.length - 30]! ^= 0xff; // inside the last IDAT chunk's data
    await expect(scan(b)).rejects.toThrow(/^bad PNG: CRC error in chunk IDAT/);
  });

  test('cut inside the image data, or inside the last chunk', async () => {
    const b = good();
    await expect(scan(b.subarray(0, 80))).rejects.toThrow(/^truncated PNG: the file ends inside a IDAT chunk \(file cut short\?\)$/);
    await expect(scan(b.subarray(0, b.length - 6))).rejects.toThrow(/^truncated PNG: the file ends inside a chunk header/);
    await expect(scan(b.subarray(0, b.length - 2))).rejects.toThrow(/^truncated PNG: the file ends inside a IEND chunk/);
    await expect(scan(b.subarray(0, 5))).rejects.toThrow(/^truncated PNG/);
  });

  test('an unknown filter type', async () => {
    const zlib = await import('node:zlib');
    const rows = Buffer.alloc(16 * 17);
    rows[17 * 3] = 9;
    const b = Buffer.concat([pngPrelude(spec), pngTail(zlib.deflateSync(rows), 100)]);
    await expect(scan(b)).rejects.toThrow('bad PNG: unknown filter type 9 in row 3 of 16');
  });

  test('image data that ends early, and data after the last row (ignored)', async () => {
    const zlib = await import('node:zlib');
    const short = Buffer.concat([pngPrelude(spec), pngTail(zlib.deflateSync(Buffer.alloc(17 * 10)), 100)]);
    await expect(scan(short)).rejects.toThrow('truncated PNG: the image data ends at row 10 of 16');
    const long = Buffer.concat([pngPrelude(spec), pngTail(zlib.deflateSync(Buffer.alloc(17 * 16 + 5000, 0)), 100)]);
    expect((await scan(long)).values).toEqual([{ value: 0, count: 256 }]);
  });

  test('corrupt zlib data', async () => {
    await expect(scan(Buffer.concat([pngPrelude(spec), pngTail(Buffer.from('definitely not zlib data'), 100)]))).rejects.toThrow(
      /^bad PNG: corrupt image data \(.*\) at row 0 of 16$/,
    );
  });

  test('palette: no PLTE, and an index beyond the palette', async () => {
    const p: PngSpec = { width: 4, height: 4, colorType: 3, bitDepth: 8 };
    await expect(scan(encodePng(p, () => 0))).rejects.toThrow('bad PNG: palette image without a PLTE chunk');
    await expect(scan(encodePng({ ...p, palette: Uint8Array.of(1, 2, 3, 4, 5, 6) }, (x) => x))).rejects.toThrow(
      'bad PNG: palette index 2, but the palette has 2 colours',
    );
  });

  test('bad IHDR: colour type and depth, zero size; an unknown critical chunk is unsupported', async () => {
    const b = good();
    const bad = (mutate: (x: Buffer) => void): Buffer => {
      const x = Buffer.from(b);
      mutate(x);
      return x;
    };
    await expect(scan(bad((x) => (x[24] = 16 + 3)))).rejects.toThrow(CorruptImageError); // depth 19 (and its CRC is now wrong)
    await expect(scan(pngPrelude({ ...spec, colorType: 2, bitDepth: 4 }))).rejects.toThrow('bad PNG: colour type 2 with bit depth 4');
    await expect(scan(pngPrelude({ ...spec, width: 0 }))).rejects.toThrow('bad PNG: image size 0x16');
    const zlib = await import('node:zlib');
    const crc = Buffer.alloc(4);
    const head = Buffer.from('\0\0\0\0ZZZZ', 'latin1');
    crc.writeUInt32BE(zlib.crc32(head.subarray(4)) >>> 0);
    const withChunk = Buffer.concat([b.subarray(0, 33), head, crc, b.subarray(33)]);
    await expect(scan(withChunk)).rejects.toThrow(new UnsupportedFormatError('PNG critical chunk ZZZZ is not supported'));
  });

  test('a header promising more pixels than the file can hold is an error before any inflating', async () => {
    const b = pngPrelude({ width: 100_000, height: 100_000, colorType: 0, bitDepth: 8 });
    await expect(scan(b)).rejects.toThrow(
      new CorruptImageError(
        `the header promises ${100_001 * 100_000} bytes of image data (100000x100000 pixels), more than ${b.length} compressed bytes can hold (at most ${b.length * 1032 + 65536}): wrong sizes in the header, or the file is cut short`,
      ),
    );
  });

  test('abort during one big piece of input stops within one inflated chunk', async () => {
    const png = encodePng({ width: 1000, height: 1000, colorType: 0, bitDepth: 8, idatSize: 1 << 20 }, () => 0);
    const ac = new AbortController();
    let rows = 0;
    const run = decodePngRows(pieces(png, png.length), { onRow: () => (++rows === 10 ? ac.abort() : undefined) }, { signal: ac.signal, chunkSize: 1 << 16 });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(rows).toBeLessThan(10 + 66); // the rest of the 64 KiB chunk being un-filtered, no more
  });

  test('abort stops the decoding', async () => {
    const ac = new AbortController();
    ac.abort();
    const b = good();
    await expect(decodePngRows(pieces(b, 10), { onRow: () => {} }, { signal: ac.signal })).rejects.toMatchObject({ name: 'AbortError' });
  });
});
