/**
 * nnU-Net's case-identifier logic, re-implemented exactly, plus the naming pitfalls it
 * silently accepts. Pure: file names in, facts out. Source (nnunetv2/utilities/utils.py):
 *
 *     files = subfiles(folder, suffix=file_ending, join=False)      # str.endswith, case-sensitive
 *     crop = len(file_ending) + 5
 *     identifiers = np.unique([i[:-crop] for i in files])
 *     p = re.compile(re.escape(f) + r"_\d\d\d\d" + re.escape(file_ending))  # per identifier f
 *     channels = [i for i in sorted(files) if p.fullmatch(i)]
 *
 * Lengths and slices are in code points (Python `str`), `\d` is any Unicode decimal digit.
 */
import { autoReaderFor, KNOWN_FILE_ENDINGS } from '../keys.js';

/**
 * Image endings nnunet-doctor recognises on disk (lower case): every ending an nnU-Net reader
 * accepts, and the ones it has no reader for but people use: detached headers (`.mhd`,
 * `.nhdr`) and JPEG (deliberately unsupported: lossy).
 */
const KNOWN_ENDINGS: readonly string[] = [...KNOWN_FILE_ENDINGS, '.nhdr', '.mhd', '.jpeg', '.jpg'];

const SURROGATE = /[\uD800-\uDFFF]/;

/** Python `len(s)`: code points. */
export function pyLen(s: string): number {
  return SURROGATE.test(s) ? Array.from(s).length : s.length;
}

/** Python `s[:-n]` for n >= 1 (empty when n >= len(s)). */
export function pyCutEnd(s: string, n: number): string {
  if (!SURROGATE.test(s)) return n >= s.length ? '' : s.slice(0, s.length - n);
  const cps = Array.from(s);
  return n >= cps.length ? '' : cps.slice(0, cps.length - n).join('');
}

/** The last `n` code points of `s`. */
function pyTail(s: string, n: number): string {
  if (!SURROGATE.test(s)) return s.slice(Math.max(0, s.length - n));
  const cps = Array.from(s);
  return cps.slice(Math.max(0, cps.length - n)).join('');
}

/** `_` followed by four Unicode decimal digits (Python's `_\d\d\d\d` on a str pattern). */
const CHANNEL_SUFFIX = /^_\p{Nd}{4}$/u;

