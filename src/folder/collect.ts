/**
 * Folder facts, collected through an injected file system (pure of Node: the browser page
 * uses it with File objects; src/folder/facts.ts binds it to node:fs). The I/O edge of the NNU3xx rules. Everything a folder rule needs is read
 * here, once per dataset, and handed to the engine as plain data (`fixText(text, {folder})`).
 *
 * The facts are raw observations (directory listings, a few image headers, sibling folder
 * names, the preprocessed copy's text, which `dataset`-key paths exist) and never
 * conclusions that depend on dataset.json: the engine re-runs the rules on a changed JSON
 * after every fix, and each rule re-derives its conclusions from the current file_ending,
 * numTraining and channel_names.
 *
 * Cost: one `readdir` of the dataset folder, of imagesTr, labelsTr and imagesTs each (no
 * stat per file, never a glob: 100,000 files cost one readdir), one of the parent folder
 * (sibling ids) and of each preprocessed/results root, the first 4 KiB of at most one image
 * per ending, and one read of the preprocessed copy.
 */
import { decodeBytes, parseDocument, type Document } from '../document.js';
import { lastProperty } from '../kind.js';
import type { ImageHeader } from '../images/types.js';
import { posixPath } from './posix-path.js';
import { canReadHeader } from './channels.js';
import { endingOf, isHidden, pyComparator } from './identifiers.js';

/** The file-system calls collectFolderFacts makes (injectable, so tests can count them). */
export interface FolderFs {
  /** `fs.readdir(dir, {withFileTypes: true})`. */
  readdir(dir: string): Promise<Dirent[]>;
  /** An image header, from the first few KiB only (src/images `readImageHeader`). */
  readHeader(file: string): Promise<ImageHeader>;
  /** A whole (small) file. */
  readFile(file: string): Promise<Uint8Array>;
  /** `fs.lstat` (never follows a symlink). */
  lstat(p: string): Promise<{ isFile(): boolean; isDirectory(): boolean; isSymbolicLink(): boolean }>;
}

/** A directory entry, as `fs.readdir(dir, {withFileTypes: true})` returns it. */
export interface Dirent {
  name: string;
  isFile(): boolean;
  isDirectory(): boolean;
  isSymbolicLink(): boolean;
}

/** The path operations collectFolderFacts needs (node:path, or posixPath in a browser). */
export interface PathOps {
  join(...parts: string[]): string;
  resolve(...parts: string[]): string;
  dirname(p: string): string;
  basename(p: string): string;
  isAbsolute(p: string): boolean;
  posix: { normalize(p: string): string; dirname(p: string): string; basename(p: string): string };
}

/** One directory listing: entry names, sorted like Python's sorted(). */
interface DirListing {
  /** Files, and symlinks (nnU-Net's `isfile` follows them; no stat is made to tell). */
  files: string[];
  /** Sub-directories. */
  dirs: string[];
}

export interface HeaderFact {
  /** File name inside imagesTr. */
  file: string;
  header?: ImageHeader;
  /** Why the header could not be read. */
  error?: string;
}

export type DatasetPathStatus =
  /** The file exists inside the dataset folder. */
  | 'exists'
  /** No such file inside the dataset folder. */
  | 'missing'
  /** The path names a directory. */
  | 'not-a-file'
  /** Absolute, or `..` leaves the dataset folder: never read, never followed. */
  | 'outside'
  /** Contains `$VAR`, which nnU-Net expands (os.path.expandvars): not checked. */
  | 'variable'
  /** A symlink on the way (or the file itself is one): not followed, not checked. */
  | 'link'
  /** Not a string in dataset.json. */
  | 'invalid';

export interface IdRoot {
  /** Where nnU-Net looks for `Dataset%03d` prefixes. */
  kind: 'raw' | 'preprocessed' | 'results';
  path: string;
  /** Directory names (and symlinks) in that root, sorted in Python's str order (rules look names up by prefix). */
  names: string[];
}

interface PreprocessedCopy {
  /** `$nnUNet_preprocessed` (source `env`), `opts.preprocessedRoot` (`option`), or `../nnUNet_preprocessed` next to the raw root (`sibling`). */
  source: 'env' | 'option' | 'sibling';
  root: string;
  /** `<root>/<folderName>/dataset.json`. */
  path: string;
  /** The copy's decoded text (BOM kept). */
  text?: string;
  /** Why it could not be decoded. */
  error?: string;
}

