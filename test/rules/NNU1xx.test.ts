/** NNU101-NNU110: labels. Detection, fix and no-fix cases with exact output. */
import { describe, expect, test } from '@jest/globals';
import { fixText } from '../../src/engine.js';

const run = (t: string, o: { select?: string[] } = {}) => fixText(t, { select: ['NNU1'], ...o });
const codes = (t: string, o = {}) => run(t, o).diagnostics.map((d) => d.code);
const only = (t: string, code: string) => run(t).diagnostics.filter((d) => d.code === code);

describe('NNU101 background-missing', () => {
  test.each([
    ['Background', '{"labels": {"Background": 0, "a": 1}}'],
    ['BG', '{"labels": {"BG": 0, "a": 1}}'],
    ['" background "', '{"labels": {" background ": 0, "a": 1}}'],
    ['backgroud', '{"labels": {"backgroud": 0, "a": 1}}'],
  ])('%s with value 0 is renamed', (_n, t) => {
    const r = run(t);
    expect(r.output).toBe('{"labels": {"background": 0, "a": 1}}');
    expect(r.diagnostics[0]).toMatchObject({ code: 'NNU101', fix: { applicability: 'safe', applied: true } });
    expect(r.diagnostics[0]!.message).toContain('found ');
  });
  test('labels starting at 1: background inserted first', () => {
    expect(run('{"labels": {"a": 1, "b": 2}}').output).toBe('{"labels": {"background": 0, "a": 1, "b": 2}}');
  });
  test('0 used by a real class: no fix, says relabel', () => {
    const t = '{"channel_names": {"0": "CT"}, "labels": {"tumour": 0, "edema": 1}}';
    const r = run(t);
    const d = r.diagnostics.find((x) => x.code === 'NNU101')!;
    expect(d.fix.applicability).toBe('none');
    expect(d.message).toContain('"tumour"');
    expect(d.message).toContain('relabel the segmentations');
    expect(r.output).toBe(t);
  });
  test('"Background" with a non-zero value is not renamed', () => {
    const r = run('{"labels": {"Background": 1, "a": 2}}');
    expect(r.diagnostics.find((d) => d.code === 'NNU101')!.fix.applicability).toBe('none');
  });
  test('inverted v1 labels with "Background": NNU101 and NNU102 together', () => {
    const r = run('{"labels": {"0": "Background", "1": "bone"}}');
    expect(r.diagnostics.map((d) => d.code)).toEqual(['NNU102', 'NNU101']);
    expect(r.output).toBe('{"labels": {"background": 0, "bone": 1}}');
  });
  test('exact "background" is fine', () => {
    expect(codes('{"labels": {"background": 0, "a": 1}}')).toEqual([]);
  });
});

describe('NNU102 labels-inverted', () => {
  test('the headline case', () => {
    const r = run('{"labels": {"0": "background", "1": "liver"}}');
    expect(r.output).toBe('{"labels": {"background": 0, "liver": 1}}');
    expect(r.diagnostics[0]!.message).toContain('found "0": "background" (v1/MSD style)');
  });
  test('two values with one name: no fix', () => {
    const t = '{"labels": {"0": "background", "1": "x", "2": "x"}}';
    const r = run(t);
    expect(r.output).toBe(t);
    expect(r.diagnostics[0]!.fix.applicability).toBe('none');
  });
  test('mixed keys are not inverted', () => {
    expect(codes('{"labels": {"0": "background", "liver": 1}}')).not.toContain('NNU102');
  });
});

describe('NNU103 background-not-zero', () => {
  test.each([['"0"'], ['0.0'], ['false'], ['[0]']])('%s becomes 0', (v) => {
    expect(run(`{"labels": {"background": ${v}, "a": 1}}`).output).toBe('{"labels": {"background": 0, "a": 1}}');
  });
  test('255: no fix', () => {
    const t = '{"labels": {"background": 255, "a": 1}}';
    const r = run(t);
    expect(r.output).toBe(t);
    expect(only(t, 'NNU103')[0]!.message).toContain('Background label must be 0');
  });
});

describe('NNU104 background-not-first (opt-in)', () => {
  const t = '{\n    "labels": {\n        "aorta": 1,\n        "background": 0\n    }\n}';
  test('off by default', () => {
    expect(codes(t)).toEqual([]);
  });
  test('on with --select NNU104: moved first, slots kept', () => {
    const r = run(t, { select: ['NNU104'] });
    expect(r.output).toBe('{\n    "labels": {\n        "background": 0,\n        "aorta": 1\n    }\n}');
  });
  test('a prefix does not turn it on', () => {
    expect(codes(t, { select: ['NNU1'] })).toEqual([]);
  });
});