/** `_dddd` with ASCII digits (the fast path; other strings go through CHANNEL_SUFFIX). */
function isAsciiChannelSuffix(s: string): boolean {
  if (s.length !== 5 || s.charCodeAt(0) !== 95) return false;
  for (let i = 1; i < 5; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

function isChannelSuffix(s: string): boolean {
  return isAsciiChannelSuffix(s) || CHANNEL_SUFFIX.test(s);
}

/** A comparator in Python's str order for these strings (native `<` unless surrogates occur). */
export function pyComparator(xs: readonly string[]): (a: string, b: string) => number {
  return xs.some((s) => SURROGATE.test(s)) ? compareCodePoints : (a, b) => (a < b ? -1 : a > b ? 1 : 0);
}

/**
 * Sort like Python's sorted() on str (code points). An array that is already sorted (the
 * listings in FolderFacts are) is returned as it is, without a copy.
 */
export function sortPy(xs: Iterable<string>): readonly string[] {
  const arr: string[] = Array.isArray(xs) ? (xs as string[]) : [...xs];
  const cmp = pyComparator(arr);
  for (let i = 1; i < arr.length; i++) if (cmp(arr[i - 1]!, arr[i]!) > 0) return [...arr].sort(cmp);
  return arr;
}

/** Binary search in a list sorted by `cmp`. */
export function sortedHas(sorted: readonly string[], x: string, cmp: (a: string, b: string) => number): boolean {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const d = cmp(sorted[mid]!, x);
    if (d === 0) return true;
    if (d < 0) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

/**
 * The names of a list sorted in Python's str order (code points) that start with `prefix`,
 * an ASCII text: they stand together in the list, found by binary search (a raw root of
 * thousands of datasets is not scanned once per dataset). Comparing a name's first
 * characters with an ASCII prefix gives the same order in UTF-16 units as in code points.
 */
export function sortedWithPrefix(sorted: readonly string[], prefix: string): readonly string[] {
  const head = (s: string) => s.slice(0, prefix.length);
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (head(sorted[mid]!) < prefix) lo = mid + 1;
    else hi = mid;
  }
  let end = lo;
  while (end < sorted.length && sorted[end]!.startsWith(prefix)) end++;
  return sorted.slice(lo, end);
}

/** A file name starting with a dot: `.DS_Store`, AppleDouble `._case_0000.nii.gz`. */
export function isHidden(name: string): boolean {
  return name.startsWith('.');
}

/**
 * The image ending of a file as it is spelled on disk (`.NII.GZ` stays upper case), matched
 * case-insensitively against KNOWN_ENDINGS, longest match first; undefined for other files
 * (`.DS_Store`, `README.txt`, tif side-car `.json`).
 */
export function endingOf(name: string): string | undefined {
  const lower = name.slice(-8).toLowerCase();
  let best: string | undefined;
  for (const e of KNOWN_ENDINGS) {
    if (lower.endsWith(e) && name.length > e.length && (!best || e.length > best.length)) best = e;
  }
  return best === undefined ? undefined : name.slice(name.length - best.length);
}

/** True when nnU-Net has a reader for this ending (it lower-cases it first). */
export function isSupportedEnding(ending: string): boolean {
  return autoReaderFor(ending) !== undefined;
}

/** nnU-Net's identifier of one image file: `name[:-(len(file_ending) + 5)]`. */
export function identifierOf(name: string, fileEnding: string): string {
  return pyCutEnd(name, pyLen(fileEnding) + 5);
}

/** True when `name` is `identifierOf(name) + "_XXXX" + file_ending`, i.e. a channel file of its own case. */
export function isChannelFile(name: string, fileEnding: string): boolean {
  if (!name.endsWith(fileEnding)) return false;
  if (!SURROGATE.test(name)) {
    // fileEnding is a suffix of name, so it has no surrogates either: lengths are code points
    const end = name.length - fileEnding.length;
    return end >= 5 && isChannelSuffix(name.slice(end - 5, end));
  }
  const crop = pyLen(fileEnding) + 5;
  if (pyLen(name) < crop) return false;
  return isChannelSuffix(pyCutEnd(pyTail(name, crop), pyLen(fileEnding)));
}

/** The channel index of a well-formed channel file (`case_0002.nii.gz` -> 2), NaN for non-ASCII digits. */
export function channelIndexOf(name: string, fileEnding: string): number {
  if (!SURROGATE.test(name)) {
    const end = name.length - fileEnding.length;
    const digits = name.slice(end - 4, end);
    return /^[0-9]{4}$/.test(digits) ? Number(digits) : NaN;
  }
  const crop = pyLen(fileEnding) + 5;
  const digits = pyCutEnd(pyTail(name, crop), pyLen(fileEnding)).slice(1);
  return /^[0-9]{4}$/.test(digits) ? Number(digits) : NaN;
}

/** nnU-Net's identifiers: the unique cut names, sorted (np.unique). */
export function identifiersOf(files: readonly string[], fileEnding: string): string[] {
  return casesOf(files, fileEnding).map((c) => c.id);
}

/** Python's default str ordering (code points). */
function compareCodePoints(a: string, b: string): number {
  if (a === b) return 0;
  if (!SURROGATE.test(a) && !SURROGATE.test(b)) return a < b ? -1 : 1;
  const x = Array.from(a);
  const y = Array.from(b);
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = x[i]!.codePointAt(0)! - y[i]!.codePointAt(0)!;
    if (d) return d;
  }
  return x.length - y.length;
}

export interface Case {
  /** The identifier nnU-Net derives. */
  id: string;
  /** The files `create_lists_from_splitted_dataset_folder` assigns to it, in sorted order. */
  channels: string[];
}

/**
 * What nnU-Net builds from imagesTr: its identifiers (sorted, unique) with their channel
 * files. A file can only ever match the identifier cut from itself, so this is one pass;
 * when the identifiers come out in order (the usual case) no map is built.
 */
export function casesOf(files: readonly string[], fileEnding: string): Case[] {
  const sorted = sortPy(files);
  const cmp = pyComparator(sorted);
  const out: Case[] = [];
  let last: Case | undefined;
  let inOrder = true;
  for (const f of sorted) {
    if (!f.endsWith(fileEnding)) continue;
    const id = identifierOf(f, fileEnding);
    if (!last || last.id !== id) {
      if (last && cmp(last.id, id) > 0) {
        inOrder = false;
        break;
      }
      out.push((last = { id, channels: [] }));
    }
    if (isChannelFile(f, fileEnding)) last.channels.push(f);
  }
  if (inOrder) return out;
  const byId = new Map<string, Case>();
  for (const f of sorted) {
    if (!f.endsWith(fileEnding)) continue;
    const id = identifierOf(f, fileEnding);
    let c = byId.get(id);
    if (!c) byId.set(id, (c = { id, channels: [] }));
    if (isChannelFile(f, fileEnding)) c.channels.push(f);
  }
  return sortPy([...byId.keys()]).map((id) => byId.get(id)!);
}

/** Channel indices absent below the highest present one: `[0, 2]` -> `[1]`. */
export function missingChannelIndices(indices: readonly number[]): number[] {
  // fast path: sorted 0, 1, 2, ... (the usual case) allocates nothing
  let i = 0;
  while (i < indices.length && indices[i] === i) i++;
  if (i === indices.length) return [];
  const have = new Set(indices.filter((i) => Number.isFinite(i)));
  if (!have.size) return [];
  const max = Math.max(...have);
  const out: number[] = [];
  for (let i = 0; i < max; i++) if (!have.has(i)) out.push(i);
  return out;
}

/** The four-digit channel suffix, `_0001`. */
export function channelSuffix(index: number): string {
  return '_' + String(index).padStart(4, '0');
}

type NameProblem =
  /** `._case_0000.nii.gz` (AppleDouble) or any other dot-file ending with file_ending. */
  | 'hidden'
  /** `x.001.0000.nii.gz`, `case-0000.nii.gz`: a channel index after a separator other than `_`. */
  | 'separator'
  /** `la_007.nii.gz`: no `_XXXX` channel index at all. */
  | 'no-channel';

export interface NamingIssue {
  file: string;
  problem: NameProblem;
  /** The identifier nnU-Net derives from this file (often garbage). */
  id: string;
  /** A name nnU-Net would read as intended (not for hidden files: those are deleted). */
  suggestion?: string;
}

/**
 * Classify one file that ends with file_ending. Undefined when it is a proper channel file
 * of a visible case.
 */
export function namingIssueOf(name: string, fileEnding: string): NamingIssue | undefined {
  const id = identifierOf(name, fileEnding);
  if (isHidden(name)) return { file: name, problem: 'hidden', id };
  if (isChannelFile(name, fileEnding)) return undefined;
  const stem = pyCutEnd(name, pyLen(fileEnding));
  const sep = /^(.*?)[.\- ]?[.\- ](\p{Nd}{4})$/u.exec(stem);
  if (sep && sep[1]) return { file: name, problem: 'separator', id, suggestion: `${sep[1]}_${sep[2]}${fileEnding}` };
  return { file: name, problem: 'no-channel', id, suggestion: `${stem}_0000${fileEnding}` };
}

/** Every naming issue among the files nnU-Net considers, in sorted order. */
export function namingIssuesOf(files: readonly string[], fileEnding: string): NamingIssue[] {
  const out: NamingIssue[] = [];
  for (const f of sortPy(files)) {
    if (!f.endsWith(fileEnding)) continue;
    const issue = namingIssueOf(f, fileEnding);
    if (issue) out.push(issue);
  }
  return out;
}

/** The label identifiers VDI uses: `i[:-len(file_ending)]` over labelsTr files ending with file_ending. */
export function labelIdentifiersOf(files: readonly string[], fileEnding: string): Set<string> {
  const out = new Set<string>();
  if (!fileEnding) return out;
  for (const f of files) if (f.endsWith(fileEnding)) out.add(pyCutEnd(f, pyLen(fileEnding)));
  return out;
}

/** Image endings present on disk (as spelled), with counts; hidden files and non-image files excluded. */
export function endingsOnDisk(files: readonly string[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const f of files) {
    if (isHidden(f)) continue;
    const e = endingOf(f);
    if (e !== undefined) out.set(e, (out.get(e) ?? 0) + 1);
  }
  return out;
}

type FolderNameProblem =
  /** `Task01_Heart` (MSD) / `Task001_X` (nnU-Net v1). */
  | 'task'
  /** `Dataset1234_X`: nnU-Net reads the id as int(name[7:10]) = 123. */
  | 'four-digit'
  /** `Dataset_001`, `dataset001_x`, `Dataset01_X`, `Liver`: never found by nnU-Net v2. */
  | 'not-dataset'
  /** `Dataset001` without `_Name`: found by prefix, but not the documented form. */
  | 'no-name';

export interface FolderNameCheck {
  ok: boolean;
  /** The id nnU-Net derives (int(name[7:10])) when the name starts with `Dataset`. */
  id?: number;
  problem?: FolderNameProblem;
  /** A `Dataset###_Name` the user most likely meant. */
  suggestion?: string;
}

/** nnU-Net v2's folder-name rule (`dataset_name_id_conversion.py`). */
export function checkDatasetFolderName(name: string): FolderNameCheck {
  const ok = /^Dataset(\d{3})_(.+)$/.exec(name);
  if (ok) return { ok: true, id: Number(ok[1]) };
  const pad = (n: string) => String(Number(n)).padStart(3, '0');
  const task = /^Task(\d+)_(.*)$/i.exec(name);
  if (task) {
    const n = Number(task[1]);
    return { ok: false, problem: 'task', suggestion: n >= 1 && n <= 999 ? `Dataset${pad(task[1]!)}_${task[2] || 'Name'}` : undefined };
  }
  const four = /^Dataset(\d{4,})(?:_(.*))?$/.exec(name);
  if (four) return { ok: false, problem: 'four-digit', id: Number(four[1]!.slice(0, 3)), suggestion: undefined };
  const bare = /^Dataset(\d{3})$/.exec(name);
  if (bare) return { ok: false, problem: 'no-name', id: Number(bare[1]), suggestion: `${name}_Name` };
  const loose = /^dataset[_\- ]?(\d{1,3})(?:[_\- ](.*))?$/i.exec(name);
  if (loose) return { ok: false, problem: 'not-dataset', suggestion: `Dataset${pad(loose[1]!)}_${loose[2] || 'Name'}` };
  return { ok: false, problem: 'not-dataset' };
}

/** Show the first `n` items, then "and K more". */
export function listSome(items: readonly string[], n = 5): string {
  const shown = items.slice(0, n).join(', ');
  return items.length > n ? `${shown} and ${items.length - n} more` : shown;
}
