/**
 * Faults: each gives one clear one-line diagnostic and the right exit code, and the rest of
 * the batch is still processed. Permission faults run the CLI as an unprivileged user (root
 * ignores permission bits, so as root they would test nothing); they are skipped, with the
 * reason printed, only where no way to switch user exists. Faults that need precise timing
 * (a file deleted or replaced between read and write, disk full on the temp write) are
 * injected through the library's write hooks; disk full is also tested for real on a tiny
 * tmpfs when this machine lets us mount one.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fixBytes } from '../../src/engine.js';
import { scan, type FileResult, type ScanOptions } from '../../src/run.js';
import { exitCode, summarize } from '../../src/summary.js';
import { ROOT } from '../helpers/corpus.js';
import { mountTmpfs, type Tmpfs } from '../helpers/tmpfs.js';
import { CLI, cli, ourLeftovers, read, requireBuiltCli, rmrf, tempDir, unprivileged, write } from './helpers.js';

/** A broken but fixable dataset.json (v1 labels), and what --fix makes of it. */
const FIXABLE =
  '{\n    "channel_names": {"0": "CT"},\n    "labels": {\n        "0": "background",\n        "1": "liver"\n    },\n    "numTraining": 1,\n    "file_ending": ".nii.gz"\n}\n';
const FIXED = fixBytes(Buffer.from(FIXABLE)).output;

/** The lines of a text report that are `error:` lines for `file` (as displayed). */
function errorLines(stdout: string, file: string): string[] {
  return stdout.split('\n').filter((l) => l.startsWith(`${file}: error: `));
}

function expectOneLine(stdout: string, file: string, pattern: RegExp): string {
  const lines = errorLines(stdout, file);
  if (lines.length !== 1) throw new Error(`expected one error line for ${file}, got ${lines.length}:\n${stdout}`);
  expect(lines[0]).toMatch(pattern);
  return lines[0]!;
}

function expectNoStack(stderr: string): void {
  expect(stderr).not.toMatch(/\n\s+at .+:\d+/);
}

beforeAll(() => {
  requireBuiltCli();
  expect(fixBytes(Buffer.from(FIXABLE)).changed).toBe(true);
});

