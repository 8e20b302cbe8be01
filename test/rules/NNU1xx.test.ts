/** NNU101-NNU110: labels. Tables on the rule tester, then what involves several rules. */
import { describe, expect, test } from '@jest/globals';
import { fixText } from '../../src/engine.js';
import NNU101 from '../../transforms/NNU101-background-missing.js';
import NNU102 from '../../transforms/NNU102-labels-inverted.js';
import NNU103 from '../../transforms/NNU103-background-not-zero.js';
import NNU104 from '../../transforms/NNU104-background-not-first.js';
import NNU105 from '../../transforms/NNU105-label-value-not-int.js';
import NNU106 from '../../transforms/NNU106-labels-not-consecutive.js';
import NNU107 from '../../transforms/NNU107-ignore-label.js';
import NNU108 from '../../transforms/NNU108-regions.js';
import NNU109 from '../../transforms/NNU109-duplicate-label-value.js';
import NNU110 from '../../transforms/NNU110-labels-empty.js';
import { ruleTester } from '../rule-tester.js';

const run = (t: string, o: { select?: string[] } = {}) => fixText(t, { select: ['NNU1'], ...o });
const codes = (t: string, o = {}) => run(t, o).diagnostics.map((d) => d.code);

/** A dataset.json with these `labels` entries, one per line (4-space indentation). */
const labels = (...entries: string[]) =>
  `{\n    "channel_names": {\n        "0": "CT"\n    },\n    "labels": {\n${entries.map((e) => `        ${e}`).join(',\n')}\n    }\n}\n`;
const NOT_DECLARED = 'stops with "Background label not declared (remember that this should be label 0!)"';

ruleTester(NNU101, {
  valid: [{ text: labels('"background": 0', '"a": 1') }],
  invalid: [
    ...['Background', 'BG', ' background ', 'backgroud'].map((name) => ({
      name: `${JSON.stringify(name)} with value 0 is renamed`,
      text: labels(`${JSON.stringify(name)}: 0`, '"a": 1'),
      output: labels('"background": 0', '"a": 1'),
      fix: 'safe' as const,
      message: `background label not declared: found ${JSON.stringify(name)}: 0`,
      nnunet: `matches the key "background" exactly (case and blanks count) and ${NOT_DECLARED}`,
      title: `rename ${JSON.stringify(name)} to "background"`,
    })),
    {
      name: 'labels starting at 1: background inserted first',
      text: labels('"a": 1', '"b": 2'),
      output: labels('"background": 0', '"a": 1', '"b": 2'),
      fix: 'safe',
      message: 'background label not declared: labels start at 1 and none is "background"',
      nnunet: NOT_DECLARED,
      title: 'insert "background": 0 as the first label',
    },
    {
      name: '0 used by a real class: no fix, says relabel',
      text: labels('"tumour": 0', '"edema": 1'),
      fix: 'none',
      message: 'background label not declared, and value 0 is the class "tumour"',
      nnunet: `reserves 0 for background and ${NOT_DECLARED}`,
      help: /^not fixable in dataset\.json: relabel the segmentations/,
    },
    {
      name: '"Background" with a non-zero value is not renamed',
      text: labels('"Background": 1', '"a": 2'),
      fix: 'none',
      message: 'background label not declared: found "Background": 1, a spelling of background that is not 0',
      help: /^background must be "background": 0: relabel/,
    },
    {
      name: 'a long name is shortened',
      text: labels(`"${'B'.repeat(400)}": 0`, '"a": 1'),
      fix: 'none',
      message: /^background label not declared, and value 0 is the class "B{18}\.\.\.B{18}"$/,
    },
  ],
});

