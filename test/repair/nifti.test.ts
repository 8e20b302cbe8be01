/**
 * Golden tests of the NIfTI repairs on small generated volumes: every datatype, both byte
 * orders, NIfTI-1 and -2, .nii.gz and .nii. Each written file is cross-checked with an
 * independent reader (nifti-reader-js): its values voxel by voxel (the mapping applied
 * at each position) and its header bytes (identical to the original outside the fields
 * the repair changes, extension included); the gzip member header is kept too.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import fs from 'node:fs';
import path from 'node:path';
import type { SampleType } from '../../src/images/datatypes.js';
import { scanLabelFile } from '../../src/images/index.js';
import { applySegmentationRepair, planRemap } from '../../src/repair/index.js';
import { sampleCount } from '../helpers/nifti.js';
import { tempDir } from '../images/reference.js';
import { contentOf, declared, gzipWithName, leftovers, planFor, readBack, richNiftiBytes } from './helpers.js';

let dir = '';
let cleanup = () => {};
beforeAll(() => {
  ({ dir, cleanup } = tempDir('nnunet-doctor-repair-nifti-'));
});
afterAll(() => cleanup());

const DIMS = [6, 5, 4];
/** A mask: a block of `fg` in a volume of 0. */
const mask = (fg: number) => Array.from({ length: sampleCount(DIMS, 'uint8') }, (_, i) => (i % 6 >= 2 && i % 30 < 20 ? fg : 0));

const FOREGROUND: Record<SampleType, number> = {
  uint8: 255,
  int8: -1,
  uint16: 65535,
  int16: -1,
  uint32: 255,
  int32: -1,
  uint64: 255,
  int64: -1,
  float32: 255,
  float64: 255,
};

let n = 0;
function write(name: string, raw: Buffer, gzip: boolean): string {
  const file = path.join(dir, `${n++}`, 'labelsTr', name + (gzip ? '.nii.gz' : '.nii'));
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, gzip ? gzipWithName(raw, name + '.nii') : raw);
  return file;
}

/** Header bytes (up to vox_offset) of the uncompressed content. */
const headOf = (content: Buffer, nifti2: boolean) => content.subarray(0, nifti2 ? 560 : 368);

describe('binary mask 0/X -> 0/1 for every datatype, byte order, version and compression', () => {
  for (const datatype of Object.keys(FOREGROUND) as SampleType[]) {
    for (const littleEndian of [true, false]) {
      for (const nifti2 of [false, true]) {
        for (const gzip of [true, false]) {
          const name = `${datatype}-${littleEndian ? 'le' : 'be'}-v${nifti2 ? 2 : 1}${gzip ? '-gz' : ''}`;
          test(name, async () => {
            const fg = FOREGROUND[datatype];
            const input = mask(fg);
            const raw = richNiftiBytes({ dims: DIMS, datatype, data: input, littleEndian, nifti2 });
            const file = write(name, raw, gzip);
            const original = fs.readFileSync(file);
            const plan = await planFor(file, declared('liver'));
            expect(plan).toMatchObject({ applicability: 'unsafe', kinds: ['binary-mask'], mapping: [{ from: fg, to: 1 }], headerChanges: [] });
            const r = await applySegmentationRepair(plan!);
            expect(r).toMatchObject({ status: 'written' });

            // independent reader: each voxel mapped at its own position
            const back = readBack(file);
            expect(Array.from(back.samples)).toEqual(input.map((v) => (v === fg ? 1 : v)));
            expect(back.header.datatypeCode).toBe(readBack(file).header.datatypeCode);
            // header and extension byte for byte
            const content = contentOf(file);
            expect(headOf(content, nifti2)).toEqual(headOf(raw, nifti2));
            expect(content.length).toBe(raw.length);
            if (gzip) {
              // the gzip member header (name, mtime, OS) is the original's
              const head = 10 + name.length + 5;
              expect(fs.readFileSync(file).subarray(0, head)).toEqual(original.subarray(0, head));
            }
            // what --labels reads now: nothing to repair, and a second apply changes nothing
            expect(await planFor(file, declared('liver'))).toBeUndefined();
            const before = fs.readFileSync(file);
            expect((await applySegmentationRepair(plan!)).status).toBe('unchanged');
            expect(fs.readFileSync(file)).toEqual(before);
            expect(leftovers(dir)).toEqual([]);
          });
        }
      }
    }
  }
});

