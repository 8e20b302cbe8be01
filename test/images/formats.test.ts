import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import zlib from 'node:zlib';
import { afterAll, describe, expect, test } from '@jest/globals';
import { CorruptImageError, scanLabelFile, UnsupportedFormatError } from '../../src/images/index.js';
import { encodeSamples, writeMha, writeNrrd, writePng } from '../helpers/nifti.js';
import { countValues, tempDir } from './reference.js';

const { dir, cleanup } = tempDir();
afterAll(cleanup);
let fileNo = 0;
const fileName = (ext: string): string => join(dir, `f${fileNo++}${ext}`);

/** 7x5x3 labels with runs: 0 background, a few labels. */
const LABELS = Array.from({ length: 105 }, (_, i) => (i < 40 ? 0 : [1, 2, 2, 5, 300][i % 5]!));

describe('PNG', () => {
  test('8-bit grey', async () => {
    const path = fileName('.png');
    const data = Array.from({ length: 12 * 7 }, (_, i) => (i % 12 < 4 ? 0 : i % 3));
    writePng(path, { width: 12, height: 7, data });
    const scan = await scanLabelFile(path);
    expect(scan.values).toEqual(countValues(data).values);
    expect(scan.header).toMatchObject({ format: 'png', dims: [12, 7], spacing: [1, 1], datatype: 'uint8', channels: 1, is4D: false });
    expect(scan).toMatchObject({ voxels: 84, bytesRead: 84, multiChannel: false, nonInteger: false, warnings: [] });
  });

  test('16-bit grey', async () => {
    const path = fileName('.png');
    const data = Array.from({ length: 9 * 4 }, (_, i) => [0, 1, 65535, 1000][i % 4]!);
    writePng(path, { width: 9, height: 4, data, depth: 16 });
    const scan = await scanLabelFile(path);
    expect(scan.values).toEqual(countValues(data).values);
    expect(scan.header.datatype).toBe('uint16');
    expect(scan.bytesRead).toBe(72);
  });

  test('0/255 mask', async () => {
    const path = fileName('.png');
    writePng(path, { width: 4, height: 4, data: [255, 255, 0, 0, 255] });
    expect((await scanLabelFile(path)).values).toEqual([
      { value: 0, count: 13 },
      { value: 255, count: 3 },
    ]);
  });

  test('RGB and RGBA: every sample counted, flagged as multi-channel', async () => {
    const rgb = fileName('.png');
    writePng(rgb, { width: 2, height: 2, channels: 3, data: [255, 0, 0, 0, 0, 0, 0, 255, 0, 0, 0, 0] });
    const a = await scanLabelFile(rgb);
    expect(a.header).toMatchObject({ datatype: 'rgb24', channels: 3 });
    expect(a).toMatchObject({ multiChannel: true, voxels: 12 });
    expect(a.values).toEqual([
      { value: 0, count: 10 },
      { value: 255, count: 2 },
    ]);
    expect(a.warnings).toEqual([expect.stringMatching(/^RGB PNG: every colour sample was counted/)]);

    const rgba = fileName('.png');
    writePng(rgba, { width: 1, height: 2, channels: 4, data: [1, 1, 1, 255, 0, 0, 0, 255] });
    const b = await scanLabelFile(rgba);
    expect(b.header).toMatchObject({ datatype: 'rgba32', channels: 4 });
    expect(b.values).toEqual([
      { value: 0, count: 3 },
      { value: 1, count: 3 },
      { value: 255, count: 2 },
    ]);
  });

  test('palette PNG counts the colours nnU-Net would see', async () => {
    const path = fileName('.png');
    writePng(path, {
      width: 3,
      height: 1,
      depth: 8,
      data: [0, 1, 1],
      palette: [
        [0, 0, 0],
        [128, 64, 0],
      ],
    });
    const scan = await scanLabelFile(path);
    expect(scan.header).toMatchObject({ datatype: 'rgb24', channels: 3 });
    expect(scan.values).toEqual([
      { value: 0, count: 5 },
      { value: 64, count: 2 },
      { value: 128, count: 2 },
    ]);
    expect(scan.warnings[0]).toMatch(/^palette PNG/);
  });

  test('1-bit and 4-bit grey, as Pillow reads them', async () => {
    const one = fileName('.png');
    writePng(one, { width: 11, height: 2, depth: 1, data: [1, 0, 1, 1, 0, 0, 0, 0, 0, 0, 1, 1] });
    expect((await scanLabelFile(one)).values).toEqual([
      { value: 0, count: 17 },
      { value: 1, count: 5 },
    ]);
    const four = fileName('.png');
    writePng(four, { width: 3, height: 1, depth: 4, data: [0, 1, 15] });
    const s = await scanLabelFile(four);
    expect(s.values.map((v) => v.value)).toEqual([0, 17, 255]);
    expect(s.warnings[0]).toMatch(/4-bit greyscale/);
  });

  test('grey+alpha is counted per sample and flagged', async () => {
    const path = fileName('.png');
    writePng(path, { width: 2, height: 1, channels: 2, data: [1, 255, 0, 255] });
    const scan = await scanLabelFile(path);
    expect(scan.header).toMatchObject({ datatype: 'uint8', channels: 2 });
    expect(scan.multiChannel).toBe(true);
    expect(scan.warnings).toEqual([expect.stringMatching(/^grey\+alpha PNG: every colour sample was counted/)]);
  });

  test('a PNG header promising more pixels than the file can hold: a clear error, nothing inflated', async () => {
    const path = fileName('.png');
    writePng(path, { width: 2, height: 2, data: [] });
    const b = readFileSync(path);
    b.writeUInt32BE(100_000, 16);
    b.writeUInt32BE(100_000, 20);
    writeFileSync(path, b);
    await expect(scanLabelFile(path)).rejects.toThrow(
      /^the header promises 10000100000 bytes of image data \(100000x100000 pixels\), more than \d+ compressed bytes can hold/,
    );
  });

  test('corrupt and truncated PNG', async () => {
    const path = fileName('.png');
    writePng(path, { width: 16, height: 16, data: [1, 2, 3] });
    const bytes = readFileSync(path);
    writeFileSync(path, bytes.subarray(0, bytes.length - 20));
    await expect(scanLabelFile(path)).rejects.toThrow(CorruptImageError);
    writeFileSync(path, 'not a png at all');
    await expect(scanLabelFile(path)).rejects.toThrow(new CorruptImageError('not a PNG file: bad signature'));
  });
});

