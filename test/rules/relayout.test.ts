/**
 * The rule tester's re-layout helper: only the blanks between tokens change. Checked on
 * exact examples and on every real corpus file that parses: each layout loads to the same
 * Python value, has the same tokens in the same order (its minified form is the original's),
 * and the indentation layouts keep every line.
 */
import { describe, expect, test } from '@jest/globals';
import { parseDocument } from '../../src/document.js';
import { parsePython } from '../../src/pyjson.js';
import { corpusBytes, corpusIds } from '../helpers/corpus.js';
import { LAYOUT_NAMES, layoutsOf, relayout } from '../rule-tester.js';

const TEXT = '{\n    "a b": [\n        1,\n        "x  y"\n    ],\n    "c": {\n        "d": null\n    }\n}\n';

describe('relayout', () => {
  test.each([
    ['2-space', '{\n  "a b": [\n    1,\n    "x  y"\n  ],\n  "c": {\n    "d": null\n  }\n}\n'],
    ['tab', '{\n\t"a b": [\n\t\t1,\n\t\t"x  y"\n\t],\n\t"c": {\n\t\t"d": null\n\t}\n}\n'],
    ['CRLF', TEXT.replace(/\n/g, '\r\n')],
    ['minified', '{"a b":[1,"x  y"],"c":{"d":null}}'],
    ['no final newline', TEXT.slice(0, -1)],
  ] as const)('%s: exact', (layout, want) => {
    expect(relayout(TEXT, layout)).toBe(want);
  });

  test('blanks inside strings and comments stay; a line comment keeps the line break that ends it', () => {
    const t = '{\n    // a    comment\n    "k    ey": "v    al", /* in    line */\n    # hash    comment\n    "n": 1\n}\n';
    expect(relayout(t, 'minified')).toBe('{// a    comment\n"k    ey":"v    al",/* in    line */# hash    comment\n"n":1}');
    expect(relayout(t, 'tab')).toBe(t.replace(/\n {4}/g, '\n\t'));
  });

  test('a BOM and key order are kept', () => {
    const t = '\uFEFF{\n    "z": 1,\n    "a": 2\n}\n';
    expect(relayout(t, 'minified')).toBe('\uFEFF{"z":1,"a":2}');
  });

  test('a text that does not parse runs as written only', () => {
    expect(layoutsOf('{"a": }')).toEqual([['4-space', '{"a": }']]);
  });

  test('layouts that change nothing are left out (a one-line text has no indentation)', () => {
    expect(layoutsOf('{"a": 1}').map(([name]) => name)).toEqual(['4-space', 'minified']);
    expect(layoutsOf('{"a": 1}\n').map(([name]) => name)).toEqual(['4-space', 'CRLF', 'minified', 'no final newline']);
  });

  const ids = corpusIds().filter((id) => {
    const text = corpusBytes(id).toString('utf8');
    return !parseDocument(text, { path: 'jsonc' }).parseErrors.length && !parseDocument(text).comments.length && text.charCodeAt(0) !== 0xfeff;
  });
  test('most of the corpus is exercised', () => {
    expect(ids.length).toBeGreaterThan(60);
  });
  test.each(ids)('corpus %s: the same value and tokens in every layout', (id) => {
    const text = corpusBytes(id).toString('utf8');
    const value = safeValue(text);
    const minified = relayout(text, 'minified');
    for (const layout of LAYOUT_NAMES) {
      const t = relayout(text, layout);
      expect(safeValue(t)).toEqual(value);
      expect(relayout(t, 'minified')).toBe(minified);
      if (layout === '2-space' || layout === 'tab') expect(t.split('\n')).toHaveLength(text.split('\n').length);
    }
  });
});

/** The Python value (every scalar with its source token) as a comparable string, or the error. */
function safeValue(text: string): string {
  try {
    return JSON.stringify(parsePython(text));
  } catch (e) {
    return `error: ${(e as Error).message}`;
  }
}
