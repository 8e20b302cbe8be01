/** NNU302 file-ending-mismatch: tables on synthetic folder facts (the rule tester), then one real dataset. */
import { describe, expect, test } from '@jest/globals';
import { fixText } from '../../src/engine.js';
import NNU302 from '../../transforms/NNU302-file-ending-mismatch.js';
import { caseFiles, folderFacts, ruleTester } from '../rule-tester.js';
import { cases, makeDataset, runOn } from './helpers.js';

const json = (fe: string | undefined) => `{
    "channel_names": {
        "0": "CT"
    },
    "labels": {
        "background": 0,
        "tumor": 1
    },
    "numTraining": 2${
      fe === undefined
        ? ''
        : `,
    "file_ending": ${fe}`
    }
}
`;
const ZERO_CASES = 'finds 0 training cases ("Did not find the expected number of training cases (N). Found 0 instead.", #2436)';
const ab = (fe: string) => folderFacts(caseFiles(['a', 'b'], fe));

ruleTester(NNU302, {
  valid: [
    { name: 'a matching file_ending', text: json('".nii.gz"'), folder: ab('.nii.gz') },
    { name: 'no image file at all (NNU301 says "found 0")', text: json('".nii.gz"'), folder: folderFacts({ images: ['.DS_Store'], labels: [] }) },
    {
      name: 'the dataset key',
      text: json('".mha"').replace('"numTraining": 2', '"dataset": {}'),
      folder: folderFacts({ images: caseFiles(['a']).images, labels: [], datasetKey: {} }),
    },
    { name: 'no folder facts', text: json('".x"') },
    ...['"nii.gz"', '" .nii.gz"', '"*.nii.gz"'].map((fe) => ({
      name: `${fe}: a missing dot, blanks or a glob star are NNU205's (safe)`,
      text: json(fe),
      folder: ab('.nii.gz'),
    })),
  ],
  invalid: [
    {
      name: '".nii.gz" but the files are .nii: unsafe fix to ".nii" (#1644)',
      text: json('".nii.gz"'),
      output: json('".nii"'),
      folder: ab('.nii'),
      fix: 'unsafe',
      count: 1,
      severity: 'error',
      message: 'file_ending ".nii.gz" matches none of the 2 files in imagesTr/ (the image files end in ".nii")',
      nnunet: ZERO_CASES,
      help: '".nii" is the only image ending on disk',
      title: 'set file_ending to ".nii"',
    },
    {
      name: 'missing file_ending: inserted last; .DS_Store and ._ files are not endings',
      text: json(undefined),
      output: json('".nii.gz"'),
      folder: folderFacts({ images: [...caseFiles(['a', 'b']).images, '.DS_Store', '._a_0000.nii'], labels: [...caseFiles(['a', 'b']).labels, 'notes.txt'] }),
      fix: 'unsafe',
      message: 'file_ending is missing (the image files end in ".nii.gz")',
      nnunet: `stops with "not all required keys are present in dataset.json" (--verify_dataset_integrity) or KeyError: 'file_ending'`,
    },
    {
      name: '.NII.GZ on disk: str.endswith is case-sensitive; fixed to the spelling on disk',
      text: json('".nii.gz"'),
      output: json('".NII.GZ"'),
      folder: ab('.NII.GZ'),
      fix: 'unsafe',
      help: 'str.endswith is case-sensitive: ".nii.gz" does not match ".NII.GZ"; renaming the files to lower case is the portable alternative; ".NII.GZ" is the only image ending on disk',
    },
    {
      name: 'a file_ending with no reader (".gz") is replaced by the ending on disk',
      text: json('".gz"'),
      output: json('".nii.gz"'),
      folder: ab('.nii.gz'),
      fix: 'unsafe',
      message: 'file_ending ".gz" is not an ending nnU-Net has a reader for (the image files end in ".nii.gz")',
      nnunet:
        'cannot choose an image reader and stops with "Unable to determine a reader for file ending .gz and file ... (file None means no file provided)."',
    },
    {
      name: 'a non-string file_ending is replaced',
      text: json('7'),
      output: json('".png"'),
      folder: ab('.png'),
      fix: 'unsafe',
      message: 'file_ending is not a string (7) (the image files end in ".png")',
    },
    {
      name: 'mixed endings: no fix, the endings are listed with counts',
      text: json('".mha"'),
      folder: folderFacts({
        images: [...caseFiles(['a']).images, ...caseFiles(['b', 'c'], '.nii').images],
        labels: [...caseFiles(['a']).labels, ...caseFiles(['b', 'c'], '.nii').labels],
      }),
      fix: 'none',
      message: 'file_ending ".mha" matches none of the 3 files in imagesTr/, and the files on disk have mixed endings',
      nnunet: `${ZERO_CASES}; it uses exactly one ending`,
      help: 'not fixed automatically: imagesTr/ and labelsTr/ hold ".nii" (4), ".nii.gz" (2); convert the files to one ending, then set file_ending to it',
    },
    {
      name: 'images .nii.gz, labels .nii: no single ending, no fix',
      text: json(undefined),
      folder: folderFacts({ images: ['a_0000.nii.gz'], labels: ['a.nii'] }),
      fix: 'none',
      help: /imagesTr\/ and labelsTr\/ hold "\.nii" \(1\), "\.nii\.gz" \(1\)/,
    },
    {
      name: 'file_ending works but other image files are ignored: a warning, no fix',
      text: json('".nii.gz"'),
      folder: folderFacts({ images: [...caseFiles(['a', 'b']).images, 'c_0000.nii'], labels: [...caseFiles(['a', 'b']).labels, 'c.NII.GZ'] }),
      fix: 'none',
      severity: 'warning',
      message: 'other endings than file_ending ".nii.gz": ".nii" (1) in imagesTr/, ".NII.GZ" (1) in labelsTr/',
      nnunet: 'only sees files ending exactly in ".nii.gz" (case-sensitive) and ignores these without a word',
      help: 'convert or rename them to ".nii.gz", or move them out of the dataset',
    },
    {
      name: '.jpg on disk: no reader in nnU-Net, no fix',
      text: json(undefined),
      folder: ab('.jpg'),
      fix: 'none',
      message: 'file_ending is missing; the files end in ".jpg"',
      nnunet: 'has no reader for ".jpg" ("Unable to determine a reader for file ending .jpg")',
      help: 'JPEG is lossy and deliberately unsupported: convert the images to .png, .nii.gz, .nrrd or .mha, then set file_ending',
    },
    {
      name: 'no file_ending and no image to take it from',
      text: json(undefined),
      folder: folderFacts({ images: [], labels: [] }),
      fix: 'none',
      message: 'file_ending is missing, and imagesTr/ holds no image file to derive it from',
      nnunet: "stops with KeyError: 'file_ending'",
    },
  ],
});

describe('NNU302 on a real dataset', () => {
  test('collected facts: ".nii.gz" but the files are .nii', async () => {
    const ds = makeDataset('Dataset001_X', json('".nii.gz"'), cases(['a', 'b'], { fe: '.nii' }));
    const r = await runOn(ds, [NNU302]);
    expect(r.output).toBe(json('".nii"'));
    expect(r.diagnostics.map((d) => [d.line, d.fix.title])).toEqual([[10, 'set file_ending to ".nii"']]);
    expect(fixText(ds.json, { rules: [NNU302] }).diagnostics).toEqual([]); // no folder facts: nothing
  });
});
