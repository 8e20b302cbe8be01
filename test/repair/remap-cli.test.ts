/**
 * `nnunet-doctor remap` through the built CLI: dry run and --fix, dataset.json updated in
 * the same run (minimal edit) or the run refused before any file is touched, --format
 * json, chosen files, --backup, usage errors and exit codes.
 */
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { CLI, cleanup, runCli, tempDir } from '../helpers/cli.js';
import { cli, unprivileged } from '../safety/helpers.js';
import { writeNifti, writeNrrd } from '../helpers/nifti.js';
import { readBack } from './helpers.js';

let root = '';
beforeEach(() => {
  root = tempDir('nnunet-doctor-remap-cli-');
});
afterEach(() => cleanup(root));

const DIMS = [6, 5, 4];
const brats = (k: number) => Array.from({ length: 120 }, (_, i) => [0, 0, 1, 2, 4][(i + k) % 5]!);

/** A BraTS-like dataset; `et` is the value labels declares for "ET". */
function bratsDataset(name: string, et: number, cases = 3): string {
  const dir = path.join(root, name);
  fs.mkdirSync(path.join(dir, 'labelsTr'), { recursive: true });
  fs.writeFileSync(
    path.join(dir, 'dataset.json'),
    `{\n  "channel_names": {"0": "T1"},\n  "labels": {\n    "background": 0,\n    "NCR": 1,\n    "ED": 2,\n    "ET": ${et}\n  },\n  "numTraining": ${cases},\n  "file_ending": ".nii.gz"\n}\n`,
  );
  for (let c = 0; c < cases; c++) {
    writeNifti(path.join(dir, 'labelsTr', `BraTS_${c}.nii.gz`), { dims: DIMS, datatype: 'uint8', data: brats(c) });
    writeNifti(path.join(dir, 'imagesTr', `BraTS_${c}_0000.nii.gz`), { dims: DIMS, datatype: 'float32', data: [] });
  }
  return dir;
}

function tree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const rel of (fs.readdirSync(dir, { recursive: true }) as string[]).sort()) {
    const p = path.join(dir, rel);
    if (fs.statSync(p).isFile()) out[rel] = createHash('sha256').update(fs.readFileSync(p)).digest('hex');
  }
  return out;
}

const remap = (...args: string[]) => runCli(['remap', ...args], { cwd: root });

