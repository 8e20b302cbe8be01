#!/usr/bin/env node
/**
 * Benchmark of the streaming label scanner (src/images) against `gzip -dc`.
 *
 *   npm run bench                 # builds dist/, then runs this
 *   node scripts/bench.mjs [--quick] [--files N] [--big-mb MB] [--json] [--keep]
 *
 * Generates synthetic segmentations in a temp folder:
 *   - N (default 20) files of 256x256x200 uint8 .nii.gz with a few labels (gzip level 6,
 *     as nibabel/SimpleITK write them);
 *   - one ~1 GiB-uncompressed uint8 .nii.gz (1024^3, gzip level 1, written streaming),
 *     skipped with --quick.
 * Then measures, over the same files and with a warm page cache:
 *   - scan throughput (uncompressed MB/s) with the worker pool at jobs = available
 *     parallelism and at jobs = 1;
 *   - `gzip -dc FILE > /dev/null` over the files one after another (the zlib floor on one core);
 *   - the ratios, and the peak RSS of scanning the big file (in a child process).
 * Prints a table, then the figures as JSON on the last line (--json: JSON only).
 * Targets: scan jobs=1 >= 0.8x gzip -dc; scan on 2+ cores >= 1.5x gzip -dc.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, openSync, closeSync, readSync, rmSync, statSync, writeFileSync, readFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { once } from 'node:events';
import zlib from 'node:zlib';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DIST_INDEX = join(ROOT, 'dist/src/images/index.js');

// ---------------------------------------------------------------------------
// Arguments

function parseArgs(argv) {
  const opts = { quick: false, files: 20, bigMb: 1024, json: false, keep: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--quick') opts.quick = true;
    else if (a === '--json') opts.json = true;
    else if (a === '--keep') opts.keep = true;
    else if (a === '--files') opts.files = positiveInt(argv[++i], a);
    else if (a === '--big-mb') opts.bigMb = positiveInt(argv[++i], a);
    else if (a === '--help' || a === '-h') {
      console.log('usage: node scripts/bench.mjs [--quick] [--files N] [--big-mb MB] [--json] [--keep]');
      process.exit(0);
    } else {
      console.error(`bench: unknown argument ${a}`);
      process.exit(2);
    }
  }
  return opts;
}

function positiveInt(s, flag) {
  const n = Number(s);
  if (!Number.isInteger(n) || n < 1) {
    console.error(`bench: ${flag} needs a positive integer`);
    process.exit(2);
  }
  return n;
}

// ---------------------------------------------------------------------------
// Synthetic NIfTI-1 uint8 label volumes

/** A 352-byte NIfTI-1 header (348 + 4-byte extension flag) for a uint8 volume. */
function niftiHeader(dims, spacing = [1, 1, 1]) {
  const b = Buffer.alloc(352);
  b.writeInt32LE(348, 0);
  b.writeInt16LE(dims.length, 40);
  dims.forEach((d, i) => b.writeInt16LE(d, 42 + 2 * i));
  b.writeInt16LE(2, 70); // uint8
  b.writeInt16LE(8, 72);
  b.writeFloatLE(1, 76);
  spacing.forEach((s, i) => b.writeFloatLE(s, 80 + 4 * i));
  b.writeFloatLE(352, 108);
  b.write('n+1\0', 344, 'latin1');
  return b;
}

/**
 * Fills one z-slice with ellipsoid labels: label k inside ellipsoid k (later ones win).
 * Rows are filled with `fill` over spans, so generation is cheap.
 */
function fillSlice(slice, nx, ny, z, blobs) {
  slice.fill(0);
  for (const b of blobs) {
    const dz = (z - b.cz) / b.rz;
    if (dz * dz >= 1) continue;
    const rz = Math.sqrt(1 - dz * dz);
    for (let y = 0; y < ny; y++) {
      const dy = (y - b.cy) / (b.ry * rz);
      if (dy * dy >= 1) continue;
      const half = b.rx * rz * Math.sqrt(1 - dy * dy);
      const x0 = Math.max(0, Math.ceil(b.cx - half));
      const x1 = Math.min(nx, Math.floor(b.cx + half) + 1);
      if (x1 > x0) slice.fill(b.label, y * nx + x0, y * nx + x1);
    }
  }
}

