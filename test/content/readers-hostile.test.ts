/**
 * Hostile inputs for the image readers: nothing that is not a regular file is opened (a
 * FIFO would block forever, /dev/zero never ends), a detached data file must stay inside
 * the dataset folder, every read is bounded by the header and the file's size, and a scan
 * leaves no listener on the caller's abort signal.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { getEventListeners } from 'node:events';
import { join } from 'node:path';
import zlib from 'node:zlib';
import { afterAll, describe, expect, test } from '@jest/globals';
import { CorruptImageError, NotRegularFileError, OutsideDatasetError, readImageHeader, scanFiles, scanLabelFile } from '../../src/images/index.js';
import { niftiBytes, writeMha, writeNifti, writeNrrd } from '../helpers/nifti.js';
import { ROOT } from '../helpers/cli.js';
import { encodePng, type SampleFn } from '../images/png-writer.js';
import { tempDir } from '../images/reference.js';

const { dir, cleanup } = tempDir();
afterAll(cleanup);

let n = 0;
/** A fresh dataset folder with labelsTr/ and imagesTr/. */
function dataset(): { root: string; labels: string } {
  const root = join(dir, `Dataset${String(++n).padStart(3, '0')}_X`);
  mkdirSync(join(root, 'labelsTr'), { recursive: true });
  mkdirSync(join(root, 'imagesTr'), { recursive: true });
  return { root, labels: join(root, 'labelsTr') };
}
const mkfifo = (path: string): void => void execFileSync('mkfifo', [path]);
/** A NIfTI-1 header (352 bytes) with any dims, without the data (which may be absurdly big). */
function niftiHeaderOnly(dims: number[], datatype: 'uint8' | 'float64'): Buffer {
  const head = Buffer.from(niftiBytes({ dims: [1, 1, 1], datatype, data: [], gzip: false }).subarray(0, 352));
  dims.forEach((d, i) => head.writeInt16LE(d, 42 + 2 * i));
  return head;
}
const nrrdHeader = (sizes: string, dataFile: string, encoding = 'raw'): string =>
  `NRRD0004\ntype: uchar\ndimension: 3\nsizes: ${sizes}\nencoding: ${encoding}\ndata file: ${dataFile}\n\n`;

describe('only regular files are opened', () => {
  test.each(['.nii.gz', '.nii', '.nrrd', '.mha', '.png'])('a FIFO named %s: refused at once, scan and header read', async (ending) => {
    const { labels } = dataset();
    const fifo = join(labels, `case_000${ending}`);
    mkfifo(fifo);
    await expect(scanLabelFile(fifo)).rejects.toThrow(new NotRegularFileError('a FIFO (named pipe), not a regular file: not opened'));
    await expect(readImageHeader(fifo)).rejects.toThrow(NotRegularFileError);
  });

  test('a directory and a character device', async () => {
    const { labels } = dataset();
    mkdirSync(join(labels, 'folder.nii.gz'));
    await expect(scanLabelFile(join(labels, 'folder.nii.gz'))).rejects.toThrow('a directory, not a regular file: not opened');
    symlinkSync('/dev/zero', join(labels, 'zero.nii'));
    await expect(scanLabelFile(join(labels, 'zero.nii'))).rejects.toThrow('a character device, not a regular file: not opened');
  });

  test('a symbolic link to a regular file is followed (datasets are often built from links)', async () => {
    const { root, labels } = dataset();
    writeNifti(join(root, 'real.nii.gz'), { dims: [2, 2, 2], datatype: 'uint8', data: [1] });
    symlinkSync(join(root, 'real.nii.gz'), join(labels, 'case_000.nii.gz'));
    expect((await scanLabelFile(join(labels, 'case_000.nii.gz'))).values).toEqual([
      { value: 0, count: 7 },
      { value: 1, count: 1 },
    ]);
  });
});

