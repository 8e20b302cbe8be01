/**
 * The write guarantees of segmentation repairs under faults: read-only files, a full disk
 * (injected ENOSPC and a real tiny tmpfs), a file changed, replaced or deleted between
 * read and write, symbolic links out of the named folders, a FIFO, Ctrl-C; each gives one
 * line, leaves the original byte for byte, leaves no temp file, and the batch goes on.
 * Also: --backup, the file mode, stale temp files of killed runs.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { HOST_TAG } from '../../src/lock.js';
import { applySegmentationRepair, applySegmentationRepairs, type SegmentationRepairPlan } from '../../src/repair/index.js';
import { writeNifti } from '../helpers/nifti.js';
import { mountTmpfs, type Tmpfs } from '../helpers/tmpfs.js';
import { tempDir } from '../images/reference.js';
import { contentOf, declared, leftovers, planFor } from './helpers.js';

let dir = '';
let cleanup = () => {};
beforeAll(() => {
  ({ dir, cleanup } = tempDir('nnunet-doctor-repair-safety-'));
});
afterAll(() => {
  for (const f of fs.readdirSync(dir, { recursive: true }) as string[]) fs.chmodSync(path.join(dir, f), 0o755);
  cleanup();
});

let n = 0;
/** A 0/255 uint8 mask in its own labelsTr; returns its path and bytes. */
function mask(name = 'case.nii.gz', folder = path.join(dir, `ds${n++}`, 'labelsTr'), dims = [8, 8, 4]): { file: string; bytes: Buffer } {
  const file = path.join(folder, name);
  const data = Array.from({ length: dims.reduce((a, b) => a * b, 1) }, (_, i) => (i % 3 ? 0 : 255));
  const bytes = writeNifti(file, { dims, datatype: 'uint8', data });
  return { file, bytes };
}

async function planOf(file: string): Promise<SegmentationRepairPlan> {
  const p = await planFor(file, declared('liver'));
  if (!p) throw new Error('no plan');
  return p;
}

const oneLine = (s: string | undefined) => expect(s).toMatch(/^[^\n]+$/);

