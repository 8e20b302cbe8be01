import { describe, expect, test } from '@jest/globals';
import NNU305 from '../../transforms/NNU305-channel-count.js';
import { cases, datasetJson, makeDataset, messages, NII, nii4d, PNG_GREY, PNG_RGB, runOn, v2 } from './helpers.js';

describe('NNU305 channel-count', () => {
  test('channel_names declares 2, some cases have 1 file', async () => {
    const ds = makeDataset('Dataset001_X', datasetJson(v2(3, '.nii.gz', 2)), { ...cases(['a', 'b'], { channels: 1 }), ...cases(['c'], { channels: 2 }) });
    const r = await runOn(ds, [NNU305]);
    expect(r.diagnostics).toEqual([
      expect.objectContaining({
        code: 'NNU305',
        severity: 'error',
        line: 2,
        fix: { applicability: 'none', applied: false },
        message:
          'channel_names declares 2 channels but 2 of 3 cases have another number of channel files: 2 cases with 1 (a, b); nnU-Net (--verify_dataset_integrity) stops with "Error: Unexpected number of modalities. Expected: 2. Got: 1.", ' +
          'and without the check builds the network for the wrong inputs. Add the missing CASE_XXXX.nii.gz files, or correct channel_names',
      }),
    ]);
  });

  test('a missing middle channel (_0000, _0002 without _0001) is named even when the count matches', async () => {
    const ds = makeDataset('Dataset001_X', datasetJson(v2(2, '.nii.gz', 2)), {
      ...cases(['a'], { channels: 2 }),
      'imagesTr/b_0000.nii.gz': NII,
      'imagesTr/b_0002.nii.gz': NII,
      'labelsTr/b.nii.gz': NII,
    });
    expect(messages(await runOn(ds, [NNU305]), 'NNU305')).toEqual([
      '1 case skips a channel index: b (has _0000, _0002; no _0001); nnU-Net accepts this and takes the files in sorted order, so b_0002.nii.gz is silently read as channel 1. Add the missing channel file, or renumber the channels from _0000 without gaps',
    ]);
  });

  test('RGB png with one channel name: 3 channels in one file (#2177)', async () => {
    const ds = makeDataset('Dataset120_Road', datasetJson(v2(2, '.png')), cases(['img-1', 'img-2'], { fe: '.png', image: PNG_RGB, label: PNG_GREY }));
    expect(messages(await runOn(ds, [NNU305]), 'NNU305')).toEqual([
      'imagesTr/img-1_0000.png is an RGB PNG: nnU-Net reads 3 channels from each file, but channel_names declares 1 channel; nnU-Net stops with "Error: Unexpected number of modalities. Expected: 1. Got: 3." (#2177). ' +
        'Declare one channel name per colour: "channel_names": {"0": "R", "1": "G", "2": "B"} (or save the images as greyscale PNGs)',
    ]);
  });

  test('RGB png with three channel names: fine', async () => {
    const json = datasetJson({ ...v2(1, '.png'), channel_names: { 0: 'R', 1: 'G', 2: 'B' } });
    expect((await runOn(makeDataset('Dataset120_Road', json, cases(['a'], { fe: '.png', image: PNG_RGB, label: PNG_GREY })), [NNU305])).diagnostics).toEqual([]);
  });

  test('4D NIfTI in an MSD folder: run nnUNetv2_convert_MSD_dataset', async () => {
    const msd = datasetJson({ modality: { 0: 'FLAIR', 1: 'T1w', 2: 't1gd', 3: 'T2w' }, labels: { 0: 'background', 1: 'edema' }, numTraining: 2, file_ending: '.nii.gz' });
    const ds = makeDataset('Task01_BrainTumour', msd, { 'imagesTr/BRATS_001.nii.gz': nii4d(4), 'imagesTr/BRATS_002.nii.gz': nii4d(4), 'labelsTr/BRATS_001.nii.gz': NII, 'labelsTr/BRATS_002.nii.gz': NII });
    const r = await runOn(ds, [NNU305]);
    expect(r.diagnostics).toEqual([
      expect.objectContaining({
        line: 2,
        message:
          'imagesTr/BRATS_001.nii.gz is a 4D image (4 volumes in one file, the Medical Segmentation Decathlon layout); nnU-Net v2 expects one 3D file per channel (CASE_0000.nii.gz, CASE_0001.nii.gz, ...). ' +
          `Run nnUNetv2_convert_MSD_dataset -i "${ds.dir}": it splits the 4D images and converts dataset.json into a new Dataset###_Name folder`,
      }),
    ]);
  });

  test('4D NIfTI also found before file_ending is set', async () => {
    const msd = datasetJson({ modality: { 0: 'MRI' }, labels: { 0: 'background', 1: 'heart' }, numTraining: 1 });
    const ds = makeDataset('Task02_Heart', msd, { 'imagesTr/la_003.nii.gz': nii4d(2), 'labelsTr/la_003.nii.gz': NII });
    expect(messages(await runOn(ds, [NNU305]), 'NNU305')[0]).toMatch(/^imagesTr\/la_003\.nii\.gz is a 4D image \(2 volumes in one file/);
  });

  test('a 4D .nii cannot be read at all (NibabelIO)', async () => {
    const ds = makeDataset('Dataset001_X', datasetJson(v2(1, '.nii', 2)), { 'imagesTr/a_0000.nii': nii4d(2), 'labelsTr/a.nii': NII });
    expect(messages(await runOn(ds, [NNU305]), 'NNU305')[0]).toMatch(/4 ?D image \(2 volumes in one file, the Medical Segmentation Decathlon layout\), a 4D \.nii file: NibabelIO, the only reader for \.nii, asserts "only 3d images are supported by NibabelIO"/);
  });

  test('a well-named 4D .nii.gz with as many channel names as volumes is what SimpleITKIO reads: fine', async () => {
    const ds = makeDataset('Dataset001_X', datasetJson(v2(1, '.nii.gz', 2)), { 'imagesTr/a_0000.nii.gz': nii4d(2), 'labelsTr/a.nii.gz': NII });
    expect((await runOn(ds, [NNU305])).diagnostics).toEqual([]);
  });

  test('the dataset key: the images list per case is counted', async () => {
    const json = datasetJson({ ...v2(2, '.nii.gz', 2), dataset: { a: { images: ['x/a0.nii.gz', 'x/a1.nii.gz'], label: 'y/a.nii.gz' }, b: { images: ['x/b0.nii.gz'], label: 'y/b.nii.gz' } } });
    expect(messages(await runOn(makeDataset('Dataset001_X', json, {}), [NNU305]), 'NNU305')).toEqual([
      'channel_names declares 2 channels but 1 case of the "dataset" key lists another number of images: b (1); nnU-Net (--verify_dataset_integrity) stops with "Error: Unexpected number of modalities. Expected: 2. Got: ...". List one image per channel, in channel order',
    ]);
  });

  test('v1 `modality` counts when channel_names is absent', async () => {
    const json = datasetJson({ modality: { 0: 'T2', 1: 'ADC' }, labels: { background: 0 }, numTraining: 1, file_ending: '.nii.gz' });
    const r = await runOn(makeDataset('Dataset005_Prostate', json, cases(['p'], { channels: 1 })), [NNU305]);
    expect(messages(r, 'NNU305')[0]).toMatch(/^modality declares 2 channels but 1 of 1 case has another number/);
  });

  test('negative: matching counts, no channel_names, no folder', async () => {
    expect((await runOn(makeDataset('Dataset001_X', datasetJson(v2(2, '.nii.gz', 3)), cases(['a', 'b'], { channels: 3 })), [NNU305])).diagnostics).toEqual([]);
    const noNames = datasetJson({ labels: { background: 0 }, numTraining: 1, file_ending: '.nii.gz' });
    expect((await runOn(makeDataset('Dataset001_X', noNames, cases(['a'], { channels: 2 })), [NNU305])).diagnostics).toEqual([]);
  });
});
