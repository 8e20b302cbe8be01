/**
 * `--diff` applies from wherever the user stands (issue 10 §3): from any current folder,
 * with an absolute, relative or `../` path, inside a git repository or not, with spaces,
 * non-ASCII letters and a newline in folder names, CRLF files and files without a final
 * newline, `nnunet-doctor --diff PATH | git apply --unsafe-paths` gives files
 * byte-identical to `nnunet-doctor --fix PATH`. `patch -p1` works for files below the
 * current folder.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { cleanup, tempDir } from '../helpers/cli.js';
import { FIXABLE, FIXED, changedFiles, cli, snapshot } from './tree-helpers.js';

const CRLF =
  '{\r\n  "channel_names": {"0": "CT"},\r\n  "labels": {\r\n    "0": "background",\r\n    "1": "a"\r\n  },\r\n  "numTraining": 1,\r\n  "file_ending": ".nii.gz"\r\n}\r\n';
const NO_EOL =
  '{\n  "labels": {\n    "0": "background",\n    "1": "a"\n  },\n  "channel_names": {"0": "CT"},\n  "numTraining": 1,\n  "file_ending": ".nii.gz"\n}';

/** The datasets of every tree: the names and line endings a patch tool can trip on. */
const RAW: Record<string, string> = {
  'Dataset001 Liver/dataset.json': FIXABLE,
  'Dataset002_Äpfel/dataset.json': FIXABLE,
  'Dataset003_CRLF/dataset.json': CRLF,
  'Dataset004_NoEOL/dataset.json': NO_EOL,
  'Dataset005_Healthy/dataset.json': FIXED,
  'Dataset006_new\nline/dataset.json': FIXABLE,
};
const WILL_CHANGE = ['Dataset001 Liver', 'Dataset002_Äpfel', 'Dataset003_CRLF', 'Dataset004_NoEOL', 'Dataset006_new\nline'];

let base: string;
beforeAll(() => {
  base = tempDir('nnunet-doctor-diff-');
});
afterAll(() => cleanup(base));

const haveGit = spawnSync('git', ['--version']).status === 0;
const havePatch = spawnSync('patch', ['--version']).status === 0;

/**
 * A tree `<top>/data/nnUNet_raw/...` (top's own name has a space and non-ASCII letters),
 * `<top>/work/sub` (a folder outside the data), optionally a git repository at `gitAt`.
 */
