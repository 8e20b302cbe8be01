/**
 * The repair planner (pure): which problems get a repair, with which mapping, and what
 * the message says when none is offered.
 */
import { describe, expect, test } from '@jest/globals';
import type { ImageHeader, LabelScan, ValueCount } from '../../src/images/types.js';
import { declaredLabels, planFileRepair, planRemap, planSegmentationRepairs } from '../../src/repair/index.js';
import { noiseTolerance } from '../../src/repair/plan.js';
import { declared } from './helpers.js';

function scanOf(values: [number, number][], header: Partial<ImageHeader> = {}, extra: Partial<LabelScan> = {}): LabelScan {
  const vs: ValueCount[] = values.map(([value, count]) => ({ value, count }));
  return {
    header: {
      format: 'nifti1',
      dims: [4, 4, 4],
      spacing: [1, 1, 1],
      datatype: 'uint8',
      littleEndian: true,
      channels: 1,
      is4D: false,
      sclSlope: 0,
      sclInter: 0,
      voxOffset: 352,
      ...header,
    },
    values: vs,
    nonInteger: vs.some((v) => !Number.isInteger(v.value)),
    nan: false,
    nanCount: 0,
    voxels: vs.reduce((s, v) => s + v.count, 0),
    bytesRead: 64,
    multiChannel: (header.channels ?? 1) > 1,
    tooManyValues: false,
    warnings: [],
    ...extra,
  };
}
const plan = (scan: LabelScan, labels = declared('liver')) => planFileRepair({ path: '/d/labelsTr/a.nii.gz', display: 'labelsTr/a.nii.gz', scan }, labels);

describe('offered repairs (unsafe)', () => {
  test.each([
    ['0/255 uint8', 'uint8', 255],
    ['0/65535 uint16', 'uint16', 65535],
    ['0/-1 int16', 'int16', -1],
    ['0/255 float32', 'float32', 255],
  ] as const)('binary mask %s with one declared class -> that class', (_n, datatype, fg) => {
    const p = plan(
      scanOf(
        [
          [0, 50],
          [fg, 14],
        ],
        { datatype },
      ),
    );
    expect(p).toMatchObject({
      code: 'NNU401',
      applicability: 'unsafe',
      kinds: ['binary-mask'],
      mapping: [{ from: fg, to: 1 }],
      after: [
        { value: 0, count: 50 },
        { value: 1, count: 14 },
      ],
    });
    expect(p!.description).toBe(
      `labelsTr/a.nii.gz (${datatype}): it is a binary mask saved as 0/${fg} while labels declares one class, "liver" (1): map ${fg} -> 1: 14 voxels`,
    );
  });

  test('a mask that is all foreground (no 0) is a binary mask too', () => {
    expect(plan(scanOf([[255, 64]]))).toMatchObject({ kinds: ['binary-mask'], mapping: [{ from: 255, to: 1 }] });
  });

  test('float noise: rounded, NNU402', () => {
    const a = Math.fround(0.99999994);
    const b = Math.fround(2.0000002);
    const p = plan(
      scanOf(
        [
          [0, 10],
          [a, 3],
          [1, 5],
          [b, 2],
          [2, 4],
        ],
        { datatype: 'float32' },
      ),
      declared('a', 'b'),
    );
    expect(p).toMatchObject({
      code: 'NNU402',
      kinds: ['float-noise'],
      mapping: [
        { from: a, to: 1 },
        { from: b, to: 2 },
      ],
      after: [
        { value: 0, count: 10 },
        { value: 1, count: 8 },
        { value: 2, count: 6 },
      ],
    });
    expect(p!.description).toContain('round them 0.99999994 -> 1: 3 voxels; 2.0000002 -> 2: 2 voxels');
  });

  test('noise on top of a 0/255 mask: rounded and mapped in one step', () => {
    const n = Math.fround(254.99998);
    const p = plan(
      scanOf(
        [
          [0, 10],
          [n, 1],
          [255, 5],
        ],
        { datatype: 'float32' },
      ),
    );
    expect(p).toMatchObject({
      kinds: ['float-noise', 'binary-mask'],
      mapping: [
        { from: n, to: 1 },
        { from: 255, to: 1 },
      ],
      after: [
        { value: 0, count: 10 },
        { value: 1, count: 6 },
      ],
    });
  });

  test('scl_slope makes stored labels undeclared: reset the scaling (values as nnU-Net reads them)', () => {
    const p = plan(
      scanOf(
        [
          [0, 10],
          [255, 3],
          [510, 2],
        ],
        { datatype: 'int16', sclSlope: 255, sclInter: 0 },
      ),
      declared('a', 'b'),
    );
    expect(p).toMatchObject({
      kinds: ['scaling'],
      mapping: [
        { from: 255, to: 1 },
        { from: 510, to: 2 },
      ],
      headerChanges: [
        { field: 'scl_slope', from: 255, to: 1 },
        { field: 'scl_inter', from: 0, to: 0 },
      ],
    });
    expect(p!.description).toMatch(
      /^labelsTr\/a.nii.gz \(int16\): scl_slope 255 \/ scl_inter 0 turn its stored labels into undeclared values: reset scl_slope\/scl_inter to 1\/0/,
    );
  });

  test('noise tolerance is a few float32 steps, relative to the integer', () => {
    expect(noiseTolerance(1)).toBeCloseTo(8 * 2 ** -23);
    expect(noiseTolerance(1000)).toBeCloseTo(8 * 2 ** (9 - 23));
    expect(
      plan(
        scanOf(
          [
            [0, 1],
            [1.001, 1],
          ],
          { datatype: 'float32' },
        ),
      ),
    ).toMatchObject({ applicability: 'none', problem: 'fractional' });
  });
});

