#!/usr/bin/env node
/**
 * The command line against the floors a user would compare it with, side by side in one run
 * (the machine is small and may be shared: alternating rounds, medians, ratios).
 *
 *   npm run bench                  # builds dist/, runs every benchmark
 *   node scripts/bench-cli.mjs [--folders N] [--rounds R] [--big-folders M] [--quick] [--baseline CHECKOUT] [--json] [--keep]
 *
 * --baseline: another built checkout (an earlier commit, say), or the script of its command,
 * whose command runs the two passes of (a) in the same rounds, for a before/after ratio.
 *
 * Generates in a temp folder (never committed):
 *   - an nnUNet_raw of N (default 2,000) Dataset folders holding the real corpus files
 *     (test/fixtures/corpus, in turn) with 50 empty image files each in imagesTr and labelsTr;
 *   - the same with M (default 20,000) folders, dataset.json and empty imagesTr/labelsTr only,
 *     for peak memory (the JSON pass does not look at the image folders);
 *   - a dataset of 16 segmentations of 256x256x160 uint8 (.nii.gz, gzip level 6) for --labels.
 * Measures (wall time, median of R >= 5 alternating rounds; peak RSS from /usr/bin/time):
 *   a) `nnunet-doctor --format json --no-folder-checks ROOT` at the defaults, and with -j 2;
 *      the default run a user types, `nnunet-doctor ROOT` (text, folder checks on);
 *   b) a node floor: readdir two levels + readFileSync + JSON.parse of every dataset.json;
 *   c) a Python loop: json.load of the same files (when python3 is there);
 *   d) `nnunet-doctor --version` against `node -e 0`; one small dataset (the pre-commit case,
 *      folder checks on, no --labels) against `node -e 0`;
 *   e) peak RSS of (a) at M folders against N folders;
 *   f) `nnunet-doctor --labels` on the 16 segmentations against `gzip -dc` of the same files
 *      one after another (one core).
 * Targets (issue 11): a/b <= 2; c/a >= 1; --version <= 1.5x node -e 0; one small dataset
 * <= 2x node -e 0; RSS(M)/RSS(N) <= 1.5; --labels >= 1.5x gzip -dc, peak RSS < 200 MB.
 * Prints a table, then the figures as JSON on the last line (--json: JSON only).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeSmall } from './bench-volumes.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CLI = path.join(ROOT, 'dist', 'bin', 'nnunet-doctor.cjs');
const CORPUS = path.join(ROOT, 'test', 'fixtures', 'corpus');
const SMALL = path.join(ROOT, 'examples', 'nnUNet_raw', 'Dataset007_Kidney');

function parseArgs(argv) {
  const o = { folders: 2000, bigFolders: 20000, rounds: 5, json: false, keep: false, baseline: undefined };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--json') o.json = true;
    else if (a === '--keep') o.keep = true;
    else if (a === '--quick') Object.assign(o, { folders: 300, bigFolders: 3000, rounds: 5 });
    else if (a === '--baseline') {
      // a built checkout, or its command's script (0.1.0: dist/src/cli.js)
      const given = path.resolve(argv[++i] ?? '');
      o.baseline = fs.statSync(given, { throwIfNoEntry: false })?.isDirectory() ? path.join(given, 'dist', 'bin', 'nnunet-doctor.cjs') : given;
      if (!fs.existsSync(o.baseline)) fail(`--baseline: ${o.baseline} is missing (name a built checkout, or the script of its command)`);
    } else if (a === '--folders' || a === '--big-folders' || a === '--rounds') {
      const n = Number(argv[++i]);
      if (!Number.isInteger(n) || n < 1) fail(`${a} needs a positive whole number`);
      o[a === '--folders' ? 'folders' : a === '--rounds' ? 'rounds' : 'bigFolders'] = n;
    } else
      fail(
        `unknown argument ${a} (usage: node scripts/bench-cli.mjs [--folders N] [--big-folders M] [--rounds R] [--quick] [--baseline CHECKOUT] [--json] [--keep])`,
      );
  }
  if (o.rounds < 5) fail('--rounds: at least 5 (medians of fewer runs say little on a shared machine)');
  return o;
}

function fail(message) {
  console.error(`bench-cli: ${message}`);
  process.exit(2);
}

const has = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
const TIME = fs.existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

/** The corpus texts, in id order. */
function corpusTexts() {
  return fs
    .readdirSync(CORPUS)
    .filter((n) => /^\d{3}_/.test(n))
    .sort()
    .map((n) => fs.readFileSync(path.join(CORPUS, n, 'dataset.json')));
}

