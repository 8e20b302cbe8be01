import { describe, test, expect } from '@jest/globals';
import NNU201 from '../../transforms/NNU201-missing-key.js';
import NNU202 from '../../transforms/NNU202-legacy-modality.js';
import NNU102 from '../../transforms/NNU102-labels-inverted.js';
import NNU207 from '../../transforms/NNU207-legacy-v1-keys.js';
import { corpus, LAYOUTS, replaceOnce, run } from './nnu2xx-helpers.js';

const V1_MODALITY = `{
    "name": "Prostate",
    "modality": {
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
const RENAMED = V1_MODALITY.replace('"modality"', '"channel_names"');

const BOTH_SAME = `{
    "channel_names": {
        "0": "T2",
        "1": "ADC"
    },
    "modality": {
        "0": "T2",
        "1": "ADC"
    },
    "labels": {
        "background": 0
    },
    "numTraining": 32,
    "file_ending": ".nii.gz"
}
`;
const BOTH_SAME_FIXED = `{
    "channel_names": {
        "0": "T2",
        "1": "ADC"
    },
    "labels": {
        "background": 0
    },
    "numTraining": 32,
    "file_ending": ".nii.gz"
}
`;

describe('NNU202 legacy-modality: rename modality -> channel_names', () => {
  test.each(LAYOUTS)('%s', (_name, layout) => {
    const r = run(layout(V1_MODALITY), [NNU202]);
    expect(r.error).toBeUndefined();
    expect(r.output).toBe(layout(RENAMED));
    expect(r.diagnostics).toHaveLength(1);
    const d = r.diagnostics[0]!;
    expect(d.code).toBe('NNU202');
    expect(d.severity).toBe('error');
    expect(d.fix).toMatchObject({ applicability: 'safe', applied: true, title: 'rename "modality" to "channel_names"' });
    expect(d.message).toContain(`Missing: ['channel_names']`);
    expect(d.message).toContain('WARNING: "modalities" should be renamed to "channel_names" in dataset.json. This will be enforced soon!');
    expect(r.remaining).toHaveLength(0);
  });

  test('minified single line', () => {
    const input = '{"modality":{"0":"CT"},"labels":{"background":0,"liver":1},"numTraining":2,"file_ending":".nii.gz"}';
    const r = run(input, [NNU202]);
    expect(r.output).toBe('{"channel_names":{"0":"CT"},"labels":{"background":0,"liver":1},"numTraining":2,"file_ending":".nii.gz"}');
  });

  test('the Missing list is the one nnU-Net prints', () => {
    const r = run('{"modality": {"0": "CT"}, "labels": {"background": 0}}\n', [NNU202]);
    expect(r.diagnostics[0]!.message).toContain(`Missing: ['channel_names', 'numTraining', 'file_ending']`);
    expect(r.output).toBe('{"channel_names": {"0": "CT"}, "labels": {"background": 0}}\n');
  });

  test('modality that is not an object: no fix', () => {
    const input = '{\n    "modality": "CT",\n    "labels": {"background": 0}\n}\n';
    const r = run(input, [NNU202]);
    expect(r.output).toBe(input);
    expect(r.diagnostics[0]!.fix.applicability).toBe('none');
    expect(r.diagnostics[0]!.message).toContain('its value is a string');
  });

  test('modality twice: no fix (renaming the last would revive the first)', () => {
    const input = '{\n    "modality": {"0": "T1"},\n    "modality": {"0": "T2"},\n    "labels": {"background": 0}\n}\n';
    const r = run(input, [NNU202]);
    expect(r.output).toBe(input);
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0]!.fix.applicability).toBe('none');
    expect(r.diagnostics[0]!.message).toContain('appears more than once');
  });
});

describe('NNU202 legacy-modality: both keys present', () => {
  test.each(LAYOUTS)('same entries: remove modality (%s)', (_name, layout) => {
    const r = run(layout(BOTH_SAME), [NNU202]);
    expect(r.error).toBeUndefined();
    expect(r.output).toBe(layout(BOTH_SAME_FIXED));
    expect(r.diagnostics[0]!.fix).toMatchObject({ applicability: 'safe', applied: true });
    expect(r.diagnostics[0]!.message).toContain('prefers "modality"');
  });

  test('same entries, modality last: the comma before it goes too', () => {
    const input = '{\n    "channel_names": {"0": "CT"},\n    "labels": {"background": 0},\n    "modality": {"0": "CT"}\n}';
    const r = run(input, [NNU202]);
    expect(r.output).toBe('{\n    "channel_names": {"0": "CT"},\n    "labels": {"background": 0}\n}');
  });

  test('same entries, minified', () => {
    const r = run('{"modality":{"0":"CT"},"channel_names":{"0":"CT"},"labels":{"background":0}}', [NNU202]);
    expect(r.output).toBe('{"channel_names":{"0":"CT"},"labels":{"background":0}}');
  });

  test('same names written with different escapes still count as the same', () => {
    const r = run('{"channel_names": {"0": "\\u0043T"}, "modality": {"0": "CT"}, "labels": {"background": 0}}', [NNU202]);
    expect(r.output).toBe('{"channel_names": {"0": "\\u0043T"}, "labels": {"background": 0}}');
  });

  test('different entries: no fix, the message says modality wins the channel count', () => {
    const input = `{
    "channel_names": {
        "0": "T2"
    },
    "modality": {
        "0": "T2",
        "1": "ADC"
    },
    "labels": {
        "background": 0
    }
}
`;
    const r = run(input, [NNU202]);
    expect(r.output).toBe(input);
    expect(r.diagnostics).toHaveLength(1);
    const d = r.diagnostics[0]!;
    expect(d.fix.applicability).toBe('none');
    expect(d.severity).toBe('error');
    expect(d.message).toBe(
      `"modality" (2 entries) and "channel_names" (1 entry) disagree; nnU-Net's determine_num_input_channels prefers "modality" over "channel_names", so the network's input channels come from the stale "modality" while normalization follows "channel_names". ` +
        `Not fixed automatically: delete whichever one does not match the channel files of a case (_0000, _0001, ...), usually "modality"`,
    );
  });

  test('same names in a different order: no fix', () => {
    const input = '{"channel_names": {"0": "T2", "1": "ADC"}, "modality": {"1": "ADC", "0": "T2"}, "labels": {"background": 0}}';
    const r = run(input, [NNU202]);
    expect(r.output).toBe(input);
    expect(r.diagnostics[0]!.fix.applicability).toBe('none');
  });

  test('no modality: nothing to report', () => {
    const r = run(BOTH_SAME_FIXED, [NNU202]);
    expect(r.diagnostics).toHaveLength(0);
    expect(r.output).toBe(BOTH_SAME_FIXED);
  });
});

describe('NNU202 on real files', () => {
  test('026 (CRLF): only the key token changes', () => {
    const input = corpus('026');
    const r = run(input, [NNU202]);
    expect(r.error).toBeUndefined();
    expect(r.output).toBe(replaceOnce(input, '"modality": {\r\n', '"channel_names": {\r\n'));
  });

  test('034 (converted but modality kept, no channel_names): renamed in place', () => {
    const input = corpus('034');
    const r = run(input, [NNU202]);
    expect(r.output).toBe(replaceOnce(input, '"modality"', '"channel_names"'));
  });

  test('001 full v1 -> v2 (NNU202 + NNU201 + NNU102, unsafe): three spots change, nothing else', () => {
    const input = corpus('001');
    const r = run(input, [NNU202, NNU201, NNU102, NNU207], true);
    expect(r.error).toBeUndefined();
    let expected = replaceOnce(input, '"modality": { \n', '"channel_names": { \n');
    expected = replaceOnce(
      expected,
      '"0": "background", \n\t "1": "edema",\n\t "2": "non-enhancing tumor",\n\t "3": "enhancing tumour"\n',
      '"background": 0, \n\t "edema": 1,\n\t "non-enhancing tumor": 2,\n\t "enhancing tumour": 3\n',
    );
    expect(expected.endsWith('"./imagesTs/BRATS_576.nii.gz"]\n }\n')).toBe(true);
    expected = expected.slice(0, -4) + ',\n "file_ending": ".nii.gz"\n }\n';
    expect(r.output).toBe(expected);
    expect(r.applied.map((a) => a.code).sort()).toEqual(['NNU102', 'NNU201', 'NNU202']);
    // What is left is the v1 keys warning, kept on purpose.
    expect(r.remaining.map((d) => d.code)).toEqual(['NNU207']);
  });
});