function blobsFor(nx, ny, nz, seed) {
  const r = (k) => ((Math.sin(seed * 12.9898 + k * 78.233) * 43758.5453) % 1 + 1) % 1;
  return [1, 2, 3, 4].map((label, k) => ({
    label,
    cx: nx * (0.3 + 0.4 * r(k)),
    cy: ny * (0.3 + 0.4 * r(k + 10)),
    cz: nz * (0.3 + 0.4 * r(k + 20)),
    rx: nx * (0.08 + 0.15 * r(k + 30)),
    ry: ny * (0.08 + 0.15 * r(k + 40)),
    rz: nz * (0.08 + 0.15 * r(k + 50)),
  }));
}

/** Writes a small volume in memory (level 6, like common writers). */
function writeSmall(path, nx, ny, nz, seed) {
  const body = Buffer.alloc(nx * ny * nz);
  const blobs = blobsFor(nx, ny, nz, seed);
  const slice = new Uint8Array(nx * ny);
  for (let z = 0; z < nz; z++) {
    fillSlice(slice, nx, ny, z, blobs);
    body.set(slice, z * nx * ny);
  }
  writeFileSync(path, zlib.gzipSync(Buffer.concat([niftiHeader([nx, ny, nz]), body]), { level: 6 }));
  return 352 + body.length;
}

/** Writes a big volume slice by slice through a level-1 gzip stream (constant memory). */
async function writeBig(path, nx, ny, nz) {
  const gz = zlib.createGzip({ level: 1, chunkSize: 1 << 20 });
  const out = createWriteStream(path);
  gz.pipe(out);
  const blobs = blobsFor(nx, ny, nz, 7);
  const write = async (buf) => {
    if (!gz.write(buf)) await once(gz, 'drain');
  };
  await write(niftiHeader([nx, ny, nz]));
  for (let z = 0; z < nz; z++) {
    const slice = Buffer.alloc(nx * ny);
    fillSlice(slice, nx, ny, z, blobs);
    await write(slice);
  }
  gz.end();
  await once(out, 'finish');
  return 352 + nx * ny * nz;
}

// ---------------------------------------------------------------------------
// Measurements

const MB = 1e6;
const now = () => performance.now();

/** Reads every file once so all measurements see a warm page cache. */
function warmCache(paths) {
  const buf = Buffer.alloc(1 << 20);
  for (const p of paths) {
    const fd = openSync(p, 'r');
    while (readSync(fd, buf, 0, buf.length, null) > 0);
    closeSync(fd);
  }
}

/** `gzip -dc FILE > /dev/null` for each file, sequentially; total seconds. */
async function gunzipSeconds(paths) {
  const devnull = openSync('/dev/null', 'w');
  const t = now();
  try {
    for (const p of paths) {
      const child = spawn('gzip', ['-dc', p], { stdio: ['ignore', devnull, 'inherit'] });
      const [code] = await once(child, 'exit');
      if (code !== 0) throw new Error(`gzip -dc ${p} exited with ${code}`);
    }
  } finally {
    closeSync(devnull);
  }
  return (now() - t) / 1000;
}

async function poolRun(scanFiles, paths, jobs) {
  const t = now();
  const results = await scanFiles(paths, { jobs });
  const seconds = (now() - t) / 1000;
  const failed = results.filter((r) => r.error);
  if (failed.length) throw new Error(`scan failed: ${failed[0].path}: ${failed[0].error.message}`);
  const bytes = results.reduce((a, r) => a + r.result.bytesRead, 0);
  return { seconds, bytes, mbps: bytes / MB / seconds, results };
}

/**
 * Scans in a fresh child process and reports time and peak RSS: one file in-process
 * (`paths` of length 1), or a pool run over all `paths` with `jobs` workers
 * (the result reported is the first path's).
 */