describe('file-system faults through the CLI (as root or any user)', () => {
  let dir = '';
  beforeAll(() => {
    dir = tempDir('faults');
  });
  afterAll(() => rmrf(dir));

  test('FIFO, folder named dataset.json, symlink loops, 200 MB file, binary content: one line each, batch goes on, exit 1', () => {
    const t = path.join(dir, 'tree');
    write(path.join(t, 'A_ok', 'dataset.json'), FIXABLE);
    write(path.join(t, 'Z_ok', 'dataset.json'), FIXABLE);
    // a FIFO: must not hang
    fs.mkdirSync(path.join(t, 'fifo'), { recursive: true });
    const mk = spawnSync('mkfifo', [path.join(t, 'fifo', 'dataset.json')]);
    const haveFifo = mk.status === 0;
    // a folder named dataset.json
    fs.mkdirSync(path.join(t, 'isdir', 'dataset.json'), { recursive: true });
    // a symlink loop: dataset.json -> dataset.json
    fs.mkdirSync(path.join(t, 'loop'), { recursive: true });
    fs.symlinkSync('dataset.json', path.join(t, 'loop', 'dataset.json'));
    // a folder loop: cycle -> .. (walked to the depth bound, files reported once)
    fs.symlinkSync('..', path.join(t, 'A_ok', 'cycle'));
    // a 200 MB sparse file
    write(path.join(t, 'huge', 'dataset.json'), '');
    fs.truncateSync(path.join(t, 'huge', 'dataset.json'), 200 * 1024 * 1024);
    // binary content
    write(path.join(t, 'binary', 'dataset.json'), Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 37 + 11) & 0xff)));

    const started = Date.now();
    const r = spawnSync(process.execPath, [CLI, '--fix', '--no-folder-checks', 'tree'], {
      cwd: dir,
      encoding: 'utf8',
      timeout: 30_000,
      env: { ...process.env, NO_COLOR: '1', nnUNet_raw: '' },
    });
    expect(r.signal).toBeNull(); // not killed by the timeout: nothing hung
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(r.status).toBe(1);
    expectNoStack(r.stderr);
    const out = r.stdout;
    if (haveFifo)
      expectOneLine(out, 'tree/fifo/dataset.json', /^tree\/fifo\/dataset\.json: error: cannot read: is a FIFO \(named pipe\), not a regular file; not read$/);
    else console.warn('SKIPPED: FIFO case (mkfifo not available)');
    expectOneLine(out, 'tree/isdir/dataset.json', /error: cannot read: is a directory, not a file$/);
    expectOneLine(out, 'tree/loop/dataset.json', /error: cannot resolve: symbolic link loop \(ELOOP\)$/);
    expectOneLine(
      out,
      'tree/huge/dataset.json',
      /error: cannot read: is 200\.0 MB, over the 16 MB limit for a dataset\.json; not read \(raise the limit with --max-size/,
    );
    // binary: read, reported as NNU007, never written
    expect(out).toMatch(/^tree\/binary\/dataset\.json:1:1: NNU007 .*binary content/m);
    expect(read(path.join(t, 'binary', 'dataset.json')).equals(Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 37 + 11) & 0xff)))).toBe(true);
    // the loop through `cycle` found no file twice
    expect(out).not.toMatch(/cycle/);
    // the rest of the batch was fixed
    expect(read(path.join(t, 'A_ok', 'dataset.json')).toString()).toBe(FIXED);
    expect(read(path.join(t, 'Z_ok', 'dataset.json')).toString()).toBe(FIXED);
    expect(fs.statSync(path.join(t, 'huge', 'dataset.json')).size).toBe(200 * 1024 * 1024);
    expect(ourLeftovers(t)).toEqual([]);
  });

  test('--max-size is configurable (MB) and its message names the limit', () => {
    const t = path.join(dir, 'size');
    write(path.join(t, 'big', 'dataset.json'), FIXABLE.replace('"liver"', `"${'x'.repeat(1.2 * 1024 * 1024)}"`));
    write(path.join(t, 'small', 'dataset.json'), FIXABLE);
    const r = cli(['--fix', '--no-folder-checks', '--max-size', '1', 'size'], { cwd: dir });
    expect(r.status).toBe(1);
    expectOneLine(r.stdout, 'size/big/dataset.json', /error: cannot read: is 1\.2 MB, over the 1 MB limit for a dataset\.json/);
    expect(read(path.join(t, 'small', 'dataset.json')).toString()).toBe(FIXED);
    const r2 = cli(['--fix', '--no-folder-checks', '--max-size', '1.5', 'size/big'], { cwd: dir });
    expect(r2.status).toBe(0);
  });

  test('a read-only file (no write bit) is reported and left alone even by root; never chmod-ed', () => {
    const f = path.join(dir, 'ro', 'D', 'dataset.json');
    write(f, FIXABLE, 0o444);
    write(path.join(dir, 'ro', 'E', 'dataset.json'), FIXABLE);
    const r = cli(['--fix', '--no-folder-checks', 'ro'], { cwd: dir });
    expect(r.status).toBe(1);
    expectOneLine(
      r.stdout,
      'ro/D/dataset.json',
      /^ro\/D\/dataset\.json: error: not written: the file is read-only \(mode 0444\); make it writable to let --fix repair it$/,
    );
    expect(read(f).toString()).toBe(FIXABLE);
    expect(fs.statSync(f).mode & 0o7777).toBe(0o444);
    expect(read(path.join(dir, 'ro', 'E', 'dataset.json')).toString()).toBe(FIXED);
  });

  test('the fixed file keeps its mode, and (when run as root) its owner and group', () => {
    const f = path.join(dir, 'owner', 'D', 'dataset.json');
    write(f, FIXABLE, 0o640);
    const root = process.getuid?.() === 0;
    if (root) fs.chownSync(f, 65534, 65534);
    else console.warn('SKIPPED: owner check (not root: the owner cannot differ from us)');
    const r = cli(['--fix', '--no-folder-checks', 'owner'], { cwd: dir });
    expect(r.status).toBe(0);
    expect(read(f).toString()).toBe(FIXED);
    const st = fs.statSync(f);
    expect(st.mode & 0o7777).toBe(0o640);
    if (root) expect([st.uid, st.gid]).toEqual([65534, 65534]);
  });

  test('a path that does not exist: exit 2, the others still checked', () => {
    const r = cli(['--fix', '--no-folder-checks', 'nope', 'ro/E'], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stdout).toMatch(/^nope: error: no such file or folder$/m);
  });
});

