import { afterAll, describe, expect, test } from '@jest/globals';
import fs from 'node:fs';
import path from 'node:path';
import { collectFolderFacts, insideRelative } from '../../src/folder/facts.js';
import { parseDocument } from '../../src/document.js';
import { cleanup, fastTempDir } from '../helpers/cli.js';
import { cases, countingFs, datasetJson, facts, makeDataset, NII, nii4d, PNG_RGB, tmpRoot, v2, writeTree } from './helpers.js';

let bigRoot: string | undefined;
afterAll(() => {
  if (bigRoot) cleanup(bigRoot);
});

describe('collectFolderFacts', () => {
  test('undefined for a folder without imagesTr/, labelsTr/ or a dataset key', async () => {
    const ds = makeDataset('Dataset001_X', datasetJson(v2(1)), {});
    expect(await facts(ds.dir)).toBeUndefined();
    expect(await facts(path.join(ds.dir, 'nope'))).toBeUndefined();
  });

  test('listings (sorted, files vs folders), headers of the first visible file per ending', async () => {
    const ds = makeDataset('Dataset001_X', datasetJson(v2(2)), {
      ...cases(['b', 'a']),
      'imagesTr/._a_0000.nii.gz': 'AppleDouble',
      'imagesTr/.DS_Store': '',
      'imagesTr/sub': { dir: true },
      'imagesTr/z_0000.png': PNG_RGB,
      'imagesTs/t_0000.nii.gz': NII,
    });
    const f = (await facts(ds.dir))!;
    expect(f.folderName).toBe('Dataset001_X');
    expect(f.datasetDir).toBe(ds.dir);
    expect(f.imagesTr).toEqual({ files: ['.DS_Store', '._a_0000.nii.gz', 'a_0000.nii.gz', 'b_0000.nii.gz', 'z_0000.png'], dirs: ['sub'] });
    expect(f.labelsTr).toEqual({ files: ['a.nii.gz', 'b.nii.gz'], dirs: [] });
    expect(f.imagesTs?.files).toEqual(['t_0000.nii.gz']);
    expect(f.headers.map((h) => [h.file, h.header?.format, h.header?.channels])).toEqual([
      ['a_0000.nii.gz', 'nifti1', 1],
      ['z_0000.png', 'png', 3],
    ]);
    expect(f.idRoots).toEqual([{ kind: 'raw', path: path.join(ds.root, 'nnUNet_raw'), names: ['Dataset001_X'] }]);
    expect(f.preprocessed).toBeUndefined();
  });

  test('a 4D NIfTI header is read from the first 4 KiB only', async () => {
    const ds = makeDataset('Task01_BrainTumour', datasetJson({ modality: { 0: 'FLAIR' }, labels: { 0: 'background' } }), {
      'imagesTr/BRATS_001.nii.gz': { nifti: { dims: [64, 64, 64, 4], datatype: 'float32', data: [] } },
      'labelsTr/BRATS_001.nii.gz': NII,
    });
    const f = (await facts(ds.dir))!;
    expect(f.headers[0]!.header).toMatchObject({ is4D: true, dims: [64, 64, 64, 4], channels: 4 });
  });

  test('100,000 files cost one readdir per folder, no stat, one header read', async () => {
    const root = (bigRoot = fastTempDir('nnunet-doctor-folder-')); // tmpfs: 100,000 files in about a second
    const dir = path.join(root, 'nnUNet_raw', 'Dataset009_Big');
    fs.mkdirSync(path.join(dir, 'imagesTr'), { recursive: true });
    fs.mkdirSync(path.join(dir, 'labelsTr'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'dataset.json'), datasetJson(v2(50000)));
    for (let i = 0; i < 50000; i++) {
      const id = `case_${String(i).padStart(5, '0')}`;
      fs.writeFileSync(path.join(dir, 'imagesTr', `${id}_0000.nii.gz`), '');
      fs.writeFileSync(path.join(dir, 'labelsTr', `${id}.nii.gz`), '');
    }
    const { fs: counting, calls } = countingFs();
    const f = (await collectFolderFacts(dir, { env: {}, fs: counting }))!;
    expect(f.imagesTr!.files).toHaveLength(50000);
    expect(f.labelsTr!.files).toHaveLength(50000);
    const inside = (sub: string) => calls.filter((c) => c.path.startsWith(path.join(dir, sub)));
    expect(inside('imagesTr').map((c) => c.op)).toEqual(['readdir', 'readHeader']);
    expect(inside('labelsTr').map((c) => c.op)).toEqual(['readdir']);
    expect(calls.filter((c) => c.op === 'lstat')).toEqual([]);
    expect(calls.length).toBeLessThan(10);
    expect(f.headers).toEqual([{ file: 'case_00000_0000.nii.gz', error: expect.any(String) }]);
  });

  test('root listings are shared through opts.cache', async () => {
    const ds = makeDataset('Dataset001_X', datasetJson(v2(1)), cases(['a']), { 'nnUNet_raw/Dataset002_Y/imagesTr/a_0000.nii.gz': NII });
    const cache = new Map();
    const one = countingFs();
    await collectFolderFacts(ds.dir, { env: {}, fs: one.fs, cache });
    const two = countingFs();
    const f = (await collectFolderFacts(path.join(ds.root, 'nnUNet_raw', 'Dataset002_Y'), { env: {}, fs: two.fs, cache }))!;
    expect(two.calls.filter((c) => c.path === path.join(ds.root, 'nnUNet_raw'))).toEqual([]);
    expect(f.idRoots[0]!.names).toEqual(['Dataset001_X', 'Dataset002_Y']);
  });

  describe('the preprocessed copy', () => {
    const raw = datasetJson(v2(1));
    test('found in a sibling nnUNet_preprocessed/ next to the raw root', async () => {
      const ds = makeDataset('Dataset001_X', raw, cases(['a']), { 'nnUNet_preprocessed/Dataset001_X/dataset.json': 'COPY' });
      const f = (await facts(ds.dir))!;
      expect(f.preprocessed).toEqual({
        source: 'sibling',
        root: path.join(ds.root, 'nnUNet_preprocessed'),
        path: path.join(ds.root, 'nnUNet_preprocessed', 'Dataset001_X', 'dataset.json'),
        text: 'COPY',
      });
      expect(f.idRoots.map((r) => r.kind)).toEqual(['raw', 'preprocessed']);
    });
    test('$nnUNet_preprocessed wins over the sibling; opts.preprocessedRoot over both', async () => {
      const ds = makeDataset('Dataset001_X', raw, cases(['a']), {
        'nnUNet_preprocessed/Dataset001_X/dataset.json': 'SIBLING',
        'env_pre/Dataset001_X/dataset.json': 'ENV',
        'opt_pre/Dataset001_X/dataset.json': 'OPTION',
      });
      expect((await collectFolderFacts(ds.dir, { env: { nnUNet_preprocessed: path.join(ds.root, 'env_pre') } }))!.preprocessed).toMatchObject({
        source: 'env',
        text: 'ENV',
      });
      expect(
        (await collectFolderFacts(ds.dir, { env: { nnUNet_preprocessed: path.join(ds.root, 'env_pre') }, preprocessedRoot: path.join(ds.root, 'opt_pre') }))!
          .preprocessed,
      ).toMatchObject({ source: 'option', text: 'OPTION' });
    });
    test('a UTF-16 copy is reported, not decoded', async () => {
      const ds = makeDataset('Dataset001_X', raw, cases(['a']), { 'nnUNet_preprocessed/Dataset001_X/dataset.json': Buffer.from([0xff, 0xfe, 0x7b, 0x00]) });
      expect((await facts(ds.dir))!.preprocessed).toMatchObject({ error: expect.stringContaining('UTF-16') });
    });
  });

  describe('the dataset key (F20)', () => {
    test('paths are checked inside the dataset folder only; ../../etc/passwd is reported, never followed', async () => {
      const json = datasetJson({
        ...v2(3),
        dataset: {
          a: { images: ['imagesTr/a_0000.nii.gz'], label: 'labelsTr/a.nii.gz' },
          b: { images: ['data/b/img.nii.gz', 'data/b/missing.nii.gz'], label: 'data/b/seg.nii.gz' },
          c: { images: ['../../etc/passwd', '/etc/passwd', '$DATA/c.nii.gz'], label: 'linked/c.nii.gz' },
          d: { images: ['data/b', 'data/nope/x.nii.gz', 'imagesTr/../labelsTr/a.nii.gz'], label: 42 },
        },
      });
      const ds = makeDataset('Dataset001_X', json, {
        ...cases(['a']),
        'data/b/img.nii.gz': NII,
        'data/b/seg.nii.gz': NII,
        'elsewhere/c.nii.gz': NII,
      });
      fs.symlinkSync(path.join(ds.dir, 'elsewhere'), path.join(ds.dir, 'linked'));
      const { fs: counting, calls } = countingFs();
      const f = (await collectFolderFacts(ds.dir, { env: {}, fs: counting }))!;
      expect(f.datasetKey!.paths).toEqual({
        'imagesTr/a_0000.nii.gz': 'exists',
        'labelsTr/a.nii.gz': 'exists',
        'data/b/img.nii.gz': 'exists',
        'data/b/missing.nii.gz': 'missing',
        'data/b/seg.nii.gz': 'exists',
        '../../etc/passwd': 'outside',
        '/etc/passwd': 'outside',
        '$DATA/c.nii.gz': 'variable',
        'linked/c.nii.gz': 'link',
        'data/b': 'not-a-file',
        'data/nope/x.nii.gz': 'missing',
        'imagesTr/../labelsTr/a.nii.gz': 'exists',
        '42': 'invalid',
      });
      // Nothing outside the dataset folder was touched because of a path in it.
      const raw = path.join(ds.root, 'nnUNet_raw');
      for (const c of calls) {
        expect(c.path === raw || c.path.startsWith(ds.dir + path.sep) || c.path === ds.dir || c.path.startsWith(path.join(ds.root, 'nnUNet_'))).toBe(true);
        expect(c.path).not.toContain('passwd');
        expect(c.path).not.toContain('elsewhere');
      }
    });

    test('a dataset key alone (no imagesTr/labelsTr) is enough to collect facts', async () => {
      const json = datasetJson({ ...v2(1), dataset: { a: { images: ['x.nii.gz'], label: 'y.nii.gz' } } });
      const ds = makeDataset('Dataset001_X', json, { 'x.nii.gz': NII });
      const f = (await facts(ds.dir))!;
      expect(f.imagesTr).toBeUndefined();
      expect(f.datasetKey!.paths).toEqual({ 'x.nii.gz': 'exists', 'y.nii.gz': 'missing' });
    });

    test('the parsed dataset.json given by the caller is used instead of reading it', async () => {
      const ds = makeDataset('Dataset001_X', datasetJson(v2(1)), {});
      const f = await facts(ds.dir, { datasetJson: parseDocument(datasetJson({ ...v2(1), dataset: { a: { images: [], label: 'l.nii.gz' } } })) });
      expect(f!.datasetKey!.paths).toEqual({ 'l.nii.gz': 'missing' });
    });

    test('insideRelative', () => {
      expect(insideRelative('a/../b')).toBe('b');
      expect(insideRelative('./a/b/')).toBe('a/b');
      expect(insideRelative('a/../../b')).toBeUndefined();
      expect(insideRelative('..')).toBeUndefined();
      expect(insideRelative('C:\\data\\x.nii.gz')).toBeUndefined();
      expect(insideRelative('')).toBeUndefined();
    });
  });

  test('a 4D image and an unreadable header are facts, not errors', async () => {
    const root = tmpRoot();
    writeTree(root, { 'D/imagesTr/a.nii.gz': nii4d(3), 'D/imagesTr/b_0000.png': 'not a png', 'D/labelsTr/a.nii.gz': NII });
    const f = (await facts(path.join(root, 'D')))!;
    expect(f.headers.map((h) => [h.file, h.header?.is4D ?? h.error !== undefined])).toEqual([
      ['a.nii.gz', true],
      ['b_0000.png', true],
    ]);
  });
});
