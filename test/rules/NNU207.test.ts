/** NNU207 legacy-v1-keys: tables on the rule tester, then real corpus files. */
import { describe, test, expect } from '@jest/globals';
import { ruleTester } from '../rule-tester.js';
import NNU207 from '../../transforms/NNU207-legacy-v1-keys.js';
import { corpus, run } from './nnu2xx-helpers.js';

const V1 = `{
    "name": "Prostate",
    "tensorImageSize": "4D",
    "channel_names": {
        "0": "T2"
    },
    "labels": {
        "background": 0
    },
    "numTraining": 1,
    "numTest": 1,
    "file_ending": ".nii.gz",
    "training": [
        {"image": "./imagesTr/prostate_00.nii.gz", "label": "./labelsTr/prostate_00.nii.gz"}
    ],
    "test": ["./imagesTs/prostate_01.nii.gz"]
}
`;

const KEPT = 'kept; delete by hand if you want a clean v2 file';

ruleTester(NNU207, {
  valid: [{ name: 'a clean v2 file', text: '{"channel_names": {"0": "CT"}, "labels": {"background": 0}, "numTraining": 1, "file_ending": ".nii.gz"}' }],
  invalid: [
    {
      name: 'one warning naming every v1 key, nothing changed',
      text: V1,
      fix: 'none',
      count: 1,
      severity: 'warning',
      message: 'v1/MSD keys "tensorImageSize", "numTest", "training", "test"',
      nnunet: 'v2 ignores them (v2 finds the cases in imagesTr/labelsTr by file name, whatever "training" lists)',
      help: KEPT,
    },
    {
      name: 'only what nnUNetv2_convert_MSD_dataset keeps: a warning all the same (nnU-Net v2 accepts it: exit 0)',
      text: '{"channel_names": {"0": "CT"}, "labels": {"background": 0}, "numTraining": 1, "numTest": 0, "file_ending": ".nii.gz"}',
      fix: 'none',
      severity: 'warning',
      message: 'v1/MSD key "numTest"',
      nnunet: 'v2 ignores it (nnUNetv2_convert_MSD_dataset keeps these two itself)',
      help: KEPT,
    },
    {
      name: 'only a test list',
      text: '{"labels": {"background": 0}, "test": []}',
      fix: 'none',
      severity: 'warning',
      nnunet: 'v2 ignores it (v2 finds the cases in imagesTr/labelsTr by file name, whatever "test" lists)',
    },
  ],
});

describe('NNU207 points at the first v1 key', () => {
  test('line 3 of V1', () => {
    expect(run(V1, [NNU207]).diagnostics.map((d) => d.line)).toEqual([3]);
  });
});

describe('NNU207 on real files', () => {
  test('001 and 026 (CRLF): one warning each, bytes untouched', () => {
    const r1 = run(corpus('001'), [NNU207], true);
    expect(r1.output).toBe(corpus('001'));
    expect(r1.diagnostics.map((d) => [d.severity, d.line])).toEqual([['warning', 7]]);
    expect(r1.diagnostics[0]!.message).toBe('v1/MSD keys "tensorImageSize", "numTest", "training", "test"');

    const r2 = run(corpus('026'), [NNU207], true);
    expect(r2.output).toBe(corpus('026'));
    expect(r2.diagnostics[0]!.message).toBe('v1/MSD keys "numTest", "tensorImageSize", "test", "training"');
  });

  test('035, 042 (nnUNetv2_convert_MSD_dataset output) and 041 (training kept in a v2 file): a warning each', () => {
    expect(run(corpus('035'), [NNU207]).diagnostics.map((d) => d.severity)).toEqual(['warning']);
    expect(run(corpus('042'), [NNU207]).diagnostics.map((d) => d.severity)).toEqual(['warning']);
    expect(run(corpus('041'), [NNU207]).diagnostics.map((d) => d.severity)).toEqual(['warning']);
  });

  test('049 (clean v2): nothing', () => {
    expect(run(corpus('049'), [NNU207]).diagnostics).toHaveLength(0);
  });
});
