/**
 * The pre-commit hooks in .pre-commit-hooks.yaml, run the way pre-commit runs them: the
 * hook's `entry` (the package's bin, i.e. the built dist/bin/nnunet-doctor.cjs) with its `args` and
 * then the staged file names that match `files`, relative to the repository root, from
 * the repository root. Exit codes: the check hook fails (1) on a broken file and passes
 * (0) on a good one; the fix hook repairs the file and passes when nothing is left
 * (pre-commit itself then fails the commit because a file changed), fails when a problem
 * has no automatic fix.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fixText } from '../../src/index.js';
import { EXAMPLES, ROOT, cleanup, copyTree, tempDir, writeTree } from '../helpers/cli.js';

type Hook = Record<string, string | string[] | boolean>;

/** The subset of YAML a hooks manifest uses: a list of flat maps, flow lists, quoted scalars. */
function parseHooks(text: string): Hook[] {
  const hooks: Hook[] = [];
  const scalar = (v: string): string | boolean => {
    v = v.trim();
    if (v === 'true' || v === 'false') return v === 'true';
    if (/^".*"$/.test(v)) return JSON.parse(v) as string;
    if (/^'.*'$/.test(v)) return v.slice(1, -1).replace(/''/g, "'");
    return v;
  };
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\s+#.*$/, '');
    if (!line.trim() || line.trim().startsWith('#')) continue;
    const m = /^(- | {2})([\w-]+):\s*(.*)$/.exec(line);
    if (!m) throw new Error(`unexpected line in .pre-commit-hooks.yaml: ${raw}`);
    if (m[1] === '- ') hooks.push({});
    const value = m[3]!;
    hooks[hooks.length - 1]![m[2]!] = /^\[.*\]$/.test(value)
      ? value
          .slice(1, -1)
          .split(',')
          .map((s) => String(scalar(s)))
          .filter(Boolean)
      : scalar(value);
  }
  return hooks;
}

const hooks = parseHooks(fs.readFileSync(path.join(ROOT, '.pre-commit-hooks.yaml'), 'utf8'));
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string>; scripts: Record<string, string> };
const pkgJson = pkg;
const hook = (id: string) => {
  const h = hooks.find((x) => x.id === id);
  if (!h) throw new Error(`no hook ${id}`);
  return h;
};

let repo: string;
const BROKEN = 'raw/Dataset001_Liver/dataset.json';
const GOOD = 'raw/Dataset007_Kidney/dataset.json';
const UNFIXABLE = 'raw/Dataset009_NaN/dataset.json';
const NAN_TEXT =
  '{\n    "channel_names": {"0": "CT"},\n    "labels": {"background": 0, "liver": NaN},\n    "numTraining": 1,\n    "file_ending": ".nii.gz"\n}\n';

beforeAll(() => {
  repo = tempDir('nnunet-doctor-precommit-');
});
afterAll(() => cleanup(repo));

function freshRepo(): void {
  fs.rmSync(path.join(repo, 'raw'), { recursive: true, force: true });
  copyTree(path.join(EXAMPLES, 'Dataset001_Liver'), path.join(repo, 'raw', 'Dataset001_Liver'));
  copyTree(path.join(EXAMPLES, 'Dataset007_Kidney'), path.join(repo, 'raw', 'Dataset007_Kidney'));
  writeTree(repo, { [UNFIXABLE]: NAN_TEXT, 'raw/README.md': 'x', 'raw/mydataset.json': '{}', 'convert.py': 'print(1)\n' });
}

/** Run a hook like pre-commit: filter the staged files by `files`, then `entry args... files...`. */
function runHook(id: string, staged: string[]): { status: number | null; stdout: string; stderr: string; files: string[] } {
  const h = hook(id);
  const files = staged.filter((f) => new RegExp(String(h.files)).test(f));
  const entry = pkg.bin[String(h.entry)];
  expect(entry).toBeDefined();
  const args = (h.args as string[] | undefined) ?? [];
  const r = spawnSync(process.execPath, [path.join(ROOT, entry!), ...args, ...files], {
    cwd: repo,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined, nnUNet_raw: undefined },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, files };
}

const read = (rel: string) => fs.readFileSync(path.join(repo, rel), 'utf8');

