#!/usr/bin/env node
/**
 * Benchmark of the segmentation repair (src/repair: gunzip -> map -> gzip, verified,
 * atomic) against the shell pipeline `gzip -dc FILE | gzip -N > /dev/null`.
 *
 *   npm run bench                       # builds dist/, runs every benchmark
 *   node scripts/bench-repair.mjs [--quick] [--files N] [--big-mb MB] [--json] [--keep]
 *
 * Generates in a temp folder (never committed):
 *   - N (default 20) 256x256x200 uint8 masks saved as 0/255 (.nii.gz, gzip level 6 as
 *     SimpleITK/ITK write them);
 *   - one uint8 0/255 mask of about 1 GiB uncompressed (1024^3, gzip level 1, written
 *     streaming), skipped with --quick.
 * Measures, with a warm page cache, each run on fresh copies in a fresh Node process:
 *   - repair throughput (uncompressed MB/s, wall) of applySegmentationRepairs over the N
 *     files, 255 -> 1, at jobs = available parallelism and at jobs = 1;
 *   - the same files through `gzip -dc FILE | gzip -L > /dev/null` one after another,
 *     L = the level the repair writes (REPAIR_GZIP_LEVEL): decompress + recompress, the
 *     least any rewrite of a .nii.gz has to do, with the standard tools (rounds of the
 *     three interleaved, best of 5 each, so a load change hits all of them alike);
 *   - their ratio (target >= 1.5 using both cores), and the peak RSS of repairing the
 *     1 GiB volume (target < 200 MB);
 *   - output size and time at gzip levels 1, 6 and 9 for one repaired mask (why level 1).
 * Prints a table, then the figures as JSON on the last line (--json: JSON only). The
 * machine may be shared: ratios come from the same run; the load average is printed.
 */
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, createWriteStream, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { once } from 'node:events';
import zlib from 'node:zlib';
import { niftiHeader } from './bench-volumes.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DIST = join(ROOT, 'dist/src');

function parseArgs(argv) {
  const opts = { quick: false, files: 20, bigMb: 1024, json: false, keep: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--quick') opts.quick = true;
    else if (a === '--json') opts.json = true;
    else if (a === '--keep') opts.keep = true;
    else if (a === '--files') opts.files = positiveInt(argv[++i], a);
    else if (a === '--big-mb') opts.bigMb = positiveInt(argv[++i], a);
    else {
      console.error(`bench-repair: unknown argument ${a}\nusage: node scripts/bench-repair.mjs [--quick] [--files N] [--big-mb MB] [--json] [--keep]`);
      process.exit(2);
    }
  }
  return opts;
}

function positiveInt(s, flag) {
  const n = Number(s);
  if (!Number.isInteger(n) || n < 1) {
    console.error(`bench-repair: ${flag} needs a positive integer`);
    process.exit(2);
  }
  return n;
}

// ---------------------------------------------------------------------------
// Synthetic 0/255 masks

/** One z-slice of an organ-like blob (an ellipsoid with a wavy surface), 255 inside. */
function fillSlice(slice, nx, ny, z, nz, seed) {
  slice.fill(0);
  const cz = nz * (0.45 + 0.1 * Math.sin(seed));
  const rz = nz * 0.3;
  const dz = (z - cz) / rz;
  if (dz * dz >= 1) return;
  const k = Math.sqrt(1 - dz * dz);
  const cx = nx * (0.5 + 0.1 * Math.cos(seed * 1.7));
  const cy = ny * (0.5 + 0.1 * Math.sin(seed * 2.3));
  for (let y = 0; y < ny; y++) {
    const wobble = 1 + 0.06 * Math.sin(y * 0.21 + z * 0.13 + seed);
    const dy = (y - cy) / (ny * 0.28 * k * wobble);
    if (dy * dy >= 1) continue;
    const half = nx * 0.3 * k * wobble * Math.sqrt(1 - dy * dy);
    const x0 = Math.max(0, Math.ceil(cx - half));
    const x1 = Math.min(nx, Math.floor(cx + half) + 1);
    if (x1 > x0) slice.fill(255, y * nx + x0, y * nx + x1);
  }
}

function maskBytes(nx, ny, nz, seed) {
  const body = Buffer.alloc(nx * ny * nz);
  const slice = new Uint8Array(nx * ny);
  for (let z = 0; z < nz; z++) {
    fillSlice(slice, nx, ny, z, nz, seed);
    body.set(slice, z * nx * ny);
  }
  return Buffer.concat([niftiHeader([nx, ny, nz]), body]);
}

