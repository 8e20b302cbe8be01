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

/** Folder names a glob engine reads as syntax, or its regular expressions do not match (issue 9). */
const ODD = [
  'new\nline',
  'carriage\rreturn',
  'tab\tname',
  'star*',
  'question?',
  'br[ack]et',
  'cur{l,y}',
  'bang!',
  '-dash',
  'back\\slash',
  '(paren)',
  '@(at)',
  '+(plus)',
  'sp ace',
  'Äpfel_日本',
  '#hash',
  '~tilde',
  '$dollar',
];

describe('discover: names are names, not patterns', () => {
  let odd: string;
  beforeAll(() => {
    odd = tempDir('nnunet-doctor-odd-');
    for (const n of ODD) writeTree(odd, { [`root/${n}/dataset.json`]: J, [`root/deeper/${n}/Dataset001_X/dataset.json`]: J });
    writeTree(odd, {
      'root/.hidden/dataset.json': J,
      'root/.snapshot/Dataset001_X/dataset.json': J,
      'root/node_modules/x/dataset.json': J,
      'root/nnUNetPlans_3d/dataset.json': J,
    });
  });
  afterAll(() => cleanup(odd));

  test('every odd name is found, at any depth; hidden, node_modules and plans folders are not searched', async () => {
    const r = await discover(['root'], { cwd: odd });
    expect(r.errors).toEqual([]);
    const expected = ODD.flatMap((n) => [`root/${n}/dataset.json`, `root/deeper/${n}/Dataset001_X/dataset.json`]).sort();
    expect(r.files.map((f) => f.path).sort()).toEqual(expected);
    for (const f of r.files) expect(fs.readFileSync(f.absPath, 'utf8')).toBe(J);
  });

  test('a hidden folder named on the command line is searched', async () => {
    const r = await discover(['root/.snapshot', 'root/.hidden'], { cwd: odd });
    expect(r.files.map((f) => f.path)).toEqual(['root/.hidden/dataset.json', 'root/.snapshot/Dataset001_X/dataset.json']);
  });
});

describe('discover: depth and empty paths', () => {
  test('--max-depth N searches the path and N folder levels below it', async () => {
    const d = tempDir('nnunet-doctor-depth-');
    try {
      writeTree(d, { 'dataset.json': J, 'a/dataset.json': J, 'a/b/dataset.json': J, 'a/b/c/dataset.json': J });
      const at = async (maxDepth: number) => (await discover(['.'], { cwd: d, maxDepth })).files.map((f) => f.path);
      expect(await at(0)).toEqual(['dataset.json']);
      expect(await at(1)).toEqual(['a/dataset.json', 'dataset.json']);
      expect(await at(3)).toEqual(['a/b/c/dataset.json', 'a/b/dataset.json', 'a/dataset.json', 'dataset.json']);
    } finally {
      cleanup(d);
    }
  });

  test('a named folder holding no dataset.json within the depth is an error of kind "empty"', async () => {
    const r = await discover(['deep', 'raw'], { cwd: dir, maxDepth: 2 });
    expect(r.errors).toEqual([
      { path: 'deep', message: expect.stringMatching(/^no dataset\.json found in this folder or up to 2 folder levels below it; /), kind: 'empty' },
    ]);
    expect(r.files).toHaveLength(4);
  });

  test('a folder named dataset.json is taken as the file, named or found', async () => {
    const d = tempDir('nnunet-doctor-dirjson-');
    try {
      fs.mkdirSync(path.join(d, 'X', 'dataset.json', 'inner'), { recursive: true });
      writeTree(d, { 'X/dataset.json/inner/dataset.json': J });
      for (const p of ['X', 'X/dataset.json']) {
        const r = await discover([p], { cwd: d });
        expect(r.files.map((f) => f.path)).toEqual(['X/dataset.json']);
        expect(r.errors).toEqual([]);
      }
    } finally {
      cleanup(d);
    }
  });

  test('a folder reached through two links keeps its shallowest name; a loop finds nothing twice', async () => {
    const r = await discover(['raw'], { cwd: dir, maxDepth: 10 });
    expect(r.files.map((f) => f.path)).toEqual([
      'raw/Dataset001_A/dataset.json',
      'raw/Dataset002_B/dataset.json',
      'raw/Dataset009_Linked/dataset.json',
      'raw/Task03_C/dataset.json',
    ]);
    expect(r.errors).toEqual([]);
  });
});
