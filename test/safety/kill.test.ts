/**
 * Crash safety: a batch `--fix` over 200 copies of broken datasets (examples + real corpus
 * files) in a child process, SIGKILLed at least 50 times at seeded points: while Node starts,
 * before discovery, between files, and inside a write (the temp file complete; the lock
 * held and the check passed, just before the rename; just after the rename). After every
 * kill, each file is either its original bytes or its fully fixed bytes (the pure fixBytes
 * output), never missing, never a mix, and exactly the files the child reported as written
 * are fixed. One more full run then fixes everything and leaves no temp or lock file of
 * ours; it removes our stale leftovers and only those (decoys stay).
 *
 * Each tree also holds hostile entries (issue 9), and the CLI gets `-- <root>`: a dash-named
 * dataset folder and a dataset reached only through a symlinked folder (its real folder is
 * hidden, so never searched) are handled like the others, and the first kills of each lane
 * land inside their writes; a symlinked folder pointing out of the root into a decoy folder,
 * a FIFO named dataset.json and a symlink loop are never touched (checked after every run,
 * down to mtime and inode) and get their one-line errors in the final report.
 *
 * No clock: the child reports where it is (test-only events, src/test-events.ts) and, for
 * exact kill points, the thread at that point pauses there until the kill (a big batch is
 * shared by worker threads: the others go on). Other kills land wherever the child happens
 * to be when the test reacts to an event; what they hit is read from the child's own events.
 * Two lanes (two trees, two children) run side by side to use both cores.
 */
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fixBytes } from '../../src/engine.js';
import { HOST_TAG } from '../../src/lock.js';
import { killChildren, spawnWithEvents, type ChildExit, type TestEvent } from '../helpers/events.js';
import { ourLeftovers, prng, requireBuiltCli, rmrf, sources, tempDir, write } from './helpers.js';

const COPIES = 200;
// Debugging aids: LANES, KILLS (per lane) and KILL_DEBUG=1 (log every run) in the environment.
const LANES = Number(process.env.LANES ?? 2);
const KILLS_PER_LANE = Number(process.env.KILLS ?? 25); // 50 kills in all

let dir = '';
beforeAll(() => {
  requireBuiltCli();
  dir = tempDir('kill', true);
});
afterAll(() => {
  killChildren();
  rmrf(dir);
});

interface Copy {
  file: string;
  original: Buffer;
  fixed: Buffer;
  /** A hostile entry (dash-named folder, reached through a symlink): its writes are killed first. */
  hostile?: string;
}

/** Something the runs must never touch: its type, bytes, inode and mtime. */
interface Untouched {
  path: string;
  what: string;
  state: string;
}

function stateOf(p: string): string {
  const st = fs.lstatSync(p, { bigint: true });
  const type = st.isFIFO() ? 'FIFO' : st.isFile() ? 'file' : st.isSymbolicLink() ? `symlink to ${fs.readlinkSync(p)}` : 'other';
  const bytes = st.isFile() ? fs.readFileSync(p).toString('base64') : '';
  return `${type} mode ${st.mode.toString(8)} inode ${st.ino} mtime ${st.mtimeNs} ${bytes}`;
}

function checkUntouched(list: Untouched[], when: string): void {
  for (const u of list) if (stateOf(u.path) !== u.state) throw new Error(`${when}: ${u.what} ${u.path} was touched: ${stateOf(u.path).slice(0, 200)}`);
}

/**
 * Where a run is killed. `pause`: the thread that reports `event` (the n-th of the main
 * thread, or the one for `file`) pauses right after it, and the child is killed there (other
 * worker threads go on meanwhile). `react`: killed as soon as the test sees the n-th `event`
 * (the child runs on meanwhile). `start`: killed right after spawning, while Node starts.
 */
type Plan = { how: 'pause' | 'react'; event: string; n: number } | { how: 'pause'; event: WriteEvent; file: string } | { how: 'start' };

type WriteEvent = 'write-temp' | 'write-rename' | 'write-done';
const WRITE_EVENTS: WriteEvent[] = ['write-temp', 'write-rename', 'write-done'];

const planName = (p: Plan) =>
  p.how === 'start' ? 'start' : 'file' in p ? `${p.how} ${p.event}=${path.basename(path.dirname(p.file))}` : `${p.how} ${p.event}:${p.n}`;

