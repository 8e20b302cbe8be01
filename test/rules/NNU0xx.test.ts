/** NNU000-NNU007: the file itself. Tables on the rule tester, then what does not fit a table. */
import { describe, expect, test } from '@jest/globals';
import { fixBytes, fixText } from '../../src/engine.js';
import NNU000 from '../../transforms/NNU000-not-nnunet.js';
import NNU001 from '../../transforms/NNU001-invalid-json.js';
import NNU002 from '../../transforms/NNU002-jsonc-syntax.js';
import NNU003 from '../../transforms/NNU003-byte-order-mark.js';
import NNU004 from '../../transforms/NNU004-duplicate-key.js';
import NNU005 from '../../transforms/NNU005-non-finite-number.js';
import NNU006 from '../../transforms/NNU006-not-an-object.js';
import NNU007 from '../../transforms/NNU007-encoding.js';
import { ruleTester } from '../rule-tester.js';

const codes = (t: string) => fixText(t).diagnostics.map((d) => d.code);

ruleTester(NNU000, {
  valid: [{ text: '{"channel_names": {"0": "CT"}, "numTraining": 1, "file_ending": ".nii.gz"}', name: 'an nnU-Net file without labels (NNU110 instead)' }],
  invalid: [
    {
      name: 'nnDetection: skipped and never changed',
      text: '{\n    "task": "Task100_test",\n    "dim": 3,\n    "target_class": 0,\n    "modalities": {\n        "0": "T2"\n    },\n    "labels": {\n        "0": "lesion"\n    }\n}\n',
      fix: 'none',
      severity: 'info',
      message: 'skipped: an nnDetection dataset description (has `target_class`, `dim`, `modalities`)',
      help: 'not an nnU-Net or MSD dataset description: never changed',
    },
    { name: 'COCO', text: '{"images": [], "annotations": [], "categories": []}', fix: 'none', message: /COCO/ },
  ],
});

ruleTester(NNU001, {
  valid: [{ text: '{\n    "labels": {\n        "background": 0\n    }\n}\n' }],
  invalid: [
    {
      name: 'a missing comma: Python wording, line and column',
      text: '{\n  "labels": {"background": 0}\n  "numTraining": 3\n}',
      fix: 'none',
      message: "not valid JSON: Expecting ',' delimiter",
      nnunet: `stops with JSONDecodeError "Expecting ',' delimiter: line 3 column 3 (char 34)"`,
      help: 'fix the text by hand (nothing is written while the file does not parse)',
    },
    {
      name: 'a control character inside a string: Python\'s words without "at"',
      text: '{"labels": {"back\tground": 0}}',
      fix: 'none',
      message: 'not valid JSON: Invalid control character',
      nnunet: /^stops with JSONDecodeError "Invalid control character at: line 1 column 18 \(char 17\)"$/,
    },
    {
      name: 'a typographic quote is named',
      text: '{"labels": {\u201cbackground\u201d: 0}}',
      fix: 'none',
      message: 'not valid JSON: Expecting property name enclosed in double quotes',
      help: /^the text there starts with a typographic quote \(U\+201C\); JSON needs "; fix the text by hand/,
    },
    {
      name: 'what Python says once the comments are gone',
      text: '{"labels": {"background": 0}, // note\n "a": }',
      fix: 'none',
      nnunet:
        /^stops with JSONDecodeError "Expecting value: line 2 column 7 \(char 44\)" \(once the comments, trailing commas or BOM that NNU002\/NNU003 remove are gone\)$/,
    },
    {
      name: 'nesting deeper than Python can read',
      text: '{"labels": {"background": 0}, "x": ' + '['.repeat(2000) + ']'.repeat(2000) + '}',
      fix: 'none',
      message: "not read: nested more than 500 levels deep (nnunet-doctor's limit)",
    },
  ],
});

describe('NNU001 beside other rules', () => {
  test('a comment in an otherwise broken file is reported, but nothing is written', () => {
    const t = '{"labels": {"0": "background"} // x\n "a": }';
    const r = fixText(t);
    expect(r.diagnostics.map((d) => d.code).sort()).toEqual(['NNU001', 'NNU002']);
    expect(r.diagnostics.find((d) => d.code === 'NNU002')!.fix).toMatchObject({ applicability: 'safe', available: false, title: 'remove the comment' });
    expect(r.changed).toBe(false);
  });
});

