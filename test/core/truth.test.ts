/**
 * Reports tell the truth (issue 10): on every example and every corpus file, the dry run's
 * count of fixes equals what `--fix` then writes, "fixed" means written, and after `--fix`
 * nothing is "fixable" any more; with and without --unsafe-fixes.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { scan } from '../../src/run.js';
import { summarize } from '../../src/summary.js';
import { CORPUS, corpusIds, ROOT } from '../helpers/corpus.js';

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nnunet-doctor-truth-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A fresh copy of the examples and of every corpus file (each in a Dataset folder of its own). */
function tree(name: string): string {
  const root = path.join(dir, name);
  fs.cpSync(path.join(ROOT, 'examples', 'nnUNet_raw'), path.join(root, 'examples'), { recursive: true });
  for (const id of corpusIds()) {
    const d = path.join(root, 'corpus', `Dataset${id.slice(0, 3)}_${id.slice(4).replace(/[^A-Za-z0-9]/g, '')}`);
    fs.mkdirSync(d, { recursive: true });
    fs.copyFileSync(path.join(CORPUS, id, 'dataset.json'), path.join(d, 'dataset.json'));
  }
  return root;
}

describe.each([false, true])('unsafeFixes %s', (unsafeFixes) => {
  test('dry run fixable == fixed by --fix == fixable with the flags; afterwards nothing is fixable', async () => {
    const root = tree(`t-${unsafeFixes}`);
    const opts = { paths: [root], cwd: root, unsafeFixes, preprocessedRoot: path.join(root, 'none') };
    const dry = await scan(opts);
    const before = summarize(dry);
    expect(before.fixed).toBe(0);
    expect(dry.files.every((f) => !f.written && f.diagnostics.every((d) => !d.fix.applied))).toBe(true);

    const fixed = await scan({ ...opts, fix: true });
    const after = summarize(fixed);
    // per file: what the dry run called fixable is exactly what was written
    for (const [i, f] of fixed.files.entries()) {
      const d = dry.files[i]!;
      expect(f.path).toBe(d.path);
      expect({ path: f.path, fixed: f.diagnostics.filter((x) => x.fix.applied).map((x) => x.key) }).toEqual({
        path: d.path,
        fixed: d.diagnostics.filter((x) => x.fix.available).map((x) => x.key),
      });
      expect(f.written).toBe(d.changed);
    }
    expect(after.fixed).toBe(before.fixable);
    expect(after.written).toBe(before.changed);
    expect(after.remainingErrors).toBe(before.remainingErrors);

    const again = summarize(await scan(opts));
    expect(again.fixable).toBe(0);
    expect(again.changed).toBe(0);
    if (!unsafeFixes) expect(again.unsafeFixable).toBe(before.unsafeFixable);
    expect(before.fixable).toBeGreaterThan(50); // the test covers real work
  });
});

test('corpus 074 (a trailing comma in a file that does not parse): the comma is not fixable, nothing is', async () => {
  const root = tree('t074');
  const f = (await scan({ paths: [path.join(root, 'corpus', 'Dataset074_fedbratsheredocbroken')], cwd: root })).files[0]!;
  expect(f.diagnostics.map((d) => [d.code, d.fix.applicability, d.fix.available])).toEqual([
    ['NNU002', 'safe', false],
    ['NNU001', 'none', false],
  ]);
  expect(summarize({ files: [f], missing: [], errors: [], fix: false }).fixable).toBe(0);
});