/** An nnUNet_raw of `n` Dataset folders holding the corpus files in turn (writable), `images` empty files in each image folder. */
function makeRaw(dir, n, images) {
  const texts = corpusTexts();
  for (let i = 0; i < n; i++) {
    const d = path.join(dir, `Dataset${String(i % 1000).padStart(3, '0')}_B${String(i).padStart(5, '0')}`);
    fs.mkdirSync(path.join(d, 'imagesTr'), { recursive: true });
    fs.mkdirSync(path.join(d, 'labelsTr'), { recursive: true });
    fs.writeFileSync(path.join(d, 'dataset.json'), texts[i % texts.length], { mode: 0o644 });
    for (let k = 0; k < images; k++) {
      const c = `case_${String(k).padStart(3, '0')}`;
      fs.closeSync(fs.openSync(path.join(d, 'imagesTr', `${c}_0000.nii.gz`), 'w'));
      fs.closeSync(fs.openSync(path.join(d, 'labelsTr', `${c}.nii.gz`), 'w'));
    }
  }
}

/** A dataset of `n` 256x256x160 uint8 segmentations (and empty images) for --labels. */
function makeLabelsDataset(dir, n) {
  fs.mkdirSync(path.join(dir, 'imagesTr'), { recursive: true });
  fs.mkdirSync(path.join(dir, 'labelsTr'), { recursive: true });
  const files = [];
  for (let i = 0; i < n; i++) {
    const c = `case_${String(i).padStart(3, '0')}`;
    fs.closeSync(fs.openSync(path.join(dir, 'imagesTr', `${c}_0000.nii.gz`), 'w'));
    const p = path.join(dir, 'labelsTr', `${c}.nii.gz`);
    writeSmall(p, 256, 256, 160, i + 1);
    files.push(p);
  }
  const labels = '{"background": 0, "a": 1, "b": 2, "c": 3, "d": 4}';
  fs.writeFileSync(
    path.join(dir, 'dataset.json'),
    `{\n  "channel_names": {"0": "CT"},\n  "labels": ${labels},\n  "numTraining": ${n},\n  "file_ending": ".nii.gz"\n}\n`,
  );
  return files;
}

const FLOOR = `const fs = require('fs'), path = require('path'); const root = process.argv[1]; let n = 0;
for (const d of fs.readdirSync(root)) for (const f of fs.readdirSync(path.join(root, d))) if (f === 'dataset.json') { try { JSON.parse(fs.readFileSync(path.join(root, d, f), 'utf8')); } catch {} n++; }
console.log(n);`;
const PY = `import json, os, sys
root = sys.argv[1]; n = 0
for d in os.listdir(root):
    for f in os.listdir(os.path.join(root, d)):
        if f == 'dataset.json':
            try:
                with open(os.path.join(root, d, f)) as h: json.load(h)
            except Exception: pass
            n += 1
print(n)`;

/** One run of a command: wall seconds and peak RSS (MB, when /usr/bin/time is there). */
function runOnce(cmd, args, okStatus = [0, 1]) {
  const useTime = !!TIME;
  const t = process.hrtime.bigint();
  const r = useTime
    ? spawnSync(TIME, ['-f', '%M', cmd, ...args], { encoding: 'utf8', maxBuffer: 1 << 30 })
    : spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 1 << 30 });
  const seconds = Number(process.hrtime.bigint() - t) / 1e9;
  if (!okStatus.includes(r.status)) throw new Error(`${cmd} ${args.join(' ')}: exit ${r.status}\n${(r.stderr ?? '').slice(-2000)}`);
  const rss = useTime ? Number((r.stderr.trim().split('\n').pop() ?? '').trim()) / 1024 : undefined;
  return { seconds, rssMB: Number.isFinite(rss) ? rss : undefined };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** Run every named command once per round, in turn (so a change of load hits all alike); medians. */
