/**
 * Only the named paths are touched (issue 9, issue 10 §4). Every way a command line could
 * lose a named path or put another in its place, run with --fix on a temp tree, asserting
 * byte for byte which files changed: `--` (everything after it is a path, verbatim),
 * paths that start with `-`, words yargs reads as numbers or booleans, command words, an
 * empty path, $nnUNet_raw empty or blank, a path after --select. And a named path (or
 * $nnUNet_raw, or the current folder) holding no dataset.json is a usage error (exit 2).
 */
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals';
import fs from 'node:fs';
import path from 'node:path';
import { cleanup, tempDir } from '../helpers/cli.js';
import { FIXED, changedFiles, cli, datasets, snapshot } from './tree-helpers.js';

let dir: string;
let raw: string;
beforeEach(() => {
  dir = tempDir('nnunet-doctor-paths-');
  raw = path.join(dir, 'raw');
  datasets(raw, ['Dataset001_A', 'Dataset002_B']);
});
afterEach(() => cleanup(dir));

/** Run with --fix (or other args) in `cwd` and return the files of `dir` that changed. */
function fixRun(args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {}) {
  const before = snapshot(dir);
  const r = cli(args, { cwd: opts.cwd ?? raw, env: opts.env });
  const changed = changedFiles(before, snapshot(dir));
  for (const f of changed) expect(fs.readFileSync(path.join(dir, f), 'utf8')).toBe(FIXED);
  return { ...r, changed };
}

describe('`--`: everything after it is a path, and only those paths are touched', () => {
  test('--fix -- Dataset001_A fixes only Dataset001_A', () => {
    const r = fixRun(['--fix', '--', 'Dataset001_A']);
    expect(r.changed).toEqual(['raw/Dataset001_A/dataset.json']);
    expect(r.status).toBe(0);
  });

  test('with $nnUNet_raw set, the named path wins and $nnUNet_raw is left alone', () => {
    datasets(path.join(dir, 'env'), ['Dataset009_Env']);
    const r = fixRun(['--fix', '--', 'Dataset001_A'], { env: { nnUNet_raw: path.join(dir, 'env') } });
    expect(r.changed).toEqual(['raw/Dataset001_A/dataset.json']);
  });

  test('--fix -- -foo/dataset.json fixes that file only', () => {
    datasets(raw, ['-foo']);
    const r = fixRun(['--fix', '--', '-foo/dataset.json']);
    expect(r.changed).toEqual(['raw/-foo/dataset.json']);
    expect(r.status).toBe(0);
  });

  test('paths before and after -- are both taken; option-like words after -- are paths', () => {
    datasets(raw, ['--select', '-q']);
    const r = fixRun(['--fix', 'Dataset001_A', '--', '--select', '-q']);
    expect(r.changed).toEqual(['raw/--select/dataset.json', 'raw/-q/dataset.json', 'raw/Dataset001_A/dataset.json']);
  });

  test('words yargs would read as numbers stay the names typed (1e3 is not 1000, 0x10 is not 16)', () => {
    datasets(raw, ['1e3', '0x10', '007', '1000', '16', '7']);
    expect(fixRun(['--fix', '--', '1e3', '0x10', '007']).changed).toEqual(['raw/007/dataset.json', 'raw/0x10/dataset.json', 'raw/1e3/dataset.json']);
    datasets(raw, ['1e3', '0x10', '007']); // unfixed again
    expect(fixRun(['--fix', '1e3', '0x10', '007']).changed).toEqual(['raw/007/dataset.json', 'raw/0x10/dataset.json', 'raw/1e3/dataset.json']);
  });
});

