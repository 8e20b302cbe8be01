import { describe, expect, test } from '@jest/globals';
import NNU304 from '../../transforms/NNU304-missing-label-file.js';
import { cases, datasetJson, makeDataset, messages, NII, runOn, v2 } from './helpers.js';

const json = datasetJson(v2(3));

describe('NNU304 missing-label-file', () => {
  test('cases without labelsTr/CASE.nii.gz, with nnU-Net\'s message', async () => {
    const ds = makeDataset('Dataset001_X', json, { ...cases(['a']), 'imagesTr/b_0000.nii.gz': NII, 'imagesTr/c_0000.nii.gz': NII });
    const r = await runOn(ds, [NNU304]);
    expect(r.diagnostics).toEqual([
      expect.objectContaining({
        code: 'NNU304',
        severity: 'error',
        fix: { applicability: 'none', applied: false },
        message:
          '2 of 3 training cases have no label file: labelsTr/b.nii.gz, labelsTr/c.nii.gz; nnU-Net stops with "not all training cases have a label file in labelsTr. Fix that. Missing: [\'b\', \'c\']". ' +
          'Add the segmentations, or move the images of unlabeled cases to imagesTs/',
      }),
    ]);
  });

  test('labels saved with _0000: named, with the rename', async () => {
    const ds = makeDataset('Dataset001_X', json, { 'imagesTr/a_0000.nii.gz': NII, 'labelsTr/a_0000.nii.gz': NII });
    expect(messages(await runOn(ds, [NNU304]), 'NNU304')).toEqual([
      '1 of 1 training case has no label file: labelsTr/a.nii.gz; nnU-Net stops with "not all training cases have a label file in labelsTr. Fix that. Missing: [\'a\']"; ' +
        'labelsTr/ has it with a channel index (a_0000.nii.gz): label files must be named CASE.nii.gz, e.g. rename a_0000.nii.gz -> a.nii.gz',
    ]);
  });

  test('label files without an image case: warning', async () => {
    const ds = makeDataset('Dataset001_X', json, { ...cases(['a']), 'labelsTr/z.nii.gz': NII, 'labelsTr/._a.nii.gz': 'x', 'labelsTr/readme.txt': 'x' });
    const r = await runOn(ds, [NNU304]);
    expect(r.diagnostics).toEqual([
      expect.objectContaining({
        severity: 'warning',
        message: '1 label file has no image case: labelsTr/z.nii.gz (no imagesTr/z_XXXX.nii.gz); nnU-Net ignores it without a word. Add or rename the images (see NNU303), or remove the stray labels',
      }),
    ]);
  });

  test('no labelsTr/ folder', async () => {
    const ds = makeDataset('Dataset001_X', json, { 'imagesTr/a_0000.nii.gz': NII });
    expect(messages(await runOn(ds, [NNU304]), 'NNU304')).toEqual([
      `the dataset has imagesTr/ but no labelsTr/ folder; nnU-Net stops with "There needs to be a labelsTr subfolder in folder, folder=${ds.dir}". Put one segmentation per case in labelsTr/ (CASE.nii.gz)`,
    ]);
  });

  test('the dataset key: missing files are errors; ../../etc/passwd is reported, not followed', async () => {
    const text = datasetJson({
      ...v2(3),
      dataset: {
        a: { images: ['imgs/a.nii.gz'], label: 'segs/a.nii.gz' },
        b: { images: ['imgs/b.nii.gz'], label: 'segs/b.nii.gz' },
        c: { images: ['../../etc/passwd'], label: '$SEGS/c.nii.gz' },
      },
    });
    const ds = makeDataset('Dataset001_X', text, { 'imgs/a.nii.gz': NII, 'segs/a.nii.gz': NII });
    const r = await runOn(ds, [NNU304]);
    expect(r.diagnostics.map((d) => [d.severity, d.message])).toEqual([
      [
        'error',
        'the "dataset" key lists files that do not exist in the dataset folder: 1 image file(s) ("imgs/b.nii.gz"); 1 label file(s) ("segs/b.nii.gz"); paths are relative to the dataset folder, and nnU-Net stops with ' +
          '"Some expected files were missing. Make sure you are properly referencing them in the dataset.json. Or use imagesTr & labelsTr folders!". Correct the paths or add the files',
      ],
      [
        'warning',
        'the "dataset" key points outside the dataset folder: "../../etc/passwd"; not checked (nnunet-doctor never reads or follows paths outside the dataset folder). Make sure this is intended: nnU-Net will open this file as training data',
      ],
      ['info', '1 "dataset" path(s) use $VARIABLES or lead through a symlink and were not checked: "$SEGS/c.nii.gz"'],
    ]);
  });

  test('negative: every case labelled; unusable file_ending; no folder', async () => {
    expect((await runOn(makeDataset('Dataset001_X', json, cases(['a', 'b'], { channels: 2 })), [NNU304])).diagnostics).toEqual([]);
    expect((await runOn(makeDataset('Dataset001_X', datasetJson(v2(1, '.mha')), { 'imagesTr/a_0000.nii.gz': NII, labelsTr: { dir: true } }), [NNU304])).diagnostics).toEqual([]);
  });
});
