/**
 * paths -> dataset.json locations. A path may be a dataset.json file, a dataset folder,
 * or a root holding many (nnUNet_raw). The search is a plain breadth-first walk of folder
 * listings: names are compared as strings, never read as glob patterns, so any byte a
 * file system allows in a name (newline, tab, `*`, `?`, `[`, `{`, `!`, `\`, a leading
 * `-`) is found like any other. Image folders, nnU-Net plans, node_modules and hidden
 * folders are not listed (they can hold 100k files, nnU-Net never reads a dataset from
 * them, and hidden ones are snapshots, trash and caches); naming one on the command line
 * still works. The depth is bounded, symlinked dataset folders are followed, every folder
 * is listed once (loops are harmless), results are deduplicated by real path, and the
 * order is stable (sorted by displayed path; a file reached by two names keeps the
 * shallowest, then alphabetically first).
 */
import fs, { promises as fsp } from 'node:fs';
import path from 'node:path';
import { describeFsError } from './read.js';
import { DEFAULT_MAX_DEPTH, isSkippedFolder } from './search-scope.js';

/** How many folders are listed at the same time (bounded: a wide root must not exhaust file handles). */
const LIST_CONCURRENCY = 16;

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

export interface DiscoverError {
  path: string;
  message: string;
  /**
   * `empty`: a path the caller named (or the default folder) holding no dataset.json within
   * the depth searched: a misconfigured path, which the CLI treats as a usage error (exit 2).
   * Absent for paths that could not be examined (permission denied...).
   */
  kind?: 'empty';
}