async function writeBig(path, n) {
  const gz = zlib.createGzip({ level: 1, chunkSize: 1 << 20 });
  const out = createWriteStream(path);
  gz.pipe(out);
  const write = async (buf) => {
    if (!gz.write(buf)) await once(gz, 'drain');
  };
  await write(niftiHeader([n, n, n]));
  for (let z = 0; z < n; z++) {
    const slice = Buffer.alloc(n * n);
    fillSlice(slice, n, n, z, n, 3);
    await write(slice);
  }
  gz.end();
  await once(out, 'finish');
  return 352 + n * n * n;
}

// ---------------------------------------------------------------------------
// Measurements

const now = () => performance.now();
const ROUNDS = 5;

/** Fresh copies of the pristine files (the repair rewrites them). */
function freshCopies(pristine, dir) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  return pristine.map((p) => {
    const to = join(dir, p.split('/').pop());
    copyFileSync(p, to);
    readFileSync(to); // warm cache
    return to;
  });
}

/** Repairs `paths` (255 -> 1) in a fresh Node process; wall/CPU seconds, peak RSS, results. */
function childRepair(paths, jobs) {
  const scan = JSON.stringify(pathToFileURL(join(DIST, 'images/index.js')).href);
  const repair = JSON.stringify(pathToFileURL(join(DIST, 'repair/index.js')).href);
  const script = `
    import { scanFiles } from ${scan};
    import { planFileRepair, applySegmentationRepairs } from ${repair};
    const paths = ${JSON.stringify(paths)};
    const declared = { values: [0, 1], classes: [{ name: 'organ', value: 1 }], regions: false };
    const cpu0 = process.cpuUsage();
    const t = performance.now();
    // what --fix --unsafe-fixes --labels does: scan, plan, repair
    const scans = await scanFiles(paths, { jobs: ${jobs} });
    const plans = scans.map((s, i) => planFileRepair({ path: paths[i], display: paths[i], scan: s.result }, declared));
    const results = await applySegmentationRepairs(plans, { jobs: ${jobs} });
    const wall = (performance.now() - t) / 1000;
    const cpu = process.cpuUsage(cpu0);
    const bytes = scans.reduce((s, r) => s + r.result.bytesRead, 0);
    process.stdout.write(JSON.stringify({ wall, cpu: (cpu.user + cpu.system) / 1e6, bytes, rssMB: process.resourceUsage().maxRSS / 1024, statuses: results.map((r) => r.status + (r.message ? ': ' + r.message : '')) }));
  `;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`repair child failed: ${r.stderr}`);
  const out = JSON.parse(r.stdout);
  const bad = out.statuses.filter((s) => s !== 'written');
  if (bad.length) throw new Error(`repair child: not all written: ${bad.slice(0, 3).join('; ')}`);
  return out;
}

/** `gzip -dc FILE | gzip -L > /dev/null` for each file in turn; seconds. */
async function pipelineSeconds(paths, level) {
  const t = now();
  for (const p of paths) {
    const child = spawn('sh', ['-c', `gzip -dc "$1" | gzip -${level} > /dev/null`, 'sh', p], { stdio: 'inherit' });
    const [code] = await once(child, 'exit');
    if (code !== 0) throw new Error(`gzip pipeline on ${p} exited with ${code}`);
  }
  return (now() - t) / 1000;
}

/** Size and time of one repaired mask at gzip levels 1, 6, 9 (in this process). */
function levelTable(raw) {
  return [1, 6, 9].map((level) => {
    const t = now();
    const gz = zlib.gzipSync(raw, { level });
    return { level, kB: gz.length / 1000, ms: now() - t };
  });
}

