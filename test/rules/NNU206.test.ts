import { describe, test, expect } from '@jest/globals';
import NNU206 from '../../transforms/NNU206-reader-writer.js';
import { corpus, LAYOUTS, replaceOnce, run } from './nnu2xx-helpers.js';

/** The reader key in the middle of the file. */
const MIDDLE = (value: string) => `{
    "channel_names": {
        "0": "CT"
    },
    "labels": {
        "background": 0
    },
    "overwrite_image_reader_writer": ${value},
    "numTraining": 3,
    "file_ending": ".nii.gz"
}
`;
const WITHOUT = `{
    "channel_names": {
        "0": "CT"
    },
    "labels": {
        "background": 0
    },
    "numTraining": 3,
    "file_ending": ".nii.gz"
}
`;
/** The reader key last, as generate_dataset_json writes it. */
const LAST = (value: string) => WITHOUT.replace('".nii.gz"\n}', `".nii.gz",\n    "overwrite_image_reader_writer": ${value}\n}`);

describe('NNU206 reader-writer: null is removed', () => {
  test.each(LAYOUTS)('middle property (%s)', (_name, layout) => {
    const r = run(layout(MIDDLE('null')), [NNU206]);
    expect(r.error).toBeUndefined();
    expect(r.output).toBe(layout(WITHOUT));
    expect(r.diagnostics).toHaveLength(1);
    const d = r.diagnostics[0]!;
    expect(d.code).toBe('NNU206');
    expect(d.severity).toBe('error');
    expect(d.fix).toMatchObject({ applicability: 'safe', applied: true, title: 'remove "overwrite_image_reader_writer": null' });
    expect(d.message).toBe(
      `"overwrite_image_reader_writer" is null; nnU-Net passes it to hasattr() and crashes with "TypeError: hasattr(): attribute name must be string" (#2539); ` +
        `fix: remove the key (without it nnU-Net chooses the reader from file_ending, which is what null meant)`,
    );
    expect(r.remaining).toHaveLength(0);
  });

  test.each(LAYOUTS)('last property: the comma before it goes too (%s)', (_name, layout) => {
    const r = run(layout(LAST('null')), [NNU206]);
    expect(r.output).toBe(layout(WITHOUT));
  });

  test('minified', () => {
    const r = run('{"labels":{"background":0},"overwrite_image_reader_writer":null,"file_ending":".png"}', [NNU206]);
    expect(r.output).toBe('{"labels":{"background":0},"file_ending":".png"}');
  });

  test('twice, the last null: no fix (removing it would revive the first)', () => {
    const input = '{"labels": {"background": 0}, "overwrite_image_reader_writer": "NibabelIO", "overwrite_image_reader_writer": null}';
    const r = run(input, [NNU206]);
    expect(r.output).toBe(input);
    expect(r.diagnostics[0]!.fix.applicability).toBe('none');
    expect(r.diagnostics[0]!.message).toContain('appears more than once');
  });
});

describe('NNU206 reader-writer: the case of a known name is fixed', () => {
  test.each(LAYOUTS)('"simpleitkio" -> "SimpleITKIO" (%s)', (_name, layout) => {
    const r = run(layout(MIDDLE('"simpleitkio"')), [NNU206]);
    expect(r.output).toBe(layout(MIDDLE('"SimpleITKIO"')));
    const d = r.diagnostics[0]!;
    expect(d.severity).toBe('error');
    expect(d.fix).toMatchObject({ applicability: 'safe', applied: true, title: 'write overwrite_image_reader_writer as "SimpleITKIO"' });
    expect(d.message).toBe(
      `"overwrite_image_reader_writer" is "simpleitkio": the reader SimpleITKIO written in the wrong case; nnU-Net cannot find that class and prints "Warning: Unable to find ioclass specified in dataset.json: simpleitkio", ` +
        `then chooses the reader from file_ending (SimpleITKIO for ".nii.gz") instead of SimpleITKIO; fix: write "SimpleITKIO"`,
    );
  });

  test.each([
    ['"nibabeliowithreorient"', '"NibabelIOWithReorient"'],
    ['"NIBABELIO"', '"NibabelIO"'],
    ['"naturalimage2dio"', '"NaturalImage2DIO"'],
    ['"tiff3dio"', '"Tiff3DIO"'],
    ['"SimpleItkIoWithReorient"', '"SimpleITKIOWithReorient"'],
    ['" SimpleITKIO "', '"SimpleITKIO"'],
  ])('%s -> %s', (value, fixed) => {
    const r = run(LAST(value), [NNU206]);
    expect(r.output).toBe(LAST(fixed));
    expect(r.diagnostics[0]!.severity).toBe('error');
  });

  test('"none" -> "None" (a warning: the outcome is the same automatic choice)', () => {
    const r = run(LAST('"none"'), [NNU206]);
    expect(r.output).toBe(LAST('"None"'));
    expect(r.diagnostics[0]!.severity).toBe('warning');
    expect(r.diagnostics[0]!.message).toContain('the automatic choice written in the wrong case');
  });

  test('minified', () => {
    const r = run('{"labels":{"background":0},"file_ending":".png","overwrite_image_reader_writer":"naturalimage2dio"}', [NNU206]);
    expect(r.output).toBe('{"labels":{"background":0},"file_ending":".png","overwrite_image_reader_writer":"NaturalImage2DIO"}');
  });
});

