/** NNU000-NNU007: the file itself. Detection, fix and no-fix cases with exact output. */
import { describe, expect, test } from '@jest/globals';
import { fixBytes, fixText } from '../../src/engine.js';

const codes = (t: string) => fixText(t).diagnostics.map((d) => d.code);

describe('NNU000 not-nnunet', () => {
  test('nnDetection file is skipped and never changed', () => {
    const t = '{"task": "Task100_test", "dim": 3, "target_class": 0, "modalities": {"0": "T2"}, "labels": {"0": "lesion"}}';
    const r = fixText(t);
    expect(r.kind).toBe('not-nnunet');
    expect(r.diagnostics.map((d) => [d.code, d.severity])).toEqual([['NNU000', 'info']]);
    expect(r.diagnostics[0]!.message).toContain('nnDetection');
    expect(r.output).toBe(t);
  });
  test('COCO file is skipped', () => {
    const r = fixText('{"images": [], "annotations": [], "categories": []}');
    expect(r.kind).toBe('not-nnunet');
    expect(r.diagnostics[0]!.message).toContain('COCO');
  });
  test('an nnU-Net file without labels is not skipped (NNU110 instead)', () => {
    expect(codes('{"channel_names": {"0": "CT"}, "numTraining": 1, "file_ending": ".nii.gz"}')).toContain('NNU110');
  });
});

describe('NNU001 invalid-json', () => {
  test('missing comma: line and column, Python wording, never fixed', () => {
    const t = '{\n  "labels": {"background": 0}\n  "numTraining": 3\n}';
    const r = fixText(t);
    expect(r.kind).toBe('invalid');
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0]).toMatchObject({ code: 'NNU001', line: 3, column: 3 });
    expect(r.diagnostics[0]!.message).toContain("Expecting ',' delimiter");
    expect(r.output).toBe(t);
  });
  test('a comment in an otherwise broken file is reported but nothing is fixed', () => {
    const t = '{"labels": {"0": "background"} // x\n "a": }';
    const r = fixText(t);
    expect(r.diagnostics.map((d) => d.code).sort()).toEqual(['NNU001', 'NNU002']);
    expect(r.changed).toBe(false);
  });
  test('nesting deeper than Python can read', () => {
    const t = '{"labels": {"background": 0}, "x": ' + '['.repeat(2000) + ']'.repeat(2000) + '}';
    const r = fixText(t);
    expect(r.diagnostics[0]!.code).toBe('NNU001');
    expect(r.diagnostics[0]!.message).toContain('nested more than 500 levels deep');
  });
});

describe('NNU002 jsonc-syntax', () => {
  test('// and /* */ comments and trailing commas are removed, nothing else', () => {
    const t = '{\n  // leading\n  "labels": {"background": 0, "a": 1,}, /* after */\n  "x": [1, 2,],\n}\n';
    const r = fixText(t);
    expect(r.output).toBe('{\n  "labels": {"background": 0, "a": 1},\n  "x": [1, 2]\n}\n');
    expect(r.diagnostics.filter((d) => d.code === 'NNU002')).toHaveLength(5);
    expect(r.diagnostics.filter((d) => d.code === 'NNU002').every((d) => d.fix.applied)).toBe(true);
  });
  test('Python # comments as in the nnU-Net docs, after a value and on their own line', () => {
    const t = '{ \n "channel_names": {  # formerly modalities\n   "0": "T2"\n },\n # a note\n "labels": {"background": 0}\n}';
    expect(fixText(t).output).toBe('{ \n "channel_names": {\n   "0": "T2"\n },\n "labels": {"background": 0}\n}');
  });
  test('# inside a string is not a comment', () => {
    const t = '{"name": "case #1 // not a comment", "labels": {"background": 0}}';
    expect(codes(t)).not.toContain('NNU002');
  });
  test('CRLF comment line goes with its CRLF', () => {
    expect(fixText('{\r\n  // c\r\n  "labels": {"background": 0}\r\n}').output).toBe('{\r\n  "labels": {"background": 0}\r\n}');
  });
});

describe('NNU003 byte-order-mark', () => {
  test('BOM is dropped', () => {
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

describe('NNU004 duplicate-key', () => {
  test('names the key, the lines and the value Python keeps; no fix', () => {
    const t = '{\n"labels": {"background": 0, "ignore": 4,\n "ignore": 5}\n}';
    const r = fixText(t);
    const d = r.diagnostics.find((x) => x.code === 'NNU004')!;
    expect(d.message).toContain('"ignore" appears 2 times in "labels" (lines 2, 3)');
    expect(d.message).toContain('"ignore": 5');
    expect(d.fix.applicability).toBe('none');
  });
  test('inverted labels with a repeated key are not inverted', () => {
    const t = '{"labels": {"0": "background", "1": "a", "1": "b"}}';
    const r = fixText(t);
    expect(r.output).toBe(t);
    expect(r.diagnostics.find((d) => d.code === 'NNU102')!.message).toContain('repeats a key');
  });
});

describe('NNU005 non-finite-number', () => {
  test.each(['NaN', 'Infinity', '-Infinity'])('%s is flagged, not fixed', (tok) => {
    const t = `{"labels": {"background": 0, "a": 1}, "numTraining": ${tok}}`;
    const r = fixText(t);
    expect(r.kind).toBe('nnunet-v2');
    const d = r.diagnostics.find((x) => x.code === 'NNU005')!;
    expect(d.message).toContain(`found ${tok}`);
    expect(d.column).toBe(t.indexOf(tok) + 1);
    expect(r.output).toBe(t);
  });
  test('NaN survives a fix elsewhere unchanged', () => {
    const r = fixText('{"labels": {"0": "background"}, "x": NaN}');
    expect(r.output).toBe('{"labels": {"background": 0}, "x": NaN}');
  });
});

describe('NNU006 not-an-object', () => {
  test('top-level array', () => {
    expect(codes('[1, 2]')).toEqual(['NNU006']);
  });
  test('labels as a list in an nnU-Net file', () => {
    const r = fixText('{"channel_names": {"0": "CT"}, "labels": ["background", "liver"]}');
    expect(r.diagnostics.map((d) => d.code)).toContain('NNU006');
    expect(r.changed).toBe(false);
  });
});

describe('NNU007 encoding', () => {
  test('UTF-16 with BOM', () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('{"labels": {}}', 'utf16le')]);
    const r = fixBytes(bytes);
    expect(r.diagnostics.map((d) => d.code)).toEqual(['NNU007']);
    expect(r.diagnostics[0]!.message).toContain('UTF-16 LE');
    expect(r.changed).toBe(false);
  });
  test('Latin-1 byte gives its offset', () => {
    const bytes = Buffer.concat([Buffer.from('{"labels": {"background": 0, "M'), Buffer.from([0xe4]), Buffer.from('gen": 1}}')]);
    const r = fixBytes(bytes);
    expect(r.diagnostics[0]!.code).toBe('NNU007');
    expect(r.diagnostics[0]!.message).toContain('0xe4');
    expect(r.diagnostics[0]!.message).toContain('offset 31');
  });
  test('binary content (NUL bytes)', () => {
    const r = fixBytes(Buffer.from([0x7b, 0x00, 0x01, 0x02]));
    expect(r.diagnostics[0]!.message).toContain('binary');
  });
});
