/**
 * --backup keeps the original next to each changed file as `dataset.json.bak`, then
 * `.bak.1`, `.bak.2`, ...: an existing backup (ours or the user's, even a symlink) is never
 * overwritten, an unchanged file gets no backup, and a dry run writes none.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import fs from 'node:fs';
import path from 'node:path';
import { fixBytes } from '../../src/engine.js';
import { cli, ourLeftovers, read, requireBuiltCli, rmrf, tempDir, write } from './helpers.js';

const FIXABLE =
  '{\n    "channel_names": {"0": "CT"},\n    "labels": {\n        "0": "background",\n        "1": "liver"\n    },\n    "numTraining": 1,\n    "file_ending": ".nii.gz"\n}\n';
const FIXED = fixBytes(Buffer.from(FIXABLE)).output;

let dir = '';
beforeAll(() => {
  requireBuiltCli();
  dir = tempDir('backup');
});
afterAll(() => rmrf(dir));

const names = (d: string) => fs.readdirSync(d).sort();

describe('--backup', () => {
  test('writes dataset.json.bak with the original bytes and mode; the JSON report names it; unchanged files get none', () => {
    const d = path.join(dir, 'one', 'D');
    write(path.join(d, 'dataset.json'), FIXABLE, 0o640);
    write(path.join(dir, 'one', 'Clean', 'dataset.json'), FIXED);
    const r = cli(['--fix', '--backup', '--no-folder-checks', '--format', 'json', 'one'], { cwd: dir });
    expect(r.status).toBe(0);
    const rep = JSON.parse(r.stdout);
    const f = rep.files.find((x: { path: string }) => x.path === 'one/D/dataset.json');
    expect(f.written).toBe(true);
    expect(f.backup).toBe(path.join(fs.realpathSync(d), 'dataset.json.bak'));
    expect(read(path.join(d, 'dataset.json.bak')).toString()).toBe(FIXABLE);
    expect(fs.statSync(path.join(d, 'dataset.json.bak')).mode & 0o777).toBe(0o640);
    expect(fs.statSync(path.join(d, 'dataset.json')).mode & 0o777).toBe(0o640);
    expect(read(path.join(d, 'dataset.json')).toString()).toBe(FIXED);
    expect(names(path.join(dir, 'one', 'Clean'))).toEqual(['dataset.json']);
    expect(names(d)).toEqual(['dataset.json', 'dataset.json.bak']);
  });

  test('never overwrites an older backup: .bak, then .bak.1, .bak.2, skipping names that exist (files or symlinks)', () => {
    const d = path.join(dir, 'many', 'D');
    const f = path.join(d, 'dataset.json');
    write(f, FIXABLE);
    write(path.join(d, 'dataset.json.bak'), 'users own backup');
    fs.symlinkSync('/etc/hostname', path.join(d, 'dataset.json.bak.1'));
    const versions: string[] = [];
    for (let i = 0; i < 3; i++) {
      const original = FIXABLE.replace('liver', `liver${i}`);
      versions.push(original);
      write(f, original);
      const r = cli(['--fix', '--backup', '--no-folder-checks', 'many'], { cwd: dir });
      expect(r.status).toBe(0);
    }
    expect(read(path.join(d, 'dataset.json.bak')).toString()).toBe('users own backup');
    expect(fs.readlinkSync(path.join(d, 'dataset.json.bak.1'))).toBe('/etc/hostname');
    expect(read(path.join(d, 'dataset.json.bak.2')).toString()).toBe(versions[0]);
    expect(read(path.join(d, 'dataset.json.bak.3')).toString()).toBe(versions[1]);
    expect(read(path.join(d, 'dataset.json.bak.4')).toString()).toBe(versions[2]);
    expect(ourLeftovers(d)).toEqual([]);
  });

  test('a dry run with --backup writes no backup', () => {
    const d = path.join(dir, 'dry', 'D');
    write(path.join(d, 'dataset.json'), FIXABLE);
    cli(['--backup', '--no-folder-checks', 'dry'], { cwd: dir });
    expect(names(d)).toEqual(['dataset.json']);
  });
});