describe('dataset.json follows the mapping', () => {
  test('"ET": 4 declared: the dry run shows the labels diff; --fix writes the files, then dataset.json (one token)', () => {
    const dir = bratsDataset('Dataset001_BraTS', 4);
    const jsonBefore = fs.readFileSync(path.join(dir, 'dataset.json'), 'utf8');
    const before = tree(root);
    const dry = remap('--map', '4:3', 'Dataset001_BraTS');
    expect(dry.status).toBe(0);
    expect(dry.stdout).toContain('Dataset001_BraTS/dataset.json: labels: "ET" 4 -> 3 (would change)');
    expect(dry.stdout).toContain('-    "ET": 4\n');
    expect(dry.stdout).toContain('+    "ET": 3\n');
    expect(dry.stdout).toContain('Dry run: 3 files would change (72 voxels) and 1 dataset.json; nothing was written.');
    expect(tree(root)).toEqual(before);

    const fix = remap('--map', '4:3', '--fix', 'Dataset001_BraTS');
    expect(fix.status).toBe(0);
    expect(fix.stdout).toContain('Dataset001_BraTS/dataset.json: labels: "ET" 4 -> 3 (written)');
    expect(fix.stdout).toContain('Changed 3 files (72 voxels) and 1 dataset.json.');
    expect(fs.readFileSync(path.join(dir, 'dataset.json'), 'utf8')).toBe(jsonBefore.replace('"ET": 4', '"ET": 3'));
    for (let c = 0; c < 3; c++)
      expect(Array.from(readBack(path.join(dir, 'labelsTr', `BraTS_${c}.nii.gz`)).samples)).toEqual(brats(c).map((v) => (v === 4 ? 3 : v)));
    const check = runCli(['--labels', 'Dataset001_BraTS'], { cwd: root });
    expect(check.stdout).not.toMatch(/NNU40[12]/);
    // idempotent
    const again = remap('--map', '4:3', '--fix', 'Dataset001_BraTS');
    expect(again.stdout).toContain('Nothing to change.');
    expect(again.stdout).toContain('note: no file holds 4');
  });

  test('a merge without --allow-merge is refused before any file is touched (exit 2)', () => {
    bratsDataset('Dataset002_BraTS', 3);
    const before = tree(root);
    const r = remap('--map', '2:1', '--fix', 'Dataset002_BraTS');
    expect(r.status).toBe(2);
    expect(r.stdout).toContain('refused: dataset.json: the mapping merges "ED" (2) into "NCR" (1)');
    expect(tree(root)).toEqual(before);
  });

  test('a target nobody declares is refused (exit 2), nothing written', () => {
    bratsDataset('Dataset003_BraTS', 3);
    const before = tree(root);
    const r = remap('--map', '4:7', '--fix', 'Dataset003_BraTS');
    expect(r.status).toBe(2);
    expect(r.stdout).toContain('refused: 7 is not declared in labels: declare it first or map to a declared value; nothing written');
    expect(tree(root)).toEqual(before);
  });

  test('chosen files of a dataset: only those; a labels change is refused (the other files would not match)', () => {
    const dir = bratsDataset('Dataset004_BraTS', 3);
    const before = tree(root);
    const one = remap('--map', '4:3', '--fix', 'Dataset004_BraTS/labelsTr/BraTS_1.nii.gz');
    expect(one.status).toBe(0);
    const after = tree(root);
    expect(Object.keys(after).filter((k) => after[k] !== before[k])).toEqual(['Dataset004_BraTS/labelsTr/BraTS_1.nii.gz']);

    fs.writeFileSync(path.join(dir, 'dataset.json'), fs.readFileSync(path.join(dir, 'dataset.json'), 'utf8').replace('"ET": 3', '"ET": 4'));
    const refused = remap('--map', '4:3', '--fix', 'Dataset004_BraTS/labelsTr/BraTS_2.nii.gz');
    expect(refused.status).toBe(2);
    expect(refused.stdout).toContain('only some files of the dataset were named');
  });
  test('a segmentation reached through a symbolic link out of the named dataset is not written (exit 1)', () => {
    const dir = bratsDataset('Dataset010_BraTS', 3, 1);
    const other = bratsDataset('Dataset011_Other', 3, 1);
    const target = path.join(other, 'labelsTr', 'BraTS_0.nii.gz');
    fs.symlinkSync(target, path.join(dir, 'labelsTr', 'BraTS_9.nii.gz'));
    const before = fs.readFileSync(target);
    const r = remap('--map', '4:3', '--fix', 'Dataset010_BraTS');
    expect(r.status).toBe(1);
    expect(r.stdout).toContain(
      `error Dataset010_BraTS/labelsTr/BraTS_9.nii.gz (uint8): 4 -> 3: 24 voxels (3: 0 -> 24; 4: 24 -> 0): not written: its real location ${fs.realpathSync(target)} is outside the folders you named (reached through a symbolic link)`,
    );
    expect(fs.readFileSync(target)).toEqual(before);
    expect(r.stdout).toContain('changed Dataset010_BraTS/labelsTr/BraTS_0.nii.gz');
  });
});

