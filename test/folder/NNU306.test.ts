import { describe, expect, test } from '@jest/globals';
import NNU306 from '../../transforms/NNU306-dataset-folder-name.js';
import { cases, datasetJson, makeDataset, messages, NII, runOn, v2 } from './helpers.js';

const json = datasetJson(v2(1));

describe('NNU306 dataset-folder-name', () => {
  test('Task01_X (MSD): convert with nnUNetv2_convert_MSD_dataset', async () => {
    const ds = makeDataset('Task01_BrainTumour', json, { 'imagesTr/BRATS_001.nii.gz': NII, 'labelsTr/BRATS_001.nii.gz': NII });
    const r = await runOn(ds, [NNU306]);
    expect(r.diagnostics).toEqual([
      expect.objectContaining({
        code: 'NNU306',
        severity: 'warning',
        line: 1,
        column: 1,
        fix: { applicability: 'none', applied: false },
        message: `the dataset folder "Task01_BrainTumour" is a Medical Segmentation Decathlon "Task" folder; nnU-Net v2 only finds Dataset###_Name folders ("Could not find a dataset with the ID ...", #2710). Convert it: nnUNetv2_convert_MSD_dataset -i "${ds.dir}"`,
      }),
    ]);
  });

  test('Task001_X (nnU-Net v1, files with _0000): nnUNetv2_convert_old_nnUNet_dataset', async () => {
    const ds = makeDataset('Task001_Liver', json, cases(['a']));
    expect(messages(await runOn(ds, [NNU306]), 'NNU306')).toEqual([
      `the dataset folder "Task001_Liver" is an nnU-Net v1 "Task" folder; nnU-Net v2 only finds Dataset###_Name folders ("Could not find a dataset with the ID ...", #2710). Convert it: nnUNetv2_convert_old_nnUNet_dataset "${ds.dir}" Dataset001_Liver`,
    ]);
  });

  test.each([
    ['Dataset_001', 'the dataset folder "Dataset_001" is not named Dataset###_Name; nnU-Net v2 never finds it ("Could not find a dataset with the ID ...", #2527). Rename the folder to Dataset001_Name'],
    ['dataset002_liver', 'the dataset folder "dataset002_liver" is not named Dataset###_Name; nnU-Net v2 never finds it ("Could not find a dataset with the ID ...", #2527). Rename the folder to Dataset002_liver'],
    ['MyLiverData', 'the dataset folder "MyLiverData" is not named Dataset###_Name; nnU-Net v2 never finds it ("Could not find a dataset with the ID ...", #2527). Rename the folder to Dataset###_Name with a free 3-digit id'],
    ['Dataset1234_X', 'the dataset folder "Dataset1234_X" has a 4-digit id; nnU-Net reads ids as 3 digits (int(name[7:10]) = 123), so "Dataset1234_X" is taken for dataset 123. Use an id from 1 to 999: rename the folder to Dataset###_Name with a free 3-digit id'],
    ['Dataset007', 'the dataset folder "Dataset007" has no _Name part; nnU-Net documents Dataset###_Name and matches folders by prefix, so this only works by accident. Rename the folder to Dataset007_Name'],
  ])('%s', async (name, message) => {
    expect(messages(await runOn(makeDataset(name, json, cases(['a'])), [NNU306]), 'NNU306')).toEqual([message]);
  });

  test('duplicate ids across nnUNet_raw and nnUNet_preprocessed (prefix match)', async () => {
    const ds = makeDataset('Dataset001_Liver', json, cases(['a']), {
      'nnUNet_raw/Dataset001_LiverOld/dataset.json': '{}',
      'nnUNet_raw/Dataset0011_Other/dataset.json': '{}',
      'nnUNet_raw/Dataset002_Kidney/dataset.json': '{}',
      'nnUNet_preprocessed/Dataset001_Liver/dataset.json': json,
      'nnUNet_preprocessed/Dataset001_Renamed/nnUNetPlans.json': '{}',
    });
    expect(messages(await runOn(ds, [NNU306]), 'NNU306')).toEqual([
      `dataset id 1 is also used by Dataset0011_Other (nnUNet_raw), Dataset001_LiverOld (nnUNet_raw), Dataset001_Renamed (preprocessed: ${ds.root}/nnUNet_preprocessed); ` +
        'nnU-Net matches the prefix "Dataset001" in nnUNet_raw, nnUNet_preprocessed and nnUNet_results and stops with "More than one dataset name found for dataset id 1. Please correct that.". ' +
        'Give each dataset its own id (rename the folder), or delete the stale preprocessed/results folder',
    ]);
  });

  test('negative: Dataset001_X alone, its own preprocessed folder', async () => {
    const ds = makeDataset('Dataset001_X', json, cases(['a']), { 'nnUNet_preprocessed/Dataset001_X/dataset.json': json, 'nnUNet_raw/Dataset002_Y/x': '' });
    expect((await runOn(ds, [NNU306])).diagnostics).toEqual([]);
  });
});
