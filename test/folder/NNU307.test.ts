/**
 * NNU307 and the preprocessed-copy step: the copy nnU-Net trains from is compared with what
 * the raw dataset.json will hold after this run, repaired with the same edits under --fix, and
 * written under the same rules as the raw file (inside the named paths, through symlinks to
 * their target, never ahead of its raw file). One story in every report: the message, the
 * diagnostic's fix state and the diff agree.
 */
import { describe, expect, test } from '@jest/globals';
import fs from 'node:fs';
import path from 'node:path';
import NNU102 from '../../transforms/NNU102-labels-inverted.js';
import NNU301 from '../../transforms/NNU301-num-training-mismatch.js';
import NNU307 from '../../transforms/NNU307-stale-preprocessed-copy.js';
import { planCopy } from '../../src/copy-step.js';
import { fixText } from '../../src/engine.js';
import { scan, type ScanOptions } from '../../src/run.js';
import type { Rule } from '../../src/types.js';
import { cases, facts, makeDataset, type Dataset } from './helpers.js';

const inverted = `{
    "channel_names": {
        "0": "CT"
    },
    "labels": {
        "0": "background",
        "1": "liver"
    },
    "numTraining": 2,
    "file_ending": ".nii.gz"
}`;
const fixed = inverted.replace('"0": "background",\n        "1": "liver"', '"background": 0,\n        "liver": 1');
const COPY = 'nnUNet_preprocessed/Dataset001_Liver/dataset.json';

/** scan() one dataset from its root, with the copy looked up next to nnUNet_raw. */
async function scanOne(ds: Dataset, rules: Rule[], opts: Partial<ScanOptions> = {}) {
  const r = await scan({ paths: [ds.dir], cwd: ds.root, rules, preprocessedRoot: path.join(ds.root, 'nnUNet_preprocessed'), ...opts });
  // naming a folder that holds nnUNet_preprocessed also finds the copy as a dataset.json of its own
  return r.files.find((f) => f.path.startsWith('nnUNet_raw/'))!;
}

const read = (ds: Dataset, rel: string) => fs.readFileSync(path.join(ds.root, rel), 'utf8');
/** The raw dataset folder and the folder of its preprocessed copy: --fix may write both. */
const bothFolders = (ds: Dataset) => [ds.dir, path.join(ds.root, 'nnUNet_preprocessed', 'Dataset001_Liver')];

