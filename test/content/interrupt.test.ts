/** Ctrl-C during a long `--labels` scan stops cleanly: exit 130, one line, no stack, nothing written. */
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { CLI, cleanup, tempDir, writeTree } from '../helpers/cli.js';
import { writeNifti } from '../helpers/nifti.js';

let dir: string;
const json = '{"channel_names": {"0": "CT"}, "labels": {"0": "background", "1": "a"}, "numTraining": 400, "file_ending": ".nii.gz"}';
beforeAll(() => {
  dir = tempDir();
  // 400 label files of 1 MB each (uncompressed): a scan that takes a while on 2 cores
  const d = path.join(dir, 'Dataset001_Big');
  writeTree(d, { 'dataset.json': json });
  const one = writeNifti(path.join(d, 'labelsTr', 'case_0000.nii.gz'), { dims: [128, 128, 64], datatype: 'uint8', data: [1, 1, 1] });
  for (let i = 1; i < 400; i++) fs.writeFileSync(path.join(d, 'labelsTr', `case_${String(i).padStart(4, '0')}.nii.gz`), fs.readFileSync(path.join(d, 'labelsTr', 'case_0000.nii.gz')));
  void one;
});
afterAll(() => cleanup(dir));

test('SIGINT stops a --labels --fix run with exit 130 and writes nothing', async () => {
  const child = spawn(process.execPath, [CLI, '--labels', '--fix', '--no-folder-checks', dir], { env: { ...process.env, NO_COLOR: '1' } });
  let stderr = '';
  child.stderr.on('data', (b) => (stderr += b));
  child.stdout.resume();
  await new Promise((r) => setTimeout(r, 700));
  child.kill('SIGINT');
  const code = await new Promise<number | null>((r) => child.on('close', r));
  if (code === 130) {
    expect(stderr).toMatch(/^nnunet-doctor: interrupted; nothing more was written\n$/m);
    expect(fs.readFileSync(path.join(dir, 'Dataset001_Big', 'dataset.json'), 'utf8')).toBe(json);
  } else {
    // the scan finished before the signal arrived (fast machine): it must have completed normally
    expect([0, 1]).toContain(code);
  }
  expect(stderr).not.toMatch(/\n\s+at /);
});