describe('refusals and faults: one line, original intact, no temp left', () => {
  test('read-only file (even for root): refused, never chmod-ed', async () => {
    const { file, bytes } = mask();
    const plan = await planOf(file);
    fs.chmodSync(file, 0o444);
    const r = await applySegmentationRepair(plan);
    expect(r).toMatchObject({
      status: 'error',
      code: 'EROFILE',
      message: 'not written: the file is read-only (mode 0444); nothing was changed (make it writable to let --fix repair it)',
    });
    expect(fs.readFileSync(file)).toEqual(bytes);
    expect(fs.statSync(file).mode & 0o777).toBe(0o444);
    expect(leftovers(path.dirname(file))).toEqual([]);
  });

  test('disk full (injected ENOSPC mid-stream): one line, and the batch goes on', async () => {
    const a = mask('a.nii.gz');
    const b = mask('b.nii.gz', path.dirname(a.file));
    const c = mask('c.nii.gz', path.dirname(a.file));
    const plans = [await planOf(a.file), await planOf(b.file), await planOf(c.file)];
    const results = await applySegmentationRepairs(plans, {
      jobs: 1,
      hooks: {
        tempWrite(temp) {
          if (temp.includes('.b.nii.gz.')) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
        },
      },
    });
    expect(results.map((r) => r.status)).toEqual(['written', 'error', 'written']);
    expect(results[1]).toMatchObject({
      code: 'ENOSPC',
      message: 'not written: writing the temp file failed: no space left on the device (ENOSPC); the original is unchanged',
    });
    expect(fs.readFileSync(b.file)).toEqual(b.bytes);
    expect(leftovers(path.dirname(a.file))).toEqual([]);
  });

  test('file modified between read and write: not overwritten', async () => {
    const { file } = mask();
    const plan = await planOf(file);
    const r = await applySegmentationRepair(plan, { hooks: { beforeCommit: () => fs.appendFileSync(file, 'x') } });
    expect(r).toMatchObject({
      status: 'error',
      code: 'ECHANGED',
      message: 'not written: it was modified after it was read; run again to check the new content',
    });
    expect(fs.readFileSync(file).subarray(-1).toString()).toBe('x');
    expect(leftovers(path.dirname(file))).toEqual([]);
  });

  test('file replaced by another with the same size: the content hash catches it', async () => {
    const { file, bytes } = mask();
    fs.utimesSync(file, 1_700_000_000, 1_700_000_000); // whole seconds, so the same mtime can be set again
    const plan = await planOf(file);
    const other = Buffer.from(bytes);
    other[other.length - 9]! ^= 1; // same size, another CRC
    const r = await applySegmentationRepair(plan, {
      hooks: {
        beforeCommit() {
          const fd = fs.openSync(file, 'r+'); // same inode
          fs.writeSync(fd, other, 0, other.length, 0);
          fs.closeSync(fd);
          fs.utimesSync(file, 1_700_000_000, 1_700_000_000); // same mtime too
        },
      },
    });
    expect(r).toMatchObject({
      status: 'error',
      code: 'ECHANGED',
      message: 'not written: its content changed after it was read; run again to check the new content',
    });
    expect(fs.readFileSync(file)).toEqual(other);
  });

  test('file deleted between read and write', async () => {
    const { file } = mask();
    const plan = await planOf(file);
    const r = await applySegmentationRepair(plan, { hooks: { beforeCommit: () => fs.unlinkSync(file) } });
    expect(r).toMatchObject({ status: 'error', code: 'EGONE', message: 'not written: it was deleted after it was read' });
    expect(fs.existsSync(file)).toBe(false);
    expect(leftovers(path.dirname(file))).toEqual([]);
  });

  test('another process wrote exactly this repair first: reported as such', async () => {
    const { file } = mask();
    const plan = await planOf(file);
    const r = await applySegmentationRepair(plan, { hooks: { beforeCommit: (temp) => fs.copyFileSync(temp, file) } });
    expect(r).toMatchObject({ status: 'already-fixed' });
    expect(await planFor(file, declared('liver'))).toBeUndefined();
  });

  test('a symbolic link to a file outside the named folders is not written', async () => {
    const outside = mask('target.nii.gz');
    const named = path.join(dir, `ds${n++}`);
    fs.mkdirSync(path.join(named, 'labelsTr'), { recursive: true });
    const link = path.join(named, 'labelsTr', 'case.nii.gz');
    fs.symlinkSync(outside.file, link);
    const plan = await planOf(link);
    const r = await applySegmentationRepair(plan, { roots: [named] });
    expect(r).toMatchObject({ status: 'error', code: 'EOUTSIDE' });
    oneLine(r.message);
    expect(fs.readFileSync(outside.file)).toEqual(outside.bytes);
    // inside the named folders: the target is repaired, the link stays a link
    const ok = await applySegmentationRepair(plan, { roots: [path.dirname(path.dirname(path.dirname(outside.file))), named] });
    expect(ok.status).toBe('written');
    expect(fs.lstatSync(link).isSymbolicLink()).toBe(true);
    expect(await planFor(outside.file, declared('liver'))).toBeUndefined();
  });

  test('a FIFO in place of the file: one line, no hang', async () => {
    const { file } = mask();
    const plan = await planOf(file);
    fs.unlinkSync(file);
    expect(spawnSync('mkfifo', [file]).status).toBe(0);
    const r = await applySegmentationRepair(plan);
    expect(r).toMatchObject({ status: 'error', code: 'ENOTREG', message: 'not read: it is a FIFO (named pipe)' });
  });

  test('corrupt compressed data: not written, the reason given', async () => {
    const { file, bytes } = mask();
    const plan = await planOf(file);
    const bad = Buffer.from(bytes);
    bad.fill(0x55, 30, 60);
    fs.writeFileSync(file, bad);
    const r = await applySegmentationRepair(plan);
    expect(r).toMatchObject({ status: 'error', code: 'ECORRUPT' });
    oneLine(r.message);
    expect(fs.readFileSync(file)).toEqual(bad);
    expect(leftovers(path.dirname(file))).toEqual([]);
  });

  test('aborted (Ctrl-C): interrupted, original intact', async () => {
    const { file, bytes } = mask();
    const plan = await planOf(file);
    const ac = new AbortController();
    const r = await applySegmentationRepair(plan, { signal: ac.signal, hooks: { beforeWrite: () => ac.abort() } });
    expect(r).toMatchObject({ status: 'interrupted' });
    expect(fs.readFileSync(file)).toEqual(bytes);
    expect(leftovers(path.dirname(file))).toEqual([]);
  });
});