describe('a detached data file stays inside the dataset folder', () => {
  test('NRRD: /dev/zero, a link to it, ../ out of the folder, a FIFO: refused with one clear message each', async () => {
    const { root, labels } = dataset();
    const write = (name: string, text: string): string => {
      writeFileSync(join(labels, name), text);
      return join(labels, name);
    };
    const opts = { root };
    await expect(scanLabelFile(write('a.nhdr', nrrdHeader('65535 65535 65535', '/dev/zero')), opts)).rejects.toThrow(
      new OutsideDatasetError('its data file "/dev/zero" is an absolute path outside the dataset folder; not read'),
    );
    symlinkSync('/dev/zero', join(labels, 'zero.raw'));
    await expect(scanLabelFile(write('b.nhdr', nrrdHeader('65535 65535 65535', 'zero.raw')), opts)).rejects.toThrow(
      new OutsideDatasetError('its data file "zero.raw" leads out of the dataset folder (to /dev/zero); not read'),
    );
    writeFileSync(join(dir, 'outside.raw'), Buffer.alloc(8));
    await expect(scanLabelFile(write('c.nhdr', nrrdHeader('2 2 2', '../../outside.raw')), opts)).rejects.toThrow(
      new OutsideDatasetError('its data file "../../outside.raw" is outside the dataset folder; not read'),
    );
    symlinkSync(join(dir, 'outside.raw'), join(labels, 'link.raw'));
    await expect(scanLabelFile(write('d.nhdr', nrrdHeader('2 2 2', 'link.raw')), opts)).rejects.toThrow(OutsideDatasetError);
    mkfifo(join(labels, 'fifo.raw'));
    await expect(scanLabelFile(write('e.nhdr', nrrdHeader('2 2 2', 'fifo.raw')), opts)).rejects.toThrow(
      new NotRegularFileError('a FIFO (named pipe), not a regular file: not opened'),
    );
    // without a root, the header's own folder is the limit
    writeFileSync(join(root, 'imagesTr', 'x.raw'), Buffer.alloc(8, 1));
    const sibling = write('f.nhdr', nrrdHeader('2 2 2', '../imagesTr/x.raw'));
    await expect(scanLabelFile(sibling)).rejects.toThrow(OutsideDatasetError);
    expect((await scanLabelFile(sibling, opts)).values).toEqual([{ value: 1, count: 8 }]);
    // an absolute path inside the dataset folder is fine
    expect((await scanLabelFile(write('g.nhdr', nrrdHeader('2 2 2', join(root, 'imagesTr', 'x.raw'))), opts)).values).toEqual([{ value: 1, count: 8 }]);
  });

  test('a symlinked labelsTr keeps its own data files', async () => {
    const { root } = dataset();
    const elsewhere = join(dir, `store${n}`);
    mkdirSync(elsewhere);
    writeNrrd(join(elsewhere, 'case_000.nhdr'), { dims: [2, 2, 1], datatype: 'uint8', data: [3], detached: true });
    const labels = join(root, 'labelsTr2');
    symlinkSync(elsewhere, labels);
    expect((await scanLabelFile(join(labels, 'case_000.nhdr'), { root })).values).toEqual([
      { value: 0, count: 3 },
      { value: 3, count: 1 },
    ]);
  });

  test('MetaImage ElementDataFile: the same rules', async () => {
    const { root, labels } = dataset();
    const header = (file: string): string => `ObjectType = Image\nNDims = 3\nDimSize = 4096 4096 4096\nElementType = MET_UCHAR\nElementDataFile = ${file}\n`;
    writeFileSync(join(labels, 'a.mhd'), header('/dev/zero'));
    await expect(scanLabelFile(join(labels, 'a.mhd'), { root })).rejects.toThrow(OutsideDatasetError);
    writeFileSync(join(labels, 'b.mhd'), header('../../../../../../../../dev/zero'));
    await expect(scanLabelFile(join(labels, 'b.mhd'), { root })).rejects.toThrow(OutsideDatasetError);
    mkfifo(join(labels, 'c.raw'));
    writeFileSync(join(labels, 'c.mhd'), header('c.raw'));
    await expect(scanLabelFile(join(labels, 'c.mhd'), { root })).rejects.toThrow(NotRegularFileError);
    writeMha(join(labels, 'ok.mhd'), { dims: [2, 2, 2], datatype: 'uint8', data: [5] });
    expect((await scanLabelFile(join(labels, 'ok.mhd'), { root })).values.map((v) => v.value)).toEqual([0, 5]);
  });
});

