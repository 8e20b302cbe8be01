/** Test helpers: run the built CLI, make temp trees, read the real corpus (test/fixtures/corpus). */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from './corpus.js';

export { CORPUS, corpusBytes, corpusIds, ROOT } from './corpus.js';
/** The installed executable (package.json `bin`): the bundled command line and its loader. */
export const CLI = path.join(ROOT, 'dist', 'bin', 'nnunet-doctor.cjs');
export const EXAMPLES = path.join(ROOT, 'examples', 'nnUNet_raw');

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Run the built executable (`node dist/bin/nnunet-doctor.cjs ...args`) synchronously with colours off. */
export function runCli(args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv; input?: string } = {}): CliRun {
  const r: SpawnSyncReturns<string> = spawnSync(process.execPath, [CLI, ...args], {
    cwd: opts.cwd ?? ROOT,
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined, nnUNet_raw: undefined, ...opts.env },
    encoding: 'utf8',
    input: opts.input,
    maxBuffer: 256 * 1024 * 1024,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A fresh temp folder, removed by the caller via `cleanup`. */
export function tempDir(prefix = 'nnunet-doctor-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/**
 * A fresh temp folder on tmpfs (/dev/shm) when there is one we may write, else like tempDir.
 * For trees of many files: creating 100,000 files takes about 1 s there and 10-20 s on a
 * loaded disk.
 */
export function fastTempDir(prefix = 'nnunet-doctor-test-'): string {
  return fs.mkdtempSync(path.join(isWritableDir('/dev/shm') ? '/dev/shm' : os.tmpdir(), prefix));
}

function isWritableDir(p: string): boolean {
  try {
    fs.accessSync(p, fs.constants.W_OK);
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

export function cleanup(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}

/** Copy a folder tree (files and folders only). */
export function copyTree(from: string, to: string): void {
  fs.cpSync(from, to, { recursive: true });
}

/** Write files given as { 'rel/path': content } under dir. */
export function writeTree(dir: string, files: Record<string, string | Uint8Array>): void {
  for (const [rel, content] of Object.entries(files)) {
    const p = path.join(dir, rel);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, content);
  }
}