describe('permission faults, run as an unprivileged user', () => {
  const who = unprivileged();
  const can = 'prefix' in who;
  let dir = '';
  afterAll(() => {
    if (dir) rmrf(dir);
  });
  if (!can) {
    test('cannot switch to an unprivileged user', () => {
      console.warn(`SKIPPED: permission tests (${who.reason})`);
    });
  }

  (can ? test : test.skip)('EACCES file, unreadable folder, read-only folder, read-only file: one line each, exit 1, batch goes on, nothing chmod-ed', () => {
    if (!('prefix' in who)) return;
    dir = tempDir('perm');
    fs.chmodSync(dir, 0o755);
    const t = path.join(dir, 'tree');
    const own = (p: string) => fs.chownSync(p, who.uid, who.gid);
    const mkdir = (p: string, mode: number, mine: boolean) => {
      fs.mkdirSync(p, { recursive: true });
      fs.chmodSync(p, mode);
      if (mine) own(p);
    };
    mkdir(t, 0o755, true);
    // fixable files the user may write: fixed
    for (const d of ['A_ok', 'Z_ok']) {
      mkdir(path.join(t, d), 0o755, true);
      write(path.join(t, d, 'dataset.json'), FIXABLE);
      own(path.join(t, d, 'dataset.json'));
    }
    // unreadable file (root's, mode 0000)
    mkdir(path.join(t, 'eacces'), 0o755, true);
    write(path.join(t, 'eacces', 'dataset.json'), FIXABLE, 0o000);
    // unreadable folder (root's, mode 0000) with a dataset.json inside
    mkdir(path.join(t, 'unlistable'), 0o755, false);
    write(path.join(t, 'unlistable', 'dataset.json'), FIXABLE);
    fs.chmodSync(path.join(t, 'unlistable'), 0o000);
    // read-only folder (root's, 0755) holding the user's writable file
    mkdir(path.join(t, 'rodir'), 0o755, false);
    write(path.join(t, 'rodir', 'dataset.json'), FIXABLE, 0o644);
    own(path.join(t, 'rodir', 'dataset.json'));
    // read-only file (the user's, 0444) in the user's folder
    mkdir(path.join(t, 'rofile'), 0o755, true);
    write(path.join(t, 'rofile', 'dataset.json'), FIXABLE, 0o444);
    own(path.join(t, 'rofile', 'dataset.json'));

    const r = cli(['--fix', '--no-folder-checks', 'tree'], { cwd: dir, asUser: who.prefix });
    expectNoStack(r.stderr);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(1);
    const out = r.stdout;
    expectOneLine(out, 'tree/eacces/dataset.json', /^tree\/eacces\/dataset\.json: error: cannot read: permission denied \(EACCES\)$/);
    expectOneLine(
      out,
      'tree/unlistable',
      /^tree\/unlistable: error: cannot list this folder: permission denied \(EACCES\); dataset\.json files below it were not checked$/,
    );
    expectOneLine(
      out,
      'tree/rodir/dataset.json',
      /^tree\/rodir\/dataset\.json: error: not written: its folder is not writable for you \(permission denied \(EACCES\)\)$/,
    );
    expectOneLine(
      out,
      'tree/rofile/dataset.json',
      /^tree\/rofile\/dataset\.json: error: not written: the file is read-only \(mode 0444\); make it writable to let --fix repair it$/,
    );
    // the batch went on
    expect(read(path.join(t, 'A_ok', 'dataset.json')).toString()).toBe(FIXED);
    expect(read(path.join(t, 'Z_ok', 'dataset.json')).toString()).toBe(FIXED);
    // nothing else changed, nothing chmod-ed, no temp files left
    expect(read(path.join(t, 'rodir', 'dataset.json')).toString()).toBe(FIXABLE);
    expect(read(path.join(t, 'rofile', 'dataset.json')).toString()).toBe(FIXABLE);
    expect(read(path.join(t, 'eacces', 'dataset.json')).toString()).toBe(FIXABLE);
    expect(fs.statSync(path.join(t, 'rofile', 'dataset.json')).mode & 0o7777).toBe(0o444);
    expect(fs.statSync(path.join(t, 'eacces', 'dataset.json')).mode & 0o7777).toBe(0o000);
    expect(fs.statSync(path.join(t, 'rodir')).mode & 0o7777).toBe(0o755);
    expect(fs.statSync(path.join(t, 'unlistable')).mode & 0o7777).toBe(0o000);
    // A file named on the command line inside a folder the user cannot enter.
    const r2 = cli(['--fix', '--no-folder-checks', 'tree/unlistable/dataset.json', 'tree/A_ok'], { cwd: dir, asUser: who.prefix });
    expect(r2.status).toBe(1);
    expectOneLine(r2.stdout, 'tree/unlistable/dataset.json', /^tree\/unlistable\/dataset\.json: error: cannot access: permission denied \(EACCES\)$/);
    fs.chmodSync(path.join(t, 'unlistable'), 0o755);
    expect(read(path.join(t, 'unlistable', 'dataset.json')).toString()).toBe(FIXABLE);
    expect(ourLeftovers(t)).toEqual([]);
  });
});

