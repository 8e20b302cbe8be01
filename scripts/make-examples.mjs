#!/usr/bin/env node
// Writes the folder-level example datasets of examples/nnUNet_raw (tiny NIfTI images).
// The files are committed; run this only to recreate them: node scripts/make-examples.mjs
import fs from 'node:fs';
import path from 'node:path';
import { niftiGz } from './lib/nifti.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', 'examples', 'nnUNet_raw');

/** Writes a minimal NIfTI-1 (.nii.gz) file, its folder too. */
function nifti(file, image) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, niftiGz(image));
}

const seg = (...values) => values; // first voxels carry the label values

// Dataset008_Spleen: folder problems a person must fix (hidden macOS files, a case without
// _0000, a case without a label file) and numTraining that counts none of it.
{
  const d = path.join(root, 'Dataset008_Spleen');
  fs.rmSync(d, { recursive: true, force: true });
  fs.mkdirSync(d, { recursive: true });
  fs.writeFileSync(
    path.join(d, 'dataset.json'),
    JSON.stringify({ channel_names: { 0: 'CT' }, labels: { background: 0, spleen: 1 }, numTraining: 3, file_ending: '.nii.gz' }, null, 4),
  );
  for (const c of ['spleen_001', 'spleen_002', 'spleen_003']) nifti(path.join(d, 'imagesTr', `${c}_0000.nii.gz`), { dims: [8, 8, 4], datatype: 'int16' });
  nifti(path.join(d, 'imagesTr', 'spleen_004.nii.gz'), { dims: [8, 8, 4], datatype: 'int16' });
  fs.writeFileSync(path.join(d, 'imagesTr', '._spleen_003_0000.nii.gz'), Buffer.from('Mac OS X        \0\u0005\u0016\u0007\0\u0002\0\0', 'latin1'));
  for (const c of ['spleen_001', 'spleen_002', 'spleen_004']) nifti(path.join(d, 'labelsTr', `${c}.nii.gz`), { dims: [8, 8, 4], data: seg(0, 1, 1) });
}

// Dataset009_Colon: a wrong file_ending and a stale numTraining; both unsafe fixes derived
// from the folder. colon_003's segmentation holds a value labels does not declare (--labels).
{
  const d = path.join(root, 'Dataset009_Colon');
  fs.rmSync(d, { recursive: true, force: true });
  fs.mkdirSync(d, { recursive: true });
  fs.writeFileSync(
    path.join(d, 'dataset.json'),
    '{\n  "channel_names": {\n    "0": "CT"\n  },\n  "labels": {\n    "background": 0,\n    "colon cancer": 1\n  },\n  "numTraining": 2,\n  "file_ending": ".nii"\n}\n',
  );
  for (const c of ['colon_001', 'colon_002', 'colon_003']) nifti(path.join(d, 'imagesTr', `${c}_0000.nii.gz`), { dims: [8, 8, 4], datatype: 'int16' });
  nifti(path.join(d, 'labelsTr', 'colon_001.nii.gz'), { dims: [8, 8, 4], data: seg(0, 1) });
  nifti(path.join(d, 'labelsTr', 'colon_002.nii.gz'), { dims: [8, 8, 4], data: seg(1, 1) });
  nifti(path.join(d, 'labelsTr', 'colon_003.nii.gz'), { dims: [8, 8, 4], data: seg(0, 1, 2) });
}

// Task05_Prostate: an MSD download as it comes: v1 dataset.json and 4D images (two
// channels in one file), which nnU-Net v2 only reads after nnUNetv2_convert_MSD_dataset.
{
  const d = path.join(root, 'Task05_Prostate');
  fs.rmSync(d, { recursive: true, force: true });
  fs.mkdirSync(d, { recursive: true });
  fs.writeFileSync(
    path.join(d, 'dataset.json'),
    '{ \n "name": "PROSTATE", \n "tensorImageSize": "4D",\n "modality": { \n   "0": "T2", \n   "1": "ADC"\n }, \n "labels": { \n   "0": "background", \n   "1": "PZ", \n   "2": "TZ"\n }, \n "numTraining": 2, \n "numTest": 0,\n "training":[{"image":"./imagesTr/prostate_00.nii.gz","label":"./labelsTr/prostate_00.nii.gz"},{"image":"./imagesTr/prostate_01.nii.gz","label":"./labelsTr/prostate_01.nii.gz"}], \n "test": []\n }\n',
  );
  for (const c of ['prostate_00', 'prostate_01']) {
    nifti(path.join(d, 'imagesTr', `${c}.nii.gz`), { dims: [8, 8, 4, 2], datatype: 'int16' });
    nifti(path.join(d, 'labelsTr', `${c}.nii.gz`), { dims: [8, 8, 4], data: seg(0, 1, 2) });
  }
  fs.mkdirSync(path.join(d, 'imagesTs'), { recursive: true });
}
console.log('examples written to', root);
