/**
 * The engine's next pass re-parses a text that differs from the last one only where the fixes
 * edited it: the large containers the fast path validated (the v1 `training` list) and that no
 * edit touches are not scanned again (src/pyparse.ts shiftValidated, parseDocument `after`).
 * Reusing them must change nothing: the same tree, the same errors, the same NaN tokens, the
 * same nesting limit, whatever the edits are. And a container that repeats a key inside is
 * built, not left lazy, without building the rest of the file.
 */
import { describe, expect, test } from '@jest/globals';
import path from 'node:path';
import fc from 'fast-check';
import { getNodeValue } from 'jsonc-parser';
import { parseDocument, plainValue, type Document } from '../../src/document.js';
import { applyEdits } from '../../src/edits.js';
import { fixText } from '../../src/engine.js';
import { isLazyContainer, LAZY_CONTAINER_CHARS, MAX_NESTING, shiftValidated, type ValidatedSpan } from '../../src/pyparse.js';
import type { TextEdit } from '../../src/types.js';
import { CORPUS, ROOT } from '../helpers/corpus.js';
import { loadCorpus, loadExamples } from '../safety/fuzzlib.mjs';

const texts = [...loadCorpus(CORPUS), ...loadExamples(path.join(ROOT, 'examples', 'nnUNet_raw'))].map((i) => Buffer.from(i.bytes).toString('utf8'));
/** The files whose parse leaves some container lazy: the ones reuse is about. */
const withLazy = texts.filter((t) => (parseDocument(t).validated?.length ?? 0) > 0);

/** Everything a parse gives that a rule or the verifier can see. */
function view(d: Document) {
  return {
    strict: d.strict,
    pyError: d.pyError,
    parseErrors: d.parseErrors,
    nonFinite: d.nonFinite,
    duplicateKeys: d.duplicateKeys.map((k) => [k.key, k.properties.map((p) => p.offset)]),
    validated: [...(d.validated ?? [])].sort((a, b) => a.offset - b.offset),
    value: d.root ? getNodeValue(d.root) : undefined,
  };
}

/** A text edit as the engine makes them, in a text of length `n`. */
const editIn = (n: number) =>
  fc.record({
    offset: fc.integer({ min: 0, max: n }),
    length: fc.integer({ min: 0, max: 40 }),
    content: fc.constantFrom('', ' ', ',\n    "numTraining": 3', '"', ']', '}', '[', '{"a": NaN}', 'x', '\n', '"k": 1, ', 'Infinity'),
  });

/** Non-overlapping edits (sorted), clipped to the text. */
function tidy(edits: TextEdit[], n: number): TextEdit[] {
  const out: TextEdit[] = [];
  let end = 0;
  for (const e of [...edits].sort((a, b) => a.offset - b.offset)) {
    if (e.offset < end) continue;
    const length = Math.min(e.length, n - e.offset);
    out.push({ ...e, length });
    end = e.offset + length;
  }
  return out;
}

describe('re-parse after edits', () => {
  test('the corpus has files with lazy containers (else this test proves nothing)', () => {
    expect(withLazy.length).toBeGreaterThan(10);
  });

  test('random edits: the same document with and without reuse', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 0, max: withLazy.length - 1 })
          .chain((i) => fc.tuple(fc.constant(withLazy[i]!), fc.array(editIn(withLazy[i]!.length), { minLength: 1, maxLength: 4 }))),
        ([text, raw]) => {
          const from = parseDocument(text);
          const edits = tidy(raw, text.length);
          const next = applyEdits(text, edits);
          expect(view(parseDocument(next, { after: { from, edits } }))).toEqual(view(parseDocument(next)));
        },
      ),
      { numRuns: 300, seed: 11 },
    );
  });

  test('an edit inside a validated container drops it; an edit before it shifts it', () => {
    const spans: ValidatedSpan[] = [{ type: 'array', offset: 100, length: 50, innerDepth: 2, nonFinite: [] }];
    expect(shiftValidated(spans, [{ offset: 10, length: 2, content: 'abcde' }])).toEqual([{ ...spans[0], offset: 103 }]);
    expect(shiftValidated(spans, [{ offset: 100, length: 0, content: 'ab' }])).toEqual([{ ...spans[0], offset: 102 }]); // insertion before its first character
    expect(shiftValidated(spans, [{ offset: 150, length: 0, content: 'ab' }])).toEqual(spans); // right after it
    expect(shiftValidated(spans, [{ offset: 149, length: 1, content: ']' }])).toEqual([]);
    expect(shiftValidated(spans, [{ offset: 90, length: 11, content: '' }])).toEqual([]); // overlaps its start
    expect(shiftValidated(spans, [{ offset: 120, length: 0, content: ' ' }])).toEqual([]);
  });

  test('a reused container breaks an error it would cause deeper: the nesting limit holds', () => {
    // a big array nested MAX_NESTING - 2 deep, as the value of a top-level key
    const depth = MAX_NESTING - 2;
    const inner = '['.repeat(depth - 1) + '"' + 'x'.repeat(LAZY_CONTAINER_CHARS) + '"' + ']'.repeat(depth - 1);
    const text = `{"a": [${inner}]}`;
    const from = parseDocument(text);
    expect(from.strict).toBe(true);
    expect(from.validated).toHaveLength(1);
    const at = text.indexOf('[');
    const end = text.lastIndexOf(']') + 1;
    const wrap = (n: number) => [
      { offset: at, length: 0, content: '['.repeat(n) },
      { offset: end, length: 0, content: ']'.repeat(n) },
    ];
    // one level deeper: still within the limit, and the container is reused
    const one = applyEdits(text, wrap(1));
    expect(parseDocument(one).strict).toBe(true);
    expect(view(parseDocument(one, { after: { from, edits: wrap(1) } }))).toEqual(view(parseDocument(one)));
    // two levels deeper: over it (Python's RecursionError); reuse must not hide that
    const two = applyEdits(text, wrap(2));
    const fresh = parseDocument(two);
    expect(fresh.strict).toBe(false);
    expect(fresh.parseErrors[0]?.code).toBe('NestingTooDeep');
    expect(view(parseDocument(two, { after: { from, edits: wrap(2) } }))).toEqual(view(fresh));
  });
});

