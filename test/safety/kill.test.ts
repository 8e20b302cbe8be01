/**
 * Crash safety: a batch `--fix` over 200 copies of broken datasets (examples + real corpus
 * files) in a child process, SIGKILLed at random (seeded) moments at least 50 times, early
 * (start-up, discovery) and late (while files are being written). After every kill, each
 * file is either its original bytes or its fully fixed bytes (the pure fixBytes output),
 * never missing, never a mix. One more full run then fixes everything and leaves no temp or
 * lock file of ours; it removes our stale leftovers and only those (decoys stay).
 *
 * Two lanes (two trees, two children) run side by side to use both cores; kill delays are
 * scaled to start-up and batch times measured at the start, so the test adapts to the machine.
 */
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fixBytes } from '../../src/engine.js';
import { HOST_TAG } from '../../src/lock.js';
import { CLI, ourLeftovers, prng, requireBuiltCli, rmrf, sources, tempDir, write } from './helpers.js';

const COPIES = 200;
// Debugging aids: LANES, KILLS (per lane) and KILL_DEBUG=1 (log every run) in the environment.
const LANES = Number(process.env.LANES ?? 2);
const KILLS_PER_LANE = Number(process.env.KILLS ?? 25); // 50 kills in all

let dir = '';
beforeAll(() => {
  requireBuiltCli();
  dir = tempDir('kill', true);
});
afterAll(() => rmrf(dir));

interface Copy {
  file: string;
  original: Buffer;
  fixed: Buffer;
}

/** Run the CLI with --fix on `root`; SIGKILL it after `killAfterMs` (if given). */
function runFix(root: string, killAfterMs?: number): Promise<{ status: number | null; signal: NodeJS.Signals | null; ms: number; pid: number }> {
  const t0 = performance.now();
  const child = spawn(process.execPath, [CLI, '--fix', '--no-folder-checks', '--format', 'json', root], { stdio: 'ignore', env: { ...process.env, nnUNet_raw: '' } });
  const timer = killAfterMs === undefined ? undefined : setTimeout(() => child.kill('SIGKILL'), killAfterMs);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (status, signal) => {
      clearTimeout(timer);
      resolve({ status, signal, ms: performance.now() - t0, pid: child.pid! });
    });
  });
}

function restore(copies: Copy[]): void {
  for (const c of copies) {
    let now: Buffer | undefined;
    try {
      now = fs.readFileSync(c.file);
    } catch {
      /* checked by the invariant */
    }
    if (!now || !now.equals(c.original)) fs.writeFileSync(c.file, c.original);
  }
}

/** The invariant after a kill: every file is its original or its fixed bytes. Returns how many are fixed. */
function checkInvariant(copies: Copy[], when: string): number {
  let fixed = 0;
  for (const c of copies) {
    let now: Buffer;
    try {
      now = fs.readFileSync(c.file);
    } catch (e) {
      throw new Error(`${when}: ${c.file} is missing (${(e as Error).message})`);
    }
    if (now.equals(c.fixed)) {
      if (!c.fixed.equals(c.original)) fixed++;
    } else if (!now.equals(c.original)) {
      throw new Error(`${when}: ${c.file} is neither its original nor its fixed bytes (${now.length} bytes: ${JSON.stringify(now.subarray(0, 80).toString())}...)`);
    }
  }
  return fixed;
}

interface LaneStats {
  kills: number;
  finishedBeforeKill: number;
  midBatch: number;
  leftoversSeen: number;
  delays: number[];
  /** Measured start-up time (ms): kills before it are "early". */
  te: number;
}

async function lane(index: number, copies: Copy[], root: string, emptyRoot: string): Promise<LaneStats> {
  const rnd = prng(1000 + index);
  // Calibrate: start-up on an empty tree (the best of two: the first warms the caches), then a
  // whole batch, unkilled. Kill delays are drawn relative to these two times.
  const te = Math.min((await runFix(emptyRoot)).ms, (await runFix(emptyRoot)).ms);
  const full = await runFix(root);
  expect([0, 1]).toContain(full.status);
  checkInvariant(copies, 'calibration');
  const fixable = copies.filter((c) => !c.fixed.equals(c.original)).length;
  let tw = Math.max(50, full.ms - te);
  if (process.env.KILL_DEBUG) console.log(`lane ${index}: start-up ${te.toFixed(0)} ms, batch ${full.ms.toFixed(0)} ms`);
  const stats: LaneStats = { kills: 0, finishedBeforeKill: 0, midBatch: 0, leftoversSeen: 0, delays: [], te };
  for (let i = 0; stats.kills < KILLS_PER_LANE && i < KILLS_PER_LANE * 3; i++) {
    restore(copies);
    // 30% early (start-up, discovery), 55% in the first quarter of the writes, 15% anywhere in them.
    const u = rnd();
    const delay = u < 0.3 ? rnd() * te : u < 0.85 ? te + rnd() * 0.25 * tw : te + rnd() * tw;
    stats.delays.push(Math.round(delay));
    const r = await runFix(root, delay);
    if (process.env.KILL_DEBUG) console.log(`lane ${index} run ${i}: delay ${delay.toFixed(0)} (tw ${tw.toFixed(0)}) -> ${r.signal ?? r.status} after ${r.ms.toFixed(0)} ms`);
    if (r.signal === 'SIGKILL') stats.kills++;
    else {
      stats.finishedBeforeKill++;
      expect([0, 1]).toContain(r.status);
    }
    const n = checkInvariant(copies, `lane ${index}, run ${i} (killed after ${Math.round(delay)} ms)`);
    if (n > 0 && n < fixable) stats.midBatch++;
    if (r.signal !== 'SIGKILL') tw = Math.max(50, r.ms - te); // the machine got faster: rescale
    // Did this kill interrupt a write? (a temp file named with its pid, or its lock file)
    const left = ourLeftovers(root);
    if (left.some((x) => x.includes(`.nnunet-doctor-${r.pid}-`) || (x.endsWith('.lock') && fs.readFileSync(path.join(root, x), 'utf8').startsWith(`${r.pid} `)))) stats.leftoversSeen++;
  }
  return stats;
}

