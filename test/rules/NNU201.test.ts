import { describe, test, expect } from '@jest/globals';
import NNU201 from '../../transforms/NNU201-missing-key.js';
import NNU202 from '../../transforms/NNU202-legacy-modality.js';
import { fixText } from '../../src/engine.js';
import { corpus, LAYOUTS, replaceOnce, run } from './nnu2xx-helpers.js';

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
const NO_ENDING_FIXED = `{
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
  V1_TRAINING(ending).replace(/\n    \]\n\}\n$/, `\n    ],\n    "numTraining": 3,\n    "file_ending": "${ending}"\n}\n`);

describe('NNU201 missing-key: file_ending', () => {
  test.each(LAYOUTS)('default ".nii.gz" inserted last, unsafe (%s)', (_name, layout) => {
    const input = layout(NO_ENDING);
    const safeOnly = run(input, [NNU201]);
    expect(safeOnly.output).toBe(input);
    expect(safeOnly.diagnostics).toHaveLength(1);
    expect(safeOnly.diagnostics[0]!.fix).toMatchObject({ applicability: 'unsafe', applied: false, title: 'add "file_ending": ".nii.gz"' });

    const r = run(input, [NNU201], true);
    expect(r.error).toBeUndefined();
    expect(r.output).toBe(layout(NO_ENDING_FIXED));
    const d = r.diagnostics[0]!;
    expect(d.code).toBe('NNU201');
    expect(d.severity).toBe('error');
    expect(d.fix.applied).toBe(true);
    expect(d.message).toBe(
      `required key "file_ending" is missing; nnU-Net's verify_dataset_integrity stops with "not all required keys are present in dataset.json. ... Missing: ['file_ending']"; without that flag nnU-Net fails with KeyError: 'file_ending'. ` +
        `Unsafe fix: add "file_ending": ".nii.gz" as the last key, the default of nnU-Net's converters (nnUNetv2_convert_MSD_dataset writes ".nii.gz"; no v1 "training" paths to take it from); NNU302 checks it against the files in imagesTr when the dataset folder is checked`,
    );
    expect(r.remaining).toHaveLength(0);
  });

  test('minified single line', () => {
    const r = run('{"channel_names":{"0":"CT"},"labels":{"background":0},"numTraining":1}', [NNU201], true);
    expect(r.output).toBe('{"channel_names":{"0":"CT"},"labels":{"background":0},"numTraining":1,"file_ending":".nii.gz"}');
  });

  test('single line with spaces after commas', () => {
    const r = run('{"channel_names": {"0": "CT"}, "labels": {"background": 0}, "numTraining": 1}\n', [NNU201], true);
    expect(r.output).toBe('{"channel_names": {"0": "CT"}, "labels": {"background": 0}, "numTraining": 1, "file_ending": ".nii.gz"}\n');
  });

  test.each(['.nii.gz', '.nii', '.mha', '.nrrd', '.png', '.tif', '.tiff'])('derived from the training paths: %s', (ending) => {
    const r = run(V1_TRAINING(ending), [NNU201], true);
    expect(r.error).toBeUndefined();
    expect(r.output).toBe(V1_TRAINING_FIXED(ending));
    const d = r.diagnostics.find((x) => x.message.includes('"file_ending" is missing'))!;
    expect(d.message).toContain(`taken from the 6 image and label paths of the v1 "training" list (all end in "${ending}")`);
  });

  test('mixed endings in the training list: no fix, the endings are named', () => {
    const input = V1_TRAINING('.nii.gz').replace('liver_2.nii.gz"}', 'liver_2.nii"}');
    const withCount = input.replace('"name": "Liver",', '"name": "Liver",\n    "numTraining": 3,');
    const r = run(withCount, [NNU201], true);
    expect(r.output).toBe(withCount);
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0]!.fix.applicability).toBe('none');
    expect(r.diagnostics[0]!.message).toContain('do not share one ending nnU-Net can read (found ".nii.gz", ".nii")');
  });

  test('an ending no reader knows (.jpg): no fix', () => {
    const input = V1_TRAINING('.jpg').replace('"name": "Liver",', '"name": "Liver",\n    "numTraining": 3,');
    const r = run(input, [NNU201], true);
    expect(r.output).toBe(input);
    expect(r.diagnostics[0]!.message).toContain('(found ".jpg")');
  });

  test('with a dataset folder (imagesTr listed) the ending is left to NNU302: no fix here', () => {
    const r = fixText(NO_ENDING, { rules: [NNU201], unsafeFixes: true, folder: { imagesTr: { files: [] } } });
    expect(r.output).toBe(NO_ENDING);
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0]!.fix.applicability).toBe('none');
    expect(r.diagnostics[0]!.message).toContain('Not fixed here: NNU302 sets it to the ending of the files in imagesTr');
  });

  test('011 (real, training paths edited to .nii): ".nii" is added after the test list', () => {
    const input = corpus('011');
    const r = run(input, [NNU201], true);
    expect(r.error).toBeUndefined();
    expect(input.endsWith('"/imagesTs/prostate_27.nii"]\n }\n')).toBe(true);
    expect(r.output).toBe(input.slice(0, -4) + ',\n "file_ending": ".nii"\n }\n');
    expect(r.diagnostics.map((d) => d.fix.applicability)).toEqual(['unsafe']);
  });
});

