/**
 * Formatting preservation: exact expected bytes for the headline fixes on every layout
 * users have (2/4/1-space, tabs, CRLF, no final newline, trailing blank lines, minified,
 * blank line inside labels).
 */
import { describe, expect, test } from '@jest/globals';
import { fixText } from '../../src/engine.js';
import { parsePython } from '../../src/pyjson.js';

const fix = (t: string) => {
  const r = fixText(t);
  expect(r.error).toBeUndefined();
  return r.output;
};

describe('NNU102 inversion keeps the layout', () => {
  test('4 spaces', () => {
    expect(fix('{\n    "labels": {\n        "0": "background",\n        "1": "liver"\n    }\n}\n')).toBe(
      '{\n    "labels": {\n        "background": 0,\n        "liver": 1\n    }\n}\n',
    );
  });
  test('2 spaces', () => {
    expect(fix('{\n  "labels": {\n    "0": "background",\n    "1": "liver"\n  }\n}\n')).toBe(
      '{\n  "labels": {\n    "background": 0,\n    "liver": 1\n  }\n}\n',
    );
  });
  test('1 space, trailing spaces kept (MSD style)', () => {
    expect(fix('{ \n "labels": { \n   "0": "background", \n   "1": "liver"\n }\n}')).toBe('{ \n "labels": { \n   "background": 0, \n   "liver": 1\n }\n}');
  });
  test('tabs', () => {
    expect(fix('{\n\t"labels": {\n\t\t"0": "background",\n\t\t"1": "liver"\n\t}\n}\n')).toBe(
      '{\n\t"labels": {\n\t\t"background": 0,\n\t\t"liver": 1\n\t}\n}\n',
    );
  });
  test('CRLF stays CRLF, no lone LF appears', () => {
    const out = fix('{\r\n    "labels": {\r\n        "0": "background",\r\n        "1": "liver"\r\n    }\r\n}\r\n');
    expect(out).toBe('{\r\n    "labels": {\r\n        "background": 0,\r\n        "liver": 1\r\n    }\r\n}\r\n');
    expect(out.replace(/\r\n/g, '').includes('\n')).toBe(false);
  });
  test('no final newline stays without one', () => {
    expect(fix('{\n    "labels": {\n        "0": "background",\n        "1": "liver"\n    }\n}')).toBe(
      '{\n    "labels": {\n        "background": 0,\n        "liver": 1\n    }\n}',
    );
  });
  test('three trailing blank lines are kept', () => {
    expect(fix('{\n "labels": {\n  "0": "background",\n  "1": "liver"\n }\n}\n\n\n\n')).toBe(
      '{\n "labels": {\n  "background": 0,\n  "liver": 1\n }\n}\n\n\n\n',
    );
  });
  test('minified single line', () => {
    expect(fix('{"name":"x","labels":{"0":"background","1":"liver"},"numTraining":3}')).toBe(
      '{"name":"x","labels":{"background":0,"liver":1},"numTraining":3}',
    );
  });
  test('blank line inside labels is kept', () => {
    expect(fix('{\n    "labels": {\n        "0": "background",\n\n        "1": "liver"\n\n    }\n}')).toBe(
      '{\n    "labels": {\n        "background": 0,\n\n        "liver": 1\n\n    }\n}',
    );
  });
  test('string-sorted keys keep their order, background first', () => {
    expect(fix('{"labels": {"1": "a", "0": "background", "10": "j", "2": "b"}}')).toBe('{"labels": {"background": 0, "a": 1, "j": 10, "b": 2}}');
  });
  test('1.0 and key order elsewhere are untouched', () => {
    const input = '{\n  "zeta": 1.0,\n  "10": "x",\n  "2": "y",\n  "labels": {"0": "background", "1": "a"}\n}';
    const out = fix(input);
    expect(out).toBe('{\n  "zeta": 1.0,\n  "10": "x",\n  "2": "y",\n  "labels": {"background": 0, "a": 1}\n}');
    expect(parsePython(out)).toEqual({
      type: 'object',
      pairs: [
        ['zeta', { type: 'scalar', raw: '1.0' }],
        ['10', { type: 'scalar', raw: '"x"' }],
        ['2', { type: 'scalar', raw: '"y"' }],
        [
          'labels',
          {
            type: 'object',
            pairs: [
              ['background', { type: 'scalar', raw: '0' }],
              ['a', { type: 'scalar', raw: '1' }],
            ],
          },
        ],
      ],
    });
  });
});

describe('NNU101 insertion is indented like its siblings', () => {
  const cases: [string, string, string][] = [
    ['4 spaces', '{\n    "labels": {\n        "liver": 1\n    }\n}\n', '{\n    "labels": {\n        "background": 0,\n        "liver": 1\n    }\n}\n'],
    [
      '2 spaces',
      '{\n  "labels": {\n    "liver": 1,\n    "tumor": 2\n  }\n}',
      '{\n  "labels": {\n    "background": 0,\n    "liver": 1,\n    "tumor": 2\n  }\n}',
    ],
    ['tabs', '{\n\t"labels": {\n\t\t"liver": 1\n\t}\n}\n', '{\n\t"labels": {\n\t\t"background": 0,\n\t\t"liver": 1\n\t}\n}\n'],
    [
      'CRLF',
      '{\r\n    "labels": {\r\n        "liver": 1\r\n    }\r\n}\r\n',
      '{\r\n    "labels": {\r\n        "background": 0,\r\n        "liver": 1\r\n    }\r\n}\r\n',
    ],
    ['minified', '{"labels":{"liver":1,"tumor":2}}', '{"labels":{"background":0,"liver":1,"tumor":2}}'],
    ['single line with spaces', '{"labels": {"liver": 1}}', '{"labels": {"background": 0, "liver": 1}}'],
    ['1 space', '{\n "labels": {\n  "liver": 1\n }\n}', '{\n "labels": {\n  "background": 0,\n  "liver": 1\n }\n}'],
  ];
  test.each(cases)('%s', (_name, input, expected) => {
    expect(fix(input)).toBe(expected);
  });
});

describe('running the fixer twice changes nothing the second time', () => {
  test.each([
    '{\n    "labels": {\n        "0": "Background",\n        "1": "liver"\n    }\n}\n',
    '{"labels": {"bg": 0, "a": "1"}, // c\n "x": [1,2,],}',
    '\uFEFF{"labels": {"liver": 1}}',
  ])('%j', (input) => {
    const once = fix(input);
    expect(once).not.toBe(input);
    const twice = fixText(once);
    expect(twice.changed).toBe(false);
    expect(twice.output).toBe(once);
  });
});
