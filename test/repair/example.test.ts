/**
 * The "done" scenario on examples/segmentation-repair: 0/255 PNG masks, a 0/255
 * and a noisy-float NIfTI, a BraTS-style 4. The plans show every mapping, `remap --map
 * 4:3 --fix` and the automatic repairs fix them, `--labels` (the built CLI) then reports
 * no NNU401/NNU402, nothing else on disk changed, and a second round changes nothing.
 */
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { collectContentFacts } from '../../src/content.js';
import { applySegmentationRepairs, declaredLabels, planSegmentationRepairs, type SegmentationRepairPlan } from '../../src/repair/index.js';
import { cleanup, copyTree, ROOT, runCli, tempDir } from '../helpers/cli.js';

const EXAMPLE = path.join(ROOT, 'examples', 'segmentation-repair', 'nnUNet_raw');
let work = '';
beforeAll(() => {
  work = tempDir('nnunet-doctor-repair-example-');
  copyTree(EXAMPLE, work);
});
afterAll(() => cleanup(work));

/** sha256 of every file below `dir`, by relative path. */
function tree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const rel of (fs.readdirSync(dir, { recursive: true }) as string[]).sort()) {
    const p = path.join(dir, rel);
    if (fs.statSync(p).isFile()) out[rel] = createHash('sha256').update(fs.readFileSync(p)).digest('hex');
  }
  return out;
}

/** The automatic repair plans of one dataset (what `--fix --unsafe-fixes --labels` offers). */
async function autoPlans(dataset: string): Promise<SegmentationRepairPlan[]> {
  const dir = path.join(work, dataset);
  const text = fs.readFileSync(path.join(dir, 'dataset.json'), 'utf8');
  const facts = await collectContentFacts(dir, JSON.parse(text).file_ending);
  return planSegmentationRepairs(facts!, declaredLabels(text)!, dir);
}

test('the committed example is exactly what scripts/make-repair-example.mjs writes', () => {
  const fresh = tempDir('nnunet-doctor-repair-example-fresh-');
  try {
    const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'make-repair-example.mjs'), fresh], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(tree(fresh)).toEqual(tree(EXAMPLE));
    const bytes = Object.keys(tree(EXAMPLE)).reduce((s, rel) => s + fs.statSync(path.join(EXAMPLE, rel)).size, 0);
    expect(bytes).toBeLessThan(6000); // a few KB
  } finally {
    cleanup(fresh);
  }
});

test('dry runs show every mapping; the repairs leave --labels clean and nothing else changed', async () => {
  const before = tree(work);

  // remap, dry run: per file mapping and counts, dataset total; nothing written
  const dry = runCli(['remap', '--map', '4:3', 'Dataset203_BraTS'], { cwd: work });
  expect(dry.status).toBe(0);
  expect(dry.stdout).toContain('would change Dataset203_BraTS/labelsTr/BraTS_000.nii.gz (uint8): 4 -> 3: 51 voxels (3: 0 -> 51; 4: 51 -> 0)');
  expect(dry.stdout).toContain('1 file without a value to change');
  expect(dry.stdout).toMatch(/value\s+before\s+after\n\s+3\s+0\s+51\n\s+4\s+51\s+0\n/);
  expect(dry.stdout).toContain('Dataset203_BraTS/dataset.json: labels need no change');
  expect(dry.stdout).toContain('Dry run: 1 file would change (51 voxels); nothing was written. Run again with --fix to write.');
  expect(tree(work)).toEqual(before);

  // the automatic repairs, planned: every mapping shown
  const plans = [...(await autoPlans('Dataset201_VesselsPng')), ...(await autoPlans('Dataset202_LiverMasks'))];
  expect(plans.map((p) => [p.display, p.kinds, p.mapping])).toEqual([
    ['labelsTr/case_000.png', ['binary-mask'], [{ from: 255, to: 1 }]],
    ['labelsTr/case_001.png', ['binary-mask'], [{ from: 255, to: 1 }]],
    ['labelsTr/liver_000.nii.gz', ['binary-mask'], [{ from: 255, to: 1 }]],
    ['labelsTr/liver_001.nii.gz', ['float-noise'], [{ from: Math.fround(0.99999994), to: 1 }]],
  ]);
  expect(plans[3]!.description).toBe(
    'labelsTr/liver_001.nii.gz (float32): its float values are integers up to rounding noise: round them 0.99999994 -> 1: 21 voxels',
  );

  // write
  const fix = runCli(['remap', '--map', '4:3', '--fix', 'Dataset203_BraTS'], { cwd: work });
  expect(fix.status).toBe(0);
  expect(fix.stdout).toContain('changed Dataset203_BraTS/labelsTr/BraTS_000.nii.gz (uint8): 4 -> 3: 51 voxels');
  const results = await applySegmentationRepairs(plans, { roots: [work] });
  expect(results.map((r) => r.status)).toEqual(['written', 'written', 'written', 'written']);

  // nnU-Net's check, as --labels runs it: no NNU401/NNU402 left
  const check = runCli(['--labels', '--format', 'json', '.'], { cwd: work });
  const codes = (JSON.parse(check.stdout).files as { diagnostics: { code: string }[] }[]).flatMap((f) => f.diagnostics.map((d) => d.code));
  expect(codes.filter((c) => c === 'NNU401' || c === 'NNU402')).toEqual([]);
  expect(check.status).toBe(0);

  // only the five segmentations changed
  const after = tree(work);
  const changed = Object.keys(after).filter((k) => after[k] !== before[k]);
  expect(changed.sort()).toEqual([
    'Dataset201_VesselsPng/labelsTr/case_000.png',
    'Dataset201_VesselsPng/labelsTr/case_001.png',
    'Dataset202_LiverMasks/labelsTr/liver_000.nii.gz',
    'Dataset202_LiverMasks/labelsTr/liver_001.nii.gz',
    'Dataset203_BraTS/labelsTr/BraTS_000.nii.gz',
  ]);
  expect(Object.keys(after)).toEqual(Object.keys(before));

  // a second round changes nothing
  expect(runCli(['remap', '--map', '4:3', '--fix', 'Dataset203_BraTS'], { cwd: work }).stdout).toContain('Nothing to change.');
  expect([...(await autoPlans('Dataset201_VesselsPng')), ...(await autoPlans('Dataset202_LiverMasks'))]).toEqual([]);
  expect(tree(work)).toEqual(after);
});
