/** NNU201 missing-key: tables on the rule tester, then real corpus files and the dataset folder. */
import { describe, expect, test } from '@jest/globals';
import { fixText } from '../../src/engine.js';
import type { FolderFacts } from '../../src/folder/facts.js';
import NNU201 from '../../transforms/NNU201-missing-key.js';
import NNU202 from '../../transforms/NNU202-legacy-modality.js';
import { ruleTester } from '../rule-tester.js';
import { corpus, replaceOnce, run } from './nnu2xx-helpers.js';

const NO_ENDING = `{
    "channel_names": {
        "0": "CT"
    },
    "labels": {
        "background": 0,
        "liver": 1
    },
    "numTraining": 3
}
`;
const COMPLETE = `{
    "channel_names": {
        "0": "CT"
    },
    "labels": {
        "background": 0,
        "liver": 1
    },
    "numTraining": 3,
    "file_ending": ".nii.gz"
}
`;

/** A v1 file with a training list and neither numTraining nor file_ending. */
const V1_TRAINING = (ending: string) => `{
    "name": "Liver",
    "channel_names": {
        "0": "CT"
    },
    "labels": {
        "background": 0
    },
    "training": [
        {"image": "./imagesTr/liver_0${ending}", "label": "./labelsTr/liver_0${ending}"},
        {"image": "./imagesTr/liver_1${ending}", "label": "./labelsTr/liver_1${ending}"},
        {"image": "./imagesTr/liver_2${ending}", "label": "./labelsTr/liver_2${ending}"}
    ]
}
`;
const V1_TRAINING_FIXED = (ending: string) =>
  V1_TRAINING(ending).replace(/\n {4}\]\n\}\n$/, `\n    ],\n    "numTraining": 3,\n    "file_ending": "${ending}"\n}\n`);
const withCount = (t: string) => t.replace('"name": "Liver",', '"name": "Liver",\n    "numTraining": 3,');
const MISSING = (keys: string) => `verify_dataset_integrity stops with "not all required keys are present in dataset.json. ... Missing: ${keys}"`;

ruleTester(NNU201, {
  valid: [
    { name: 'a complete file', text: COMPLETE },
    { name: "labels missing is NNU110's", text: '{"channel_names": {"0": "CT"}, "numTraining": 1, "file_ending": ".nii.gz"}' },
  ],
  invalid: [
    {
      name: 'file_ending: the default ".nii.gz" inserted last, unsafe',
      text: NO_ENDING,
      output: COMPLETE,
      fix: 'unsafe',
      count: 1,
      severity: 'error',
      message: 'required key "file_ending" is missing',
      nnunet: `${MISSING("['file_ending']")}; without that flag it fails with KeyError: 'file_ending'`,
      help: `the ending is the default of nnU-Net's converters (nnUNetv2_convert_MSD_dataset writes ".nii.gz"; no v1 "training" paths to take it from); NNU302 checks it against the files in imagesTr when the dataset folder is checked`,
      title: 'add "file_ending": ".nii.gz"',
    },
    ...['.nii.gz', '.nii', '.mha', '.nrrd', '.png', '.tif', '.tiff'].map((ending) => ({
      name: `file_ending ${ending} from the training paths`,
      text: withCount(V1_TRAINING(ending)),
      output: withCount(V1_TRAINING(ending)).replace(/\n {4}\]\n\}\n$/, `\n    ],\n    "file_ending": "${ending}"\n}\n`),
      fix: 'unsafe' as const,
      help: `the ending is taken from the 6 image and label paths of the v1 "training" list (all end in "${ending}")`,
    })),
    {
      name: 'numTraining counted from the training list, then file_ending, both unsafe',
      text: V1_TRAINING('.nii.gz'),
      output: V1_TRAINING_FIXED('.nii.gz'),
      fix: 'unsafe',
      count: 2,
      message: 'required key "numTraining" is missing',
      nnunet: `${MISSING("['numTraining', 'file_ending']")}; without that flag the planner fails with KeyError: 'numTraining'`,
      help: '3 is the number of entries of the v1 "training" list; NNU301 compares it with the cases found in imagesTr when the dataset folder is checked',
      title: 'add "numTraining": 3 (the length of the "training" list)',
    },
    {
      name: 'mixed endings in the training list: no fix, the endings are named',
      text: withCount(V1_TRAINING('.nii.gz').replace('liver_2.nii.gz"}', 'liver_2.nii"}')),
      fix: 'none',
      count: 1,
      help: /^not fixed automatically: the paths of the v1 "training" list do not share one ending nnU-Net can read \(found "\.nii\.gz", "\.nii"\)/,
    },
    { name: 'an ending no reader knows (.jpg): no fix', text: withCount(V1_TRAINING('.jpg')), fix: 'none', help: /\(found "\.jpg"\)/ },
    {
      name: 'numTraining with no training list: no fix, NNU301 is named',
      text: COMPLETE.replace('    "numTraining": 3,\n', ''),
      fix: 'none',
      count: 1,
      help: 'not fixed automatically (there is no v1 "training" list to count): add "numTraining": N, the number of training cases in imagesTr; NNU301 counts them when the dataset folder is checked',
    },
    {
      name: 'an empty training list: no fix (a template to be filled)',
      text: '{"channel_names": {"0": "T1"}, "labels": {"background": 0}, "file_ending": ".nii.gz", "training": []}',
      fix: 'none',
      help: /the v1 "training" list is empty/,
    },
    {
      name: 'training entries that are not cases: no fix',
      text: '{"channel_names": {"0": "T1"}, "labels": {"background": 0}, "file_ending": ".nii.gz", "training": [{"image": "./imagesTr/a.nii.gz"}, null, 3]}',
      fix: 'none',
      help: /entry 1 of the v1 "training" list has no "image" path/,
    },
    {
      name: 'an image listed twice: no fix',
      text: '{"channel_names": {"0": "T1"}, "labels": {"background": 0}, "file_ending": ".nii.gz", "training": [{"image": "./imagesTr/a.nii.gz"}, {"image": "./imagesTr/a.nii.gz"}]}',
      fix: 'none',
      help: /names "\.\/imagesTr\/a\.nii\.gz" twice/,
    },
    {
      name: 'channel_names and no modality: no fix, the help says what to add',
      text: COMPLETE.replace('    "channel_names": {\n        "0": "CT"\n    },\n', ''),
      fix: 'none',
      count: 1,
      message: 'required key "channel_names" is missing (and there is no v1 "modality" to rename)',
      nnunet: `${MISSING("['channel_names']")}; without --verify_dataset_integrity planning fails with KeyError: 'modality'`,
      help:
        'add "channel_names": {"0": "CT"} with one entry per channel file of a case (_0000, _0001, ...; an RGB .png holds 3 channels in one file), in that order; ' +
        'the names choose the normalization (CT, noNorm, zscore, rescale_to_0_1, rgb_to_0_1; anything else is z-score)',
    },
    {
      name: 'with a dataset folder (imagesTr listed) file_ending is left to NNU302',
      text: NO_ENDING,
      folder: { imagesTr: { files: [], dirs: [] } } as unknown as FolderFacts,
      fix: 'none',
      help: 'not fixed here: NNU302 sets it to the ending of the files in imagesTr (the dataset folder is checked)',
    },
  ],
});

