/** Shared helpers of the NNU2xx rule tests: layouts, corpus files, running rules. */
import fs from 'node:fs';
import path from 'node:path';
import { fixText, type FixTextResult } from '../../src/engine.js';
import type { Rule } from '../../src/types.js';

/** Run exactly `rules` on `input`. */
export function run(input: string, rules: Rule[], unsafeFixes = false): FixTextResult {
  return fixText(input, { rules, unsafeFixes });
}

/** Re-indent a 4-space text with `unit` per level (leading whitespace only). */
function reindent(unit: string): (s: string) => string {
  return (s) => s.replace(/^((?: {4})+)/gm, (m) => unit.repeat(m.length / 4));
}

/**
 * Layouts a 4-space, LF, final-newline text can be turned into. Applied to the input and
 * the expected output alike, so each case checks that the edit keeps the layout.
 */
export const LAYOUTS: [string, (s: string) => string][] = [
  ['4-space', (s) => s],
  ['2-space', reindent('  ')],
  ['tab', reindent('\t')],
  ['CRLF', (s) => s.replace(/\n/g, '\r\n')],
  ['no final newline', (s) => s.replace(/\n$/, '')],
  ['tab + CRLF, no final newline', (s) => reindent('\t')(s).replace(/\n$/, '').replace(/\n/g, '\r\n')],
];

/** The bytes (decoded as UTF-8) of a real corpus file, by its id prefix (`059`). */
export function corpus(id: string): string {
  const dir = path.resolve('..', 'shared', 'corpus', 'real');
  const name = fs.readdirSync(dir).find((d) => d.startsWith(id + '_'));
  if (!name) throw new Error(`corpus file ${id} not found in ${dir}`);
  return fs.readFileSync(path.join(dir, name, 'dataset.json'), 'utf8');
}

/** `text` with the single occurrence of `from` replaced by `to` (throws unless exactly one). */
export function replaceOnce(text: string, from: string, to: string): string {
  const i = text.indexOf(from);
  if (i < 0 || text.indexOf(from, i + 1) >= 0) throw new Error(`expected exactly one ${JSON.stringify(from)}`);
  return text.slice(0, i) + to + text.slice(i + from.length);
}
