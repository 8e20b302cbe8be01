/**
 * Opening image files safely: only regular files are opened (a FIFO would block the open
 * until a writer appears, `/dev/zero` never ends, opening a device can have effects), and
 * a data file named inside a header (NRRD `data file:`, MetaImage `ElementDataFile`) must
 * stay inside the dataset folder.
 */
import { constants, type Stats } from 'node:fs';
import { open, realpath, stat, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { NotRegularFileError, OutsideDatasetError } from './errors.js';

/** What a non-regular file is, for messages. */
function fileTypeName(st: Stats): string {
  if (st.isDirectory()) return 'a directory';
  if (st.isFIFO()) return 'a FIFO (named pipe)';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isSocket()) return 'a socket';
  return 'not a regular file';
}

/** An open regular file and its size. */
export interface RegularFile {
  handle: FileHandle;
  size: number;
}

/**
 * `O_NONBLOCK`: opening a FIFO for reading returns at once instead of waiting for a
 * writer, so a path swapped for a FIFO between the check and the open cannot block
 * (regular files ignore the flag). `O_NOCTTY`: a terminal never becomes ours.
 */
const { O_NONBLOCK = 0, O_NOCTTY = 0 } = constants as { O_NONBLOCK?: number; O_NOCTTY?: number }; // not on Windows
const OPEN_FLAGS = constants.O_RDONLY | O_NONBLOCK | O_NOCTTY;

/**
 * Opens a regular file for reading. Symbolic links are followed (datasets are often
 * assembled from links); anything that is not a regular file is refused before it is
 * opened (stat), and the open handle is checked again (fstat) in case the path changed.
 *
 * @param file - the path to open
 * @returns the handle (the caller closes it) and the file size
 * @throws NotRegularFileError for a FIFO, device, socket or directory
 * @throws a Node.js file-system error (ENOENT, EACCES, ELOOP, ...)
 */
export async function openRegularFile(file: string): Promise<RegularFile> {
  const before = await stat(file);
  if (!before.isFile()) throw new NotRegularFileError(`${fileTypeName(before)}, not a regular file: not opened`);
  const handle = await open(file, OPEN_FLAGS);
  try {
    const st = await handle.stat();
    if (!st.isFile()) throw new NotRegularFileError(`${fileTypeName(st)}, not a regular file: not read`);
    return { handle, size: st.size };
  } catch (err) {
    await handle.close();
    throw err;
  }
}

/** True when `child` is `parent` or inside it (both absolute, normalised). */
function isInside(child: string, parent: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel));
}

/**
 * Resolves a data file named in the header at `headerPath` (relative to the header's
 * folder, as ITK and teem read it) and checks that it stays inside `root`, the dataset
 * folder: the name is relative and does not leave `root` with `..` (the lexical rule of
 * the `dataset` key checks), and its real path (after symbolic links) is inside the real
 * `root` or the header's real folder (a symlinked labelsTr keeps its own files).
 *
 * @returns the path to open
 * @throws OutsideDatasetError when the name or a link leads out of the dataset folder
 * @throws a Node.js file-system error (ENOENT, ...) when the data file does not exist
 */
export async function containedDataFile(headerPath: string, dataFile: string, root: string): Promise<string> {
  const headerDir = path.dirname(path.resolve(headerPath));
  const absRoot = path.resolve(root);
  const outside = (why: string): OutsideDatasetError => new OutsideDatasetError(`its data file ${JSON.stringify(dataFile)} ${why}; not read`);
  if (path.isAbsolute(dataFile)) {
    if (!isInside(path.normalize(dataFile), absRoot)) throw outside('is an absolute path outside the dataset folder');
  }
  const joined = path.resolve(headerDir, dataFile);
  // Lazy: the folder module is only needed for detached data files (rare), not in every worker.
  const { insideRelative } = await import('../folder/collect.js');
  const rel = path.relative(absRoot, joined);
  if (rel === '' || insideRelative(rel.split(path.sep).join('/')) === undefined) throw outside('is outside the dataset folder');
  const real = await realpath(joined);
  const [realRoot, realHeaderDir] = await Promise.all([realpath(absRoot), realpath(headerDir)]);
  if (!isInside(real, realRoot) && !isInside(real, realHeaderDir)) throw outside(`leads out of the dataset folder (to ${real})`);
  return joined;
}
