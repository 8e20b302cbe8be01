/**
 * PNG repairs on small generated masks (8- and 16-bit greyscale): values cross-checked
 * pixel by pixel with fast-png's decoder, every chunk other than IDAT kept byte for byte
 * (text and physical-size chunks, several IDAT chunks in the source), the bit depth
 * widened only when a remap needs it; other PNG layouts are refused for repair.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { decode, encode } from 'fast-png';
import { scanLabelFile } from '../../src/images/index.js';
import { applySegmentationRepair, planRemap } from '../../src/repair/index.js';
import { tempDir } from '../images/reference.js';
import { declared, leftovers, planFor } from './helpers.js';

let dir = '';
let cleanup = () => {};
beforeAll(() => {
  ({ dir, cleanup } = tempDir('nnunet-doctor-repair-png-'));
});
afterAll(() => cleanup());

function chunk(type: string, data: Uint8Array): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  out.set(data, 8);
  out.writeUInt32BE(zlib.crc32(out.subarray(4, 8 + data.length)) >>> 0, 8 + data.length);
  return out;
}

/** Splits a PNG into its chunks (raw). */
function chunks(png: Buffer): Buffer[] {
  const out: Buffer[] = [];
  for (let p = 8; p < png.length;) {
    const len = png.readUInt32BE(p);
    out.push(png.subarray(p, p + 12 + len));
    p += 12 + len;
  }
  return out;
}

const TEXT = chunk('tEXt', Buffer.from('Software\0kept by the repair', 'latin1'));
const PHYS = chunk('pHYs', Buffer.from([0, 0, 0x0b, 0x13, 0, 0, 0x0b, 0x13, 1]));

/**
 * A greyscale PNG with a tEXt and a pHYs chunk before the image data, its IDAT split in
 * two chunks, and a tEXt chunk after it.
 */
function writeMask(name: string, width: number, height: number, data: Uint8Array | Uint16Array, depth: 8 | 16): string {
  const png = Buffer.from(encode({ width, height, data, depth, channels: 1 }));
  const [ihdr, ...rest] = chunks(png);
  const idat = Buffer.concat(rest.filter((c) => c.toString('latin1', 4, 8) === 'IDAT').map((c) => c.subarray(8, c.length - 4)));
  const half = idat.length >> 1;
  const file = path.join(dir, 'labelsTr', name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(
    file,
    Buffer.concat([
      png.subarray(0, 8),
      ihdr!,
      TEXT,
      PHYS,
      chunk('IDAT', idat.subarray(0, half)),
      chunk('IDAT', idat.subarray(half)),
      TEXT,
      chunk('IEND', new Uint8Array(0)),
    ]),
  );
  return file;
}

/** A mask with a disc of `fg`. */
function disc(width: number, height: number, fg: number, Typed: Uint8ArrayConstructor | Uint16ArrayConstructor = Uint8Array) {
  const a = new Typed(width * height);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) if ((x - width / 2) ** 2 + (y - height / 2) ** 2 < (width / 3) ** 2) a[y * width + x] = fg;
  return a;
}

/** Non-IDAT chunks of a file, as stored. */
const around = (file: string) => chunks(fs.readFileSync(file)).filter((c) => c.toString('latin1', 4, 8) !== 'IDAT');

describe('PNG masks', () => {
  test('8-bit 0/255 -> 0/1: pixels mapped in place, every other chunk kept', async () => {
    const input = disc(37, 23, 255);
    const file = writeMask('case_000.png', 37, 23, input, 8);
    const aroundBefore = around(file);
    const plan = await planFor(file, declared('vessel'));
    expect(plan).toMatchObject({ applicability: 'unsafe', kinds: ['binary-mask'], mapping: [{ from: 255, to: 1 }], headerChanges: [], format: 'png' });
    expect(await applySegmentationRepair(plan!)).toMatchObject({ status: 'written' });
    const back = decode(fs.readFileSync(file));
    expect(back.depth).toBe(8);
    expect(Array.from(back.data)).toEqual(Array.from(input, (v) => (v ? 1 : 0)));
    expect(around(file)).toEqual(aroundBefore);
    expect(await planFor(file, declared('vessel'))).toBeUndefined();
    expect((await applySegmentationRepair(plan!)).status).toBe('unchanged');
    expect(leftovers(dir)).toEqual([]);
  });

  test('16-bit 0/65535 -> 0/1 stays 16-bit', async () => {
    const input = disc(20, 30, 65535, Uint16Array);
    const file = writeMask('case_001.png', 20, 30, input, 16);
    const plan = await planFor(file, declared('vessel'));
    expect(plan).toMatchObject({ kinds: ['binary-mask'], mapping: [{ from: 65535, to: 1 }] });
    expect((await applySegmentationRepair(plan!)).status).toBe('written');
    const back = decode(fs.readFileSync(file));
    expect(back.depth).toBe(16);
    expect(Array.from(back.data)).toEqual(Array.from(input, (v) => (v ? 1 : 0)));
  });

  test('remap to a value over 255 widens 8-bit to 16-bit (IHDR rewritten, its CRC too)', async () => {
    const input = disc(16, 16, 4);
    const file = writeMask('case_002.png', 16, 16, input, 8);
    const plan = planRemap({ path: file, display: 'x', scan: await scanLabelFile(file) }, [{ from: 4, to: 300 }]);
    expect(plan.headerChanges).toEqual([{ field: 'bit_depth', from: 8, to: 16 }]);
    expect((await applySegmentationRepair(plan)).status).toBe('written');
    const back = decode(fs.readFileSync(file), { checkCrc: true });
    expect(back.depth).toBe(16);
    expect(Array.from(back.data)).toEqual(Array.from(input, (v) => (v ? 300 : 0)));
  });

  test('anti-aliased edges: no repair, the reason given', async () => {
    const input = disc(32, 32, 255);
    for (let i = 0; i < input.length; i += 7) if (input[i] === 255 && input[i + 1] === 0) input[i + 1] = 128 + (i % 100);
    const file = writeMask('case_003.png', 32, 32, input, 8);
    const plan = await planFor(file, declared('vessel'));
    expect(plan).toMatchObject({ applicability: 'none', problem: 'anti-aliased' });
    expect(plan!.description).toMatch(/anti-aliased/);
  });

  test('RGB masks are not supported for repair', async () => {
    const file = path.join(dir, 'labelsTr', 'rgb.png');
    fs.writeFileSync(file, encode({ width: 4, height: 4, data: new Uint8Array(48).fill(255), channels: 3, depth: 8 }));
    const plan = await planFor(file, declared('vessel'));
    expect(plan).toMatchObject({ applicability: 'none', problem: 'multi-channel' });
    expect((await applySegmentationRepair(plan!)).status).toBe('not-applicable');
  });
});
