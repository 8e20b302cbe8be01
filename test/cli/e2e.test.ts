/**
 * The built binary end to end: exit codes, dry run writes nothing, --fix equals
 * `git apply` of --diff, --format json shape, explain/rules, large outputs through a pipe.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { CLI, EXAMPLES, cleanup, copyTree, corpusBytes, corpusIds, runCli, tempDir, writeTree } from '../helpers/cli.js';

let dir: string;
beforeAll(() => {
  dir = tempDir();
});
afterAll(() => cleanup(dir));

function snapshot(root: string): Map<string, { bytes: string; mtimeMs: number }> {
  const out = new Map<string, { bytes: string; mtimeMs: number }>();
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) out.set(path.relative(root, p), { bytes: fs.readFileSync(p).toString('base64'), mtimeMs: fs.statSync(p).mtimeMs });
    }
  };
  walk(root);
  return out;
}

describe('exit codes', () => {
  test('0 on a healthy dataset', () => {
    const r = runCli([path.join(EXAMPLES, 'Dataset007_Kidney'), '--no-folder-checks']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('Checked 1 file: no problems.\n');
  });
  test('1 when problems are found in a dry run', () => {
    expect(runCli([path.join(EXAMPLES, 'Dataset001_Liver')]).status).toBe(1);
  });
  test('--exit-zero forces 0 for problems', () => {
    expect(runCli([path.join(EXAMPLES, 'Dataset001_Liver'), '--exit-zero']).status).toBe(0);
  });
  test('2 for a path that does not exist', () => {
    const r = runCli(['no/such/folder']);
    expect(r.status).toBe(2);
    expect(r.stdout).toContain('no/such/folder: error: no such file or folder');
  });
  test('2 for an unknown flag or format, with a one-line message and no stack', () => {
    for (const args of [['--bogus'], ['--format', 'xml', '.'], ['--select', 'XYZ9', '.']]) {
      const r = runCli(args);
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/^nnunet-doctor: /);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });
  test('info findings never change the exit code (not-nnunet only)', () => {
    expect(runCli([path.join(EXAMPLES, 'Dataset010_NotNnunet')]).status).toBe(0);
  });
  test('--quiet: errors and the summary, no warnings, no diff', () => {
    const r = runCli(['-q', path.join(EXAMPLES, 'Task04_Hippocampus')]);
    expect(r.stdout).toContain('NNU102');
    expect(r.stdout).not.toContain('NNU207'); // a warning
    expect(r.stdout).not.toContain('--- a/');
    expect(r.status).toBe(1);
  });
  test('an empty folder: 2 (a misconfigured path must not pass), saying where it looked and how deep', () => {
    const empty = path.join(dir, 'empty');
    fs.mkdirSync(empty, { recursive: true });
    const r = runCli([], { cwd: empty });
    expect(r.status).toBe(2);
    expect(r.stdout).toMatch(/^\.: error: no dataset\.json found in this folder or up to 4 folder levels below it; /m);
  });
  test('$nnUNet_raw is the default root', () => {
    const r = runCli([], { env: { nnUNet_raw: path.join(EXAMPLES, 'Dataset001_Liver') } });
    expect(r.stdout).toContain('Dataset001_Liver/dataset.json');
    expect(r.status).toBe(1);
  });
});

describe('dry run, --fix and --diff', () => {
  test('a dry run writes nothing (bytes and mtimes) and shows line, diff, summary', () => {
    const root = path.join(dir, 'dry');
    copyTree(EXAMPLES, root);
    const before = snapshot(root);
    const r2 = runCli(['dry'], { cwd: dir });
    expect(r2.status).toBe(1);
    // ruff's shape: path:line:col: CODE message [tag], then what nnU-Net says and what the fix writes
    expect(r2.stdout).toContain(
      'dry/Dataset001_Liver/dataset.json:5:15: NNU102 labels are inverted: "0": "background" (v1/MSD style) [fixable]\n' +
        '  nnU-Net: v2 reads name -> value and stops with "Background label not declared (remember that this should be label 0!)"\n' +
        '  fix: invert labels to {"background": 0, "liver": 1, ...}\n' +
        '--- a/dry/Dataset001_Liver/dataset.json\n+++ b/dry/Dataset001_Liver/dataset.json\n',
    );
    expect(r2.stdout).toMatch(
      /^Checked 11 files \(1 not nnU-Net, skipped\): \d+ problems \(\d+ errors, \d+ warnings\) in \d+ files with errors\.\n\d+ fixable problems with --fix, \d+ more with --fix --unsafe-fixes; \d+ need you\.\nNothing was written\. Run with --fix to apply \d+ fixes\.$/m,
    );
    expect(snapshot(root)).toEqual(before);
  });

  test('--fix writes exactly what `git apply` of --diff writes, then exits 0 for fixed files', () => {
    const a = path.join(dir, 'a');
    const b = path.join(dir, 'b');
    for (const id of corpusIds()) writeTree(a, { [`${id}/dataset.json`]: corpusBytes(id) });
    copyTree(a, b);
    const before = snapshot(a);
    const diff = runCli(['--diff', '.'], { cwd: a });
    expect(diff.status).toBe(1);
    expect(diff.stdout.startsWith('--- a/')).toBe(true);
    expect(snapshot(a)).toEqual(before); // --diff writes nothing
    execFileSync('git', ['apply', '--unidiff-zero', '-'], { cwd: a, input: diff.stdout });
    const fixed = runCli(['--fix', '.'], { cwd: b });
    expect(fixed.status).toBe(1); // 013 (duplicate keys) and the invalid files remain
    const sa = snapshot(a);
    const sb = snapshot(b);
    expect([...sb.keys()]).toEqual([...sa.keys()]);
    const differing = [...sb].filter(([k, v]) => sa.get(k)?.bytes !== v.bytes).map(([k]) => k);
    expect(differing).toEqual([]);
    // a second --fix changes nothing
    const again = runCli(['--diff', '.'], { cwd: b });
    expect(again.stdout).toBe('');
  });

  test('--fix keeps the file mode', () => {
    const d = path.join(dir, 'mode');
    writeTree(d, { 'dataset.json': '{"channel_names": {"0": "CT"}, "labels": {"0": "background", "1": "a"}, "numTraining": 2, "file_ending": ".nii.gz"}' });
    fs.chmodSync(path.join(d, 'dataset.json'), 0o640);
    const r = runCli(['--fix', 'dataset.json'], { cwd: d });
    expect(r.status).toBe(0);
    expect(fs.readFileSync(path.join(d, 'dataset.json'), 'utf8')).toBe(
      '{"channel_names": {"0": "CT"}, "labels": {"background": 0, "a": 1}, "numTraining": 2, "file_ending": ".nii.gz"}',
    );
    expect(fs.statSync(path.join(d, 'dataset.json')).mode & 0o777).toBe(0o640);
    expect(fs.readdirSync(d)).toEqual(['dataset.json']);
  });
});

describe('--format json', () => {
  test('one document with the documented shape', () => {
    const r = runCli(['--format', 'json', EXAMPLES]);
    expect(r.status).toBe(1);
    const doc = JSON.parse(r.stdout);
    expect(doc.version).toBe(2);
    expect(doc.mode).toBe('check');
    expect(Array.isArray(doc.files)).toBe(true);
    const liver = doc.files.find((f: { path: string }) => f.path.endsWith('Dataset001_Liver/dataset.json'));
    expect(liver).toMatchObject({ kind: 'nnunet-v2', changed: true });
    expect(liver.diagnostics[0]).toMatchObject({
      code: 'NNU102',
      name: 'labels-inverted',
      severity: 'error',
      line: 5,
      column: 15,
      fix: { applicability: 'safe', available: true, applied: false },
    });
    expect(typeof liver.diagnostics[0].message).toBe('string');
    expect(doc.files.find((f: { path: string }) => f.path.endsWith('Dataset010_NotNnunet/dataset.json')).kind).toBe('not-nnunet');
    expect(doc.summary).toMatchObject({ files: doc.files.length });
  });
  test('large output arrives whole through a pipe', () => {
    const root = path.join(dir, 'many');
    const text = corpusBytes(corpusIds()[0]!);
    for (let i = 0; i < 120; i++) writeTree(root, { [`Task${String(i).padStart(3, '0')}_X/dataset.json`]: text });
    const r = spawnSync('sh', ['-c', `node ${JSON.stringify(CLI)} --format json ${JSON.stringify(root)} | cat`], {
      encoding: 'utf8',
      maxBuffer: 1 << 28,
      env: { ...process.env, NO_COLOR: '1' },
    });
    expect(r.stdout.length).toBeGreaterThan(100_000);
    expect(JSON.parse(r.stdout).files).toHaveLength(120);
  });
});

describe('explain and rules', () => {
  test('explain prints the module docs', () => {
    const r = runCli(['explain', 'NNU102']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('NNU102 labels-inverted');
    expect(r.stdout).toContain('Fix: safe / none');
    expect(r.stdout).toContain('nnUNetv2_convert_MSD_dataset');
  });
  test('explain of an unknown code is a usage error', () => {
    expect(runCli(['explain', 'NNU999']).status).toBe(2);
  });
  test('rules lists every rule with code, name, severity, fix', () => {
    const r = runCli(['rules']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^NNU102\s+labels-inverted\s+error\s+safe \/ none\s+/m);
    expect(r.stdout).toMatch(/^NNU104\s+background-not-first\s+style \(opt-in\)/m);
  });
});

describe('names and flags users type', () => {
  test('--select CODE followed by a path takes the path as a path', () => {
    const r = runCli(['--select', 'NNU1', path.join(EXAMPLES, 'Dataset001_Liver')]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('NNU102');
    const two = runCli(['--select', 'NNU102', '--select', 'NNU101,NNU103', '--ignore', 'NNU103', '--format', 'json', path.join(EXAMPLES, 'Dataset002_Heart')]);
    expect(JSON.parse(two.stdout).files[0].diagnostics.map((d: { code: string }) => d.code)).toEqual(['NNU101']);
  });
  test('--diff with spaces and non-ASCII in folder names applies with git apply and with patch -p1', () => {
    const inverted = '{"channel_names": {"0": "CT"}, "labels": {"0": "background", "1": "a"}, "numTraining": 1, "file_ending": ".nii.gz"}';
    const fixed = '{"channel_names": {"0": "CT"}, "labels": {"background": 0, "a": 1}, "numTraining": 1, "file_ending": ".nii.gz"}';
    for (const tool of ['git', 'patch']) {
      const d = path.join(dir, `names-${tool}`);
      writeTree(d, { 'Dataset001 Liver/dataset.json': inverted, 'Dataset002_Äpfel/dataset.json': inverted });
      const diff = runCli(['--diff', '.'], { cwd: d }).stdout;
      if (tool === 'git') execFileSync('git', ['apply', '-'], { cwd: d, input: diff });
      else {
        const p = spawnSync('patch', ['-p1'], { cwd: d, input: diff, encoding: 'utf8' });
        if (p.error) continue; // no GNU patch on this machine
        expect(p.status).toBe(0);
      }
      expect(fs.readFileSync(path.join(d, 'Dataset001 Liver/dataset.json'), 'utf8')).toBe(fixed);
      expect(fs.readFileSync(path.join(d, 'Dataset002_Äpfel/dataset.json'), 'utf8')).toBe(fixed);
    }
  });
});
