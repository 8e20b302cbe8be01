/**
 * Crash safety of segmentation writes: `remap --map 4:3 --fix` over two datasets (36
 * segmentations, .nii.gz and multi-MB .nii; dataset.json follows the mapping) in a child
 * process, SIGKILLed at exact points of its own progress: the child waits
 * (NNUNET_DOCTOR_TEST_STOP_AT, src/test-events.ts) at the n-th event of a kind (a file
 * started, each write to a temp file, temp complete, verified, just before and after a
 * rename, the dataset.json write), and is killed there. No sleeps, no timers.
 *
 * After every kill: each segmentation is its original bytes or exactly its repaired
 * bytes; dataset.json is original or updated, and updated only once every segmentation
 * of its dataset is repaired; nothing else changed. A last run then finishes the job and
 * leaves no temp or lock file of ours (it removes the leftovers of the killed runs).
 */
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { CLI, copyTree, cleanup } from '../helpers/cli.js';
import { writeNifti } from '../helpers/nifti.js';
import { leftovers } from './helpers.js';

let root = '';
let pristine = '';
let done = '';
beforeAll(() => {
  if (!fs.existsSync(CLI)) throw new Error(`${CLI} is missing: build first (npx tsc -p tsconfig.build.json)`);
  // on tmpfs when there is one: each run fsyncs every file it writes
  const shm = fs.existsSync('/dev/shm') && fs.statSync('/dev/shm').isDirectory() ? '/dev/shm' : os.tmpdir();
  root = fs.mkdtempSync(path.join(shm, 'nnunet-doctor-repair-kill-'));
  pristine = path.join(root, 'pristine');
  done = path.join(root, 'done');
  build(pristine);
});
afterAll(() => cleanup(root));

const labels = (et: number) =>
  `{\n  "channel_names": {"0": "T1"},\n  "labels": {"background": 0, "NCR": 1, "ED": 2, "ET": ${et}},\n  "numTraining": 1,\n  "file_ending": "ENDING"\n}\n`;

/** Dataset A: 33 small .nii.gz; dataset B: 3 .nii of 2.7 MB (several temp writes each). ET is declared as 4. */
function build(dir: string): void {
  const a = path.join(dir, 'Dataset001_A');
  const b = path.join(dir, 'Dataset002_B');
  fs.mkdirSync(a, { recursive: true });
  fs.mkdirSync(b, { recursive: true });
  fs.writeFileSync(path.join(a, 'dataset.json'), labels(4).replace('ENDING', '.nii.gz'));
  fs.writeFileSync(path.join(b, 'dataset.json'), labels(4).replace('ENDING', '.nii'));
  for (let c = 0; c < 33; c++) {
    const data = Array.from({ length: 32 * 32 * 16 }, (_, i) => [0, 0, 1, 2, 4][(i + c) % 5]!);
    writeNifti(path.join(a, 'labelsTr', `a_${String(c).padStart(3, '0')}.nii.gz`), { dims: [32, 32, 16], datatype: 'uint8', data });
  }
  for (let c = 0; c < 3; c++) {
    const data = new Uint8Array(140 * 140 * 140);
    for (let i = 0; i < data.length; i++) data[i] = (i >> 10) % 7 === c ? 4 : (i >> 12) % 3;
    writeNifti(path.join(b, 'labelsTr', `b_${c}.nii`), { dims: [140, 140, 140], datatype: 'uint8', data });
  }
}

/** Every file below `dir` (relative path -> bytes). */
function snapshot(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  for (const rel of (fs.readdirSync(dir, { recursive: true }) as string[]).sort()) {
    const p = path.join(dir, rel);
    if (fs.lstatSync(p).isFile()) out.set(rel, fs.readFileSync(p));
  }
  return out;
}

/**
 * Runs `remap --map 4:3 --fix` on both datasets in `dir`. With `stopAt`, the child stops
 * itself at that event and is killed there; resolves with whether that happened.
 */
