/** NNU306 dataset-folder-name: tables on synthetic folder facts (the rule tester), then one real tree. */
import { describe, expect, test } from '@jest/globals';
import NNU306 from '../../transforms/NNU306-dataset-folder-name.js';
import { caseFiles, folderFacts, RAW, ruleTester } from '../rule-tester.js';
import { cases, datasetJson, makeDataset, runOn, v2 } from './helpers.js';

const json = `${datasetJson(v2(1))}\n`;
const a = caseFiles(['a']);
const NOT_FOUND = (issue: string) => `("Could not find a dataset with the ID ...", #${issue})`;

ruleTester(NNU306, {
  valid: [
    {
      name: 'Dataset001_X alone, its own preprocessed folder',
      text: json,
      folder: folderFacts({
        ...a,
        idRoots: [
          { kind: 'raw', path: RAW, names: ['Dataset001_X', 'Dataset002_Y'] },
          { kind: 'preprocessed', path: '/data/nnUNet_preprocessed', names: ['Dataset001_X'] },
        ],
      }),
    },
    { name: 'no folder facts', text: json },
  ],
  invalid: [
    {
      name: 'Task01_X (MSD): convert with nnUNetv2_convert_MSD_dataset',
      text: json,
      folder: folderFacts({ name: 'Task01_BrainTumour', images: ['BRATS_001.nii.gz'], labels: ['BRATS_001.nii.gz'] }),
      fix: 'none',
      count: 1,
      severity: 'warning',
      message: 'the dataset folder "Task01_BrainTumour" is a Medical Segmentation Decathlon "Task" folder',
      nnunet: `v2 only finds Dataset###_Name folders ${NOT_FOUND('2710')}`,
      help: 'convert it: nnUNetv2_convert_MSD_dataset -i "nnUNet_raw/Task01_BrainTumour"',
    },
    {
      name: 'Task001_X (nnU-Net v1, files with _0000): nnUNetv2_convert_old_nnUNet_dataset',
      text: json,
      folder: folderFacts({ name: 'Task001_Liver', ...a }),
      fix: 'none',
      message: 'the dataset folder "Task001_Liver" is an nnU-Net v1 "Task" folder',
      help: 'convert it: nnUNetv2_convert_old_nnUNet_dataset "nnUNet_raw/Task001_Liver" Dataset001_Liver',
    },
    ...[
      ['Dataset_001', 'rename the folder to Dataset001_Name'],
      ['dataset002_liver', 'rename the folder to Dataset002_liver'],
      ['MyLiverData', 'rename the folder to Dataset###_Name with a free 3-digit id'],
    ].map(([name, help]) => ({
      name: name!,
      text: json,
      folder: folderFacts({ name, ...a }),
      fix: 'none' as const,
      message: `the dataset folder "${name}" is not named Dataset###_Name`,
      nnunet: `v2 never finds it ${NOT_FOUND('2527')}`,
      help: help!,
    })),
    {
      name: 'Dataset1234_X: a 4-digit id',
      text: json,
      folder: folderFacts({ name: 'Dataset1234_X', ...a }),
      fix: 'none',
      message: 'the dataset folder "Dataset1234_X" has a 4-digit id',
      nnunet: 'reads ids as 3 digits (int(name[7:10]) = 123), so "Dataset1234_X" is taken for dataset 123',
      help: 'use an id from 1 to 999: rename the folder to Dataset###_Name with a free 3-digit id',
    },
    {
      name: 'Dataset007: no _Name part',
      text: json,
      folder: folderFacts({ name: 'Dataset007', ...a }),
      fix: 'none',
      message: 'the dataset folder "Dataset007" has no _Name part',
      nnunet: 'documents Dataset###_Name and matches folders by prefix, so this only works by accident',
      help: 'rename the folder to Dataset007_Name',
    },
    {
      name: 'duplicate ids across nnUNet_raw and nnUNet_preprocessed (prefix match)',
      text: json,
      folder: folderFacts({
        name: 'Dataset001_Liver',
        ...a,
        idRoots: [
          { kind: 'raw', path: RAW, names: ['Dataset0011_Other', 'Dataset001_Liver', 'Dataset001_LiverOld', 'Dataset002_Kidney'] },
          { kind: 'preprocessed', path: '/data/nnUNet_preprocessed', names: ['Dataset001_Liver', 'Dataset001_Renamed'] },
        ],
      }),
      fix: 'none',
      message: 'dataset id 1 is also used by Dataset0011_Other, Dataset001_LiverOld and 1 more',
      nnunet:
        'matches the prefix "Dataset001" in nnUNet_raw, nnUNet_preprocessed and nnUNet_results and stops with "More than one dataset name found for dataset id 1. Please correct that."',
      help: 'Dataset0011_Other (nnUNet_raw), Dataset001_LiverOld (nnUNet_raw), Dataset001_Renamed (preprocessed: /data/nnUNet_preprocessed): give each dataset its own id (rename the folder), or delete the stale preprocessed/results folder',
    },
  ],
});

describe('NNU306 on a real tree', () => {
  test('duplicate ids found by the collector across nnUNet_raw and nnUNet_preprocessed', async () => {
    const ds = makeDataset('Dataset001_Liver', json, cases(['a']), {
      'nnUNet_raw/Dataset001_LiverOld/dataset.json': '{}',
      'nnUNet_preprocessed/Dataset001_Liver/dataset.json': json,
      'nnUNet_preprocessed/Dataset001_Renamed/nnUNetPlans.json': '{}',
    });
    const r = await runOn(ds, [NNU306]);
    expect(r.diagnostics.map((d) => [d.line, d.column, d.message])).toEqual([[1, 1, 'dataset id 1 is also used by Dataset001_LiverOld, Dataset001_Renamed']]);
    expect(r.diagnostics[0]!.help).toContain(`Dataset001_Renamed (preprocessed: ${ds.root}/nnUNet_preprocessed)`);
  });
});
