#!/usr/bin/env node
/**
 * Benchmark of the streaming label scanner (src/images) against `gzip -dc`.
 *
 *   npm run bench                 # builds dist/, then runs this
 *   node scripts/bench.mjs [--quick] [--files N] [--big-mb MB] [--png-side PX] [--json] [--keep]
 *
 * Generates synthetic segmentations in a temp folder:
 *   - N (default 20) files of 256x256x200 uint8 .nii.gz with a few labels (gzip level 6,
 *     as nibabel/SimpleITK write them);
 *   - one ~1 GiB-uncompressed uint8 .nii.gz (1024^3, gzip level 1, written streaming),
 *     skipped with --quick.
 * Then measures, over the same files and with a warm page cache:
 *   - scan throughput (uncompressed MB/s) of scanFiles at jobs = available parallelism
 *     (default policy: concurrent in-thread scans, gunzip on libuv threads), at
 *     jobs = 1, and with workers: 'always' (a classic worker_threads pool);
 *     each mode cold in a fresh process, best of 3; wall and CPU time;
 *   - `gzip -dc FILE > /dev/null` over the files one after another (the zlib floor on one core);
 *   - the ratios, and the peak RSS of scanning the big file (in a child process);
 *   - PNG memory: four 8-bit grey PNGs of 23100x23100 pixels (534 MB of pixels each, about
 *     0.5 MB on disk; `--png-side`, 8000 with --quick), written row by row; peak RSS of
 *     scanFiles with jobs = 4 (worker threads count in the process's RSS) and of
 *     `nnunet-doctor --labels -j 4` under /usr/bin/time; throughput against plain zlib
 *     inflate of the same IDAT streams.
 * Prints a table, then the figures as JSON on the last line (--json: JSON only).
 * Targets: scan jobs=1 >= 0.8x gzip -dc; scan on 2+ cores >= 1.5x gzip -dc; peak RSS
 * < 200 MB for the big volume and for the four big PNGs at jobs = 4.
 */
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, createWriteStream, existsSync, mkdirSync, mkdtempSync, openSync, closeSync, readSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { once } from 'node:events';
import zlib from 'node:zlib';
import { blobsFor, fillSlice, niftiHeader, writeSmall } from './bench-volumes.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DIST_INDEX = join(ROOT, 'dist/src/images/index.js');

// ---------------------------------------------------------------------------
// Arguments

function parseArgs(argv) {
  const opts = { quick: false, files: 20, bigMb: 1024, pngSide: undefined, json: false, keep: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--quick') opts.quick = true;
    else if (a === '--json') opts.json = true;
    else if (a === '--keep') opts.keep = true;
    else if (a === '--files') opts.files = positiveInt(argv[++i], a);
    else if (a === '--big-mb') opts.bigMb = positiveInt(argv[++i], a);
    else if (a === '--png-side') opts.pngSide = positiveInt(argv[++i], a);
    else if (a === '--help' || a === '-h') {
      console.log('usage: node scripts/bench.mjs [--quick] [--files N] [--big-mb MB] [--png-side PX] [--json] [--keep]');
      process.exit(0);
    } else {
      console.error(`bench: unknown argument ${a}`);
      process.exit(2);
    }
  }
  opts.pngSide ??= opts.quick ? 8000 : 23100;
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
// Synthetic big PNG label maps, written row by row (never held whole)

function pngChunk(type, data) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(data, zlib.crc32(head.subarray(4))) >>> 0, 0);
  return Buffer.concat([head, data, crc]);
}

/**
 * Writes a side x side 8-bit grey PNG: zeros with a disc of label 1 (radius side/4),
 * filter 0, deflate level 9 (a 23100^2 image is about 0.5 MB, like the issue's files).
 */