function childScan(paths, jobs) {
  const url = JSON.stringify(pathToFileURL(DIST_INDEX).href);
  const list = JSON.stringify(paths);
  const script = `
    import { scanLabelFile, scanFiles } from ${url};
    const t = performance.now();
    const r = ${paths.length > 1 ? `(await scanFiles(${list}, { jobs: ${jobs} }))[0].result` : `await scanLabelFile(${JSON.stringify(paths[0])})`};
    const ms = performance.now() - t;
    let hwm = null;
    try { hwm = Number(/VmHWM:\\s+(\\d+)/.exec(await (await import('node:fs/promises')).readFile('/proc/self/status', 'utf8'))[1]); } catch {}
    console.log(JSON.stringify({ ms, bytes: r.bytesRead, values: r.values, maxRssKb: process.resourceUsage().maxRSS, vmHwmKb: hwm }));
  `;
  const res = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  if (res.status !== 0) throw new Error(`child scan failed: ${res.stderr}`);
  return JSON.parse(res.stdout.trim().split('\n').at(-1));
}

// ---------------------------------------------------------------------------

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const log = opts.json ? () => {} : (...a) => console.log(...a);
  let mod;
  try {
    mod = await import(pathToFileURL(DIST_INDEX).href);
  } catch (err) {
    console.error(`bench: cannot load ${DIST_INDEX} (${err.message}); run "npm run build" first`);
    process.exit(2);
  }
  const { scanFiles, workersAvailable } = mod;
  const cores = availableParallelism();
  const dir = mkdtempSync(join(tmpdir(), 'nnunet-doctor-bench-'));
  const cleanup = () => {
    if (!opts.keep) rmSync(dir, { recursive: true, force: true });
  };
  process.on('SIGINT', () => {
    cleanup();
    process.exit(130);
  });

  try {
    const t0 = now();
    log(`nnunet-doctor scan benchmark: node ${process.version}, ${cores} core(s), workers ${workersAvailable() ? 'on' : 'OFF'}, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
    log(`generating ${opts.files} x 256x256x200 uint8 .nii.gz${opts.quick ? '' : ` + one ${opts.bigMb} MiB volume`} in ${dir} ...`);
    const small = [];
    let smallRaw = 0;
    for (let i = 0; i < opts.files; i++) {
      const p = join(dir, `case_${String(i).padStart(3, '0')}.nii.gz`);
      smallRaw += writeSmall(p, 256, 256, 200, i + 1);
      small.push(p);
    }
    let big;
    let bigRaw = 0;
    if (!opts.quick) {
      big = join(dir, 'big.nii.gz');
      const nz = Math.max(1, Math.round((opts.bigMb * 1024 * 1024) / (1024 * 1024)));
      bigRaw = await writeBig(big, 1024, 1024, nz);
    }
    const genSeconds = (now() - t0) / 1000;
    const smallGz = small.reduce((a, p) => a + statSync(p).size, 0);
    log(`  generated in ${genSeconds.toFixed(1)} s: small set ${(smallRaw / MB).toFixed(0)} MB raw -> ${(smallGz / MB).toFixed(1)} MB gz` +
      (big ? `; big ${(bigRaw / MB).toFixed(0)} MB raw -> ${(statSync(big).size / MB).toFixed(1)} MB gz` : ''));

    warmCache(big ? [...small, big] : small);

    // Small set: pool at all cores, pool at 1, gzip -dc.
    const poolN = await poolRun(scanFiles, small, cores);
    const pool1 = await poolRun(scanFiles, small, 1);
    const inThread = await poolRun((p, o) => scanFiles(p, { ...o, inProcess: true }), small, cores);
    const gzSec = await gunzipSeconds(small);
    const gzMbps = smallRaw / MB / gzSec;
    const figures = {
      node: process.version,
      cores,
      workers: workersAvailable(),
      loadAverageAtStart: loadavg().map((l) => +l.toFixed(2)),
      small: {
        files: small.length,
        rawMB: +(smallRaw / MB).toFixed(1),
        gzMB: +(smallGz / MB).toFixed(2),
        scanJobsN: { jobs: cores, seconds: +poolN.seconds.toFixed(3), mbps: +poolN.mbps.toFixed(0) },
        scanJobs1: { jobs: 1, seconds: +pool1.seconds.toFixed(3), mbps: +pool1.mbps.toFixed(0) },
        scanInThreadJobsN: { jobs: cores, seconds: +inThread.seconds.toFixed(3), mbps: +inThread.mbps.toFixed(0) },
        gzipDc: { seconds: +gzSec.toFixed(3), mbps: +gzMbps.toFixed(0) },
        ratioJobs1VsGzip: +(pool1.mbps / gzMbps).toFixed(2),
        ratioJobsNVsGzip: +(poolN.mbps / gzMbps).toFixed(2),
      },
    };

    if (big) {
      const single = childScan([big], 1);
      const pooled = childScan([big, ...small], cores);
      const gzBig = await gunzipSeconds([big]);
      const scanMbps = single.bytes / MB / (single.ms / 1000);
      const gzBigMbps = bigRaw / MB / gzBig;
      figures.big = {
        rawMB: +(bigRaw / MB).toFixed(0),
        gzMB: +(statSync(big).size / MB).toFixed(1),
        scan: { seconds: +(single.ms / 1000).toFixed(3), mbps: +scanMbps.toFixed(0) },
        gzipDc: { seconds: +gzBig.toFixed(3), mbps: +gzBigMbps.toFixed(0) },
        ratioVsGzip: +(scanMbps / gzBigMbps).toFixed(2),
        peakRssMB: +(single.maxRssKb / 1024).toFixed(0),
        vmHwmMB: single.vmHwmKb === null ? null : +(single.vmHwmKb / 1024).toFixed(0),
        poolPeakRssMB: +(pooled.maxRssKb / 1024).toFixed(0),
        poolSeconds: +(pooled.ms / 1000).toFixed(3),
        labels: single.values.map((v) => v.value),
      };
    }
    figures.totalSeconds = +((now() - t0) / 1000).toFixed(1);

    const s = figures.small;
    log('');
    log(`small set (${s.files} files, ${s.rawMB} MB uncompressed):`);
    log(`  scan, pool jobs=${cores}:  ${String(s.scanJobsN.mbps).padStart(6)} MB/s  (${s.scanJobsN.seconds} s)`);
    log(`  scan, pool jobs=1:  ${String(s.scanJobs1.mbps).padStart(6)} MB/s  (${s.scanJobs1.seconds} s)`);
    log(`  scan, in-thread x${cores}: ${String(s.scanInThreadJobsN.mbps).padStart(6)} MB/s  (${s.scanInThreadJobsN.seconds} s; no workers, gunzip on libuv threads)`);
    log(`  gzip -dc, sequential: ${String(s.gzipDc.mbps).padStart(4)} MB/s  (${s.gzipDc.seconds} s)`);
    log(`  ratio jobs=1 / gzip -dc:    ${s.ratioJobs1VsGzip}x   (target >= 0.8)`);
    log(`  ratio jobs=${cores} / gzip -dc:    ${s.ratioJobsNVsGzip}x   (target >= 1.5 on 2 cores)`);
    if (figures.big) {
      const b = figures.big;
      log(`big volume (${b.rawMB} MB uncompressed, ${b.gzMB} MB gz), one scan in a child process:`);
      log(`  scan:      ${String(b.scan.mbps).padStart(6)} MB/s  (${b.scan.seconds} s)`);
      log(`  gzip -dc:  ${String(b.gzipDc.mbps).padStart(6)} MB/s  (${b.gzipDc.seconds} s)`);
      log(`  ratio scan / gzip -dc: ${b.ratioVsGzip}x`);
      log(`  peak RSS:  ${b.peakRssMB} MB (VmHWM ${b.vmHwmMB} MB)   (target < 200 MB)`);
      log(`  peak RSS of a pool run (jobs=${cores}) over big + small set: ${b.poolPeakRssMB} MB (${b.poolSeconds} s)`);
      log(`  labels found: ${b.labels.join(', ')}`);
    }
    log(`total ${figures.totalSeconds} s`);
    console.log(JSON.stringify(figures));
  } finally {
    cleanup();
  }
}

main().catch((err) => {
  console.error(`bench: ${err.stack ?? err}`);
  process.exitCode = 1;
});