ruleTester(NNU102, {
  valid: [{ text: labels('"background": 0', '"liver": 1') }, { name: 'mixed keys are not inverted', text: labels('"0": "background"', '"liver": 1') }],
  invalid: [
    {
      name: 'the headline case',
      text: labels('"0": "background"', '"1": "liver"'),
      output: labels('"background": 0', '"liver": 1'),
      fix: 'safe',
      message: 'labels are inverted: "0": "background" (v1/MSD style)',
      nnunet: `v2 reads name -> value and ${NOT_DECLARED}`,
      title: 'invert labels to {"background": 0, "liver": 1}',
    },
    {
      name: 'background goes first, a spelling of it is written "background"',
      text: labels('"1": "liver"', '"0": "Background"', '"2": "tumour"'),
      output: labels('"background": 0', '"liver": 1', '"tumour": 2'),
      fix: 'safe',
      title: 'invert labels to {"background": 0, "liver": 1, ...}',
    },
    {
      name: 'two values with one name: no fix',
      text: labels('"0": "background"', '"1": "x"', '"2": "x"'),
      fix: 'none',
      help: 'not fixed automatically: the name "x" is used for two values, and inverting would keep only one; rename one of them, then run again',
    },
    {
      name: 'a key int() cannot read',
      text: labels('"0": "background"', '"1.0": "liver"'),
      fix: 'none',
      message: 'labels look inverted (v1/MSD style), but the key "1.0" is not an integer',
      nnunet: `v2 ${NOT_DECLARED}; its converters fail on that key with "ValueError: invalid literal for int() with base 10: '1.0'"`,
    },
  ],
});

ruleTester(NNU103, {
  valid: [{ text: labels('"background": 0', '"a": 1') }],
  invalid: [
    ...['"0"', '0.0', 'false'].map((v) => ({
      name: `${v} becomes 0 (a warning: int() reads it)`,
      text: labels(`"background": ${v}`, '"a": 1'),
      output: labels('"background": 0', '"a": 1'),
      fix: 'safe' as const,
      severity: 'warning' as const,
      message: `background is ${v}, not the integer 0`,
      nnunet: 'reads it as 0 only by accident of int()',
      title: `write background as 0 (was ${v})`,
    })),
    {
      name: '[0] becomes 0 (an error: a list stops nnU-Net)',
      text: labels('"background": [0]', '"a": 1'),
      output: labels('"background": 0', '"a": 1'),
      fix: 'safe',
      severity: 'error',
      nnunet: 'stops with "Background label must be 0. Not a list. Not a tuple."',
    },
    {
      name: '255: no fix',
      text: labels('"background": 255', '"a": 1'),
      fix: 'none',
      severity: 'error',
      message: 'background is 255, not 0',
      nnunet: 'stops with "Background label must be 0. Your background label: 255"',
      help: 'background voxels must be 0: relabel the segmentations, then write "background": 0',
    },
  ],
});

ruleTester(NNU104, {
  valid: [{ text: labels('"background": 0', '"aorta": 1') }],
  invalid: [
    {
      name: 'moved first, slots kept (with --select NNU104)',
      text: labels('"aorta": 1', '"background": 0'),
      output: labels('"background": 0', '"aorta": 1'),
      fix: 'safe',
      severity: 'style',
      message: '"background" is entry 2 of 2 in labels',
      nnunet: 'does not mind',
      title: 'move "background" to the first entry',
    },
  ],
});

describe('NNU104 is opt-in', () => {
  const t = labels('"aorta": 1', '"background": 0');
  test('off by default, and a prefix does not turn it on', () => {
    expect(codes(t)).toEqual([]);
    expect(codes(t, { select: ['NNU1'] })).toEqual([]);
  });
});

