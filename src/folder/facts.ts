/**
 * Folder facts on Node: collectFolderFacts (src/folder/collect.ts) bound to node:fs and
 * node:path, reading nnUNet_preprocessed / nnUNet_results from the process environment
 * unless told otherwise. The I/O edge of the NNU3xx rules.
 */
import * as fsp from 'node:fs/promises';
import * as path from 'node:path';
import { readImageHeader } from '../images/header.js';
import { collectFolderFactsWith, type CollectOptions, type FolderFacts, type FolderFs } from './collect.js';

export * from './collect.js';

export const nodeFolderFs: FolderFs = {
  readdir: (dir) => fsp.readdir(dir, { withFileTypes: true }),
  readHeader: (file) => readImageHeader(file),
  readFile: (file) => fsp.readFile(file),
  lstat: (p) => fsp.lstat(p),
};

/** Collect the folder facts of one dataset folder with node:fs (see collectFolderFactsWith). */
export function collectFolderFacts(datasetDir: string, opts: CollectOptions = {}): Promise<FolderFacts | undefined> {
  return collectFolderFactsWith(opts.fs ?? nodeFolderFs, datasetDir, { ...opts, path: opts.path ?? path, env: opts.env ?? process.env });
}
