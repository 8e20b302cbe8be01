/**
 * `--format github`: workflow-command annotations, one per problem, with GitHub's escaping
 * rules and the severity mapping error -> ::error, warning -> ::warning, info/style -> ::notice.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import path from 'node:path';
import { escapeData, escapeProperty, githubAnnotation, githubCommand } from '../../src/report/github.js';
import type { Diagnostic } from '../../src/types.js';
import { CORPUS, EXAMPLES, cleanup, runCli, tempDir, writeTree } from '../helpers/cli.js';

let dir: string;
beforeAll(() => {
  dir = tempDir('nnunet-doctor-github-');
});
afterAll(() => cleanup(dir));

const LINE = /^::(error|warning|notice) file=([^,:]+),line=(\d+),col=(\d+),endLine=(\d+),endColumn=(\d+),title=([^,:]+)::(.+)$/;

function diag(over: Partial<Diagnostic> = {}): Diagnostic {
  return {
    code: 'NNU102',
    name: 'labels-inverted',
    severity: 'error',
    message: 'm',
    line: 5,
    column: 15,
    endLine: 9,
    endColumn: 6,
    offset: 0,
    length: 0,
    fix: { applicability: 'none', available: false, applied: false },
    key: 'k',
    ...over,
  };
}

describe('escaping (GitHub workflow-command rules)', () => {
  test('data: %, CR, LF', () => {
    expect(escapeData('100% done\r\nnext: a, b')).toBe('100%25 done%0D%0Anext: a, b');
  });
  test('properties: also : and ,', () => {
    expect(escapeProperty('a,b:c%d\ne')).toBe('a%2Cb%3Ac%25d%0Ae');
  });
  test('an annotation escapes its file, title and message', () => {
    const line = githubAnnotation('Data,set:1/dataset.json', diag({ message: '50% of\nlabels' }));
    expect(line).toBe('::error file=Data%2Cset%3A1/dataset.json,line=5,col=15,endLine=9,endColumn=6,title=NNU102 labels-inverted::50%25 of%0Alabels');
  });
  test('severity mapping', () => {
    expect(['error', 'warning', 'info', 'style'].map((s) => githubCommand(s as Diagnostic['severity']))).toEqual(['error', 'warning', 'notice', 'notice']);
  });
  test('fixable problems say how to fix them', () => {
    expect(githubAnnotation('d.json', diag({ fix: { applicability: 'safe', available: true, applied: false } }))).toMatch(/\[fixable with --fix\]$/);
    expect(githubAnnotation('d.json', diag({ fix: { applicability: 'unsafe', available: false, applied: false, unsafeAvailable: true } }))).toMatch(
      /\[fixable with --fix --unsafe-fixes\]$/,
    );
  });
});

describe('nnunet-doctor --format github', () => {
  test('one annotation line per diagnostic of the json report, nothing else', () => {
    const json = JSON.parse(runCli(['--format', 'json', 'examples/nnUNet_raw']).stdout);
    const r = runCli(['--format', 'github', 'examples/nnUNet_raw']);
    expect(r.status).toBe(1);
    const lines = r.stdout.trimEnd().split('\n');
    const expected = json.files.flatMap((f: { path: string; diagnostics: Diagnostic[] }) => f.diagnostics.map((d) => ({ f, d })));
    expect(lines).toHaveLength(expected.length);
    for (const [i, { f, d }] of expected.entries()) {
      const m = LINE.exec(lines[i]!);
      expect(m).not.toBeNull();
      const [, cmd, file, line, col, endLine, endColumn, title] = m!;
      expect(cmd).toBe(githubCommand(d.severity));
      expect(file).toBe(f.path);
      expect([line, col, endLine, endColumn].map(Number)).toEqual([d.line, d.column, d.endLine, d.endColumn]);
      expect(title).toBe(`${d.code} ${d.name}`);
    }
    expect(r.stdout).toContain('::warning file=examples/nnUNet_raw/Dataset006_Lung/dataset.json');
    expect(r.stdout).toContain('::notice file=examples/nnUNet_raw/Dataset010_NotNnunet/dataset.json');
  });

  test('every line for the corpus of real files is a well-formed workflow command', () => {
    const r = runCli(['--format', 'github', CORPUS, '--max-depth', '3']);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines.length).toBeGreaterThan(50);
    for (const l of lines) expect(l).toMatch(LINE);
  });

  test('--quiet keeps errors only; exit codes as for text', () => {
    const r = runCli(['--format', 'github', '--quiet', path.join(EXAMPLES, 'Dataset006_Lung')]);
    expect(r.stdout).toMatch(/^::error /);
    expect(r.stdout).not.toContain('::warning');
    expect(runCli(['--format', 'github', path.join(EXAMPLES, 'Dataset007_Kidney')])).toMatchObject({ status: 0, stdout: '' });
  });

  test('a BOM does not count as a column; missing paths are ::error lines', () => {
    writeTree(dir, {
      'Dataset001_B/dataset.json':
        '\uFEFF{"channel_names": {"0": "CT"}, "labels": {"0": "background", "1": "liver"}, "numTraining": 1, "file_ending": ".nii.gz"}',
    });
    const r = runCli(['--format', 'github', 'Dataset001_B', 'missing-folder'], { cwd: dir });
    expect(r.status).toBe(2);
    const lines = r.stdout.trimEnd().split('\n');
    // the missing path comes after the files, as in the text report
    expect(lines[lines.length - 1]).toBe('::error title=nnunet-doctor::missing-folder: no such file or folder');
    expect(lines.find((l) => l.includes('NNU003'))).toMatch(/,line=1,col=1,endLine=1,endColumn=1,/);
    const at = '{"channel_names": {"0": "CT"}, "labels": '.length + 1;
    expect(lines.find((l) => l.includes('NNU102'))).toContain(`,line=1,col=${at},`);
  });
});
