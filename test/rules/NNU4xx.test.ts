/** NNU401-NNU404: tables on synthetic segmentation facts (the rule tester); the reading itself is test/content's. */
import { describe, expect, test } from '@jest/globals';
import { fixText } from '../../src/engine.js';
import type { ContentFacts, GeometryPair, ScannedLabelFile } from '../../src/content-facts.js';
import type { LabelScan } from '../../src/images/index.js';
import NNU401 from '../../transforms/NNU401-undeclared-label-value.js';
import NNU402 from '../../transforms/NNU402-non-integer-segmentation.js';
import NNU403 from '../../transforms/NNU403-declared-label-unused.js';
import NNU404 from '../../transforms/NNU404-geometry-mismatch.js';
import { niftiHeader, ruleTester } from '../rule-tester.js';

/** A dataset.json with these `labels` entries, one per line. */
const labels = (...entries: string[]) =>
  `{\n    "channel_names": {\n        "0": "CT"\n    },\n    "labels": {\n${entries.map((e) => `        ${e}`).join(',\n')}\n    },\n    "numTraining": 3,\n    "file_ending": ".nii.gz"\n}\n`;

/** A label file that was scanned and holds these values. */
function scanned(name: string, values: number[], more: Partial<LabelScan> = {}): ScannedLabelFile {
  const scan: LabelScan = {
    header: { ...niftiHeader(), datatype: 'uint8' },
    values: values.map((value) => ({ value, count: 1 })),
    nonInteger: values.some((v) => !Number.isInteger(v)),
    nan: false,
    nanCount: 0,
    voxels: values.length,
    bytesRead: values.length,
    multiChannel: false,
    tooManyValues: false,
    warnings: [],
    ...more,
  };
  return { name, scan };
}

/** Content facts of these label files (and geometry pairs). */
const content = (files: ScannedLabelFile[], geometry: GeometryPair[] = []): ContentFacts => ({ files, geometry, bytes: 0 });
/** case_000.nii.gz, case_001.nii.gz, ... with these values each. */
const cases = (...values: number[][]) => content(values.map((v, i) => scanned(`case_${String(i).padStart(3, '0')}.nii.gz`, v)));
const UNEXPECTED = 'stops with "Error: Unexpected labels found in file ..." (--verify_dataset_integrity), or fails later in training';

ruleTester(NNU401, {
  valid: [
    { name: 'every value declared', text: labels('"background": 0', '"liver": 1'), content: cases([0, 1], [0]) },
    { name: 'no content facts (no --labels)', text: labels('"background": 0') },
  ],
  invalid: [
    {
      name: 'a forgotten class: the unsafe fix declares it (the labels stay consecutive)',
      text: labels('"background": 0', '"liver": 1'),
      output: labels('"background": 0', '"liver": 1', '"label_2": 2'),
      content: cases([0, 1, 2], [1], [2]),
      fix: 'unsafe',
      count: 1,
      severity: 'error',
      message: 'value 2 occurs in 2 files of labelsTr (case_000.nii.gz, case_002.nii.gz) but labels does not declare it',
      nnunet: UNEXPECTED,
      help: 'then give the class its real name',
      title: 'declare "label_2": 2 in labels',
    },
    {
      name: '--label-name names the class the fix declares',
      text: labels('"background": 0', '"liver": 1'),
      output: labels('"background": 0', '"liver": 1', '"tumour": 2'),
      content: cases([0, 1, 2]),
      labelName: 'tumour',
      fix: 'unsafe',
      title: 'declare "tumour": 2 in labels',
    },
    {
      name: '0/255 masks: save them as 0/1, no fix',
      text: labels('"background": 0', '"lesion": 1'),
      content: cases([0, 255], [255], [0]),
      fix: 'none',
      message: 'value 255 occurs in 2 files of labelsTr (case_000.nii.gz, case_001.nii.gz): masks saved as 0/255',
      nnunet: UNEXPECTED,
      help: 'save the masks as 0/1 (e.g. seg[seg == 255] = 1), do not declare 255',
    },
    {
      name: 'BraTS label 4 not remapped: a declared class occurs nowhere, remap',
      text: labels('"background": 0', '"edema": 1', '"necrosis": 2', '"enhancing": 3'),
      content: cases([0, 1, 2, 4], [4, 1, 2], [1, 2, 4]),
      fix: 'none',
      message: 'value 4 occurs in 3 files of labelsTr (case_000.nii.gz, case_001.nii.gz and 1 more) but labels does not declare it',
      help: 'the declared "enhancing" (3) occurs in no file, so the segmentations most likely use 4 for it: remap the segmentations (4 -> 3, as for BraTS label 4 -> 3) rather than declare 4: nnunet-doctor remap --map 4:3 DATASET_FOLDER',
    },
    {
      name: 'declaring would leave a gap: remap',
      text: labels('"background": 0', '"liver": 1'),
      content: cases([0, 1, 5]),
      fix: 'none',
      help: 'declaring it would leave a gap in the label values: remap the segmentations instead (e.g. BraTS 4 -> 3)',
    },
    {
      name: 'a label file that could not be read is an error, one line, and the scan goes on',
      text: labels('"background": 0', '"liver": 1'),
      content: content([scanned('case_000.nii.gz', [0, 1]), { name: 'case_001.nii.gz', error: { kind: 'corrupt', message: 'truncated' } }]),
      fix: 'none',
      count: 1,
      severity: 'error',
      message: 'labelsTr/case_001.nii.gz could not be read, its values were not checked: truncated',
    },
  ],
});