describe('lazy containers', () => {
  const big = (entries: string[]) => `{\n  "labels": {"background": 0, "a": 1},\n  "training": [${entries.join(', ')}]\n}\n`;
  const entry = (i: number) =>
    `{"image": "./imagesTr/case_${String(i).padStart(4, '0')}.nii.gz", "label": "./labelsTr/case_${String(i).padStart(4, '0')}.nii.gz"}`;
  const entries = Array.from({ length: 100 }, (_, i) => entry(i));
  const trainingOf = (d: Document) => d.root!.children!.find((p) => p.children![0]!.value === 'training')!.children![1]!;

  test('the training list is lazy and its plain value is JSON.parse of its text', () => {
    const d = parseDocument(big(entries));
    const training = trainingOf(d);
    expect(isLazyContainer(training)).toBe(true);
    expect(plainValue(d, training)).toEqual(JSON.parse(big(entries)).training);
  });

  test('NaN inside a lazy list: the plain value is built from its nodes (JSON.parse would throw)', () => {
    const withNaN = [...entries.slice(0, 50), '{"image": "a.nii.gz", "weight": NaN}', ...entries.slice(50)];
    const d = parseDocument(big(withNaN));
    const training = trainingOf(d);
    expect(isLazyContainer(training)).toBe(true);
    const value = plainValue(d, training) as { weight?: number }[];
    expect(value).toHaveLength(101);
    expect(value[50]!.weight).toBeNaN();
    expect(value).toEqual(getNodeValue(training));
  });

  test('a repeated key inside the list: that list is built (NNU004 names both lines), the file stays on the fast path', () => {
    const dup = [...entries.slice(0, 70), '{"image": "a.nii.gz", "image": "b.nii.gz"}', ...entries.slice(70)];
    const text = big(dup);
    const d = parseDocument(text);
    expect(d.strict).toBe(true);
    expect(isLazyContainer(trainingOf(d))).toBe(false);
    expect(d.duplicateKeys.map((k) => k.key)).toEqual(['image']);
    const full = parseDocument(text, { path: 'jsonc' });
    expect(view(d).duplicateKeys).toEqual(view(full).duplicateKeys);
    const codes = (t: string, parse?: 'jsonc') => fixText(t, { parse }).diagnostics.map((x) => [x.code, x.line, x.message]);
    expect(codes(text)).toEqual(codes(text, 'jsonc'));
    expect(codes(text).map((c) => c[0])).toContain('NNU004');
  });
});

describe('unsafe fixes available without --unsafe-fixes', () => {
  test('fixText marks what --unsafe-fixes would apply, and nothing else', () => {
    const v1 =
      '{\n  "modality": {"0": "CT"},\n  "labels": {"0": "background", "1": "liver"},\n  "training": [{"image": "./imagesTr/a.nii.gz", "label": "./labelsTr/a.nii.gz"}]\n}\n';
    const safe = fixText(v1);
    const unsafe = fixText(v1, { unsafeFixes: true });
    const marked = safe.diagnostics.filter((d) => d.fix.unsafeAvailable).map((d) => d.key);
    const appliedOnlyWithUnsafe = unsafe.diagnostics.filter((d, i) => d.fix.available && !safe.diagnostics[i]!.fix.available).map((d) => d.key);
    expect(marked.length).toBeGreaterThan(0);
    expect(marked).toEqual(appliedOnlyWithUnsafe);
    expect(unsafe.diagnostics.some((d) => d.fix.unsafeAvailable)).toBe(false);
  });
});