describe('faults injected into the write step (library scan with writeHooks)', () => {
  let dir = '';
  afterAll(() => rmrf(dir));

  /** A tree of three fixable files A, B, C; the hook acts on B only. */
  function tree(name: string): string {
    dir ||= tempDir('hooks');
    const t = path.join(dir, name);
    for (const d of ['A', 'B', 'C']) write(path.join(t, d, 'dataset.json'), FIXABLE);
    return t;
  }
  const isB = (temp: string) => path.basename(path.dirname(temp)) === 'B';

  async function run(t: string, hooks: ScanOptions['writeHooks']): Promise<{ byName: Record<string, FileResult>; exit: number }> {
    const res = await scan({ paths: [t], cwd: t, fix: true, folderChecks: false, writeHooks: hooks });
    const byName = Object.fromEntries(res.files.map((f) => [path.basename(path.dirname(f.absPath)), f]));
    return { byName, exit: exitCode(summarize(res), { fix: true }) };
  }

  function expectOthersFixed(t: string, byName: Record<string, FileResult>): void {
    for (const d of ['A', 'C']) {
      expect(byName[d]!.written).toBe(true);
      expect(read(path.join(t, d, 'dataset.json')).toString()).toBe(FIXED);
    }
    expect(ourLeftovers(t)).toEqual([]);
  }

  test('deleted between read and write: not recreated, reported, exit 1', async () => {
    const t = tree('deleted');
    const { byName, exit } = await run(t, { beforeRename: (tmp) => (isB(tmp) ? fs.unlinkSync(path.join(t, 'B', 'dataset.json')) : undefined) });
    expect(byName.B!.written).toBe(false);
    expect(byName.B!.error?.message).toBe('not written: it was deleted after it was read');
    expect(fs.existsSync(path.join(t, 'B', 'dataset.json'))).toBe(false);
    expect(exit).toBe(1);
    expectOthersFixed(t, byName);
  });

  test('replaced by another file between read and write: the new file is kept', async () => {
    const t = tree('replaced');
    const mine = '{"labels": {"background": 0, "mine": 1}}';
    const { byName, exit } = await run(t, {
      beforeRename: (tmp) => {
        if (!isB(tmp)) return;
        write(path.join(t, 'B', 'new.json'), mine);
        fs.renameSync(path.join(t, 'B', 'new.json'), path.join(t, 'B', 'dataset.json'));
      },
    });
    expect(byName.B!.error?.message).toBe('not written: it was replaced by another file after it was read; run again to check the new content');
    expect(read(path.join(t, 'B', 'dataset.json')).toString()).toBe(mine);
    expect(exit).toBe(1);
    expectOthersFixed(t, byName);
  });

  test('modified in place between read and write (same inode, same size): detected by the content hash', async () => {
    const t = tree('modified');
    const f = path.join(t, 'B', 'dataset.json');
    fs.utimesSync(f, 1_600_000_000, 1_600_000_000); // a whole-second mtime we can put back exactly
    const { byName } = await run(t, {
      beforeRename: (tmp) => {
        if (!isB(tmp)) return;
        fs.writeFileSync(f, FIXABLE.replace('liver', 'LIVER')); // same length
        fs.utimesSync(f, 1_600_000_000, 1_600_000_000); // same mtime: only the hash can tell
      },
    });
    expect(byName.B!.error?.message).toMatch(/^not written: its content changed after it was read; run again/);
    expect(read(f).toString()).toBe(FIXABLE.replace('liver', 'LIVER'));
    expectOthersFixed(t, byName);
  });

  test('changed into exactly our fixed bytes (another nnunet-doctor was faster): "already fixed", not an error', async () => {
    const t = tree('already');
    const f = path.join(t, 'B', 'dataset.json');
    const { byName, exit } = await run(t, {
      beforeRename: (tmp) => {
        if (!isB(tmp)) return;
        write(path.join(t, 'B', 'other.json'), FIXED);
        fs.renameSync(path.join(t, 'B', 'other.json'), f);
      },
    });
    expect(byName.B!.error).toBeUndefined();
    expect(byName.B!.written).toBe(false);
    expect(byName.B!.extra?.note).toMatch(/^already fixed by another process/);
    expect(read(f).toString()).toBe(FIXED);
    expect(exit).toBe(0);
    expectOthersFixed(t, byName);
  });

  test('disk full on the temp write (ENOSPC): original intact, temp removed, one line, exit 1', async () => {
    const t = tree('enospc');
    const { byName, exit } = await run(t, {
      beforeWrite: (tmp) => {
        if (!isB(tmp)) return;
        fs.writeFileSync(tmp, 'partial {'); // a half-written temp file, then the device is full
        throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', errno: -28, syscall: 'write' });
      },
    });
    expect(byName.B!.error?.message).toBe('not written: writing the temp file failed: no space left on the device (ENOSPC); the original is unchanged');
    expect(read(path.join(t, 'B', 'dataset.json')).toString()).toBe(FIXABLE);
    expect(exit).toBe(1);
    expectOthersFixed(t, byName);
  });
});

