/**
 * One parse per file, two paths: a text Python loads as it is takes the fast path
 * (src/pyparse.ts), anything else the full JSONC path (jsonc-parser). Both must give the same
 * diagnostics and the same fixed bytes on every corpus file, every example and generated
 * inputs (test/crosscheck/python-errors.test.ts checks the paths against real Python).
 */
import { describe, expect, test } from '@jest/globals';
import path from 'node:path';
import fc from 'fast-check';
import { parseDocument } from '../../src/document.js';
import { fixBytes, type FixTextResult } from '../../src/engine.js';
import { CORPUS, ROOT } from '../helpers/corpus.js';
import { inputArbitrary, loadCorpus, loadExamples, type Input } from '../safety/fuzzlib.mjs';

const corpus = loadCorpus(CORPUS);
const examples = loadExamples(path.join(ROOT, 'examples', 'nnUNet_raw'));
const generated: Input[] = fc.sample(inputArbitrary([...corpus, ...examples]), { numRuns: 400, seed: 20261130 });

/** What a run shows, position by position: the paths must agree on all of it. */
function shape(r: FixTextResult) {
  const d = (x: FixTextResult['diagnostics'][number]) => [
    x.code,
    x.severity,
    x.message,
    x.nnunet,
    x.help,
    x.line,
    x.column,
    x.endLine,
    x.endColumn,
    x.fix.applicability,
    x.fix.available,
    x.fix.unsafeAvailable,
    x.fix.title,
  ];
  return { kind: r.kind, output: r.output, error: r.error, diagnostics: r.diagnostics.map(d), remaining: r.remaining.map(d) };
}

describe('the fast path and the full JSONC path agree', () => {
  const all = [...corpus, ...examples, ...generated];
  test(`on ${corpus.length} corpus files, ${examples.length} examples and ${generated.length} generated inputs, safe and unsafe`, () => {
    let fast = 0;
    for (const input of all) {
      for (const unsafeFixes of [false, true]) {
        const a = fixBytes(input.bytes, { unsafeFixes });
        const b = fixBytes(input.bytes, { unsafeFixes, parse: 'jsonc' });
        expect({ name: input.name, ...shape(a) }).toEqual({ name: input.name, ...shape(b) });
      }
      if (parseDocument(Buffer.from(input.bytes).toString('utf8')).strict) fast++;
    }
    // both paths really ran: most real files are plain JSON, the generated ones often are not
    expect(fast).toBeGreaterThan(corpus.length / 2);
    expect(fast).toBeLessThan(all.length);
  });
});
