/**
 * `--labels` end to end: real NIfTI segmentations in a temp dataset, scanned by the built
 * CLI (worker pool), reported as NNU401-NNU404 with the exact counts, fixed with
 * --unsafe-fixes where declaring keeps the labels consecutive.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import fs from 'node:fs';
import path from 'node:path';
import { cleanup, runCli, tempDir, writeTree } from '../helpers/cli.js';
import { writeNifti } from '../helpers/nifti.js';

let dir: string;
beforeAll(() => {
  dir = tempDir();
});
afterAll(() => cleanup(dir));

const json = (labels: string) =>
  `{\n    "channel_names": {\n        "0": "CT"\n    },\n    "labels": ${labels},\n    "numTraining": 3,\n    "file_ending": ".nii.gz"\n}\n`;

function dataset(name: string, labels: string, segs: number[][], opts: { imageDims?: number[]; segDims?: number[] } = {}): string {
  const d = path.join(dir, name);
  writeTree(d, { 'dataset.json': json(labels) });
  fs.mkdirSync(path.join(d, 'imagesTr'), { recursive: true });
  fs.mkdirSync(path.join(d, 'labelsTr'), { recursive: true });
  segs.forEach((data, i) => {
    const kase = `case_${String(i).padStart(3, '0')}`;
    writeNifti(path.join(d, 'imagesTr', `${kase}_0000.nii.gz`), { dims: opts.imageDims ?? [4, 4, 2], datatype: 'int16', data: [] });
    writeNifti(path.join(d, 'labelsTr', `${kase}.nii.gz`), { dims: opts.segDims ?? [4, 4, 2], datatype: 'uint8', data });
  });
  return d;
}

describe('--labels', () => {
  test('0/255 masks of a one-class dataset: NNU401 plans the repair 255 -> 1 (unsafe)', () => {
    const d = dataset('Dataset001_Mask', '{"background": 0, "lesion": 1}', [[0, 255, 255], [255], [0]]);
    const r = runCli(['--labels', '--no-folder-checks', '--format', 'json', d]);
    expect(r.status).toBe(1);
    const f = JSON.parse(r.stdout).files[0];
    const d401 = f.diagnostics.filter((x: { code: string }) => x.code === 'NNU401');
    expect(d401).toHaveLength(1);
    expect(d401[0].message).toContain('value 255 occurs in 2 files of labelsTr (case_000.nii.gz, case_001.nii.gz)');
    expect(d401[0].help).toContain('binary masks saved as 0/255 while labels declares their one class as 1');
    expect(d401[0].fix).toMatchObject({ applicability: 'unsafe', available: false, applied: false, title: 'map 255 -> 1 in 2 segmentation files' });
    // the label table is always in json: value -> voxels, files
    expect(f.labelTable).toEqual([
      { value: 0, voxels: 32 * 3 - 3, files: 3 },
      { value: 255, voxels: 3, files: 2 },
    ]);
    // lesion (1) occurs nowhere
    expect(f.diagnostics.find((x: { code: string }) => x.code === 'NNU403').message).toContain('"lesion" (1) occurs in none of the 3 segmentations');
  });

  test('a forgotten class: unsafe fix declares it, consecutive', () => {
    const d = dataset('Dataset002_Forgot', '{\n        "background": 0,\n        "liver": 1\n    }', [[0, 1, 2], [1], [2]]);
    const dry = runCli(['--labels', '--no-folder-checks', '--format', 'json', d]);
    const d401 = JSON.parse(dry.stdout).files[0].diagnostics.filter((x: { code: string }) => x.code === 'NNU401');
    expect(d401).toHaveLength(1);
    expect(d401[0].message).toMatch(/^value 2 occurs in 2 files of labelsTr \(case_000\.nii\.gz, case_002\.nii\.gz\) but labels does not declare it/);
    expect(d401[0].fix.applicability).toBe('unsafe');
    const fixed = runCli(['--labels', '--no-folder-checks', '--fix', '--unsafe-fixes', d]);
    expect(fixed.stderr).toBe('');
    expect(fs.readFileSync(path.join(d, 'dataset.json'), 'utf8')).toBe(json('{\n        "background": 0,\n        "liver": 1,\n        "label_2": 2\n    }'));
  });

  test('BraTS label 4 not remapped: gap, no fix', () => {
    const d = dataset('Dataset003_Brats', '{"background": 0, "edema": 1, "necrosis": 2, "enhancing": 3}', [
      [0, 1, 2, 4],
      [4, 1, 2],
      [1, 2, 4],
    ]);
    const r = runCli(['--labels', '--no-folder-checks', '--format', 'json', d]);
    const diags = JSON.parse(r.stdout).files[0].diagnostics as { code: string; message: string; help?: string; fix: { applicability: string } }[];
    const d401 = diags.find((x) => x.code === 'NNU401')!;
    expect(d401.message).toContain('value 4 occurs in 3 files');
    expect(d401.help).toContain('remap the segmentations');
    expect(d401.fix.applicability).toBe('none');
    expect(diags.find((x) => x.code === 'NNU403')!.message).toMatch(/^label "enhancing" \(3\) occurs in none/);
  });

  test('shape mismatch from headers (NNU404) and a corrupt file (scan goes on)', () => {
    const d = dataset('Dataset004_Geo', '{"background": 0, "a": 1}', [[1], [1], [1]], { imageDims: [4, 4, 3] });
    fs.writeFileSync(path.join(d, 'labelsTr', 'case_003.nii.gz'), Buffer.from([0x1f, 0x8b, 8, 0, 0, 0]));
    const r = runCli(['--labels', '--no-folder-checks', '--format', 'json', d]);
    const f = JSON.parse(r.stdout).files[0];
    const geo = f.diagnostics.find((x: { code: string }) => x.code === 'NNU404');
    expect(geo.message).toContain('3 cases whose segmentation does not match the image (case_000: image 4x4x3 vs segmentation 4x4x2');
    const corrupt = f.diagnostics.find((x: { message: string }) => x.message.includes('case_003.nii.gz could not be read'));
    expect(corrupt.severity).toBe('error');
    // the table counts the files it covers, and says how many were not scanned
    expect(f).toMatchObject({ labelFilesScanned: 3, labelFilesNotScanned: 1 });
  });

  test('without --labels the summary says how to turn it on, and nothing is read', () => {
    const d = dataset('Dataset005_Hint', '{"background": 0, "a": 1}', [[1]]);
    const r = runCli([d]);
    expect(r.stdout).toContain('add --labels to read every segmentation');
    // with --no-folder-checks the folder is not looked at, so there is nothing to hint at
    expect(runCli(['--no-folder-checks', d]).stdout).not.toContain('--labels');
  });
});
