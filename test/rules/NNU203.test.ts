import { describe, test, expect } from '@jest/globals';
import NNU202 from '../../transforms/NNU202-legacy-modality.js';
import NNU203 from '../../transforms/NNU203-channel-names-inverted.js';
import { corpus, LAYOUTS, replaceOnce, run } from './nnu2xx-helpers.js';

const INVERTED = `{
    "channel_names": {
        "T2": 0,
        "ADC": 1
    },
    "labels": {
        "background": 0,
        "PZ": 1
    },
    "numTraining": 32,
    "file_ending": ".nii.gz"
}
`;
const FIXED = `{
    "channel_names": {
        "0": "T2",
        "1": "ADC"
    },
    "labels": {
        "background": 0,
        "PZ": 1
    },
    "numTraining": 32,
    "file_ending": ".nii.gz"
}
`;

describe('NNU203 channel-names-inverted: fixed', () => {
  test.each(LAYOUTS)('%s', (_name, layout) => {
    const r = run(layout(INVERTED), [NNU203]);
    expect(r.error).toBeUndefined();
    expect(r.output).toBe(layout(FIXED));
    expect(r.diagnostics).toHaveLength(1);
    const d = r.diagnostics[0]!;
    expect(d.code).toBe('NNU203');
    expect(d.severity).toBe('error');
    expect(d.fix).toMatchObject({ applicability: 'safe', applied: true, title: 'invert channel_names to index -> name {"0": "T2", "1": "ADC"}' });
    expect(d.message).toBe(
      `"channel_names" values must be channel names (strings such as "CT"), found "T2": 0; verify_dataset_integrity only counts the entries, then planning crashes with "AttributeError: 'int' object has no attribute 'casefold'" (#2443); ` +
        `fix: invert to index -> name {"0": "T2", "1": "ADC"}, names unchanged`,
    );
    expect(r.remaining).toHaveLength(0);
  });

  test('minified, RGB as in #2443', () => {
    const r = run('{"channel_names":{"R":0,"G":1,"B":2},"labels":{"background":0},"numTraining":1,"file_ending":".png"}', [NNU203]);
    expect(r.output).toBe('{"channel_names":{"0":"R","1":"G","2":"B"},"labels":{"background":0},"numTraining":1,"file_ending":".png"}');
  });

  test('one-line object with spaces keeps its spacing', () => {
    const r = run('{"channel_names": {"T2" : 0, "ADC" : 1}, "labels": {"background": 0}}', [NNU203]);
    expect(r.output).toBe('{"channel_names": {"0" : "T2", "1" : "ADC"}, "labels": {"background": 0}}');
  });

  test('out of order: entries go to their index (nnU-Net uses written order)', () => {
    const input = '{\n    "channel_names": {\n        "ADC": 1,\n        "T2": 0\n    },\n    "labels": {"background": 0}\n}\n';
    const r = run(input, [NNU203]);
    expect(r.output).toBe('{\n    "channel_names": {\n        "0": "T2",\n        "1": "ADC"\n    },\n    "labels": {"background": 0}\n}\n');
    expect(r.diagnostics[0]!.message).toContain('entries placed in index order');
  });

  test('integer strings as values: silently wrong normalization, fixed too', () => {
    const input = '{"channel_names": {"CT": "0"}, "labels": {"background": 0}}';
    const r = run(input, [NNU203]);
    expect(r.output).toBe('{"channel_names": {"0": "CT"}, "labels": {"background": 0}}');
    expect(r.diagnostics[0]!.message).toContain('every channel is called "0" and z-score normalized');
  });

  test('names are never changed (noNorm, escapes, non-ASCII stay byte-exact)', () => {
    const input = '{"channel_names": {"noNorm": 0, "\\u00e9chographie": 1, "ct": 2}, "labels": {"background": 0}}';
    const r = run(input, [NNU203]);
    expect(r.output).toBe('{"channel_names": {"0": "noNorm", "1": "\\u00e9chographie", "2": "ct"}, "labels": {"background": 0}}');
  });

  test('an inverted v1 modality: NNU202 renames, NNU203 inverts', () => {
    const input = '{\n\t"modality": {\n\t\t"T1": 0\n\t},\n\t"labels": {"background": 0}\n}';
    const alone = run(input, [NNU203]);
    expect(alone.output).toBe('{\n\t"modality": {\n\t\t"0": "T1"\n\t},\n\t"labels": {"background": 0}\n}');
    const both = run(input, [NNU202, NNU203]);
    expect(both.output).toBe('{\n\t"channel_names": {\n\t\t"0": "T1"\n\t},\n\t"labels": {"background": 0}\n}');
    expect(both.diagnostics.every((d) => d.fix.applied)).toBe(true);
  });
});