describe('NNU105 label-value-not-int', () => {
  test('"1", 1.0 and true become integers (warnings)', () => {
    const r = run('{"labels": {"background": 0, "a": "1", "b": 2.0, "c": true}}');
    expect(r.output).toBe('{"labels": {"background": 0, "a": 1, "b": 2, "c": 1}}');
    expect(r.diagnostics.filter((d) => d.code === 'NNU105').map((d) => d.severity)).toEqual(['warning', 'warning', 'warning']);
  });
  test('"1.0" and "liver": errors without fix', () => {
    const t = '{"labels": {"background": 0, "a": "1.0", "b": "liver"}}';
    const ds = only(t, 'NNU105');
    expect(ds.map((d) => [d.severity, d.fix.applicability])).toEqual([['error', 'none'], ['error', 'none']]);
    expect(run(t).output).toBe(t);
  });
  test('values inside region lists', () => {
    expect(run('{"labels": {"background": 0, "r": [1, "2"], "x": 2}, "regions_class_order": [1, 2]}').output).toBe('{"labels": {"background": 0, "r": [1, 2], "x": 2}, "regions_class_order": [1, 2]}');
  });
});

describe('NNU106 labels-not-consecutive', () => {
  test('gap reported with nnU-Net wording, no fix', () => {
    const d = only('{"labels": {"background": 0, "a": 1, "b": 3}}', 'NNU106');
    expect(d[0]!.message).toContain('missing: 2');
    expect(d[0]!.message).toContain('Labels must be in consecutive order');
  });
  test('0/255 masks', () => {
    expect(only('{"labels": {"background": 0, "lesion": 255}}', 'NNU106')).toHaveLength(1);
  });
  test('consecutive with ignore is fine', () => {
    expect(codes('{"labels": {"background": 0, "a": 1, "ignore": 2}}')).toEqual([]);
  });
});

describe('NNU107 ignore-label', () => {
  test('"3" and 3.0 become 3', () => {
    expect(run('{"labels": {"background": 0, "a": 1, "b": 2, "ignore": "3"}}').output).toBe('{"labels": {"background": 0, "a": 1, "b": 2, "ignore": 3}}');
    expect(run('{"labels": {"background": 0, "a": 1, "b": 2, "ignore": 3.0}}').output).toBe('{"labels": {"background": 0, "a": 1, "b": 2, "ignore": 3}}');
  });
  test('not the highest: no fix, nnU-Net wording', () => {
    const d = only('{"labels": {"background": 0, "a": 1, "ignore": 5}}', 'NNU107');
    expect(d[0]!.message).toContain('must have the highest label value');
    expect(d[0]!.fix.applicability).toBe('none');
  });
  test('"Ignore" is a warning: treated as a normal class', () => {
    const d = only('{"labels": {"background": 0, "a": 1, "Ignore": 2}}', 'NNU107');
    expect(d[0]!.severity).toBe('warning');
  });
  test('a region ignore label', () => {
    expect(only('{"labels": {"background": 0, "a": 1, "ignore": [2, 3]}}', 'NNU107')[0]!.message).toContain('cannot be a region');
  });
});

describe('NNU108 regions', () => {
  test('missing regions_class_order', () => {
    expect(only('{"labels": {"background": 0, "whole": [1, 2], "core": 2}}', 'NNU108')[0]!.message).toContain('regions_class_order is missing');
  });
  test('wrong length', () => {
    expect(only('{"labels": {"background": 0, "whole": [1, 2], "core": 2}, "regions_class_order": [1]}', 'NNU108')[0]!.message).toContain('has 1 entries but labels define 2 regions');
  });
  test('BraTS-style file passes, and its labels are never reordered', () => {
    const t = '{"labels": {"background": 0, "whole tumor": [1, 2, 3], "tumor core": [2, 3], "enhancing tumor": 3}, "regions_class_order": [1, 2, 3]}';
    expect(codes(t, { select: ['NNU1', 'NNU104'] })).toEqual([]);
  });
});

describe('NNU109 duplicate-label-value', () => {
  test('two names, one value: warning, no fix', () => {
    const d = only('{"labels": {"background": 0, "a": 1, "b": 1, "c": 2}}', 'NNU109');
    expect(d[0]).toMatchObject({ severity: 'warning', fix: { applicability: 'none' } });
    expect(d[0]!.message).toContain('"a" and "b" share the value 1');
  });
});

describe('NNU110 labels-empty', () => {
  test('missing', () => {
    expect(codes('{"channel_names": {"0": "CT"}, "numTraining": 1, "file_ending": ".nii.gz"}')).toContain('NNU110');
  });
  test('empty', () => {
    expect(only('{"channel_names": {"0": "CT"}, "labels": {}}', 'NNU110')[0]!.message).toContain('"labels" is empty');
  });
});
