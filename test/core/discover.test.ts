/**
 * Discovery: files, dataset folders and roots; image folders pruned (never listed);
 * symlinked dataset folders followed, loops harmless, results deduplicated by real path,
 * sorted; --max-depth bounds the walk.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import fs from 'node:fs';
import path from 'node:path';
import { discover } from '../../src/discover.js';
import { cleanup, tempDir, writeTree } from '../helpers/cli.js';

let dir: string;
const J = '{"labels": {"background": 0}}';
beforeAll(() => {
  dir = tempDir();
  writeTree(dir, {
    'raw/Dataset002_B/dataset.json': J,
    'raw/Dataset001_A/dataset.json': J,
    'raw/Task03_C/dataset.json': J,
    // a dataset.json inside an image folder must never be found: the folder is not listed
    'raw/Dataset001_A/imagesTr/dataset.json': J,
    'raw/Dataset001_A/labelsTr/nested/dataset.json': J,
    'raw/Dataset001_A/imagesTs/dataset.json': J,
    'deep/a/b/c/d/e/dataset.json': J,
    'elsewhere/Dataset009_Linked/dataset.json': J,
  });
  // a symlinked dataset folder (common in nnUNet_raw), a loop, and a second link to the same folder
  fs.symlinkSync(path.join(dir, 'elsewhere', 'Dataset009_Linked'), path.join(dir, 'raw', 'Dataset009_Linked'));
  fs.symlinkSync(path.join(dir, 'raw'), path.join(dir, 'raw', 'Dataset001_A', 'loop'));
  fs.symlinkSync(path.join(dir, 'raw', 'Dataset002_B'), path.join(dir, 'raw', 'Dataset008_AlsoB'));
});
afterAll(() => cleanup(dir));

describe('discover', () => {
  test('a root: every dataset.json, sorted, image folders pruned, links followed, loop harmless, deduplicated', async () => {
    const r = await discover(['raw'], { cwd: dir });
    expect(r.missing).toEqual([]);
    expect(r.files.map((f) => f.path)).toEqual([
      'raw/Dataset001_A/dataset.json',
      'raw/Dataset002_B/dataset.json',
      'raw/Dataset009_Linked/dataset.json',
      'raw/Task03_C/dataset.json',
    ]);
    expect(new Set(r.files.map((f) => f.realPath)).size).toBe(4);
    expect(r.files[2]!.realPath).toBe(fs.realpathSync(path.join(dir, 'elsewhere', 'Dataset009_Linked', 'dataset.json')));
  });
  test('a dataset folder and a file name the same file once', async () => {
    const r = await discover(['raw/Dataset002_B', 'raw/Dataset002_B/dataset.json', './raw/Dataset002_B/', 'raw/Dataset008_AlsoB'], { cwd: dir });
    expect(r.files.map((f) => f.path)).toEqual(['raw/Dataset002_B/dataset.json']);
  });
  test('--max-depth bounds the walk', async () => {
    expect((await discover(['deep'], { cwd: dir, maxDepth: 4 })).files).toEqual([]);
    expect((await discover(['deep'], { cwd: dir, maxDepth: 6 })).files.map((f) => f.path)).toEqual(['deep/a/b/c/d/e/dataset.json']);
  });
  test('a path that does not exist is reported as missing', async () => {
    const r = await discover(['raw', 'nope'], { cwd: dir });
    expect(r.missing).toEqual(['nope']);
    expect(r.files).toHaveLength(4);
  });
  test('a path outside the current folder is shown absolute', async () => {
    const r = await discover([path.join(dir, 'raw', 'Task03_C')], { cwd: path.join(dir, 'deep') });
    expect(r.files[0]!.path).toBe(path.join(dir, 'raw', 'Task03_C', 'dataset.json'));
  });
});
