/** NNU204 num-training-not-int: tables on the rule tester, then real corpus files. */
import { describe, test, expect } from '@jest/globals';
import { ruleTester } from '../rule-tester.js';
import NNU204 from '../../transforms/NNU204-num-training-not-int.js';
import { corpus, replaceOnce, run } from './nnu2xx-helpers.js';

const file = (value: string) => `{
    "channel_names": {
        "0": "CT"
    },
    "labels": {
        "background": 0
    },
    "numTraining": ${value},
    "file_ending": ".nii.gz"
}
`;

const HOW = 'set it to the number of training cases (NNU301 counts them when the dataset folder is checked)';
const STRING_SAYS = `raises "TypeError: %d format: a real number is required, not str" in verify_dataset_integrity, and the planner's arithmetic on it fails`;

ruleTester(NNU204, {
  valid: [
    { name: 'an integer', text: file('32') },
    { name: "NaN is NNU005's", text: file('NaN') },
    { name: "no numTraining is NNU201's", text: '{"labels": {"background": 0}}' },
  ],
  invalid: [
    {
      name: '"32" -> 32',
      text: file('"32"'),
      output: file('32'),
      fix: 'safe',
      count: 1,
      severity: 'error',
      message: '"numTraining" is "32", a string',
      nnunet: STRING_SAYS,
      title: 'write numTraining as the integer 32',
    },
    ...[
      ['" 32 "', '32'],
      ['"32.0"', '32'],
      ['"+7"', '7'],
      ['"007"', '7'],
    ].map(([value, fixed]) => ({
      name: `string ${value} -> ${fixed}`,
      text: file(value!),
      output: file(fixed!),
      fix: 'safe' as const,
      severity: 'error' as const,
    })),
    ...[
      ['32.0', '32'],
      ['3.2e1', '32'],
      ['1E2', '100'],
    ].map(([value, fixed]) => ({
      name: `float ${value} -> ${fixed} (a warning: Python accepts it)`,
      text: file(value!),
      output: file(fixed!),
      fix: 'safe' as const,
      severity: 'warning' as const,
      message: `"numTraining" is ${value}, a float`,
      nnunet: `reads it because Python happens to accept it (${fixed} == ${value}), but its own generate_dataset_json writes an integer`,
    })),
    {
      name: 'duplicate numTraining: the last one (the one Python keeps) is fixed',
      text: '{"labels": {"background": 0}, "numTraining": 4, "numTraining": "5", "file_ending": ".nii.gz"}',
      output: '{"labels": {"background": 0}, "numTraining": 4, "numTraining": 5, "file_ending": ".nii.gz"}',
      fix: 'safe',
    },
    ...[
      ['"thirty-two"', 'a string'],
      ['""', 'a string'],
      ['"-3"', 'a string'],
      ['32.5', 'not a whole number'],
      ['true', 'not a number'],
      ['null', 'not a number'],
      ['[32]', 'not a number'],
    ].map(([value, what]) => ({
      name: `${value}: no fix`,
      text: file(value!),
      fix: 'none' as const,
      count: 1,
      severity: 'error' as const,
      message: `"numTraining" is ${value}, ${what}`,
      help:
        what === 'not a whole number' ? HOW : /^not fixed automatically: set it to the number of training cases, e\.g\. "numTraining": 32 \(NNU301 counts them/,
    })),
    // nnU-Net needs a training case: the MSD template's 0 (corpus 015) stops it (StopIteration).
    ...['0', '-1'].map((value) => ({
      name: `${value} is an error without a fix`,
      text: file(value),
      fix: 'none' as const,
      severity: 'error' as const,
      message: `"numTraining" is ${value}, not a number of training cases`,
      nnunet:
        'needs at least one training case: verify_dataset_integrity stops with StopIteration while choosing an image reader, and planning has nothing to plan',
      help: HOW,
    })),
  ],
});

describe('NNU204 after every fix', () => {
  test('corpus 015 (the MSD template, numTraining 0) keeps an error', () => {
    const r = run(corpus('015'), [NNU204]);
    expect(r.remaining.map((d) => d.code)).toEqual(['NNU204']);
  });
});

describe('NNU204 on real files', () => {
  test('every real v2 numTraining is an integer', () => {
    for (const id of ['049', '059', '068']) expect(run(corpus(id), [NNU204]).diagnostics).toHaveLength(0);
  });

  test('049 with "numTraining" quoted comes back byte for byte', () => {
    const original = corpus('049');
    const m = /"numTraining": (\d+)/.exec(original)!;
    const r = run(replaceOnce(original, m[0], `"numTraining": "${m[1]}"`), [NNU204]);
    expect(r.error).toBeUndefined();
    expect(r.output).toBe(original);
  });

  test('059 (CRLF) with numTraining 50.0 comes back byte for byte', () => {
    const original = corpus('059');
    const r = run(replaceOnce(original, '"numTraining": 50,', '"numTraining": 50.0,'), [NNU204]);
    expect(r.output).toBe(original);
  });
});
