#!/usr/bin/env node
/**
 * Long property-based run over the built engine and CLI (`npm run fuzz -- 10000`, which builds
 * first). Usage: node scripts/fuzz.mjs [count] [--seed N] [--cli N] [--trees N] [--no-long]
 *
 * - count inputs (default 1000) generated from the real corpus (test/fixtures/corpus), the
 *   examples and synthetic JSON/JSONC documents, mutated (byte flips, truncation, comments,
 *   trailing commas, BOM, CRLF/tabs, 10,000-level nesting, __proto__ keys, NUL, lone
 *   surrogates, invalid UTF-8, UTF-16), each checked through the pure engine: no exception,
 *   output loads under Python's json.load rules, values outside the fix keys unchanged,
 *   idempotent, blocked files never changed;
 * - a share of them (--cli, default count/25, at most 400) through the real CLI with --fix on
 *   temp files, twice;
 * - a sample cross-checked with real Python (python3) when available;
 * - hostile trees (--trees, default count/20, at most 200; the generator of
 *   test/safety/tree-fuzz.test.ts): dash-named and odd folders, symlinks in and out of the
 *   root, loops, FIFOs, read-only files and folders, each tree through `--fix -- <paths>` twice
 *   (checkTree: exactly the right files written, nothing else touched, no hang);
 * - the 10 MB cases (skip with --no-long);
 * - Object.prototype must be unpolluted at the end.
 *
 * Prints the count, the failures and the time; exits 1 on any failure. Failing inputs are
 * saved under $TMPDIR/nnunet-doctor-fuzz-<seed>/ to reproduce.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { parseDocument } from '../dist/src/document.js';
import { fixBytes } from '../dist/src/engine.js';
import { parsePython } from '../dist/src/pyjson.js';
import { toPyValue } from '../dist/src/verify.js';
import { scan } from '../dist/src/run.js';
import * as lib from '../test/safety/fuzzlib.mjs';

const started = performance.now();
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CLI = path.join(ROOT, 'dist', 'bin', 'nnunet-doctor.cjs');

const args = process.argv.slice(2);
const flag = (name) => {
  const i = args.indexOf(name);
  if (i < 0) return undefined;
  const v = args[i + 1];
  args.splice(i, 2);
  return v;
};
const noLong = args.includes('--no-long');
if (noLong) args.splice(args.indexOf('--no-long'), 1);
const seed = Number(flag('--seed') ?? process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
const count = Number(args[0] ?? 1000);
const cliCount = Number(flag('--cli') ?? Math.min(400, Math.ceil(count / 25)));
const treeCount = Number(flag('--trees') ?? Math.min(200, Math.ceil(count / 20)));
if (!Number.isInteger(count) || count < 0 || !Number.isInteger(treeCount) || treeCount < 0) {
  console.error('usage: node scripts/fuzz.mjs [count] [--seed N] [--cli N] [--trees N] [--no-long]');
  process.exit(2);
}

const api = { fixBytes, parsePython, parseDocument, toPyValue };
const before = lib.prototypeSnapshot();
const corpus = lib.loadCorpus(path.join(ROOT, 'test', 'fixtures', 'corpus'));
const examples = lib.loadExamples(path.join(ROOT, 'examples', 'nnUNet_raw'));
const bases = [...corpus, ...examples];
const failDir = path.join(os.tmpdir(), `nnunet-doctor-fuzz-${seed}`);
const failures = [];
let saved = 0;
const record = (input, msgs) => {
  for (const m of msgs) failures.push(`${input.name}: ${m}`);
  if (msgs.length && input.bytes && saved < 200) {
    fs.mkdirSync(failDir, { recursive: true });
    fs.writeFileSync(path.join(failDir, `${saved}.bin`), input.bytes);
    fs.writeFileSync(path.join(failDir, `${saved}.txt`), `${input.name}\n${msgs.join('\n')}\n`);
    saved++;
  }
};

// Python sample: fixed outputs and decodable inputs (reservoir of 400 each).
const pyOut = [];
const pyIn = [];
let seen = 0;
const reservoir = (arr, item, n, max = 400) => {
  if (arr.length < max) arr.push(item);
  else {
    const j = Math.floor(((n * 2654435761) >>> 0) % n);
    if (j < max) arr[j] = item;
  }
};
const decodable = (bytes) => {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return undefined;
  }
};

let checked = 0;
const stats = { changed: 0, blocked: 0, notNnunet: 0 };
const appliedCodes = new Map();
const checkOne = (input, options) => {
  const { failures: f, result } = lib.checkPure(api, input.bytes, options);
  checked++;
  if (result?.changed) stats.changed++;
  if (result?.diagnostics.some((d) => lib.BLOCKING.has(d.code))) stats.blocked++;
  if (result?.kind === 'not-nnunet') stats.notNnunet++;
  for (const a of result?.applied ?? []) appliedCodes.set(a.code, (appliedCodes.get(a.code) ?? 0) + 1);
  record(input, f);
  if (result?.changed && !result.error) reservoir(pyOut, { name: input.name, text: result.output }, ++seen);
  const text = decodable(input.bytes);
  if (text !== undefined && text.length < 2_000_000) reservoir(pyIn, { name: input.name, text }, seen + 1);
};

// 1. Fixed hostile cases and the unmutated bases.
for (const c of [...lib.fixedCases(), ...bases]) checkOne(c, {});
// 2. The 10 MB cases.
if (!noLong) for (const c of lib.longStringCases()) checkOne(c, {});
// 3. Generated inputs (lazily: fc.check with a predicate that records and never fails).
const cliSample = [];
const arb = lib.inputArbitrary(bases);
let i = 0;
fc.check(
  fc.property(arb, (input) => {
    const options = i % 3 === 2 ? { unsafeFixes: true } : {};
    checkOne(input, options);
    if (cliSample.length < cliCount && i % Math.max(1, Math.floor(count / Math.max(1, cliCount))) === 0) cliSample.push(input);
    i++;
    if (i % 1000 === 0) process.stderr.write(`  ${i}/${count} (${((performance.now() - started) / 1000).toFixed(0)} s, ${failures.length} failures)\n`);
    return true;
  }),
  { seed, numRuns: count },
);
// 4. Through the CLI, in batches of 100 (plus one 10 MB file).
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'nnunet-doctor-fuzz-cli-'));
let cliChecked = 0;
try {
  const batches = [];
  for (let k = 0; k < cliSample.length; k += 100) batches.push(cliSample.slice(k, k + 100));
  if (!noLong) batches.push([lib.longStringCases()[0]]);
  batches.forEach((batch, b) => {
    const msgs = lib.checkCli(api, CLI, path.join(tmp, `b${b}`), batch);
    cliChecked += batch.length;
    for (const m of msgs) failures.push(`CLI: ${m}`);
  });
  // The library pipeline in this process too (pollution through scan()).
  await scan({ paths: [tmp], folderChecks: false });
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}
// 5. Hostile trees through the CLI.
const trees = fc.sample(lib.treeArbitrary(bases), { seed, numRuns: treeCount });
const treeTmp = fs.mkdtempSync(path.join(os.tmpdir(), 'nnunet-doctor-fuzz-trees-'));
const treeSkips = new Set();
try {
  trees.forEach((spec, t) => {
    const layout = lib.layOutTree(spec, path.join(treeTmp, `t${t}`));
    for (const s of layout.skipped) treeSkips.add(s.replace(/^FIFO .*?: /, 'FIFO: '));
    const { failures: f } = lib.checkTree({ fixBytes }, CLI, layout);
    for (const m of f) failures.push(`tree ${t}: ${m}`);
    if (f.length && saved < 200) {
      fs.mkdirSync(failDir, { recursive: true });
      fs.writeFileSync(
        path.join(failDir, `tree-${t}.txt`),
        `${lib.describeTree(spec)}\nrun in ${layout.cwd} with -- ${JSON.stringify(layout.args)}\n${f.join('\n')}\n`,
      );
      saved++;
    }
    if ((t + 1) % 50 === 0) process.stderr.write(`  tree ${t + 1}/${treeCount} (${((performance.now() - started) / 1000).toFixed(0)} s)\n`);
  });
} finally {
  lib.removeTree(treeTmp);
}
for (const s of treeSkips) console.log(`trees: not made here: ${s}`);
// 6. Real Python.
let pyChecked = 0;
if (lib.havePython()) {
  for (const m of lib.pythonCrossCheck(api, pyOut, pyIn)) failures.push(`python: ${m}`);
  pyChecked = pyOut.length + pyIn.length;
} else {
  console.log('python3 not found: Python cross-check skipped');
}
// 7. Prototype pollution.
for (const m of lib.pollutionCheck(before)) failures.push(`pollution: ${m}`);

const secs = ((performance.now() - started) / 1000).toFixed(1);
const codes = [...appliedCodes]
  .sort()
  .map(([c, n]) => `${c} ${n}`)
  .join(', ');
console.log(`inputs changed by --fix: ${stats.changed}; blocked (NNU001/NNU007): ${stats.blocked}; not nnU-Net: ${stats.notNnunet}; fixes applied: ${codes}`);
for (const f of failures.slice(0, 50)) console.log(`FAIL ${f.length > 400 ? f.slice(0, 400) + '...' : f}`);
if (failures.length > 50) console.log(`... and ${failures.length - 50} more`);
console.log(
  `fuzz: ${count} generated + ${checked - count} fixed/corpus inputs through the engine, ${cliChecked} through the CLI, ${treeCount} hostile trees, ${pyChecked} cross-checked with Python; seed ${seed}; failures: ${failures.length}; time: ${secs} s`,
);
if (saved) console.log(`failing inputs saved in ${failDir}`);
process.exitCode = failures.length ? 1 : 0;