describe('output, options and usage', () => {
  test('--format json carries the per-file mapping, counts before/after and the dataset total', () => {
    bratsDataset('Dataset005_BraTS', 3, 2);
    const r = remap('--map', '4:3', '--format', 'json', 'Dataset005_BraTS');
    expect(r.status).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j).toMatchObject({
      version: 1,
      command: 'remap',
      fix: false,
      map: [{ from: 4, to: 3 }],
      exitCode: 0,
      summary: { changing: 2, voxels: 48, written: 0 },
    });
    const ds = j.datasets[0];
    expect(ds).toMatchObject({ dataset: 'Dataset005_BraTS', refused: null, datasetJson: { action: 'none', message: 'labels need no change' } });
    expect(ds.files[0]).toEqual({
      path: 'Dataset005_BraTS/labelsTr/BraTS_0.nii.gz',
      action: 'change',
      format: 'nifti1',
      datatype: 'uint8',
      changes: [{ from: 4, to: 3, voxels: 24 }],
      before: [
        { value: 0, count: 48 },
        { value: 1, count: 24 },
        { value: 2, count: 24 },
        { value: 4, count: 24 },
      ],
      after: [
        { value: 0, count: 48 },
        { value: 1, count: 24 },
        { value: 2, count: 24 },
        { value: 3, count: 24 },
      ],
      headerChanges: [],
      message: null,
      status: 'would-write',
      backupPath: null,
    });
    expect(ds.total).toEqual([
      { value: 0, before: 96, after: 96 },
      { value: 1, before: 48, after: 48 },
      { value: 2, before: 48, after: 48 },
      { value: 3, before: 0, after: 48 },
      { value: 4, before: 48, after: 0 },
    ]);
  });

  test('--backup keeps each original; files outside any dataset; a negative FROM with --map=', () => {
    const file = path.join(root, 'loose', 'mask.nii.gz');
    const bytes = writeNifti(file, { dims: DIMS, datatype: 'int16', data: Array.from({ length: 120 }, (_, i) => (i % 4 ? 0 : -1)) });
    const r = remap('--map=-1:1', '--fix', '--backup', 'loose/mask.nii.gz');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('(files outside a dataset): --map -1:1 over 1 file');
    expect(r.stdout).toContain(`changed loose/mask.nii.gz (int16): -1 -> 1: 30 voxels (-1: 30 -> 0; 1: 0 -> 30) (backup: ${file}.bak)`);
    expect(fs.readFileSync(`${file}.bak`)).toEqual(bytes);
  });

  test('a format that cannot be rewritten: "not supported", exit 1, nothing written', () => {
    const file = path.join(root, 'loose', 'mask.nrrd');
    writeNrrd(file, { dims: DIMS, datatype: 'uint8', data: [4, 4, 0] });
    const before = fs.readFileSync(file);
    const r = remap('--map', '4:3', '--fix', 'loose/mask.nrrd');
    expect(r.status).toBe(1);
    expect(r.stdout).toContain(
      'not supported loose/mask.nrrd: loose/mask.nrrd (uint8): would map 4 -> 3: 2 voxels, but NRRD uint8 files are not supported for repair (convert to .nii.gz)',
    );
    expect(r.stdout).toContain('1 file cannot be read or rewritten (see above); nothing was written.');
    expect(fs.readFileSync(file)).toEqual(before);
  });

  test.each([
    [['Dataset006'], 'remap needs --map FROM:TO (e.g. --map 4:3)'],
    [['--map', '4-3', 'x'], '--map 4-3: expected FROM:TO, e.g. --map 4:3 (TO a label value: an integer >= 0)'],
    [['--map', '4:3,4:2', 'x'], '--map 4:2: 4 is already mapped to 3'],
    [['--map', '4:3'], 'remap needs the dataset folder(s) or label files to change'],
    [['--map', '4:3', '--format', 'sarif', 'x'], '--format must be text or json, not "sarif"'],
    [['--map', '4:3', '-j', '0', 'x'], '--jobs takes the files processed at once: a whole number from 1 to 1024, not "0"'],
    [['--map', '4:3', '--jobs', '1e1', 'x'], '--jobs takes the files processed at once: a whole number from 1 to 1024, not "1e1"'],
  ])('usage error %j: one line, exit 2', (args, message) => {
    const r = remap(...args);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`nnunet-doctor: ${message}`);
    expect(r.stdout).toBe('');
  });

  test('a missing path, a root of several datasets: exit 2, nothing written', () => {
    bratsDataset('Dataset007_A', 3, 1);
    bratsDataset('Dataset008_B', 3, 1);
    const before = tree(root);
    const r = remap('--map', '4:3', '--fix', '.', 'nowhere');
    expect(r.status).toBe(2);
    expect(r.stdout).toContain('error: nowhere: no such file or folder');
    expect(r.stdout).toContain('error: . holds 2 datasets (Dataset007_A, Dataset008_B); remap applies one mapping: name the dataset folder(s) it is meant for');
    expect(tree(root)).toEqual(before);
  });
});

