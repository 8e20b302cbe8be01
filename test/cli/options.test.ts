/**
 * Invalid option values are usage errors (issue 9, issue 10 §4): exit 2, one line naming
 * the flag and the value, the `--help` hint, nothing on stdout, nothing read or written.
 * Before, `--max-size abc` printed `ERR_OUT_OF_RANGE ... Received NaN` once per file.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import fs from 'node:fs';
import path from 'node:path';
import { cleanup, tempDir } from '../helpers/cli.js';
import { FIXABLE, FIXED, changedFiles, cli, datasets, snapshot } from './tree-helpers.js';

let dir: string;
beforeAll(() => {
  dir = tempDir('nnunet-doctor-options-');
  datasets(path.join(dir, 'raw'), ['Dataset001_A', 'Dataset002_B']);
});
afterAll(() => cleanup(dir));

const HELP = 'Run `nnunet-doctor --help` for usage.\n';

const BAD: [string[], RegExp][] = [
  [['--max-depth', '-1'], /^--max-depth takes the folder levels to search below each path: a whole number from 0 to any size, not "-1"$/],
  [['--max-depth', '1.5'], /^--max-depth takes .* not "1\.5"$/],
  [['--max-depth', 'abc'], /^--max-depth takes .* not "abc"$/],
  [['--max-depth', '0x10'], /^--max-depth takes .* not "0x10"$/],
  [['--max-depth', '1e400'], /^--max-depth takes .* not "1e400"$/],
  [['--max-depth', 'Infinity'], /^--max-depth takes .* not "Infinity"$/],
  [['--max-depth', ''], /^--max-depth takes .* not ""$/],
  [['--max-size', '0'], /^--max-size takes the largest dataset\.json to read in MB: a number greater than 0 and at most 500, not "0"$/],
  [['--max-size', '-3'], /^--max-size takes .* not "-3"$/],
  [['--max-size', 'abc'], /^--max-size takes .* not "abc"$/],
  [['--max-size', 'NaN'], /^--max-size takes .* not "NaN"$/],
  [['--max-size', 'Infinity'], /^--max-size takes .* not "Infinity"$/],
  [['--max-size', '1e3'], /^--max-size takes .* not "1e3"$/],
  [['--max-size', '501'], /^--max-size takes .* not "501"$/],
  [['--jobs', '0'], /^--jobs takes the worker threads of --labels: a whole number from 1 to 1024, not "0"$/],
  [['--jobs', 'abc'], /^--jobs takes .* not "abc"$/],
  [['-j', '1.5'], /^--jobs takes .* not "1\.5"$/],
  [['-j', 'NaN'], /^--jobs takes .* not "NaN"$/],
  [['--jobs', '1025'], /^--jobs takes .* not "1025"$/],
  [['--format', 'xml'], /^Invalid values: Argument: format, Given: "xml", Choices: "text", "json", "sarif", "github"$/],
  [['--format', ''], /^Invalid values: Argument: format, Given: "", Choices: "text", "json", "sarif", "github"$/],
  [['--select', ''], /^--select needs rule codes or prefixes such as NNU1 or NNU102/],
  [['--ignore', ','], /^--ignore needs rule codes or prefixes/],
  [['--select', 'XYZ9'], /^--select: "XYZ9" matches no rule code/],
  [['--config', ''], /^--config needs a file name \(or use --no-config\)$/],
  // a single-valued flag given twice with different values: which one was meant?
  [['--format', 'json', '--format', 'sarif'], /^--format was given more than once \("json", "sarif"\); give it once$/],
  [['--max-depth', '1', '--max-depth', '2'], /^--max-depth was given more than once \("1", "2"\); give it once$/],
  [['-j', '2', '--jobs', '3'], /^--jobs was given more than once \("2", "3"\); give it once$/],
  [['--max-size', '1', '--max-size', '2'], /^--max-size was given more than once/],
  [['--config', 'a.json', '--config', 'b.json'], /^--config was given more than once/],
  // a flag with its value missing, or a value given to a flag that takes none
  [['--max-depth'], /^Not enough arguments following: max-depth$/],
  [['-j'], /^Not enough arguments following: j$/],
  [['--fix=true'], /^Argument unexpected for: fix$/],
  [['--bogus'], /^Unknown argument: bogus$/],
];

describe('bad values: exit 2, one line, nothing read, nothing written (with --fix)', () => {
  test.each(BAD)('%j', (args, message) => {
    const before = snapshot(dir);
    const r = cli(['--fix', 'raw', ...args], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    const [first, ...rest] = r.stderr.split('\n');
    expect(first!.replace(/^nnunet-doctor: /, '')).toMatch(message);
    expect(first).toMatch(/^nnunet-doctor: /);
    expect(rest.join('\n')).toBe(HELP);
    expect(changedFiles(before, snapshot(dir))).toEqual([]);
  });
});

describe('good values', () => {
  test.each([
    [['--fix', '--max-depth', '0'], 2, FIXABLE], // raw itself holds no dataset.json: exit 2, nothing written
    [['--fix', '--max-depth', '1'], 0, FIXED],
    [['--fix', '--max-size', '0.5'], 0, FIXED],
    [['--fix', '--max-size', '500'], 0, FIXED],
    [['--fix', '--jobs', '1'], 0, FIXED],
    [['--fix', '--format', 'json', '--format', 'json'], 0, FIXED], // the same value twice is not ambiguous
    [['--no-fix', '--fix'], 0, FIXED], // booleans: the last one wins (an alias can be overridden)
    [['--fix', '--no-fix'], 1, FIXABLE],
  ] as [string[], number, string][])('%j', (args, status, bytes) => {
    const d = tempDir('nnunet-doctor-options-ok-');
    try {
      datasets(path.join(d, 'raw'), ['Dataset001_A']);
      const r = cli([...args, 'raw'], { cwd: d });
      expect(r.stderr).toBe('');
      expect(r.status).toBe(status);
      expect(fs.readFileSync(path.join(d, 'raw', 'Dataset001_A', 'dataset.json'), 'utf8')).toBe(bytes);
    } finally {
      cleanup(d);
    }
  });
});
