/** NNU305 channel-count: tables on synthetic folder facts (the rule tester), then real image files. */
import { describe, expect, test } from '@jest/globals';
import NNU305 from '../../transforms/NNU305-channel-count.js';
import { caseFiles, folderFacts, niftiHeader, pngHeader, ruleTester } from '../rule-tester.js';
import { cases, datasetJson, makeDataset, nii4d, PNG_GREY, PNG_RGB, runOn, v2 } from './helpers.js';

const json = (...args: Parameters<typeof v2>) => `${datasetJson(v2(...args))}\n`;
const MSD = `${datasetJson({ modality: { 0: 'FLAIR', 1: 'T1w', 2: 't1gd', 3: 'T2w' }, labels: { 0: 'background', 1: 'edema' }, numTraining: 2, file_ending: '.nii.gz' })}\n`;
const UNEXPECTED = (expected: number, got: string) =>
  `stops with "Error: Unexpected number of modalities. Expected: ${expected}. Got: ${got}." (--verify_dataset_integrity)`;

ruleTester(NNU305, {
  valid: [
    { name: 'matching counts', text: json(2, '.nii.gz', 3), folder: folderFacts(caseFiles(['a', 'b'], '.nii.gz', 3)) },
    {
      name: 'no channel_names',
      text: `${datasetJson({ labels: { background: 0 }, numTraining: 1, file_ending: '.nii.gz' })}\n`,
      folder: folderFacts(caseFiles(['a'], '.nii.gz', 2)),
    },
    {
      name: 'an RGB png with three channel names',
      text: `${datasetJson({ ...v2(1, '.png'), channel_names: { 0: 'R', 1: 'G', 2: 'B' } })}\n`,
      folder: folderFacts({ ...caseFiles(['a'], '.png'), headers: { 'a_0000.png': pngHeader(3) } }),
    },
    {
      name: 'a well-named 4D .nii.gz with as many channel names as volumes (what SimpleITKIO reads)',
      text: json(1, '.nii.gz', 2),
      folder: folderFacts({ ...caseFiles(['a']), headers: { 'a_0000.nii.gz': niftiHeader([2, 2, 2, 2]) } }),
    },
    { name: 'no folder facts', text: json(1, '.nii.gz', 2) },
  ],
  invalid: [
    {
      name: 'channel_names declares 2, some cases have 1 file',
      text: json(3, '.nii.gz', 2),
      folder: folderFacts({ images: [...caseFiles(['a', 'b']).images, ...caseFiles(['c'], '.nii.gz', 2).images], labels: caseFiles(['a', 'b', 'c']).labels }),
      fix: 'none',
      count: 1,
      severity: 'error',
      message: 'channel_names declares 2 channels but 2 of 3 cases have another number of channel files',
      nnunet: `${UNEXPECTED(2, '1')}, and without the check builds the network for the wrong inputs`,
      help: '2 cases with 1 (a, b): add the missing CASE_XXXX.nii.gz files, or correct channel_names',
    },
    {
      name: 'a missing middle channel (_0000, _0002 without _0001) is named even when the count matches',
      text: json(2, '.nii.gz', 2),
      folder: folderFacts({ images: [...caseFiles(['a'], '.nii.gz', 2).images, 'b_0000.nii.gz', 'b_0002.nii.gz'], labels: caseFiles(['a', 'b']).labels }),
      fix: 'none',
      count: 1,
      message: '1 case skips a channel index: b (has _0000, _0002; no _0001)',
      nnunet: 'accepts this and takes the files in sorted order, so b_0002.nii.gz is silently read as channel 1',
      help: 'add the missing channel file, or renumber the channels from _0000 without gaps',
    },
    {
      name: 'an RGB png with one channel name: 3 channels in one file (#2177)',
      text: json(2, '.png'),
      folder: folderFacts({ name: 'Dataset120_Road', ...caseFiles(['img-1', 'img-2'], '.png'), headers: { 'img-1_0000.png': pngHeader(3) } }),
      fix: 'none',
      message: 'imagesTr/img-1_0000.png is an RGB PNG (3 channels), but channel_names declares 1 channel',
      nnunet: `${UNEXPECTED(1, '3')} (#2177)`,
      help: 'declare one channel name per colour: "channel_names": {"0": "R", "1": "G", "2": "B"} (or save the images as greyscale PNGs)',
    },
    {
      name: 'a grey+alpha png: no reader takes it',
      text: json(1, '.png'),
      folder: folderFacts({ ...caseFiles(['a'], '.png'), headers: { 'a_0000.png': pngHeader(2) } }),
      fix: 'none',
      message: 'imagesTr/a_0000.png is a grey+alpha PNG',
      nnunet: 'stops: NaturalImage2DIO asserts "If image has three dimensions then the last dimension must have shape 3 or 4 (RGB or RGBA)"',
    },
    {
      name: '4D NIfTI in an MSD folder: run nnUNetv2_convert_MSD_dataset',
      text: MSD,
      folder: folderFacts({
        name: 'Task01_BrainTumour',
        images: ['BRATS_001.nii.gz', 'BRATS_002.nii.gz'],
        labels: ['BRATS_001.nii.gz', 'BRATS_002.nii.gz'],
        headers: { 'BRATS_001.nii.gz': niftiHeader([2, 2, 2, 4]) },
      }),
      fix: 'none',
      count: 1,
      message: 'imagesTr/BRATS_001.nii.gz is a 4D image (4 volumes in one file)',
      nnunet: 'v2 expects one 3D file per channel (CASE_0000.nii.gz, CASE_0001.nii.gz, ...)',
      help: 'this is the Medical Segmentation Decathlon layout: run nnUNetv2_convert_MSD_dataset -i "nnUNet_raw/Task01_BrainTumour": it splits the 4D images and converts dataset.json into a new Dataset###_Name folder',
    },
    {
      name: '4D NIfTI also found before file_ending is set',
      text: `${datasetJson({ modality: { 0: 'MRI' }, labels: { 0: 'background', 1: 'heart' }, numTraining: 1 })}\n`,
      folder: folderFacts({
        name: 'Task02_Heart',
        images: ['la_003.nii.gz'],
        labels: ['la_003.nii.gz'],
        headers: { 'la_003.nii.gz': niftiHeader([2, 2, 2, 2]) },
      }),
      fix: 'none',
      message: 'imagesTr/la_003.nii.gz is a 4D image (2 volumes in one file)',
    },
    {
      name: 'a 4D .nii cannot be read at all (NibabelIO)',
      text: json(1, '.nii', 2),
      folder: folderFacts({ ...caseFiles(['a'], '.nii'), headers: { 'a_0000.nii': niftiHeader([2, 2, 2, 2]) } }),
      fix: 'none',
      message: 'imagesTr/a_0000.nii is a 4D image (2 volumes in one file), a 4D .nii file',
      nnunet:
        'v2 expects one 3D file per channel (CASE_0000.nii, CASE_0001.nii, ...); NibabelIO, the only reader for .nii, asserts "only 3d images are supported by NibabelIO"',
    },
    {
      name: 'the dataset key: the images list per case is counted',
      text: `${datasetJson({ ...v2(2, '.nii.gz', 2), dataset: { a: { images: ['x/a0.nii.gz', 'x/a1.nii.gz'], label: 'y/a.nii.gz' }, b: { images: ['x/b0.nii.gz'], label: 'y/b.nii.gz' } } })}\n`,
      folder: folderFacts({ images: false, labels: false, datasetKey: {} }),
      fix: 'none',
      message: 'channel_names declares 2 channels but 1 case of the "dataset" key lists another number of images',
      nnunet: UNEXPECTED(2, '...'),
      help: 'b (1): list one image per channel, in channel order',
    },
    {
      name: 'v1 `modality` counts when channel_names is absent',
      text: `${datasetJson({ modality: { 0: 'T2', 1: 'ADC' }, labels: { background: 0 }, numTraining: 1, file_ending: '.nii.gz' })}\n`,
      folder: folderFacts({ name: 'Dataset005_Prostate', ...caseFiles(['p']) }),
      fix: 'none',
      message: 'modality declares 2 channels but 1 of 1 case has another number of channel files',
    },
  ],
});

