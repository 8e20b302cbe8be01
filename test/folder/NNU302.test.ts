import { describe, expect, test } from '@jest/globals';
import NNU302 from '../../transforms/NNU302-file-ending-mismatch.js';
import { fixText } from '../../src/engine.js';
import { collectFolderFacts } from '../../src/folder/facts.js';
import { cases, datasetJson, makeDataset, messages, NII, PNG_GREY, runOn } from './helpers.js';

const json = (fe: string | undefined) => `{
    "channel_names": {
        "0": "CT"
    },
    "labels": {
        "background": 0,
        "tumor": 1
    },
    "numTraining": 2${fe === undefined ? '' : `,
    "file_ending": ${fe}`}
}`;

describe('NNU302 file-ending-mismatch', () => {
  test('".nii.gz" but the files are .nii: unsafe fix to ".nii", exact output (#1644)', async () => {
    const ds = makeDataset('Dataset001_X', json('".nii.gz"'), cases(['a', 'b'], { fe: '.nii' }));
    const folder = await collectFolderFacts(ds.dir, { env: {} });
    const r = fixText(ds.json, { rules: [NNU302], folder, unsafeFixes: true });
    expect(r.error).toBeUndefined();
    expect(r.output).toBe(json('".nii"'));
    expect(r.diagnostics).toEqual([
      expect.objectContaining({
        code: 'NNU302',
        line: 10,
        fix: expect.objectContaining({ applicability: 'unsafe', applied: true, title: 'set file_ending to ".nii"' }),
        message:
          'file_ending ".nii.gz" matches none of the 2 files in imagesTr/ (the image files end in ".nii"); nnU-Net finds 0 training cases ' +
          '("Did not find the expected number of training cases (N). Found 0 instead.", #2436). Unsafe fix: set file_ending to ".nii", the only image ending on disk',
      }),
    ]);
  });

  test('missing file_ending: inserted last; .DS_Store and ._ files are not endings', async () => {
    const ds = makeDataset('Dataset001_X', json(undefined), { ...cases(['a', 'b']), 'imagesTr/.DS_Store': '', 'imagesTr/._a_0000.nii': 'x', 'labelsTr/notes.txt': 'x' });
    const r = await runOn(ds, [NNU302]);
    expect(r.output).toBe(json('".nii.gz"'));
    expect(messages(r, 'NNU302')).toEqual([
      `file_ending is missing (the image files end in ".nii.gz"); nnU-Net stops with "not all required keys are present in dataset.json" (--verify_dataset_integrity) or KeyError: 'file_ending'. Unsafe fix: set file_ending to ".nii.gz", the only image ending on disk`,
    ]);
  });

  test('.NII.GZ on disk: str.endswith is case-sensitive; fix to the spelling on disk', async () => {
    const ds = makeDataset('Dataset001_X', json('".nii.gz"'), cases(['a', 'b'], { fe: '.NII.GZ' }));
    const r = await runOn(ds, [NNU302]);
    expect(r.output).toBe(json('".NII.GZ"'));
    expect(messages(r, 'NNU302')[0]).toBe(
      'file_ending ".nii.gz" matches none of the 2 files in imagesTr/ (the image files end in ".NII.GZ") (str.endswith is case-sensitive: ".nii.gz" does not match ".NII.GZ"; ' +
        'renaming the files to lower case is the portable alternative); nnU-Net finds 0 training cases ("Did not find the expected number of training cases (N). Found 0 instead.", #2436). ' +
        'Unsafe fix: set file_ending to ".NII.GZ", the only image ending on disk',
    );
  });

  test('mixed endings: no fix, the endings are listed with counts', async () => {
    const ds = makeDataset('Dataset001_X', json('".mha"'), { ...cases(['a'], { fe: '.nii.gz' }), ...cases(['b', 'c'], { fe: '.nii' }) });
    const r = await runOn(ds, [NNU302]);
    expect(r.changed).toBe(false);
    expect(r.diagnostics[0]!.fix.applicability).toBe('none');
    expect(messages(r, 'NNU302')[0]).toBe(
      'file_ending ".mha" matches none of the 3 files in imagesTr/; nnU-Net finds 0 training cases ("Did not find the expected number of training cases (N). Found 0 instead.", #2436). ' +
        'The image files have mixed endings: ".nii" (4), ".nii.gz" (2) (imagesTr/ and labelsTr/); nnU-Net uses exactly one. Not fixed automatically: convert the files to one ending, then set file_ending to it',
    );
  });

  test('images .nii.gz, labels .nii: no single ending, no fix', async () => {
    const ds = makeDataset('Dataset001_X', json(undefined), { 'imagesTr/a_0000.nii.gz': NII, 'labelsTr/a.nii': NII });
    const r = await runOn(ds, [NNU302]);
    expect(r.changed).toBe(false);
    expect(messages(r, 'NNU302')[0]).toContain('mixed endings: ".nii" (1), ".nii.gz" (1)');
  });

  test('file_ending works but other image files are ignored: warning, no fix', async () => {
    const ds = makeDataset('Dataset001_X', json('".nii.gz"'), { ...cases(['a', 'b']), 'imagesTr/c_0000.nii': NII, 'labelsTr/c.NII.GZ': NII });
    const r = await runOn(ds, [NNU302]);
    expect(r.diagnostics).toEqual([
      expect.objectContaining({
        severity: 'warning',
        message:
          'file_ending is ".nii.gz", but imagesTr/ also holds files ending in ".nii" (1) and labelsTr/ holds files ending in ".NII.GZ" (1): nnU-Net only sees files ending exactly in ".nii.gz" (case-sensitive) ' +
          'and ignores these without a word. Convert or rename them to ".nii.gz", or move them out of the dataset',
      }),
    ]);
  });

  test('a missing dot, blanks or a glob star are left to NNU205 (safe)', async () => {
    const ds = makeDataset('Dataset001_X', json('"nii.gz"'), cases(['a', 'b']));
    expect((await runOn(ds, [NNU302])).diagnostics).toEqual([]);
    expect((await runOn(ds, [NNU302], { json: json('" .nii.gz"') })).diagnostics).toEqual([]);
    expect((await runOn(ds, [NNU302], { json: json('"*.nii.gz"') })).diagnostics).toEqual([]);
  });

  test('.jpg on disk: no reader in nnU-Net, no fix', async () => {
    const ds = makeDataset('Dataset001_X', json(undefined), cases(['a'], { fe: '.jpg', image: 'x', label: 'x' }));
    const r = await runOn(ds, [NNU302]);
    expect(r.changed).toBe(false);
    expect(messages(r, 'NNU302')[0]).toBe(
      'file_ending is missing; the files end in ".jpg", for which nnU-Net has no reader ("Unable to determine a reader for file ending .jpg"): JPEG is lossy and deliberately unsupported. Convert the images to .png, .nii.gz, .nrrd or .mha, then set file_ending',
    );
  });

  test('a file_ending with no reader (".gz") is replaced by the ending on disk', async () => {
    const ds = makeDataset('Dataset001_X', json('".gz"'), cases(['a', 'b']));
    const r = await runOn(ds, [NNU302]);
    expect(r.output).toBe(json('".nii.gz"'));
    expect(messages(r, 'NNU302')[0]).toMatch(/^file_ending "\.gz" is not an ending nnU-Net has a reader for .*nnU-Net cannot choose an image reader and stops\. Unsafe fix/);
  });

  test('a non-string file_ending is replaced', async () => {
    const ds = makeDataset('Dataset001_X', json('7'), cases(['a'], { fe: '.png', image: PNG_GREY, label: PNG_GREY }));
    const r = await runOn(ds, [NNU302]);
    expect(r.output).toBe(json('".png"'));
    expect(messages(r, 'NNU302')[0]).toMatch(/^file_ending is not a string \(7\) \(the image files end in "\.png"\)/);
  });

  test('negative: matching file_ending, empty imagesTr, dataset key, no folder', async () => {
    expect((await runOn(makeDataset('Dataset001_X', json('".nii.gz"'), cases(['a', 'b'])), [NNU302])).diagnostics).toEqual([]);
    expect((await runOn(makeDataset('Dataset001_X', json('".nii.gz"'), { 'imagesTr/.DS_Store': '', labelsTr: { dir: true } }), [NNU302])).diagnostics).toEqual([]);
    const withKey = datasetJson({ channel_names: { 0: 'CT' }, labels: { background: 0 }, numTraining: 1, file_ending: '.mha', dataset: {} });
    expect((await runOn(makeDataset('Dataset001_X', withKey, cases(['a'])), [NNU302])).diagnostics).toEqual([]);
    expect(fixText(json('".x"'), { rules: [NNU302] }).diagnostics).toEqual([]);
  });
});