async function writeBigPng(path, side) {
  const out = createWriteStream(path);
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(side, 0);
  ihdr.writeUInt32BE(side, 4);
  ihdr[8] = 8; // bit depth; colour type 0 (grey), no interlace
  out.write(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  out.write(pngChunk('IHDR', ihdr));
  const z = zlib.createDeflate({ level: 9, chunkSize: 1 << 20 });
  z.on('data', (c) => out.write(pngChunk('IDAT', c)));
  const empty = Buffer.alloc(1 + side);
  const row = Buffer.alloc(1 + side);
  const c = side / 2;
  const r = side / 4;
  for (let y = 0; y < side; y++) {
    const dy = y - c;
    let line = empty;
    if (dy * dy < r * r) {
      const half = Math.sqrt(r * r - dy * dy);
      row.fill(0);
      row.fill(1, 1 + Math.ceil(c - half), 1 + Math.floor(c + half));
      line = row;
    }
    if (!z.write(Buffer.from(line))) await once(z, 'drain');
  }
  z.end();
  await once(z, 'end');
  out.end(pngChunk('IEND', Buffer.alloc(0)));
  await once(out, 'finish');
  return side * (side + 1);
}

/** Peak RSS (MB) and wall seconds of a command under /usr/bin/time -v, or undefined without it. */
function timeV(cmd, args) {
  if (!existsSync('/usr/bin/time')) return undefined;
  const t = now();
  const res = spawnSync('/usr/bin/time', ['-v', cmd, ...args], { encoding: 'utf8', maxBuffer: 64 << 20 });
  const seconds = (now() - t) / 1000;
  const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(res.stderr);
  if (!m) throw new Error(`/usr/bin/time gave no peak RSS: ${res.stderr.slice(-500)}`);
  return { status: res.status, seconds: +seconds.toFixed(2), peakRssMB: Math.round(Number(m[1]) / 1024) };
}

/** Plain zlib inflate of each PNG's IDAT stream (the floor under any PNG decoder), fresh process. */
function childPngInflate(paths) {
  const script = `
    import { readFileSync } from 'node:fs';
    import zlib from 'node:zlib';
    const cpu0 = process.cpuUsage();
    const t = performance.now();
    let bytes = 0;
    for (const p of ${JSON.stringify(paths)}) {
      const f = readFileSync(p);
      const idat = [];
      for (let o = 8; o < f.length; ) {
        const len = f.readUInt32BE(o);
        if (f.toString('latin1', o + 4, o + 8) === 'IDAT') idat.push(f.subarray(o + 8, o + 8 + len));
        o += 12 + len;
      }
      const z = zlib.createInflate({ chunkSize: 1 << 16 });
      const done = new Promise((resolve, reject) => { z.on('data', (c) => (bytes += c.length)); z.on('end', resolve); z.on('error', reject); });
      z.end(Buffer.concat(idat));
      await done;
    }
    const cpu = process.cpuUsage(cpu0);
    console.log(JSON.stringify({ ms: performance.now() - t, cpuMs: (cpu.user + cpu.system) / 1000, bytes }));
  `;
  const res = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  if (res.status !== 0) throw new Error(`child PNG inflate failed: ${res.stderr}`);
  return JSON.parse(res.stdout.trim().split('\n').at(-1));
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

/**
 * Runs one scan in a fresh Node process, so every mode starts cold (module load
 * excluded; worker start-up and JIT warm-up included, as in a CLI run).
 * mode 'pool': scanFiles(paths, { jobs }) (default worker policy 'auto');
 * 'workers': the same with workers: 'always'; 'single': scanLabelFile(paths[0]). Reports wall and CPU time (all threads), bytes,
 * peak RSS and the first file's values.
 */
function childScan(mode, paths, jobs = 1) {
  const url = JSON.stringify(pathToFileURL(DIST_INDEX).href);
  const call =
    mode === 'single'
      ? `[{ result: await scanLabelFile(${JSON.stringify(paths[0])}) }]`
      : `await scanFiles(${JSON.stringify(paths)}, { jobs: ${jobs}${mode === 'workers' ? ", workers: 'always'" : ''} })`;
  const script = `
    import { scanLabelFile, scanFiles } from ${url};
    import { readFileSync } from 'node:fs';
    const cpu0 = process.cpuUsage();
    const t = performance.now();
    const results = ${call};
    const ms = performance.now() - t;
    const cpu = process.cpuUsage(cpu0);
    const failed = results.find((r) => r.error);
    if (failed) throw new Error(failed.path + ': ' + failed.error.message);
    let hwm = null;
    try { hwm = Number(/VmHWM:\\s+(\\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))[1]); } catch {}
    console.log(JSON.stringify({
      ms, cpuMs: (cpu.user + cpu.system) / 1000,
      bytes: results.reduce((a, r) => a + r.result.bytesRead, 0),
      values: results[0].result.values, maxRssKb: process.resourceUsage().maxRSS, vmHwmKb: hwm,
    }));
  `;
  const res = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  if (res.status !== 0) throw new Error(`child scan (${mode}) failed: ${res.stderr}`);
  return JSON.parse(res.stdout.trim().split('\n').at(-1));
}

/** Node's own streaming gunzip over the files, sequentially, discarding the output (fresh process). */
function childGunzip(paths) {
  const script = `
    import { createReadStream } from 'node:fs';
    import zlib from 'node:zlib';
    const cpu0 = process.cpuUsage();
    const t = performance.now();
    let bytes = 0;
    for (const p of ${JSON.stringify(paths)}) {
      const z = createReadStream(p, { highWaterMark: 1 << 20 }).pipe(zlib.createGunzip({ chunkSize: 1 << 20 }));
      for await (const c of z) bytes += c.length;
    }
    const cpu = process.cpuUsage(cpu0);
    console.log(JSON.stringify({ ms: performance.now() - t, cpuMs: (cpu.user + cpu.system) / 1000, bytes }));
  `;
  const res = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  if (res.status !== 0) throw new Error(`child gunzip failed: ${res.stderr}`);
  return JSON.parse(res.stdout.trim().split('\n').at(-1));
}

/** The fastest of `n` runs (least disturbed by other load on the machine). */
async function best(n, run) {
  let top;
  for (let i = 0; i < n; i++) {
    const r = await run();
    if (!top || r.ms < top.ms) top = r;
  }
  return top;
}

const rate = (bytes, ms) => Math.round(bytes / MB / (ms / 1000));

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
  const { workersAvailable } = mod;
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
    log(
      `nnunet-doctor scan benchmark: node ${process.version}, ${cores} core(s), workers ${workersAvailable() ? 'on' : 'OFF'}, load average ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
    );
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
    log(
      `  generated in ${genSeconds.toFixed(1)} s: small set ${(smallRaw / MB).toFixed(0)} MB raw -> ${(smallGz / MB).toFixed(1)} MB gz` +
        (big ? `; big ${(bigRaw / MB).toFixed(0)} MB raw -> ${(statSync(big).size / MB).toFixed(1)} MB gz` : ''),
    );

    warmCache(big ? [...small, big] : small);

    // Small set, each mode cold in a fresh process, best of REPEAT.
    const REPEAT = 3;
    const poolN = await best(REPEAT, () => childScan('pool', small, cores));
    const pool1 = await best(REPEAT, () => childScan('pool', small, 1));
    const workersN = await best(REPEAT, () => childScan('workers', small, cores));
    const gz = await best(REPEAT, async () => ({ ms: (await gunzipSeconds(small)) * 1000 }));
    const nodeGz = await best(REPEAT, () => childGunzip(small));
    const gzMbps = rate(smallRaw, gz.ms);
    const mode = (r, jobs) => ({
      jobs,
      seconds: +(r.ms / 1000).toFixed(3),
      mbps: rate(r.bytes, r.ms),
      cpuSeconds: +(r.cpuMs / 1000).toFixed(3),
      mbPerCpuSecond: rate(r.bytes, r.cpuMs),
    });
    const figures = {
      node: process.version,
      cores,
      workers: workersAvailable(),
      loadAverageAtStart: loadavg().map((l) => +l.toFixed(2)),
      small: {
        files: small.length,
        rawMB: +(smallRaw / MB).toFixed(1),
        gzMB: +(smallGz / MB).toFixed(2),
        scanJobsN: mode(poolN, cores),
        scanJobs1: mode(pool1, 1),
        scanWorkersAlwaysJobsN: mode(workersN, cores),
        gzipDc: { seconds: +(gz.ms / 1000).toFixed(3), mbps: gzMbps },
        nodeGunzipOnly: mode(nodeGz, 1),
        ratioJobs1VsGzip: +(rate(pool1.bytes, pool1.ms) / gzMbps).toFixed(2),
        ratioJobsNVsGzip: +(rate(poolN.bytes, poolN.ms) / gzMbps).toFixed(2),
        ratioPerCpuVsGzip: +(rate(pool1.bytes, pool1.cpuMs) / gzMbps).toFixed(2),
      },
    };

    if (big) {
      const single = childScan('single', [big]);
      const gzBig = await gunzipSeconds([big]);
      const gzBigMbps = rate(bigRaw, gzBig * 1000);
      const pooled = childScan('workers', [big, ...small], cores);
      figures.big = {
        rawMB: +(bigRaw / MB).toFixed(0),
        gzMB: +(statSync(big).size / MB).toFixed(1),
        scan: mode(single, 1),
        gzipDc: { seconds: +gzBig.toFixed(3), mbps: gzBigMbps },
        ratioVsGzip: +(rate(single.bytes, single.ms) / gzBigMbps).toFixed(2),
        ratioPerCpuVsGzip: +(rate(single.bytes, single.cpuMs) / gzBigMbps).toFixed(2),
        peakRssMB: +(single.maxRssKb / 1024).toFixed(0),
        vmHwmMB: single.vmHwmKb === null ? null : +(single.vmHwmKb / 1024).toFixed(0),
        poolPeakRssMB: +(pooled.maxRssKb / 1024).toFixed(0),
        poolSeconds: +(pooled.ms / 1000).toFixed(3),
        labels: single.values.map((v) => v.value),
      };
    }
    // PNG memory: the decoder streams rows, so four huge images at jobs = 4 stay small
    const side = opts.pngSide;
    log(`generating 4 x ${side}x${side} 8-bit grey PNG (written row by row) ...`);
    const pngDir = join(dir, 'Dataset900_Png');
    mkdirSync(join(pngDir, 'labelsTr'), { recursive: true });
    writeFileSync(
      join(pngDir, 'dataset.json'),
      JSON.stringify({ channel_names: { 0: 'x' }, labels: { background: 0, a: 1 }, numTraining: 4, file_ending: '.png' }),
    );
    const pngs = [0, 1, 2, 3].map((i) => join(pngDir, 'labelsTr', `case_${i}.png`));
    const pngRaw = await writeBigPng(pngs[0], side);
    for (const p of pngs.slice(1)) copyFileSync(pngs[0], p);
    const pngScan = childScan('pool', pngs, 4);
    const pngInflate = childPngInflate(pngs);
    const pngCli = timeV(process.execPath, [join(ROOT, 'dist/bin/nnunet-doctor.cjs'), '--labels', '-j', '4', '--no-folder-checks', pngDir]);
    const RSS_LIMIT_MB = 200;
    figures.png = {
      files: 4,
      side,
      fileKB: +(statSync(pngs[0]).size / 1024).toFixed(0),
      pixelMBEach: +(pngRaw / MB).toFixed(0),
      scanJobs4: mode(pngScan, 4),
      inflateOnly: mode(pngInflate, 1),
      ratioScanVsInflate: +(rate(pngScan.bytes, pngScan.ms) / rate(pngInflate.bytes, pngInflate.ms)).toFixed(2),
      peakRssMB: +(pngScan.maxRssKb / 1024).toFixed(0),
      rssLimitMB: RSS_LIMIT_MB,
      ratioRssVsLimit: +(pngScan.maxRssKb / 1024 / RSS_LIMIT_MB).toFixed(2),
      cli: pngCli ?? null,
      labels: pngScan.values.map((v) => v.value),
    };
    figures.totalSeconds = +((now() - t0) / 1000).toFixed(1);

    const s = figures.small;
    const line = (name, m) =>
      `  ${name.padEnd(24)} ${String(m.mbps).padStart(6)} MB/s  (${m.seconds} s wall, ${m.cpuSeconds} s CPU = ${m.mbPerCpuSecond} MB per CPU-second)`;
    log('');
    log(`small set (${s.files} files, ${s.rawMB} MB uncompressed; each mode cold in a fresh process, best of ${REPEAT}):`);
    log(line(`scan, jobs=${cores} (auto)`, s.scanJobsN));
    log(line('scan, jobs=1', s.scanJobs1));
    log(line(`scan, ${cores} workers (always)`, s.scanWorkersAlwaysJobsN));
    log(`  ${'gzip -dc, sequential'.padEnd(24)} ${String(s.gzipDc.mbps).padStart(6)} MB/s  (${s.gzipDc.seconds} s, one core)`);
    log(line('node gunzip only', s.nodeGunzipOnly));
    log(`  ratio jobs=1 / gzip -dc:           ${s.ratioJobs1VsGzip}x  (per CPU-second: ${s.ratioPerCpuVsGzip}x; target >= 0.8)`);
    log(`  ratio jobs=${cores} / gzip -dc:           ${s.ratioJobsNVsGzip}x  (target >= 1.5 on 2 cores)`);
    if (figures.big) {
      const b = figures.big;
      log(`big volume (${b.rawMB} MB uncompressed, ${b.gzMB} MB gz), one scan in a fresh process:`);
      log(line('scan', b.scan));
      log(`  ${'gzip -dc'.padEnd(24)} ${String(b.gzipDc.mbps).padStart(6)} MB/s  (${b.gzipDc.seconds} s)`);
      log(`  ratio scan / gzip -dc:             ${b.ratioVsGzip}x  (per CPU-second: ${b.ratioPerCpuVsGzip}x)`);
      log(`  peak RSS:  ${b.peakRssMB} MB (VmHWM ${b.vmHwmMB} MB)   (target < 200 MB)`);
      log(`  peak RSS of a ${cores}-worker run over big + small set: ${b.poolPeakRssMB} MB (${b.poolSeconds} s)`);
      log(`  labels found: ${b.labels.join(', ')}`);
    }
    const g = figures.png;
    log(`PNG label maps (4 x ${g.side}x${g.side} 8-bit grey, ${g.fileKB} KB on disk and ${g.pixelMBEach} MB of pixels each), fresh process:`);
    log(line('scan, jobs=4', g.scanJobs4));
    log(line('zlib inflate only', g.inflateOnly));
    log(`  ratio scan / inflate only:         ${g.ratioScanVsInflate}x`);
    log(`  peak RSS, scan jobs=4:  ${g.peakRssMB} MB   (limit ${g.rssLimitMB} MB: ${g.ratioRssVsLimit}x of the limit)`);
    if (g.cli) log(`  nnunet-doctor --labels -j 4 (/usr/bin/time -v): peak RSS ${g.cli.peakRssMB} MB, ${g.cli.seconds} s, exit ${g.cli.status}`);
    log(`  labels found: ${g.labels.join(', ')}`);
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
