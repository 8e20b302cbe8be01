/**
 * The page's own modules, in Node: the picked-folder file system must give the folder
 * checks exactly the facts node:fs gives them (headers read with Blob.slice and the
 * platform's DecompressionStream), the search must find the files the command line finds,
 * and the header parsers must not need Node's Buffer (they run in the page).
 */
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import fs from 'node:fs';
import path from 'node:path';
import { discover } from '../../src/discover.js';
import { collectFolderFacts } from '../../src/folder/facts.js';
import { collectFolderFactsWith } from '../../src/folder/collect.js';
import { posixPath } from '../../src/folder/posix-path.js';
import { hex, latin1 } from '../../src/images/bytes.js';
import { findDatasetJsons } from '../../web/src/discover.js';
import { pickedFs, type PickedFile } from '../../web/src/picked-fs.js';
import { cleanup, tempDir } from '../helpers/cli.js';
import { listPicked, writeGeneratedRaw } from './fixtures.js';

let parent: string;
let root: string;
let picked: PickedFile[];
beforeAll(() => {
  parent = tempDir('nnunet-doctor-web-core-');
  root = path.join(parent, 'gen_raw');
  writeGeneratedRaw(root);
  picked = listPicked(root).map((p) => ({ path: p, blob: new Blob([fs.readFileSync(path.join(parent, p))]) }));
});
afterAll(() => cleanup(parent));

test('the page finds the dataset.json files the command line finds (4 folder levels, no image, plan or hidden folders)', async () => {
  const cli = (await discover(['gen_raw'], { cwd: parent })).files.map((f) => f.path);
  const page = findDatasetJsons(picked.map((f) => f.path));
  expect(page).toEqual(cli);
  expect(page).toContain('gen_raw/group/a/b/c/dataset.json');
  expect(page).not.toContain('gen_raw/group/a/b/c/d/dataset.json');
  expect(page).not.toContain('gen_raw/Dataset101_Four/imagesTr/dataset.json');
  expect(page.length).toBe(12);
});

test('folder facts over picked files equal the facts read with node:fs, headers included', async () => {
  const fsOfPicked = pickedFs(picked);
  const datasets = fs
    .readdirSync(root)
    .filter((d) => d.startsWith('Dataset'))
    .sort();
  expect(datasets.length).toBe(10);
  for (const d of datasets) {
    const viaNode = await collectFolderFacts(path.join(root, d), { env: {} });
    const viaPage = await collectFolderFactsWith(fsOfPicked, `/gen_raw/${d}`, { path: posixPath, env: {} });
    // the same facts; only the absolute location differs (the page's root is the picked folder's parent)
    const relocated = JSON.parse(JSON.stringify(viaNode).split(parent).join(''));
    expect({ d, facts: viaPage }).toEqual({ d, facts: relocated });
  }
  const four = await collectFolderFactsWith(fsOfPicked, '/gen_raw/Dataset101_Four', { path: posixPath, env: {} });
  expect(four?.headers[0]?.header?.is4D).toBe(true);
  expect(four?.idRoots[0]?.names).toContain('Dataset101_Twin');
});

test('a picked file system answers like node:fs: ENOENT for what is not there, no symlinks', async () => {
  const f = pickedFs(picked);
  await expect(f.readdir('/gen_raw/nope')).rejects.toMatchObject({ code: 'ENOENT' });
  await expect(f.readdir('/gen_raw/Dataset101_Four/dataset.json')).rejects.toMatchObject({ code: 'ENOTDIR' });
  await expect(f.readFile('/gen_raw/Dataset101_Four')).rejects.toMatchObject({ code: 'EISDIR' });
  const st = await f.lstat('/gen_raw/Dataset101_Four/imagesTr');
  expect([st.isDirectory(), st.isFile(), st.isSymbolicLink()]).toEqual([true, false, false]);
  expect(new TextDecoder().decode(await f.readFile('/gen_raw/Dataset101_Four/dataset.json'))).toBe(
    fs.readFileSync(path.join(root, 'Dataset101_Four/dataset.json'), 'utf8'),
  );
});

test('latin1 and hex give what Buffer gives, for every byte and for a 1 MiB header', () => {
  const all = Uint8Array.from({ length: 256 }, (_, i) => i);
  expect(latin1(all)).toBe(Buffer.from(all).toString('latin1'));
  expect(hex(all)).toBe(Buffer.from(all).toString('hex'));
  const big = new Uint8Array(1 << 20).map((_, i) => (i * 31) & 0xff);
  expect(latin1(big)).toBe(Buffer.from(big).toString('latin1'));
});
