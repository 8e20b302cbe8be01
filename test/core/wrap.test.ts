/**
 * On a terminal the text report wraps problem, help and summary lines between words to the
 * terminal's width (checked in tmux at 80 columns); in a pipe or a file each stays one line.
 */
import { describe, expect, test } from '@jest/globals';
import path from 'node:path';
import pc from 'picocolors';
import { textReporter, wrapLine } from '../../src/report/text.js';
import { scan } from '../../src/run.js';
import { addRunFacts, addToSummary, emptySummary } from '../../src/summary.js';
import { ROOT } from '../helpers/corpus.js';

const ANSI = /\x1b\[[0-9;]*m/g; // eslint-disable-line no-control-regex -- colour codes take no columns

describe('wrapLine', () => {
  test('a short line stays as it is', () => {
    expect(wrapLine('  help: short', 80, '    ')).toEqual(['  help: short']);
  });
  test('between words, the rest indented; colour codes take no columns', () => {
    const line = `  ${pc.createColors(true).cyan('help:')} one two three four five six`;
    const out = wrapLine(line, 20, '    ');
    expect(out.map((l) => l.replace(ANSI, ''))).toEqual(['  help: one two', '    three four five', '    six']);
    expect(out.join(' ').replace(/ {4}/g, '')).toContain('one two');
  });
  test('a word longer than the width stays whole', () => {
    expect(wrapLine('a path/that/is/much/longer/than/the/width b', 10, '  ')).toEqual(['a', '  path/that/is/much/longer/than/the/width', '  b']);
  });
});

describe('the text report on an 80-column terminal', () => {
  test('every line of the examples fits, but for diff lines and single long words; the words are the same', async () => {
    const result = await scan({ paths: [path.join(ROOT, 'examples', 'nnUNet_raw')], cwd: ROOT });
    const render = (wrap?: number) => {
      const r = textReporter({ colors: pc.createColors(false), colorEnabled: false, unsafeFixes: false, width: wrap ?? 200, wrap, showDiff: false }, false);
      const s = emptySummary();
      let out = r.start();
      for (const f of result.files) {
        addToSummary(s, f);
        out += r.file(f);
      }
      addRunFacts(s, result);
      return out + r.end(result, s, 1);
    };
    const wrapped = render(80);
    const plain = render();
    for (const line of wrapped.split('\n')) if (line.length > 80) expect(line.trim()).not.toContain(' ');
    expect(wrapped.split(/\s+/)).toEqual(plain.split(/\s+/));
    expect(wrapped.split('\n').length).toBeGreaterThan(plain.split('\n').length);
  });
});