describe('NNU203 channel-names-inverted: no fix', () => {
  const noFix = (input: string, text: string) => {
    const r = run(input, [NNU203]);
    expect(r.output).toBe(input);
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0]!.fix.applicability).toBe('none');
    expect(r.diagnostics[0]!.message).toContain(text);
  };

  test('1-based values', () => noFix('{"channel_names": {"R": 1, "G": 2, "B": 3}, "labels": {"background": 0}}', 'the values 1, 2, 3 are not the channel indices 0..2'));
  test('repeated values', () => noFix('{"channel_names": {"T1": 0, "T2": 0}, "labels": {"background": 0}}', 'the values 0, 0 are not the channel indices 0..1'));
  test('a repeated name', () => noFix('{"channel_names": {"T1": 0, "T1": 1}, "labels": {"background": 0}}', 'the name "T1" appears twice'));
  test('some keys are indices', () => noFix('{"channel_names": {"0": "T2", "ADC": 1}, "labels": {"background": 0}}', 'found "ADC": 1'));
  test('integer values under integer keys', () => noFix('{"channel_names": {"0": 0}, "labels": {"background": 0}}', `"AttributeError: 'int' object has no attribute 'casefold'"`));
  test('a float value', () => noFix('{"channel_names": {"T2": 0.0}, "labels": {"background": 0}}', `'float' object`));
  test('a list value', () => noFix('{"channel_names": {"0": ["R", "G"]}, "labels": {"background": 0}}', `'list' object`));
  test('null value', () => noFix('{"channel_names": {"0": null}, "labels": {"background": 0}}', `'NoneType' object`));

  test('a v2 channel_names is fine', () => {
    expect(run(FIXED, [NNU203]).diagnostics).toHaveLength(0);
  });
});

describe('NNU203 on real files', () => {
  test('052 (RGB .png) and 064 are correct: nothing reported', () => {
    for (const id of ['052', '064', '059']) {
      const input = corpus(id);
      const r = run(input, [NNU203]);
      expect(r.diagnostics).toHaveLength(0);
      expect(r.output).toBe(input);
    }
  });

  test('052 with its channel_names inverted by hand comes back byte for byte', () => {
    const original = corpus('052');
    const m = /"channel_names": \{\s*"0": "R",\s*"1": "G",\s*"2": "B"\s*\}/.exec(original);
    expect(m).not.toBeNull();
    const block = m![0];
    const broken = replaceOnce(original, block, block.replace('"0": "R"', '"R": 0').replace('"1": "G"', '"G": 1').replace('"2": "B"', '"B": 2'));
    expect(broken).not.toBe(original);
    const r = run(broken, [NNU203]);
    expect(r.error).toBeUndefined();
    expect(r.output).toBe(original);
  });

  test('066 (CRLF) inverted by hand comes back byte for byte', () => {
    const original = corpus('066');
    const m = /"channel_names": \{\r\n[^}]*\}/.exec(original);
    expect(m).not.toBeNull();
    const block = m![0];
    const inverted = block.replace(/"(\d+)": ("[^"]*")/g, (_all, k: string, v: string) => `${v}: ${k}`);
    expect(inverted).not.toBe(block);
    const r = run(replaceOnce(original, block, inverted), [NNU203]);
    expect(r.error).toBeUndefined();
    expect(r.output).toBe(original);
  });
});