describe('disk full for real: a 64 KB tmpfs', () => {
  let tmpfs: Tmpfs;
  beforeAll(() => {
    tmpfs = mountTmpfs('repair-tmpfs', 64);
  });
  afterAll(() => tmpfs.unmount());

  test('ENOSPC while writing the temp file: reported, original intact, temp removed', async () => {
    if (tmpfs.reason) {
      console.warn(`SKIPPED: real disk-full test (${tmpfs.reason}); the injected ENOSPC test still runs`);
      return;
    }
    const mnt = tmpfs.dir;
    // a 40 KB uncompressed mask: its temp copy cannot fit beside it
    const { file, bytes } = mask('case.nii', path.join(mnt, 'labelsTr'), [40, 40, 25]);
    const plan = await planOf(file);
    const r = await applySegmentationRepair(plan);
    expect(r).toMatchObject({
      status: 'error',
      code: 'ENOSPC',
      message: 'not written: writing the temp file failed: no space left on the device (ENOSPC); the original is unchanged',
    });
    expect(fs.readFileSync(file)).toEqual(bytes);
    expect(leftovers(mnt)).toEqual([]);
  });
});

describe('what is kept', () => {
  test('--backup keeps the original as .bak, then .bak.1; the mode stays', async () => {
    const { file, bytes } = mask();
    fs.chmodSync(file, 0o640);
    const r = await applySegmentationRepair(await planOf(file), { backup: true });
    expect(r).toMatchObject({ status: 'written', backupPath: `${file}.bak` });
    expect(fs.readFileSync(`${file}.bak`)).toEqual(bytes);
    expect(fs.statSync(file).mode & 0o777).toBe(0o640);
    // a second repair of a restored original never overwrites the first backup
    fs.writeFileSync(file, bytes);
    const r2 = await applySegmentationRepair(await planOf(file), { backup: true });
    expect(r2.backupPath).toBe(`${file}.bak.1`);
    expect(fs.readFileSync(`${file}.bak`)).toEqual(bytes);
  });

  test('stale temp and lock files of killed runs are removed, only ours', async () => {
    const { file } = mask();
    const folder = path.dirname(file);
    const stale = path.join(folder, `.case.nii.gz.nnunet-doctor-999999-${HOST_TAG}-deadbeef.tmp`);
    const decoy = path.join(folder, '.case.nii.gz.other-tool.tmp');
    const otherFile = path.join(folder, `.other.nii.gz.nnunet-doctor-999999-${HOST_TAG}-deadbeef.tmp`);
    for (const p of [stale, decoy, otherFile]) fs.writeFileSync(p, 'leftover');
    expect((await applySegmentationRepair(await planOf(file))).status).toBe('written');
    expect(fs.existsSync(stale)).toBe(false);
    expect(fs.existsSync(decoy)).toBe(true);
    expect(fs.existsSync(otherFile)).toBe(true); // another file's leftovers wait for that file's repair
    expect(contentOf(file).length).toBeGreaterThan(0);
  });
});
