/**
 * NNU301 num-training-mismatch: tables on synthetic folder facts (the rule tester), the
 * agreement of its "count reliable?" judgement with NNU302-NNU305, and one real dataset.
 */
import { describe, expect, test } from '@jest/globals';
import { fixText } from '../../src/engine.js';
import { collectFolderFacts } from '../../src/folder/facts.js';
import type { FolderFacts } from '../../src/folder/facts.js';
import type { Rule } from '../../src/types.js';
import NNU301 from '../../transforms/NNU301-num-training-mismatch.js';
import NNU302 from '../../transforms/NNU302-file-ending-mismatch.js';
import NNU303 from '../../transforms/NNU303-case-naming.js';
import NNU304 from '../../transforms/NNU304-missing-label-file.js';
import NNU305 from '../../transforms/NNU305-channel-count.js';
import { caseFiles, folderFacts, niftiHeader, pngHeader, ruleTester } from '../rule-tester.js';
import { cases, makeDataset, runOn } from './helpers.js';

const json = (n: number | string, fe = '".nii.gz"') => `{
    "channel_names": {
        "0": "CT"
    },
    "labels": {
        "background": 0,
        "liver": 1
    },
    "numTraining": ${n},
    "file_ending": ${fe}
}
`;
const NO_COUNT = '{\n    "channel_names": {\n        "0": "CT"\n    },\n    "labels": {\n        "background": 0\n    },\n    "file_ending": ".nii.gz"\n}\n';
const WITH_KEY = (n: number) =>
  `{\n    "channel_names": {\n        "0": "CT"\n    },\n    "labels": {\n        "background": 0\n    },\n    "numTraining": ${n},\n    "file_ending": ".nii.gz",\n    "dataset": {\n        "a": {"images": ["imgs/a.nii.gz"], "label": "segs/a.nii.gz"},\n        "b": {"images": ["imgs/b.nii.gz"], "label": "segs/b.nii.gz"}\n    }\n}\n`;
const two = folderFacts(caseFiles(['liver_0', 'liver_1']));
const DID_NOT_FIND = (expected: number, found: number, examples: string) =>
  `stops with "Did not find the expected number of training cases (${expected}). Found ${found} instead. Examples: ${examples}"`;

ruleTester(NNU301, {
  valid: [
    { name: 'numTraining matches', text: json(2), folder: two },
    { name: 'numTraining "2" (a string: NNU204\'s)', text: json('"2"'), folder: two },
    { name: 'no folder facts', text: json(3) },
    { name: "no file_ending (NNU302's)", text: json(2).replace(',\n    "file_ending": ".nii.gz"', ''), folder: two },
  ],
  invalid: [
    {
      name: 'numTraining = the cases found (unsafe)',
      text: json(3),
      output: json(2),
      folder: two,
      fix: 'unsafe',
      count: 1,
      severity: 'error',
      message: 'numTraining is 3, but nnU-Net finds 2 training cases in imagesTr/ (file_ending ".nii.gz")',
      nnunet: DID_NOT_FIND(3, 2, "['liver_0', 'liver_1']"),
      help: '2 is the number of cases found',
      title: 'set numTraining to 2',
    },
    {
      name: 'numTraining missing: inserted last when the folder is clean',
      text: NO_COUNT,
      output: NO_COUNT.replace('".nii.gz"\n}', '".nii.gz",\n    "numTraining": 1\n}'),
      folder: folderFacts(caseFiles(['a'])),
      fix: 'unsafe',
      message: 'numTraining is missing; nnU-Net finds 1 training case in imagesTr/ (file_ending ".nii.gz")',
    },
    {
      name: 'the dataset key: the count is its number of entries',
      text: WITH_KEY(3),
      output: WITH_KEY(2),
      folder: folderFacts({
        images: false,
        labels: false,
        datasetKey: { 'imgs/a.nii.gz': 'exists', 'imgs/b.nii.gz': 'exists', 'segs/a.nii.gz': 'exists', 'segs/b.nii.gz': 'exists' },
      }),
      fix: 'unsafe',
      message: 'numTraining is 3, but nnU-Net finds 2 training cases in the "dataset" key',
    },
    {
      name: 'no fix while the naming is broken: la_007.nii.gz counts as the bogus case "l"',
      text: json(3),
      folder: folderFacts({ images: ['la_003.nii.gz', 'la_007.nii.gz', 'la_009_0000.nii.gz'], labels: ['la_003.nii.gz', 'la_007.nii.gz', 'la_009.nii.gz'] }),
      fix: 'none',
      message: 'numTraining is 3, but nnU-Net finds 2 training cases in imagesTr/ (file_ending ".nii.gz")',
      nnunet: DID_NOT_FIND(3, 2, "['l', 'la_009']"),
      help: 'not fixed automatically: NNU303, NNU304 report problems that make this count unreliable; fix them first',
    },
    {
      name: 'hidden AppleDouble files count as cases and block the fix',
      text: json(2),
      folder: folderFacts({ images: ['a_0000.nii.gz', 'b_0000.nii.gz', '._a_0000.nii.gz'], labels: ['a.nii.gz', 'b.nii.gz', '._a.nii.gz'] }),
      fix: 'none',
      nnunet: DID_NOT_FIND(2, 3, "['._a', 'a', 'b']"),
      help: 'not fixed automatically: NNU303 reports problems that make this count unreliable; fix it first',
    },
    {
      name: 'a count of 0 is never written; the help points at NNU302',
      text: json(3),
      folder: folderFacts(caseFiles(['a', 'b', 'c'], '.nii')),
      fix: 'none',
      nnunet: DID_NOT_FIND(3, 0, '[]'),
      help: 'numTraining is never set to 0: see NNU302',
    },
    {
      name: 'labelsTr/ without imagesTr/',
      text: json(2),
      folder: folderFacts({ images: false, labels: ['a.nii.gz'] }),
      fix: 'none',
      message: 'numTraining is 2, but nnU-Net finds 0 training cases: the dataset has no imagesTr/ folder',
      nnunet: 'stops with "There needs to be a imagesTr subfolder in folder, folder=nnUNet_raw/Dataset001_X"',
      help: 'numTraining is never set to 0: put the training images in imagesTr/ as CASE_XXXX.nii.gz',
    },
  ],
});

