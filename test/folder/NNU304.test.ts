/** NNU304 missing-label-file: tables on synthetic folder facts (the rule tester), then one real dataset. */
import { describe, expect, test } from '@jest/globals';
import NNU304 from '../../transforms/NNU304-missing-label-file.js';
import { caseFiles, folderFacts, ruleTester } from '../rule-tester.js';
import { datasetJson, makeDataset, NII, runOn, v2 } from './helpers.js';

const json = `${datasetJson(v2(3))}\n`;
const a = caseFiles(['a']);
const WITH_KEY = `${datasetJson({
  ...v2(3),
  dataset: {
    a: { images: ['imgs/a.nii.gz'], label: 'segs/a.nii.gz' },
    b: { images: ['imgs/b.nii.gz'], label: 'segs/b.nii.gz' },
    c: { images: ['../../etc/passwd'], label: '$SEGS/c.nii.gz' },
  },
})}\n`;
const MISSING =
  'stops with "Some expected files were missing. Make sure you are properly referencing them in the dataset.json. Or use imagesTr & labelsTr folders!"';

ruleTester(NNU304, {
  valid: [
    { name: 'every case labelled', text: json, folder: folderFacts(caseFiles(['a', 'b'], '.nii.gz', 2)) },
    { name: "an unusable file_ending (NNU302's)", text: `${datasetJson(v2(1, '.mha'))}\n`, folder: folderFacts({ images: a.images, labels: [] }) },
    { name: 'no folder facts', text: json },
  ],
  invalid: [
    {
      name: "cases without labelsTr/CASE.nii.gz, with nnU-Net's message",
      text: json,
      folder: folderFacts({ images: [...a.images, 'b_0000.nii.gz', 'c_0000.nii.gz'], labels: a.labels }),
      fix: 'none',
      count: 1,
      severity: 'error',
      message: '2 of 3 training cases have no label file: labelsTr/b.nii.gz, labelsTr/c.nii.gz',
      nnunet: `stops with "not all training cases have a label file in labelsTr. Fix that. Missing: ['b', 'c']"`,
      help: 'add the segmentations, or move the images of unlabeled cases to imagesTs/',
    },
    {
      name: 'labels saved with _0000: named, with the rename',
      text: json,
      folder: folderFacts({ images: a.images, labels: ['a_0000.nii.gz'] }),
      fix: 'none',
      count: 1,
      message: '1 of 1 training case has no label file: labelsTr/a.nii.gz',
      help: 'labelsTr/ has it with a channel index (a_0000.nii.gz): label files must be named CASE.nii.gz, e.g. rename a_0000.nii.gz -> a.nii.gz',
    },
    {
      name: 'label files without an image case: a warning',
      text: json,
      folder: folderFacts({ images: a.images, labels: [...a.labels, 'z.nii.gz', '._a.nii.gz', 'readme.txt'] }),
      fix: 'none',
      count: 1,
      severity: 'warning',
      message: '1 label file has no image case: labelsTr/z.nii.gz',
      nnunet: 'ignores it without a word',
      help: 'there is no imagesTr/z_XXXX.nii.gz: add or rename the images (see NNU303), or remove the stray labels',
    },
    {
      name: 'no labelsTr/ folder',
      text: json,
      folder: folderFacts({ images: a.images, labels: false }),
      fix: 'none',
      message: 'the dataset has imagesTr/ but no labelsTr/ folder',
      nnunet: 'stops with "There needs to be a labelsTr subfolder in folder, folder=nnUNet_raw/Dataset001_X"',
      help: 'put one segmentation per case in labelsTr/ (CASE.nii.gz)',
    },
    {
      name: 'the dataset key: a missing file is an error',
      text: WITH_KEY,
      folder: folderFacts({
        images: false,
        labels: false,
        datasetKey: { 'imgs/a.nii.gz': 'exists', 'segs/a.nii.gz': 'exists', 'imgs/b.nii.gz': 'missing', 'segs/b.nii.gz': 'missing' },
      }),
      fix: 'none',
      severity: 'error',
      message: 'the "dataset" key lists files that do not exist in the dataset folder: "imgs/b.nii.gz", "segs/b.nii.gz"',
      nnunet: MISSING,
      help: 'missing: 1 image file ("imgs/b.nii.gz"); 1 label file ("segs/b.nii.gz"); paths are relative to the dataset folder: correct them or add the files',
    },
    {
      name: 'the dataset key: a path outside the folder is a warning (reported, never followed)',
      text: WITH_KEY,
      folder: folderFacts({
        images: false,
        labels: false,
        datasetKey: {
          'imgs/a.nii.gz': 'exists',
          'segs/a.nii.gz': 'exists',
          'imgs/b.nii.gz': 'exists',
          'segs/b.nii.gz': 'exists',
          '../../etc/passwd': 'outside',
        },
      }),
      fix: 'none',
      severity: 'warning',
      message: 'the "dataset" key points outside the dataset folder: "../../etc/passwd"',
      nnunet: 'will open this file as training data',
    },
    {
      name: 'the dataset key: a $VARIABLE is only noted',
      text: WITH_KEY,
      folder: folderFacts({ images: false, labels: false, datasetKey: { '$SEGS/c.nii.gz': 'variable' } }),
      fix: 'none',
      severity: 'info',
      message: '1 "dataset" path with $VARIABLES or through a symlink, not checked: "$SEGS/c.nii.gz"',
    },
  ],
});

describe('NNU304 on a real dataset', () => {
  test('the dataset key: missing files, ../../etc/passwd reported and not followed, a $VARIABLE noted', async () => {
    const ds = makeDataset('Dataset001_X', WITH_KEY, { 'imgs/a.nii.gz': NII, 'segs/a.nii.gz': NII });
    const r = await runOn(ds, [NNU304]);
    expect(r.diagnostics.map((d) => [d.severity, d.message])).toEqual([
      ['error', 'the "dataset" key lists files that do not exist in the dataset folder: "imgs/b.nii.gz", "segs/b.nii.gz"'],
      ['warning', 'the "dataset" key points outside the dataset folder: "../../etc/passwd"'],
      ['info', '1 "dataset" path with $VARIABLES or through a symlink, not checked: "$SEGS/c.nii.gz"'],
    ]);
  });
});
