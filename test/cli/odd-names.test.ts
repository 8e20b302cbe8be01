/**
 * Folders with odd names are found and fixed by a search, not skipped silently (issue 9):
 * a newline, a carriage return, a tab, glob syntax (`*`, `?`, `[`, `{`, `!`, `@(`),
 * a backslash, a leading dash. Hidden folders are not searched (documented), and naming
 * one works.
 */
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import fs from 'node:fs';
import path from 'node:path';
import { cleanup, tempDir } from '../helpers/cli.js';
import { FIXED, changedFiles, cli, datasets, snapshot } from './tree-helpers.js';

const ODD = [
  'Dataset001_new\nline',
  'Dataset002_cr\rx',
  'Dataset003_tab\tx',
  'Dataset004_*',
  'Dataset005_?',
  'Dataset006_[a]',
  'Dataset007_{a,b}',
  'Dataset008_!x',
  '-Dataset009',
  'Dataset010_back\\slash',
  'Dataset011_@(x)',
  'Dataset012 space',
  'Dataset013_Äpfel',
];

let dir: string;
beforeAll(() => {
  dir = tempDir('nnunet-doctor-odd-cli-');
  datasets(path.join(dir, 'raw'), [...ODD, ...ODD.map((n) => `group ${n}/${n}`), '.hidden/Dataset020_H']);
});
afterAll(() => cleanup(dir));

test('--fix on the root fixes every odd-named dataset, at two depths, and no hidden one', () => {
  const before = snapshot(dir);
  const r = cli(['--fix', '--format', 'json', 'raw'], { cwd: dir });
  expect(r.status).toBe(0);
  const expected = [...ODD.map((n) => `raw/${n}/dataset.json`), ...ODD.map((n) => `raw/group ${n}/${n}/dataset.json`)].sort();
  const changed = changedFiles(before, snapshot(dir));
  expect(changed).toEqual(expected);
  for (const f of changed) expect(fs.readFileSync(path.join(dir, f), 'utf8')).toBe(FIXED);
  expect((JSON.parse(r.stdout).files as { path: string }[]).map((f) => f.path).sort()).toEqual(expected);
});

test('a hidden folder named on the command line is checked and fixed', () => {
  const before = snapshot(dir);
  expect(cli(['--fix', 'raw/.hidden'], { cwd: dir }).status).toBe(0);
  expect(changedFiles(before, snapshot(dir))).toEqual(['raw/.hidden/Dataset020_H/dataset.json']);
});
