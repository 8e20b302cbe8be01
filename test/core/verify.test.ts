/** The verifier that guards every write: Python's json.load rules, nothing outside the fix scopes changes. */
import { describe, expect, test } from '@jest/globals';
import { parseDocument } from '../../src/document.js';
import { parsePython, PyJsonError } from '../../src/pyjson.js';
import { verifyFixedText } from '../../src/verify.js';

const original = parseDocument('{"name": "x", "n": 1.0, "10": "a", "2": "b", "labels": {"0": "background"}, "deep": {"a": [1, {"b": 2}]}}');

describe('verifyFixedText', () => {
  test('a change inside the scope passes', () => {
    expect(
      verifyFixedText(original, '{"name": "x", "n": 1.0, "10": "a", "2": "b", "labels": {"background": 0}, "deep": {"a": [1, {"b": 2}]}}', [['labels']]),
    ).toEqual({ ok: true });
  });
  test.each([
    [
      '1.0 -> 1 outside the scope',
      '{"name": "x", "n": 1, "10": "a", "2": "b", "labels": {"background": 0}, "deep": {"a": [1, {"b": 2}]}}',
      /\.n changed from 1\.0 to 1/,
    ],
    [
      'integer-like keys reordered',
      '{"name": "x", "n": 1.0, "2": "b", "10": "a", "labels": {"background": 0}, "deep": {"a": [1, {"b": 2}]}}',
      /key order changed/,
    ],
    [
      'a deep value changed',
      '{"name": "x", "n": 1.0, "10": "a", "2": "b", "labels": {"background": 0}, "deep": {"a": [1, {"b": 3}]}}',
      /\.deep\.a\[1\]\.b changed from 2 to 3/,
    ],
    ['a key dropped', '{"name": "x", "n": 1.0, "10": "a", "labels": {"background": 0}, "deep": {"a": [1, {"b": 2}]}}', /key order changed/],
    [
      'a comment left in',
      '{"name": "x", "n": 1.0, "10": "a", "2": "b", "labels": {"background": 0}, "deep": {"a": [1, {"b": 2}]}} // x',
      /json\.load: Extra data/,
    ],
    ['a BOM left in', '\uFEFF{"name": "x", "n": 1.0, "10": "a", "2": "b", "labels": {"background": 0}, "deep": {"a": [1, {"b": 2}]}}', /Unexpected UTF-8 BOM/],
  ])('%s is refused', (_n, fixed, reason) => {
    const v = verifyFixedText(original, fixed, [['labels']]);
    expect(v.ok).toBe(false);
    expect(!v.ok && v.reason).toMatch(reason);
  });
});

describe('parsePython follows json.load', () => {
  test.each(['NaN', '-Infinity', '{"a": 1, "a": 2}', '"\\ud800"', ' \t\r\n[1]'])('accepts %j', (t) => {
    expect(() => parsePython(t)).not.toThrow();
  });
  test.each([
    ['{"a": 1,}', 'Expecting property name enclosed in double quotes'],
    ['[1,]', 'Expecting value'],
    ["{'a': 1}", 'Expecting property name enclosed in double quotes'],
    ['{"a": "x\ty"}', 'Invalid control character at'],
    ['[1] [2]', 'Extra data'],
    ['', 'Expecting value'],
    ['01', 'Extra data'],
  ])('rejects %j with "%s"', (t, msg) => {
    expect(() => parsePython(t)).toThrow(PyJsonError);
    expect(() => parsePython(t)).toThrow(msg);
  });
});