describe('NNU206 reader-writer: no fix', () => {
  test('an unknown name: warning, nnU-Net falls back to file_ending', () => {
    const input = MIDDLE('"MyReader"');
    const r = run(input, [NNU206]);
    expect(r.output).toBe(input);
    const d = r.diagnostics[0]!;
    expect(d.severity).toBe('warning');
    expect(d.fix.applicability).toBe('none');
    expect(d.message).toContain('"Warning: Unable to find ioclass specified in dataset.json: MyReader"');
  });

  test('a dotted path ending in a known class: the bare name is suggested', () => {
    const input = LAST('"nnunetv2.imageio.simpleitk_reader_writer.SimpleITKIO"');
    const r = run(input, [NNU206]);
    expect(r.output).toBe(input);
    expect(r.diagnostics[0]!.message).toContain('write the bare class name "SimpleITKIO", one of');
  });

  test.each(['5', 'true', '["SimpleITKIO"]', '{}'])('not a string: %s (error)', (value) => {
    const input = MIDDLE(value);
    const r = run(input, [NNU206]);
    expect(r.output).toBe(input);
    const d = r.diagnostics[0]!;
    expect(d.severity).toBe('error');
    expect(d.fix.applicability).toBe('none');
    expect(d.message).toContain(`"overwrite_image_reader_writer" is ${value}, not a string; nnU-Net passes it to hasattr() and crashes with "TypeError: hasattr(): attribute name must be string"`);
  });

  test.each(['"None"', '"SimpleITKIO"', '"SimpleITKIOWithReorient"', '"NibabelIO"', '"NibabelIOWithReorient"', '"NaturalImage2DIO"', '"Tiff3DIO"'])('%s is valid', (value) => {
    expect(run(LAST(value), [NNU206]).diagnostics).toHaveLength(0);
  });
});

describe('NNU206 on real files', () => {
  test('059 (CRLF): the dotted v1-style name is a warning, file untouched', () => {
    const input = corpus('059');
    const r = run(input, [NNU206], true);
    expect(r.output).toBe(input);
    expect(r.diagnostics).toHaveLength(1);
    const d = r.diagnostics[0]!;
    expect(d.severity).toBe('warning');
    expect(d.fix.applicability).toBe('none');
    expect(d.message).toBe(
      `"overwrite_image_reader_writer" is "nnunet.io.PNGReaderWriter", not a reader class of nnunetv2.imageio; nnU-Net cannot find that class and prints "Warning: Unable to find ioclass specified in dataset.json: nnunet.io.PNGReaderWriter", ` +
        `then chooses the reader from file_ending (NaturalImage2DIO for ".png"); not fixed automatically: write one of SimpleITKIO, SimpleITKIOWithReorient, NibabelIO, NibabelIOWithReorient, NaturalImage2DIO, Tiff3DIO, or "None" (automatic choice), or delete the key`,
    );
  });

  test('046, 055, 062, 063: real reader names are valid', () => {
    for (const id of ['046', '055', '062', '063']) expect(run(corpus(id), [NNU206]).diagnostics).toHaveLength(0);
  });

  test('063 with the reader name lower-cased comes back byte for byte', () => {
    const original = corpus('063');
    const r = run(replaceOnce(original, '"SimpleITKIO"', '"simpleitkio"'), [NNU206]);
    expect(r.error).toBeUndefined();
    expect(r.output).toBe(original);
  });

  test('059 (CRLF) with null instead of the dotted name: the key goes, the rest stays', () => {
    const original = corpus('059');
    const r = run(replaceOnce(original, '"nnunet.io.PNGReaderWriter"', 'null'), [NNU206]);
    expect(r.output).toBe(replaceOnce(original, ',\r\n  "overwrite_image_reader_writer": "nnunet.io.PNGReaderWriter"', ''));
  });
});
