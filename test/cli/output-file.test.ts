/**
 * `-o/--output-file`: the report goes to the file (no colour), stdout stays empty; and the
 * file is opened only when that cannot lose data or hang. Opening truncates, before the run
 * reads anything: `-o Dataset001/dataset.json` used to destroy the dataset.json the run was
 * about to check, in a dry run too. A FIFO that no process reads used to block the open
 * forever. Each refusal is one usage line (exit 2), and nothing is created or changed.
 */
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { CLI, cli, EXAMPLES, requireBuiltCli, rmrf, tempDir } from '../safety/helpers.js';

let dir = '';
let dataset = '';
let original = Buffer.alloc(0);
beforeAll(() => {
  requireBuiltCli();
  dir = tempDir('output-file');
  fs.cpSync(path.join(EXAMPLES, 'Dataset001_Liver'), path.join(dir, 'D'), { recursive: true });
  dataset = path.join(dir, 'D', 'dataset.json');
  original = fs.readFileSync(dataset);
});
afterAll(() => rmrf(dir));

/** Every file under `dir` with its bytes (base64) and type: what a refused run must leave as it was. */
function snapshot(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const rel of (fs.readdirSync(dir, { recursive: true }) as string[]).sort()) {
    const st = fs.lstatSync(path.join(dir, rel));
    out[rel] = st.isFile() ? fs.readFileSync(path.join(dir, rel)).toString('base64') : st.isFIFO() ? 'fifo' : st.isSymbolicLink() ? 'link' : 'folder';
  }
  return out;
}

test.each(['text', 'json', 'sarif'])('--format %s -o FILE: the same report as on stdout, no colour, stdout empty', (format) => {
  const report = path.join(dir, `report.${format}`);
  const plain = cli(['--no-folder-checks', '--format', format, 'D'], { cwd: dir });
  const r = cli(['--no-folder-checks', '--format', format, '-o', report, 'D'], { cwd: dir });
  expect({ status: r.status, stdout: r.stdout, stderr: r.stderr }).toEqual({ status: 1, stdout: '', stderr: '' });
  expect(plain.status).toBe(1);
  expect(fs.readFileSync(report, 'utf8')).toBe(plain.stdout);
  expect(fs.readFileSync(dataset)).toEqual(original);
});

test('-o FILE has no colour, even where the terminal would (FORCE_COLOR); --color asks for it', () => {
  const report = path.join(dir, 'report-colour.txt');
  const env = { ...process.env, FORCE_COLOR: '1', NO_COLOR: undefined, nnUNet_raw: '' };
  for (const [flags, escapes] of [
    [[], false],
    [['--color'], true],
  ] as const) {
    const r = spawnSync(process.execPath, [CLI, ...flags, '--no-folder-checks', '-o', report, 'D'], { cwd: dir, env, encoding: 'utf8' });
    expect({ status: r.status, stdout: r.stdout, stderr: r.stderr }).toEqual({ status: 1, stdout: '', stderr: '' });
    expect(fs.readFileSync(report, 'utf8').includes('\x1b[')).toBe(escapes);
  }
});

test.each([
  ['the dataset.json the run checks', 'D/dataset.json', () => undefined, 'is a dataset.json: the report would replace it; name another file'],
  ['the same, with --fix', 'D/dataset.json', () => undefined, 'is a dataset.json: the report would replace it; name another file', ['--fix']],
  [
    'a symlink to a dataset.json',
    'report.txt',
    (p: string) => fs.symlinkSync(path.join('D', 'dataset.json'), p),
    `leads to ${JSON.stringify(path.join('DIR', 'D', 'dataset.json'))}, a dataset.json: the report would replace it; name another file`,
  ],
  [
    'a new file named dataset.json',
    'E/dataset.json',
    (p: string) => fs.mkdirSync(path.dirname(p)),
    'is a dataset.json: the report would replace it; name another file',
  ],
  ['a folder', 'D', () => undefined, 'is a folder'],
  [
    'a FIFO that no process reads (it used to hang)',
    'fifo',
    (p: string) => {
      if (spawnSync('mkfifo', [p]).status !== 0) throw new Error('mkfifo failed');
    },
    'is a FIFO that no process reads: the report would wait forever',
  ],
])('-o %s: refused, one line, exit 2, nothing changed', (_what, name, make, why, extra: string[] = []) => {
  const target = path.join(dir, name);
  make(target);
  const before = snapshot();
  try {
    // the timeout only turns a hang (the old behaviour with a FIFO) into a failure; nothing waits on it
    const r = spawnSync(process.execPath, [CLI, ...extra, '--no-folder-checks', '-o', name, 'D'], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1', nnUNet_raw: '' },
      timeout: 60_000,
      killSignal: 'SIGKILL',
    });
    expect({ status: r.status, stdout: r.stdout, stderr: r.stderr }).toEqual({
      status: 2,
      stdout: '',
      stderr: `nnunet-doctor: --output-file ${JSON.stringify(name)} ${why.replace('DIR', fs.realpathSync(dir))}\nRun \`nnunet-doctor --help\` for usage.\n`,
    });
    expect(snapshot()).toEqual(before);
  } finally {
    if (name !== 'D/dataset.json' && name !== 'D') fs.rmSync(target, { recursive: true, force: true });
    if (name.startsWith('E/')) fs.rmSync(path.dirname(target), { recursive: true, force: true });
  }
});

test('-o a FIFO that a process reads: the report arrives there', () => {
  const fifo = path.join(dir, 'read-fifo');
  if (spawnSync('mkfifo', [fifo]).status !== 0) throw new Error('mkfifo failed');
  // this process is the reader: opened without waiting for a writer, drained after the run
  // (one small report fits in the pipe's buffer)
  const fd = fs.openSync(fifo, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
  try {
    const r = cli(['--no-folder-checks', '--format', 'json', '-o', fifo, 'D'], { cwd: dir });
    expect({ status: r.status, stdout: r.stdout, stderr: r.stderr }).toEqual({ status: 1, stdout: '', stderr: '' });
    const buf = Buffer.alloc(1 << 16);
    const n = fs.readSync(fd, buf);
    const report = JSON.parse(buf.subarray(0, n).toString('utf8')) as { files: { path: string }[] };
    expect(report.files.map((f) => f.path)).toEqual([path.join('D', 'dataset.json')]);
  } finally {
    fs.closeSync(fd);
    fs.rmSync(fifo);
  }
});