function rounds(n, commands) {
  const runs = Object.fromEntries(Object.keys(commands).map((k) => [k, []]));
  for (let i = 0; i < n; i++) for (const [k, c] of Object.entries(commands)) runs[k].push(runOnce(...c));
  return Object.fromEntries(
    Object.entries(runs).map(([k, rs]) => [
      k,
      { seconds: median(rs.map((r) => r.seconds)), rssMB: rs[0].rssMB === undefined ? undefined : median(rs.map((r) => r.rssMB)), runs: rs.length },
    ]),
  );
}

const r2 = (x) => Math.round(x * 100) / 100;
const r3 = (x) => Math.round(x * 1000) / 1000;

function main() {
  const o = parseArgs(process.argv.slice(2));
  if (!fs.existsSync(CLI)) fail(`${CLI} is missing: run npm run build first`);
  const log = (...a) => !o.json && console.log(...a);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'nnunet-doctor-bench-cli-'));
  const results = { node: process.version, cores: os.availableParallelism(), loadavg: os.loadavg().map(r2) };
  try {
    log(`nnunet-doctor command-line benchmark: node ${process.version}, ${results.cores} core(s), load average ${results.loadavg.join(' ')}`);
    const raw = path.join(tmp, 'raw');
    const big = path.join(tmp, 'raw-big');
    const seg = path.join(tmp, 'labels', 'Dataset001_Seg');
    log(`creating ${o.folders} dataset folders (50 + 50 empty image files each), ${o.bigFolders} without images, 16 segmentations ...`);
    makeRaw(raw, o.folders, 50);
    makeRaw(big, o.bigFolders, 0);
    const segFiles = makeLabelsDataset(seg, 16);
    const node = process.execPath;
    const json = ['--format', 'json', '--no-folder-checks'];

    // warm the page cache and the V8 code cache once
    runOnce(node, [CLI, ...json, raw]);
    runOnce(node, [CLI, ...json, big]);

    const pass = rounds(o.rounds, {
      tool: [node, [CLI, ...json, raw]],
      toolTwoThreads: [node, [CLI, ...json, '-j', '2', raw]],
      text: [node, [CLI, raw]],
      floor: [node, ['-e', FLOOR, raw]],
      ...(has('python3') ? { python: ['python3', ['-c', PY, raw]] } : {}),
      ...(o.baseline ? { baseline: [node, [o.baseline, ...json, raw]], baselineText: [node, [o.baseline, raw]] } : {}),
    });
    results.pass = {
      folders: o.folders,
      toolS: r3(pass.tool.seconds),
      toolTwoThreadsS: r3(pass.toolTwoThreads.seconds),
      textS: r3(pass.text.seconds),
      floorS: r3(pass.floor.seconds),
      pythonS: pass.python ? r3(pass.python.seconds) : null,
      aOverB: r2(pass.tool.seconds / pass.floor.seconds),
      cOverA: pass.python ? r2(pass.python.seconds / pass.tool.seconds) : null,
      twoThreadsOverDefault: r2(pass.toolTwoThreads.seconds / pass.tool.seconds),
      ...(pass.baseline
        ? {
            baselineS: r3(pass.baseline.seconds),
            baselineTextS: r3(pass.baselineText.seconds),
            speedup: r2(pass.baseline.seconds / pass.tool.seconds),
            textSpeedup: r2(pass.baselineText.seconds / pass.text.seconds),
          }
        : {}),
    };
    log(`\na) JSON pass over ${o.folders} folders (median of ${o.rounds}):`);
    log(`   nnunet-doctor --format json --no-folder-checks   ${pass.tool.seconds.toFixed(3)} s   (-j 2: ${pass.toolTwoThreads.seconds.toFixed(3)} s)`);
    log(`   nnunet-doctor ROOT (text, folder checks)          ${pass.text.seconds.toFixed(3)} s`);
    if (pass.baseline)
      log(
        `   baseline ${o.baseline}: ${pass.baseline.seconds.toFixed(3)} s (json), ${pass.baselineText.seconds.toFixed(3)} s (text): ${results.pass.speedup}x and ${results.pass.textSpeedup}x faster now`,
      );
    log(`b) node floor (readdir + readFileSync + JSON.parse)  ${pass.floor.seconds.toFixed(3)} s   a/b = ${results.pass.aOverB} (target <= 2)`);
    if (pass.python) log(`c) Python loop (json.load)                         ${pass.python.seconds.toFixed(3)} s   c/a = ${results.pass.cOverA} (target >= 1)`);

    const start = rounds(o.rounds, {
      node: [node, ['-e', '0']],
      version: [node, [CLI, '--version']],
      small: [node, [CLI, SMALL]],
    });
    results.startup = {
      nodeS: r3(start.node.seconds),
      versionS: r3(start.version.seconds),
      smallDatasetS: r3(start.small.seconds),
      versionOverNode: r2(start.version.seconds / start.node.seconds),
      smallOverNode: r2(start.small.seconds / start.node.seconds),
    };
    log(
      `d) --version ${start.version.seconds.toFixed(3)} s vs node -e 0 ${start.node.seconds.toFixed(3)} s: ${results.startup.versionOverNode}x (target <= 1.5)`,
    );
    log(`   one small dataset ${start.small.seconds.toFixed(3)} s: ${results.startup.smallOverNode}x node -e 0 (target <= 2)`);

    if (TIME) {
      const mem = rounds(o.rounds, { small: [node, [CLI, ...json, raw]], big: [node, [CLI, ...json, big]] });
      results.memory = {
        folders: o.folders,
        bigFolders: o.bigFolders,
        rssMB: Math.round(mem.small.rssMB),
        bigRssMB: Math.round(mem.big.rssMB),
        ratio: r2(mem.big.rssMB / mem.small.rssMB),
      };
      log(
        `e) peak RSS: ${results.memory.bigRssMB} MB at ${o.bigFolders} folders vs ${results.memory.rssMB} MB at ${o.folders}: ${results.memory.ratio}x (target <= 1.5)`,
      );
    }

    const gz = `for f in "$@"; do gzip -dc "$f" > /dev/null; done`;
    runOnce(node, [CLI, '--labels', seg]);
    const labels = rounds(o.rounds, { tool: [node, [CLI, '--labels', seg]], gzip: ['sh', ['-c', gz, 'sh', ...segFiles]] });
    const mb = (segFiles.length * (352 + 256 * 256 * 160)) / 1048576;
    results.labels = {
      files: segFiles.length,
      uncompressedMB: Math.round(mb),
      toolS: r3(labels.tool.seconds),
      gzipS: r3(labels.gzip.seconds),
      speedupOverGzip: r2(labels.gzip.seconds / labels.tool.seconds),
      peakRssMB: labels.tool.rssMB === undefined ? null : Math.round(labels.tool.rssMB),
    };
    log(
      `f) --labels, 16 files of 256x256x160 uint8 (${Math.round(mb)} MB): ${labels.tool.seconds.toFixed(3)} s vs gzip -dc ${labels.gzip.seconds.toFixed(3)} s: ${results.labels.speedupOverGzip}x gzip (target >= 1.5), peak RSS ${results.labels.peakRssMB ?? '?'} MB (target < 200)`,
    );
  } finally {
    if (o.keep) log(`kept ${tmp}`);
    else fs.rmSync(tmp, { recursive: true, force: true });
  }
  console.log(JSON.stringify(results));
}

main();