/** FIXABLE with a long label name, so that its temp copy needs several pages. */
const BIG = FIXABLE.replace('"liver"', `"${'l'.repeat(12000)}"`);

/** Fill the file system holding `file` with it, to ENOSPC. */
function fillUp(file: string): void {
  const fd = fs.openSync(file, 'w');
  try {
    const chunk = Buffer.alloc(1024, 1);
    for (;;) fs.writeSync(fd, chunk);
  } catch (e) {
    expect((e as NodeJS.ErrnoException).code).toBe('ENOSPC');
  } finally {
    fs.closeSync(fd);
  }
}

describe('disk full for real: a tiny tmpfs', () => {
  let tmpfs: Tmpfs;
  beforeAll(() => {
    tmpfs = mountTmpfs('tmpfs', 64);
  });
  afterAll(() => tmpfs.unmount());

  test('--fix on a full file system: ENOSPC reported, original intact, no temp left, exit 1', () => {
    if (tmpfs.reason) {
      console.warn(`SKIPPED: real disk-full test (${tmpfs.reason}); the injected ENOSPC test above still runs`);
      return;
    }
    const mnt = tmpfs.dir;
    const f = path.join(mnt, 'D', 'dataset.json');
    const big = BIG;
    write(f, big);
    fillUp(path.join(mnt, 'filler'));
    const other = tempDir('tmpfs-other');
    try {
      write(path.join(other, 'E', 'dataset.json'), FIXABLE);
      const r = cli(['--fix', '--no-folder-checks', mnt, other]);
      expect(r.status).toBe(1);
      expectNoStack(r.stderr);
      expectOneLine(r.stdout, f, /error: not written: writing the temp file failed: no space left on the device \(ENOSPC\); the original is unchanged$/);
      expect(read(f).toString()).toBe(big);
      expect(ourLeftovers(mnt)).toEqual([]);
      expect(read(path.join(other, 'E', 'dataset.json')).toString()).toBe(FIXED);
    } finally {
      rmrf(other);
      fs.rmSync(path.join(mnt, 'filler'), { force: true });
      fs.rmSync(path.join(mnt, 'D'), { recursive: true, force: true });
    }
  });

  test('room for the temp file but not for the lock: ENOSPC reported, original intact, nothing of ours left', () => {
    if (tmpfs.reason) {
      console.warn(`SKIPPED: real disk-full test (${tmpfs.reason}); the injected ENOSPC test above still runs`);
      return;
    }
    const mnt = tmpfs.dir;
    const f = path.join(mnt, 'L', 'dataset.json');
    const big = BIG;
    write(f, big);
    const fixed = fixBytes(Buffer.from(big)).output;
    // Leave exactly the blocks the fixed text needs: the temp file fits, the lock file does not.
    const { bsize, bavail } = fs.statfsSync(mnt);
    const need = Math.ceil(Buffer.byteLength(fixed) / bsize);
    fs.writeFileSync(path.join(mnt, 'filler'), Buffer.alloc((bavail - need) * bsize, 1));
    const r = cli(['--fix', '--no-folder-checks', mnt]);
    expect(r.status).toBe(1);
    expectNoStack(r.stderr);
    expectOneLine(r.stdout, f, /error: not written: cannot create the lock file .*: no space left on the device \(ENOSPC\); the original is unchanged$/);
    expect(read(f).toString()).toBe(big);
    expect(ourLeftovers(mnt)).toEqual([]);
    // with room again, the same command fixes it
    fs.rmSync(path.join(mnt, 'filler'));
    expect(cli(['--fix', '--no-folder-checks', mnt]).status).toBe(0);
    expect(read(f).toString()).toBe(fixed);
    expect(ourLeftovers(mnt)).toEqual([]);
  });
});

