/**
 * Ctrl-C ends a `--labels` run promptly in every phase: listing labelsTr, scanning in this
 * thread, scanning on worker threads (the workers are terminated), reading image headers.
 * Each test waits until the child reports (test-only events, src/test-events.ts) that it is
 * in the phase, sends SIGINT, and requires exit 130 with the "interrupted" line; a child
 * that stayed alive would fail the test by its timeout. No clock anywhere: the scanning
 * phases read a 1 TB sparse volume (minutes of work, so the signal always lands inside the
 * scan); the short phases pause at their event until the signal is sent.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import fs from 'node:fs';
import path from 'node:path';
import { cleanup, tempDir, writeTree } from '../helpers/cli.js';
import { killChildren, spawnWithEvents, type ChildExit } from '../helpers/events.js';
import { niftiBytes, writeNifti } from '../helpers/nifti.js';

let dir: string;
const json = '{"channel_names": {"0": "CT"}, "labels": {"background": 0, "a": 1}, "numTraining": 2, "file_ending": ".nii"}';
const INTERRUPTED = 'nnunet-doctor: interrupted (Ctrl-C): 0 files checked, 0 written; nothing more was written\n';

/** A NIfTI-1 uint8 volume of 32767 x 32767 x 1000 (1 TB), sparse: all zeros, no disk used. */
function sparseTerabyte(file: string): void {
  const head = Buffer.from(niftiBytes({ dims: [1, 1, 1], datatype: 'uint8', data: [], gzip: false }).subarray(0, 352));
  [32767, 32767, 1000].forEach((d, i) => head.writeInt16LE(d, 42 + 2 * i));
  fs.writeFileSync(file, head);
  fs.truncateSync(file, 352 + 32767 * 32767 * 1000);
}

beforeAll(() => {
  dir = tempDir();
  // small: one label and its image (listing and header phases)
  const small = path.join(dir, 'Dataset001_Small');
  writeTree(small, { 'dataset.json': json });
  writeNifti(path.join(small, 'labelsTr', 'case_000.nii'), { dims: [4, 4, 2], datatype: 'uint8', data: [1] });
  writeNifti(path.join(small, 'imagesTr', 'case_000_0000.nii'), { dims: [4, 4, 2], datatype: 'int16', data: [] });
  // big: two 1 TB sparse label files (scanning phases)
  const big = path.join(dir, 'Dataset002_Big');
  writeTree(big, { 'dataset.json': json });
  fs.mkdirSync(path.join(big, 'labelsTr'));
  sparseTerabyte(path.join(big, 'labelsTr', 'case_000.nii'));
  sparseTerabyte(path.join(big, 'labelsTr', 'case_001.nii'));
});
afterAll(() => {
  killChildren();
  cleanup(dir);
});

function expectInterrupted(r: ChildExit): void {
  expect({ status: r.status, signal: r.signal, stderr: r.stderr }).toEqual({ status: 130, signal: null, stderr: INTERRUPTED });
  // the report still comes: nothing was checked to the end, and it says so
  expect(r.stdout).toBe('Interrupted (Ctrl-C): only the files reported above were checked.\nChecked 0 files: no problems.\n');
}

describe('SIGINT during --labels ends the process with 130', () => {
  test.each([
    ['listing labelsTr', 'labels-list', 'Dataset001_Small'],
    ['reading image headers', 'labels-headers', 'Dataset001_Small'],
  ])('%s (paused at its event)', async (_phase, event, folder) => {
    const run = spawnWithEvents(['--labels', '--no-folder-checks', path.join(dir, folder)], { stopAt: `${event}:1` });
    await run.waitFor(event);
    run.child.kill('SIGINT');
    run.resume();
    const r = await run.done;
    expectInterrupted(r);
    expect(r.events.map((e) => e.name)).not.toContain('file-done');
  });

  test('scanning in this thread (a 1 TB volume)', async () => {
    const run = spawnWithEvents(['--labels', '--no-folder-checks', '-j', '1', path.join(dir, 'Dataset002_Big')], {
      env: { NNUNET_DOCTOR_SCAN_WORKERS: 'never' },
    });
    await run.waitFor('labels-file');
    run.child.kill('SIGINT');
    expectInterrupted(await run.done);
  });

  test('scanning on worker threads (two 1 TB volumes): the workers are terminated', async () => {
    const run = spawnWithEvents(['--labels', '--no-folder-checks', '-j', '2', path.join(dir, 'Dataset002_Big')], {
      env: { NNUNET_DOCTOR_SCAN_WORKERS: 'always' },
    });
    await run.waitFor('labels-worker-file');
    await run.waitFor('labels-worker-file', (e) => e.detail !== run.events.find((x) => x.name === 'labels-worker-file')!.detail);
    run.child.kill('SIGINT');
    const r = await run.done;
    expectInterrupted(r);
    expect(r.events.filter((e) => e.name === 'labels-worker-file')).toHaveLength(2);
  });
});
