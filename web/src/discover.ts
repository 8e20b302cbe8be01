/**
 * Which picked files are dataset.json files to check: the browser twin of src/discover.ts
 * (a walk of node:fs listings there). Same answer for the same folder: every `dataset.json`
 * in the picked folder or up to DEFAULT_MAX_DEPTH folder levels below it, never inside image
 * folders, nnU-Net plans, node_modules or hidden folders, sorted by path. Pure.
 */
import { DEFAULT_MAX_DEPTH, isSkippedFolder } from '../../src/search-scope.js';

/**
 * The dataset.json paths among `paths` (each `root/...`, as `webkitRelativePath` gives them:
 * the first segment is the picked folder itself), sorted as the command line sorts them.
 */
export function findDatasetJsons(paths: readonly string[]): string[] {
  const found = paths.filter((p) => {
    const folders = p.split('/').slice(1);
    if (folders.pop() !== 'dataset.json' || folders.length > DEFAULT_MAX_DEPTH) return false;
    return !folders.some(isSkippedFolder);
  });
  return [...new Set(found)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
