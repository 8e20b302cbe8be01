import { describe, expect, test } from '@jest/globals';
import NNU301 from '../../transforms/NNU301-num-training-mismatch.js';
import NNU302 from '../../transforms/NNU302-file-ending-mismatch.js';
import NNU303 from '../../transforms/NNU303-case-naming.js';
import { fixText } from '../../src/engine.js';
import { collectFolderFacts } from '../../src/folder/facts.js';
import { cases, datasetJson, makeDataset, messages, NII, runOn, v2 } from './helpers.js';

const json = (n: number | string) => `{
    "channel_names": {
        "0": "CT"
    },
    "labels": {
        "background": 0,
        "liver": 1
    },
    "numTraining": ${n},
    "file_ending": ".nii.gz"
}`;

describe('NNU301 num-training-mismatch', () => {
  test('unsafe fix: numTraining = the cases found, exact output', async () => {
    const ds = makeDataset('Dataset001_Liver', json(3), cases(['liver_0', 'liver_1']));
    const folder = await collectFolderFacts(ds.dir, { env: {} });
    const r = fixText(ds.json, { rules: [NNU301], folder, unsafeFixes: true });
    expect(r.error).toBeUndefined();
    expect(r.output).toBe(json(2));
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0]).toMatchObject({
      code: 'NNU301',
      severity: 'error',
      line: 9,
      fix: { applicability: 'unsafe', applied: true, title: 'set numTraining to 2' },
      message:
        `numTraining is 3 but nnU-Net finds 2 training cases in imagesTr/ with file_ending ".nii.gz"; it stops with ` +
        `"Did not find the expected number of training cases (3). Found 2 instead. Examples: ['liver_0', 'liver_1']". Unsafe fix: set numTraining to 2, the number of cases found`,
    });
    expect(r.remaining).toEqual([]);
  });

  test('without --unsafe-fixes the fix is shown, not applied', async () => {
    const ds = makeDataset('Dataset001_Liver', json(3), cases(['a', 'b']));
    const r = await runOn(ds, [NNU301], { unsafeFixes: false });
    expect(r.changed).toBe(false);
    expect(r.diagnostics[0]!.fix).toMatchObject({ applicability: 'unsafe', applied: false });
  });

  test('nothing when numTraining matches (also as the string "2", which is NNU204\'s)', async () => {
    const ds = makeDataset('Dataset001_Liver', json(2), cases(['a', 'b']));
    expect((await runOn(ds, [NNU301])).diagnostics).toEqual([]);
    expect((await runOn(ds, [NNU301], { json: json('"2"') })).diagnostics).toEqual([]);
  });

  test('no fix while the naming is broken: la_007.nii.gz counts as the bogus case "l"', async () => {
    const ds = makeDataset('Dataset002_Heart', json(3), {
      'imagesTr/la_003.nii.gz': NII,
      'imagesTr/la_007.nii.gz': NII,
      'imagesTr/la_009_0000.nii.gz': NII,
      'labelsTr/la_003.nii.gz': NII,
      'labelsTr/la_007.nii.gz': NII,
      'labelsTr/la_009.nii.gz': NII,
    });
    const r = await runOn(ds, [NNU301]);
    expect(r.changed).toBe(false);
    expect(messages(r, 'NNU301')).toEqual([
      `numTraining is 3 but nnU-Net finds 2 training cases in imagesTr/ with file_ending ".nii.gz"; it stops with "Did not find the expected number of training cases (3). Found 2 instead. Examples: ['l', 'la_009']". ` +
        'Not fixed automatically: NNU303, NNU304 report problems that make this count unreliable; fix them first',
    ]);
    expect(r.diagnostics[0]!.fix.applicability).toBe('none');
  });

  test('hidden AppleDouble files count as cases and block the fix', async () => {
    const ds = makeDataset('Dataset001_X', json(2), { ...cases(['a', 'b']), 'imagesTr/._a_0000.nii.gz': 'x', 'labelsTr/._a.nii.gz': 'x' });
    const r = await runOn(ds, [NNU301]);
    expect(messages(r, 'NNU301')[0]).toMatch(/^numTraining is 2 but nnU-Net finds 3 training cases .* Examples: \['\._a', 'a', 'b'\]"\. Not fixed automatically: NNU303 reports problems/);
  });

  test('count 0 is never written; the message points at NNU302', async () => {
    const ds = makeDataset('Dataset001_X', json(3), cases(['a', 'b', 'c'], { fe: '.nii' }));
    const r = await runOn(ds, [NNU301]);
    expect(r.changed).toBe(false);
    expect(messages(r, 'NNU301')).toEqual([
      `numTraining is 3 but nnU-Net finds 0 training cases in imagesTr/ with file_ending ".nii.gz"; it stops with "Did not find the expected number of training cases (3). Found 0 instead. Examples: []". ` +
        'Not fixed automatically (numTraining is never set to 0): see NNU302',
    ]);
  });

  test('rules re-read the JSON each pass: NNU302 fixes file_ending, then NNU301 may fix numTraining', async () => {
    const ds = makeDataset('Dataset001_X', json(5), cases(['a', 'b', 'c'], { fe: '.nii' }));
    const r = await runOn(ds, [NNU301, NNU302, NNU303]);
    expect(r.error).toBeUndefined();
    expect(r.applied.map((a) => a.code)).toEqual(['NNU302', 'NNU301']);
    expect(r.output).toBe(json(3).replace('".nii.gz"', '".nii"'));
    expect(r.remaining).toEqual([]);
  });

  test('numTraining missing: inserted (unsafe) when the folder is clean', async () => {
    const text = datasetJson({ channel_names: { 0: 'CT' }, labels: { background: 0 }, file_ending: '.nii.gz' });
    const ds = makeDataset('Dataset001_X', text, cases(['a']));
    const r = await runOn(ds, [NNU301]);
    expect(r.output).toBe(`{
    "channel_names": {
        "0": "CT"
    },
    "labels": {
        "background": 0
    },
    "file_ending": ".nii.gz",
    "numTraining": 1
}`);
    expect(messages(r, 'NNU301')[0]).toBe('numTraining is missing; nnU-Net finds 1 training case in imagesTr/ with file_ending ".nii.gz". Unsafe fix: set numTraining to 1, the number of cases found');
  });

  test('the dataset key: the count is its number of entries', async () => {
    const text = datasetJson({ ...v2(3), dataset: { a: { images: ['imgs/a.nii.gz'], label: 'segs/a.nii.gz' }, b: { images: ['imgs/b.nii.gz'], label: 'segs/b.nii.gz' } } });
    const ds = makeDataset('Dataset001_X', text, { 'imgs/a.nii.gz': NII, 'imgs/b.nii.gz': NII, 'segs/a.nii.gz': NII, 'segs/b.nii.gz': NII });
    const r = await runOn(ds, [NNU301]);
    expect(r.output).toBe(text.replace('"numTraining": 3', '"numTraining": 2'));
    expect(messages(r, 'NNU301')[0]).toMatch(/^numTraining is 3 but nnU-Net finds 2 training cases in the "dataset" key;/);
  });

  test('labelsTr/ without imagesTr/', async () => {
    const ds = makeDataset('Dataset001_X', json(2), { 'labelsTr/a.nii.gz': NII });
    const r = await runOn(ds, [NNU301]);
    expect(messages(r, 'NNU301')[0]).toContain(`because the dataset has no imagesTr/ folder ("There needs to be a imagesTr subfolder in folder, folder=${ds.dir}")`);
    expect(r.changed).toBe(false);
  });

  test('no folder facts: nothing', () => {
    expect(fixText(json(3), { rules: [NNU301] }).diagnostics).toEqual([]);
  });
});