export interface FolderFacts {
  /** Absolute path of the dataset folder (the one holding dataset.json). */
  datasetDir: string;
  /** The folder as messages show it (relative to the current folder when inside it); set by the caller. */
  displayDir?: string;
  /** Its base name, e.g. `Dataset001_Liver`. */
  folderName: string;
  /** undefined when the sub-folder does not exist. */
  imagesTr?: DirListing;
  labelsTr?: DirListing;
  imagesTs?: DirListing;
  /** Listings that failed for another reason than absence (EACCES, ENOTDIR). */
  listErrors: { dir: string; message: string }[];
  /** The header of the first visible imagesTr file of each image ending (at most one per ending). */
  headers: HeaderFact[];
  /** Folder names in the dataset folder's parent (the raw root) and in the preprocessed/results roots. */
  idRoots: IdRoot[];
  /** The copy planning wrote to nnUNet_preprocessed, when it exists. */
  preprocessed?: PreprocessedCopy;
  /**
   * When dataset.json has a `dataset` key (nnU-Net's alternative to imagesTr/labelsTr):
   * the status of every path it lists, keyed by the path exactly as written.
   */
  datasetKey?: { paths: Record<string, DatasetPathStatus> };
}

export interface CollectOptions {
  /** Overrides `$nnUNet_preprocessed` and the sibling `nnUNet_preprocessed/`. */
  preprocessedRoot?: string;
  /** Overrides `$nnUNet_results` and the sibling `nnUNet_results/`. */
  resultsRoot?: string;
  /** Environment to read nnUNet_preprocessed / nnUNet_results from (default process.env). */
  env?: Record<string, string | undefined>;
  /** The parsed dataset.json when the caller has it (else `<datasetDir>/dataset.json` is read and parsed). */
  datasetJson?: Document;
  /** File-system calls (tests). */
  fs?: FolderFs;
  /** Path operations (default: node:path in src/folder/facts.ts). */
  path?: PathOps;
  /**
   * Shared across calls in one run: root listings (parent, preprocessed, results) are read
   * once per root instead of once per dataset.
   */
  cache?: Map<string, Promise<string[] | undefined>>;
}

/** Largest preprocessed dataset.json read (bigger ones are reported, not read). */
const MAX_COPY_BYTES = 16 * 1024 * 1024;

function errCode(e: unknown): string | undefined {
  return (e as NodeJS.ErrnoException | undefined)?.code;
}

function errMessage(e: unknown): string {
  return (e as Error | undefined)?.message ?? String(e);
}

function toListing(entries: Dirent[]): DirListing {
  const files: string[] = [];
  const dirs: string[] = [];
  for (const d of entries) {
    if (d.isDirectory()) dirs.push(d.name);
    else if (d.isFile() || d.isSymbolicLink()) files.push(d.name);
  }
  files.sort(pyComparator(files));
  dirs.sort(pyComparator(dirs));
  return { files, dirs };
}

async function tryList(fs: FolderFs, dir: string, errors: FolderFacts['listErrors']): Promise<DirListing | undefined> {
  try {
    return toListing(await fs.readdir(dir));
  } catch (e) {
    if (errCode(e) !== 'ENOENT') errors.push({ dir, message: errMessage(e) });
    return undefined;
  }
}

async function listNames(fs: FolderFs, path: PathOps, dir: string, cache: CollectOptions['cache']): Promise<string[] | undefined> {
  const key = path.resolve(dir);
  const cached = cache?.get(key);
  if (cached) return cached;
  const p = fs.readdir(dir).then(
    (es) => {
      const names = es.filter((d) => d.isDirectory() || d.isSymbolicLink()).map((d) => d.name);
      return names.sort(pyComparator(names));
    },
    () => undefined,
  );
  cache?.set(key, p);
  return p;
}

/**
 * Where nnU-Net's preprocessed copy of this dataset would be: the explicit option, else
 * `$nnUNet_preprocessed`, else a `nnUNet_preprocessed/` next to the folder holding the dataset.
 */
/** Where nnU-Net's preprocessed copy of the dataset.json in `datasetDir` would be (see preprocessedRootOf). */
export function preprocessedCopyPath(path: PathOps, datasetDir: string, opts: CollectOptions): string {
  const dir = path.resolve(datasetDir);
  return path.join(preprocessedRootOf(path, dir, opts).root, path.basename(dir), 'dataset.json');
}

function preprocessedRootOf(path: PathOps, datasetDir: string, opts: CollectOptions): { root: string; source: PreprocessedCopy['source'] } {
  if (opts.preprocessedRoot) return { root: path.resolve(opts.preprocessedRoot), source: 'option' };
  const env = opts.env?.['nnUNet_preprocessed'];
  if (env) return { root: path.resolve(env), source: 'env' };
  return { root: path.join(path.dirname(path.dirname(datasetDir)), 'nnUNet_preprocessed'), source: 'sibling' };
}

