/**
 * A generated nnUNet_raw for the web tests: real (tiny) NIfTI, NRRD, MetaImage and PNG
 * files whose headers the folder checks read, and the cases the folder rules tell apart
 * (4D images, a wrong file_ending, a duplicate dataset id, the `dataset` key, a truncated
 * gzip, hidden files), plus dataset.json files the search must find or skip.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { niftiBytes, writeMha, writeNifti, writeNrrd, writePng } from '../helpers/nifti.js';

const json = (o: unknown) => JSON.stringify(o, null, 4);
const v2 = (extra: Record<string, unknown>) =>
  json({ channel_names: { '0': 'CT' }, labels: { background: 0, organ: 1 }, numTraining: 2, file_ending: '.nii.gz', ...extra });

function write(root: string, rel: string, content: string | Uint8Array): void {
  const p = path.join(root, rel);
  fs.mkdirSync(path.dirname(p), { recursive: true });
  fs.writeFileSync(p, content);
}

const nii3d = { dims: [2, 2, 2], datatype: 'uint8' as const, data: [] };
const nii4d = { dims: [2, 2, 2, 2], datatype: 'float32' as const, data: [] };

/** Write the tree under `root` (which becomes the picked folder). */
export function writeGeneratedRaw(root: string): void {
  const nii = (rel: string, o: Parameters<typeof writeNifti>[1] = nii3d) => writeNifti(path.join(root, rel), o);

  // 4D image in a v2 dataset (NNU305), and a second folder with the same id (NNU306)
  write(root, 'Dataset101_Four/dataset.json', v2({}));
  nii('Dataset101_Four/imagesTr/c1_0000.nii.gz', nii4d);
  nii('Dataset101_Four/imagesTr/c2_0000.nii.gz');
  nii('Dataset101_Four/labelsTr/c1.nii.gz');
  nii('Dataset101_Four/labelsTr/c2.nii.gz');
  write(root, 'Dataset101_Twin/dataset.json', v2({ numTraining: 1 }));
  nii('Dataset101_Twin/imagesTr/t1_0000.nii.gz');
  nii('Dataset101_Twin/labelsTr/t1.nii.gz');

  // file_ending that matches nothing on disk (NNU302 unsafe fix, NNU301)
  write(root, 'Dataset102_Ending/dataset.json', v2({ file_ending: '.nii' }));
  for (const c of ['e1', 'e2']) {
    nii(`Dataset102_Ending/imagesTr/${c}_0000.nii.gz`);
    nii(`Dataset102_Ending/labelsTr/${c}.nii.gz`);
  }

  // NRRD with two channels, numTraining off by one (NNU301's own fix)
  write(
    root,
    'Dataset103_Nrrd/dataset.json',
    json({ channel_names: { '0': 'T2', '1': 'ADC' }, labels: { background: 0, lesion: 1 }, numTraining: 2, file_ending: '.nrrd' }),
  );
  for (const f of ['n1_0000', 'n1_0001']) writeNrrd(path.join(root, `Dataset103_Nrrd/imagesTr/${f}.nrrd`), { dims: [3, 2, 2], datatype: 'int16', data: [] });
  writeNrrd(path.join(root, 'Dataset103_Nrrd/labelsTr/n1.nrrd'), { dims: [3, 2, 2], datatype: 'uint8', data: [] });

  // MetaImage with 3 channels per voxel where one is declared
  write(root, 'Dataset104_Mha/dataset.json', v2({ numTraining: 1, file_ending: '.mha' }));
  writeMha(path.join(root, 'Dataset104_Mha/imagesTr/m1_0000.mha'), { dims: [2, 2, 2], datatype: 'float32', data: [], channels: 3 });
  writeMha(path.join(root, 'Dataset104_Mha/labelsTr/m1.mha'), { dims: [2, 2, 2], datatype: 'uint8', data: [] });

  // grey+alpha PNG (nnU-Net's PNG reader refuses it)
  write(root, 'Dataset105_Png/dataset.json', v2({ numTraining: 1, file_ending: '.png' }));
  writePng(path.join(root, 'Dataset105_Png/imagesTr/p1_0000.png'), { width: 3, height: 2, data: [], channels: 2 });
  writePng(path.join(root, 'Dataset105_Png/labelsTr/p1.png'), { width: 3, height: 2, data: [] });

  // an RGB PNG where one channel is declared
  write(root, 'Dataset109_Rgb/dataset.json', v2({ numTraining: 1, file_ending: '.png' }));
  writePng(path.join(root, 'Dataset109_Rgb/imagesTr/r1_0000.png'), { width: 2, height: 2, data: [], channels: 3 });
  writePng(path.join(root, 'Dataset109_Rgb/labelsTr/r1.png'), { width: 2, height: 2, data: [] });

  // 4D .nii (NibabelIO refuses it)
  write(root, 'Dataset106_Nii/dataset.json', v2({ numTraining: 1, file_ending: '.nii' }));
  nii('Dataset106_Nii/imagesTr/u1_0000.nii', nii4d);
  nii('Dataset106_Nii/labelsTr/u1.nii');

  // the `dataset` key: a path that exists, a missing one, one outside, one with a variable
  write(
    root,
    'Dataset107_Key/dataset.json',
    json({
      channel_names: { '0': 'CT' },
      labels: { background: 0, organ: 1 },
      numTraining: 2,
      file_ending: '.nii.gz',
      dataset: {
        k1: { images: ['imagesTr/k1_0000.nii.gz'], label: 'labelsTr/k1.nii.gz' },
        k2: { images: ['../elsewhere/k2_0000.nii.gz', '$DATA/k2_0000.nii.gz'], label: 'labelsTr/k2.nii.gz' },
      },
    }),
  );
  nii('Dataset107_Key/imagesTr/k1_0000.nii.gz');
  nii('Dataset107_Key/labelsTr/k1.nii.gz');

  // a .nii.gz cut short inside its header, hidden files, a v1 label map
  write(
    root,
    'Dataset108_Broken/dataset.json',
    json({ modality: { '0': 'MRI' }, labels: { '0': 'background', '1': 'organ' }, numTraining: 2, file_ending: '.nii.gz' }),
  );
  write(root, 'Dataset108_Broken/imagesTr/b1_0000.nii.gz', zlib.gzipSync(niftiBytes(nii3d)).subarray(0, 40));
  nii('Dataset108_Broken/imagesTr/b2_0000.nii.gz');
  write(root, 'Dataset108_Broken/imagesTr/._b2_0000.nii.gz', 'AppleDouble');
  write(root, 'Dataset108_Broken/imagesTr/.DS_Store', 'x');
  nii('Dataset108_Broken/labelsTr/b1.nii.gz');
  nii('Dataset108_Broken/labelsTr/b2.nii.gz');

  // found 4 levels down, not 5, never inside image, plan or hidden folders
  write(root, 'group/a/b/dataset.json', json({ labels: { '1': 'organ' }, channel_names: { '0': 'CT' }, numTraining: 0, file_ending: '.nii.gz' }));
  write(root, 'group/a/b/c/dataset.json', json({ labels: { '0': 'background' } }));
  write(root, 'group/a/b/c/d/dataset.json', json({ labels: {} }));
  write(root, 'Dataset101_Four/imagesTr/dataset.json', json({ labels: {} }));
  write(root, '.cache/dataset.json', json({ labels: {} }));
  write(root, 'nnUNetPlans_3d/dataset.json', json({ labels: {} }));
}

/** Every file below `dir`, as `<basename(dir)>/<relative path>` (what webkitRelativePath gives). */
export function listPicked(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string, rel: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(path.join(d, e.name), `${rel}/${e.name}`);
      else out.push(`${rel}/${e.name}`);
    }
  };
  walk(dir, path.basename(dir));
  return out;
}
