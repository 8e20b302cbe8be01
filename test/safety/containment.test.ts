/**
 * Containment: --fix writes only the dataset.json files found under the paths given. A
 * dataset.json whose real location is outside those paths (a symlinked file, or a symlinked
 * dataset folder) is reported and not written unless --follow-outside. Paths named inside
 * dataset.json (`training`, `test`, `dataset`) are never written, nor is anything else: the
 * whole area is snapshotted (bytes, mode, mtime) before and after.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import fs from 'node:fs';
import path from 'node:path';
import { fixBytes } from '../../src/engine.js';
import { cli, ourLeftovers, read, requireBuiltCli, rmrf, tempDir, write } from './helpers.js';

const FIXABLE = (extra = '') =>
  `{\n    "channel_names": {"0": "CT"},\n    "labels": {\n        "0": "background",\n        "1": "liver"\n    },\n    "numTraining": 1,\n    "file_ending": ".nii.gz"${extra}\n}\n`;

let dir = '';
const dirs: string[] = [];
beforeAll(() => requireBuiltCli());
afterAll(() => dirs.forEach(rmrf));

/** path -> "sha-ish|mode|mtime" of every file and symlink under `root` (symlinks by their target text). */
function snapshot(root: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const rel of fs.readdirSync(root, { recursive: true }) as string[]) {
    const p = path.join(root, rel);
    const st = fs.lstatSync(p);
    if (st.isSymbolicLink()) out.set(rel, `link:${fs.readlinkSync(p)}`);
    else if (st.isFile()) out.set(rel, `${fs.readFileSync(p).toString('base64')}|${st.mode}|${st.mtimeMs}|${st.ino}`);
    else if (st.isDirectory()) out.set(rel, `dir|${st.mode}`);
  }
  return out;
}

function changedEntries(before: Map<string, string>, after: Map<string, string>): string[] {
  const keys = new Set([...before.keys(), ...after.keys()]);
  return [...keys].filter((k) => before.get(k) !== after.get(k)).sort();
}

/**
 * area/
 *   raw/             <- the root the user names
 *     D1/dataset.json                  regular, fixable; its training list points into imagesTr/labelsTr and outside
 *     D1/imagesTr/case_0_0000.nii.gz, D1/labelsTr/case_0.nii.gz
 *     D2/dataset.json -> ../../outside/shared.json      symlinked file, target outside
 *     D3 -> ../outside/Dataset003                       symlinked folder, target outside
 *     D4/dataset.json -> ../D1/dataset.json             symlink inside the root (same file as D1)
 *   outside/
 *     shared.json, Dataset003/dataset.json, victim.nii.gz, victim.txt
 */
function build(): string {
  dir = tempDir('contain');
  dirs.push(dir);
  const area = path.join(dir, 'area');
  const training = `,\n    "training": [{"image": "./imagesTr/case_0.nii.gz", "label": "./labelsTr/case_0.nii.gz"}, {"image": "../../outside/victim.nii.gz", "label": "${path.join(area, 'outside', 'victim.txt')}"}],\n    "test": ["./imagesTs/case_9.nii.gz"],\n    "dataset": "../outside/victim.txt"`;
  write(path.join(area, 'raw', 'D1', 'dataset.json'), FIXABLE(training));
  write(path.join(area, 'raw', 'D1', 'imagesTr', 'case_0_0000.nii.gz'), 'not really nifti');
  write(path.join(area, 'raw', 'D1', 'labelsTr', 'case_0.nii.gz'), 'not really nifti');
  write(path.join(area, 'outside', 'shared.json'), FIXABLE());
  write(path.join(area, 'outside', 'Dataset003', 'dataset.json'), FIXABLE());
  write(path.join(area, 'outside', 'victim.nii.gz'), 'victim');
  write(path.join(area, 'outside', 'victim.txt'), 'victim');
  fs.mkdirSync(path.join(area, 'raw', 'D2'));
  fs.symlinkSync('../../outside/shared.json', path.join(area, 'raw', 'D2', 'dataset.json'));
  fs.symlinkSync('../outside/Dataset003', path.join(area, 'raw', 'D3'));
  fs.mkdirSync(path.join(area, 'raw', 'D4'));
  fs.symlinkSync('../D1/dataset.json', path.join(area, 'raw', 'D4', 'dataset.json'));
  return area;
}

