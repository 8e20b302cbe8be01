/** Helpers of the safety tests: paths, the built CLI, temp trees, an unprivileged runner. */
import { spawn, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fastTempDir } from '../helpers/cli.js';
import { corpusBytes, corpusIds, ROOT } from '../helpers/corpus.js';

export { CORPUS } from '../helpers/corpus.js';
/** The installed executable (package.json `bin`): the bundled command line and its loader. */
export const CLI = path.join(ROOT, 'dist', 'bin', 'nnunet-doctor.cjs');
export const EXAMPLES = path.join(ROOT, 'examples', 'nnUNet_raw');

/** Fails loudly when the CLI was not built (`npx tsc -p tsconfig.build.json`; `npm test` builds first). */
export function requireBuiltCli(): void {
  if (!fs.existsSync(CLI)) throw new Error(`${CLI} is missing: build first (npx tsc -p tsconfig.build.json)`);
}

export interface Run {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

const ENV = { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined, nnUNet_raw: '' } as NodeJS.ProcessEnv;

/** Run the built CLI synchronously. `asUser` prefixes the unprivileged runner (see unprivileged()). */
export function cli(args: string[], opts: { cwd?: string; asUser?: string[] } = {}): Run {
  const cmd = [...(opts.asUser ?? []), process.execPath, CLI, ...args];
  const r: SpawnSyncReturns<string> = spawnSync(cmd[0]!, cmd.slice(1), { cwd: opts.cwd ?? ROOT, env: ENV, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (r.error) throw r.error;
  return { status: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

/** Start the built CLI asynchronously (for kills and concurrent runs). */
export function cliAsync(args: string[], opts: { cwd?: string } = {}) {
  return spawn(process.execPath, [CLI, ...args], { cwd: opts.cwd ?? ROOT, env: ENV, stdio: ['ignore', 'pipe', 'pipe'] });
}

/** A fresh temp folder; on tmpfs (/dev/shm) when `fast` and available, where fsync is cheap. */
export function tempDir(prefix: string, fast = false): string {
  const name = `nnunet-doctor-${prefix}-`;
  return fast ? fastTempDir(name) : fs.mkdtempSync(path.join(os.tmpdir(), name));
}

export function rmrf(p: string): void {
  // Restore permissions first so a test that removed them can still clean up.
  try {
    for (const e of fs.readdirSync(p, { recursive: true, withFileTypes: false }) as string[]) {
      try {
        const full = path.join(p, e);
        if (!fs.lstatSync(full).isSymbolicLink()) fs.chmodSync(full, 0o755);
      } catch {
        /* ignore */
      }
    }
  } catch {
    /* ignore */
  }
  fs.rmSync(p, { recursive: true, force: true });
}

export function write(file: string, content: string | Uint8Array, mode = 0o644): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
  fs.chmodSync(file, mode);
}

export const read = (file: string) => fs.readFileSync(file);

/** Every dataset.json source for batch tests: the examples and the real corpus files, smallest first. */
export function sources(maxBytes = Infinity): { name: string; bytes: Buffer }[] {
  const out: { name: string; bytes: Buffer }[] = [];
  for (const n of fs.readdirSync(EXAMPLES).sort()) {
    const p = path.join(EXAMPLES, n, 'dataset.json');
    if (fs.existsSync(p)) out.push({ name: `example:${n}`, bytes: fs.readFileSync(p) });
  }
  for (const n of corpusIds()) out.push({ name: `corpus:${n}`, bytes: corpusBytes(n) });
  return out.filter((s) => s.bytes.length <= maxBytes);
}

/** A small deterministic PRNG (mulberry32). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Names in `dir` (recursively) that are temp or lock files of ours. */
export function ourLeftovers(dir: string): string[] {
  return (fs.readdirSync(dir, { recursive: true }) as string[]).filter((n) =>
    /\.nnunet-doctor-\d+-[0-9a-f]{8}-[0-9a-f]{8}\.tmp$|\.nnunet-doctor\.lock$/.test(n),
  );
}

export interface Unprivileged {
  /** Command prefix that runs a program as the unprivileged user. */
  prefix: string[];
  uid: number;
  gid: number;
}

/**
 * How to run the CLI as an unprivileged user (root ignores permission bits, so permission
 * tests run as root would test nothing). Returns undefined, with the reason, when impossible.
 */
export function unprivileged(): Unprivileged | { reason: string } {
  // Not root: permission bits already apply to us.
  if (process.getuid?.() !== 0) return { prefix: [], uid: process.getuid?.() ?? -1, gid: process.getgid?.() ?? -1 };
  const uid = 65534;
  const gid = 65534;
  for (const prefix of [
    ['setpriv', `--reuid=${uid}`, `--regid=${gid}`, '--clear-groups'],
    ['runuser', '-u', 'nobody', '--'],
  ]) {
    const r = spawnSync(prefix[0]!, [...prefix.slice(1), process.execPath, '-e', 'process.stdout.write(String(process.getuid()))'], { encoding: 'utf8' });
    if (r.status === 0 && r.stdout === String(uid)) return { prefix, uid, gid };
  }
  return { reason: 'neither setpriv nor runuser can switch to uid 65534 (nobody) here' };
}