describe('NNU401 beyond the table', () => {
  // two findings of two fix kinds (the first one's fix declares both values): not a table row
  test('two forgotten classes: one unsafe fix declares both, in order; the second finding says so', () => {
    const text = labels('"background": 0', '"liver": 1');
    const r = fixText(text, { rules: [NNU401], content: cases([0, 1, 3], [2]), unsafeFixes: true });
    expect(r.output).toBe(labels('"background": 0', '"liver": 1', '"label_2": 2', '"label_3": 3'));
    expect(r.diagnostics.map((d) => [d.message, d.help, d.fix.title])).toEqual([
      [
        'value 2 occurs in 1 file of labelsTr (case_001.nii.gz) but labels does not declare it',
        'then give the class its real name',
        'declare "label_2": 2, "label_3": 3 in labels',
      ],
      [
        'value 3 occurs in 1 file of labelsTr (case_000.nii.gz) but labels does not declare it',
        'the fix for value 2 declares it too',
        'declare "label_2": 2, "label_3": 3 in labels',
      ],
    ]);
    expect(r.remaining).toEqual([]);
  });
  // the words are src/content-facts.ts's, passed on as they are (one message, no parts yet)
  test('a format the readers do not read is a warning: not checked', () => {
    const r = fixText(labels('"background": 0'), {
      rules: [NNU401],
      content: content([{ name: 'case_000.tif', error: { kind: 'unsupported', message: 'cannot read ".tif" files' } }]),
    });
    expect(r.diagnostics.map((d) => [d.severity, d.fix.applicability, d.message])).toEqual([
      ['warning', 'none', 'labelsTr/case_000.tif not checked: cannot read ".tif" files (nnU-Net may still read it, but its values are unknown to this check)'],
    ]);
  });
});