const LABELS_FIXED = '{\n    "labels": {"background": 0, "a": 1},\n    "x": [1, 2]\n}\n';
ruleTester(NNU002, {
  valid: [
    {
      name: '# and // inside strings are not comments',
      text: '{\n    "name": "case #1 // not a comment",\n    "labels": {\n        "background": 0\n    }\n}\n',
    },
  ],
  invalid: [
    {
      name: '// and /* */ comments and trailing commas are removed, nothing else',
      text: '{\n    // leading\n    "labels": {"background": 0, "a": 1,}, /* after */\n    "x": [1, 2,],\n}\n',
      output: LABELS_FIXED,
      // minified, the // comment follows "{" and its line break stays
      outputs: { minified: '{\n"labels":{"background":0,"a":1},"x":[1,2]}' },
      fix: 'safe',
      count: 5,
      message: 'found a // comment: "// leading"',
      nnunet: 'stops with JSONDecodeError "Expecting property name enclosed in double quotes"',
      title: 'remove the comment',
    },
    {
      name: 'Python # comments as in the nnU-Net docs, after a value and on their own line',
      text: '{\n    "channel_names": {  # formerly modalities\n        "0": "T2"\n    },\n    # a note\n    "labels": {\n        "background": 0\n    }\n}\n',
      output: '{\n    "channel_names": {\n        "0": "T2"\n    },\n    "labels": {\n        "background": 0\n    }\n}\n',
      outputs: { minified: '{"channel_names":{\n"0":"T2"},\n"labels":{"background":0}}' },
      fix: 'safe',
      count: 2,
      message: 'found a Python-style # comment: "# formerly modalities"',
    },
    {
      name: 'a trailing comma in a list: Python says "Expecting value"',
      text: '{\n    "labels": {\n        "background": 0\n    },\n    "x": [\n        1,\n    ]\n}\n',
      output: '{\n    "labels": {\n        "background": 0\n    },\n    "x": [\n        1\n    ]\n}\n',
      fix: 'safe',
      message: 'trailing comma before the closing bracket',
      nnunet: 'stops with JSONDecodeError "Expecting value"',
      title: 'remove the trailing comma',
    },
    {
      name: 'a long comment is shortened in the message',
      text: `{\n    "labels": {\n        "background": 0\n    } /* ${'x'.repeat(400)} */\n}\n`,
      output: '{\n    "labels": {\n        "background": 0\n    }\n}\n',
      fix: 'safe',
      message: /^found a \/\* \*\/ comment: "\/\* x{15}\.\.\.x{15} \*\/"$/,
    },
  ],
});

describe('NNU002 special cases', () => {
  test('a CRLF comment line goes with its CRLF', () => {
    expect(fixText('{\r\n  // c\r\n  "labels": {"background": 0}\r\n}').output).toBe('{\r\n  "labels": {"background": 0}\r\n}');
  });
  test('an unterminated /* comment: reported with its fix, nothing written (NNU001 blocks writing)', () => {
    const t = '{"labels": {"background": 0}} /* never closed';
    const r = fixText(t);
    expect(r.changed).toBe(false);
    for (const d of r.diagnostics.filter((x) => x.code === 'NNU002')) {
      expect(d.fix).toMatchObject({ applicability: 'safe', available: false, applied: false });
      expect([d.message, d.nnunet, d.help].join(' ')).not.toMatch(/--fix|removes/);
    }
  });
});

ruleTester(NNU003, {
  valid: [{ text: '{"labels": {"background": 0}}' }],
  invalid: [
    {
      text: '\uFEFF{\n    "labels": {\n        "background": 0\n    }\n}\n',
      output: '{\n    "labels": {\n        "background": 0\n    }\n}\n',
      fix: 'safe',
      message: 'UTF-8 byte-order mark (EF BB BF) at the start of the file',
      nnunet: 'stops with JSONDecodeError "Unexpected UTF-8 BOM (decode using utf-8-sig)"',
      title: 'drop the byte-order mark',
    },
  ],
});

describe('NNU003 with the other rules', () => {
  test('from bytes: the BOM is dropped', () => {
    const r = fixBytes(Buffer.from('\uFEFF{"labels": {"background": 0}}', 'utf8'), { select: ['NNU0'] });
    expect(r.diagnostics.map((d) => d.code)).toEqual(['NNU003']);
    expect(r.output).toBe('{"labels": {"background": 0}}');
  });
  test('--ignore NNU003 keeps the BOM while fixing the rest', () => {
    const r = fixText('\uFEFF{"labels": {"0": "background"}}', { ignore: ['NNU003'] });
    expect(r.error).toBeUndefined();
    expect(r.output).toBe('\uFEFF{"labels": {"background": 0}}');
  });
});