describe('NNU307 stale-preprocessed-copy', () => {
  test('the raw file was repaired earlier, the copy was not: it differs, and --fix can repair it', async () => {
    const ds = makeDataset('Dataset001_Liver', fixed, cases(['a', 'b']), { [COPY]: inverted });
    const f = await scanOne(ds, [NNU102, NNU307], { paths: bothFolders(ds) });
    expect(f.diagnostics).toEqual([
      expect.objectContaining({
        code: 'NNU307',
        severity: 'warning',
        line: 1,
        message: `the preprocessed copy "${COPY}" differs from this file in labels`,
        nnunet: 'reads that copy in preprocessing and training, not this file, so it would keep the old value',
        help: 're-running nnUNetv2_plan_and_preprocess -d 1 also refreshes it',
        fix: expect.objectContaining({ applicability: 'safe', available: true, applied: false, title: `give ${COPY} the same repairs` }),
      }),
    ]);
    expect(f.remaining).toEqual([]); // --fix would leave nothing
    expect(f.preprocessedCopy).toEqual({ path: COPY, action: 'write' });
    expect(f.diff).toContain(`--- a/${COPY}`);
  });

  test("a byte copy of the file as it is: found stale only because of this run's fixes, and said so", async () => {
    const ds = makeDataset('Dataset001_Liver', inverted, cases(['a', 'b']), { [COPY]: inverted });
    const f = await scanOne(ds, [NNU102, NNU307], { paths: bothFolders(ds) });
    expect(f.diagnostics.map((d) => [d.code, d.fix.available])).toEqual([
      ['NNU307', true],
      ['NNU102', true],
    ]);
    expect(f.diagnostics[0]).toMatchObject({
      message: `the preprocessed copy "${COPY}" is stale in labels after this run's fixes`,
      help: 'it is a copy of this file as it is now; re-running nnUNetv2_plan_and_preprocess -d 1 also refreshes it',
    });
    expect(f.remaining).toEqual([]);
  });

  test('--fix writes the copy only when its folder is named too, and reports exactly what happened', async () => {
    const ds = makeDataset('Dataset001_Liver', inverted, cases(['a', 'b']), { [COPY]: inverted });
    const only = await scanOne(ds, [NNU102, NNU307], { fix: true });
    expect(read(ds, 'nnUNet_raw/Dataset001_Liver/dataset.json')).toBe(fixed);
    expect(read(ds, COPY)).toBe(inverted); // not named: not written
    expect(only.preprocessedCopy?.error).toMatch(/^not written: it is outside the folders you named \(name nnUNet_preprocessed too/);
    expect(only.diagnostics.find((d) => d.code === 'NNU307')!.fix.applied).toBe(false);
    expect(only.remaining.map((d) => d.code)).toEqual(['NNU307']);

    const both = await scan({
      paths: [ds.dir, path.join(ds.root, 'nnUNet_preprocessed', 'Dataset001_Liver')],
      cwd: ds.root,
      rules: [NNU102, NNU307],
      fix: true,
      preprocessedRoot: path.join(ds.root, 'nnUNet_preprocessed'),
    });
    expect(read(ds, COPY)).toBe(fixed);
    const raw = both.files.find((x) => x.path.startsWith('nnUNet_raw'))!;
    expect(raw.remaining).toEqual([]);
    // a second run: nothing left anywhere
    const again = await scan({ paths: [ds.root], cwd: ds.root, rules: [NNU102, NNU307], preprocessedRoot: path.join(ds.root, 'nnUNet_preprocessed') });
    expect(again.files.flatMap((x) => x.diagnostics)).toEqual([]);
  });

  test("both named: the copy gets one treatment (its raw dataset's copy step, with the raw folder's facts) and one diff", async () => {
    // numTraining is wrong in both; only the raw dataset's folder tells the right count (NNU301, unsafe)
    const text = inverted.replace('"numTraining": 2', '"numTraining": 5');
    const ds = makeDataset('Dataset001_Liver', text, cases(['a', 'b']), { [COPY]: text });
    const opts = {
      paths: [ds.root],
      cwd: ds.root,
      rules: [NNU102, NNU301, NNU307],
      unsafeFixes: true,
      preprocessedRoot: path.join(ds.root, 'nnUNet_preprocessed'),
    };
    const dry = await scan(opts);
    expect(dry.files.map((f) => f.path)).toEqual(['nnUNet_raw/Dataset001_Liver/dataset.json']); // the copy is not a file of its own
    expect(dry.files[0]!.diff.match(/^--- a\//gm)).toHaveLength(2); // the raw file and its copy, once each
    const r = await scan({ ...opts, fix: true });
    const raw = r.files[0]!;
    expect(raw.preprocessedCopy).toEqual({ path: COPY, action: 'write', written: true });
    expect(raw.diagnostics.find((d) => d.code === 'NNU307')).toMatchObject({ fix: { applicability: 'unsafe', available: true, applied: true } });
    expect(raw.remaining).toEqual([]);
    expect(read(ds, COPY)).toBe(fixed);
    expect(read(ds, 'nnUNet_raw/Dataset001_Liver/dataset.json')).toBe(fixed);
  });

  test('a symlinked copy is written through to its target; the link stays a link', async () => {
    const ds = makeDataset('Dataset001_Liver', inverted, cases(['a', 'b']), { 'store/copy.json': inverted });
    fs.mkdirSync(path.join(ds.root, 'nnUNet_preprocessed', 'Dataset001_Liver'), { recursive: true });
    fs.symlinkSync(path.join(ds.root, 'store', 'copy.json'), path.join(ds.root, COPY));
    // the link's target (store/) is outside nnUNet_raw and nnUNet_preprocessed: not written
    const f = await scanOne(ds, [NNU102, NNU307], { fix: true, paths: [path.join(ds.root, 'nnUNet_raw'), path.join(ds.root, 'nnUNet_preprocessed')] });
    expect(f.preprocessedCopy?.error).toMatch(/outside the folders you named/);
    expect(fs.lstatSync(path.join(ds.root, COPY)).isSymbolicLink()).toBe(true);
    expect(read(ds, 'store/copy.json')).toBe(inverted);
    // naming the folder of the link's target: the copy step writes through the link
    fs.writeFileSync(path.join(ds.dir, 'dataset.json'), inverted);
    const g = await scanOne(ds, [NNU102, NNU307], { fix: true, paths: [ds.dir, path.join(ds.root, 'store')] });
    expect(g.preprocessedCopy?.written).toBe(true);
    expect(fs.lstatSync(path.join(ds.root, COPY)).isSymbolicLink()).toBe(true);
    expect(read(ds, 'store/copy.json')).toBe(fixed);
    expect(g.diff).toContain('--- a/store/copy.json');
  });

  test('differences outside the keys nnU-Net reads are ignored', async () => {
    const copy = fixed.replace('{\n', '{\n    "description": "old text",\n');
    const ds = makeDataset('Dataset001_Liver', fixed, cases(['a', 'b']), { [COPY]: copy });
    expect((await scanOne(ds, [NNU307])).diagnostics).toEqual([]);
  });

  test('key order counts (region order is key order)', async () => {
    const copy = fixed.replace('"background": 0,\n        "liver": 1', '"liver": 1,\n        "background": 0');
    const ds = makeDataset('Dataset001_Liver', fixed, cases(['a', 'b']), { [COPY]: copy });
    const f = await scanOne(ds, [NNU307]);
    expect(f.diagnostics[0]).toMatchObject({
      message: `the preprocessed copy "${COPY}" differs from this file in labels`,
      help: 'the same repairs cannot reproduce it (edited after planning?): re-run nnUNetv2_plan_and_preprocess -d 1',
    });
    expect(f.diagnostics[0]!.fix).toMatchObject({ applicability: 'none', available: false });
    expect(f.remaining.map((d) => d.code)).toEqual(['NNU307']);
  });

  test('an unreadable copy', async () => {
    const ds = makeDataset('Dataset001_Liver', fixed, cases(['a']), { [COPY]: '{"labels": ' });
    const f = await scanOne(ds, [NNU307]);
    expect(f.diagnostics.map(({ message, nnunet, help }) => ({ message, nnunet, help }))).toEqual([
      {
        message: `the preprocessed copy "${COPY}" cannot be read`,
        nnunet: 'reads that copy in preprocessing and training, not this file',
        help: 'it is not valid JSON; re-run nnUNetv2_plan_and_preprocess -d 1',
      },
    ]);
  });

  test('negative: no copy, identical copy', async () => {
    expect((await scanOne(makeDataset('Dataset001_Liver', fixed, cases(['a', 'b'])), [NNU307])).diagnostics).toEqual([]);
    expect((await scanOne(makeDataset('Dataset001_Liver', fixed, cases(['a', 'b']), { [COPY]: fixed }), [NNU307])).diagnostics).toEqual([]);
  });
});

describe('planCopy', () => {
  const plan = (rawText: string, copyText: string | undefined, options: Parameters<typeof fixText>[1]) =>
    planCopy(
      fixText(rawText, options),
      { path: COPY, text: copyText, error: copyText === undefined ? 'EACCES' : undefined },
      'nnUNetv2_plan_and_preprocess -d 1',
      options ?? {},
    );

  test('the copy is the byte copy of the raw input: it gets the same output', async () => {
    const ds = makeDataset('Dataset001_Liver', inverted, cases(['a', 'b']), { [COPY]: inverted });
    const folder = await facts(ds.dir);
    expect(plan(inverted, inverted, { rules: [NNU102, NNU307], folder })).toMatchObject({
      action: 'write',
      staleBefore: [],
      staleAfter: ['labels'],
      newText: fixed,
      applicability: 'safe',
    });
  });

  test('a copy with other formatting is repaired on its own and accepted when it lands on the same values', () => {
    const copy = inverted.replace(/\n {8}/g, '\n\t\t').replace(/\n {4}/g, '\n\t');
    const p = plan(inverted, copy, { rules: [NNU102] });
    expect(p.action).toBe('write');
    expect(p.newText).toBe(fixed.replace(/\n {8}/g, '\n\t\t').replace(/\n {4}/g, '\n\t'));
  });

  test('the raw file was already fixed earlier: the copy gets the repairs the raw file had', () => {
    expect(plan(fixed, inverted, { rules: [NNU102] })).toMatchObject({ action: 'write', newText: fixed, staleBefore: ['labels'] });
  });

  test('unsafe repairs carry over only with the same flags, and say so', async () => {
    const text = inverted.replace('"numTraining": 2', '"numTraining": 5');
    const ds = makeDataset('Dataset001_Liver', text, cases(['a', 'b']), { [COPY]: text });
    const folder = await facts(ds.dir);
    expect(plan(text, text, { rules: [NNU102, NNU301], folder, unsafeFixes: true })).toMatchObject({
      action: 'write',
      newText: fixed,
      applicability: 'unsafe',
      staleAfter: ['labels', 'numTraining'],
    });
  });

  test('a hand-edited raw file the repairs cannot reproduce: manual (re-plan)', () => {
    expect(plan(fixed.replace('"liver": 1', '"liver": 1,\n        "tumor": 2'), inverted, { rules: [NNU102] })).toMatchObject({
      action: 'manual',
      staleAfter: ['labels'],
    });
  });

  test('in sync, unreadable, not JSON', () => {
    expect(plan(inverted, fixed, { rules: [NNU102] }).action).toBe('in-sync');
    expect(plan(inverted, undefined, { rules: [NNU102] })).toMatchObject({ action: 'unreadable', error: 'EACCES' });
    expect(plan(inverted, '{', { rules: [NNU102] })).toMatchObject({ action: 'unreadable', error: 'it is not valid JSON' });
  });
});
