/**
 * Issue 13's "done means" through the check command: on the example folder (0/255 PNG masks,
 * a 0/255 and a noisy-float NIfTI label, a BraTS-style 4), `--labels --unsafe-fixes` shows the
 * segmentation repairs as fixable fixes of NNU401/NNU402, `--fix` writes them (and nothing
 * else), `--labels` then reports them clean; a file `--fix` would refuse is not fixable in the
 * dry run either.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import fs from 'node:fs';
import path from 'node:path';
import { cleanup, copyTree, ROOT, runCli, tempDir } from '../helpers/cli.js';

const EXAMPLE = path.join(ROOT, 'examples', 'segmentation-repair', 'nnUNet_raw');
let dir: string;
beforeAll(() => {
  dir = tempDir('nnunet-doctor-repair-fix-');
});
afterAll(() => cleanup(dir));

/** Every file below `root` with its bytes. */
function snapshot(root: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  for (const e of fs.readdirSync(root, { recursive: true, withFileTypes: true })) {
    if (e.isFile()) {
      const p = path.join(e.parentPath, e.name);
      out.set(path.relative(root, p), fs.readFileSync(p));
    }
  }
  return out;
}

type Report = {
  files: {
    path: string;
    diagnostics: { code: string; fix: { available: boolean; applied: boolean; unsafeAvailable?: boolean; files?: string[] } }[];
    segmentations?: { path: string; status: string; message?: string }[];
  }[];
  summary: { fixable: number; unsafeFixable: number; fixed: number };
};
const json = (args: string[], cwd: string): Report => JSON.parse(runCli(['--format', 'json', ...args], { cwd }).stdout);
const fileFixes = (r: Report) =>
  r.files.flatMap((f) => f.diagnostics.filter((d) => d.fix.files).map((d) => [path.dirname(f.path), d.code, d.fix.available, d.fix.unsafeAvailable ?? false]));

describe('segmentation repairs as fixes of NNU401/NNU402', () => {
  test('dry run: unsafe fixes listed with their files; --fix --unsafe-fixes writes exactly those files; --labels is then clean', () => {
    const root = path.join(dir, 'done-means');
    copyTree(EXAMPLE, root);
    const before = snapshot(root);

    // without --unsafe-fixes: offered, not applied
    const safe = json(['--labels', '.'], root);
    expect(fileFixes(safe)).toEqual([
      ['Dataset201_VesselsPng', 'NNU401', false, true],
      ['Dataset202_LiverMasks', 'NNU402', false, true],
      ['Dataset202_LiverMasks', 'NNU401', false, true],
    ]);
    expect(safe.summary.unsafeFixable).toBe(3);

    const dry = json(['--labels', '--unsafe-fixes', '.'], root);
    expect(fileFixes(dry).map((x) => x[2])).toEqual([true, true, true]);
    expect(dry.summary.fixable).toBe(3);
    expect(snapshot(root)).toEqual(before); // a dry run writes nothing

    const fixed = json(['--labels', '--unsafe-fixes', '--fix', '.'], root);
    expect(fixed.summary.fixed).toBe(3);
    expect(fixed.files.flatMap((f) => (f.segmentations ?? []).map((x) => [x.path, x.status]))).toEqual([
      ['Dataset201_VesselsPng/labelsTr/case_000.png', 'written'],
      ['Dataset201_VesselsPng/labelsTr/case_001.png', 'written'],
      ['Dataset202_LiverMasks/labelsTr/liver_000.nii.gz', 'written'],
      ['Dataset202_LiverMasks/labelsTr/liver_001.nii.gz', 'written'],
    ]);
    // nothing else on disk changed
    const after = snapshot(root);
    const changed = [...after.keys()].filter((k) => !before.get(k)!.equals(after.get(k)!)).sort();
    expect(changed).toEqual([
      'Dataset201_VesselsPng/labelsTr/case_000.png',
      'Dataset201_VesselsPng/labelsTr/case_001.png',
      'Dataset202_LiverMasks/labelsTr/liver_000.nii.gz',
      'Dataset202_LiverMasks/labelsTr/liver_001.nii.gz',
    ]);
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());

    const again = json(['--labels', '.'], root);
    const codes = again.files.map((f) => [path.dirname(f.path), f.diagnostics.map((d) => d.code)]);
    expect(codes).toEqual([
      ['Dataset201_VesselsPng', []],
      ['Dataset202_LiverMasks', []],
      ['Dataset203_BraTS', ['NNU401', 'NNU403']], // 4 -> 3 is a person's call: nnunet-doctor remap --map 4:3
    ]);
    // a second --fix changes nothing
    json(['--labels', '--unsafe-fixes', '--fix', '.'], root);
    expect(snapshot(root)).toEqual(after);
  });

  test('a read-only segmentation: the dry run says --fix will not rewrite it and does not count it fixable; --fix leaves it', () => {
    const root = path.join(dir, 'read-only');
    copyTree(path.join(EXAMPLE, 'Dataset202_LiverMasks'), path.join(root, 'Dataset202_LiverMasks'));
    const file = path.join(root, 'Dataset202_LiverMasks', 'labelsTr', 'liver_000.nii.gz');
    fs.chmodSync(file, 0o444);
    const bytes = fs.readFileSync(file);
    const dry = json(['--labels', '--unsafe-fixes', '.'], root);
    expect(dry.files[0]!.segmentations).toEqual([
      {
        path: 'Dataset202_LiverMasks/labelsTr/liver_000.nii.gz',
        status: 'refused',
        message: expect.stringMatching(/^--fix will not rewrite it: the file is read-only/),
      },
    ]);
    expect(fileFixes(dry)).toEqual([
      ['Dataset202_LiverMasks', 'NNU402', true, false],
      ['Dataset202_LiverMasks', 'NNU401', false, false],
    ]);
    const r = runCli(['--labels', '--unsafe-fixes', '--fix', '.'], { cwd: root });
    expect(r.status).toBe(1);
    expect(fs.readFileSync(file).equals(bytes)).toBe(true);
    fs.chmodSync(file, 0o644);
  });
});
