/**
 * Which picked files are dataset.json files to check: the browser twin of src/discover.ts
 * (a walk of node:fs listings there). Same answer for the same folder: every `dataset.json`
 * in the picked folder or up to MAX_DEPTH folder levels below it, never inside image
 * folders, nnU-Net plans, node_modules or hidden folders, sorted by path. Pure.
 */

/** src/discover.ts DEFAULT_MAX_DEPTH: folder levels searched below the picked folder. */
export const MAX_DEPTH = 4;

/** The folder names src/discover.ts never enters (`isSkippedFolder`). */
const PRUNED = new Set(['imagesTr', 'labelsTr', 'imagesTs', 'labelsTs', 'imagesVal', 'labelsVal', 'gt_segmentations', 'node_modules']);

function skipped(folder: string): boolean {
  return folder.startsWith('.') || folder.startsWith('nnUNetPlans_') || PRUNED.has(folder);
}

/**
 * The dataset.json paths among `paths` (each `root/...`, as `webkitRelativePath` gives them:
 * the first segment is the picked folder itself), sorted as the command line sorts them.
 */
export function findDatasetJsons(paths: readonly string[]): string[] {
  const found = paths.filter((p) => {
    const folders = p.split('/').slice(1);
    if (folders.pop() !== 'dataset.json' || folders.length > MAX_DEPTH) return false;
    return !folders.some(skipped);
  });
  return [...new Set(found)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
