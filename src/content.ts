/**
 * Segmentation content facts for the NNU4xx rules (`--labels`): every label file in
 * labelsTr is read streaming (src/images, several at a time) and its values counted; the
 * first image channel of each case is read header-only for the geometry check. I/O lives
 * here; the rules only read the resulting ContentFacts (src/content-facts.ts, pure).
 */
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import type { ContentFacts, GeometryPair, ScannedLabelFile } from './content-facts.js';
import { abortError, classifyError, readImageHeader, scanFiles, SUPPORTED_ENDINGS } from './images/index.js';
import { KNOWN_FILE_ENDINGS } from './keys.js';
import { testEvent } from './test-events.js';

export { labelExtra } from './content-facts.js';

/** Endings of label files worth opening: every ending an nnU-Net reader or our scanner knows. */
const ANY_ENDING = [...new Set([...KNOWN_FILE_ENDINGS, ...SUPPORTED_ENDINGS])].sort((a, b) => b.length - a.length);

function endingOf(name: string): string | undefined {
  const lower = name.toLowerCase();
  return ANY_ENDING.find((e) => lower.endsWith(e));
}

export interface CollectContentOptions {
  jobs?: number;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number, bytes: number) => void;
}

/**
 * Scan labelsTr of a dataset folder. `fileEnding` (from dataset.json) selects the files
 * when it is a plausible ending; otherwise every file with an image ending is read.
 * Returns undefined when the folder has no labelsTr.
 */
export async function collectContentFacts(
  datasetDir: string,
  fileEnding: string | undefined,
  options: CollectContentOptions = {},
): Promise<ContentFacts | undefined> {
  const { signal } = options;
  const stopIfAborted = (): void => {
    if (signal?.aborted) throw abortError(signal);
  };
  const labelsDir = path.join(datasetDir, 'labelsTr');
  testEvent('labels-list', labelsDir);
  let names: string[];
  try {
    names = (await fsp.readdir(labelsDir)).filter((n) => !n.startsWith('.')).sort();
  } catch {
    return undefined;
  }
  stopIfAborted();
  const useEnding = fileEnding && names.some((n) => n.endsWith(fileEnding)) ? fileEnding : undefined;
  const labelFiles = names.filter((n) => (useEnding ? n.endsWith(useEnding) : endingOf(n) !== undefined));
  testEvent('labels-scan-start', labelsDir);
  const results = await scanFiles(
    labelFiles.map((n) => path.join(labelsDir, n)),
    // detached data files (NRRD, MetaImage) must stay inside the dataset folder
    { jobs: options.jobs, signal, onProgress: options.onProgress, root: datasetDir },
  );
  const files: ScannedLabelFile[] = results.map((r, i) => ({
    name: labelFiles[i]!,
    scan: r.result,
    error: r.error ? { kind: r.error.kind, message: r.error.message } : undefined,
  }));

  // geometry: label header vs the first channel of the same case, header reads only
  stopIfAborted();
  testEvent('labels-headers', path.join(datasetDir, 'imagesTr'));
  const geometry: GeometryPair[] = [];
  const unreadableImages: NonNullable<ContentFacts['unreadableImages']> = [];
  let imageNames: Set<string>;
  try {
    imageNames = new Set(await fsp.readdir(path.join(datasetDir, 'imagesTr')));
  } catch {
    imageNames = new Set();
  }
  for (const f of files) {
    if (!f.scan) continue;
    const ending = useEnding ?? endingOf(f.name) ?? '';
    const kase = f.name.slice(0, f.name.length - ending.length);
    const imageFile = `${kase}_0000${ending}`;
    if (!imageNames.has(imageFile)) continue;
    stopIfAborted();
    try {
      const image = await readImageHeader(path.join(datasetDir, 'imagesTr', imageFile));
      geometry.push({ case: kase, labelFile: f.name, imageFile, label: f.scan.header, image });
    } catch (err) {
      unreadableImages.push({ case: kase, imageFile, message: classifyError(err).message });
    }
  }
  stopIfAborted();
  return { files, geometry, unreadableImages, bytes: files.reduce((s, f) => s + (f.scan?.bytesRead ?? 0), 0) };
}