function drawPlan(rnd: () => number, fixable: Copy[]): Plan {
  const u = rnd();
  // skewed to the first quarter of the batch (runs stay short; late points still drawn)
  const k = (max: number) => 1 + Math.floor(rnd() * rnd() * max);
  if (u < 0.1) return { how: 'start' };
  if (u < 0.2) return { how: 'pause', event: 'scan-start', n: 1 };
  if (u < 0.35) return { how: 'pause', event: 'file-done', n: k(COPIES) };
  if (u < 0.8) return { how: 'pause', event: WRITE_EVENTS[u < 0.55 ? 0 : u < 0.7 ? 1 : 2]!, file: fixable[k(fixable.length) - 1]!.file };
  return { how: 'react', event: 'file-done', n: k(COPIES / 2) };
}

/** Run the CLI with --fix on `root`, killed as `plan` says (never, without a plan). */
async function runFix(root: string, plan?: Plan): Promise<ChildExit & { pid: number }> {
  // -j 2: the batch is shared with a worker thread (the default on two cores is one thread);
  // `--`: everything after it is a path (issue 9)
  const args = ['--fix', '--no-folder-checks', '--format', 'json', '-j', '2', '--', root];
  const stopAt = plan?.how !== 'pause' ? undefined : 'file' in plan ? `${plan.event}=${plan.file}` : `${plan.event}:${plan.n}`;
  const run = spawnWithEvents(args, { stopAt });
  if (plan?.how === 'start') run.child.kill('SIGKILL');
  else if (plan) {
    let seen = 0;
    const chosen = 'file' in plan ? (e: TestEvent) => path.resolve(e.detail) === plan.file : () => ++seen === plan.n;
    // a 'react' kill may find the child done: fine (checked by the caller)
    await run.waitFor(plan.event, chosen).then(
      () => run.child.kill('SIGKILL'),
      () => undefined,
    );
  }
  return { ...(await run.done), pid: run.child.pid! };
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

/** The invariant after a kill: every file is its original or its fixed bytes. Returns the files that are fixed (and differ from the original). */
function checkInvariant(copies: Copy[], when: string): Set<string> {
  const fixed = new Set<string>();
  for (const c of copies) {
    let now: Buffer;
    try {
      now = fs.readFileSync(c.file);
    } catch (e) {
      throw new Error(`${when}: ${c.file} is missing (${(e as Error).message})`, { cause: e });
    }
    if (now.equals(c.fixed)) {
      if (!c.fixed.equals(c.original)) fixed.add(c.file);
    } else if (!now.equals(c.original)) {
      throw new Error(
        `${when}: ${c.file} is neither its original nor its fixed bytes (${now.length} bytes: ${JSON.stringify(now.subarray(0, 80).toString())}...)`,
      );
    }
  }
  return fixed;
}

/** Our temp and lock files left by process `pid` in `file`'s folder. */
function leftoversOf(file: string, pid: number): { temps: number; lock: boolean } {
  const d = path.dirname(file);
  const names = fs.readdirSync(d);
  const lock =
    names.includes('.dataset.json.nnunet-doctor.lock') && fs.readFileSync(path.join(d, '.dataset.json.nnunet-doctor.lock'), 'utf8').startsWith(`${pid} `);
  return { temps: names.filter((n) => n.startsWith(`.dataset.json.nnunet-doctor-${pid}-`)).length, lock };
}

interface LaneStats {
  kills: number;
  finishedFirst: number;
  /** Kills that, by the child's own events, landed inside a write (started, not finished). */
  midWrite: number;
  /** Kills after some files were written and before all were. */
  midBatch: number;
  plans: string[];
}

async function lane(index: number, copies: Copy[], root: string, untouched: Untouched[]): Promise<LaneStats> {
  const rnd = prng(1000 + index);
  const abs = new Map(copies.map((c) => [c.file, c]));
  const fixable = copies.filter((c) => !c.fixed.equals(c.original));
  // The first kills land inside the writes of the hostile entries; the rest are drawn.
  const first: Plan[] = fixable
    .filter((c) => c.hostile)
    .map((c, j) => ({ how: 'pause', event: WRITE_EVENTS[(index + j) % WRITE_EVENTS.length]!, file: c.file }));
  const stats: LaneStats = { kills: 0, finishedFirst: 0, midWrite: 0, midBatch: 0, plans: [] };
  for (let i = 0; stats.kills < KILLS_PER_LANE && i < KILLS_PER_LANE * 3; i++) {
    restore(copies);
    const plan = first[i] ?? drawPlan(rnd, fixable);
    const when = `lane ${index}, run ${i} (${planName(plan)})`;
    const r = await runFix(root, plan);
    const names = r.events.map((e) => e.name);
    if (process.env.KILL_DEBUG) console.log(`${when}: ${r.signal ?? r.status}; ${names.length} events, last ${names.at(-1)}`);
    if (r.signal === 'SIGKILL') stats.kills++;
    else {
      stats.finishedFirst++;
      expect([0, 1]).toContain(r.status);
      expect(plan.how).toBe('react'); // a paused child never finishes on its own
    }
    stats.plans.push(planName(plan));

    const fixed = checkInvariant(copies, when);
    checkUntouched(untouched, when);
    // What the child reported, per file: the last step of its write (threads interleave).
    const lastStep = new Map<string, string>();
    for (const e of r.events) if ((WRITE_EVENTS as string[]).includes(e.name)) lastStep.set(path.resolve(e.detail), e.name);
    // Exactly the files reported as written are fixed, plus at most those whose rename had
    // begun when the kill landed (renamed, but killed before they could say so).
    for (const [f, step] of lastStep) if (step === 'write-done') expect(fixed.has(f)).toBe(true);
    for (const f of fixed) expect(['write-done', 'write-rename']).toContain(lastStep.get(f));
    if (r.signal === 'SIGKILL' && [...lastStep.values()].some((step) => step !== 'write-done')) stats.midWrite++;
    if (fixed.size > 0 && fixed.size < fixable.length) stats.midBatch++;

    // A kill at an exact point leaves exactly that point's traces.
    if ('file' in plan) {
      expect(r.events.some((e) => e.name === plan.event && path.resolve(e.detail) === plan.file)).toBe(true);
      const c = abs.get(plan.file)!;
      const left = leftoversOf(c.file, r.pid);
      const onDisk = fs.readFileSync(c.file);
      if (plan.event === 'write-temp') expect({ original: onDisk.equals(c.original), ...left }).toEqual({ original: true, temps: 1, lock: false });
      if (plan.event === 'write-rename') expect({ original: onDisk.equals(c.original), ...left }).toEqual({ original: true, temps: 1, lock: true });
      if (plan.event === 'write-done') expect({ fixed: onDisk.equals(c.fixed), ...left }).toEqual({ fixed: true, temps: 0, lock: true });
    }
  }
  return stats;
}

/**
 * The hostile entries of one tree: a dash-named dataset folder and a dataset reached only
 * through a symlinked folder (both broken: to be fixed, so they are Copies), and what must never
 * be touched: a fixable dataset outside the root behind a symlinked folder, a FIFO named
 * dataset.json (skipped, with the reason, where mkfifo is missing), a symlink loop.
 */
function hostileEntries(root: string, broken: { bytes: Buffer }[], rnd: () => number): { hostile: Copy[]; untouched: Untouched[] } {
  const pick = () => broken[Math.floor(rnd() * broken.length)]!.bytes;
  const copy = (file: string, bytes: Buffer, hostile: string): Copy => {
    write(file, bytes);
    return { file, original: bytes, fixed: Buffer.from(fixBytes(bytes).output, 'utf8'), hostile };
  };
  const hostile = [
    copy(path.join(root, '-D200', 'dataset.json'), pick(), 'dash-named'),
    // the real folder is hidden (never searched): only the link reaches it; writes go to the real path
    copy(path.join(root, '.store', 'D201', 'dataset.json'), pick(), 'through a symlinked folder'),
  ];
  fs.symlinkSync(path.join('.store', 'D201'), path.join(root, 'Linked201'));
  const outside = path.join(path.dirname(root), 'decoy', 'D202', 'dataset.json');
  write(outside, pick());
  fs.symlinkSync(path.relative(root, path.dirname(outside)), path.join(root, 'Outside'));
  fs.symlinkSync('Loop2', path.join(root, 'Loop1'));
  fs.symlinkSync('Loop1', path.join(root, 'Loop2'));
  const untouched: Untouched[] = [
    { path: outside, what: 'the dataset outside the root' },
    ...['Outside', 'Linked201', 'Loop1', 'Loop2'].map((n) => ({ path: path.join(root, n), what: 'the symlink' })),
  ].map((u) => ({ ...u, state: stateOf(u.path) }));
  fs.mkdirSync(path.join(root, 'Fifo'));
  const fifo = path.join(root, 'Fifo', 'dataset.json');
  const made = spawnSync('mkfifo', [fifo]);
  if (made.status === 0) untouched.push({ path: fifo, what: 'the FIFO', state: stateOf(fifo) });
  else console.log(`kill test: no FIFO in ${root}: mkfifo failed (${made.error?.message ?? made.stderr.toString()})`);
  return { hostile, untouched };
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
    return { root, copies, ...hostileEntries(root, broken, prng(4200 + l)) };
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
      for (const n of [
        '.dataset.json.swp',
        'dataset.json.tmp',
        `.dataset.json.nnunet-doctor-${process.pid}-${HOST_TAG}-cafebabe.tmp`,
        `.labels.json.nnunet-doctor-${deadPid}-${HOST_TAG}-0badf00d.tmp`,
      ]) {
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

  const stats = await Promise.all(lanes.map((l, i) => lane(i, [...l.copies, ...l.hostile], l.root, l.untouched)));
  const sum = (f: (s: LaneStats) => number) => stats.reduce((n, s) => n + f(s), 0);
  const plans = stats.flatMap((s) => s.plans);
  const count = (prefix: string) => plans.filter((p) => p.startsWith(prefix)).length;
  console.log(
    `kill test: ${sum((s) => s.kills)} SIGKILLs (${stats.map((s) => s.kills).join('+')}), ${sum((s) => s.midWrite)} inside a write (by the child's events), ` +
      `${sum((s) => s.midBatch)} in the middle of the batch, ${sum((s) => s.finishedFirst)} runs finished first; ` +
      `points: ${count('start')} start-up, ${count('pause scan-start')} before discovery, ${count('pause file-done')} between files, ` +
      `${count('pause write-temp')}/${count('pause write-rename')}/${count('pause write-done')} at temp/rename/renamed, ${count('react')} wherever the child was`,
  );
  expect(sum((s) => s.kills)).toBeGreaterThanOrEqual(LANES * KILLS_PER_LANE);
  // Every kill paused inside a write counts; 'react' kills may add more.
  expect(sum((s) => s.midWrite)).toBeGreaterThanOrEqual(count('pause write-temp') + count('pause write-rename'));
  expect(count('pause write-temp') + count('pause write-rename')).toBeGreaterThanOrEqual(5);
  expect(sum((s) => s.midBatch)).toBeGreaterThanOrEqual(5);

  // One more full run per tree: everything fixed, our leftovers gone, decoys intact; the
  // entries never touched are intact and each has its one error line.
  for (const l of lanes) {
    const r = await runFix(l.root);
    expect([0, 1]).toContain(r.status);
    for (const c of [...l.copies, ...l.hostile])
      expect({ file: c.file, fixed: fs.readFileSync(c.file).equals(c.fixed) }).toEqual({ file: c.file, fixed: true });
    expect(ourLeftovers(l.root).filter((x) => !decoys.includes(path.join(l.root, x)))).toEqual([]);
    checkUntouched(l.untouched, 'after the final run');
    const report = JSON.parse(r.stdout) as { files: { path: string; written: boolean; error?: { message: string } }[]; errors: { path: string }[] };
    const entry = (rel: string) => report.files.find((f) => path.resolve(f.path) === path.join(l.root, rel));
    expect(entry('Outside/dataset.json')).toMatchObject({ written: false, error: { message: expect.stringContaining('outside the folders you named') } });
    if (l.untouched.some((u) => u.what === 'the FIFO')) expect(entry('Fifo/dataset.json')?.error?.message).toMatch(/FIFO/);
    expect(report.errors.map((e) => path.resolve(e.path)).sort()).toEqual([path.join(l.root, 'Loop1'), path.join(l.root, 'Loop2')]);
  }
  for (const p of decoys) expect(fs.readFileSync(p, 'utf8')).toBe('decoy');
  for (const p of planted) expect(fs.existsSync(p)).toBe(false);
}, 180_000);