describe('paths that start with - given any other way', () => {
  test('--fix -foo/dataset.json (no --) is a usage error that says how to name it, and writes nothing', () => {
    datasets(raw, ['-foo']);
    const r = fixRun(['--fix', '-foo/dataset.json']);
    expect(r.changed).toEqual([]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^nnunet-doctor: Unknown arguments?: .*\(a path that starts with -: write \.\/-name, or put it after --\)$/m);
  });

  test('./-foo names it', () => {
    datasets(raw, ['-foo']);
    expect(fixRun(['--fix', './-foo']).changed).toEqual(['raw/-foo/dataset.json']);
  });

  test('$nnUNet_raw starting with -', () => {
    datasets(raw, ['-root/Dataset003_C']);
    const r = fixRun(['--fix'], { cwd: raw, env: { nnUNet_raw: '-root' } });
    expect(r.changed).toEqual(['raw/-root/Dataset003_C/dataset.json']);
  });
});

describe('words a parser could take for something else', () => {
  test('a boolean flag does not swallow a path named true or false', () => {
    datasets(raw, ['false', 'true']);
    expect(fixRun(['--fix', 'false']).changed).toEqual(['raw/false/dataset.json']);
    expect(fixRun(['--fix', '-q', 'true']).changed).toEqual(['raw/true/dataset.json']);
  });

  test('--fix=false is a usage error, not a silent dry run or a fix of the wrong tree', () => {
    const r = fixRun(['--fix=false', 'Dataset001_A']);
    expect(r.status).toBe(2);
    expect(r.changed).toEqual([]);
  });

  test('a path after --select, -j or --max-depth stays a path', () => {
    expect(fixRun(['--fix', '--select', 'NNU1', 'Dataset001_A']).changed).toEqual(['raw/Dataset001_A/dataset.json']);
    expect(fixRun(['--fix', '-j', '2', '--max-depth', '1', 'Dataset002_B']).changed).toEqual(['raw/Dataset002_B/dataset.json']);
  });

  test('folders named like commands: -- NAME, check NAME and --fix NAME check that folder', () => {
    datasets(raw, ['rules', 'explain', 'completion', 'check']);
    for (const name of ['rules', 'explain', 'completion', 'check']) {
      expect(fixRun(['--fix', '--', name]).changed).toEqual([`raw/${name}/dataset.json`]);
      datasets(raw, [name]);
      expect(fixRun(['check', '--fix', name]).changed).toEqual([`raw/${name}/dataset.json`]);
      datasets(raw, [name]);
      expect(fixRun(['--fix', name]).changed).toEqual([`raw/${name}/dataset.json`]);
      datasets(raw, [name]);
    }
  });

  test('a command word runs the command, writes nothing, and says how to check the folder of that name', () => {
    datasets(raw, ['rules', 'completion']);
    const rules = fixRun(['rules']);
    expect(rules.status).toBe(0);
    expect(rules.changed).toEqual([]);
    expect(rules.stderr).toBe('nnunet-doctor: note: "rules" is a command; to check the path of that name: nnunet-doctor check rules\n');
    const completion = fixRun(['completion']);
    expect(completion.changed).toEqual([]);
    expect(completion.stdout).toContain('nnunet-doctor');
    expect(completion.stderr).toContain('"completion" is a command');
    for (const args of [
      ['rules', '--', 'Dataset001_A'],
      ['explain', 'NNU102', '--', 'Dataset001_A'],
      ['completion', 'Dataset001_A'],
      ['rules', '--fix'],
    ]) {
      const r = fixRun(args);
      expect(r.status).toBe(2);
      expect(r.changed).toEqual([]);
    }
  });
});

describe('empty and blank paths never become the current folder', () => {
  test('an empty path (an unset shell variable) is a usage error', () => {
    const r = fixRun(['--fix', '']);
    expect(r.status).toBe(2);
    expect(r.changed).toEqual([]);
    expect(r.stderr).toMatch(/^nnunet-doctor: an empty path was given \(an unset shell variable\?\)/);
    expect(fixRun(['--fix', 'Dataset001_A', '']).changed).toEqual([]);
  });

  test('$nnUNet_raw blank is a usage error; empty counts as unset (the current folder)', () => {
    const blank = fixRun(['--fix'], { env: { nnUNet_raw: ' \t' } });
    expect(blank.status).toBe(2);
    expect(blank.changed).toEqual([]);
    expect(blank.stderr).toMatch(/^nnunet-doctor: \$nnUNet_raw is blank \(" \\t"\)/);
    expect(fixRun(['--fix', 'Dataset001_A'], { env: { nnUNet_raw: ' ' } }).changed).toEqual(['raw/Dataset001_A/dataset.json']);
    expect(fixRun(['--fix'], { cwd: path.join(raw, 'Dataset002_B'), env: { nnUNet_raw: '' } }).changed).toEqual(['raw/Dataset002_B/dataset.json']);
  });
});

