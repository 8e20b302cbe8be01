/**
 * `-` reads a dataset.json from standard input, as prettier and ruff do (issue 10 §4):
 * `--stdin-filename PATH` names it and its folder is checked when it exists; with --fix
 * the text goes to stdout (the only thing there), the report to stderr, and nothing is
 * written to disk; without --fix a normal report. Input is bounded by --max-size.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import fs from 'node:fs';
import path from 'node:path';
import { cleanup, tempDir } from '../helpers/cli.js';
import { FIXABLE, FIXED, cli, datasets, snapshot } from './tree-helpers.js';

let dir: string;
let raw: string;
beforeAll(() => {
  dir = tempDir('nnunet-doctor-stdin-');
  raw = path.join(dir, 'raw');
  // the current folder holds a fixable dataset: nothing here may change
  datasets(raw, ['Dataset001_A']);
  // a dataset folder with 2 training cases, for --stdin-filename folder checks (NNU301)
  for (const f of ['imagesTr/c1_0000.nii.gz', 'imagesTr/c2_0000.nii.gz', 'labelsTr/c1.nii.gz', 'labelsTr/c2.nii.gz']) {
    fs.mkdirSync(path.dirname(path.join(raw, 'Dataset002_B', f)), { recursive: true });
    fs.writeFileSync(path.join(raw, 'Dataset002_B', f), '');
  }
});
afterAll(() => cleanup(dir));

/** Run in raw/ and check that no file under dir changed. */
function run(args: string[], input?: string | Buffer, opts: { stdinFile?: string; cwd?: string } = {}) {
  const before = snapshot(dir);
  const r = cli(args, { cwd: opts.cwd ?? raw, input: opts.stdinFile ? undefined : (input ?? ''), stdinFile: opts.stdinFile });
  expect(r.signal).toBeNull();
  expect(snapshot(dir)).toEqual(before);
  return r;
}

describe('nnunet-doctor -', () => {
  test('a normal report on stdout, named "-"; exit 1 for problems (also in an empty folder)', () => {
    const r = run(['-'], FIXABLE);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^-:1:42:? +NNU102 +labels are inverted/m);
    expect(r.stdout).toContain('--- a/-\n+++ b/-\n');
    const empty = path.join(dir, 'empty');
    fs.mkdirSync(empty, { recursive: true });
    expect(run(['-'], FIXABLE, { cwd: empty }).status).toBe(1);
    expect(run(['-'], FIXED, { cwd: empty }).status).toBe(0);
  });

  test('--fix: stdout is exactly the fixed text, the report is on stderr, nothing is written', () => {
    const r = run(['--fix', '-'], FIXABLE);
    expect(r.stdoutBytes.equals(Buffer.from(FIXED))).toBe(true);
    expect(r.stderr).toMatch(/^-:1:42:? +NNU102 .*\[fixed\]$/m);
    expect(r.stderr).not.toContain('--- a/');
    expect(r.status).toBe(0);
  });

  test('--fix keeps CRLF, a byte-order mark, no final newline; gives back text it cannot fix unchanged', () => {
    const crlf =
      '\ufeff{\r\n  "channel_names": {"0": "CT"},\r\n  "labels": {"0": "background", "1": "a"},\r\n  "numTraining": 1,\r\n  "file_ending": ".nii.gz"\r\n}';
    const fixed = run(['--fix', '--ignore', 'NNU003', '-'], crlf).stdout;
    expect(fixed).toBe(crlf.replace('{"0": "background", "1": "a"}', '{"background": 0, "a": 1}'));
    for (const input of ['labels: {0: background}', Buffer.from([0xff, 0xfe, 0x7b, 0, 0x7d, 0]), Buffer.from([0x92, 0x7b, 0x7d]), '']) {
      const r = run(['--fix', '-'], input);
      expect(r.status).toBe(1);
      expect(r.stdoutBytes.equals(Buffer.from(input))).toBe(true);
    }
  });

  test('--fix with --format json: stdout carries only the text, the JSON report goes to stderr', () => {
    const r = run(['--fix', '--format', 'json', '-'], FIXABLE);
    expect(r.stdout).toBe(FIXED);
    expect(JSON.parse(r.stderr).files[0]).toMatchObject({ path: '-', changed: true, written: true });
  });

  test('--diff -: the patch on stdout', () => {
    const r = run(['--diff', '-', '--stdin-filename', 'Dataset002_B/dataset.json'], FIXABLE);
    expect(r.stdout.startsWith('--- a/Dataset002_B/dataset.json\n+++ b/Dataset002_B/dataset.json\n@@ -1,1 +1,1 @@\n')).toBe(true);
  });
});

describe('--stdin-filename', () => {
  test('names the text in messages, and its folder is checked when it exists', () => {
    const r = run(['-', '--stdin-filename', 'Dataset002_B/dataset.json'], FIXED);
    expect(r.stdout).toMatch(/^Dataset002_B\/dataset\.json:1:\d+:? +NNU301 /m); // numTraining 1, 2 cases on disk
    const nowhere = run(['-', '--stdin-filename', 'nowhere/dataset.json'], FIXED);
    expect(nowhere.stdout).not.toContain('NNU301');
    expect(nowhere.status).toBe(0);
  });

  test('without -, it means standard input (as in ruff and prettier)', () => {
    const r = run(['--fix', '--stdin-filename', 'Dataset001_A/dataset.json'], FIXABLE);
    expect(r.stdout).toBe(FIXED);
    expect(r.stderr).toMatch(/^Dataset001_A\/dataset\.json:1:42:? +NNU102 /m);
  });
});

describe('usage errors (exit 2, nothing on stdout, nothing written)', () => {
  test.each([
    ['- with another path', ['-', 'Dataset001_A'], /^nnunet-doctor: - \(standard input\) cannot be mixed with other paths/],
    [
      '--stdin-filename with a path',
      ['--stdin-filename', 'x/dataset.json', 'Dataset001_A'],
      /^nnunet-doctor: --stdin-filename names the text read from standard input: use it with -/,
    ],
    ['an empty --stdin-filename', ['-', '--stdin-filename', ''], /^nnunet-doctor: --stdin-filename needs a path/],
    ['over --max-size', ['--fix', '--max-size', '0.001', '-'], /^nnunet-doctor: standard input is over the 0\.001 MB limit for a dataset\.json; not read/],
  ])('%s', (_name, args, message) => {
    const r = run(args, FIXABLE.repeat(20));
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
  });

  test('an endless standard input (/dev/zero) stops at --max-size', () => {
    const r = run(['--fix', '--max-size', '1', '-'], undefined, { stdinFile: '/dev/zero' });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^nnunet-doctor: standard input is over the 1 MB limit/);
  });
});