describe('the report on a full disk: one line on stderr, exit 2, never a stack trace', () => {
  const FULL = '/dev/full';
  const have = fs.existsSync(FULL);
  /** The built CLI with its standard output on /dev/full (every write fails with ENOSPC). */
  function toFull(args: string[]) {
    const fd = fs.openSync(FULL, 'w');
    try {
      const r = spawnSync(process.execPath, [CLI, ...args], {
        cwd: ROOT,
        stdio: ['ignore', fd, 'pipe'],
        encoding: 'utf8',
        env: { ...process.env, NO_COLOR: '1' },
      });
      if (r.error) throw r.error;
      return { status: r.status, stderr: r.stderr };
    } finally {
      fs.closeSync(fd);
    }
  }

  test.each([
    ['text', ['--no-folder-checks', 'examples/nnUNet_raw']],
    ['json', ['--format', 'json', '--no-folder-checks', 'examples/nnUNet_raw']],
    ['sarif', ['--format', 'sarif', '--no-folder-checks', 'examples/nnUNet_raw']],
    ['--diff', ['--diff', '--no-folder-checks', 'examples/nnUNet_raw']],
    ['explain', ['explain', 'NNU102']],
    ['--help', ['--help']],
  ])('standard output on /dev/full: %s', (_what, args) => {
    if (!have) {
      console.warn(`SKIPPED: ${FULL} is missing here`);
      return;
    }
    requireBuiltCli();
    const r = toFull(args);
    expect(r).toEqual({ status: 2, stderr: 'nnunet-doctor: the report could not be written to standard output: no space left on the device (ENOSPC)\n' });
  });

  test('--version on /dev/full', () => {
    if (!have) {
      console.warn(`SKIPPED: ${FULL} is missing here`);
      return;
    }
    requireBuiltCli();
    expect(toFull(['--version'])).toEqual({ status: 2, stderr: 'nnunet-doctor: the version could not be written to standard output (ENOSPC)\n' });
  });

  test('-o to a full tmpfs: the report is lost and the exit code says so; the fixes are still written', () => {
    const tmpfs = mountTmpfs('tmpfs-o', 16);
    if (tmpfs.reason) {
      console.warn(`SKIPPED: ${tmpfs.reason}`);
      return;
    }
    const mnt = tmpfs.dir;
    const other = tempDir('full-report');
    try {
      fillUp(path.join(mnt, 'filler'));
      const f = path.join(other, 'D', 'dataset.json');
      write(f, FIXABLE);
      for (const format of ['text', 'json']) {
        const report = path.join(mnt, `report.${format}`);
        const r = cli(['--fix', '--no-folder-checks', '--format', format, '-o', report, other]);
        expect({ status: r.status, stdout: r.stdout, stderr: r.stderr }).toEqual({
          status: 2,
          stdout: '',
          stderr: `nnunet-doctor: --output-file ${JSON.stringify(report)}: the report could not be written: no space left on the device (ENOSPC)\n`,
        });
        expect(read(f).toString()).toBe(FIXED);
      }
    } finally {
      rmrf(other);
      tmpfs.unmount();
    }
  });
});