function resultsRootOf(path: PathOps, datasetDir: string, opts: CollectOptions): string {
  if (opts.resultsRoot) return path.resolve(opts.resultsRoot);
  const env = opts.env?.['nnUNet_results'];
  if (env) return path.resolve(env);
  return path.join(path.dirname(path.dirname(datasetDir)), 'nnUNet_results');
}

/** The paths listed under the `dataset` key, as written (strings only; others are 'invalid'). */
function datasetKeyPaths(doc: Document): { paths: string[]; invalid: string[] } | undefined {
  const ds = lastProperty(doc.root, 'dataset')?.children?.[1];
  if (ds?.type !== 'object') return undefined;
  const paths: string[] = [];
  const invalid: string[] = [];
  for (const c of ds.children ?? []) {
    const entry = c.children?.[1];
    if (entry?.type !== 'object') continue;
    const images = lastProperty(entry, 'images')?.children?.[1];
    const label = lastProperty(entry, 'label')?.children?.[1];
    for (const n of [...(images?.type === 'array' ? (images.children ?? []) : []), ...(label ? [label] : [])]) {
      if (n.type === 'string') paths.push(String(n.value));
      else invalid.push(doc.text.slice(n.offset, n.offset + n.length));
    }
  }
  return { paths: [...new Set(paths)], invalid };
}

/**
 * Lexical containment, like Python's `os.path.abspath(join(folder, p))` would resolve it:
 * the relative path inside the dataset folder, or undefined when it leaves it.
 */
export function insideRelative(p: string): string | undefined {
  if (p === '' || p.startsWith('/') || p.startsWith('\\') || /^[A-Za-z]:[\\/]/.test(p)) return undefined;
  const norm = posixPath.posix.normalize(p);
  if (norm === '..' || norm.startsWith('../') || norm === '.' || norm.startsWith('/')) return undefined;
  return norm.replace(/\/+$/, '');
}

/**
 * Check `dataset`-key paths without leaving the dataset folder: a path that leaves it is
 * reported as 'outside' and never touched; inside, every directory on the way is lstat'ed
 * (a symlink stops the walk: 'link') and each distinct directory is listed once.
 */
async function checkDatasetPaths(
  fs: FolderFs,
  path: PathOps,
  datasetDir: string,
  paths: string[],
  given: Map<string, DirListing | undefined>,
): Promise<Record<string, DatasetPathStatus>> {
  const listings = new Map<string, { files: Set<string>; dirs: Set<string> }>();
  for (const [k, l] of given) if (l) listings.set(k, { files: new Set(l.files), dirs: new Set(l.dirs) });
  const out: Record<string, DatasetPathStatus> = {};
  const dirState = new Map<string, Promise<'dir' | 'link' | 'missing' | 'not-dir'>>();
  const dirListing = new Map<string, Promise<Map<string, Dirent> | undefined>>();

  const stateOf = (rel: string): Promise<'dir' | 'link' | 'missing' | 'not-dir'> => {
    if (rel === '') return Promise.resolve('dir');
    let p = dirState.get(rel);
    if (!p) {
      p = (async () => {
        const parent = path.posix.dirname(rel);
        const up = await stateOf(parent === '.' ? '' : parent);
        if (up !== 'dir') return up === 'not-dir' ? 'missing' : up;
        try {
          const st = await fs.lstat(path.join(datasetDir, rel));
          return st.isSymbolicLink() ? 'link' : st.isDirectory() ? 'dir' : 'not-dir';
        } catch {
          return 'missing';
        }
      })();
      dirState.set(rel, p);
    }
    return p;
  };
  const entriesOf = (rel: string): Promise<Map<string, Dirent> | undefined> => {
    let p = dirListing.get(rel);
    if (!p) {
      p = fs.readdir(path.join(datasetDir, rel)).then(
        (es) => new Map(es.map((d) => [d.name, d] as const)),
        () => undefined,
      );
      dirListing.set(rel, p);
    }
    return p;
  };

  for (const p of paths) {
    if (p.includes('$')) {
      out[p] = 'variable';
      continue;
    }
    const rel = insideRelative(p);
    if (rel === undefined) {
      out[p] = 'outside';
      continue;
    }
    const dir = path.posix.dirname(rel) === '.' ? '' : path.posix.dirname(rel);
    const base = path.posix.basename(rel);
    // imagesTr/labelsTr/imagesTs were listed already (they may be symlinks: the normal folder checks follow them).
    const listed = listings.get(dir);
    if (listed) {
      out[p] = listed.files.has(base) ? 'exists' : listed.dirs.has(base) ? 'not-a-file' : 'missing';
      continue;
    }
    const st = await stateOf(dir);
    if (st !== 'dir') {
      out[p] = st === 'link' ? 'link' : 'missing';
      continue;
    }
    const e = (await entriesOf(dir))?.get(base);
    out[p] = !e ? 'missing' : e.isSymbolicLink() ? 'link' : e.isDirectory() ? 'not-a-file' : 'exists';
  }
  return out;
}