ruleTester(NNU004, {
  valid: [{ text: '{\n    "labels": {\n        "background": 0,\n        "ignore": 4\n    }\n}\n' }],
  invalid: [
    {
      name: 'names the key, the lines and the value Python keeps; no fix',
      text: '{\n    "labels": {\n        "background": 0,\n        "ignore": 4,\n        "ignore": 5\n    }\n}\n',
      fix: 'none',
      layouts: ['4-space', '2-space', 'tab', 'CRLF', 'no final newline'],
      message: 'key "ignore" appears 2 times in "labels" (lines 4, 5)',
      nnunet: `sees only the last (Python's json.load keeps it): "ignore": 5`,
      help: 'delete the entries you do not mean',
    },
    {
      name: 'a 401-digit key does not make a long line',
      text: `{"labels": {"background": 0}, "${'7'.repeat(401)}": 1, "${'7'.repeat(401)}": 2}`,
      fix: 'none',
      message: /^key "7{18}\.\.\.7{18}" appears 2 times at the top level \(lines 1, 1\)$/,
    },
  ],
});

describe('NNU004 beside NNU102', () => {
  test('inverted labels with a repeated key are not inverted', () => {
    const t = '{"labels": {"0": "background", "1": "a", "1": "b"}}';
    const r = fixText(t);
    expect(r.output).toBe(t);
    expect(r.diagnostics.find((d) => d.code === 'NNU102')!.help).toMatch(/^not fixed automatically: labels repeats a key \(NNU004\)/);
  });
});

ruleTester(NNU005, {
  valid: [{ text: '{"labels": {"background": 0, "a": 1}, "numTraining": 1}' }],
  invalid: [
    ...['NaN', 'Infinity', '-Infinity'].map((tok) => ({
      name: `${tok} is flagged, not fixed`,
      text: `{\n    "labels": {\n        "background": 0,\n        "a": 1\n    },\n    "numTraining": ${tok}\n}\n`,
      fix: 'none' as const,
      message: `found ${tok}, which is not a JSON number`,
      nnunet: tok === 'NaN' ? /"ValueError: cannot convert float NaN to integer"$/ : /"OverflowError: cannot convert float infinity to integer"$/,
      help: 'replace it with the intended number',
    })),
  ],
});

describe('NNU005 positions', () => {
  test("the column is the token's; NaN survives a fix elsewhere unchanged", () => {
    const t = '{"labels": {"background": 0, "a": 1}, "numTraining": NaN}';
    expect(fixText(t).diagnostics.find((x) => x.code === 'NNU005')!.column).toBe(t.indexOf('NaN') + 1);
    expect(fixText('{"labels": {"0": "background"}, "x": NaN}').output).toBe('{"labels": {"background": 0}, "x": NaN}');
  });
});

ruleTester(NNU006, {
  valid: [{ text: '{"channel_names": {"0": "CT"}, "labels": {"background": 0}}' }],
  invalid: [
    {
      name: 'a top-level array',
      text: '[\n    1,\n    2\n]\n',
      fix: 'none',
      message: 'the top level is an array, not an object',
      nnunet: 'reads dataset.json as a dict and fails with TypeError',
      help: 'wrap the keys in { }',
    },
    {
      name: 'labels as a list in an nnU-Net file',
      text: '{\n    "channel_names": {\n        "0": "CT"\n    },\n    "labels": [\n        "background",\n        "liver"\n    ]\n}\n',
      fix: 'none',
      message: '"labels" is an array, not an object',
      nnunet: 'calls .items() on it and fails',
      help: 'write it as {"background": 0, "liver": 1}',
    },
  ],
});

describe('NNU006 is the only finding for a top-level array', () => {
  test('all rules', () => {
    expect(codes('[1, 2]')).toEqual(['NNU006']);
  });
});

// NNU007 is about bytes, not text: the tester's layouts do not apply.
describe('NNU007 encoding', () => {
  test('UTF-16 with BOM', () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('{"labels": {}}', 'utf16le')]);
    const r = fixBytes(bytes);
    expect(r.diagnostics.map((d) => d.code)).toEqual(['NNU007']);
    expect(r.diagnostics[0]).toMatchObject({
      message: 'file is UTF-16 LE (starts with a UTF-16 byte-order mark) (first bad byte at offset 0)',
      nnunet: 'stops with UnicodeDecodeError: it opens dataset.json as UTF-8 on Linux and macOS',
      help: 're-save the file as UTF-8',
    });
    expect(r.changed).toBe(false);
  });
  test('a Latin-1 byte gives its offset', () => {
    const bytes = Buffer.concat([Buffer.from('{"labels": {"background": 0, "M'), Buffer.from([0xe4]), Buffer.from('gen": 1}}')]);
    const r = fixBytes(bytes, { rules: [NNU007] });
    expect(r.diagnostics.map((d) => d.message)).toEqual(['invalid UTF-8 byte 0xe4 (Latin-1/cp1252 text?) (first bad byte at offset 31)']);
  });
  test('binary content (NUL bytes)', () => {
    const r = fixBytes(Buffer.from([0x7b, 0x00, 0x01, 0x02]));
    expect(r.diagnostics[0]!.message).toBe('file contains NUL bytes: binary content, not a JSON text (first bad byte at offset 1)');
  });
});