describe('no repair offered: the message says what happened and what to do', () => {
  test('nothing to do: declared values, and exactly integral floats', () => {
    expect(
      plan(
        scanOf([
          [0, 5],
          [1, 5],
        ]),
      ),
    ).toBeUndefined();
    expect(
      plan(
        scanOf(
          [
            [0, 5],
            [1, 5],
          ],
          { datatype: 'float64' },
        ),
      ),
    ).toBeUndefined();
    // float64 noise that float32 (what nnU-Net compares) rounds away
    expect(
      plan(
        scanOf(
          [
            [0, 5],
            [0.9999999999, 5],
          ],
          { datatype: 'float64' },
        ),
      ),
    ).toBeUndefined();
  });
  test('fractional values (interpolated resampling)', () => {
    const p = plan(
      scanOf(
        [
          [0, 5],
          [0.5, 1],
          [10.92, 1],
          [1, 3],
        ],
        { datatype: 'float32' },
      ),
    );
    expect(p).toMatchObject({ applicability: 'none', problem: 'fractional', code: 'NNU402', mapping: [] });
    expect(p!.description).toContain('fractional values (0.5, 10.92): it was resampled with linear interpolation');
    expect(p!.description).toContain('nearest-neighbour interpolation (order 0)');
  });
  test('image data in labelsTr (-1024 ...)', () => {
    const p = plan(
      scanOf(
        [
          [-1024, 5],
          [0, 3],
          [40, 2],
        ],
        { datatype: 'int16' },
      ),
    );
    expect(p).toMatchObject({ applicability: 'none', problem: 'image-data' });
    expect(p!.description).toContain('this looks like image data, not a segmentation');
    expect(plan(scanOf([[0, 1]], {}, { tooManyValues: true }))).toMatchObject({ problem: 'image-data' });
  });
  test('a binary mask while several classes are declared: remap names the class', () => {
    const p = plan(
      scanOf([
        [0, 5],
        [255, 5],
      ]),
      declared('a', 'b'),
    );
    expect(p).toMatchObject({ applicability: 'none', problem: 'ambiguous-mask' });
    expect(p!.description).toContain('`nnunet-doctor remap --map 255:N`');
  });
  test('undeclared integers (BraTS 4): remap', () => {
    const p = plan(
      scanOf([
        [0, 5],
        [1, 1],
        [2, 1],
        [4, 1],
      ]),
      declared('NCR', 'ED', 'ET'),
    );
    expect(p).toMatchObject({ applicability: 'none', problem: 'undeclared', code: 'NNU401' });
    expect(p!.description).toContain('`nnunet-doctor remap --map 4:N`');
  });
  test('NaN, multi-channel, unsupported formats', () => {
    expect(
      plan(
        scanOf(
          [
            [0, 5],
            [1, 1],
          ],
          { datatype: 'float32' },
          { nan: true, nanCount: 2 },
        ),
      ),
    ).toMatchObject({ problem: 'nan', code: 'NNU402' });
    expect(
      plan(
        scanOf(
          [
            [0, 5],
            [255, 1],
          ],
          { channels: 3, datatype: 'rgb24' },
        ),
      ),
    ).toMatchObject({ problem: 'multi-channel' });
    const nrrd = plan(
      scanOf(
        [
          [0, 5],
          [255, 1],
        ],
        { format: 'nrrd' },
      ),
    );
    expect(nrrd).toMatchObject({ applicability: 'none', problem: 'unsupported-format' });
    expect(nrrd!.description).toContain('the fix would be 255 -> 1: 1 voxel, but NRRD uint8 files are not supported for repair: convert it to .nii.gz');
  });
});