test('Ctrl-C: stops after the file being written, reports what was written, exit 130', async () => {
  const dir = bratsDataset('Dataset009_BraTS', 3, 5);
  const before = fs.readFileSync(path.join(dir, 'labelsTr', 'BraTS_4.nii.gz'));
  // the child waits on stdin once the 2nd file is renamed; it gets Ctrl-C there, then goes on
  const env = { ...process.env, NO_COLOR: '1', nnUNet_raw: '', NNUNET_DOCTOR_TEST_EVENTS: '1', NNUNET_DOCTOR_TEST_STOP_AT: 'repair-done:2' };
  const child = spawn(process.execPath, [CLI, 'remap', '--map', '4:3', '--fix', '--jobs', '1', 'Dataset009_BraTS'], {
    cwd: root,
    env,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  let sent = false;
  child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
  child.stderr.on('data', (b: Buffer) => {
    stderr += b.toString();
    if (!sent && (stderr.match(/@nnunet-doctor-test repair-done /g) ?? []).length === 2) {
      sent = true;
      child.kill('SIGINT');
      child.stdin.end('\n');
    }
  });
  const status = await new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  expect(status).toBe(130);
  expect(stderr).toContain('nnunet-doctor: interrupted; nothing more was written');
  expect(stdout.match(/^ {2}changed /gm)).toHaveLength(2);
  expect(stdout).toContain('interrupted: the files listed as changed were written; nothing else');
  expect(fs.readFileSync(path.join(dir, 'labelsTr', 'BraTS_4.nii.gz'))).toEqual(before);
});

describe('permissions, run as an unprivileged user', () => {
  const who = unprivileged();
  ('prefix' in who ? test : test.skip)('a folder or a file not writable for the user: one line each, exit 1, the other files written', () => {
    if (!('prefix' in who)) return;
    fs.chmodSync(root, 0o755);
    const dir = bratsDataset('Dataset012_BraTS', 3, 3);
    for (const p of fs.readdirSync(dir, { recursive: true }) as string[]) fs.chownSync(path.join(dir, p), who.uid, who.gid);
    fs.chownSync(dir, who.uid, who.gid);
    // BraTS_1 belongs to root (0644): readable, not writable for the user
    fs.chownSync(path.join(dir, 'labelsTr', 'BraTS_1.nii.gz'), 0, 0);
    const before = fs.readFileSync(path.join(dir, 'labelsTr', 'BraTS_1.nii.gz'));
    const r = cli(['remap', '--map', '4:3', '--fix', 'Dataset012_BraTS'], { cwd: root, asUser: who.prefix });
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(
      /^ {2}error Dataset012_BraTS\/labelsTr\/BraTS_1\.nii\.gz \(uint8\): .*: not written: the file is not writable for you \(permission denied \(EACCES\)\); nothing was changed$/m,
    );
    expect(r.stdout.match(/^ {2}changed /gm)).toHaveLength(2);
    expect(fs.readFileSync(path.join(dir, 'labelsTr', 'BraTS_1.nii.gz'))).toEqual(before);

    // a labelsTr the user cannot write to (root's, 0755)
    fs.chownSync(path.join(dir, 'labelsTr'), 0, 0);
    fs.chownSync(path.join(dir, 'labelsTr', 'BraTS_1.nii.gz'), who.uid, who.gid);
    const r2 = cli(['remap', '--map', '4:3', '--fix', 'Dataset012_BraTS'], { cwd: root, asUser: who.prefix });
    expect(r2.status).toBe(1);
    expect(r2.stdout).toMatch(
      /^ {2}error Dataset012_BraTS\/labelsTr\/BraTS_1\.nii\.gz \(uint8\): .*: not written: the folder .*labelsTr is not writable for you \(permission denied \(EACCES\)\); nothing was changed$/m,
    );
    expect(fs.readFileSync(path.join(dir, 'labelsTr', 'BraTS_1.nii.gz'))).toEqual(before);
  });
});
