/**
 * paths -> dataset.json locations. A path may be a dataset.json file, a dataset folder,
 * or a root holding many (nnUNet_raw). Image folders are pruned in the glob (they can
 * hold 100k files and are never listed), the depth is bounded, symlinked dataset folders
 * are followed, loops are harmless (results are deduplicated by real path), and the
 * order is stable (sorted by displayed path).
 */
import fg from 'fast-glob';
import fs, { promises as fsp } from 'node:fs';
import path from 'node:path';
import { describeFsError } from './read.js';

/** Folders never listed: image data and tool caches. `**\/x` prunes (ecosystem notes §4). */
export const PRUNED = [
  '**/imagesTr', '**/labelsTr', '**/imagesTs', '**/labelsTs', '**/imagesVal', '**/labelsVal',
  '**/gt_segmentations', '**/nnUNetPlans_*', '**/node_modules', '**/.git',
];

export const DEFAULT_MAX_DEPTH = 4;

export interface FoundFile {
  /** As shown to the user: relative to cwd when inside it, else absolute. */
  path: string;
  absPath: string;
  /** Real path (symlinks resolved), the deduplication key. */
  realPath: string;
  /** The command-line root this file was found under (absolute). */
  root: string;
  /** The root's real path. */
  realRoot: string;
}

export interface DiscoverResult {
  files: FoundFile[];
  /** Command-line paths that do not exist (exit 2). */
  missing: string[];
  /** Paths that could not be examined (permission denied...). */
  errors: { path: string; message: string }[];
}

export interface DiscoverOptions {
  cwd?: string;
  maxDepth?: number;
}

/** Display form of an absolute path. */
export function displayPath(abs: string, cwd: string): string {
  const rel = path.relative(cwd, abs);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel.split(path.sep).join('/') : abs;
}

/** Errors that mean "this folder exists but could not be listed" (not: it vanished meanwhile). */
const UNLISTABLE = new Set(['EACCES', 'EPERM', 'EIO', 'ELOOP', 'ENAMETOOLONG', 'EMFILE', 'ENFILE', 'ESTALE', 'ETIMEDOUT', 'ENOMEM']);

/** fs.readdir that records the folders it failed to list in `into` (path -> error), then fails as usual. */
function recordingReaddir(into: Map<string, unknown>) {
  return (dir: fs.PathLike, ...rest: unknown[]) => {
    const callback = rest.pop() as (err: NodeJS.ErrnoException | null, result?: unknown) => void;
    const done = (err: NodeJS.ErrnoException | null, result?: unknown) => {
      if (err && UNLISTABLE.has(err.code ?? '') && !into.has(String(dir))) into.set(String(dir), err);
      callback(err, result);
    };
    (fs.readdir as (...a: unknown[]) => void)(dir, ...rest, done);
  };
}

export async function discover(paths: string[], options: DiscoverOptions = {}): Promise<DiscoverResult> {
  const cwd = options.cwd ?? process.cwd();
  const maxDepth = options.maxDepth ?? DEFAULT_MAX_DEPTH;
  const byReal = new Map<string, FoundFile>();
  const missing: string[] = [];
  const errors: { path: string; message: string }[] = [];
  const reported = new Set<string>();

  const add = async (abs: string, root: string, realRoot: string) => {
    let realPath: string;
    try {
      realPath = await fsp.realpath(abs);
    } catch (e) {
      // e.g. a symlink loop; reached twice through a symlinked folder, it is reported once.
      const key = path.join(await fsp.realpath(path.dirname(abs)).catch(() => path.dirname(abs)), path.basename(abs));
      if (!reported.has(key)) {
        reported.add(key);
        errors.push({ path: displayPath(abs, cwd), message: `cannot resolve: ${describeFsError(e).reason}` });
      }
      return;
    }
    if (!byReal.has(realPath)) byReal.set(realPath, { path: displayPath(abs, cwd), absPath: abs, realPath, root, realRoot });
  };

  for (const p of paths) {
    const abs = path.resolve(cwd, p);
    let st;
    try {
      st = await fsp.stat(abs);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') missing.push(p);
      else errors.push({ path: p, message: `cannot access: ${describeFsError(e).reason}` });
      continue;
    }
    const realRoot = await fsp.realpath(abs).catch(() => abs);
    if (!st.isDirectory()) {
      await add(abs, path.dirname(abs), path.dirname(realRoot));
      continue;
    }
    let entries: string[];
    // fast-glob's suppressErrors would skip a folder it cannot list without a word: the
    // readdir it uses is wrapped so such folders are reported (their files were not checked).
    const unlisted = new Map<string, unknown>();
    try {
      entries = await fg('**/dataset.json', {
        cwd: abs,
        deep: maxDepth,
        ignore: PRUNED,
        onlyFiles: false,
        followSymbolicLinks: true,
        suppressErrors: true,
        dot: false,
        fs: { readdir: recordingReaddir(unlisted) as typeof fs.readdir },
      });
    } catch (e) {
      errors.push({ path: p, message: `cannot search this folder: ${describeFsError(e).reason}` });
      continue;
    }
    for (const [dir, e] of unlisted) {
      const full = path.resolve(abs, dir);
      // A folder reached twice (through a symlinked folder) is reported once.
      const key = await fsp.realpath(full).catch(() => full);
      if (reported.has(key)) continue;
      reported.add(key);
      errors.push({ path: displayPath(full, cwd), message: `cannot list this folder: ${describeFsError(e).reason}; dataset.json files below it were not checked` });
    }
    for (const rel of entries) await add(path.join(abs, rel), abs, realRoot);
  }
  const files = [...byReal.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { files, missing, errors };
}