describe('reads are bounded by the header and the file size', () => {
  test('raw data: a header promising more voxels than the file holds is an error before reading', async () => {
    const { root, labels } = dataset();
    writeFileSync(join(labels, 'small.raw'), 'hello\n');
    writeFileSync(join(labels, 'a.nhdr'), nrrdHeader('65535 65535 65535', 'small.raw'));
    await expect(scanLabelFile(join(labels, 'a.nhdr'), { root })).rejects.toThrow(
      new CorruptImageError('truncated: expected 281462092005375 voxel bytes, got 6 (file cut short?)'),
    );
    const nii = join(labels, 'big.nii');
    writeFileSync(nii, Buffer.concat([niftiHeaderOnly([32767, 32767, 32767], 'float64'), Buffer.alloc(4096)]));
    await expect(scanLabelFile(nii)).rejects.toThrow(/^truncated: expected 281449207693304 voxel bytes, got 4096 \(file cut short\?\)$/);
  });

  test('compressed data: a header promising more than the file can inflate to is an error before inflating', async () => {
    const { labels } = dataset();
    const gz = join(labels, 'bomb.nii.gz');
    writeFileSync(gz, zlib.gzipSync(Buffer.concat([niftiHeaderOnly([32767, 32767, 32767], 'uint8'), Buffer.alloc(1000)])));
    await expect(scanLabelFile(gz)).rejects.toThrow(/^the header promises 35181150961663 voxel bytes, more than \d+ compressed bytes can hold/);
  });

  test('data long after a compressed payload is not inflated to its end (noted)', async () => {
    const { labels } = dataset();
    const gz = join(labels, 'tail.nii.gz');
    const body = niftiBytes({ dims: [2, 2, 2], datatype: 'uint8', data: [1, 2], gzip: false });
    writeFileSync(gz, zlib.gzipSync(Buffer.concat([body, Buffer.alloc(40 << 20)]), { level: 9 }));
    const s = await scanLabelFile(gz);
    expect(s.values.map((v) => v.value)).toEqual([0, 1, 2]);
    expect(s.warnings).toEqual([`the compressed data goes on for more than ${16 << 20} bytes after the voxel data; the rest was not read`]);
  });
});

describe('header reads inflate only what a header needs', () => {
  test('a gzip bomb after 75 KB of empty blocks: a few KB inflated, not the 1 GiB behind them', async () => {
    const { labels } = dataset();
    const empty = Buffer.from([0x00, 0x00, 0x00, 0xff, 0xff]); // a stored block of length 0, not the last
    const z = zlib.createDeflateRaw({ level: 1 });
    const parts: Buffer[] = [];
    z.on('data', (c: Buffer) => parts.push(c));
    const zeros = Buffer.alloc(64 << 20);
    for (let i = 0; i < 16; i++) if (!z.write(zeros)) await new Promise((r) => z.once('drain', r));
    await new Promise((r) => z.end(r));
    const file = join(labels, 'case_000_0000.nii.gz');
    writeFileSync(file, Buffer.concat([Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3]), ...Array(15000).fill(empty), ...parts]));
    const before = process.resourceUsage().maxRSS;
    await expect(readImageHeader(file)).rejects.toThrow(/^not a NIfTI file: sizeof_hdr must be 348 or 540, found bytes 0x00000000/);
    expect((process.resourceUsage().maxRSS - before) / 1024).toBeLessThan(200); // MB: the old code made a 1 GB buffer
  });
});

describe('no listener leaks', () => {
  test('a PNG read in many pieces (many waits for zlib): no MaxListenersExceededWarning', () => {
    const { labels } = dataset();
    let seed = 7;
    const noise: SampleFn = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 24;
    const file = join(labels, 'noise.png');
    const png = encodePng({ width: 300, height: 300, colorType: 6, bitDepth: 8, idatSize: 1 << 20 }, noise);
    writeFileSync(file, png);
    expect(png.length).toBeGreaterThan(12 * 20_000); // more than 10 waits
    const script = `
      import { createReadStream } from 'node:fs';
      import { decodePngRows } from ${JSON.stringify(join(ROOT, 'dist/src/images/png-rows.js'))};
      let rows = 0;
      await decodePngRows(createReadStream(${JSON.stringify(file)}, { highWaterMark: 20000 }), { onRow: () => rows++ });
      console.log(rows);`;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    expect({ stdout: r.stdout, stderr: r.stderr }).toEqual({ stdout: '300\n', stderr: '' });
  });
});

describe('abort listeners', () => {
  test('scanFiles removes every listener it adds to the signal (12 datasets, one signal)', async () => {
    const { labels } = dataset();
    const f = join(labels, 'case_000.nii.gz');
    writeNifti(f, { dims: [2, 2, 2], datatype: 'uint8', data: [1] });
    const ac = new AbortController();
    for (let i = 0; i < 12; i++) await scanFiles([f, f], { signal: ac.signal, jobs: 2, workers: 'never' });
    expect(getEventListeners(ac.signal, 'abort')).toHaveLength(0);
  });
});
