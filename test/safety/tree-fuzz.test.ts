/**
 * Hostile trees through the real CLI (issue 9). Seeded nnUNet_raw-like trees
 * (test/safety/fuzzlib.mjs treeArbitrary): dataset folders holding real, example and
 * generated dataset.json texts; folder names `-`, `--`, `-x`, `--fix`, with blanks, a line
 * break, Unicode; symlinked dataset folders and files pointing inside the root and out of it
 * (into a sibling folder never named); symlink loops; a FIFO, a folder and a dangling symlink
 * named dataset.json; read-only files and folders. Each tree gets `--fix --format json --
 * <paths>` twice: the root, the root and a dataset inside it, or dash-named dataset folders
 * named from inside the root. Invariants (lib.checkTree): exit code 0 or 1, no stack trace,
 * no hang; one report entry per real file reached, an error line for each FIFO, folder,
 * dangling or looping entry; written exactly the writable, fixable files inside the named
 * paths, with the pure engine's bytes; every other file (outside the root too) unchanged
 * down to inode and mtime, FIFOs and symlinks intact, nothing created; the second run writes
 * nothing. The long run is `npm run fuzz` (scripts/fuzz.mjs, same generator).
 *
 * Rebuild a failing tree: TREE_SEED=<seed> and `-t 'tree <i> '`; TREES=<n> for more trees.
 */
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import fc from 'fast-check';
import fs from 'node:fs';
import path from 'node:path';
import { fixBytes } from '../../src/engine.js';
import * as lib from './fuzzlib.mjs';
import { CLI, CORPUS, EXAMPLES, ourLeftovers, requireBuiltCli, tempDir } from './helpers.js';

const SEED = Number(process.env.TREE_SEED ?? 20250609);
const TREES = Number(process.env.TREES ?? 20);
// Small and medium real files: every tree runs the CLI twice, big files only cost time here (the fuzz run takes all).
const bases = [...lib.loadCorpus(CORPUS), ...lib.loadExamples(EXAMPLES)].filter((b) => b.bytes.length <= 12_000);
const specs = fc.sample(lib.treeArbitrary(bases), { seed: SEED, numRuns: TREES });
const totals: lib.TreeStats[] = [];
/** Every path given after `--`, over all trees. */
const named: string[] = [];

let dir = '';
beforeAll(() => {
  requireBuiltCli();
  dir = tempDir('tree-fuzz', true);
});
afterAll(() => lib.removeTree(dir));

test.each(specs.map((spec, i) => [i, spec] as const))('tree %i of the seed', (i, spec) => {
  const base = path.join(dir, `t${i}`);
  fs.mkdirSync(base);
  const layout = lib.layOutTree(spec, base);
  named.push(...layout.args);
  if (layout.skipped.length) console.log(`tree ${i}: not made here: ${layout.skipped.join('; ')}`);
  const { failures, stats } = lib.checkTree({ fixBytes }, CLI, layout);
  totals.push(stats);
  const leftovers = ourLeftovers(base);
  if (leftovers.length) failures.push(`temp or lock files of ours left: ${JSON.stringify(leftovers)}`);
  if (failures.length) {
    throw new Error(
      `tree ${i} of seed ${SEED} (rebuild: TREE_SEED=${SEED} ... -t 'tree ${i} '), run in ${JSON.stringify(layout.cwd)} with -- ${JSON.stringify(layout.args)}:\n` +
        `${lib.describeTree(spec)}\n  ${failures.join('\n  ')}`,
    );
  }
});

test('the trees held every hostile element, and the runs met each case', () => {
  // Guards the generator: a tree kind that stopped being drawn or made would leave its invariant untested.
  const kinds = new Set(
    specs.flatMap((s) => s.entries.map((e) => (e.kind === 'dataset' ? `dataset, read-only ${e.readOnly}` : 'how' in e ? `${e.kind} ${e.how}` : e.kind))),
  );
  expect([...kinds].sort()).toEqual(
    [
      'dataset, read-only no',
      'dataset, read-only file',
      'dataset, read-only folder',
      'link-inside folder',
      'link-inside file',
      'link-outside folder',
      'link-outside file',
      'loop-pair',
      'loop-cycle',
      'loop-self',
      'fifo',
      'folder-named',
      'dangling',
    ].sort(),
  );
  expect(new Set(specs.map((s) => s.naming))).toEqual(new Set(['root', 'direct', 'overlap']));
  expect(named.filter((p) => p.startsWith('-')).length).toBeGreaterThanOrEqual(3);
  expect(named).toContain('--');
  expect(specs.some((s) => s.envRaw)).toBe(true);
  // Every tree ran (none filtered out with -t), and the runs wrote, refused and reported.
  expect(totals).toHaveLength(TREES);
  const sum = (k: keyof lib.TreeStats) => totals.reduce((n, s) => n + s[k], 0);
  console.log(
    `tree fuzz, seed ${SEED}: ${TREES} trees, ${sum('files')} files reached, ${sum('written')} written, ${sum('refusedOutside')} refused outside the root, ` +
      `${sum('refusedReadOnly')} refused read-only, ${sum('fileErrors')} FIFOs/folders named dataset.json, ${sum('pathErrors')} dangling or looping links`,
  );
  expect(sum('written')).toBeGreaterThanOrEqual(TREES);
  expect(sum('refusedOutside')).toBeGreaterThanOrEqual(3);
  expect(sum('refusedReadOnly')).toBeGreaterThanOrEqual(3);
  expect(sum('fileErrors')).toBeGreaterThanOrEqual(3);
  expect(sum('pathErrors')).toBeGreaterThanOrEqual(3);
});
