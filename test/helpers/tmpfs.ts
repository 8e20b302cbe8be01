/**
 * A tiny tmpfs for real disk-full tests (root only: elsewhere `reason` says why not, and the
 * tests that need it say SKIPPED; their injected-ENOSPC twins still run).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export interface Tmpfs {
  /** The mount point. */
  dir: string;
  /** Why it could not be mounted; undefined when mounted. */
  reason?: string;
  /** Unmount and remove the mount point. */
  unmount(): void;
}

/** Mount a tmpfs of `kb` KB at a fresh folder named after `name` in /tmp. */
export function mountTmpfs(name: string, kb: number): Tmpfs {
  const dir = path.join('/tmp', `nnunet-doctor-${name}-${process.pid}`);
  const gone = () => fs.rmSync(dir, { recursive: true, force: true });
  if (process.getuid?.() !== 0) return { dir, reason: 'not root: cannot mount a tmpfs', unmount: gone };
  fs.mkdirSync(dir, { recursive: true });
  const r = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${kb}k,mode=0755`, 'tmpfs', dir], { encoding: 'utf8' });
  if (r.status !== 0) {
    gone();
    return { dir, reason: `mount -t tmpfs failed: ${(r.stderr || r.error?.message || '').trim()}`, unmount: () => undefined };
  }
  return {
    dir,
    unmount() {
      spawnSync('umount', [dir]);
      gone();
    },
  };
}