test(`${LANES} x ${COPIES} files, >= 50 SIGKILLs: every file original or fully fixed; the next run cleans up and fixes all`, async () => {
  // Broken datasets: mostly fixable ones, one in ten unfixable or already clean (never written).
  const srcs = sources(6000);
  const broken = srcs.filter((s) => fixBytes(s.bytes).changed);
  const others = srcs.filter((s) => !fixBytes(s.bytes).changed);
  expect(broken.length).toBeGreaterThan(20);
  const rnd = prng(42);
  const lanes = Array.from({ length: LANES }, (_, l) => {
    const root = path.join(dir, `lane${l}`, 'tree');
    const copies: Copy[] = Array.from({ length: COPIES }, (_, i) => {
      const pool = i % 10 === 9 && others.length ? others : broken;
      const s = pool[Math.floor(rnd() * pool.length)]!;
      const file = path.join(root, `D${String(i).padStart(3, '0')}`, 'dataset.json');
      write(file, s.bytes);
      return { file, original: s.bytes, fixed: Buffer.from(fixBytes(s.bytes).output, 'utf8') };
    });
    const emptyRoot = path.join(dir, `lane${l}`, 'empty');
    fs.mkdirSync(emptyRoot, { recursive: true });
    return { root, copies, emptyRoot };
  });
  const fixable = lanes[0]!.copies.filter((c) => !c.fixed.equals(c.original)).length;
  expect(fixable).toBeGreaterThan(COPIES / 2);

  // Decoys next to some files: another program's temp files, a live process's temp file of
  // ours, a temp file of ours for another file name. And planted stale leftovers of ours.
  const deadPid = 2 ** 22 + 12345; // above Linux's pid_max default: never alive
  const decoys: string[] = [];
  const planted: string[] = [];
  for (const { copies } of lanes) {
    for (const c of copies.slice(0, 5)) {
      const d = path.dirname(c.file);
      for (const n of ['.dataset.json.swp', 'dataset.json.tmp', `.dataset.json.nnunet-doctor-${process.pid}-${HOST_TAG}-cafebabe.tmp`, `.labels.json.nnunet-doctor-${deadPid}-${HOST_TAG}-0badf00d.tmp`]) {
        write(path.join(d, n), 'decoy');
        decoys.push(path.join(d, n));
      }
      for (const n of [`.dataset.json.nnunet-doctor-${deadPid}-${HOST_TAG}-deadbeef.tmp`]) {
        write(path.join(d, n), 'stale');
        planted.push(path.join(d, n));
      }
      fs.writeFileSync(path.join(d, '.dataset.json.nnunet-doctor.lock'), `${deadPid} ${HOST_TAG} 0123456789abcdef\n`);
      planted.push(path.join(d, '.dataset.json.nnunet-doctor.lock'));
    }
  }

  const t0 = Date.now();
  const stats = await Promise.all(lanes.map((l, i) => lane(i, l.copies, l.root, l.emptyRoot)));
  const kills = stats.reduce((n, s) => n + s.kills, 0);
  const midBatch = stats.reduce((n, s) => n + s.midBatch, 0);
  const early = stats.reduce((n, s) => n + s.delays.filter((d) => d < s.te).length, 0);
  console.log(
    `kill test: ${kills} SIGKILLs (${stats.map((s) => s.kills).join('+')}), ${midBatch} in the middle of the batch, ` +
      `${stats.reduce((n, s) => n + s.leftoversSeen, 0)} interrupted a write (left a temp/lock file), ${stats.reduce((n, s) => n + s.finishedBeforeKill, 0)} runs finished first; ` +
      `delays ${Math.min(...stats.flatMap((s) => s.delays))}-${Math.max(...stats.flatMap((s) => s.delays))} ms (${early} during start-up); ${((Date.now() - t0) / 1000).toFixed(1)} s`,
  );
  expect(kills).toBeGreaterThanOrEqual(Math.min(50, LANES * KILLS_PER_LANE));
  expect(midBatch).toBeGreaterThanOrEqual(Math.min(5, kills / 10)); // the kills did land while files were being written

  // One more full run per tree: everything fixed, our leftovers gone, decoys intact.
  for (const l of lanes) {
    const r = await runFix(l.root);
    expect([0, 1]).toContain(r.status);
    for (const c of l.copies) expect(fs.readFileSync(c.file).equals(c.fixed)).toBe(true);
    expect(ourLeftovers(l.root).filter((x) => !decoys.includes(path.join(l.root, x)))).toEqual([]);
  }
  for (const p of decoys) expect(fs.readFileSync(p, 'utf8')).toBe('decoy');
  for (const p of planted) expect(fs.existsSync(p)).toBe(false);
}, 180_000);