ruleTester(NNU105, {
  valid: [{ text: labels('"background": 0', '"a": 1', '"r": [1, 2]') }],
  invalid: [
    ...[
      ['"1"', '1'],
      ['2.0', '2'],
      ['true', '1'],
    ].map(([v, int]) => ({
      name: `${v} becomes ${int} (a warning)`,
      text: labels('"background": 0', `"a": ${v}`),
      output: labels('"background": 0', `"a": ${int}`),
      fix: 'safe' as const,
      severity: 'warning' as const,
      message: `label "a" has the value ${v}, not an integer`,
      nnunet: `reads it as ${int} only by accident of int(); checks that need an int fail on it`,
      title: `write "a" as ${int}`,
    })),
    {
      name: 'values inside region lists',
      text: '{\n    "labels": {\n        "background": 0,\n        "r": [1, "2"],\n        "x": 2\n    },\n    "regions_class_order": [1, 2]\n}\n',
      output: '{\n    "labels": {\n        "background": 0,\n        "r": [1, 2],\n        "x": 2\n    },\n    "regions_class_order": [1, 2]\n}\n',
      fix: 'safe',
    },
    {
      name: '"1.0" and "liver": errors without fix',
      text: labels('"background": 0', '"a": "1.0"', '"b": "liver"'),
      fix: 'none',
      count: 2,
      severity: 'error',
      message: 'label "a" has the value "1.0", not an integer',
      nnunet: `fails with "ValueError: invalid literal for int() with base 10: '1.0'"`,
      help: 'write the intended integer',
    },
    {
      name: '1.5 is truncated by int(): an error',
      text: labels('"background": 0', '"a": 1.5'),
      fix: 'none',
      severity: 'error',
      nnunet: 'silently truncates it to 1 with int()',
    },
    {
      name: 'a value beyond 2^53 gets no fix, and a short message',
      text: labels('"background": 0', `"a": ${'1'.repeat(401)}.5`),
      fix: 'none',
      message: /^label "a" has the value 1{18}\.\.\.1{16}\.5, not an integer$/,
    },
  ],
});

ruleTester(NNU106, {
  valid: [{ name: 'consecutive with ignore', text: labels('"background": 0', '"a": 1', '"ignore": 2') }],
  invalid: [
    {
      name: "a gap, with nnU-Net's words",
      text: labels('"background": 0', '"a": 1', '"b": 3'),
      fix: 'none',
      message: 'label values are not consecutive (missing: 2)',
      nnunet:
        'stops with "Labels must be in consecutive order (0, 1, 2, ...). The labels [0 1 3] do not satisfy this restriction" (--verify_dataset_integrity)',
      help: 'relabel the segmentations to 0..N, then update labels',
    },
    {
      name: '0/255 masks',
      text: labels('"background": 0', '"lesion": 255'),
      fix: 'none',
      message: 'label values are not consecutive (missing: 1, 2, 3, 4, 5, ...)',
    },
    { name: 'a negative value', text: labels('"background": 0', '"a": -1'), fix: 'none', message: 'label values are not consecutive (negative: -1)' },
  ],
});

ruleTester(NNU107, {
  valid: [{ text: labels('"background": 0', '"a": 1', '"ignore": 2') }],
  invalid: [
    ...['"3"', '3.0'].map((v) => ({
      name: `${v} becomes 3`,
      text: labels('"background": 0', '"a": 1', '"b": 2', `"ignore": ${v}`),
      output: labels('"background": 0', '"a": 1', '"b": 2', '"ignore": 3'),
      fix: 'safe' as const,
      severity: 'error' as const,
      message: `the ignore label is ${v}, not an integer`,
      nnunet: `checks isinstance(value, int) and stops with "Ignore label has to be an integer. It cannot be a region (list/tuple). Got <class '${v === '3.0' ? 'float' : 'str'}'>."`,
      title: 'write "ignore" as 3',
    })),
    {
      name: "not the highest: no fix, nnU-Net's words",
      text: labels('"background": 0', '"a": 1', '"ignore": 5'),
      fix: 'none',
      message: 'the ignore label is 5, not max(other labels) + 1 = 2',
      nnunet: 'stops with "If you use the ignore label it must have the highest label value! It cannot be 0 or in between other labels. Sorry bro."',
      help: 'relabel the segmentations so unlabelled voxels are 2',
    },
    {
      name: '"Ignore" is a warning: trained as a normal class',
      text: labels('"background": 0', '"a": 1', '"Ignore": 2'),
      fix: 'none',
      severity: 'warning',
      message: 'label "Ignore" is not the ignore label "ignore"',
      help: 'rename it to "ignore" if it marks unlabelled voxels',
    },
    {
      name: 'a region ignore label',
      text: labels('"background": 0', '"a": 1', '"ignore": [2, 3]'),
      fix: 'none',
      nnunet: `stops with "Ignore label has to be an integer. It cannot be a region (list/tuple). Got <class 'list'>."`,
      help: 'write one integer, 2',
    },
  ],
});