export interface DiscoverResult {
  files: FoundFile[];
  /** Command-line paths that do not exist (exit 2). */
  missing: string[];
  /** Paths that could not be examined (permission denied...), and named paths holding no dataset.json (`kind: 'empty'`). */
  errors: DiscoverError[];
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

/** `4 folder levels` / `1 folder level`: the depth of a search, in words. */
function levels(n: number): string {
  return `${n} folder level${n === 1 ? '' : 's'}`;
}

/** The one-line message for a named folder in which the search found no dataset.json. */
function emptyMessage(maxDepth: number): string {
  const where = maxDepth === 0 ? 'in this folder (--max-depth 0: no subfolders)' : `in this folder or up to ${levels(maxDepth)} below it`;
  return `no dataset.json found ${where}; image folders (imagesTr, labelsTr, ...), nnUNetPlans_*, node_modules and hidden folders are not searched. Name a dataset.json or a dataset folder, or search deeper with --max-depth`;
}

/** Errors that mean "this folder exists but could not be listed" (not: it vanished meanwhile). */
const UNLISTABLE = new Set(['EACCES', 'EPERM', 'EIO', 'ELOOP', 'ENAMETOOLONG', 'EMFILE', 'ENFILE', 'ESTALE', 'ETIMEDOUT', 'ENOMEM']);

/** `f` over `items`, at most `limit` at a time, results in input order. */
async function mapLimit<T, R>(items: readonly T[], limit: number, f: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await f(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

const byName = (a: fs.Dirent, b: fs.Dirent) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

interface SearchResult {
  /**
   * The entries named dataset.json (files, or anything else: the read step says what is
   * wrong): absolute path, and real path when the listing shows it (a regular file in a
   * folder whose real path is known; a symlink's is resolved by the caller).
   */
  found: { path: string; real?: string }[];
  /** Folders below the root that exist but could not be listed or entered. */
  unlisted: { dir: string; error: unknown }[];
}

/** A folder to list: its path as reached, and its real path (symlinks resolved). */
interface Folder {
  path: string;
  real: string;
}

/**
 * Breadth-first search of the folder `root` (real path `realRoot`) for entries named
 * dataset.json, `maxDepth` folder levels deep. Each folder is listed at most once, keyed
 * by its real path: a symlink back to a folder already listed (a loop) or to one listed
 * through another name costs nothing. The real path of a plain subfolder is its parent's
 * plus its name, so only symlinks cost a `realpath`. An entry named dataset.json is never
 * entered, whatever it is. Throws when the root itself cannot be listed.
 */
async function search(root: string, realRoot: string, maxDepth: number): Promise<SearchResult> {
  const found: SearchResult['found'] = [];
  const unlisted: { dir: string; error: unknown }[] = [];
  const listed = new Set<string>();
  /** A folder that could not be listed or entered; one that vanished meanwhile is no news. */
  const failed = (dir: string, e: unknown) => {
    if (dir === root) throw e;
    if (UNLISTABLE.has((e as NodeJS.ErrnoException).code ?? '')) unlisted.push({ dir, error: e });
  };
  let level: Folder[] = [{ path: root, real: realRoot }];
  for (let depth = 0; level.length; depth++) {
    const toList = level.filter((f) => {
      if (listed.has(f.real)) return false;
      listed.add(f.real);
      return true;
    });
    const listings = await mapLimit(toList, LIST_CONCURRENCY, (f) =>
      fsp.readdir(f.path, { withFileTypes: true }).then(
        (entries) => entries.sort(byName),
        (e: unknown) => (failed(f.path, e), [] as fs.Dirent[]),
      ),
    );
    const next: Folder[] = [];
    const links: Folder[] = [];
    toList.forEach((f, i) => {
      for (const e of listings[i]!) {
        const entry = { path: path.join(f.path, e.name), real: path.join(f.real, e.name) };
        if (e.name === 'dataset.json') found.push(e.isFile() ? entry : { path: entry.path });
        else if (depth >= maxDepth || isSkippedFolder(e.name)) continue;
        else if (e.isDirectory()) next.push(entry);
        else if (e.isSymbolicLink()) links.push(entry);
      }
    });
    // a symlink is followed when it leads to a folder; a dangling one, or one to a file, is no folder
    const targets = await mapLimit(links, LIST_CONCURRENCY, async (l) => {
      try {
        const real = await fsp.realpath(l.path);
        return (await fsp.stat(real)).isDirectory() ? { path: l.path, real } : undefined;
      } catch (e) {
        failed(l.path, e);
        return undefined;
      }
    });
    level = [...next, ...targets.filter((t): t is Folder => t !== undefined)];
  }
  return { found, unlisted };
}

/**
 * Find the dataset.json files a list of command-line paths names. Never throws for a path:
 * a path that does not exist goes to `missing`; one that cannot be searched, and a folder
 * holding no dataset.json within `maxDepth` levels (`kind: 'empty'`), go to `errors`. A
 * path that is a file, or an entry itself named dataset.json (even a folder), is taken
 * as the file to check, so a folder named dataset.json gets the same "is a directory"
 * error whether it was named or found by a search.
 */
export async function discover(paths: string[], options: DiscoverOptions = {}): Promise<DiscoverResult> {
  const cwd = options.cwd ?? process.cwd();
  const maxDepth = options.maxDepth ?? DEFAULT_MAX_DEPTH;
  const byReal = new Map<string, FoundFile>();
  const missing: string[] = [];
  const errors: DiscoverError[] = [];
  const reported = new Set<string>();

  const add = async (abs: string, root: string, realRoot: string, known?: string) => {
    let realPath: string;
    try {
      realPath = known ?? (await fsp.realpath(abs));
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
    if (!st.isDirectory() || path.basename(abs) === 'dataset.json') {
      await add(abs, path.dirname(abs), path.dirname(realRoot));
      continue;
    }
    let result: SearchResult;
    try {
      result = await search(abs, realRoot, maxDepth);
    } catch (e) {
      errors.push({ path: p, message: `cannot search this folder: ${describeFsError(e).reason}` });
      continue;
    }
    for (const { dir, error } of result.unlisted) {
      // A folder reached twice (through a symlinked folder) is reported once.
      const key = await fsp.realpath(dir).catch(() => dir);
      if (reported.has(key)) continue;
      reported.add(key);
      errors.push({
        path: displayPath(dir, cwd),
        message: `cannot list this folder: ${describeFsError(error).reason}; dataset.json files below it were not checked`,
      });
    }
    // Empty means nothing was there to find: not "everything found was already found
    // through another path" (deduplication), and not "a subfolder could not be listed".
    if (!result.found.length && !result.unlisted.length) errors.push({ path: p, message: emptyMessage(maxDepth), kind: 'empty' });
    for (const file of result.found) await add(file.path, abs, realRoot, file.real);
  }
  const files = [...byReal.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { files, missing, errors };
}
