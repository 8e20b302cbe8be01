#!/usr/bin/env node
/**
 * Benchmark of discovery, the JSON fixer and the folder checks, each as a ratio to a
 * baseline measured in the same process (the machine is small and noisy: absolute times
 * vary, ratios much less).
 *
 *   npm run bench              # runs this, then scripts/bench.mjs (segmentation scan)
 *   node scripts/bench-core.mjs [--files N] [--json]
 *
 * 1. discovery: a tree of 9 Dataset folders, one with N (default 100,000) files in imagesTr
 *    and in labelsTr. discover() (a breadth-first walk of folder listings) vs fast-glob `**\/dataset.json` without
 *    pruning (what a naive walk costs) and vs one fs.readdir of that imagesTr.
 * 2. fixer: fixBytes over the 75 real corpus files (test/fixtures/corpus) vs JSON.parse of
 *    the same texts (the cheapest possible read).
 * 3. folder facts: collectFolderFacts on the big dataset vs one fs.readdir of its imagesTr
 *    plus one of its labelsTr (the floor: nnU-Net's own listing).
 */
import fg from 'fast-glob';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { discover } = await import(path.join(ROOT, 'dist/src/discover.js'));
const { PRUNED } = await import(path.join(ROOT, 'dist/src/search-scope.js'));
const { fixBytes } = await import(path.join(ROOT, 'dist/src/engine.js'));
const { collectFolderFacts } = await import(path.join(ROOT, 'dist/src/folder/facts.js'));

const args = process.argv.slice(2);
const files = Number(args[args.indexOf('--files') + 1]) || 100_000;
const jsonOnly = args.includes('--json');
const log = (...a) => !jsonOnly && console.log(...a);

/** Best of `n` runs of an async function, in ms. */
async function best(n, f) {
  let min = Infinity;
  for (let i = 0; i < n; i++) {
    const t = process.hrtime.bigint();
    await f();
    min = Math.min(min, Number(process.hrtime.bigint() - t) / 1e6);
  }
  return min;
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'nnunet-doctor-bench-'));
const results = {};
try {
  // --- tree
  const raw = path.join(tmp, 'nnUNet_raw');
  const json = '{"channel_names": {"0": "CT"}, "labels": {"0": "background", "1": "x"}, "numTraining": %N, "file_ending": ".nii.gz"}';
  for (let d = 1; d <= 9; d++) {
    const dir = path.join(raw, `Dataset00${d}_X`);
    fs.mkdirSync(path.join(dir, 'imagesTr'), { recursive: true });
    fs.mkdirSync(path.join(dir, 'labelsTr'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'dataset.json'), json.replace('%N', d === 1 ? String(files) : '1'));
  }
  const big = path.join(raw, 'Dataset001_X');
  log(`creating ${files} + ${files} empty image files ...`);
  for (let i = 0; i < files; i++) {
    const c = `case_${String(i).padStart(6, '0')}`;
    fs.closeSync(fs.openSync(path.join(big, 'imagesTr', `${c}_0000.nii.gz`), 'w'));
    fs.closeSync(fs.openSync(path.join(big, 'labelsTr', `${c}.nii.gz`), 'w'));
  }

  // --- 1. discovery
  const tDiscover = await best(5, () => discover([raw], { cwd: tmp }));
  const tNaive = await best(3, () => fg('**/dataset.json', { cwd: raw, followSymbolicLinks: true, suppressErrors: true }));
  const tReaddir = await best(5, () => fs.promises.readdir(path.join(big, 'imagesTr')));
  results.discovery = {
    ms: tDiscover,
    naiveGlobMs: tNaive,
    readdirImagesTrMs: tReaddir,
    ratioToNaive: tDiscover / tNaive,
    ratioToOneReaddir: tDiscover / tReaddir,
    pruned: PRUNED.length,
  };
  log(
    `discovery: ${tDiscover.toFixed(1)} ms; unpruned glob ${tNaive.toFixed(1)} ms (ratio ${(tDiscover / tNaive).toFixed(4)}); one readdir of imagesTr ${tReaddir.toFixed(1)} ms (ratio ${(tDiscover / tReaddir).toFixed(3)})`,
  );

  // --- 2. fixer on the corpus
  const corpusDir = path.join(ROOT, 'test', 'fixtures', 'corpus');
  if (fs.existsSync(corpusDir)) {
    const texts = fs
      .readdirSync(corpusDir)
      .filter((n) => /^\d{3}_/.test(n))
      .map((n) => fs.readFileSync(path.join(corpusDir, n, 'dataset.json')));
    const bytes = texts.reduce((s, b) => s + b.length, 0);
    const tFix = await best(5, () => texts.forEach((b) => fixBytes(b, { unsafeFixes: true })));
    const tParse = await best(5, () =>
      texts.forEach((b) => {
        try {
          JSON.parse(b.toString('utf8'));
        } catch {
          /* invalid ones */
        }
      }),
    );
    results.fixer = { files: texts.length, bytes, ms: tFix, jsonParseMs: tParse, ratioToJsonParse: tFix / tParse, mbPerS: bytes / 1048576 / (tFix / 1000) };
    log(
      `fixer: ${texts.length} corpus files (${(bytes / 1024).toFixed(0)} KB) in ${tFix.toFixed(1)} ms (${results.fixer.mbPerS.toFixed(1)} MB/s); JSON.parse ${tParse.toFixed(2)} ms; ratio ${(tFix / tParse).toFixed(1)}`,
    );
  }

  // --- 3. folder facts on the big dataset
  const tFacts = await best(3, () => collectFolderFacts(big));
  const tTwoReaddirs = await best(3, async () => {
    await fs.promises.readdir(path.join(big, 'imagesTr'), { withFileTypes: true });
    await fs.promises.readdir(path.join(big, 'labelsTr'), { withFileTypes: true });
  });
  const text = fs.readFileSync(path.join(big, 'dataset.json'));
  const facts = await collectFolderFacts(big);
  const tRules = await best(3, () => fixBytes(text, { folder: facts, unsafeFixes: true }));
  results.folder = { files: 2 * files, factsMs: tFacts, twoReaddirsMs: tTwoReaddirs, ratioToReaddirs: tFacts / tTwoReaddirs, rulesMs: tRules };
  log(
    `folder facts: ${tFacts.toFixed(1)} ms for ${2 * files} files; two readdirs ${tTwoReaddirs.toFixed(1)} ms (ratio ${(tFacts / tTwoReaddirs).toFixed(2)}); rules + fixes on those facts ${tRules.toFixed(1)} ms`,
  );
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}
console.log(JSON.stringify(results));