// ---------------------------------------------------------------------------

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const log = (...a) => opts.json || console.log(...a);
  const { REPAIR_GZIP_LEVEL } = await import(pathToFileURL(join(DIST, 'repair/gzip.js')).href);
  const dir = mkdtempSync(join(tmpdir(), 'nnunet-doctor-bench-repair-'));
  const results = { cores: availableParallelism(), loadavgStart: loadavg()[0], level: REPAIR_GZIP_LEVEL };
  try {
    const pristine = join(dir, 'pristine');
    mkdirSync(pristine);
    let rawBytes = 0;
    const small = [];
    for (let i = 0; i < opts.files; i++) {
      const p = join(pristine, `case_${String(i).padStart(3, '0')}.nii.gz`);
      const raw = maskBytes(256, 256, 200, i + 1);
      rawBytes += raw.length;
      writeFileSync(p, zlib.gzipSync(raw, { level: 6 }));
      small.push(p);
      if (i === 0) results.levels = levelTable(Buffer.from(raw.map((b) => (b ? 1 : 0))));
    }
    log(
      `${opts.files} masks of 256x256x200 uint8 (0/255), ${(rawBytes / 1e6).toFixed(0)} MB uncompressed, ${(small.reduce((s, p) => s + statSync(p).size, 0) / 1e6).toFixed(1)} MB as .nii.gz; ${results.cores} cores, load ${results.loadavgStart.toFixed(2)}`,
    );

    // Interleaved rounds, best of each: on a shared machine the load drifts, and the
    // ratio must compare runs made under the same conditions.
    const jobsAll = results.cores;
    let all;
    let one;
    let pipe = Infinity;
    const best = (a, b) => (!a || b.wall < a.wall ? b : a);
    for (let k = 0; k < ROUNDS; k++) {
      all = best(all, childRepair(freshCopies(small, join(dir, 'work')), jobsAll));
      one = best(one, childRepair(freshCopies(small, join(dir, 'work')), 1));
      pipe = Math.min(pipe, await pipelineSeconds(freshCopies(small, join(dir, 'work')), REPAIR_GZIP_LEVEL));
    }
    const mbs = (bytes, s) => bytes / 1e6 / s;
    results.repairAll = { jobs: jobsAll, mbs: mbs(all.bytes, all.wall), wall: all.wall, cpu: all.cpu, rssMB: all.rssMB };
    results.repairOne = { jobs: 1, mbs: mbs(one.bytes, one.wall), wall: one.wall, cpu: one.cpu, rssMB: one.rssMB };
    results.pipeline = { level: REPAIR_GZIP_LEVEL, mbs: mbs(rawBytes, pipe), wall: pipe };
    results.ratioAll = results.repairAll.mbs / results.pipeline.mbs;
    results.ratioOne = results.repairOne.mbs / results.pipeline.mbs;

    if (!opts.quick) {
      const big = join(pristine, 'big.nii.gz');
      const n = Math.round(Math.cbrt(opts.bigMb * 1024 * 1024));
      const bigRaw = await writeBig(big, n);
      const [copy] = freshCopies([big], join(dir, 'work-big'));
      const r = childRepair([copy], jobsAll);
      let bigPipe = await pipelineSeconds([copy], REPAIR_GZIP_LEVEL);
      results.big = { mb: bigRaw / 1e6, mbs: mbs(r.bytes, r.wall), wall: r.wall, rssMB: r.rssMB, pipelineMbs: mbs(bigRaw, bigPipe) };
    }
    results.loadavgEnd = loadavg()[0];

    log('');
    log(`                                   MB/s    wall s   cpu s   peak RSS`);
    log(
      `repair, jobs=${jobsAll} (scan+plan+write)  ${results.repairAll.mbs.toFixed(0).padStart(6)}  ${results.repairAll.wall.toFixed(2).padStart(8)}  ${results.repairAll.cpu.toFixed(2).padStart(6)}  ${results.repairAll.rssMB.toFixed(0).padStart(6)} MB`,
    );
    log(
      `repair, jobs=1                    ${results.repairOne.mbs.toFixed(0).padStart(6)}  ${results.repairOne.wall.toFixed(2).padStart(8)}  ${results.repairOne.cpu.toFixed(2).padStart(6)}  ${results.repairOne.rssMB.toFixed(0).padStart(6)} MB`,
    );
    log(
      `gzip -dc | gzip -${REPAIR_GZIP_LEVEL} (one file at a time) ${results.pipeline.mbs.toFixed(0).padStart(6)}  ${results.pipeline.wall.toFixed(2).padStart(8)}`,
    );
    log(`ratio jobs=${jobsAll}: ${results.ratioAll.toFixed(2)}x (target >= 1.5)   ratio jobs=1: ${results.ratioOne.toFixed(2)}x`);
    if (results.big)
      log(
        `1 GiB volume (${results.big.mb.toFixed(0)} MB): ${results.big.mbs.toFixed(0)} MB/s, pipeline ${results.big.pipelineMbs.toFixed(0)} MB/s, peak RSS ${results.big.rssMB.toFixed(0)} MB (target < 200)`,
      );
    log(
      `gzip level of a repaired mask (13 MB raw): ${results.levels.map((l) => `level ${l.level}: ${l.kB.toFixed(0)} kB in ${l.ms.toFixed(0)} ms`).join(', ')}`,
    );
    log(`load average ${results.loadavgStart.toFixed(2)} -> ${results.loadavgEnd.toFixed(2)} (other processes share these cores)`);
    console.log(JSON.stringify(results));
  } finally {
    if (!opts.keep) rmSync(dir, { recursive: true, force: true });
    else log(`kept ${dir}`);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
