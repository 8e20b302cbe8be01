/**
 * unifiedDiff diffs only the part of two texts that differs (a 60 MB file with one change at
 * the top is not tokenised whole). Its hunks must apply to give exactly the new text, and on
 * every real fix they are the very hunks of a whole-file diff.
 */
import { expect, test } from '@jest/globals';
import { applyPatch, createTwoFilesPatch, FILE_HEADERS_ONLY } from 'diff';
import fc from 'fast-check';
import { unifiedDiff } from '../../src/diff.js';
import { fixBytes } from '../../src/engine.js';
import { CORPUS } from '../helpers/corpus.js';
import { inputArbitrary, loadCorpus } from '../safety/fuzzlib.mjs';

test('on every corpus fix and generated input: the same text as a whole-file diff', () => {
  const corpus = loadCorpus(CORPUS);
  let n = 0;
  for (const input of [...corpus, ...fc.sample(inputArbitrary(corpus), { numRuns: 300, seed: 5 })]) {
    for (const unsafeFixes of [false, true]) {
      const r = fixBytes(input.bytes, { unsafeFixes });
      if (!r.changed) continue;
      n++;
      expect(unifiedDiff('x/dataset.json', r.input, r.output)).toBe(
        createTwoFilesPatch('a/x/dataset.json', 'b/x/dataset.json', r.input, r.output, undefined, undefined, { context: 3, headerOptions: FILE_HEADERS_ONLY }),
      );
    }
  }
  expect(n).toBeGreaterThan(100);
});

test('on random line edits (repeated lines, no final newline, CRLF): the patch applies to give exactly the new text', () => {
  const line = fc.constantFrom('a', 'b', 'a\r', '{', '}', '');
  fc.assert(
    fc.property(
      fc.array(line, { maxLength: 40 }),
      fc.array(fc.tuple(fc.nat(), fc.constantFrom('del', 'ins', 'set'))),
      fc.boolean(),
      fc.boolean(),
      (lines, edits, nlA, nlB) => {
        const b: string[] = [...lines];
        for (const [i, op] of edits) {
          const j = b.length ? i % b.length : 0;
          if (op === 'del') b.splice(j, 1);
          else if (op === 'ins') b.splice(j, 0, 'x');
          else b[j] = 'y';
        }
        const before = lines.join('\n') + (nlA ? '\n' : '');
        const after = b.join('\n') + (nlB ? '\n' : '');
        const patch = unifiedDiff('f', before, after);
        expect(before === after ? patch === '' : applyPatch(before, patch) === after).toBe(true);
      },
    ),
    { numRuns: 3000, seed: 42 },
  );
});

test('a one-line change at the top of a 200,000-line file: one small hunk at line 2', () => {
  const before = `{\n  "labels": {"0": "background"},\n${'  "x": 1,\n'.repeat(200000)}  "y": 2\n}\n`;
  const after = before.replace('"0": "background"', '"background": 0');
  const patch = unifiedDiff('d.json', before, after);
  expect(patch.split('\n')[2]).toBe('@@ -1,5 +1,5 @@');
  expect(patch.length).toBeLessThan(300);
});
