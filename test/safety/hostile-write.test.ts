/**
 * Issue 9, "writes where the user did not ask" and the write step's hostile inputs: read-only
 * folders (as root and unprivileged), symlinked dataset folders and files (named vs met during
 * the search), and things squatting on the lock file's name (a FIFO, a symlink to /dev/zero):
 * one clear line each, never a hang, never a write.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { cli, ourLeftovers, requireBuiltCli, rmrf as cleanup, tempDir, unprivileged } from './helpers.js';

const INVERTED = '{"channel_names": {"0": "CT"}, "labels": {"0": "background", "1": "liver"}, "numTraining": 1, "file_ending": ".nii.gz"}\n';
const FIXED = '{"channel_names": {"0": "CT"}, "labels": {"background": 0, "liver": 1}, "numTraining": 1, "file_ending": ".nii.gz"}\n';

let dir: string;
beforeAll(() => {
  requireBuiltCli();
  dir = tempDir('nnunet-doctor-hostile-');
});
afterAll(() => {
  // make everything removable again
  execFileSync('chmod', ['-R', 'u+rwx', dir]);
  cleanup(dir);
});

function dataset(rel: string, text = INVERTED): string {
  const p = path.join(dir, rel);
  fs.mkdirSync(p, { recursive: true });
  fs.writeFileSync(path.join(p, 'dataset.json'), text);
  return p;
}
const read = (rel: string) => fs.readFileSync(path.join(dir, rel), 'utf8');

describe('read-only folders', () => {
  test('as root: a file in a folder without write bits is not written (root could), one line, exit 1', () => {
    const ds = dataset('ro-root/D');
    fs.chmodSync(ds, 0o555);
    const r = cli(['--fix', '--no-folder-checks', 'ro-root'], { cwd: dir });
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(
      /^ro-root\/D\/dataset\.json: error: not written: its folder is read-only \(mode 0555\); make the folder writable to let --fix repair it$/m,
    );
    expect(read('ro-root/D/dataset.json')).toBe(INVERTED);
    expect(fs.readdirSync(ds)).toEqual(['dataset.json']);
  });

  const who = unprivileged();
  ('prefix' in who ? test : test.skip)('unprivileged: the same line and outcome', () => {
    const u = who as { prefix: string[]; uid: number; gid: number };
    const base = tempDir('nnunet-doctor-hostile-user-');
    try {
      fs.chmodSync(base, 0o755);
      const ds = path.join(base, 'ro-user', 'D');
      fs.mkdirSync(ds, { recursive: true });
      fs.writeFileSync(path.join(ds, 'dataset.json'), INVERTED);
      execFileSync('chown', ['-R', `${u.uid}:${u.gid}`, path.join(base, 'ro-user')]);
      fs.chmodSync(ds, 0o555);
      const r = cli(['--fix', '--no-folder-checks', 'ro-user'], { cwd: base, asUser: u.prefix });
      expect(r.status).toBe(1);
      expect(r.stdout).toMatch(/^ro-user\/D\/dataset\.json: error: not written: its folder is read-only \(mode 0555\)/m);
      expect(fs.readFileSync(path.join(ds, 'dataset.json'), 'utf8')).toBe(INVERTED);
    } finally {
      execFileSync('chmod', ['-R', 'u+rwx', base]);
      cleanup(base);
    }
  });
});

describe('symbolic links: what the user named counts, what the search meets does not', () => {
  test('naming a symlinked dataset folder writes its target (documented: you named it)', () => {
    dataset('out/Dataset003_C');
    fs.mkdirSync(path.join(dir, 'raw'), { recursive: true });
    fs.symlinkSync('../out/Dataset003_C', path.join(dir, 'raw', 'Dataset003_C'));
    const r = cli(['--fix', '--no-folder-checks', 'raw/Dataset003_C'], { cwd: dir });
    expect(r.status).toBe(0);
    expect(read('out/Dataset003_C/dataset.json')).toBe(FIXED);
    expect(fs.lstatSync(path.join(dir, 'raw', 'Dataset003_C')).isSymbolicLink()).toBe(true);
  });

  test('naming the folder that holds the link does not reach through it: not written, one line, exit 1', () => {
    dataset('out2/Dataset004_D');
    dataset('raw2/Dataset005_E');
    fs.symlinkSync('../out2/Dataset004_D', path.join(dir, 'raw2', 'Dataset004_D'));
    const r = cli(['--fix', '--no-folder-checks', 'raw2'], { cwd: dir });
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(
      /^raw2\/Dataset004_D\/dataset\.json: error: not written: its real location .*out2\/Dataset004_D\/dataset\.json is outside the folders you named/m,
    );
    expect(read('out2/Dataset004_D/dataset.json')).toBe(INVERTED);
    expect(read('raw2/Dataset005_E/dataset.json')).toBe(FIXED); // the batch goes on
    // --follow-outside allows it
    expect(cli(['--fix', '--no-folder-checks', '--follow-outside', 'raw2'], { cwd: dir }).status).toBe(0);
    expect(read('out2/Dataset004_D/dataset.json')).toBe(FIXED);
  });

  test('naming a symlinked dataset.json file writes its target', () => {
    dataset('store');
    fs.mkdirSync(path.join(dir, 'linked'), { recursive: true });
    fs.symlinkSync('../store/dataset.json', path.join(dir, 'linked', 'dataset.json'));
    expect(cli(['--fix', '--no-folder-checks', 'linked/dataset.json'], { cwd: dir }).status).toBe(0);
    expect(read('store/dataset.json')).toBe(FIXED);
    expect(fs.lstatSync(path.join(dir, 'linked', 'dataset.json')).isSymbolicLink()).toBe(true);
  });
});

describe('the lock file name taken by something else', () => {
  test.each([
    ['a FIFO', (p: string) => execFileSync('mkfifo', [p]), /is a FIFO \(named pipe\), not a lock file of nnunet-doctor's; remove it to let --fix write/],
    ['a symlink to /dev/zero', (p: string) => fs.symlinkSync('/dev/zero', p), /is a symbolic link, not a lock file of nnunet-doctor's/],
    ['a folder', (p: string) => fs.mkdirSync(p), /is a folder, not a lock file of nnunet-doctor's/],
  ])('%s: one line, exit 1, no hang, nothing written, no temp file left', (name, make, message) => {
    const rel = `lock-${name.replace(/\W+/g, '-')}/D`;
    const ds = dataset(rel);
    make(path.join(ds, '.dataset.json.nnunet-doctor.lock'));
    const r = cli(['--fix', '--no-folder-checks', rel], { cwd: dir });
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(message);
    expect(read(`${rel}/dataset.json`)).toBe(INVERTED);
    expect(ourLeftovers(ds).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });
});