describe('.pre-commit-hooks.yaml', () => {
  test('a fixing hook and a check-only hook, node, entry nnunet-doctor, only dataset.json files', () => {
    expect(hooks.map((h) => h.id).sort()).toEqual(['nnunet-doctor', 'nnunet-doctor-fix']);
    for (const h of hooks) {
      expect(h).toMatchObject({ language: 'node', entry: 'nnunet-doctor', files: '(^|/)dataset\\.json$' });
      expect(typeof h.name).toBe('string');
    }
    // `--` last: a staged file whose name starts with - is a path, not an option
    expect(hook('nnunet-doctor-fix').args).toEqual(['--fix', '--']);
    expect(hook('nnunet-doctor').args).toEqual(['--']);
    // the entry is the package's bin, a node script
    expect(fs.readFileSync(path.join(ROOT, pkg.bin['nnunet-doctor']!), 'utf8')).toMatch(/^#!\/usr\/bin\/env node\n/);
  });

  test("pre-commit's install step works: `npm pack` prints only the tarball name despite the prepack build", () => {
    // pre-commit installs a node hook with `npm pack` and reads the file name from its
    // stdout; npm >= 10 prints a lifecycle banner there unless foreground-scripts is off,
    // which the repository's .npmrc does. Our prepack builds dist/ (the hook needs it):
    expect(pkgJson.scripts.prepack).toMatch(/\bbuild\b/);
    // the same .npmrc, a package whose prepack prints something:
    const d = path.join(repo, 'pack-check');
    fs.mkdirSync(d, { recursive: true });
    fs.copyFileSync(path.join(ROOT, '.npmrc'), path.join(d, '.npmrc'));
    fs.writeFileSync(path.join(d, 'package.json'), JSON.stringify({ name: 'packcheck', version: '1.0.0', scripts: { prepack: 'echo building dist' } }));
    fs.mkdirSync(path.join(d, 'dist'));
    const r = spawnSync('npm', ['pack'], { cwd: d, encoding: 'utf8', env: { ...process.env, npm_config_update_notifier: 'false' } });
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe('packcheck-1.0.0.tgz');
  }, 60_000);

  test('`files` selects dataset.json at any depth and nothing else', () => {
    const re = new RegExp(String(hook('nnunet-doctor').files));
    for (const yes of ['dataset.json', 'nnUNet_raw/Dataset001_X/dataset.json', 'a/b/c/dataset.json']) expect(re.test(yes)).toBe(true);
    for (const no of ['mydataset.json', 'dataset.json.bak', 'dataset_json', 'a/dataset.jsonc', 'dataset.json/x']) expect(re.test(no)).toBe(false);
  });
});

describe('check hook (nnunet-doctor)', () => {
  const staged = [BROKEN, GOOD, UNFIXABLE, 'raw/README.md', 'raw/mydataset.json', 'convert.py'];

  test('passes (0) on a good file', () => {
    freshRepo();
    const r = runHook('nnunet-doctor', [GOOD, 'convert.py']);
    expect(r.files).toEqual([GOOD]);
    expect(r.status).toBe(0);
  });

  test('fails (1) on a broken file, shows the diff, writes nothing', () => {
    freshRepo();
    const before = read(BROKEN);
    const r = runHook('nnunet-doctor', [BROKEN]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('NNU102');
    expect(r.stdout).toContain(`+++ b/${BROKEN}`);
    expect(read(BROKEN)).toBe(before);
  });

  test('fails (1) when any staged file is broken', () => {
    freshRepo();
    const r = runHook('nnunet-doctor', staged);
    expect(r.files).toEqual([BROKEN, GOOD, UNFIXABLE]);
    expect(r.status).toBe(1);
  });
});

describe('fix hook (nnunet-doctor-fix)', () => {
  test('fixes a broken file in place and passes (0); pre-commit sees the change; a second run changes nothing', () => {
    freshRepo();
    const before = read(BROKEN);
    const r = runHook('nnunet-doctor-fix', [BROKEN, GOOD]);
    expect(r.status).toBe(0);
    const after = read(BROKEN);
    expect(after).not.toBe(before);
    expect(after).toBe(fixText(before).output);
    expect(read(GOOD)).toBe(fs.readFileSync(path.join(EXAMPLES, 'Dataset007_Kidney', 'dataset.json'), 'utf8'));
    const again = runHook('nnunet-doctor-fix', [BROKEN, GOOD]);
    expect(again.status).toBe(0);
    expect(read(BROKEN)).toBe(after);
    // and the check hook now passes too
    expect(runHook('nnunet-doctor', [BROKEN]).status).toBe(0);
  });

  test('a staged file in a folder whose name starts with - is a path (args end with --), and only it is written', () => {
    freshRepo();
    const odd = '-odd/dataset.json';
    writeTree(repo, { [odd]: fs.readFileSync(path.join(EXAMPLES, 'Dataset001_Liver', 'dataset.json'), 'utf8') });
    const before = read(BROKEN);
    const r = runHook('nnunet-doctor-fix', [odd]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(read(odd)).toBe(fixText(before).output);
    expect(read(BROKEN)).toBe(before); // not staged: not touched
  });

  test('the v1/MSD original of a real dataset passes after the fix: a warning (NNU207, legacy keys nnU-Net v2 ignores) does not fail the hook', () => {
    freshRepo();
    copyTree(path.join(EXAMPLES, 'Task04_Hippocampus'), path.join(repo, 'raw', 'Task04_Hippocampus'));
    const file = 'raw/Task04_Hippocampus/dataset.json';
    const r = runHook('nnunet-doctor-fix', [file]);
    expect(r.stdout).toContain('NNU207');
    expect(r.status).toBe(1); // file_ending is missing: its fix is unsafe, so an error remains
    const unsafe = spawnSync(process.execPath, [path.join(ROOT, pkg.bin['nnunet-doctor']!), '--fix', '--unsafe-fixes', '--', file], {
      cwd: repo,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1', nnUNet_raw: undefined },
    });
    expect(unsafe.status).toBe(0);
    expect(runHook('nnunet-doctor-fix', [file]).status).toBe(0); // only the NNU207 warning is left
  });

  test('fails (1) while a problem without an automatic fix remains', () => {
    freshRepo();
    const r = runHook('nnunet-doctor-fix', [BROKEN, UNFIXABLE]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('NNU005');
    expect(read(UNFIXABLE)).toBe(NAN_TEXT);
    expect(read(BROKEN)).toBe(fixText(fs.readFileSync(path.join(EXAMPLES, 'Dataset001_Liver', 'dataset.json'), 'utf8')).output);
  });
});