/**
 * Collect the folder facts of one dataset folder (the folder holding dataset.json).
 *
 * Returns undefined when the folder has none of imagesTr/, labelsTr/ and dataset.json has no
 * `dataset` key: there is nothing to check beyond the JSON then (a preprocessed copy, a
 * dataset whose images are not there yet, another framework's file).
 */
export async function collectFolderFactsWith(fs: FolderFs, datasetDir: string, opts: CollectOptions = {}): Promise<FolderFacts | undefined> {
  const path = opts.path ?? posixPath;
  const dir = path.resolve(datasetDir);
  const listErrors: FolderFacts['listErrors'] = [];

  let top: Dirent[];
  try {
    top = await fs.readdir(dir);
  } catch {
    return undefined;
  }
  const has = (name: string) => top.some((d) => d.name === name && (d.isDirectory() || d.isSymbolicLink()));

  let doc = opts.datasetJson;
  if (doc === undefined && top.some((d) => d.name === 'dataset.json')) {
    try {
      const decoded = decodeBytes(await fs.readFile(path.join(dir, 'dataset.json')));
      if (decoded.ok) doc = parseDocument(decoded.text);
    } catch {
      // unreadable: the JSON rules report it
    }
  }
  const dsPaths = doc !== undefined ? datasetKeyPaths(doc) : undefined;
  if (!has('imagesTr') && !has('labelsTr') && !dsPaths) return undefined;

  const [imagesTr, labelsTr, imagesTs] = await Promise.all(
    ['imagesTr', 'labelsTr', 'imagesTs'].map((sub) => (has(sub) ? tryList(fs, path.join(dir, sub), listErrors) : Promise.resolve(undefined))),
  );

  // Headers: the first visible file of each image ending we can parse (4 KiB each).
  const headers: HeaderFact[] = [];
  if (imagesTr) {
    const seen = new Set<string>();
    for (const f of imagesTr.files) {
      if (isHidden(f) || !canReadHeader(f)) continue;
      const e = endingOf(f);
      if (e === undefined || seen.has(e)) continue;
      seen.add(e);
      if (seen.size > 8) break;
      try {
        headers.push({ file: f, header: await fs.readHeader(path.join(dir, 'imagesTr', f)) });
      } catch (e) {
        headers.push({ file: f, error: errMessage(e) });
      }
    }
  }

  const cache = opts.cache;
  const folderName = path.basename(dir);
  const parentDir = path.dirname(dir);
  const pre = preprocessedRootOf(path, dir, opts);
  const resultsRoot = resultsRootOf(path, dir, opts);
  const idRoots: IdRoot[] = [];
  const rootsSeen = new Set<string>();
  for (const [kind, root] of [
    ['raw', parentDir],
    ['preprocessed', pre.root],
    ['results', resultsRoot],
  ] as const) {
    if (rootsSeen.has(root)) continue;
    rootsSeen.add(root);
    const names = await listNames(fs, path, root, cache);
    if (names) idRoots.push({ kind, path: root, names });
  }

  let preprocessed: PreprocessedCopy | undefined;
  const copyPath = path.join(pre.root, folderName, 'dataset.json');
  if (path.resolve(copyPath) !== path.join(dir, 'dataset.json')) {
    try {
      const bytes = await fs.readFile(copyPath);
      if (bytes.length > MAX_COPY_BYTES) {
        preprocessed = { ...pre, path: copyPath, error: `larger than ${MAX_COPY_BYTES} bytes; not read` };
      } else {
        const decoded = decodeBytes(bytes);
        preprocessed = decoded.ok ? { ...pre, path: copyPath, text: decoded.text } : { ...pre, path: copyPath, error: decoded.reason };
      }
    } catch (e) {
      if (errCode(e) !== 'ENOENT' && errCode(e) !== 'ENOTDIR') preprocessed = { ...pre, path: copyPath, error: errMessage(e) };
    }
  }

  let datasetKey: FolderFacts['datasetKey'];
  if (dsPaths) {
    const listings = new Map<string, DirListing | undefined>([
      ['imagesTr', imagesTr],
      ['labelsTr', labelsTr],
      ['imagesTs', imagesTs],
    ]);
    const paths = await checkDatasetPaths(fs, path, dir, dsPaths.paths, listings);
    for (const raw of dsPaths.invalid) paths[raw] = 'invalid';
    datasetKey = { paths };
  }

  return {
    datasetDir: dir,
    folderName,
    imagesTr,
    labelsTr,
    imagesTs,
    listErrors,
    headers,
    idRoots,
    preprocessed,
    datasetKey,
  };
}
