/** Shell completion (issue 12): commands and check's options at the top level, rule codes where a code goes. */
import { expect, test } from '@jest/globals';
import { CHECK_OPTIONS, completions } from '../../src/completion.js';
import { rules } from '../../transforms/index.js';

const codes = rules.map((r) => r.meta.code);
const FORMATS = ['text', 'json', 'sarif', 'github'];
const complete = (line: string[], current: string) => completions(line, current, codes, FORMATS);

test('the first word: commands, and the options of check without typing check', () => {
  expect(complete([], '')).toEqual(['check', 'explain', 'remap', 'rules', 'completion']);
  expect(complete([], '--fi')).toEqual(['--fix']);
  expect(complete([], '--un')).toEqual(['--unsafe-fixes']);
  expect(complete(['check'], '--stat')).toEqual(['--statistics']);
  expect(complete(['--fix', 'nnUNet_raw'], '--q')).toEqual(['--quiet']);
});

test('rule codes after explain, --select and --ignore (prefixes too, a comma list completes its last item)', () => {
  expect(complete(['explain'], 'NNU10')).toEqual(['NNU101', 'NNU102', 'NNU103', 'NNU104', 'NNU105', 'NNU106', 'NNU107', 'NNU108', 'NNU109']);
  expect(complete(['explain'], 'nnu20')).toEqual(['NNU201', 'NNU202', 'NNU203', 'NNU204', 'NNU205', 'NNU206', 'NNU207']);
  expect(complete(['--select'], '')).toContain('ALL');
  expect(complete(['--select'], 'NNU')).toEqual(expect.arrayContaining(['NNU0', 'NNU1', 'NNU2', 'NNU3', 'NNU4', 'NNU102']));
  expect(complete(['--ignore'], 'NNU1,NNU20')).toEqual([
    'NNU1,NNU201',
    'NNU1,NNU202',
    'NNU1,NNU203',
    'NNU1,NNU204',
    'NNU1,NNU205',
    'NNU1,NNU206',
    'NNU1,NNU207',
  ]);
});

test('values: formats after --format, shells after completion; nothing after a value option; files elsewhere', () => {
  expect(complete(['--format'], '')).toEqual(FORMATS);
  expect(complete(['remap', '--format'], '')).toEqual(['text', 'json']);
  expect(complete(['completion'], 'f')).toEqual(['fish']);
  expect(complete(['--max-depth'], '')).toEqual([]);
  expect(complete(['--fix'], 'nnUNet')).toEqual([]); // the shell completes the path
  expect(complete(['remap'], '--al')).toEqual(['--allow-merge']);
});

test('every check option is offered', () => {
  for (const o of [
    '--fix',
    '--unsafe-fixes',
    '--diff',
    '--format',
    '--labels',
    '--max-warnings',
    '--concise',
    '--statistics',
    '--output-file',
    '--stdin-filename',
  ])
    expect(CHECK_OPTIONS).toContain(o);
});
