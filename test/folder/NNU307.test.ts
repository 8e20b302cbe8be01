import { describe, expect, test } from '@jest/globals';
import NNU102 from '../../transforms/NNU102-labels-inverted.js';
import NNU301 from '../../transforms/NNU301-num-training-mismatch.js';
import NNU307 from '../../transforms/NNU307-stale-preprocessed-copy.js';
import { fixText } from '../../src/engine.js';
import { planPreprocessedCopyFix } from '../../src/folder/preprocessed.js';
import { cases, facts, makeDataset, messages, runOn } from './helpers.js';

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

describe('NNU307 stale-preprocessed-copy', () => {
  test('the raw file was repaired, the copy was not: warning naming the stale keys', async () => {
    const ds = makeDataset('Dataset001_Liver', fixed, cases(['a', 'b']), { [COPY]: inverted });
    const r = await runOn(ds, [NNU307]);
    expect(r.diagnostics).toEqual([
      expect.objectContaining({
        code: 'NNU307',
        severity: 'warning',
        line: 1,
        message:
          `the preprocessed copy "${ds.root}/${COPY}" differs from this file in labels; nnUNetv2_plan_and_preprocess copied dataset.json there and preprocessing and training read the copy, ` +
          'so nnU-Net still uses the old value. nnunet-doctor --fix gives the copy the same repairs when it can; otherwise re-run nnUNetv2_plan_and_preprocess -d 1',
      }),
    ]);
  });

  test('in the engine the warning appears once --fix changes the raw file (remaining), not before', async () => {
    const ds = makeDataset('Dataset001_Liver', inverted, cases(['a', 'b']), { [COPY]: inverted });
    const r = await runOn(ds, [NNU102, NNU307]);
    expect(r.output).toBe(fixed);
    expect(r.diagnostics.map((d) => d.code)).toEqual(['NNU102']);
    expect(r.remaining.map((d) => d.code)).toEqual(['NNU307']);
  });

  test('differences outside the keys nnU-Net reads are ignored', async () => {
    const copy = fixed.replace('{\n', '{\n    "description": "old text",\n');
    const ds = makeDataset('Dataset001_Liver', fixed, cases(['a', 'b']), { [COPY]: copy });
    expect((await runOn(ds, [NNU307])).diagnostics).toEqual([]);
  });

  test('key order counts (region order is key order)', async () => {
    const copy = fixed.replace('"background": 0,\n        "liver": 1', '"liver": 1,\n        "background": 0');
    const ds = makeDataset('Dataset001_Liver', fixed, cases(['a', 'b']), { [COPY]: copy });
    expect(messages(await runOn(ds, [NNU307]), 'NNU307')[0]).toContain('differs from this file in labels;');
  });

  test('an unreadable copy', async () => {
    const ds = makeDataset('Dataset001_Liver', fixed, cases(['a']), { [COPY]: '{"labels": ' });
    expect(messages(await runOn(ds, [NNU307]), 'NNU307')).toEqual([
      `the preprocessed copy "${ds.root}/${COPY}" is not valid JSON; preprocessing and training read that copy, not this file. Re-run nnUNetv2_plan_and_preprocess -d 1, or run nnunet-doctor on the copy`,
    ]);
  });

  test('negative: no copy, identical copy', async () => {
    expect((await runOn(makeDataset('Dataset001_Liver', fixed, cases(['a', 'b'])), [NNU307])).diagnostics).toEqual([]);
    expect((await runOn(makeDataset('Dataset001_Liver', fixed, cases(['a', 'b']), { [COPY]: fixed }), [NNU307])).diagnostics).toEqual([]);
  });
});

describe('planPreprocessedCopyFix', () => {
  test('the copy is the byte copy of the raw input: it gets the same output', async () => {
    const ds = makeDataset('Dataset001_Liver', inverted, cases(['a', 'b']), { [COPY]: inverted });
    const folder = await facts(ds.dir);
    const options = { rules: [NNU102, NNU307], folder };
    const raw = fixText(inverted, options);
    expect(planPreprocessedCopyFix(raw, folder!.preprocessed!.text!, options)).toEqual({
      action: 'write',
      staleKeys: ['labels'],
      newText: fixed,
      applicability: 'safe',
      message: 'the preprocessed copy gets the same repairs (labels)',
    });
  });

  test('a copy with other formatting is repaired on its own and accepted when it lands on the same values', () => {
    const copy = inverted.replace(/\n {8}/g, '\n\t\t').replace(/\n {4}/g, '\n\t');
    const raw = fixText(inverted, { rules: [NNU102] });
    const plan = planPreprocessedCopyFix(raw, copy, { rules: [NNU102] });
    expect(plan.action).toBe('write');
    expect(plan.newText).toBe(fixed.replace(/\n {8}/g, '\n\t\t').replace(/\n {4}/g, '\n\t'));
  });

  test('the raw file was already fixed earlier: the copy gets the repairs the raw file had', () => {
    const raw = fixText(fixed, { rules: [NNU102] });
    expect(raw.changed).toBe(false);
    expect(planPreprocessedCopyFix(raw, inverted, { rules: [NNU102] })).toMatchObject({ action: 'write', newText: fixed });
  });

  test('unsafe repairs carry over only with the same flags, and say so', async () => {
    const text = inverted.replace('"numTraining": 2', '"numTraining": 5');
    const ds = makeDataset('Dataset001_Liver', text, cases(['a', 'b']), { [COPY]: text });
    const folder = await facts(ds.dir);
    const options = { rules: [NNU102, NNU301], folder, unsafeFixes: true };
    const raw = fixText(text, options);
    expect(raw.output).toBe(fixed);
    expect(planPreprocessedCopyFix(raw, text, options)).toMatchObject({ action: 'write', newText: fixed, applicability: 'unsafe', staleKeys: ['labels', 'numTraining'] });
  });

  test('a hand-edited raw file the repairs cannot reproduce: manual (re-plan)', () => {
    const raw = fixText(fixed.replace('"liver": 1', '"liver": 1,\n        "tumor": 2'), { rules: [NNU102] });
    expect(planPreprocessedCopyFix(raw, inverted, { rules: [NNU102] })).toEqual({
      action: 'manual',
      staleKeys: ['labels'],
      message: 'the preprocessed copy differs in labels in a way the repairs cannot reproduce: re-run nnUNetv2_plan_and_preprocess',
    });
  });

  test('in sync, and an unreadable copy', () => {
    const raw = fixText(inverted, { rules: [NNU102] });
    expect(planPreprocessedCopyFix(raw, fixed, { rules: [NNU102] }).action).toBe('in-sync');
    expect(planPreprocessedCopyFix(raw, '{', { rules: [NNU102] })).toMatchObject({ action: 'manual', staleKeys: ['(unreadable)'] });
  });
});