function makeTree(name: string, gitAt?: string): string {
  const top = path.join(base, name, 'top Ø dir');
  for (const [rel, text] of Object.entries(RAW)) {
    const file = path.join(top, 'data', 'nnUNet_raw', rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
  }
  fs.mkdirSync(path.join(top, 'work', 'sub'), { recursive: true });
  if (gitAt !== undefined) {
    const g = spawnSync('git', ['init', '-q', path.join(top, gitAt)], { encoding: 'utf8' });
    expect(g.status).toBe(0);
  }
  return top;
}

interface Scenario {
  /** The current folder, relative to the tree's top. */
  cwd: string;
  /** The path given to nnunet-doctor (from the tree's top folder). */
  arg: (top: string) => string;
  /** Where a git repository is (relative to top), if any. */
  gitAt?: string;
}

const raw = (top: string) => path.join(top, 'data', 'nnUNet_raw');
const SCENARIOS: Record<string, Scenario> = {
  'relative path, below the current folder': { cwd: 'data', arg: () => 'nnUNet_raw' },
  '. inside nnUNet_raw': { cwd: 'data/nnUNet_raw', arg: () => '.' },
  '../ path': { cwd: 'work/sub', arg: () => '../../data/nnUNet_raw' },
  'absolute path ($nnUNet_raw), from elsewhere': { cwd: 'work/sub', arg: raw },
  'absolute path, from inside one of the datasets': { cwd: 'data/nnUNet_raw/Dataset001 Liver', arg: raw },
  'inside a git repository, files outside it (absolute)': { cwd: 'work/sub', arg: raw, gitAt: 'work' },
  'inside a git repository, files in it but above the current folder (../)': { cwd: 'work/sub', arg: () => '../../data/nnUNet_raw', gitAt: '.' },
  'at the top of a git repository, relative path': { cwd: '.', arg: () => 'data/nnUNet_raw', gitAt: '.' },
};

describe('--diff | git apply --unsafe-paths equals --fix', () => {
  const run = haveGit ? test : test.skip;
  run.each(Object.entries(SCENARIOS))('%s', (name, s) => {
    const viaPatch = makeTree(`${name.replace(/\W+/g, '_')}-patch`, s.gitAt);
    const viaFix = makeTree(`${name.replace(/\W+/g, '_')}-fix`, s.gitAt);
    const original = snapshot(raw(viaPatch));

    const diff = cli(['--diff', s.arg(viaPatch)], { cwd: path.join(viaPatch, s.cwd) });
    expect(diff.stderr).toBe('');
    expect(diff.status).toBe(1);
    // headers are relative (never absolute, never the temp folder's name)
    const headers = diff.stdout.split('\n').filter((l) => /^(---|\+\+\+) /.test(l));
    expect(headers).toHaveLength(2 * WILL_CHANGE.length);
    for (const h of headers) expect(h).toMatch(/^(---|\+\+\+) "?[ab]\/[^/]/);
    expect(diff.stdout).not.toContain(base);
    expect(snapshot(raw(viaPatch))).toEqual(original); // --diff writes nothing

    const apply = spawnSync('git', ['apply', '--unsafe-paths'], { cwd: path.join(viaPatch, s.cwd), input: diff.stdout, encoding: 'utf8' });
    expect(apply.stderr).toBe('');
    expect(apply.status).toBe(0);

    const fix = cli(['--fix', s.arg(viaFix)], { cwd: path.join(viaFix, s.cwd) });
    expect(fix.status).toBe(0);
    const patched = snapshot(raw(viaPatch));
    expect(snapshot(raw(viaFix))).toEqual(patched);
    expect(changedFiles(original, patched)).toEqual(WILL_CHANGE.map((d) => `${d}/dataset.json`).sort());
    // line endings and the missing final newline are kept
    expect(fs.readFileSync(path.join(raw(viaPatch), 'Dataset003_CRLF', 'dataset.json'), 'utf8')).toBe(
      CRLF.replace('"0": "background",\r\n    "1": "a"', '"background": 0,\r\n    "a": 1'),
    );
    expect(fs.readFileSync(path.join(raw(viaPatch), 'Dataset004_NoEOL', 'dataset.json'), 'utf8')).toBe(
      NO_EOL.replace('"0": "background",\n    "1": "a"', '"background": 0,\n    "a": 1'),
    );
  });
});

describe('patch -p1, for files below the current folder', () => {
  const run = havePatch ? test : test.skip;
  run.each([['relative path, below the current folder'], ['. inside nnUNet_raw']])('%s', (name) => {
    const s = SCENARIOS[name]!;
    const viaPatch = makeTree(`patch-${name.replace(/\W+/g, '_')}`);
    const viaFix = makeTree(`patch-${name.replace(/\W+/g, '_')}-fix`);
    const diff = cli(['--diff', s.arg(viaPatch)], { cwd: path.join(viaPatch, s.cwd) });
    const p = spawnSync('patch', ['-p1', '--no-backup-if-mismatch', '--batch'], { cwd: path.join(viaPatch, s.cwd), input: diff.stdout, encoding: 'utf8' });
    expect(p.status).toBe(0);
    cli(['--fix', s.arg(viaFix)], { cwd: path.join(viaFix, s.cwd) });
    expect(snapshot(raw(viaFix))).toEqual(snapshot(raw(viaPatch)));
  });
});

describe('the header names the file --fix writes', () => {
  const run = haveGit ? test : test.skip;
  run('a symlinked dataset folder: its real file, relative to the current folder (git apply refuses a path through a symlink)', () => {
    const viaPatch = makeTree('symlink');
    const viaFix = makeTree('symlink-fix');
    for (const top of [viaPatch, viaFix]) fs.symlinkSync(path.join(raw(top), 'Dataset001 Liver'), path.join(top, 'work', 'Dataset007_Link'));
    const r = cli(['--diff', 'Dataset007_Link'], { cwd: path.join(viaPatch, 'work') });
    expect(r.stdout.split('\n').slice(0, 2)).toEqual([
      '--- a/../data/nnUNet_raw/Dataset001 Liver/dataset.json\t',
      '+++ b/../data/nnUNet_raw/Dataset001 Liver/dataset.json\t',
    ]);
    const apply = spawnSync('git', ['apply', '--unsafe-paths'], { cwd: path.join(viaPatch, 'work'), input: r.stdout, encoding: 'utf8' });
    expect(apply.status).toBe(0);
    expect(cli(['--fix', '--follow-outside', 'Dataset007_Link'], { cwd: path.join(viaFix, 'work') }).status).toBe(0);
    expect(snapshot(raw(viaFix))).toEqual(snapshot(raw(viaPatch)));
    expect(fs.readFileSync(path.join(raw(viaPatch), 'Dataset001 Liver', 'dataset.json'), 'utf8')).toBe(FIXED);
  });
});
