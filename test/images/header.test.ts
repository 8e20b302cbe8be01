import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from '@jest/globals';
import { CorruptImageError, readImageHeader, UnsupportedFormatError } from '../../src/images/index.js';
import { writeMha, writeNifti, writeNrrd, writePng } from '../helpers/nifti.js';
import { tempDir } from './reference.js';

const { dir, cleanup } = tempDir();
afterAll(cleanup);
let fileNo = 0;
const fileName = (ext: string): string => join(dir, `h${fileNo++}${ext}`);

describe('NIfTI headers', () => {
  test.each([
    [false, true],
    [false, false],
    [true, true],
    [true, false],
  ])('nifti2=%s littleEndian=%s, 4D', async (nifti2, littleEndian) => {
    const path = fileName('.nii.gz');
    writeNifti(path, {
      dims: [5, 4, 3, 2],
      datatype: 'float32',
      data: [],
      spacing: [0.7, 0.8, 2.5, 1],
      nifti2,
      littleEndian,
      sclSlope: 2,
      sclInter: -1,
    });
    expect(await readImageHeader(path)).toEqual({
      format: nifti2 ? 'nifti2' : 'nifti1',
      dims: [5, 4, 3, 2],
      spacing: nifti2 ? [0.7, 0.8, 2.5, 1] : [Math.fround(0.7), Math.fround(0.8), 2.5, 1],
      datatype: 'float32',
      littleEndian,
      sclSlope: 2,
      sclInter: -1,
      voxOffset: nifti2 ? 544 : 352,
      channels: 2,
      is4D: true,
    });
  });

  test('reads only the start: a .nii.gz cut after a few KB still has a header', async () => {
    const path = fileName('.nii.gz');
    const data = new Uint8Array(256 * 256 * 64).map((_, i) => (i * 2654435761) >>> 28);
    const gz = writeNifti(path, { dims: [256, 256, 64], datatype: 'uint8', data });
    expect(gz.length).toBeGreaterThan(20 * 3000);
    writeFileSync(path, gz.subarray(0, 3000));
    expect(await readImageHeader(path)).toMatchObject({ dims: [256, 256, 64], datatype: 'uint8', is4D: false, channels: 1 });
  });

  test('corrupt headers', async () => {
    const path = fileName('.nii.gz');
    const gz = writeNifti(path, { dims: [2, 2, 2], datatype: 'uint8', data: [] });
    writeFileSync(path, gz.subarray(0, 30));
    await expect(readImageHeader(path)).rejects.toThrow(/^truncated NIfTI header/);
    writeFileSync(path, Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]));
    await expect(readImageHeader(path)).rejects.toThrow(CorruptImageError);
  });
});

describe('other formats', () => {
  test('NRRD attached and detached', async () => {
    const a = fileName('.nrrd');
    writeNrrd(a, { dims: [4, 3, 2], datatype: 'int16', data: [], spacing: [1, 2, 3], littleEndian: false, encoding: 'gzip' });
    const h = await readImageHeader(a);
    expect(h).toEqual({
      format: 'nrrd',
      dims: [4, 3, 2],
      spacing: [1, 2, 3],
      datatype: 'int16',
      littleEndian: false,
      channels: 1,
      is4D: false,
      voxOffset: expect.any(Number),
    });
    expect(readFileSync(a).subarray(h.voxOffset, h.voxOffset! + 2)).toEqual(Buffer.from([0x1f, 0x8b]));
    const d = fileName('.nhdr');
    writeNrrd(d, { dims: [4, 3, 2, 5], datatype: 'float32', data: [], detached: true });
    expect(await readImageHeader(d)).toMatchObject({ dims: [4, 3, 2, 5], is4D: true, channels: 5 });
  });

  test('MetaImage .mha and .mhd', async () => {
    const a = fileName('.mha');
    writeMha(a, { dims: [4, 3, 2], datatype: 'uint8', data: [], spacing: [0.5, 0.5, 1], compressed: true });
    expect(await readImageHeader(a)).toMatchObject({ format: 'mha', dims: [4, 3, 2], spacing: [0.5, 0.5, 1], datatype: 'uint8', channels: 1 });
    const d = fileName('.mhd');
    writeMha(d, { dims: [4, 3], datatype: 'float64', data: [], littleEndian: false, channels: 3 });
    expect(await readImageHeader(d)).toEqual({
      format: 'mha',
      dims: [4, 3],
      spacing: [1, 1],
      datatype: 'float64',
      littleEndian: false,
      channels: 3,
      is4D: false,
    });
  });

  test('PNG', async () => {
    const p = fileName('.png');
    writePng(p, { width: 640, height: 480, channels: 3, data: [] });
    expect(await readImageHeader(p)).toEqual({
      format: 'png',
      dims: [640, 480],
      spacing: [1, 1],
      datatype: 'rgb24',
      littleEndian: false,
      channels: 3,
      is4D: false,
    });
    const g = fileName('.png');
    writePng(g, { width: 3, height: 2, depth: 16, data: [] });
    expect(await readImageHeader(g)).toMatchObject({ datatype: 'uint16', channels: 1 });
  });

  test('unsupported endings', async () => {
    await expect(readImageHeader(join(dir, 'x.tif'))).rejects.toThrow(UnsupportedFormatError);
    await expect(readImageHeader(join(dir, 'x.nii.bz2'))).rejects.toThrow('cannot read ".nii.bz2" files');
  });
});