describe('a path holding no dataset.json exits 2, saying where it looked and how deep', () => {
  test('a named empty folder, beside one that is checked', () => {
    fs.mkdirSync(path.join(raw, 'empty', 'imagesTr'), { recursive: true });
    fs.writeFileSync(path.join(raw, 'empty', 'imagesTr', 'dataset.json'), FIXED); // never searched
    const r = fixRun(['--fix', 'empty', 'Dataset001_A']);
    expect(r.status).toBe(2);
    expect(r.changed).toEqual(['raw/Dataset001_A/dataset.json']);
    expect(r.stdout).toContain(
      'empty: error: no dataset.json found in this folder or up to 4 folder levels below it; image folders (imagesTr, labelsTr, ...), nnUNetPlans_*, node_modules and hidden folders are not searched. Name a dataset.json or a dataset folder, or search deeper with --max-depth\n',
    );
    expect(r.stdout).not.toContain('not readable');
    const shallow = cli(['--max-depth', '0', 'empty'], { cwd: raw });
    expect(shallow.status).toBe(2);
    expect(shallow.stdout).toContain('empty: error: no dataset.json found in this folder (--max-depth 0: no subfolders);');
  });

  test('$nnUNet_raw or the current folder holding none; --exit-zero does not hide it; every format', () => {
    const empty = path.join(dir, 'empty');
    fs.mkdirSync(empty);
    expect(cli([], { cwd: dir, env: { nnUNet_raw: empty } }).status).toBe(2);
    expect(cli([], { cwd: empty }).status).toBe(2);
    expect(cli(['--exit-zero'], { cwd: empty }).status).toBe(2);
    const json = cli(['--format', 'json'], { cwd: empty });
    expect(json.status).toBe(2);
    expect(JSON.parse(json.stdout).errors).toEqual([
      { path: '.', message: expect.stringMatching(/^no dataset\.json found in this folder or up to 4 folder levels below it/), kind: 'empty' },
    ]);
    expect(cli(['--format', 'github'], { cwd: empty }).stdout).toMatch(/^::error title=nnunet-doctor::\.: no dataset\.json found/);
    expect(cli(['--diff'], { cwd: empty }).stderr).toMatch(/^nnunet-doctor: \.: no dataset\.json found/);
  });

  test('hidden folders are not searched (documented); naming one works', () => {
    const only = path.join(dir, 'onlyhidden');
    datasets(only, ['.snapshot/Dataset001_A']);
    expect(cli([], { cwd: only }).status).toBe(2);
    const r = fixRun(['--fix', '.snapshot'], { cwd: only });
    expect(r.changed).toEqual(['onlyhidden/.snapshot/Dataset001_A/dataset.json']);
  });

  test('a path whose dataset.json files were all found through another named path is not empty', () => {
    fs.symlinkSync(path.join(raw, 'Dataset001_A'), path.join(dir, 'link'));
    const r = cli(['raw/Dataset001_A', 'link'], { cwd: dir });
    expect(r.status).toBe(1);
    expect(r.stdout).not.toContain('no dataset.json found');
  });

  test('a folder named dataset.json: the same error and exit code, found by a search or named', () => {
    fs.mkdirSync(path.join(raw, 'Dataset003_C', 'dataset.json'), { recursive: true });
    const searched = cli(['Dataset003_C'], { cwd: raw });
    const named = cli(['Dataset003_C/dataset.json'], { cwd: raw });
    for (const r of [searched, named]) {
      expect(r.status).toBe(1);
      expect(r.stdout).toContain('Dataset003_C/dataset.json: error: cannot read: is a directory, not a file\n');
    }
  });
});
