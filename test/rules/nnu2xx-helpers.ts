/** Shared helpers of the NNU2xx rule tests: corpus files, running rules. (Layouts: test/rule-tester.ts.) */
import { fixText, type FixTextResult } from '../../src/engine.js';
import type { Rule } from '../../src/types.js';
import { corpusBytes, corpusId } from '../helpers/corpus.js';

/** Run exactly `rules` on `input`. */
export function run(input: string, rules: Rule[], unsafeFixes = false): FixTextResult {
  return fixText(input, { rules, unsafeFixes });
}

/** The bytes (decoded as UTF-8) of a real corpus file, by its id prefix (`059`). */
export function corpus(id: string): string {
  return corpusBytes(corpusId(id)).toString('utf8');
}

/** `text` with the single occurrence of `from` replaced by `to` (throws unless exactly one). */
export function replaceOnce(text: string, from: string, to: string): string {
  const i = text.indexOf(from);
  if (i < 0 || text.indexOf(from, i + 1) >= 0) throw new Error(`expected exactly one ${JSON.stringify(from)}`);
  return text.slice(0, i) + to + text.slice(i + from.length);
}
