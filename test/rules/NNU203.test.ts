/** NNU203 channel-names-inverted: tables on the rule tester, then real corpus files. */
import { describe, test, expect } from '@jest/globals';
import { ruleTester } from '../rule-tester.js';
import NNU202 from '../../transforms/NNU202-legacy-modality.js';
import NNU203 from '../../transforms/NNU203-channel-names-inverted.js';
import { corpus, replaceOnce, run } from './nnu2xx-helpers.js';

const INVERTED = `{
    "channel_names": {
        "T2": 0,
        "ADC": 1
    },
    "labels": {
        "background": 0,
        "PZ": 1
    },
    "numTraining": 32,
    "file_ending": ".nii.gz"
}
`;
const FIXED = `{
    "channel_names": {
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

const CASEFOLD = (type: string) =>
  `only counts the entries in verify_dataset_integrity, then planning crashes with "AttributeError: '${type}' object has no attribute 'casefold'" (#2443)`;
const BY_HAND = 'not fixed automatically: write {"0": "name", "1": ...} by hand, one entry per channel file (_0000, _0001, ...)';
const channels = (entries: string) => `{"channel_names": {${entries}}, "labels": {"background": 0}}`;

ruleTester(NNU203, {
  valid: [{ name: 'a v2 channel_names', text: FIXED }],
  invalid: [
    {
      name: 'inverted: the values go to their index',
      text: INVERTED,
      output: FIXED,
      fix: 'safe',
      count: 1,
      severity: 'error',
      message: '"channel_names" values must be channel names (strings such as "CT"), found "T2": 0',
      nnunet: CASEFOLD('int'),
      help: 'the names stay as they are (they choose the normalization)',
      title: 'invert channel_names to {"0": "T2", "1": "ADC"}',
    },
    {
      name: 'RGB as in #2443',
      text: '{\n    "channel_names": {\n        "R": 0,\n        "G": 1,\n        "B": 2\n    },\n    "labels": {\n        "background": 0\n    }\n}\n',
      output: '{\n    "channel_names": {\n        "0": "R",\n        "1": "G",\n        "2": "B"\n    },\n    "labels": {\n        "background": 0\n    }\n}\n',
      fix: 'safe',
      title: 'invert channel_names to {"0": "R", "1": "G", ...}',
    },
    {
      name: 'a one-line object with spaces keeps its spacing',
      text: '{"channel_names": {"T2" : 0, "ADC" : 1}, "labels": {"background": 0}}',
      output: '{"channel_names": {"0" : "T2", "1" : "ADC"}, "labels": {"background": 0}}',
      fix: 'safe',
    },
    {
      name: 'out of order: entries go to their index (nnU-Net uses written order)',
      text: '{\n    "channel_names": {\n        "ADC": 1,\n        "T2": 0\n    },\n    "labels": {"background": 0}\n}\n',
      output: '{\n    "channel_names": {\n        "0": "T2",\n        "1": "ADC"\n    },\n    "labels": {"background": 0}\n}\n',
      fix: 'safe',
      help: 'the entries go in index order; the names stay as they are (they choose the normalization)',
    },
    {
      name: 'integer strings as values: silently wrong normalization, fixed too',
      text: channels('"CT": "0"'),
      output: channels('"0": "CT"'),
      fix: 'safe',
      message: '"channel_names" is inverted (name -> index), found "CT": "0"',
      nnunet: 'reads index -> name, so every channel is called "0" and z-score normalized: the normalization the names choose (CT, noNorm, ...) is lost',
    },
    {
      name: 'names are never changed (noNorm, escapes, non-ASCII stay byte-exact)',
      text: channels('"noNorm": 0, "\\u00e9chographie": 1, "ct": 2'),
      output: channels('"0": "noNorm", "1": "\\u00e9chographie", "2": "ct"'),
      fix: 'safe',
    },
    {
      name: 'an inverted v1 modality is inverted in place',
      text: '{\n\t"modality": {\n\t\t"T1": 0\n\t},\n\t"labels": {"background": 0}\n}',
      output: '{\n\t"modality": {\n\t\t"0": "T1"\n\t},\n\t"labels": {"background": 0}\n}',
      fix: 'safe',
      title: 'invert modality to {"0": "T1"}',
    },
    {
      name: '1-based values',
      text: channels('"R": 1, "G": 2, "B": 3'),
      fix: 'none',
      help: /^not fixed automatically: the values 1, 2, 3 are not the channel indices 0\.\.2/,
    },
    { name: 'repeated values', text: channels('"T1": 0, "T2": 0'), fix: 'none', help: /the values 0, 0 are not the channel indices 0\.\.1/ },
    { name: 'a repeated name', text: channels('"T1": 0, "T1": 1'), fix: 'none', help: /^not fixed automatically: the name "T1" appears twice/ },
    { name: 'some keys are indices', text: channels('"0": "T2", "ADC": 1'), fix: 'none', message: /found "ADC": 1$/, help: BY_HAND },
    { name: 'integer values under integer keys', text: channels('"0": 0'), fix: 'none', nnunet: CASEFOLD('int') },
    { name: 'a float value', text: channels('"T2": 0.0'), fix: 'none', nnunet: CASEFOLD('float') },
    { name: 'a list value', text: channels('"0": ["R", "G"]'), fix: 'none', nnunet: CASEFOLD('list') },
    { name: 'a null value', text: channels('"0": null'), fix: 'none', nnunet: CASEFOLD('NoneType') },
  ],
});

describe('NNU203 beside NNU202', () => {
  test('an inverted v1 modality: NNU202 renames, NNU203 inverts', () => {
    const input = '{\n\t"modality": {\n\t\t"T1": 0\n\t},\n\t"labels": {"background": 0}\n}';
    const both = run(input, [NNU202, NNU203]);
    expect(both.output).toBe('{\n\t"channel_names": {\n\t\t"0": "T1"\n\t},\n\t"labels": {"background": 0}\n}');
    expect(both.diagnostics.every((d) => d.fix.applied)).toBe(true);
  });
});

describe('NNU203 on real files', () => {
  test('052 (RGB .png) and 064 are correct: nothing reported', () => {
    for (const id of ['052', '064', '059']) {
      const input = corpus(id);
      const r = run(input, [NNU203]);
      expect(r.diagnostics).toHaveLength(0);
      expect(r.output).toBe(input);
    }
  });

  test('052 with its channel_names inverted by hand comes back byte for byte', () => {
    const original = corpus('052');
    const m = /"channel_names": \{\s*"0": "R",\s*"1": "G",\s*"2": "B"\s*\}/.exec(original);
    expect(m).not.toBeNull();
    const block = m![0];
    const broken = replaceOnce(original, block, block.replace('"0": "R"', '"R": 0').replace('"1": "G"', '"G": 1').replace('"2": "B"', '"B": 2'));
    expect(broken).not.toBe(original);
    const r = run(broken, [NNU203]);
    expect(r.error).toBeUndefined();
    expect(r.output).toBe(original);
  });

  test('066 (CRLF) inverted by hand comes back byte for byte', () => {
    const original = corpus('066');
    const m = /"channel_names": \{\r\n[^}]*\}/.exec(original);
    expect(m).not.toBeNull();
    const block = m![0];
    const inverted = block.replace(/"(\d+)": ("[^"]*")/g, (_all, k: string, v: string) => `${v}: ${k}`);
    expect(inverted).not.toBe(block);
    const r = run(replaceOnce(original, block, inverted), [NNU203]);
    expect(r.error).toBeUndefined();
    expect(r.output).toBe(original);
  });
});
