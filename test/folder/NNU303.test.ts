/** NNU303 case-naming: tables on synthetic folder facts (the rule tester), then one real dataset. */
import { describe, expect, test } from '@jest/globals';
import NNU303 from '../../transforms/NNU303-case-naming.js';
import { caseFiles, folderFacts, ruleTester } from '../rule-tester.js';
import { cases, datasetJson, makeDataset, runOn, v2 } from './helpers.js';

const json = `${datasetJson(v2(3))}\n`;
const MSD = `${datasetJson({ modality: { 0: 'MRI' }, labels: { 0: 'background', 1: 'heart' }, numTraining: 1, file_ending: '.nii.gz' })}\n`;
const ok = caseFiles(['ok']);

ruleTester(NNU303, {
  valid: [
    {
      name: 'well-named cases, .DS_Store',
      text: json,
      folder: folderFacts({ images: [...caseFiles(['a', 'b'], '.nii.gz', 2).images, '.DS_Store'], labels: caseFiles(['a', 'b']).labels }),
    },
    {
      name: "a file_ending that matches nothing (NNU302's)",
      text: `${datasetJson(v2(1, '.nrrd'))}\n`,
      folder: folderFacts({ images: ['la_007.nii.gz'], labels: [] }),
    },
    {
      name: 'the dataset key',
      text: `${datasetJson({ ...v2(1), dataset: { a: { images: ['imagesTr/la_007.nii.gz'], label: 'labelsTr/la_007.nii.gz' } } })}\n`,
      folder: folderFacts({
        images: ['la_007.nii.gz'],
        labels: ['la_007.nii.gz'],
        datasetKey: { 'imagesTr/la_007.nii.gz': 'exists', 'labelsTr/la_007.nii.gz': 'exists' },
      }),
    },
  ],
  invalid: [
    {
      name: 'la_007.nii.gz without _0000: the bogus case "l" (#2346)',
      text: json,
      folder: folderFacts({ name: 'Dataset002_Heart', images: ['la_003.nii.gz', 'la_007.nii.gz'], labels: ['la_003.nii.gz', 'la_007.nii.gz'] }),
      fix: 'none',
      count: 1,
      severity: 'error',
      message: '2 image files have no _XXXX channel index: la_003.nii.gz, la_007.nii.gz',
      nnunet: 'cuts 12 characters off every name and reads la_003.nii.gz as case "l", la_007.nii.gz as case "l": 1 bogus case with no image file (#2346)',
      help: 'name the images CASE_XXXX.nii.gz, e.g. rename la_003.nii.gz -> la_003_0000.nii.gz',
    },
    {
      name: 'the MSD/v1 layout gets the converter command',
      text: MSD,
      folder: folderFacts({ name: 'Task02_Heart', images: ['la_003.nii.gz'], labels: ['la_003.nii.gz'] }),
      fix: 'none',
      help: 'name the images CASE_XXXX.nii.gz, e.g. rename la_003.nii.gz -> la_003_0000.nii.gz; this is the MSD/v1 layout: nnUNetv2_convert_MSD_dataset -i "nnUNet_raw/Task02_Heart" converts it',
    },
    {
      name: 'x.001.0000.nii.gz: a dot instead of "_" (#2187)',
      text: json,
      folder: folderFacts({ images: [...caseFiles(['a']).images, 'x.001.0000.nii.gz', 'y-0000.nii.gz'], labels: caseFiles(['a']).labels }),
      fix: 'none',
      message: '2 image files separate the channel index with a dot or dash: x.001.0000.nii.gz, y-0000.nii.gz',
      nnunet: 'reads x.001.0000.nii.gz as case "x.001", y-0000.nii.gz as case "y", and finds no image file for these cases (#2187)',
      help: 'separate it with "_": rename e.g. x.001.0000.nii.gz -> x.001_0000.nii.gz',
    },
    {
      name: 'hidden ._ AppleDouble files (images and labels) are named, with the delete command',
      text: json,
      folder: folderFacts({
        images: [...caseFiles(['a', 'b']).images, '._a_0000.nii.gz', '.DS_Store'],
        labels: [...caseFiles(['a', 'b']).labels, '._a.nii.gz'],
      }),
      fix: 'none',
      message: '2 hidden files end with ".nii.gz": imagesTr/._a_0000.nii.gz, labelsTr/._a.nii.gz',
      nnunet: 'counts each hidden image file as a case (e.g. "._a") and then fails to read it',
      help: `macOS AppleDouble "._" files are not images: delete them with find "nnUNet_raw/Dataset001_X" -name '._*' -delete (or dot_clean on macOS)`,
    },
    {
      name: 'many offending files: the first two, then a count',
      text: json,
      folder: folderFacts({ images: [...ok.images, ...Array.from({ length: 8 }, (_, i) => `img${i + 1}.nii.gz`)], labels: ok.labels }),
      fix: 'none',
      message: '8 image files have no _XXXX channel index: img1.nii.gz, img2.nii.gz and 6 more',
      nnunet: 'cuts 12 characters off every name and reads img1.nii.gz as case "", img2.nii.gz as case "" and 6 more: 1 bogus case with no image file (#2346)',
    },
    {
      name: 'a 300-character file name does not make a long line',
      text: json,
      folder: folderFacts({ images: [...ok.images, `${'n'.repeat(300)}.nii.gz`], labels: ok.labels }),
      fix: 'none',
      message: /^1 image file has no _XXXX channel index: n{18}\.\.\.n{11}\.nii\.gz$/,
    },
  ],
});

describe('NNU303 on a real dataset', () => {
  test('collected facts: the hidden files and the folder as given', async () => {
    const ds = makeDataset('Dataset001_X', json, {
      ...cases(['a', 'b']),
      'imagesTr/._a_0000.nii.gz': 'x',
      'labelsTr/._a.nii.gz': 'x',
      'imagesTr/.DS_Store': 'x',
    });
    const r = await runOn(ds, [NNU303]);
    expect(r.diagnostics.map((d) => [d.message, d.help])).toEqual([
      [
        '2 hidden files end with ".nii.gz": imagesTr/._a_0000.nii.gz, labelsTr/._a.nii.gz',
        `macOS AppleDouble "._" files are not images: delete them with find "${ds.dir}" -name '._*' -delete (or dot_clean on macOS)`,
      ],
    ]);
  });
});