/** The codes of NNU302-NNU305 that report an error or warning for this dataset (what NNU301 used to compute by running them). */
function reportingCodes(text: string, folder: FolderFacts): string[] {
  const rules: Rule[] = [NNU302, NNU303, NNU304, NNU305];
  const found = fixText(text, { rules, folder }).diagnostics.filter((d) => d.severity !== 'info');
  return [...new Set(found.map((d) => d.code))].sort();
}

describe('NNU301 and NNU302-NNU305 read the same facts', () => {
  // one dataset per family of problems, and some with several
  const folders: [string, string, FolderFacts][] = [
    ['clean', json(5), folderFacts(caseFiles(['a', 'b']))],
    ['file_ending matches nothing', json(5), folderFacts(caseFiles(['a', 'b'], '.nii'))],
    [
      'other endings beside file_ending (a warning)',
      json(5),
      folderFacts({ images: [...caseFiles(['a', 'b']).images, 'c_0000.nii'], labels: caseFiles(['a', 'b']).labels }),
    ],
    ['misnamed and unlabelled', json(5), folderFacts({ images: ['la_003.nii.gz', 'la_007.nii.gz', 'la_009_0000.nii.gz'], labels: ['la_003.nii.gz'] })],
    ['a label without a case (a warning)', json(5), folderFacts({ images: caseFiles(['a']).images, labels: ['a.nii.gz', 'z.nii.gz'] })],
    ['no labelsTr', json(5), folderFacts({ images: caseFiles(['a']).images, labels: false })],
    ['a channel gap', json(5), folderFacts({ images: ['a_0000.nii.gz', 'a_0002.nii.gz'], labels: ['a.nii.gz'] })],
    ['RGB png, one channel name', json(5, '".png"'), folderFacts({ ...caseFiles(['a', 'b'], '.png'), headers: { 'a_0000.png': pngHeader(3) } })],
    [
      '4D MSD images',
      json(5),
      folderFacts({ name: 'Task01_X', images: ['a.nii.gz'], labels: ['a.nii.gz'], headers: { 'a.nii.gz': niftiHeader([2, 2, 2, 4]) } }),
    ],
    [
      'the dataset key: a missing file, a path outside (a warning), a $VARIABLE (only a note)',
      WITH_KEY(5),
      folderFacts({
        images: false,
        labels: false,
        datasetKey: { 'imgs/a.nii.gz': 'missing', 'imgs/b.nii.gz': 'outside', 'segs/a.nii.gz': 'variable', 'segs/b.nii.gz': 'exists' },
      }),
    ],
    [
      'the dataset key: only a $VARIABLE',
      WITH_KEY(5),
      folderFacts({
        images: false,
        labels: false,
        datasetKey: { 'imgs/a.nii.gz': 'variable', 'imgs/b.nii.gz': 'exists', 'segs/a.nii.gz': 'exists', 'segs/b.nii.gz': 'exists' },
      }),
    ],
  ];
  test.each(folders)('%s', (_name, text, folder) => {
    const d = fixText(text, { rules: [NNU301], folder }).diagnostics[0];
    const codes = reportingCodes(text, folder);
    const named = /(NNU30\d(?:, NNU30\d)*) reports?|see (NNU30\d(?:, NNU30\d)*)/.exec(d?.help ?? '');
    expect((named?.[1] ?? named?.[2] ?? '').split(', ').filter(Boolean)).toEqual(codes);
    if (d) expect(d.fix.applicability).toBe(codes.length ? 'none' : 'unsafe');
  });
});

describe('NNU301 on a real dataset, beside NNU302', () => {
  test('rules re-read the JSON each pass: NNU302 fixes file_ending, then NNU301 may fix numTraining', async () => {
    const text = json(5).trimEnd();
    const ds = makeDataset('Dataset001_X', text, cases(['a', 'b', 'c'], { fe: '.nii' }));
    const r = await runOn(ds, [NNU301, NNU302, NNU303]);
    expect(r.error).toBeUndefined();
    expect(r.applied.map((a) => a.code)).toEqual(['NNU302', 'NNU301']);
    expect(r.output).toBe(json(3, '".nii"').trimEnd());
    expect(r.remaining).toEqual([]);
  });

  test('collected facts give the same finding as synthetic ones', async () => {
    const ds = makeDataset('Dataset001_X', json(3), cases(['liver_0', 'liver_1']));
    const folder = await collectFolderFacts(ds.dir, { env: {} });
    const real = fixText(ds.json, { rules: [NNU301], folder, unsafeFixes: true });
    const synthetic = fixText(ds.json, { rules: [NNU301], folder: two, unsafeFixes: true });
    expect(real.output).toBe(json(2));
    expect(real.diagnostics.map(({ message, nnunet, help, fix }) => ({ message, nnunet, help, title: fix.title }))).toEqual(
      synthetic.diagnostics.map(({ message, nnunet, help, fix }) => ({ message, nnunet, help, title: fix.title })),
    );
  });
});
