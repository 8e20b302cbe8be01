/**
 * A read-only FolderFs over the files a person picked or dropped, so that the folder
 * checks (src/folder/collect.ts) run on them unchanged. Paths are the files' relative
 * paths (`webkitRelativePath`, e.g. `nnUNet_raw/Dataset001_Liver/imagesTr/a_0000.nii.gz`)
 * under a virtual root `/`. A browser shows no symbolic links, so there are none here.
 */
import type { Dirent, FolderFs } from '../../src/folder/collect.js';
import { readBlobHeader } from './header.js';

/** One picked file: its path relative to the picked folder's parent, and its contents. */
export interface PickedFile {
  path: string;
  blob: Blob;
}

interface Dir {
  dirs: Map<string, Dir>;
  files: Map<string, Blob>;
}

/** An error shaped like Node's (`code`), which collect.ts tells apart (ENOENT is quiet). */
function fsError(code: string, what: string, p: string): Error {
  return Object.assign(new Error(`${code}: ${what}, '${p}'`), { code });
}

function dirent(name: string, isDir: boolean): Dirent {
  return { name, isFile: () => !isDir, isDirectory: () => isDir, isSymbolicLink: () => false };
}

/** The folder tree of the picked files (folders exist only as the files' parents). */
function buildTree(files: readonly PickedFile[]): Dir {
  const root: Dir = { dirs: new Map(), files: new Map() };
  for (const f of files) {
    const parts = f.path.split('/').filter(Boolean);
    const name = parts.pop();
    if (!name) continue;
    let d = root;
    for (const p of parts) {
      let next = d.dirs.get(p);
      if (!next) d.dirs.set(p, (next = { dirs: new Map(), files: new Map() }));
      d = next;
    }
    d.files.set(name, f.blob);
  }
  return root;
}

/** `/a/b` -> the folder, the file, or undefined. */
function lookup(root: Dir, p: string): Dir | Blob | undefined {
  let node: Dir | Blob = root;
  for (const part of p.split('/').filter(Boolean)) {
    if (node instanceof Blob) return undefined;
    const next: Dir | Blob | undefined = node.dirs.get(part) ?? node.files.get(part);
    if (!next) return undefined;
    node = next;
  }
  return node;
}

/** The FolderFs of a picked file set (absolute virtual paths, `/` first). */
export function pickedFs(files: readonly PickedFile[]): FolderFs {
  const root = buildTree(files);
  const dirAt = (p: string): Dir => {
    const n = lookup(root, p);
    if (!n) throw fsError('ENOENT', 'no such file or directory, scandir', p);
    if (n instanceof Blob) throw fsError('ENOTDIR', 'not a directory, scandir', p);
    return n;
  };
  const fileAt = (p: string): Blob => {
    const n = lookup(root, p);
    if (!n) throw fsError('ENOENT', 'no such file or directory, open', p);
    if (!(n instanceof Blob)) throw fsError('EISDIR', 'illegal operation on a directory, read', p);
    return n;
  };
  return {
    // eslint-disable-next-line @typescript-eslint/require-await -- async: a missing folder rejects, as fs.promises does
    readdir: async (dir) => {
      const d = dirAt(dir);
      return [...[...d.dirs.keys()].map((n) => dirent(n, true)), ...[...d.files.keys()].map((n) => dirent(n, false))];
    },
    readHeader: async (file) => readBlobHeader(file, fileAt(file)),
    readFile: async (file) => new Uint8Array(await fileAt(file).arrayBuffer()),
    // eslint-disable-next-line @typescript-eslint/require-await -- async: a missing path rejects, as fs.promises does
    lstat: async (p) => {
      const n = lookup(root, p);
      if (!n) throw fsError('ENOENT', 'no such file or directory, lstat', p);
      return dirent(p, !(n instanceof Blob));
    },
  };
}
