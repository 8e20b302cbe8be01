/** NNU202 legacy-modality: tables on the rule tester, then real corpus files. */
import { describe, test, expect } from '@jest/globals';
import { ruleTester } from '../rule-tester.js';
import NNU201 from '../../transforms/NNU201-missing-key.js';
import NNU202 from '../../transforms/NNU202-legacy-modality.js';
import NNU102 from '../../transforms/NNU102-labels-inverted.js';
import NNU207 from '../../transforms/NNU207-legacy-v1-keys.js';
import { corpus, replaceOnce, run } from './nnu2xx-helpers.js';

const V1_MODALITY = `{
    "name": "Prostate",
    "modality": {
        "0": "T2",
        "1": "ADC"
    },
    "labels": {
        "background": 0,
        "PZ": 1
    },
    "numTraining": 32,
    "file_ending": ".nii.gz"
}
`;
const RENAMED = V1_MODALITY.replace('"modality"', '"channel_names"');

const BOTH_SAME = `{
    "channel_names": {
        "0": "T2",
        "1": "ADC"
    },
    "modality": {
        "0": "T2",
        "1": "ADC"
    },
    "labels": {
        "background": 0
    },
    "numTraining": 32,
    "file_ending": ".nii.gz"
}
`;
const BOTH_SAME_FIXED = `{
    "channel_names": {
        "0": "T2",
        "1": "ADC"
    },
    "labels": {
        "background": 0
    },
    "numTraining": 32,
    "file_ending": ".nii.gz"
}
`;

const DIFFERENT = `{
    "channel_names": {
        "0": "T2"
    },
    "modality": {
        "0": "T2",
        "1": "ADC"
    },
    "labels": {
        "background": 0
    }
}
`;
const PLANNER_WARNS = `and the planner warns 'WARNING: "modalities" should be renamed to "channel_names" in dataset.json. This will be enforced soon!'`;

ruleTester(NNU202, {
  valid: [{ name: 'no modality', text: BOTH_SAME_FIXED }],
  invalid: [
    {
      name: 'rename modality -> channel_names',
      text: V1_MODALITY,
      output: RENAMED,
      fix: 'safe',
      count: 1,
      severity: 'error',
      message: '"modality" is the v1/MSD name of "channel_names"',
      nnunet: `v2's verify_dataset_integrity stops with "not all required keys are present in dataset.json. ... Missing: ['channel_names']" ${PLANNER_WARNS}`,
      help: 'the entries stay as they are',
      title: 'rename "modality" to "channel_names"',
    },
    {
      name: 'the Missing list is the one nnU-Net prints',
      text: '{"modality": {"0": "CT"}, "labels": {"background": 0}}\n',
      output: '{"channel_names": {"0": "CT"}, "labels": {"background": 0}}\n',
      fix: 'safe',
      nnunet: /Missing: \['channel_names', 'numTraining', 'file_ending'\]"/,
    },
    {
      name: 'modality that is not an object: no fix',
      text: '{\n    "modality": "CT",\n    "labels": {"background": 0}\n}\n',
      fix: 'none',
      help: 'not fixed automatically: its value is a string, not an object like {"0": "CT"}: write "channel_names" with one name per channel file (_0000, _0001, ...)',
    },
    {
      name: 'modality twice: no fix (renaming the last would revive the first)',
      text: '{\n    "modality": {"0": "T1"},\n    "modality": {"0": "T2"},\n    "labels": {"background": 0}\n}\n',
      fix: 'none',
      count: 1,
      help: 'not fixed automatically: "modality" appears more than once (NNU004), and changing the last one would bring an earlier one back',
    },
    {
      name: 'the same entries in both: remove modality',
      text: BOTH_SAME,
      output: BOTH_SAME_FIXED,
      fix: 'safe',
      message: 'stale v1 key "modality" next to "channel_names" (both hold the same 2 entries)',
      nnunet: 'counts the input channels from "modality" when both exist (determine_num_input_channels)',
      title: 'remove "modality" (same entries as "channel_names")',
    },
    {
      name: 'the same entries, modality last: the comma before it goes too',
      text: '{\n    "channel_names": {"0": "CT"},\n    "labels": {"background": 0},\n    "modality": {"0": "CT"}\n}',
      output: '{\n    "channel_names": {"0": "CT"},\n    "labels": {"background": 0}\n}',
      fix: 'safe',
    },
    {
      name: 'the same names written with different escapes still count as the same',
      text: '{"channel_names": {"0": "\\u0043T"}, "modality": {"0": "CT"}, "labels": {"background": 0}}',
      output: '{"channel_names": {"0": "\\u0043T"}, "labels": {"background": 0}}',
      fix: 'safe',
    },
    {
      name: 'different entries: no fix, modality wins the channel count',
      text: DIFFERENT,
      fix: 'none',
      count: 1,
      severity: 'error',
      message: '"modality" (2 entries) and "channel_names" (1 entry) disagree',
      nnunet: 'takes the input channels of the network from "modality" (determine_num_input_channels) and the normalization from "channel_names"',
      help: 'not fixed automatically: delete whichever one does not match the channel files of a case (_0000, _0001, ...), usually "modality"',
    },
    {
      name: 'the same names in a different order: no fix',
      text: '{"channel_names": {"0": "T2", "1": "ADC"}, "modality": {"1": "ADC", "0": "T2"}, "labels": {"background": 0}}',
      fix: 'none',
    },
  ],
});

describe('NNU202 on real files', () => {
  test('026 (CRLF): only the key token changes', () => {
    const input = corpus('026');
    const r = run(input, [NNU202]);
    expect(r.error).toBeUndefined();
    expect(r.output).toBe(replaceOnce(input, '"modality": {\r\n', '"channel_names": {\r\n'));
  });

  test('034 (converted but modality kept, no channel_names): renamed in place', () => {
    const input = corpus('034');
    const r = run(input, [NNU202]);
    expect(r.output).toBe(replaceOnce(input, '"modality"', '"channel_names"'));
  });

  test('001 full v1 -> v2 (NNU202 + NNU201 + NNU102, unsafe): three spots change, nothing else', () => {
    const input = corpus('001');
    const r = run(input, [NNU202, NNU201, NNU102, NNU207], true);
    expect(r.error).toBeUndefined();
    let expected = replaceOnce(input, '"modality": { \n', '"channel_names": { \n');
    expected = replaceOnce(
      expected,
      '"0": "background", \n\t "1": "edema",\n\t "2": "non-enhancing tumor",\n\t "3": "enhancing tumour"\n',
      '"background": 0, \n\t "edema": 1,\n\t "non-enhancing tumor": 2,\n\t "enhancing tumour": 3\n',
    );
    expect(expected.endsWith('"./imagesTs/BRATS_576.nii.gz"]\n }\n')).toBe(true);
    expected = expected.slice(0, -4) + ',\n "file_ending": ".nii.gz"\n }\n';
    expect(r.output).toBe(expected);
    expect(r.applied.map((a) => a.code).sort()).toEqual(['NNU102', 'NNU201', 'NNU202']);
    // What is left is the v1 keys warning, kept on purpose.
    expect(r.remaining.map((d) => d.code)).toEqual(['NNU207']);
  });
});