describe('NNU201 missing-key: numTraining', () => {
  test.each(LAYOUTS)('counted from the training list, then file_ending, both unsafe (%s)', (_name, layout) => {
    const input = layout(V1_TRAINING('.nii.gz'));
    expect(run(input, [NNU201]).output).toBe(input);
    const r = run(input, [NNU201], true);
    expect(r.error).toBeUndefined();
    expect(r.output).toBe(layout(V1_TRAINING_FIXED('.nii.gz')));
    expect(r.diagnostics.map((d) => [d.fix.applicability, d.fix.applied])).toEqual([
      ['unsafe', true],
      ['unsafe', true],
    ]);
    expect(r.diagnostics[0]!.message).toBe(
      `required key "numTraining" is missing; nnU-Net's verify_dataset_integrity stops with "not all required keys are present in dataset.json. ... Missing: ['numTraining', 'file_ending']"; without that flag the planner fails with KeyError: 'numTraining'. ` +
        `Unsafe fix: add "numTraining": 3, the number of entries of the v1 "training" list; NNU301 compares it with the cases found in imagesTr when the dataset folder is checked`,
    );
  });

  test('minified', () => {
    const input = '{"channel_names":{"0":"CT"},"labels":{"background":0},"file_ending":".png","training":[{"image":"./imagesTr/a.png"},{"image":"./imagesTr/b.png"}]}';
    const r = run(input, [NNU201], true);
    expect(r.output).toBe(input.slice(0, -1) + ',"numTraining":2}');
  });

  test('no training list: no fix, NNU301 is named', () => {
    const input = NO_ENDING_FIXED.replace('    "numTraining": 3,\n', '');
    const r = run(input, [NNU201], true);
    expect(r.output).toBe(input);
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0]!.fix.applicability).toBe('none');
    expect(r.diagnostics[0]!.message).toContain('Not fixed automatically (there is no v1 "training" list to count): add "numTraining": N');
    expect(r.diagnostics[0]!.message).toContain('NNU301 counts them');
  });

  test('empty training list: no fix (a template to be filled)', () => {
    const input = '{"channel_names": {"0": "T1"}, "labels": {"background": 0}, "file_ending": ".nii.gz", "training": []}';
    const r = run(input, [NNU201], true);
    expect(r.output).toBe(input);
    expect(r.diagnostics[0]!.message).toContain('the v1 "training" list is empty');
  });

  test('entries that are not cases: no fix', () => {
    const input = '{"channel_names": {"0": "T1"}, "labels": {"background": 0}, "file_ending": ".nii.gz", "training": [{"image": "./imagesTr/a.nii.gz"}, null, 3]}';
    const r = run(input, [NNU201], true);
    expect(r.output).toBe(input);
    expect(r.diagnostics[0]!.fix.applicability).toBe('none');
    expect(r.diagnostics[0]!.message).toContain('entry 1 of the v1 "training" list has no "image" path');
  });

  test('an image listed twice: no fix', () => {
    const input = '{"channel_names": {"0": "T1"}, "labels": {"background": 0}, "file_ending": ".nii.gz", "training": [{"image": "./imagesTr/a.nii.gz"}, {"image": "./imagesTr/a.nii.gz"}]}';
    const r = run(input, [NNU201], true);
    expect(r.output).toBe(input);
    expect(r.diagnostics[0]!.fix.applicability).toBe('none');
    expect(r.diagnostics[0]!.message).toContain('names "./imagesTr/a.nii.gz" twice');
  });
});

