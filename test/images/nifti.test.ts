import { readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import zlib from 'node:zlib';
import { afterAll, describe, expect, test } from '@jest/globals';
import { CorruptImageError, scanLabelFile, UnsupportedFormatError } from '../../src/images/index.js';
import { niftiBytes, writeNifti, type WriterDataType } from '../helpers/nifti.js';
import { countValues, niftiReaderSamples, tempDir } from './reference.js';

const { dir, cleanup } = tempDir();
afterAll(cleanup);

/** Values per data type, extremes included; patterns with runs and isolated voxels. */
const VALUES: Record<Exclude<WriterDataType, 'rgb24' | 'rgba32'>, number[]> = {
  uint8: [0, 1, 2, 255],
  int8: [-128, -1, 0, 5, 127],
  int16: [-32768, -1, 0, 1, 300, 32767],
  uint16: [0, 1, 256, 65535],
  int32: [-2147483648, -7, 0, 70000, 2147483647],
  uint32: [0, 5, 4294967295],
  int64: [-(2 ** 53 - 1), -1, 0, 2 ** 40],
  uint64: [0, 3, 2 ** 53 - 1],
  float32: [0, 1, 2.5, -3, Math.fround(1e30)],
  float64: [0, 1, 0.1, -1e300],
};

/** 6x5x4 = 120 samples: a run of zeros, then the values cycling with runs of 3. */
function pattern(values: number[], n = 120): number[] {
  return Array.from({ length: n }, (_, i) => (i < 30 ? 0 : values[Math.floor(i / 3) % values.length]!));
}

let fileNo = 0;
function fileName(ext: string): string {
  return join(dir, `v${fileNo++}${ext}`);
}

describe('every data type, both byte orders, gzip and plain, NIfTI-1 and NIfTI-2', () => {
  const cases: Array<[WriterDataType, boolean, boolean, boolean]> = [];
  for (const dt of Object.keys(VALUES) as Array<keyof typeof VALUES>) {
    for (const le of [true, false]) for (const gz of [true, false]) for (const v2 of [false, true]) cases.push([dt, le, gz, v2]);
  }
  test.each(cases)('%s littleEndian=%s gzip=%s nifti2=%s', async (datatype, littleEndian, gzip, nifti2) => {
    const data = pattern(VALUES[datatype as keyof typeof VALUES]);
    const path = fileName(gzip ? '.nii.gz' : '.nii');
    const file = writeNifti(path, { dims: [6, 5, 4], datatype, data, littleEndian, nifti2, spacing: [0.5, 0.75, 2] });
    const scan = await scanLabelFile(path);

    const expected = countValues(data);
    expect(scan.values).toEqual(expected.values);
    expect(scan.voxels).toBe(120);
    expect(scan.nonInteger).toBe(datatype.startsWith('float'));
    expect(scan.nan).toBe(false);
    expect(scan.bytesRead).toBe(file.length > 0 ? 120 * bytesOf(datatype) : 0);
    expect(scan.header).toMatchObject({
      format: nifti2 ? 'nifti2' : 'nifti1',
      dims: [6, 5, 4],
      spacing: [0.5, 0.75, 2],
      datatype,
      littleEndian,
      voxOffset: nifti2 ? 544 : 352,
      channels: 1,
      is4D: false,
    });
    // Independent reader, same file.
    const ref = niftiReaderSamples(readFileSync(path));
    expect(scan.values).toEqual(countValues(ref.samples).values);
  });
});

function bytesOf(dt: WriterDataType): number {
  return { uint8: 1, int8: 1, int16: 2, uint16: 2, int32: 4, uint32: 4, int64: 8, uint64: 8, float32: 4, float64: 8, rgb24: 3, rgba32: 4 }[dt];
}

describe('scl_slope / scl_inter', () => {
  test('integer outcome: uint8 0/1 mask with slope 2, inter 1 -> 1/3', async () => {
    const path = fileName('.nii.gz');
    const data = pattern([0, 1]);
    writeNifti(path, { dims: [6, 5, 4], datatype: 'uint8', data, sclSlope: 2, sclInter: 1 });
    const scan = await scanLabelFile(path);
    const zeros = data.filter((v) => v === 0).length;
    expect(scan.values).toEqual([
      { value: 1, count: zeros },
      { value: 3, count: 120 - zeros },
    ]);
    expect(scan.nonInteger).toBe(false);
    expect(scan.warnings.join()).toMatch(/scl_slope 2/);
    const ref = niftiReaderSamples(readFileSync(path));
    expect(scan.values).toEqual(countValues(ref.samples, ref.scaling).values);
  });

  test('non-integer outcome: int16 with slope 0.5', async () => {
    const path = fileName('.nii.gz');
    const data = pattern([0, 1, 2, 3]);
    writeNifti(path, { dims: [6, 5, 4], datatype: 'int16', data, sclSlope: 0.5, sclInter: 0 });
    const scan = await scanLabelFile(path);
    expect(scan.nonInteger).toBe(true);
    expect(scan.values.map((v) => v.value)).toEqual([0, 0.5, 1, 1.5]);
    const ref = niftiReaderSamples(readFileSync(path));
    expect(scan.values).toEqual(countValues(ref.samples, ref.scaling).values);
  });

  test('slope 1 inter 0 and slope 0 mean no scaling; NIfTI-2 big-endian scaling', async () => {
    for (const [sclSlope, sclInter] of [
      [1, 0],
      [0, 5],
    ] as const) {
      const path = fileName('.nii');
      writeNifti(path, { dims: [2, 2, 1], datatype: 'uint8', data: [0, 1, 2, 2], sclSlope, sclInter });
      const scan = await scanLabelFile(path);
      expect(scan.values.map((v) => v.value)).toEqual([0, 1, 2]);
      expect(scan.warnings).toEqual([]);
    }
    const path = fileName('.nii.gz');
    writeNifti(path, { dims: [2, 2, 1], datatype: 'int32', data: [0, 1, 2, 2], sclSlope: 0.25, sclInter: 10, nifti2: true, littleEndian: false });
    const scan = await scanLabelFile(path);
    expect(scan.values).toEqual([
      { value: 10, count: 1 },
      { value: 10.25, count: 1 },
      { value: 10.5, count: 2 },
    ]);
  });

  test('scaled values are float32 like ITK: 10 * 0.1f is exactly 1', async () => {
    const path = fileName('.nii');
    writeNifti(path, { dims: [2, 1, 1], datatype: 'uint8', data: [0, 10], sclSlope: 0.1 });
    const scan = await scanLabelFile(path);
    expect(scan.values).toEqual([
      { value: 0, count: 1 },
      { value: 1, count: 1 },
    ]);
    expect(scan.nonInteger).toBe(false);
  });
});

describe('float volumes', () => {
  test.each([['float32'], ['float64']] as const)('%s NaN, -0, Infinity', async (datatype) => {
    const path = fileName('.nii.gz');
    const data = [0, -0, NaN, NaN, 1, 1, Infinity, NaN];
    writeNifti(path, { dims: [2, 2, 2], datatype, data, littleEndian: false });
    const scan = await scanLabelFile(path);
    expect(scan.values).toEqual([
      { value: 0, count: 2 },
      { value: 1, count: 2 },
      { value: Infinity, count: 1 },
    ]);
    expect(scan.nan).toBe(true);
    expect(scan.nanCount).toBe(3);
    expect(scan.voxels).toBe(8);
    expect(scan.nonInteger).toBe(true); // Infinity is not an integer label
    const ref = niftiReaderSamples(readFileSync(path));
    expect(countValues(ref.samples)).toEqual({ values: scan.values, nanCount: 3 });
  });

  test('integral floats are not flagged', async () => {
    const path = fileName('.nii.gz');
    writeNifti(path, { dims: [3, 1, 1], datatype: 'float32', data: [0, 1, 2] });
    const scan = await scanLabelFile(path);
    expect(scan.nonInteger).toBe(false);
    expect(scan.nan).toBe(false);
  });
});

test('0/255 mask', async () => {
  const path = fileName('.nii.gz');
  const data = Array.from({ length: 64 * 64 * 8 }, (_, i) => (i % 64 > 20 && i % 64 < 40 ? 255 : 0));
  writeNifti(path, { dims: [64, 64, 8], datatype: 'uint8', data });
  const scan = await scanLabelFile(path);
  expect(scan.values).toEqual([
    { value: 0, count: 64 * 64 * 8 - 19 * 64 * 8 },
    { value: 255, count: 19 * 64 * 8 },
  ]);
});

describe('multi-chunk volumes (several 1 MiB gunzip chunks, samples straddling chunk borders)', () => {
  test.each([
    ['int16', 353, 1201],
    ['float64', 355, 301],
    ['uint8', 352, 1201],
  ] as const)('%s with vox_offset %d, %dx1000 voxels', async (datatype, voxOffset, rows) => {
    const n = rows * 1000;
    const values = datatype === 'int16' ? [-5, 0, 1, 2, 1000] : datatype === 'float64' ? [0, 1, 2.5, 7] : [0, 1, 2, 3, 200];
    const data = datatype === 'int16' ? new Int16Array(n) : datatype === 'float64' ? new Float64Array(n) : new Uint8Array(n);
    for (let i = 0; i < n; i++) data[i] = i % 1000 < 700 ? 0 : values[(i * 7919) % values.length]!;
    for (const gzip of [true, false]) {
      const path = fileName(gzip ? '.nii.gz' : '.nii');
      writeNifti(path, { dims: [1000, rows, 1], datatype, data, voxOffset });
      const scan = await scanLabelFile(path);
      expect(scan.values).toEqual(countValues(data).values);
      expect(scan.voxels).toBe(n);
      expect(scan.bytesRead).toBe(n * bytesOf(datatype));
      expect(scan.header.voxOffset).toBe(voxOffset);
      if (gzip) {
        const ref = niftiReaderSamples(readFileSync(path));
        expect(scan.values).toEqual(countValues(ref.samples).values);
      }
    }
  });
});

describe('4D and colour', () => {
  test('4D MSD-style image: dims, channels, is4D; all samples counted', async () => {
    const path = fileName('.nii.gz');
    writeNifti(path, { dims: [3, 2, 2, 4], datatype: 'int16', data: Array.from({ length: 48 }, (_, i) => i % 4) });
    const scan = await scanLabelFile(path);
    expect(scan.header).toMatchObject({ dims: [3, 2, 2, 4], channels: 4, is4D: true });
    expect(scan.multiChannel).toBe(true);
    expect(scan.values).toEqual([0, 1, 2, 3].map((value) => ({ value, count: 12 })));
  });

  test('dim[4] = 1 is not 4D', async () => {
    const path = fileName('.nii.gz');
    writeNifti(path, { dims: [3, 2, 2, 1], datatype: 'uint8', data: [1] });
    const scan = await scanLabelFile(path);
    expect(scan.header).toMatchObject({ dims: [3, 2, 2, 1], channels: 1, is4D: false });
  });

  test('rgb24 counts every colour sample', async () => {
    const path = fileName('.nii.gz');
    writeNifti(path, { dims: [2, 1, 1], datatype: 'rgb24', data: [255, 0, 0, 0, 0, 0] });
    const scan = await scanLabelFile(path);
    expect(scan.header).toMatchObject({ datatype: 'rgb24', channels: 3 });
    expect(scan.values).toEqual([
      { value: 0, count: 5 },
      { value: 255, count: 1 },
    ]);
  });
});

describe('broken files', () => {
  test('truncated plain .nii', async () => {
    const path = fileName('.nii');
    writeNifti(path, { dims: [32, 32, 32], datatype: 'int16', data: [] });
    truncateSync(path, 352 + 1000);
    await expect(scanLabelFile(path)).rejects.toThrow(new CorruptImageError('truncated: expected 65536 voxel bytes, got 1000 (file cut short?)'));
  });

  test('truncated .nii.gz', async () => {
    const path = fileName('.nii.gz');
    const data = Array.from({ length: 64 * 64 * 64 }, (_, i) => (i * 2654435761) % 7);
    const gz = writeNifti(path, { dims: [64, 64, 64], datatype: 'uint8', data });
    writeFileSync(path, gz.subarray(0, gz.length >> 1));
    const err = await scanLabelFile(path).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CorruptImageError);
    expect((err as Error).message).toMatch(/^truncated: compressed data ends after \d+ of 262144 voxel bytes \(file cut short\?\)$/);
  });

  test('gzip trailer cut off (all voxels present) is still reported', async () => {
    const path = fileName('.nii.gz');
    const gz = writeNifti(path, { dims: [4, 4, 4], datatype: 'uint8', data: [1, 2] });
    writeFileSync(path, gz.subarray(0, gz.length - 4));
    await expect(scanLabelFile(path)).rejects.toThrow(CorruptImageError);
  });

  test('gzip cut inside the header', async () => {
    const path = fileName('.nii.gz');
    const gz = writeNifti(path, { dims: [8, 8, 8], datatype: 'int16', data: [3] });
    writeFileSync(path, gz.subarray(0, 30));
    await expect(scanLabelFile(path)).rejects.toThrow(/^truncated: /);
  });

  test('truncated header', async () => {
    const path = fileName('.nii.gz');
    writeFileSync(path, zlib.gzipSync(niftiBytes({ dims: [2, 2, 2], datatype: 'uint8', data: [] }).subarray(0, 200)));
    await expect(scanLabelFile(path)).rejects.toThrow(new CorruptImageError('truncated NIfTI header: 200 of 348 bytes'));
  });

  test('corrupt gzip data', async () => {
    const path = fileName('.nii.gz');
    const gz = writeNifti(path, { dims: [16, 16, 16], datatype: 'uint8', data: [1, 2, 3] });
    const bad = Buffer.from(gz);
    for (let i = 20; i < bad.length - 8; i++) bad[i] = 0xff ^ bad[i]!;
    writeFileSync(path, bad);
    await expect(scanLabelFile(path)).rejects.toThrow(CorruptImageError);
  });

  test('empty file, not NIfTI, bad dims, bad magic', async () => {
    const empty = fileName('.nii');
    writeFileSync(empty, '');
    await expect(scanLabelFile(empty)).rejects.toThrow(new CorruptImageError('truncated NIfTI header: 0 bytes'));

    const text = fileName('.nii');
    writeFileSync(text, 'hello world, this is not an image');
    await expect(scanLabelFile(text)).rejects.toThrow(/^not a NIfTI file: sizeof_hdr must be 348 or 540/);

    const badDim = fileName('.nii');
    const b = niftiBytes({ dims: [2, 2, 2], datatype: 'uint8', data: [] });
    b.writeInt16LE(9, 40);
    writeFileSync(badDim, b);
    await expect(scanLabelFile(badDim)).rejects.toThrow(new CorruptImageError('bad NIfTI header: dim[0] = 9, must be 1..7'));

    const badMagic = fileName('.nii');
    const m = niftiBytes({ dims: [2, 2, 2], datatype: 'uint8', data: [] });
    m.write('xyz\0', 344, 'latin1');
    writeFileSync(badMagic, m);
    await expect(scanLabelFile(badMagic)).rejects.toThrow(/^not a NIfTI-1 file: magic is "xyz\\u0000"/);
  });

  test('unsupported data type (complex64) and file types', async () => {
    const path = fileName('.nii');
    const b = niftiBytes({ dims: [2, 2, 2], datatype: 'float64', data: [] });
    b.writeInt16LE(32, 70);
    writeFileSync(path, b);
    await expect(scanLabelFile(path)).rejects.toThrow(new UnsupportedFormatError('data type complex64 cannot be scanned for labels'));
    for (const name of ['seg.tif', 'seg.gipl', 'seg']) {
      const p = join(dir, name);
      writeFileSync(p, 'x');
      await expect(scanLabelFile(p)).rejects.toThrow(UnsupportedFormatError);
    }
    await expect(scanLabelFile(join(dir, 'a.tiff'))).rejects.toThrow('cannot read ".tiff" files (supported: .nii.gz, .nii, .nrrd, .nhdr, .mha, .mhd, .png)');
  });

  test('missing file and directory are I/O errors', async () => {
    await expect(scanLabelFile(join(dir, 'missing.nii.gz'))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  test('gzip content named .nii and plain content named .nii.gz are read, with a warning', async () => {
    const a = fileName('.nii');
    writeNifti(a, { dims: [2, 2, 2], datatype: 'uint8', data: [1], gzip: true });
    expect((await scanLabelFile(a)).warnings).toEqual([expect.stringMatching(/gzip-compressed but not named \.gz/)]);
    const b = fileName('.nii.gz');
    writeNifti(b, { dims: [2, 2, 2], datatype: 'uint8', data: [1], gzip: false });
    const scan = await scanLabelFile(b);
    expect(scan.values).toEqual([
      { value: 0, count: 7 },
      { value: 1, count: 1 },
    ]);
    expect(scan.warnings).toEqual(['file is named .gz but is not gzip-compressed']);
  });

  test('vox_offset 0 reads from the end of the header', async () => {
    const path = fileName('.nii');
    const b = niftiBytes({ dims: [2, 1, 1], datatype: 'uint8', data: [4, 5] });
    b.writeFloatLE(0, 108);
    writeFileSync(path, b);
    const scan = await scanLabelFile(path);
    expect(scan.values.map((v) => v.value)).toEqual([4, 5]);
  });
});

describe('abort', () => {
  test('an aborted signal rejects before reading', async () => {
    const path = fileName('.nii.gz');
    writeNifti(path, { dims: [2, 2, 2], datatype: 'uint8', data: [] });
    const ac = new AbortController();
    ac.abort();
    await expect(scanLabelFile(path, { signal: ac.signal })).rejects.toMatchObject({ name: 'AbortError' });
  });

  test('aborting during a multi-chunk scan rejects cleanly', async () => {
    const path = fileName('.nii');
    writeNifti(path, { dims: [1024, 1024, 8], datatype: 'uint8', data: [] });
    const ac = new AbortController();
    const p = scanLabelFile(path, { signal: ac.signal });
    setImmediate(() => ac.abort());
    await expect(p).rejects.toMatchObject({ name: 'AbortError' });
  });
});