describe('containment', () => {
  test('--fix writes only D1 (once); the symlinks leading outside are reported, one line each; nothing else changes', () => {
    const area = build();
    const before = snapshot(area);
    const r = cli(['--fix', 'raw'], { cwd: area }); // folder checks on: they read imagesTr/labelsTr
    expect(r.stderr).toBe('');
    expect(r.status).toBe(1);
    const outside = (p: string) =>
      new RegExp(
        `^${p}: error: not written: its real location ${fs.realpathSync(path.join(area, 'outside'))}/.* is outside the folders you named \\(reached through a symbolic link\\); name that folder, or use --follow-outside$`,
        'm',
      );
    expect(r.stdout).toMatch(outside('raw/D2/dataset.json'));
    expect(r.stdout).toMatch(outside('raw/D3/dataset.json'));
    // D4 is the same file as D1 (deduplicated by real path): reported once, written once
    expect(r.stdout).not.toMatch(/raw\/D4/);
    const after = snapshot(area);
    expect(changedEntries(before, after)).toEqual(['raw/D1/dataset.json']);
    expect(read(path.join(area, 'raw', 'D1', 'dataset.json')).toString()).toBe(fixBytes(Buffer.from(FIXABLE(trainingOf(area)))).output);
    expect(ourLeftovers(area)).toEqual([]);
  });

  test('also with --labels (reads every segmentation) and --backup: only D1 and its backup change', () => {
    const area = build();
    const before = snapshot(area);
    const r = cli(['--fix', '--labels', '--backup', 'raw'], { cwd: area });
    expect([0, 1, 2]).toContain(r.status);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(changedEntries(before, snapshot(area))).toEqual(['raw/D1/dataset.json', 'raw/D1/dataset.json.bak']);
  });

  test('naming the symlinked file itself names its target (a path you name counts through its own symlinks, as an editor writes through one): written, the link stays a link', () => {
    const area = build();
    const before = snapshot(area);
    const r = cli(['--fix', 'raw/D2/dataset.json'], { cwd: area });
    expect(r.stdout).not.toMatch(/outside the folders/);
    expect(changedEntries(before, snapshot(area))).toEqual(['outside/shared.json']);
    expect(fs.lstatSync(path.join(area, 'raw', 'D2', 'dataset.json')).isSymbolicLink()).toBe(true);
  });

  test('a target inside another named root is inside', () => {
    const area = build();
    const r = cli(['--fix', '--no-folder-checks', 'raw/D2', 'outside'], { cwd: area });
    expect(r.stdout).not.toMatch(/outside the folders/);
    expect(read(path.join(area, 'outside', 'shared.json')).toString()).toBe(fixBytes(Buffer.from(FIXABLE())).output);
  });

  test('--follow-outside writes the targets; the symlinks stay symlinks', () => {
    const area = build();
    const before = snapshot(area);
    const r = cli(['--fix', '--follow-outside', '--no-folder-checks', 'raw'], { cwd: area });
    expect(r.stdout).not.toMatch(/error:/);
    expect(r.stderr).toBe('');
    // raw/D3/dataset.json is outside/Dataset003/dataset.json seen through the folder symlink
    expect(changedEntries(before, snapshot(area))).toEqual([
      'outside/Dataset003/dataset.json',
      'outside/shared.json',
      'raw/D1/dataset.json',
      'raw/D3/dataset.json',
    ]);
    expect(fs.lstatSync(path.join(area, 'raw', 'D2', 'dataset.json')).isSymbolicLink()).toBe(true);
    expect(fs.lstatSync(path.join(area, 'raw', 'D3')).isSymbolicLink()).toBe(true);
  });

  test('a dry run writes nothing at all (not even a clean-up of stale temp files)', () => {
    const area = build();
    write(path.join(area, 'raw', 'D1', '.dataset.json.nnunet-doctor-999999999-00000000-deadbeef.tmp'), 'stale');
    const before = snapshot(area);
    cli(['raw', '--backup'], { cwd: area });
    cli(['raw', '--diff'], { cwd: area });
    expect(changedEntries(before, snapshot(area))).toEqual([]);
  });
});

function trainingOf(area: string): string {
  return `,\n    "training": [{"image": "./imagesTr/case_0.nii.gz", "label": "./labelsTr/case_0.nii.gz"}, {"image": "../../outside/victim.nii.gz", "label": "${path.join(area, 'outside', 'victim.txt')}"}],\n    "test": ["./imagesTs/case_9.nii.gz"],\n    "dataset": "../outside/victim.txt"`;
}
