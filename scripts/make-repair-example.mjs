#!/usr/bin/env node
/**
 * Writes examples/segmentation-repair/nnUNet_raw: three tiny datasets whose segmentations
 * nnU-Net rejects ("Unexpected labels found in file ..."), for `nnunet-doctor remap` and
 * the segmentation fixes of `--fix --unsafe-fixes --labels`:
 *   - Dataset201_VesselsPng: 2D PNG masks saved as 0/255 (labels declare 0/1);
 *   - Dataset202_LiverMasks: a uint8 0/255 NIfTI mask and a float32 label map with
 *     rounding noise (0.99999994), next to a healthy one;
 *   - Dataset203_BraTS: BraTS label 4 never remapped to 3.
 * Deterministic (no timestamps): test/repair/example.test.ts checks that the committed
 * files are exactly what this script writes.
 *
 *   node scripts/make-repair-example.mjs [OUT]   # default: examples/segmentation-repair/nnUNet_raw
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import { encode } from 'fast-png';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const out = resolve(process.argv[2] ?? join(ROOT, 'examples/segmentation-repair/nnUNet_raw'));

const DIMS = [8, 8, 4];
const CODES = { uint8: [2, 1], float32: [16, 4] };

/** A NIfTI-1 .nii.gz (gzip level 9, mtime 0) of `values` (x fastest). */
function nifti(values, datatype = 'uint8') {
  const [code, size] = CODES[datatype];
  const h = Buffer.alloc(352);
  h.writeInt32LE(348, 0);
  h.writeInt16LE(3, 40);
  DIMS.forEach((d, i) => h.writeInt16LE(d, 42 + 2 * i));
  h.writeInt16LE(code, 70);
  h.writeInt16LE(size * 8, 72);
  for (let i = 0; i < 4; i++) h.writeFloatLE(1, 76 + 4 * i);
  h.writeFloatLE(352, 108);
  h.writeUInt8(10, 123);
  h.write('n+1\0', 344, 'latin1');
  const body = Buffer.alloc(values.length * size);
  values.forEach((v, i) => (datatype === 'uint8' ? body.writeUInt8(v, i) : body.writeFloatLE(v, i * 4)));
  return zlib.gzipSync(Buffer.concat([h, body]), { level: 9 });
}

const voxels = DIMS[0] * DIMS[1] * DIMS[2];
/** A blob of `fg` in 0, shifted by `k`. */
const blob = (fg, k = 0) => Array.from({ length: voxels }, (_, i) => ((i + k) % 8 >= 2 && (i + k) % 8 <= 5 && i % 64 >= 16 && i % 64 < 48 ? fg : 0));

function dataset(name, json, files) {
  const dir = join(out, name);
  writeFileSync(join(mkdir(dir), 'dataset.json'), JSON.stringify(json, null, 4) + '\n');
  for (const [rel, bytes] of Object.entries(files)) writeFileSync(join(mkdir(dirname(join(dir, rel))), rel.split('/').pop()), bytes);
}

function mkdir(d) {
  mkdirSync(d, { recursive: true });
  return d;
}

rmSync(out, { recursive: true, force: true });

// 2D: PNG masks saved as 0/255
const png = (fg, k) =>
  encode({
    width: 16,
    height: 12,
    channels: 1,
    depth: 8,
    data: Uint8Array.from({ length: 192 }, (_, i) => (((i % 16) - 8 + k) ** 2 + (Math.floor(i / 16) - 6) ** 2 < 16 ? fg : 0)),
  });
const grey = (k) => encode({ width: 16, height: 12, channels: 1, depth: 8, data: Uint8Array.from({ length: 192 }, (_, i) => (i * 7 + k) % 200) });
dataset(
  'Dataset201_VesselsPng',
  { channel_names: { 0: 'grey' }, labels: { background: 0, vessel: 1 }, numTraining: 2, file_ending: '.png' },
  {
    'labelsTr/case_000.png': png(255, 0),
    'labelsTr/case_001.png': png(255, 2),
    'imagesTr/case_000_0000.png': grey(0),
    'imagesTr/case_001_0000.png': grey(1),
  },
);

// 3D: a 0/255 mask, a float32 map with rounding noise, a healthy one
const noisy = blob(1, 1).map((v, i) => (v && i % 3 === 0 ? Math.fround(0.99999994) : v));
dataset(
  'Dataset202_LiverMasks',
  { channel_names: { 0: 'CT' }, labels: { background: 0, liver: 1 }, numTraining: 3, file_ending: '.nii.gz' },
  {
    'labelsTr/liver_000.nii.gz': nifti(blob(255)),
    'labelsTr/liver_001.nii.gz': nifti(noisy, 'float32'),
    'labelsTr/liver_002.nii.gz': nifti(blob(1, 2)),
    'imagesTr/liver_000_0000.nii.gz': nifti(blob(40)),
    'imagesTr/liver_001_0000.nii.gz': nifti(blob(40, 1)),
    'imagesTr/liver_002_0000.nii.gz': nifti(blob(40, 2)),
  },
);

// BraTS: label 4 (enhancing tumour) never remapped to 3
const brats = (k, withEt) => Array.from({ length: voxels }, (_, i) => [0, 0, 1, 2, withEt ? 4 : 2][(i + k) % 5]);
dataset(
  'Dataset203_BraTS',
  { channel_names: { 0: 'T1', 1: 'T1ce', 2: 'T2', 3: 'FLAIR' }, labels: { background: 0, NCR: 1, ED: 2, ET: 3 }, numTraining: 2, file_ending: '.nii.gz' },
  Object.fromEntries([
    ['labelsTr/BraTS_000.nii.gz', nifti(brats(0, true))],
    ['labelsTr/BraTS_001.nii.gz', nifti(brats(1, false))],
    ...[0, 1].flatMap((c) => [0, 1, 2, 3].map((m) => [`imagesTr/BraTS_00${c}_000${m}.nii.gz`, nifti(blob(10 + m, c))])),
  ]),
);
console.log(`wrote ${out}`);
