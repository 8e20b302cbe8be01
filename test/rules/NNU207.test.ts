import { describe, test, expect } from '@jest/globals';
import NNU207 from '../../transforms/NNU207-legacy-v1-keys.js';
import { corpus, LAYOUTS, run } from './nnu2xx-helpers.js';

const V1 = `{
    "name": "Prostate",
    "tensorImageSize": "4D",
    "channel_names": {
        "0": "T2"
    },
    "labels": {
        "background": 0
    },
    "numTraining": 1,
    "numTest": 1,
    "file_ending": ".nii.gz",
    "training": [
        {"image": "./imagesTr/prostate_00.nii.gz", "label": "./labelsTr/prostate_00.nii.gz"}
    ],
    "test": ["./imagesTs/prostate_01.nii.gz"]
}
`;

describe('NNU207 legacy-v1-keys', () => {
  test.each(LAYOUTS)('one warning naming every v1 key, nothing changed (%s)', (_name, layout) => {
    const input = layout(V1);
    const r = run(input, [NNU207], true);
    expect(r.output).toBe(input);
    expect(r.diagnostics).toHaveLength(1);
    const d = r.diagnostics[0]!;
    expect(d.code).toBe('NNU207');
    expect(d.severity).toBe('warning');
    expect(d.fix.applicability).toBe('none');
    expect(d.line).toBe(3);
    expect(d.message).toBe(
      `v1/MSD keys "tensorImageSize", "numTest", "training", "test": nnU-Net v2 ignores them (v2 finds the cases in imagesTr/labelsTr by file name, whatever "training" lists); kept, delete by hand if you want a clean v2 file`,
    );
  });

  test('only what nnUNetv2_convert_MSD_dataset keeps: info', () => {
    const input = '{"channel_names": {"0": "CT"}, "labels": {"background": 0}, "numTraining": 1, "numTest": 0, "file_ending": ".nii.gz"}';
    const r = run(input, [NNU207]);
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0]!.severity).toBe('info');
    expect(r.diagnostics[0]!.message).toBe(
      'v1/MSD key "numTest": nnU-Net v2 ignores it (nnUNetv2_convert_MSD_dataset keeps these two itself); kept, delete by hand if you want a clean v2 file',
    );
  });

  test('only a test list: warning', () => {
    const r = run('{"labels": {"background": 0}, "test": []}', [NNU207]);
    expect(r.diagnostics[0]!.severity).toBe('warning');
    expect(r.diagnostics[0]!.message).toContain('whatever "test" lists');
  });

  test('a clean v2 file: nothing', () => {
    const input = '{"channel_names": {"0": "CT"}, "labels": {"background": 0}, "numTraining": 1, "file_ending": ".nii.gz"}';
    expect(run(input, [NNU207]).diagnostics).toHaveLength(0);
  });
});

describe('NNU207 on real files', () => {
  test('001 and 026 (CRLF): one warning each, bytes untouched', () => {
    const r1 = run(corpus('001'), [NNU207], true);
    expect(r1.output).toBe(corpus('001'));
    expect(r1.diagnostics.map((d) => [d.severity, d.line])).toEqual([['warning', 7]]);
    expect(r1.diagnostics[0]!.message).toContain('keys "tensorImageSize", "numTest", "training", "test"');

    const r2 = run(corpus('026'), [NNU207], true);
    expect(r2.output).toBe(corpus('026'));
    expect(r2.diagnostics[0]!.message).toContain('keys "numTest", "tensorImageSize", "test", "training"');
  });

  test('035, 042 (nnUNetv2_convert_MSD_dataset output): info; 041 (training kept in a v2 file): warning', () => {
    expect(run(corpus('035'), [NNU207]).diagnostics.map((d) => d.severity)).toEqual(['info']);
    expect(run(corpus('042'), [NNU207]).diagnostics.map((d) => d.severity)).toEqual(['info']);
    expect(run(corpus('041'), [NNU207]).diagnostics.map((d) => d.severity)).toEqual(['warning']);
  });

  test('049 (clean v2): nothing', () => {
    expect(run(corpus('049'), [NNU207]).diagnostics).toHaveLength(0);
  });
});
