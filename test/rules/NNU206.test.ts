/** NNU206 reader-writer: tables on the rule tester, then real corpus files. */
import { describe, test, expect } from '@jest/globals';
import { ruleTester } from '../rule-tester.js';
import NNU206 from '../../transforms/NNU206-reader-writer.js';
import { corpus, replaceOnce, run } from './nnu2xx-helpers.js';

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

const WARNS = (name: string) => `cannot find that class and prints "Warning: Unable to find ioclass specified in dataset.json: ${name}"`;
const CHOICES =
  'one of SimpleITKIO, SimpleITKIOWithReorient, NibabelIO, NibabelIOWithReorient, NaturalImage2DIO, Tiff3DIO, or "None" (automatic choice), or delete the key';

ruleTester(NNU206, {
  valid: ['"None"', '"SimpleITKIO"', '"SimpleITKIOWithReorient"', '"NibabelIO"', '"NibabelIOWithReorient"', '"NaturalImage2DIO"', '"Tiff3DIO"'].map(
    (value) => ({ name: `${value} is valid`, text: LAST(value) }),
  ),
  invalid: [
    {
      name: 'null is removed (a middle property)',
      text: MIDDLE('null'),
      output: WITHOUT,
      fix: 'safe',
      count: 1,
      severity: 'error',
      message: '"overwrite_image_reader_writer" is null',
      nnunet: 'passes it to hasattr() and crashes with "TypeError: hasattr(): attribute name must be string" (#2539)',
      help: 'without the key nnU-Net chooses the reader from file_ending, which is what null meant',
      title: 'remove "overwrite_image_reader_writer": null',
    },
    { name: 'null is removed (the last property: the comma before it goes too)', text: LAST('null'), output: WITHOUT, fix: 'safe' },
    {
      name: 'twice, the last null: no fix (removing it would revive the first)',
      text: '{"labels": {"background": 0}, "overwrite_image_reader_writer": "NibabelIO", "overwrite_image_reader_writer": null}',
      fix: 'none',
      help: 'not fixed automatically: the key appears more than once (NNU004), and removing the last one would bring an earlier one back',
    },
    {
      name: '"simpleitkio" -> "SimpleITKIO"',
      text: MIDDLE('"simpleitkio"'),
      output: MIDDLE('"SimpleITKIO"'),
      fix: 'safe',
      severity: 'error',
      message: '"overwrite_image_reader_writer" is "simpleitkio": SimpleITKIO written in the wrong case',
      nnunet: `${WARNS('simpleitkio')}, then chooses the reader from file_ending (SimpleITKIO for ".nii.gz") instead of SimpleITKIO`,
      title: 'write overwrite_image_reader_writer as "SimpleITKIO"',
    },
    ...[
      ['"nibabeliowithreorient"', '"NibabelIOWithReorient"'],
      ['"NIBABELIO"', '"NibabelIO"'],
      ['"naturalimage2dio"', '"NaturalImage2DIO"'],
      ['"tiff3dio"', '"Tiff3DIO"'],
      ['"SimpleItkIoWithReorient"', '"SimpleITKIOWithReorient"'],
      ['" SimpleITKIO "', '"SimpleITKIO"'],
    ].map(([value, fixed]) => ({ name: `${value} -> ${fixed}`, text: LAST(value!), output: LAST(fixed!), fix: 'safe' as const, severity: 'error' as const })),
    {
      name: '"none" -> "None" (a warning: the outcome is the same automatic choice)',
      text: LAST('"none"'),
      output: LAST('"None"'),
      fix: 'safe',
      severity: 'warning',
      message: '"overwrite_image_reader_writer" is "none": the automatic choice "None" written in the wrong case',
    },
    {
      name: 'an unknown name: a warning, nnU-Net falls back to file_ending',
      text: MIDDLE('"MyReader"'),
      fix: 'none',
      severity: 'warning',
      message: '"overwrite_image_reader_writer" is "MyReader", not a reader class of nnunetv2.imageio',
      nnunet: `${WARNS('MyReader')}, then chooses the reader from file_ending (SimpleITKIO for ".nii.gz")`,
      help: `write ${CHOICES}`,
    },
    {
      name: 'a dotted path ending in a known class: the bare name is suggested',
      text: LAST('"nnunetv2.imageio.simpleitk_reader_writer.SimpleITKIO"'),
      fix: 'none',
      message: '"overwrite_image_reader_writer" is "nnunetv2.imageio....riter.SimpleITKIO", not a reader class of nnunetv2.imageio',
      help: `write the bare class name "SimpleITKIO", ${CHOICES}`,
    },
    ...['5', 'true', '["SimpleITKIO"]', '{}'].map((value) => ({
      name: `not a string: ${value} (error)`,
      text: MIDDLE(value),
      fix: 'none' as const,
      severity: 'error' as const,
      message: `"overwrite_image_reader_writer" is ${value}, not a string`,
      nnunet: 'passes it to hasattr() and crashes with "TypeError: hasattr(): attribute name must be string"',
    })),
  ],
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
    expect(d).toMatchObject({
      message: '"overwrite_image_reader_writer" is "nnunet.io.PNGReaderWriter", not a reader class of nnunetv2.imageio',
      nnunet: `${WARNS('nnunet.io.PNGReaderWriter')}, then chooses the reader from file_ending (NaturalImage2DIO for ".png")`,
      help: `write ${CHOICES}`,
    });
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
