/**
 * Helpers of the command-line tests on temp trees: a byte-exact snapshot of a tree (any
 * names: newlines, dashes, hidden), the list of files a run changed, and the built CLI
 * run with an optional stdin file and a safety timeout.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { CLI } from '../helpers/cli.js';

/** A dataset.json that NNU102 fixes, and the exact bytes `--fix` writes for it. */
export const FIXABLE = '{"channel_names": {"0": "CT"}, "labels": {"0": "background", "1": "a"}, "numTraining": 1, "file_ending": ".nii.gz"}';
export const FIXED = '{"channel_names": {"0": "CT"}, "labels": {"background": 0, "a": 1}, "numTraining": 1, "file_ending": ".nii.gz"}';

/** Every regular file below `root` (hidden ones too, symlinks not followed): relative path -> bytes (base64). */
export function snapshot(root: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) out.set(path.relative(root, p), fs.readFileSync(p).toString('base64'));
    }
  };
  walk(root);
  return out;
}

/** The files that differ between two snapshots (changed, added or removed), sorted. */
export function changedFiles(before: Map<string, string>, after: Map<string, string>): string[] {
  const keys = new Set([...before.keys(), ...after.keys()]);
  return [...keys].filter((k) => before.get(k) !== after.get(k)).sort();
}

/** Create dataset folders under `root`, each holding the FIXABLE dataset.json. */
export function datasets(root: string, names: string[]): void {
  for (const n of names) {
    fs.mkdirSync(path.join(root, n), { recursive: true });
    fs.writeFileSync(path.join(root, n, 'dataset.json'), FIXABLE);
  }
}

export interface Run {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  stdoutBytes: Buffer;
}

/**
 * Run the built executable (`node dist/bin/nnunet-doctor.cjs ...args`), colours off and $nnUNet_raw unset unless given.
 * `stdinFile` connects a file (a FIFO, /dev/zero...) as standard input. The timeout is a
 * safety net for "never hangs" cases only: the tests assert the child was not killed.
 */
export function cli(args: string[], opts: { cwd: string; env?: NodeJS.ProcessEnv; input?: string | Buffer; stdinFile?: string; timeout?: number }): Run {
  const stdinFd = opts.stdinFile === undefined ? undefined : fs.openSync(opts.stdinFile, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
  try {
    const r = spawnSync(process.execPath, [CLI, ...args], {
      cwd: opts.cwd,
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined, nnUNet_raw: undefined, ...opts.env },
      input: opts.input,
      stdio: [stdinFd ?? 'pipe', 'pipe', 'pipe'],
      timeout: opts.timeout ?? 60_000,
      maxBuffer: 64 * 1024 * 1024,
    });
    return { status: r.status, signal: r.signal, stdout: r.stdout.toString('utf8'), stderr: r.stderr.toString('utf8'), stdoutBytes: r.stdout };
  } finally {
    if (stdinFd !== undefined) fs.closeSync(stdinFd);
  }
}
