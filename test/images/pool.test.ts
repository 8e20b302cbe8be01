import { execFile } from 'node:child_process';
import { existsSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { scanFiles, workersAvailable, type FileScanResult } from '../../src/images/index.js';
import { largestFirst } from '../../src/images/pool.js';
import { writeNifti, writePng } from '../helpers/nifti.js';
import { tempDir } from './reference.js';

const { dir, cleanup } = tempDir();
afterAll(cleanup);

/** A mixed batch: sizes differ (to exercise largest-first), plus broken and unsupported files. */
function makeBatch(): string[] {
  const paths: string[] = [];
  for (let k = 0; k < 6; k++) {
    const p = join(dir, `case_${k}.nii.gz`);
    const n = 8 * (k + 1);
    writeNifti(p, { dims: [n, n, n], datatype: 'uint8', data: Array.from({ length: n * n * n }, (_, i) => i % (k + 2)) });
    paths.push(p);
  }
  const png = join(dir, 'slice.png');
  writePng(png, { width: 4, height: 4, data: [0, 1, 2] });
  const broken = join(dir, 'broken.nii');
  writeFileSync(broken, 'garbage');
  const tif = join(dir, 'seg.tif');
  writeFileSync(tif, 'II*');
  paths.push(png, broken, tif, join(dir, 'missing.nii.gz'));
  return paths;
}

function checkBatch(results: FileScanResult[], paths: string[]): void {
  expect(results.map((r) => r.path)).toEqual(paths);
  for (let k = 0; k < 6; k++) {
    const n = 8 * (k + 1);
    const r = results[k]!;
    expect(r.error).toBeUndefined();
    expect(r.result!.voxels).toBe(n * n * n);
    expect(r.result!.values.map((v) => v.value)).toEqual(Array.from({ length: Math.min(k + 2, n * n * n) }, (_, i) => i));
  }
  expect(results[6]!.result!.values).toEqual([
    { value: 0, count: 14 },
    { value: 1, count: 1 },
    { value: 2, count: 1 },
  ]);
  expect(results[7]!.error).toEqual({ kind: 'corrupt', message: 'not a NIfTI file: sizeof_hdr must be 348 or 540, found bytes 0x67617262' });
  expect(results[8]!.error).toMatchObject({ kind: 'unsupported' });
  expect(results[9]!.error).toMatchObject({ kind: 'io', message: expect.stringMatching(/^ENOENT/) });
}

describe('scanFiles in this thread', () => {
  test('results in input order, errors classified, progress reported', async () => {
    const paths = makeBatch();
    const progress: Array<[number, number, number]> = [];
    const results = await scanFiles(paths, { jobs: 3, workers: 'never', onProgress: (d, t, b) => progress.push([d, t, b]) });
    checkBatch(results, paths);
    expect(progress.map(([d]) => d)).toEqual(Array.from({ length: paths.length }, (_, i) => i + 1));
    expect(progress.every(([, t]) => t === paths.length)).toBe(true);
    const totalBytes = results.reduce((a, r) => a + (r.result?.bytesRead ?? 0), 0);
    expect(progress.at(-1)![2]).toBe(totalBytes);
  });

  test('jobs: 1, odd job counts, empty input', async () => {
    const paths = makeBatch();
    checkBatch(await scanFiles(paths, { jobs: 1 }), paths);
    checkBatch(await scanFiles(paths, { jobs: 0, workers: 'never' }), paths);
    checkBatch(await scanFiles(paths, { jobs: Number.NaN, workers: 'never' }), paths);
    checkBatch(await scanFiles(paths, { jobs: 100, workers: 'never' }), paths);
    expect(await scanFiles([], {})).toEqual([]);
  });

  test('files are handed out largest first, missing files last', async () => {
    const paths = makeBatch(); // cases 0..5 grow; then png, broken, tif, missing
    const order = await largestFirst(paths);
    const sizes = order.map((i) => (existsSync(paths[i]!) ? statSync(paths[i]!).size : -1));
    expect(sizes).toEqual([...sizes].sort((a, b) => b - a));
    expect(order.slice(0, 3)).toEqual([5, 4, 3]);
    expect(order.at(-1)).toBe(9);
  });

  test('abort rejects with AbortError', async () => {
    const big = join(dir, 'big.nii');
    writeNifti(big, { dims: [1024, 1024, 6], datatype: 'uint8', data: [] });
    const ac = new AbortController();
    const p = scanFiles([big, big, big], { jobs: 2, workers: 'never', signal: ac.signal });
    setImmediate(() => ac.abort());
    await expect(p).rejects.toMatchObject({ name: 'AbortError' });
    const pre = new AbortController();
    pre.abort();
    await expect(scanFiles([big], { signal: pre.signal })).rejects.toMatchObject({ name: 'AbortError' });
  });

  test('under ts-jest there is no compiled worker, so the pool runs in this thread', () => {
    expect(workersAvailable()).toBe(false);
  });
});

// ---------------------------------------------------------------------------
// The real worker pool, from the compiled output (`npm run build` -> dist/).

const ROOT = resolve(import.meta.dirname, '../..');
const DIST_INDEX = join(ROOT, 'dist/src/images/index.js');

// `npm test` builds first (pretest); never skip silently: a missing build fails these tests.
// (No mtime check: `tsc -b` leaves an output whose text did not change untouched.)
function requireDist(): void {
  if (!existsSync(DIST_INDEX)) throw new Error(`${DIST_INDEX} is missing: build first (npm run build)`);
}

const run = promisify(execFile);
async function node(script: string): Promise<string> {
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], { timeout: 30_000 });
  return stdout;
}

describe('scanFiles on worker threads (compiled dist/)', () => {
  beforeAll(requireDist);
  test.each([['always'], ['auto']])('workers: %s gives the same results as in-process', async (policy) => {
    const paths = makeBatch();
    const out = await node(`
      import { scanFiles, workersAvailable } from ${JSON.stringify(DIST_INDEX)};
      const paths = ${JSON.stringify(paths)};
      const results = await scanFiles(paths, { jobs: 2, workers: '${policy}' });
      console.log(JSON.stringify({ workers: workersAvailable(), results }));
    `);
    const { workers, results } = JSON.parse(out) as { workers: boolean; results: FileScanResult[] };
    expect(workers).toBe(true);
    checkBatch(results, paths);
  });

  test('abort terminates the workers and rejects; the process exits', async () => {
    const big = join(dir, 'big2.nii');
    writeNifti(big, { dims: [1024, 1024, 8], datatype: 'uint8', data: [] });
    const out = await node(`
      import { scanFiles } from ${JSON.stringify(DIST_INDEX)};
      const ac = new AbortController();
      try {
        // abort once the workers are busy: the first of 8 files is done (no clock)
        await scanFiles(Array(8).fill(${JSON.stringify(big)}), { jobs: 2, workers: 'always', signal: ac.signal, onProgress: () => ac.abort() });
        console.log('finished');
      } catch (e) { console.log(e.name); }
    `);
    expect(out.trim()).toBe('AbortError');
  });
});
