/**
 * What a remap does to `labels` (pure): minimal text edits, verified; refusals with the
 * reason when the result would not be a valid nnU-Net label set.
 */
import { describe, expect, test } from '@jest/globals';
import { planLabelsUpdate } from '../../src/repair/labels-update.js';

const BRATS_V4 = `{
    "channel_names": {"0": "T1"},
    "labels": {
        "background": 0,
        "NCR": 1,
        "ED": 2,
        "ET": 4
    },
    "numTraining": 3,
    "file_ending": ".nii.gz"
}
`;

describe('planLabelsUpdate', () => {
  test('a declared class follows its value (ET 4 -> 3): only that token changes', () => {
    const u = planLabelsUpdate(BRATS_V4, [{ from: 4, to: 3 }]);
    expect(u).toMatchObject({ action: 'update', message: 'labels: "ET" 4 -> 3', declared: [0, 1, 2, 3] });
    expect(u.action === 'update' && u.text).toBe(BRATS_V4.replace('"ET": 4', '"ET": 3'));
  });

  test('values nobody declares (the BraTS 4 in the files, ET already 3): labels need no change', () => {
    const text = BRATS_V4.replace('"ET": 4', '"ET": 3');
    expect(planLabelsUpdate(text, [{ from: 4, to: 3 }])).toEqual({ action: 'none', message: 'labels need no change', declared: [0, 1, 2, 3] });
  });

  test('string and one-element list values keep their spelling', () => {
    const text = '{"labels": {"background": "0", "a": ["2"], "b": 1}}';
    const u = planLabelsUpdate(text, [
      { from: 2, to: 3 },
      { from: 1, to: 2 },
      { from: 3, to: 1 },
    ]);
    // 2 -> 3 -> ... each applies once: a 2 -> 3, b 1 -> 2: not consecutive (0, 2, 3)
    expect(u.action).toBe('refuse');
    const v = planLabelsUpdate(text, [
      { from: 2, to: 1 },
      { from: 1, to: 2 },
    ]);
    expect(v.action === 'update' && v.text).toBe('{"labels": {"background": "0", "a": ["1"], "b": 2}}');
  });

  test('a merge is refused without allowMerge, and removes the merged class with it', () => {
    const text = '{\n  "labels": {\n    "background": 0,\n    "a": 1,\n    "b": 2,\n    "c": 3\n  }\n}\n';
    const map = [
      { from: 2, to: 1 },
      { from: 3, to: 2 },
    ];
    expect(planLabelsUpdate(text, map)).toEqual({
      action: 'refuse',
      message:
        'the mapping merges "b" (2) into "a" (1): voxels of two classes become one and cannot be told apart afterwards; add --allow-merge if that is what you want (the merged class is then removed from labels)',
    });
    const u = planLabelsUpdate(text, map, { allowMerge: true });
    expect(u.action === 'update' && u.text).toBe('{\n  "labels": {\n    "background": 0,\n    "a": 1,\n    "c": 2\n  }\n}\n');
  });

  test.each([
    ['a gap', '{"labels": {"background": 0, "a": 1, "b": 2}}', [{ from: 2, to: 5 }], /would declare 0, 1, 5: not consecutive/],
    [
      'two classes sent to a new value',
      '{"labels": {"background": 0, "a": 1, "b": 2}}',
      [
        { from: 1, to: 3 },
        { from: 2, to: 3 },
      ],
      /sends "a" \(1\) and "b" \(2\) to 3, which neither of them had/,
    ],
    [
      'background moved',
      '{"labels": {"background": 0, "a": 1}}',
      [
        { from: 0, to: 1 },
        { from: 1, to: 0 },
      ],
      /moves the background \(0\) to 1/,
    ],
    ['v1/MSD orientation', '{"labels": {"0": "background", "1": "a", "2": "b"}}', [{ from: 2, to: 1 }], /v1\/MSD way/],
    ['regions', '{"labels": {"background": 0, "whole": [1, 2], "core": 2}}', [{ from: 2, to: 3 }], /region-based/],
    ['no labels', '{"name": "x"}', [{ from: 2, to: 1 }], /no readable labels/],
  ])('refused: %s', (_n, text, map, why) => {
    const u = planLabelsUpdate(text, map);
    expect(u.action).toBe('refuse');
    expect(u.message).toMatch(why);
  });

  test('the ignore label must stay the largest', () => {
    const text = '{"labels": {"background": 0, "a": 1, "b": 2, "ignore": 3}}';
    expect(planLabelsUpdate(text, [{ from: 2, to: 1 }], { allowMerge: true })).toMatchObject({ action: 'update', declared: [0, 1, 3] });
    expect(
      planLabelsUpdate(text, [
        { from: 3, to: 2 },
        { from: 2, to: 3 },
      ]).message,
    ).toMatch(/ignore label \(2\) would not be the largest/);
  });
});