describe('declared labels and dataset plans', () => {
  test('declaredLabels reads both orientations and regions', () => {
    expect(declaredLabels('{"labels": {"background": 0, "liver": 1, "ignore": 2}}')).toEqual({
      values: [0, 1, 2],
      classes: [{ name: 'liver', value: 1 }],
      regions: false,
    });
    expect(declaredLabels('{"labels": {"0": "background", "1": "liver"}}')).toMatchObject({ values: [0, 1], classes: [{ name: 'liver', value: 1 }] });
    expect(declaredLabels('{"labels": {"background": 0, "whole": [1, 2], "core": 2}}')).toMatchObject({ regions: true });
    expect(declaredLabels('{"labels": {"background": 0, "x": "a"}}')).toBeUndefined();
    expect(declaredLabels('{"name": "x"}')).toBeUndefined();
  });
  test('planSegmentationRepairs: one plan per file with a problem, paths inside labelsTr', () => {
    const facts = {
      files: [
        {
          name: 'a.nii.gz',
          scan: scanOf([
            [0, 5],
            [255, 5],
          ]),
        },
        {
          name: 'b.nii.gz',
          scan: scanOf([
            [0, 5],
            [1, 5],
          ]),
        },
        { name: 'c.nii.gz', error: { kind: 'corrupt' as const, message: 'x' } },
      ],
      geometry: [],
      bytes: 0,
    };
    const plans = planSegmentationRepairs(facts, declared('liver'), '/data/Dataset001');
    expect(plans.map((p) => [p.path, p.display, p.kinds])).toEqual([['/data/Dataset001/labelsTr/a.nii.gz', 'labelsTr/a.nii.gz', ['binary-mask']]]);
  });
  test('planRemap: the changes a mapping makes to one file', () => {
    const p = planRemap(
      {
        path: '/x.nii.gz',
        display: 'x.nii.gz',
        scan: scanOf([
          [0, 5],
          [1, 1],
          [4, 2],
        ]),
      },
      [
        { from: 4, to: 3 },
        { from: 7, to: 1 },
      ],
    );
    expect(p).toMatchObject({
      kinds: ['remap'],
      mapping: [{ from: 4, to: 3 }],
      after: [
        { value: 0, count: 5 },
        { value: 1, count: 1 },
        { value: 3, count: 2 },
      ],
    });
    expect(planRemap({ path: '/x', display: 'x', scan: scanOf([[0, 5]]) }, [{ from: 4, to: 3 }])).toMatchObject({ kinds: [], mapping: [] });
  });
});
