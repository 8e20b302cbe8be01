/**
 * `--labels` on hostile datasets, end to end with the built CLI, as root and as an
 * unprivileged user: FIFOs in labelsTr and imagesTr and as an NRRD data file, a data file
 * that is /dev/zero, an unreadable segmentation. Nothing hangs (a hang fails the run's
 * timeout); each bad file gets one line; files that were not scanned are counted and make
 * the run fail. Also: many datasets in one run leave no listener warning.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { CLI, ROOT, writeTree } from '../helpers/cli.js';
import { writeNifti, writeNrrd, writePng } from '../helpers/nifti.js';
import { rmrf, tempDir, unprivileged } from '../safety/helpers.js';

let dir: string;
const json = (ending: string, n: number) =>
  `{"channel_names": {"0": "CT"}, "labels": {"background": 0, "a": 1}, "numTraining": ${n}, "file_ending": "${ending}"}`;
const mkfifo = (p: string): void => void execFileSync('mkfifo', [p]);
const nrrdDetached = (sizes: string, dataFile: string) => `NRRD0004\ntype: uchar\ndimension: 3\nsizes: ${sizes}\nencoding: raw\ndata file: ${dataFile}\n\n`;

beforeAll(() => {
  dir = tempDir('labels-hostile');
  fs.chmodSync(dir, 0o755); // the unprivileged user must reach it
  // NIfTI: a FIFO label, a FIFO image, an unreadable label (mode 000: root still reads it)
  const a = path.join(dir, 'Dataset001_Fifo');
  writeTree(a, { 'dataset.json': json('.nii.gz', 3) });
  fs.mkdirSync(path.join(a, 'labelsTr'));
  fs.mkdirSync(path.join(a, 'imagesTr'));
  mkfifo(path.join(a, 'labelsTr', 'case_000.nii.gz'));
  writeNifti(path.join(a, 'labelsTr', 'case_001.nii.gz'), { dims: [4, 4, 2], datatype: 'uint8', data: [1] });
  writeNifti(path.join(a, 'labelsTr', 'case_002.nii.gz'), { dims: [4, 4, 2], datatype: 'uint8', data: [1, 1] });
  fs.chmodSync(path.join(a, 'labelsTr', 'case_002.nii.gz'), 0o000);
  mkfifo(path.join(a, 'imagesTr', 'case_001_0000.nii.gz'));
  writeNifti(path.join(a, 'imagesTr', 'case_002_0000.nii.gz'), { dims: [4, 4, 2], datatype: 'int16', data: [] });
  // NRRD: /dev/zero as data file, a FIFO as data file, one good detached file
  const b = path.join(dir, 'Dataset002_Nrrd');
  writeTree(b, {
    'dataset.json': json('.nrrd', 3),
    'labelsTr/case_000.nrrd': nrrdDetached('65535 65535 65535', '/dev/zero'),
    'labelsTr/case_001.nrrd': nrrdDetached('2 2 2', 'fifo.raw'),
  });
  mkfifo(path.join(b, 'labelsTr', 'fifo.raw'));
  writeNrrd(path.join(b, 'labelsTr', 'case_002.nrrd'), { dims: [2, 2, 2], datatype: 'uint8', data: [1], detached: true });
  fs.renameSync(path.join(b, 'labelsTr', 'case_002.raw'), path.join(b, 'labelsTr', 'data002.raw'));
  fs.writeFileSync(
    path.join(b, 'labelsTr', 'case_002.nrrd'),
    fs.readFileSync(path.join(b, 'labelsTr', 'case_002.nrrd'), 'latin1').replace('case_002.raw', 'data002.raw'),
    'latin1',
  );
});
afterAll(() => rmrf(dir));

/** Runs the CLI; a hang is killed and fails the test (status null). */
function run(args: string[], asUser: string[] = []) {
  const cmd = [...asUser, process.execPath, CLI, ...args];
  const r = spawnSync(cmd[0]!, cmd.slice(1), {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 120_000,
    killSignal: 'SIGKILL',
    env: { ...process.env, NO_COLOR: '1', nnUNet_raw: '' },
  });
  return { status: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

type JsonDiag = { code: string; severity: string; message: string };
type JsonFile = { path: string; diagnostics: JsonDiag[]; labelFilesScanned?: number; labelFilesNotScanned?: number; labelTable?: unknown[] };

function check(asUser: string[] | undefined, unprivilegedRun: boolean): void {
  const r = run(['--labels', '--format', 'json', path.join(dir, 'Dataset001_Fifo'), path.join(dir, 'Dataset002_Nrrd')], asUser);
  expect({ status: r.status, signal: r.signal, stderr: r.stderr }).toEqual({ status: 1, signal: null, stderr: '' });
  const files = JSON.parse(r.stdout).files as JsonFile[];
  const lines = (f: JsonFile) => f.diagnostics.filter((d) => d.code === 'NNU401').map((d) => `${d.severity}: ${d.message}`);
  const [fifo, nrrd] = files;
  expect(lines(fifo!)).toEqual([
    'error: labelsTr/case_000.nii.gz could not be read, its values were not checked: a FIFO (named pipe), not a regular file: not opened',
    ...(unprivilegedRun
      ? [expect.stringMatching(/^error: labelsTr\/case_002\.nii\.gz could not be read, its values were not checked: EACCES: permission denied/)]
      : []),
  ]);
  expect(fifo).toMatchObject({ labelFilesScanned: unprivilegedRun ? 1 : 2, labelFilesNotScanned: unprivilegedRun ? 2 : 1 });
  // the FIFO image of a scanned case: its geometry could not be checked, one line
  expect(fifo!.diagnostics.filter((d) => d.code === 'NNU404').map((d) => `${d.severity}: ${d.message}`)).toEqual([
    'error: imagesTr/case_001_0000.nii.gz could not be read, so case_001 was not checked against its segmentation: a FIFO (named pipe), not a regular file: not opened',
  ]);
  expect(lines(nrrd!)).toEqual([
    'warning: labelsTr/case_000.nrrd not checked: its data file "/dev/zero" is an absolute path outside the dataset folder; not read (nnU-Net may still read it, but its values are unknown to this check)',
    'error: labelsTr/case_001.nrrd could not be read, its values were not checked: a FIFO (named pipe), not a regular file: not opened',
  ]);
  expect(nrrd).toMatchObject({
    labelFilesScanned: 1,
    labelFilesNotScanned: 2,
    labelTable: [
      { value: 0, voxels: 7, files: 1 },
      { value: 1, voxels: 1, files: 1 },
    ],
  });
}

describe('FIFOs, /dev/zero and unreadable files: one line each, no hang', () => {
  test('as root (or the current user)', () => check(undefined, process.getuid?.() !== 0));

  const who = unprivileged();
  (process.getuid?.() === 0 && 'prefix' in who ? test : test.skip)('as an unprivileged user (uid 65534)', () => {
    if ('prefix' in who) check(who.prefix, true);
  });
});

describe('files that were not scanned are never "no problem"', () => {
  test('a .tif label (not checked: warning) and a corrupt PNG (error): exit 1, counted, with -q too', () => {
    const d = path.join(dir, 'Dataset003_Png');
    writeTree(d, { 'dataset.json': json('.png', 3), 'labelsTr/case_001.png': 'not a png', 'labelsTr/case_002.tif': 'II*\0' });
    writePng(path.join(d, 'labelsTr', 'case_000.png'), { width: 4, height: 4, data: [1] });
    const quiet = run(['--labels', '-q', '--no-folder-checks', d]);
    expect(quiet.status).toBe(1);
    const r = run(['--labels', '--no-folder-checks', '--format', 'json', d]);
    const f = (JSON.parse(r.stdout).files as JsonFile[])[0]!;
    // file_ending .png selects the PNGs; the .tif is not a label file for this dataset
    expect(f.diagnostics.filter((x) => x.code === 'NNU401').map((x) => `${x.severity}: ${x.message}`)).toEqual([
      'error: labelsTr/case_001.png could not be read, its values were not checked: not a PNG file: bad signature',
    ]);
    expect(f).toMatchObject({ labelFilesScanned: 1, labelFilesNotScanned: 1 });
    // without a usable file_ending every image file is a label file: the .tif is "not checked"
    fs.writeFileSync(path.join(d, 'dataset.json'), json('.xyz', 3));
    const all = run(['--labels', '--no-folder-checks', '--format', 'json', d]);
    const g = (JSON.parse(all.stdout).files as JsonFile[])[0]!;
    expect(g.diagnostics.filter((x) => x.code === 'NNU401').map((x) => `${x.severity}: ${x.message.replace(/ \(supported: [^)]*\)/, '')}`)).toEqual([
      'error: labelsTr/case_001.png could not be read, its values were not checked: not a PNG file: bad signature',
      'warning: labelsTr/case_002.tif not checked: cannot read ".tif" files (nnU-Net may still read it, but its values are unknown to this check)',
    ]);
    expect(g).toMatchObject({ labelFilesScanned: 1, labelFilesNotScanned: 2 });
  });

  test('an RGB PNG segmentation is an error (nnU-Net reads one value per pixel)', () => {
    const d = path.join(dir, 'Dataset004_Rgb');
    writeTree(d, { 'dataset.json': json('.png', 1) });
    writePng(path.join(d, 'labelsTr', 'case_000.png'), { width: 2, height: 2, channels: 3, data: [0, 0, 0, 1, 1, 1] });
    const r = run(['--labels', '--no-folder-checks', '--format', 'json', d]);
    expect(r.status).toBe(1);
    const f = (JSON.parse(r.stdout).files as JsonFile[])[0]!;
    expect(f.diagnostics.filter((x) => x.code === 'NNU401').map((x) => `${x.severity}: ${x.message}`)).toEqual([
      'error: labelsTr/case_000.png is not a single-channel label map (RGB PNG: every colour sample was counted; label maps should be single-channel greyscale): nnU-Net reads one class value per voxel; save it as single-channel uint8',
    ]);
  });
});

test('12 datasets in one --labels run: no MaxListenersExceededWarning', () => {
  const root = path.join(dir, 'many');
  for (let i = 1; i <= 12; i++) {
    const d = path.join(root, `Dataset${String(100 + i)}_M`);
    writeTree(d, { 'dataset.json': json('.nii.gz', 1) });
    writeNifti(path.join(d, 'labelsTr', 'case_000.nii.gz'), { dims: [2, 2, 2], datatype: 'uint8', data: [1] });
    writeNifti(path.join(d, 'imagesTr', 'case_000_0000.nii.gz'), { dims: [2, 2, 2], datatype: 'int16', data: [] });
  }
  const r = run(['--labels', root]);
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  expect(r.stdout).toMatch(/Checked 12 files/);
});
