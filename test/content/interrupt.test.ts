/**
 * Ctrl-C during a long `--labels` scan stops cleanly: exit 130, one line, no stack, nothing
 * written. No clock: the child pauses (test-only hook) as the segmentation scan starts; the
 * test sends SIGINT, then lets it go on, so the signal is handled exactly there.
 */
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import fs from 'node:fs';
import path from 'node:path';
import { fixBytes } from '../../src/engine.js';
import { cleanup, tempDir, writeTree } from '../helpers/cli.js';
import { killChildren, spawnWithEvents } from '../helpers/events.js';
import { writeNifti } from '../helpers/nifti.js';

let dir: string;
const json = '{"channel_names": {"0": "CT"}, "labels": {"0": "background", "1": "a"}, "numTraining": 400, "file_ending": ".nii.gz"}';
beforeAll(() => {
  dir = tempDir();
  // 400 label files of 1 MB each (uncompressed): far more than one turn of the event loop reads
  const d = path.join(dir, 'Dataset001_Big');
  writeTree(d, { 'dataset.json': json });
  writeNifti(path.join(d, 'labelsTr', 'case_0000.nii.gz'), { dims: [128, 128, 64], datatype: 'uint8', data: [1, 1, 1] });
  for (let i = 1; i < 400; i++)
    fs.copyFileSync(path.join(d, 'labelsTr', 'case_0000.nii.gz'), path.join(d, 'labelsTr', `case_${String(i).padStart(4, '0')}.nii.gz`));
});
afterAll(() => {
  killChildren();
  cleanup(dir);
});

test('SIGINT stops a --labels --fix run with exit 130 and writes nothing', async () => {
  expect(fixBytes(Buffer.from(json)).changed).toBe(true); // --fix would write it (inverted labels) if it ran to the end
  const run = spawnWithEvents(['--labels', '--fix', '--no-folder-checks', dir], { stopAt: 'labels-scan-start:1' });
  await run.waitFor('labels-scan-start');
  run.child.kill('SIGINT'); // noted at once, handled when the child's event loop runs again
  run.resume();
  const r = await run.done;
  expect(r.status).toBe(130);
  expect(r.stderr).toMatch(/^nnunet-doctor: interrupted\b[^\n]*\n$/); // one line, no stack
  expect(r.events.filter((e) => e.name === 'file-done' || e.name.startsWith('write-'))).toEqual([]); // no file finished, nothing written
  expect(fs.readFileSync(path.join(dir, 'Dataset001_Big', 'dataset.json'), 'utf8')).toBe(json);
});
