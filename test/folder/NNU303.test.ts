import { describe, expect, test } from '@jest/globals';
import NNU303 from '../../transforms/NNU303-case-naming.js';
import { cases, datasetJson, makeDataset, messages, NII, runOn, v2 } from './helpers.js';

const json = datasetJson(v2(3));

describe('NNU303 case-naming', () => {
  test('la_007.nii.gz without _0000: the bogus case "l" (#2346)', async () => {
    const ds = makeDataset('Dataset002_Heart', json, { 'imagesTr/la_003.nii.gz': NII, 'imagesTr/la_007.nii.gz': NII, 'labelsTr/la_003.nii.gz': NII, 'labelsTr/la_007.nii.gz': NII });
    const r = await runOn(ds, [NNU303]);
    expect(r.changed).toBe(false);
    expect(r.diagnostics).toEqual([
      expect.objectContaining({
        code: 'NNU303',
        severity: 'error',
        line: 10,
        fix: { applicability: 'none', applied: false },
        message:
          '2 image files have no _XXXX channel index: la_003.nii.gz (read as case "l"), la_007.nii.gz (read as case "l"); nnU-Net cuts 12 characters off every name and gets 1 bogus case with no image file (#2346). ' +
          'nnU-Net expects CASE_XXXX.nii.gz: rename e.g. la_003.nii.gz -> la_003_0000.nii.gz',
      }),
    ]);
  });

  test('the MSD/v1 layout gets the converter command', async () => {
    const msd = datasetJson({ modality: { 0: 'MRI' }, labels: { 0: 'background', 1: 'heart' }, numTraining: 1, file_ending: '.nii.gz' });
    const ds = makeDataset('Task02_Heart', msd, { 'imagesTr/la_003.nii.gz': NII, 'labelsTr/la_003.nii.gz': NII });
    expect(messages(await runOn(ds, [NNU303]), 'NNU303')[0]).toMatch(new RegExp(`; this is the MSD/v1 layout: nnUNetv2_convert_MSD_dataset -i "${ds.dir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}" converts it$`));
  });

  test('x.001.0000.nii.gz: a dot instead of "_" (#2187)', async () => {
    const ds = makeDataset('Dataset001_X', json, { ...cases(['a']), 'imagesTr/x.001.0000.nii.gz': NII, 'imagesTr/y-0000.nii.gz': NII });
    expect(messages(await runOn(ds, [NNU303]), 'NNU303')).toEqual([
      '2 image files separate the channel index with a dot or dash instead of "_": x.001.0000.nii.gz (read as case "x.001"), y-0000.nii.gz (read as case "y"); nnU-Net finds no image file for these cases (#2187). ' +
        'Rename e.g. x.001.0000.nii.gz -> x.001_0000.nii.gz',
    ]);
  });

  test('hidden ._ AppleDouble files (images and labels) are named, with the delete command', async () => {
    const ds = makeDataset('Dataset001_X', json, { ...cases(['a', 'b']), 'imagesTr/._a_0000.nii.gz': 'x', 'labelsTr/._a.nii.gz': 'x', 'imagesTr/.DS_Store': 'x' });
    expect(messages(await runOn(ds, [NNU303]), 'NNU303')).toEqual([
      `2 hidden files end with ".nii.gz": imagesTr/._a_0000.nii.gz, labelsTr/._a.nii.gz; nnU-Net counts each hidden image file as a case (e.g. "._a") and then fails to read it (macOS AppleDouble "._" files are not images). ` +
        `Delete them: find "${ds.dir}" -name '._*' -delete (or dot_clean on macOS)`,
    ]);
  });

  test('many offending files: the first 5, then a count', async () => {
    const files: Record<string, typeof NII> = { ...cases(['ok']) };
    for (let i = 1; i <= 8; i++) files[`imagesTr/img${i}.nii.gz`] = NII;
    const ds = makeDataset('Dataset001_X', json, files);
    expect(messages(await runOn(ds, [NNU303]), 'NNU303')[0]).toBe(
      '8 image files have no _XXXX channel index: img1.nii.gz (read as case ""), img2.nii.gz (read as case ""), img3.nii.gz (read as case ""), img4.nii.gz (read as case ""), img5.nii.gz (read as case "") and 3 more; ' +
        'nnU-Net cuts 12 characters off every name and gets 1 bogus case with no image file (#2346). nnU-Net expects CASE_XXXX.nii.gz: rename e.g. img1.nii.gz -> img1_0000.nii.gz',
    );
  });

  test('negative: well-named cases, .DS_Store alone, an unusable file_ending, the dataset key', async () => {
    expect((await runOn(makeDataset('Dataset001_X', json, { ...cases(['a', 'b'], { channels: 2 }), 'imagesTr/.DS_Store': '' }), [NNU303])).diagnostics).toEqual([]);
    expect((await runOn(makeDataset('Dataset001_X', datasetJson(v2(1, '.nrrd')), { 'imagesTr/la_007.nii.gz': NII }), [NNU303])).diagnostics).toEqual([]);
    const withKey = datasetJson({ ...v2(1), dataset: { a: { images: ['imagesTr/la_007.nii.gz'], label: 'labelsTr/la_007.nii.gz' } } });
    expect((await runOn(makeDataset('Dataset001_X', withKey, { 'imagesTr/la_007.nii.gz': NII, 'labelsTr/la_007.nii.gz': NII }), [NNU303])).diagnostics).toEqual([]);
  });
});