describe('NNU201 on real files and beside NNU202', () => {
  test('011 (real, training paths edited to .nii): ".nii" is added after the test list', () => {
    const input = corpus('011');
    const r = run(input, [NNU201], true);
    expect(r.error).toBeUndefined();
    expect(input.endsWith('"/imagesTs/prostate_27.nii"]\n }\n')).toBe(true);
    expect(r.output).toBe(input.slice(0, -4) + ',\n "file_ending": ".nii"\n }\n');
    expect(r.diagnostics.map((d) => d.fix.applicability)).toEqual(['unsafe']);
  });

  test('014 (real fixture without modality): channel_names none, file_ending from the training list', () => {
    const input = corpus('014');
    const r = run(input, [NNU201], true);
    expect(r.error).toBeUndefined();
    expect(r.diagnostics.map((d) => d.fix.applicability)).toEqual(['none', 'unsafe']);
    expect(r.diagnostics[0]!.nnunet).toContain(`Missing: ['channel_names', 'file_ending']`);
    expect(r.diagnostics[1]!.help).toBe('the ending is taken from the 562 image and label paths of the v1 "training" list (all end in ".nii.gz")');
    // The last property ("test") starts a line without indentation; the new key follows it.
    expect(r.output).toBe(replaceOnce(input, '"./imagesTs/pancreas_118.nii.gz"]\n }', '"./imagesTs/pancreas_118.nii.gz"],\n"file_ending": ".nii.gz"\n }'));
    expect(r.remaining.map((d) => d.fix.applicability)).toEqual(['none']);
  });

  test('modality present: left to NNU202, which renames it; then nothing is missing', () => {
    const input = '{"modality": {"0": "CT"}, "labels": {"background": 0}, "numTraining": 1, "file_ending": ".nii.gz"}';
    expect(run(input, [NNU201], true).diagnostics).toHaveLength(0);
    const r = run(input, [NNU201, NNU202], true);
    expect(r.output).toBe(input.replace('"modality"', '"channel_names"'));
    expect(r.remaining).toHaveLength(0);
  });

  test('the fix is shown, not applied, without --unsafe-fixes', () => {
    const r = fixText(NO_ENDING, { rules: [NNU201] });
    expect(r.output).toBe(NO_ENDING);
    expect(r.diagnostics[0]!.fix).toMatchObject({ applicability: 'unsafe', available: false, applied: false, title: 'add "file_ending": ".nii.gz"' });
  });
});