describe('NRRD', () => {
  test.each([
    ['raw', true],
    ['raw', false],
    ['gzip', true],
    ['gzip', false],
  ] as const)('int16 %s littleEndian=%s', async (encoding, littleEndian) => {
    const path = fileName('.nrrd');
    writeNrrd(path, { dims: [7, 5, 3], datatype: 'int16', data: LABELS, encoding, littleEndian, spacing: [0.8, 0.8, 3] });
    const scan = await scanLabelFile(path);
    expect(scan.values).toEqual(countValues(LABELS).values);
    expect(scan.header).toMatchObject({ format: 'nrrd', dims: [7, 5, 3], spacing: [0.8, 0.8, 3], datatype: 'int16', littleEndian });
    expect(scan.bytesRead).toBe(210);
  });

  test('every sample type, big-endian gzip', async () => {
    for (const datatype of ['uint8', 'int8', 'uint16', 'int32', 'uint32', 'int64', 'uint64', 'float32', 'float64'] as const) {
      const path = fileName('.nrrd');
      const data = LABELS.map((v) => (datatype === 'int8' || datatype === 'uint8' ? v % 100 : v));
      writeNrrd(path, { dims: [7, 5, 3], datatype, data, encoding: 'gzip', littleEndian: false });
      const scan = await scanLabelFile(path);
      expect(scan.values).toEqual(countValues(data).values);
      expect(scan.header.datatype).toBe(datatype);
    }
  });

  test('detached .nhdr with raw and gzip data files', async () => {
    for (const encoding of ['raw', 'gzip'] as const) {
      const path = fileName('.nhdr');
      writeNrrd(path, { dims: [7, 5, 3], datatype: 'uint8', data: LABELS.map((v) => v % 256), encoding, detached: true });
      const scan = await scanLabelFile(path);
      expect(scan.values).toEqual(countValues(LABELS.map((v) => v % 256)).values);
      expect(scan.header.voxOffset).toBeUndefined();
    }
  });

  test('space directions, kinds with a colour axis, byte skip', async () => {
    const path = fileName('.nrrd');
    const header = [
      'NRRD0005',
      'type: unsigned char',
      'dimension: 3',
      'sizes: 3 2 2',
      'kinds: RGB-color domain domain',
      'space: left-posterior-superior',
      'space directions: none (0,0.5,0) (2,0,0)',
      'encoding: raw',
      'byte skip: 4',
      'meta:=value',
      '',
      '',
    ].join('\n');
    writeFileSync(path, Buffer.concat([Buffer.from(header), Buffer.from([9, 9, 9, 9]), Buffer.from([1, 2, 3, 1, 2, 3, 0, 0, 0, 0, 0, 0])]));
    const scan = await scanLabelFile(path);
    expect(scan.header).toMatchObject({ dims: [2, 2], spacing: [0.5, 2], channels: 3, datatype: 'uint8' });
    expect(scan.values).toEqual([
      { value: 0, count: 6 },
      { value: 1, count: 2 },
      { value: 2, count: 2 },
      { value: 3, count: 2 },
    ]);
  });

  test('byte skip -1 reads the data from the end of the file', async () => {
    const path = fileName('.nhdr');
    writeFileSync(path, 'NRRD0004\ntype: short\ndimension: 1\nsizes: 3\nencoding: raw\nendian: big\nbyte skip: -1\ndata file: d.raw\n');
    writeFileSync(join(dir, 'd.raw'), Buffer.concat([Buffer.from('junk header of some tool'), encodeSamples([7, 7, -2], 'int16', false)]));
    expect((await scanLabelFile(path)).values).toEqual([
      { value: -2, count: 1 },
      { value: 7, count: 2 },
    ]);
  });

  test('unsupported encoding, missing field, truncated data', async () => {
    const ascii = fileName('.nrrd');
    writeFileSync(ascii, 'NRRD0004\ntype: uchar\ndimension: 1\nsizes: 2\nencoding: ascii\n\n1 2\n');
    await expect(scanLabelFile(ascii)).rejects.toThrow(new UnsupportedFormatError('NRRD encoding "ascii" is not supported (only raw and gzip)'));
    const noType = fileName('.nrrd');
    writeFileSync(noType, 'NRRD0004\ndimension: 1\nsizes: 2\nencoding: raw\n\n\x01\x02');
    await expect(scanLabelFile(noType)).rejects.toThrow(new CorruptImageError('bad NRRD header: missing "type:" field'));
    const short = fileName('.nrrd');
    writeNrrd(short, { dims: [10, 10, 10], datatype: 'uint8', data: [] });
    const b = readFileSync(short);
    writeFileSync(short, b.subarray(0, b.length - 500));
    await expect(scanLabelFile(short)).rejects.toThrow(new CorruptImageError('truncated: expected 1000 voxel bytes, got 500 (file cut short?)'));
    const gz = fileName('.nrrd');
    writeNrrd(gz, { dims: [10, 10, 10], datatype: 'uint8', data: LABELS, encoding: 'gzip' });
    const g = readFileSync(gz);
    writeFileSync(gz, g.subarray(0, g.length - 30));
    await expect(scanLabelFile(gz)).rejects.toThrow(/^truncated: compressed data ends after \d+ of 1000 voxel bytes/);
  });
});