describe('NNU305 on real image files (headers read by the collector)', () => {
  test('an RGB png with one channel name', async () => {
    const ds = makeDataset('Dataset120_Road', datasetJson(v2(2, '.png')), cases(['img-1', 'img-2'], { fe: '.png', image: PNG_RGB, label: PNG_GREY }));
    expect((await runOn(ds, [NNU305])).diagnostics.map((d) => d.message)).toEqual([
      'imagesTr/img-1_0000.png is an RGB PNG (3 channels), but channel_names declares 1 channel',
    ]);
  });
  test('a 4D NIfTI in an MSD folder', async () => {
    const msd = datasetJson({ modality: { 0: 'FLAIR', 1: 'T1w' }, labels: { 0: 'background', 1: 'edema' }, numTraining: 1, file_ending: '.nii.gz' });
    const ds = makeDataset('Task01_BrainTumour', msd, { 'imagesTr/BRATS_001.nii.gz': nii4d(2), 'labelsTr/BRATS_001.nii.gz': nii4d(1) });
    const r = await runOn(ds, [NNU305]);
    expect(r.diagnostics.map((d) => [d.line, d.message])).toEqual([[2, 'imagesTr/BRATS_001.nii.gz is a 4D image (2 volumes in one file)']]);
    expect(r.diagnostics[0]!.help).toContain(`nnUNetv2_convert_MSD_dataset -i "${ds.dir}"`);
  });
});
