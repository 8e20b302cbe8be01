/**
 * A run of ours killed after its rename leaves the file fixed and its lock behind. The next
 * `--fix` has nothing to write there, and must still remove that leftover (and a stale temp
 * file of ours): "the next run cleans up". Only with --fix, only inside the named paths, and
 * next to a preprocessed copy that is in sync too. Another program's files stay.
 */
import { afterAll, describe, expect, test } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { HOST_TAG } from '../../src/lock.js';
import { runCli } from '../helpers/cli.js';
import { cli, requireBuiltCli, rmrf, tempDir, write } from './helpers.js';

requireBuiltCli();
const dir = tempDir('leftovers');
afterAll(() => rmrf(dir));

const CLEAN =
  '{\n    "channel_names": {\n        "0": "CT"\n    },\n    "labels": {\n        "background": 0,\n        "liver": 1\n    },\n    "numTraining": 1,\n    "file_ending": ".nii.gz"\n}\n';

/** The pid of a process that has exited (and been reaped). */
function deadPid(): number {
  return Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout);
}

/** A fixed dataset.json with what a killed run of ours leaves beside it, and a file of another program. */
function plant(folder: string): { ours: string[]; theirs: string } {
  const pid = deadPid();
  write(path.join(folder, 'dataset.json'), CLEAN);
  const lock = path.join(folder, '.dataset.json.nnunet-doctor.lock');
  write(lock, `${pid} ${HOST_TAG} 0123456789abcdef\n`);
  const temp = path.join(folder, `.dataset.json.nnunet-doctor-${pid}-${HOST_TAG}-deadbeef.tmp`);
  write(temp, CLEAN);
  const theirs = path.join(folder, 'dataset.json.swp');
  write(theirs, 'editor');
  return { ours: [lock, temp], theirs };
}

describe('leftovers of a killed run next to a file that needs no fix', () => {
  test('--fix removes ours, keeps the rest; a dry run removes nothing', () => {
    const folder = path.join(dir, 'a', 'Dataset001_Liver');
    const { ours, theirs } = plant(folder);
    expect(cli(['--no-folder-checks', folder]).status).toBe(0);
    for (const f of ours) expect(fs.existsSync(f)).toBe(true);
    const r = cli(['--fix', '--no-folder-checks', folder]);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    for (const f of ours) expect(fs.existsSync(f)).toBe(false);
    expect(fs.readFileSync(theirs, 'utf8')).toBe('editor');
    expect(fs.readFileSync(path.join(folder, 'dataset.json'), 'utf8')).toBe(CLEAN);
  });

  test('not outside the named paths: a dataset reached through a symlink to elsewhere keeps them', () => {
    const outside = path.join(dir, 'b', 'elsewhere', 'Dataset002_X');
    const { ours } = plant(outside);
    const raw = path.join(dir, 'b', 'raw');
    fs.mkdirSync(raw, { recursive: true });
    fs.symlinkSync(outside, path.join(raw, 'Dataset002_X'));
    expect(cli(['--fix', '--no-folder-checks', raw]).status).toBe(0);
    for (const f of ours) expect(fs.existsSync(f)).toBe(true);
  });

  test('next to a preprocessed copy in sync, when its folder is named too', () => {
    const root = path.join(dir, 'c');
    const raw = path.join(root, 'nnUNet_raw', 'Dataset003_Y');
    write(path.join(raw, 'dataset.json'), CLEAN);
    fs.mkdirSync(path.join(raw, 'imagesTr'), { recursive: true });
    fs.mkdirSync(path.join(raw, 'labelsTr'), { recursive: true });
    const { ours } = plant(path.join(root, 'nnUNet_preprocessed', 'Dataset003_Y'));
    // only the raw folder named: the copy's folder is not ours to touch
    runCli(['--fix', path.join(root, 'nnUNet_raw')], { env: { nnUNet_preprocessed: undefined } });
    for (const f of ours) expect(fs.existsSync(f)).toBe(true);
    runCli(['--fix', path.join(root, 'nnUNet_raw'), path.join(root, 'nnUNet_preprocessed')], { env: { nnUNet_preprocessed: undefined } });
    for (const f of ours) expect(fs.existsSync(f)).toBe(false);
  });
});
