/**
 * Synchronising with a child process without clocks: run the built CLI with the test-only
 * event hook on (src/test-events.ts) and wait for the events it reports on stderr, or watch
 * a folder for the files a process creates. Tests that interrupt a child (SIGKILL mid-write,
 * Ctrl-C mid-scan) or race two writers use these instead of sleeps.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { TEST_EVENT_PREFIX } from '../../src/test-events.js';
import { CLI, ROOT } from './cli.js';

/** Children started here that have not exited yet. */
const live = new Set<ChildProcess>();

/**
 * SIGKILL every child started by spawnWithEvents that is still running (one stopped by
 * NNUNET_DOCTOR_TEST_STOP_AT waits forever otherwise). Call it in afterEach/afterAll, so a
 * failed test leaves no process behind.
 */
export function killChildren(): void {
  for (const c of live) c.kill('SIGKILL');
}

export interface TestEvent {
  name: string;
  /** The rest of the line (a path), '' when none. */
  detail: string;
}

export interface ChildExit {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  /** stderr without the event lines. */
  stderr: string;
  /** Every event, in order: all the child reported before it exited or was killed. */
  events: TestEvent[];
}

export interface EventedChild {
  child: ChildProcess;
  /** Events so far, in order. */
  events: TestEvent[];
  /** The first event (from the start) named `name` and matching `where`; rejects if the child exits first. */
  waitFor(name: string, where?: (e: TestEvent) => boolean): Promise<TestEvent>;
  /** Let a child paused by `stopAt` go on. */
  resume(): void;
  /** Resolves when the child has exited and its output is read. */
  done: Promise<ChildExit>;
}

/**
 * Start the built executable (`node dist/bin/nnunet-doctor.cjs ...args`) with
 * NNUNET_DOCTOR_TEST_EVENTS=1 and, with `stopAt`, NNUNET_DOCTOR_TEST_STOP_AT: the thread that
 * reports that event (`name=detail`, or `name:n`, the n-th of the main thread) pauses right
 * after it until `resume()`; kill the child there, or signal it and then resume. Other worker
 * threads go on meanwhile (src/test-events.ts).
 */
export function spawnWithEvents(args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv; stopAt?: string } = {}): EventedChild {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined, nnUNet_raw: '', ...opts.env, NNUNET_DOCTOR_TEST_EVENTS: '1' };
  if (opts.stopAt) env.NNUNET_DOCTOR_TEST_STOP_AT = opts.stopAt;
  else delete env.NNUNET_DOCTOR_TEST_STOP_AT;
  const child = spawn(process.execPath, [CLI, ...args], { cwd: opts.cwd ?? ROOT, env, stdio: [opts.stopAt ? 'pipe' : 'ignore', 'pipe', 'pipe'] });
  live.add(child);
  const events: TestEvent[] = [];
  const waiters: { name: string; where: (e: TestEvent) => boolean; resolve: (e: TestEvent) => void; reject: (e: Error) => void }[] = [];
  let stdout = '';
  let stderr = '';
  let partial = '';
  let exited: ChildExit | undefined;

  const onLine = (line: string) => {
    if (!line.startsWith(TEST_EVENT_PREFIX + ' ')) {
      stderr += line + '\n';
      return;
    }
    const rest = line.slice(TEST_EVENT_PREFIX.length + 1);
    const sp = rest.indexOf(' ');
    const e = sp < 0 ? { name: rest, detail: '' } : { name: rest.slice(0, sp), detail: rest.slice(sp + 1) };
    events.push(e);
    for (const w of [...waiters]) {
      if (w.name === e.name && w.where(e)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(e);
      }
    }
  };
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr!.setEncoding('utf8').on('data', (d: string) => {
    const lines = (partial + d).split('\n');
    partial = lines.pop()!;
    lines.forEach(onLine);
  });
  const done = new Promise<ChildExit>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (status, signal) => {
      live.delete(child);
      if (partial) stderr += partial;
      exited = { status, signal, stdout, stderr, events };
      for (const w of waiters.splice(0))
        w.reject(
          new Error(`the child exited (${signal ?? status}) before event "${w.name}"; events: ${events.map((e) => e.name).join(', ')}; stderr: ${stderr}`),
        );
      resolve(exited);
    });
  });
  const waitFor = (name: string, where: (e: TestEvent) => boolean = () => true) =>
    new Promise<TestEvent>((resolve, reject) => {
      const e = events.find((x) => x.name === name && where(x));
      if (e) return resolve(e);
      if (exited) return reject(new Error(`the child exited (${exited.signal ?? exited.status}) without event "${name}"; stderr: ${exited.stderr}`));
      waiters.push({ name, where, resolve, reject });
    });
  const resume = () => child.stdin?.end('\n');
  return { child, events, waitFor, resume, done };
}

export interface CreationWatch {
  /** Distinct names created so far that match the pattern. */
  names: Set<string>;
  /** Resolves once `n` distinct matching names have been created. */
  atLeast(n: number): Promise<void>;
  close(): void;
}

/**
 * Watch `dir` (inotify through fs.watch) for entries whose names match `pattern`, including
 * ones that exist only for an instant (a lock attempt's temp file is created and removed at
 * once). Start it before the process under watch.
 */
export function watchCreations(dir: string, pattern: RegExp): CreationWatch {
  const names = new Set<string>();
  const waiters: { n: number; resolve: () => void }[] = [];
  const watcher = fs.watch(dir, (_type, name) => {
    if (!name || !pattern.test(name)) return;
    names.add(name);
    for (const w of [...waiters]) {
      if (names.size >= w.n) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
    }
  });
  return {
    names,
    atLeast: (n) => new Promise<void>((resolve) => (names.size >= n ? resolve() : waiters.push({ n, resolve }))),
    close: () => watcher.close(),
  };
}
