/** Test helpers: run the built CLI, make temp trees, read the shared corpus. */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..', '..');
export const CLI = path.join(ROOT, 'dist', 'src', 'cli.js');
export const CORPUS = path.resolve(ROOT, '..', 'shared', 'corpus', 'real');
export const EXAMPLES = path.join(ROOT, 'examples', 'nnUNet_raw');

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Run `node dist/src/cli.js ...args` synchronously with colours off. */
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

/** Every corpus id (folder name), sorted. */
export function corpusIds(): string[] {
  return fs.readdirSync(CORPUS).filter((n) => /^\d{3}_/.test(n)).sort();
}

export function corpusBytes(id: string): Buffer {
  return fs.readFileSync(path.join(CORPUS, id, 'dataset.json'));
}
