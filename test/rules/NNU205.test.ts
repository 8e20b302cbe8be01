import { describe, test, expect } from '@jest/globals';
import NNU205 from '../../transforms/NNU205-file-ending-format.js';
import { corpus, LAYOUTS, replaceOnce, run } from './nnu2xx-helpers.js';

const file = (value: string) => `{
    "channel_names": {
        "0": "CT"
    },
    "labels": {
        "background": 0
    },
    "numTraining": 3,
    "file_ending": ${value}
}
`;

describe('NNU205 file-ending-format: fixed', () => {
  test.each(LAYOUTS)('"nii.gz" -> ".nii.gz" (%s)', (_name, layout) => {
    const r = run(layout(file('"nii.gz"')), [NNU205]);
    expect(r.error).toBeUndefined();
    expect(r.output).toBe(layout(file('".nii.gz"')));
    expect(r.diagnostics).toHaveLength(1);
    const d = r.diagnostics[0]!;
    expect(d.code).toBe('NNU205');
    expect(d.severity).toBe('error');
    expect(d.fix).toMatchObject({ applicability: 'safe', applied: true, title: 'write file_ending as ".nii.gz"' });
    expect(d.message).toBe(
      `"file_ending" is "nii.gz", which has no leading dot; nnU-Net uses it as an exact suffix of the file names (str.endswith), so it finds no cases or garbled case names, ` +
        `and stops with "Unable to determine a reader for file ending nii.gz and file ... (file None means no file provided)."; fix: add the leading dot: ".nii.gz"`,
    );
    expect(r.remaining).toHaveLength(0);
  });

  test.each([
    ['" .nii.gz "', '".nii.gz"', 'remove the blanks around it'],
    ['".nii.gz\\t"', '".nii.gz"', 'remove the blanks around it'],
    ['"*.nii.gz"', '".nii.gz"', 'remove the glob "*"'],
    ['"png"', '".png"', 'add the leading dot'],
    ['"mha"', '".mha"', 'add the leading dot'],
    ['"NII.GZ"', '".NII.GZ"', 'add the leading dot'],
    ['" nrrd"', '".nrrd"', 'remove the blanks around it, add the leading dot'],
  ])('%s -> %s', (value, fixed, steps) => {
    const r = run(file(value), [NNU205]);
    expect(r.output).toBe(file(fixed));
    expect(r.diagnostics[0]!.message).toContain(`fix: ${steps}: ${fixed}`);
  });

  test('minified', () => {
    const r = run('{"channel_names":{"0":"CT"},"labels":{"background":0},"file_ending":"nii.gz","numTraining":3}', [NNU205]);
    expect(r.output).toBe('{"channel_names":{"0":"CT"},"labels":{"background":0},"file_ending":".nii.gz","numTraining":3}');
  });
});

describe('NNU205 file-ending-format: no fix or nothing to do', () => {
  test.each([
    ['"_0000.nii.gz"', 'has no leading dot', 'add the leading dot and check'],
    ['"gz"', 'has no leading dot', 'add the leading dot and check'],
    ['""', 'is empty', 'write the ending'],
    ['"  "', 'is only blanks', 'write the ending'],
  ])('%s', (value, what, todo) => {
    const input = file(value);
    const r = run(input, [NNU205]);
    expect(r.output).toBe(input);
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0]!.fix.applicability).toBe('none');
    expect(r.diagnostics[0]!.message).toContain(`which ${what}`);
    expect(r.diagnostics[0]!.message).toContain(`not fixed automatically: ${todo}`);
  });

  test.each(['5', 'null', '[".nii.gz"]'])('not a string: %s', (value) => {
    const input = file(value);
    const r = run(input, [NNU205]);
    expect(r.output).toBe(input);
    expect(r.diagnostics[0]!.fix.applicability).toBe('none');
    expect(r.diagnostics[0]!.message).toContain(`"file_ending" is ${value}, not a string`);
  });

  test.each(['".nii.gz"', '".NII.GZ"', '".png"', '".jpg"'])('%s: format is fine (case and support are other rules\' business)', (value) => {
    expect(run(file(value), [NNU205]).diagnostics).toHaveLength(0);
  });
});

describe('NNU205 on real files', () => {
  test('real endings (.nii.gz, .png, .mha) are fine', () => {
    for (const id of ['042', '049', '058', '059']) expect(run(corpus(id), [NNU205]).diagnostics).toHaveLength(0);
  });

  test('042 (.mha) without its dot comes back byte for byte', () => {
    const original = corpus('042');
    const r = run(replaceOnce(original, '".mha"', '"mha"'), [NNU205]);
    expect(r.error).toBeUndefined();
    expect(r.output).toBe(original);
  });

  test('059 (CRLF, 2-space) with a blank after ".png" comes back byte for byte', () => {
    const original = corpus('059');
    const r = run(replaceOnce(original, '".png"', '".png "'), [NNU205]);
    expect(r.output).toBe(original);
  });
});
