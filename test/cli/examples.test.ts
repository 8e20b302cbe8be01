/**
 * The examples/ tree: `--fix` on a copy of examples/nnUNet_raw must give exactly the
 * golden files in examples/expected/ (safe fixes) and examples/expected-unsafe/
 * (--fix --unsafe-fixes); files without a golden file must stay byte-identical.
 * Regenerate the goldens after a deliberate change with `node scripts/update-golden.mjs`.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import fs from 'node:fs';
import path from 'node:path';
import { EXAMPLES, ROOT, cleanup, copyTree, runCli, tempDir } from '../helpers/cli.js';

let dir: string;
beforeAll(() => {
  dir = tempDir();
});
afterAll(() => cleanup(dir));

const datasets = fs
  .readdirSync(EXAMPLES)
  .filter((d) => fs.existsSync(path.join(EXAMPLES, d, 'dataset.json')))
  .sort();

describe.each([
  ['expected', ['--fix']],
  ['expected-unsafe', ['--fix', '--unsafe-fixes']],
])('%s', (golden, flags) => {
  test('--fix output equals the golden files byte for byte', () => {
    const work = path.join(dir, golden);
    copyTree(EXAMPLES, work);
    const r = runCli([...flags, work]);
    expect(r.stderr).toBe('');
    expect([0, 1]).toContain(r.status);
    for (const d of datasets) {
      const goldenFile = path.join(ROOT, 'examples', golden, d, 'dataset.json');
      const original = fs.readFileSync(path.join(EXAMPLES, d, 'dataset.json'));
      const got = fs.readFileSync(path.join(work, d, 'dataset.json'));
      const want = fs.existsSync(goldenFile) ? fs.readFileSync(goldenFile) : original;
      expect({ dataset: d, text: got.toString('utf8') }).toEqual({ dataset: d, text: want.toString('utf8') });
    }
    // and a second --fix has nothing left to do
    const again = runCli([...flags, '--diff', work]);
    expect(again.stdout).toBe('');
  });
});

test('every example dataset except the healthy and skipped ones has a golden file', () => {
  const withGolden = datasets.filter((d) => fs.existsSync(path.join(ROOT, 'examples', 'expected', d, 'dataset.json')));
  expect(withGolden.length).toBeGreaterThanOrEqual(6);
});
