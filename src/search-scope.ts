/**
 * Where the search for dataset.json files looks: the folders it never enters and how deep
 * it goes. Pure, so that the command line (src/discover.ts, a walk of folder listings) and
 * the page (web/src/discover.ts, the picked folder's file list) give the same answer.
 */

/**
 * Folder names never listed during a search (image data and tool caches).
 * @public scripts/bench-core.mjs reads it from dist/.
 */
export const PRUNED: readonly string[] = ['imagesTr', 'labelsTr', 'imagesTs', 'labelsTs', 'imagesVal', 'labelsVal', 'gt_segmentations', 'node_modules'];

/** Folders the search does not enter: {@link PRUNED}, `nnUNetPlans_*` and hidden (`.name`) folders. */
export function isSkippedFolder(name: string): boolean {
  return name.startsWith('.') || name.startsWith('nnUNetPlans_') || PRUNED.includes(name);
}

/** Folder levels searched below each path: 0 is the path itself, 1 its subfolders, ... */
export const DEFAULT_MAX_DEPTH = 4;