ruleTester(NNU402, {
  valid: [{ name: 'integer values', text: labels('"background": 0', '"liver": 1'), content: cases([0, 1]) }],
  invalid: [
    {
      name: 'fractions (a linear resampling)',
      text: labels('"background": 0', '"liver": 1'),
      content: content([scanned('case_000.nii.gz', [0, 0.5, 1], { header: { ...niftiHeader(), datatype: 'float32' } })]),
      fix: 'none',
      count: 1,
      severity: 'error',
      message: 'labelsTr/case_000.nii.gz (float32) has non-integer values',
      nnunet: 'finds class values that are not integers ("Error: Unexpected labels found in file ...", --verify_dataset_integrity)',
      help: 're-save it as uint8 with nearest-neighbour resampling',
    },
    {
      name: 'NaN voxels',
      text: labels('"background": 0', '"liver": 1'),
      content: content([scanned('case_000.nii.gz', [0, 1], { header: { ...niftiHeader(), datatype: 'float32' }, nan: true, nanCount: 3 })]),
      fix: 'none',
      message: 'labelsTr/case_000.nii.gz (float32) has 3 NaN voxels',
      nnunet: 'stops with "Segmentation contains NaN pixel values. You need to fix that." (--verify_dataset_integrity)',
    },
    {
      name: 'scl_slope that makes the stored integers fractions',
      text: labels('"background": 0', '"liver": 1'),
      content: content([scanned('case_000.nii.gz', [0, 0.5], { header: { ...niftiHeader(), datatype: 'uint8', sclSlope: 0.5, sclInter: 0 } })]),
      fix: 'none',
      message: 'labelsTr/case_000.nii.gz (uint8) has non-integer values (scl_slope 0.5, scl_inter 0)',
    },
  ],
});

ruleTester(NNU403, {
  valid: [
    { name: 'every class occurs', text: labels('"background": 0', '"liver": 1'), content: cases([0, 1], [0]) },
    {
      name: 'a file not scanned: nothing is concluded',
      text: labels('"background": 0', '"liver": 1'),
      content: content([scanned('case_000.nii.gz', [0]), { name: 'case_001.nii.gz', error: { kind: 'io', message: 'EACCES' } }]),
    },
  ],
  invalid: [
    {
      name: 'a declared class that occurs in no segmentation',
      text: labels('"background": 0', '"lesion": 1'),
      content: cases([0], [0], [0]),
      fix: 'none',
      count: 1,
      severity: 'warning',
      message: 'label "lesion" (1) occurs in none of the 3 segmentations in labelsTr',
      nnunet: 'would train a class it never sees',
      help: 'check the conversion',
    },
  ],
});

const pair = (kase: string, image: { dims: number[]; spacing?: number[] }, label: { dims: number[]; spacing?: number[] }): GeometryPair => ({
  case: kase,
  imageFile: `${kase}_0000.nii.gz`,
  labelFile: `${kase}.nii.gz`,
  image: { ...niftiHeader(image.dims), spacing: image.spacing ?? image.dims.map(() => 1) },
  label: { ...niftiHeader(label.dims), spacing: label.spacing ?? label.dims.map(() => 1) },
});

ruleTester(NNU404, {
  valid: [
    {
      name: 'the same grid',
      text: labels('"background": 0', '"liver": 1'),
      content: content([], [pair('case_000', { dims: [4, 4, 2] }, { dims: [4, 4, 2] })]),
    },
  ],
  invalid: [
    {
      name: 'shapes differ',
      text: labels('"background": 0', '"liver": 1'),
      content: content([], [pair('case_000', { dims: [4, 4, 3] }, { dims: [4, 4, 2] }), pair('case_001', { dims: [4, 4, 3] }, { dims: [4, 4, 2] })]),
      fix: 'none',
      count: 1,
      severity: 'error',
      message: '2 cases whose segmentation does not match the image (case_000: image 4x4x3 vs segmentation 4x4x2, ...)',
      nnunet: 'stops with "Error: Shape mismatch between segmentation and corresponding images." (--verify_dataset_integrity)',
      help: 'case_000: image 4x4x3 vs segmentation 4x4x2; case_001: image 4x4x3 vs segmentation 4x4x2; resample the segmentation onto the image grid',
    },
    {
      name: 'spacings differ',
      text: labels('"background": 0', '"liver": 1'),
      content: content([], [pair('case_000', { dims: [4, 4, 2], spacing: [1, 1, 2.5] }, { dims: [4, 4, 2], spacing: [1, 1, 1] })]),
      fix: 'none',
      message: '1 case whose segmentation does not match the image (case_000: spacing 1x1x2.5 vs 1x1x1)',
      nnunet: 'stops with "Error: Spacing mismatch between segmentation and corresponding images." (--verify_dataset_integrity)',
    },
  ],
});