describe('MetaImage', () => {
  test.each([
    ['.mha', false, true],
    ['.mha', true, true],
    ['.mha', true, false],
    ['.mhd', false, false],
    ['.mhd', true, true],
  ] as const)('%s compressed=%s littleEndian=%s', async (ext, compressed, littleEndian) => {
    const path = fileName(ext);
    writeMha(path, { dims: [7, 5, 3], datatype: 'uint16', data: LABELS, compressed, littleEndian, spacing: [1.5, 1.5, 5] });
    const scan = await scanLabelFile(path);
    expect(scan.values).toEqual(countValues(LABELS).values);
    expect(scan.header).toMatchObject({ format: 'mha', dims: [7, 5, 3], spacing: [1.5, 1.5, 5], datatype: 'uint16', littleEndian, channels: 1 });
    expect(scan.bytesRead).toBe(210);
  });

  test('every element type', async () => {
    for (const datatype of ['uint8', 'int8', 'int16', 'int32', 'uint32', 'int64', 'uint64', 'float32', 'float64'] as const) {
      const path = fileName('.mha');
      const data = LABELS.map((v) => (datatype === 'int8' || datatype === 'uint8' ? v % 100 : v));
      writeMha(path, { dims: [7, 5, 3], datatype, data, compressed: true });
      expect((await scanLabelFile(path)).values).toEqual(countValues(data).values);
    }
  });

  test('gzip-compressed payload and multi-channel elements', async () => {
    const path = fileName('.mha');
    const header =
      'ObjectType = Image\nNDims = 2\nDimSize = 2 2\nElementNumberOfChannels = 2\nCompressedData = True\nElementType = MET_UCHAR\nElementDataFile = LOCAL\n';
    writeFileSync(path, Buffer.concat([Buffer.from(header), zlib.gzipSync(Buffer.from([0, 1, 0, 1, 0, 1, 0, 2]))]));
    const scan = await scanLabelFile(path);
    expect(scan.header).toMatchObject({ dims: [2, 2], channels: 2 });
    expect(scan.multiChannel).toBe(true);
    expect(scan.values).toEqual([
      { value: 0, count: 4 },
      { value: 1, count: 3 },
      { value: 2, count: 1 },
    ]);
  });

  test('HeaderSize -1 and missing data file', async () => {
    const path = fileName('.mhd');
    writeFileSync(path, 'NDims = 1\nDimSize = 2\nElementType = MET_SHORT\nHeaderSize = -1\nElementDataFile = h.raw\n');
    writeFileSync(join(dir, 'h.raw'), Buffer.from([0xaa, 0xbb, 0xcc, 3, 0, 3, 0]));
    expect((await scanLabelFile(path)).values).toEqual([{ value: 3, count: 2 }]);

    const missing = fileName('.mhd');
    writeFileSync(missing, 'NDims = 1\nDimSize = 2\nElementType = MET_SHORT\nElementDataFile = nothere.raw\n');
    await expect(scanLabelFile(missing)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  test('corrupt zlib payload, unsupported element type', async () => {
    const path = fileName('.mha');
    writeFileSync(path, 'NDims = 1\nDimSize = 4\nElementType = MET_UCHAR\nCompressedData = True\nElementDataFile = LOCAL\nthis is not zlib');
    await expect(scanLabelFile(path)).rejects.toThrow(/^corrupt compressed data after 0 of 4 voxel bytes: incorrect header check$/);
    const str = fileName('.mha');
    writeFileSync(str, 'NDims = 1\nDimSize = 4\nElementType = MET_STRING\nElementDataFile = LOCAL\nabcd');
    await expect(scanLabelFile(str)).rejects.toThrow(UnsupportedFormatError);
  });
});