function run(dir: string, stopAt?: string): Promise<{ killed: boolean; status: number | null; stderr: string }> {
  const env = { ...process.env, NO_COLOR: '1', nnUNet_raw: '', NNUNET_DOCTOR_TEST_EVENTS: '1', ...(stopAt ? { NNUNET_DOCTOR_TEST_STOP_AT: stopAt } : {}) };
  // stdin is a pipe nobody writes to: at the stop point the child waits on it (src/test-events.ts)
  const child = spawn(process.execPath, [CLI, 'remap', '--map', '4:3', '--fix', '--jobs', '2', 'Dataset001_A', 'Dataset002_B'], {
    cwd: dir,
    env,
    stdio: ['pipe', 'ignore', 'pipe'],
  });
  const [event, n] = stopAt ? [stopAt.split(':')[0]!, Number(stopAt.split(':')[1])] : ['', 0];
  let seen = 0;
  let stderr = '';
  let killed = false;
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (text: string) => {
    stderr += text;
    for (const line of text.split('\n')) {
      if (stopAt && line.startsWith(`@nnunet-doctor-test ${event} `) && ++seen === n) {
        // the child waits right after writing this line: kill it where it stands
        killed = child.kill('SIGKILL');
      }
    }
  });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (status) => {
      child.stdin.destroy();
      resolve({ killed, status, stderr });
    });
  });
}

const KILLS = [
  ['repair-start', [1, 9, 30]],
  ['repair-writing', [1, 3, 8, 14, 22]],
  ['repair-temp', [1, 6, 17, 34]],
  ['repair-verified', [2, 13, 35]],
  ['repair-rename', [1, 4, 20, 33]],
  ['repair-done', [1, 12, 36]],
  ['write-temp', [1, 2]],
  ['write-rename', [1, 2]],
  ['write-done', [1, 2]],
] as const;

test('SIGKILL at every kind of point: each file original or fully repaired; then a run finishes cleanly', async () => {
  // the reference: one uninterrupted run
  copyTree(pristine, done);
  const ref = await run(done);
  expect(ref.status).toBe(0);
  const original = snapshot(pristine);
  const repaired = snapshot(done);
  const labelFiles = [...original.keys()].filter((k) => k.includes('labelsTr'));
  expect(labelFiles.filter((k) => !repaired.get(k)!.equals(original.get(k)!))).toHaveLength(36);

  const work = path.join(root, 'work');
  copyTree(pristine, work);
  const check = (when: string) => {
    const now = snapshot(work);
    for (const [rel, bytes] of original) {
      const cur = now.get(rel);
      if (!cur) throw new Error(`after ${when}: ${rel} is missing`);
      if (!cur.equals(bytes) && !cur.equals(repaired.get(rel)!)) throw new Error(`after ${when}: ${rel} is neither original nor repaired`);
    }
    for (const ds of ['Dataset001_A', 'Dataset002_B']) {
      const json = path.join(ds, 'dataset.json');
      if (!now.get(json)!.equals(repaired.get(json)!)) continue;
      const pending = labelFiles.filter((k) => k.startsWith(ds) && !now.get(k)!.equals(repaired.get(k)!));
      if (pending.length) throw new Error(`after ${when}: ${json} was updated before ${pending[0]} was repaired`);
    }
    // anything else present is a temp or lock file of ours
    const ours = new Set(leftovers(work));
    expect([...now.keys()].filter((k) => !original.has(k) && !ours.has(k))).toEqual([]);
  };

  // every point, each time from the original files (the leftovers of earlier kills stay)
  let kills = 0;
  for (const [event, counts] of KILLS) {
    for (const n of counts) {
      const r = await run(work, `${event}:${n}`);
      if (!r.killed) throw new Error(`${event}:${n} was never reached (exit ${r.status}): ${r.stderr.slice(-300)}`);
      kills++;
      check(`${event}:${n}`);
      for (const [rel, bytes] of original) fs.writeFileSync(path.join(work, rel), bytes);
    }
  }
  expect(kills).toBe(28);
  // runs killed one after another, each going on from where the last one stopped
  for (const stopAt of ['repair-rename:9', 'repair-writing:5', 'repair-verified:7', 'repair-done:4']) {
    expect((await run(work, stopAt)).killed).toBe(true);
    check(`${stopAt} (resumed)`);
  }

  const last = await run(work);
  expect(last.status).toBe(0);
  const final = snapshot(work);
  expect([...final.keys()]).toEqual([...repaired.keys()]);
  for (const [rel, bytes] of repaired) expect({ rel, same: final.get(rel)!.equals(bytes) }).toEqual({ rel, same: true });
  expect(leftovers(work)).toEqual([]);
}, 600_000);
