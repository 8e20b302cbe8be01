/** NNU205 file-ending-format: tables on the rule tester, then real corpus files. */
import { describe, test, expect } from '@jest/globals';
import { ruleTester } from '../rule-tester.js';
import NNU205 from '../../transforms/NNU205-file-ending-format.js';
import { corpus, replaceOnce, run } from './nnu2xx-helpers.js';

const file = (value: string) => `{
    "channel_names": {
        "0": "CT"
    },
    "labels": {
        "background": 0
    },
    "numTraining": 3,
    "file_ending": ${value}
}
`;

const SAYS = (fe: string) =>
  `uses it as an exact suffix of the file names (str.endswith), finds no cases or garbled case names, and stops with "Unable to determine a reader for file ending ${fe} and file ... (file None means no file provided)."`;

ruleTester(NNU205, {
  valid: ['".nii.gz"', '".NII.GZ"', '".png"', '".jpg"'].map((value) => ({
    name: `${value}: the format is fine (case and support are other rules' business)`,
    text: file(value),
  })),
  invalid: [
    {
      name: '"nii.gz" -> ".nii.gz"',
      text: file('"nii.gz"'),
      output: file('".nii.gz"'),
      fix: 'safe',
      count: 1,
      severity: 'error',
      message: '"file_ending" is "nii.gz", which has no leading dot',
      nnunet: SAYS('nii.gz'),
      title: 'write file_ending as ".nii.gz" (add the leading dot)',
    },
    ...[
      ['" .nii.gz "', '".nii.gz"', 'remove the blanks around it'],
      ['".nii.gz\\t"', '".nii.gz"', 'remove the blanks around it'],
      ['"*.nii.gz"', '".nii.gz"', 'remove the glob "*"'],
      ['"png"', '".png"', 'add the leading dot'],
      ['"mha"', '".mha"', 'add the leading dot'],
      ['"NII.GZ"', '".NII.GZ"', 'add the leading dot'],
      ['" nrrd"', '".nrrd"', 'remove the blanks around it, add the leading dot'],
    ].map(([value, fixed, steps]) => ({
      name: `${value} -> ${fixed}`,
      text: file(value!),
      output: file(fixed!),
      fix: 'safe' as const,
      title: `write file_ending as ${fixed} (${steps})`,
    })),
    ...[
      ['"_0000.nii.gz"', 'has no leading dot', 'add the leading dot and check'],
      ['"gz"', 'has no leading dot', 'add the leading dot and check'],
      ['""', 'is empty', 'write'],
      ['"  "', 'is only blanks', 'write'],
    ].map(([value, what, todo]) => ({
      name: `${value}: no fix`,
      text: file(value!),
      fix: 'none' as const,
      count: 1,
      message: `"file_ending" is ${value}, which ${what}`,
      help: `${todo} the ending of the files in imagesTr, e.g. ".nii.gz"`,
    })),
    ...['5', 'null', '[".nii.gz"]'].map((value) => ({
      name: `not a string: ${value}`,
      text: file(value),
      fix: 'none' as const,
      message: `"file_ending" is ${value}, not a string`,
      nnunet: 'calls file_ending.lower() and str.endswith(file_ending) and crashes',
      help: 'write the ending of the files in imagesTr, e.g. "file_ending": ".nii.gz"',
    })),
  ],
});

describe('NNU205 on real files', () => {
  test('real endings (.nii.gz, .png, .mha) are fine', () => {
    for (const id of ['042', '049', '058', '059']) expect(run(corpus(id), [NNU205]).diagnostics).toHaveLength(0);
  });

  test('042 (.mha) without its dot comes back byte for byte', () => {
    const original = corpus('042');
    const r = run(replaceOnce(original, '".mha"', '"mha"'), [NNU205]);
    expect(r.error).toBeUndefined();
    expect(r.output).toBe(original);
  });

  test('059 (CRLF, 2-space) with a blank after ".png" comes back byte for byte', () => {
    const original = corpus('059');
    const r = run(replaceOnce(original, '".png"', '".png "'), [NNU205]);
    expect(r.output).toBe(original);
  });
});