describe('float values that are integers up to rounding noise', () => {
  for (const datatype of ['float32', 'float64'] as const) {
    for (const littleEndian of [true, false]) {
      test(`${datatype} ${littleEndian ? 'LE' : 'BE'}: 0.99999994 -> 1, 2.0000002 -> 2, type kept`, async () => {
        const noisy = [0, Math.fround(0.99999994), 1, Math.fround(2.0000002), 2];
        const input = Array.from({ length: sampleCount(DIMS, 'uint8') }, (_, i) => noisy[i % 5]!);
        const raw = richNiftiBytes({ dims: DIMS, datatype, data: input, littleEndian });
        const file = write(`noise-${datatype}`, raw, true);
        const plan = await planFor(file, declared('a', 'b'));
        expect(plan).toMatchObject({ code: 'NNU402', kinds: ['float-noise'], headerChanges: [] });
        expect(plan!.mapping.map((c) => c.to).sort()).toEqual([1, 2]);
        expect((await applySegmentationRepair(plan!)).status).toBe('written');
        expect(Array.from(readBack(file).samples)).toEqual(input.map((v) => Math.round(v)));
        expect(headOf(contentOf(file), false)).toEqual(headOf(raw, false));
      });
    }
  }

  test('exactly integral floats (0.0, 14.0) need no repair', async () => {
    const file = write('integral', richNiftiBytes({ dims: DIMS, datatype: 'float32', data: mask(1) }), true);
    expect(await planFor(file, declared('a'))).toBeUndefined();
  });
});

describe('scl_slope/scl_inter that make the stored labels undeclared', () => {
  for (const nifti2 of [false, true]) {
    for (const littleEndian of [true, false]) {
      test(`stored 0/1/2 with slope 255 (v${nifti2 ? 2 : 1} ${littleEndian ? 'LE' : 'BE'}): scaling reset to 1/0, voxel data unchanged`, async () => {
        const input = Array.from({ length: sampleCount(DIMS, 'uint8') }, (_, i) => i % 3);
        const raw = richNiftiBytes({ dims: DIMS, datatype: 'int16', data: input, littleEndian, nifti2, sclSlope: 255 });
        const file = write(`scaled-${nifti2}-${littleEndian}`, raw, true);
        const plan = await planFor(file, declared('a', 'b'));
        expect(plan).toMatchObject({
          kinds: ['scaling'],
          mapping: [
            { from: 255, to: 1 },
            { from: 510, to: 2 },
          ],
        });
        expect(plan!.headerChanges).toEqual([
          { field: 'scl_slope', from: 255, to: 1 },
          { field: 'scl_inter', from: 0, to: 0 },
        ]);
        expect((await applySegmentationRepair(plan!)).status).toBe('written');
        const back = readBack(file);
        expect(back.header.scl_slope).toBe(1);
        expect(back.header.scl_inter).toBe(0);
        expect(Array.from(back.samples)).toEqual(input);
        // only scl_slope and scl_inter differ
        const content = contentOf(file);
        const changed = [...content.keys()].filter((i) => content[i] !== raw[i]);
        const slopeAt = nifti2 ? 176 : 112;
        expect(changed.every((i) => i >= slopeAt && i < slopeAt + (nifti2 ? 8 : 4))).toBe(true);
        expect((await scanLabelFile(file)).values.map((v) => v.value)).toEqual([0, 1, 2]);
      });
    }
  }

  test('0/255 stored with slope 1/255 already reads 0/1: no repair', async () => {
    const file = write('fine-scaling', richNiftiBytes({ dims: DIMS, datatype: 'uint8', data: mask(255), sclSlope: 1 / 255 }), true);
    expect(await planFor(file, declared('a'))).toBeUndefined();
  });
});

describe('remap beyond the stored type: widened the way nnU-Net writes segmentations', () => {
  test('uint8 4 -> 300 becomes uint16 (datatype 512, bitpix 16); other header bytes unchanged', async () => {
    const input = mask(4);
    const raw = richNiftiBytes({ dims: DIMS, datatype: 'uint8', data: input, littleEndian: false });
    const file = write('widen', raw, true);
    const plan = planRemap({ path: file, display: 'x', scan: await scanLabelFile(file) }, [{ from: 4, to: 300 }]);
    expect(plan.headerChanges).toEqual([
      { field: 'datatype', from: 'uint8', to: 'uint16' },
      { field: 'bitpix', from: 8, to: 16 },
    ]);
    expect((await applySegmentationRepair(plan)).status).toBe('written');
    const back = readBack(file);
    expect(back.header.datatypeCode).toBe(512);
    expect(back.header.numBitsPerVoxel).toBe(16);
    expect(Array.from(back.samples)).toEqual(input.map((v) => (v === 4 ? 300 : v)));
    const content = contentOf(file);
    const changed = [...headOf(content, false).keys()].filter((i) => content[i] !== raw[i]);
    expect(changed).toEqual([70, 71, 73]); // big-endian int16: datatype 0x0002 -> 0x0200, bitpix 8 -> 16
  });
});

test('bytes after the voxel data are kept', async () => {
  const raw = Buffer.concat([richNiftiBytes({ dims: DIMS, datatype: 'uint8', data: mask(255) }), Buffer.from('trailing bytes')]);
  const file = write('trailer', raw, true);
  const plan = await planFor(file, declared('a'));
  expect((await applySegmentationRepair(plan!)).status).toBe('written');
  expect(contentOf(file).subarray(-14).toString()).toBe('trailing bytes');
});