describe('NNU201 missing-key: channel_names', () => {
  test('no channel_names and no modality: no fix, the message says what to add', () => {
    const input = NO_ENDING_FIXED.replace('    "channel_names": {\n        "0": "CT"\n    },\n', '');
    const r = run(input, [NNU201], true);
    expect(r.output).toBe(input);
    expect(r.diagnostics).toHaveLength(1);
    const d = r.diagnostics[0]!;
    expect(d.fix.applicability).toBe('none');
    expect(d.message).toBe(
      `required key "channel_names" is missing (and there is no v1 "modality" to rename); nnU-Net's verify_dataset_integrity stops with "not all required keys are present in dataset.json. ... Missing: ['channel_names']"; without --verify_dataset_integrity planning fails with KeyError: 'modality'. ` +
        `Not fixed automatically: add "channel_names": {"0": "CT"} with one entry per channel file of a case (_0000, _0001, ...; an RGB .png holds 3 channels in one file), in that order; ` +
        `the names choose the normalization (CT, noNorm, zscore, rescale_to_0_1, rgb_to_0_1; anything else is z-score)`,
    );
  });

  test('modality present: left to NNU202 (no NNU201 finding for channel_names)', () => {
    const input = '{"modality": {"0": "CT"}, "labels": {"background": 0}, "numTraining": 1, "file_ending": ".nii.gz"}';
    expect(run(input, [NNU201], true).diagnostics).toHaveLength(0);
    // With NNU202 the rename happens and nothing is missing any more.
    const r = run(input, [NNU201, NNU202], true);
    expect(r.output).toBe(input.replace('"modality"', '"channel_names"'));
    expect(r.remaining).toHaveLength(0);
  });

  test('labels missing is NNU110, not NNU201', () => {
    const input = '{"channel_names": {"0": "CT"}, "numTraining": 1, "file_ending": ".nii.gz"}';
    expect(run(input, [NNU201], true).diagnostics).toHaveLength(0);
  });

  test('a complete file: nothing', () => {
    const r = run(NO_ENDING_FIXED, [NNU201], true);
    expect(r.diagnostics).toHaveLength(0);
    expect(r.output).toBe(NO_ENDING_FIXED);
  });

  test('014 (real fixture without modality): channel_names none, file_ending from the training list', () => {
    const input = corpus('014');
    const r = run(input, [NNU201], true);
    expect(r.error).toBeUndefined();
    expect(r.diagnostics.map((d) => d.fix.applicability)).toEqual(['none', 'unsafe']);
    expect(r.diagnostics[0]!.message).toContain(`Missing: ['channel_names', 'file_ending']`);
    expect(r.diagnostics[1]!.message).toContain('taken from the 562 image and label paths of the v1 "training" list (all end in ".nii.gz")');
    // The last property ("test") starts a line without indentation; the new key follows it.
    expect(r.output).toBe(replaceOnce(input, '"./imagesTs/pancreas_118.nii.gz"]\n }', '"./imagesTs/pancreas_118.nii.gz"],\n"file_ending": ".nii.gz"\n }'));
    expect(r.remaining.map((d) => d.fix.applicability)).toEqual(['none']);
  });
});
