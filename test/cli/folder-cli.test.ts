/**
 * Folder checks through the CLI: NNU3xx on the example datasets, --no-folder-checks, and
 * NNU307: the preprocessed copy gets the same repair as the raw file under --fix.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import fs from 'node:fs';
import path from 'node:path';
import { EXAMPLES, cleanup, runCli, tempDir, writeTree } from '../helpers/cli.js';
import { writeNifti } from '../helpers/nifti.js';

let dir: string;
beforeAll(() => {
  dir = tempDir();
});
afterAll(() => cleanup(dir));

describe('folder checks', () => {
  test('Dataset008_Spleen: hidden files, a case without _0000, a case without a label', () => {
    const r = runCli(['--format', 'json', path.join(EXAMPLES, 'Dataset008_Spleen')]);
    const codes = JSON.parse(r.stdout).files[0].diagnostics.map((d: { code: string }) => d.code);
    expect(codes).toEqual(expect.arrayContaining(['NNU301', 'NNU303', 'NNU304']));
    expect(r.status).toBe(1);
  });
  test('--no-folder-checks reports nothing about the folder', () => {
    const r = runCli(['--no-folder-checks', path.join(EXAMPLES, 'Dataset008_Spleen')]);
    expect(r.stdout).not.toMatch(/NNU3\d\d/);
    expect(r.status).toBe(0);
  });
  test('Task05_Prostate: 4D MSD images say to run nnUNetv2_convert_MSD_dataset', () => {
    const r = runCli([path.join(EXAMPLES, 'Task05_Prostate')]);
    expect(r.stdout).toMatch(/: NNU305 imagesTr\/prostate_00\.nii\.gz is a 4D image[^\n]*\n(?: {2}[^\n]*\n)*? {2}help: [^\n]*nnUNetv2_convert_MSD_dataset/);
    expect(r.stdout).toMatch(/: NNU306 the dataset folder "Task05_Prostate"/);
  });
});

describe('NNU307 preprocessed copy', () => {
  const inverted =
    '{\n    "channel_names": {\n        "0": "CT"\n    },\n    "labels": {\n        "0": "background",\n        "1": "liver"\n    },\n    "numTraining": 1,\n    "file_ending": ".nii.gz"\n}';
  const fixed =
    '{\n    "channel_names": {\n        "0": "CT"\n    },\n    "labels": {\n        "background": 0,\n        "liver": 1\n    },\n    "numTraining": 1,\n    "file_ending": ".nii.gz"\n}';
  function tree(name: string): { raw: string; pre: string; copy: string } {
    const root = path.join(dir, name);
    writeTree(root, { 'nnUNet_raw/Dataset001_Liver/dataset.json': inverted, 'nnUNet_preprocessed/Dataset001_Liver/dataset.json': inverted });
    writeNifti(path.join(root, 'nnUNet_raw/Dataset001_Liver/imagesTr/liver_000_0000.nii.gz'), { dims: [4, 4, 2], datatype: 'int16', data: [] });
    writeNifti(path.join(root, 'nnUNet_raw/Dataset001_Liver/labelsTr/liver_000.nii.gz'), { dims: [4, 4, 2], datatype: 'uint8', data: [1] });
    return {
      raw: path.join(root, 'nnUNet_raw'),
      pre: path.join(root, 'nnUNet_preprocessed'),
      copy: path.join(root, 'nnUNet_preprocessed/Dataset001_Liver/dataset.json'),
    };
  }
  test('dry run shows the diff of the copy and writes nothing', () => {
    const t = tree('dry');
    const r = runCli([t.raw, t.pre], { env: { nnUNet_preprocessed: undefined } });
    expect(r.stdout).toContain('nnUNet_preprocessed/Dataset001_Liver/dataset.json\n+++ b/');
    expect(fs.readFileSync(t.copy, 'utf8')).toBe(inverted);
  });
  test('a copy outside the named folders is reported, and --fix leaves it alone', () => {
    const t = tree('outside');
    const dry = runCli([t.raw], { env: { nnUNet_preprocessed: undefined } });
    expect(dry.stdout).toContain(`${t.copy}: error: preprocessed copy --fix will not write it: it is outside the folders you named (name ${t.pre} too`);
    const r = runCli(['--fix', t.raw], { env: { nnUNet_preprocessed: undefined } });
    expect(fs.readFileSync(path.join(t.raw, 'Dataset001_Liver/dataset.json'), 'utf8')).toBe(fixed);
    expect(fs.readFileSync(t.copy, 'utf8')).toBe(inverted);
    expect(r.status).toBe(1);
  });
  test('--fix repairs the raw file and its preprocessed copy; a second run is clean', () => {
    const t = tree('fix');
    const r = runCli(['--fix', t.raw, t.pre]);
    expect(r.stderr).toBe('');
    expect(fs.readFileSync(path.join(t.raw, 'Dataset001_Liver/dataset.json'), 'utf8')).toBe(fixed);
    expect(fs.readFileSync(t.copy, 'utf8')).toBe(fixed);
    expect(r.status).toBe(0);
    const again = runCli(['--diff', t.raw, t.pre]);
    expect(again.stdout).toBe('');
  });
  test('--ignore NNU307 leaves the copy alone, even when its folder is named', () => {
    const t = tree('ignored');
    runCli(['--fix', '--ignore', 'NNU307', t.raw, t.pre]);
    expect(fs.readFileSync(path.join(t.raw, 'Dataset001_Liver/dataset.json'), 'utf8')).toBe(fixed);
    expect(fs.readFileSync(t.copy, 'utf8')).toBe(inverted);
  });
  test('a copy left stale by an earlier fix is reported', () => {
    const t = tree('stale');
    fs.writeFileSync(path.join(t.raw, 'Dataset001_Liver/dataset.json'), fixed);
    const r = runCli([t.raw]);
    expect(r.stdout).toMatch(/NNU307/);
    expect(r.status).toBe(1);
  });
});