ruleTester(NNU108, {
  valid: [
    {
      name: 'a BraTS-style file',
      text: '{\n    "labels": {\n        "background": 0,\n        "whole tumor": [1, 2, 3],\n        "tumor core": [2, 3],\n        "enhancing tumor": 3\n    },\n    "regions_class_order": [1, 2, 3]\n}\n',
    },
  ],
  invalid: [
    {
      name: 'regions_class_order missing',
      text: labels('"background": 0', '"whole": [1, 2]', '"core": 2'),
      fix: 'none',
      message: 'labels define 2 regions (list values) but regions_class_order is missing',
      nnunet: 'stops with "if region-based training is requested then you need to define regions_class_order!"',
      help: 'add "regions_class_order": [...] with 2 entries, in the order the regions are painted',
    },
    {
      name: 'the wrong length',
      text: '{\n    "labels": {\n        "background": 0,\n        "whole": [1, 2],\n        "core": 2\n    },\n    "regions_class_order": [1]\n}\n',
      fix: 'none',
      message: 'regions_class_order has 1 entries but labels define 2 regions',
      nnunet: 'stops with "regions_class_order must have as many entries as there are regions"',
      help: 'the regions, in key order: "whole", "core"',
    },
    {
      name: 'not a list',
      text: '{\n    "labels": {\n        "background": 0,\n        "whole": [1, 2]\n    },\n    "regions_class_order": {}\n}\n',
      fix: 'none',
      message: 'regions_class_order is an object, not a list',
    },
  ],
});

describe('NNU108 never reorders labels', () => {
  test('a BraTS-style file passes with every label rule on', () => {
    const t = '{"labels": {"background": 0, "whole tumor": [1, 2, 3], "tumor core": [2, 3], "enhancing tumor": 3}, "regions_class_order": [1, 2, 3]}';
    expect(codes(t, { select: ['NNU1', 'NNU104'] })).toEqual([]);
  });
});

ruleTester(NNU109, {
  valid: [{ text: labels('"background": 0', '"a": 1', '"b": 2') }],
  invalid: [
    {
      name: 'two names, one value: warning, no fix',
      text: labels('"background": 0', '"a": 1', '"b": 1', '"c": 2'),
      fix: 'none',
      severity: 'warning',
      message: 'labels "a" and "b" share the value 1',
      nnunet: 'accepts it',
      help: 'most likely a copy-paste mistake that leaves a class undeclared: give each class its own value',
    },
    {
      name: 'many names: the first three',
      text: labels('"background": 0', '"a": 1', '"b": 1', '"c": 1', '"d": 1', '"e": 2'),
      fix: 'none',
      message: 'labels "a", "b", "c" and 1 more share the value 1',
    },
  ],
});

ruleTester(NNU110, {
  valid: [{ text: labels('"background": 0') }],
  invalid: [
    {
      name: 'missing',
      text: '{\n    "channel_names": {\n        "0": "CT"\n    },\n    "numTraining": 1,\n    "file_ending": ".nii.gz"\n}\n',
      fix: 'none',
      message: 'the required key "labels" is missing',
      nnunet: `stops with "not all required keys are present in dataset.json" (Missing: ['labels'])`,
      help: 'add "labels": {"background": 0, ...}',
    },
    {
      name: 'empty',
      text: '{\n    "channel_names": {\n        "0": "CT"\n    },\n    "labels": {}\n}\n',
      fix: 'none',
      message: '"labels" is empty',
      nnunet: NOT_DECLARED,
    },
  ],
});

describe('label rules together', () => {
  test('inverted v1 labels with "Background": NNU102 and NNU101 report it, one fix writes it', () => {
    const r = run('{"labels": {"0": "Background", "1": "bone"}}');
    expect(r.diagnostics.map((d) => d.code)).toEqual(['NNU102', 'NNU101']);
    expect(r.output).toBe('{"labels": {"background": 0, "bone": 1}}');
  });
  test('exact "background" is fine for every label rule', () => {
    expect(codes('{"labels": {"background": 0, "a": 1}}')).toEqual([]);
  });
});
