import type { Finding, Rule } from '../src/types.js';
import { jsonString } from '../src/edits.js';
import { analyze, anchor, folderOf, jsonView, realCases } from '../src/folder/analysis.js';
import type { DatasetPathStatus } from '../src/folder/facts.js';
import { channelSuffix, listSome, pyCutEnd, pyLen } from '../src/folder/identifiers.js';
import { lastProperty } from '../src/kind.js';

const N = 5;
const pyList = (xs: string[]) => `[${xs.map((x) => `'${x}'`).join(', ')}]`;

/** NNU304: training cases without `labelsTr/CASE<file_ending>`; label files without a case; `dataset`-key files. */
const rule: Rule = {
  meta: {
    code: 'NNU304',
    name: 'missing-label-file',
    severity: 'error',
    fix: ['none'],
    stage: 'folder',
    summary: 'a training case without labelsTr/CASE<file_ending> (or a `dataset` key file that does not exist)',
    docs: `Every case nnU-Net finds in imagesTr/ needs its segmentation at exactly
\`labelsTr/CASE<file_ending>\` (no channel index). \`--verify_dataset_integrity\` stops with

    not all training cases have a label file in labelsTr. Fix that. Missing: [...]

and without the flag preprocessing crashes on the missing file (MIC-DKFZ/nnUNet #1644). Label
files without an image case are ignored by nnU-Net without a word; this rule warns about them
(usually a renamed or missing image, or labels saved with \`_0000\`).

With the \`dataset\` key (nnU-Net's alternative to imagesTr/labelsTr, paths relative to the
dataset folder) every listed image and label must exist, else:

    Some expected files were missing. Make sure you are properly referencing them in the
    dataset.json. Or use imagesTr & labelsTr folders!

nnunet-doctor checks those paths without ever leaving the dataset folder: absolute paths and
paths that climb out of it with \`..\` (e.g. \`../../etc/passwd\`) are reported and never read or
followed; \`$VARIABLE\` paths and paths behind a symlink are reported as not checked.

**No fix**: add the missing segmentations (or remove the image files of unlabeled cases), or
correct the paths.`,
  },
  check(ctx) {
    const facts = folderOf(ctx);
    if (!facts) return [];
    const v = jsonView(ctx);
    const where = anchor(ctx, 'file_ending');

    if (v.datasetKey) return datasetKeyFindings(ctx, v.datasetKey, facts.datasetKey?.paths ?? {});
    if (!facts.imagesTr) return [];
    if (!facts.labelsTr) {
      return [{ ...where, key: 'no-labelsTr', message: `the dataset has imagesTr/ but no labelsTr/ folder; nnU-Net stops with "There needs to be a labelsTr subfolder in folder, folder=${(facts.displayDir ?? facts.datasetDir)}". Put one segmentation per case in labelsTr/ (CASE${v.fe ?? '<file_ending>'})` }];
    }
    if (!v.fe) return [];
    const a = analyze(facts, v.fe);
    if (!a.usable) return [];
    const fe = v.fe;
    const out: Finding[] = [];
    const cases = realCases(a);

    const missing = a.missingLabels;
    if (missing.length) {
      const labelFiles = new Set(facts.labelsTr.files);
      const withSuffix = missing.filter((id) => labelFiles.has(id + channelSuffix(0) + fe));
      const hint = withSuffix.length
        ? `; labelsTr/ has ${withSuffix.length > 1 ? 'them' : 'it'} with a channel index (${listSome(withSuffix.map((id) => `${id}${channelSuffix(0)}${fe}`), 3)}): label files must be named CASE${fe}, e.g. rename ${withSuffix[0]}${channelSuffix(0)}${fe} -> ${withSuffix[0]}${fe}`
        : '. Add the segmentations, or move the images of unlabeled cases to imagesTs/';
      out.push({
        ...where,
        key: 'missing-labels',
        message: `${missing.length} of ${cases.length} training case${cases.length > 1 ? 's' : ''} ${missing.length > 1 ? 'have' : 'has'} no label file: ${listSome(missing.map((id) => `labelsTr/${id}${fe}`), N)}; nnU-Net stops with "not all training cases have a label file in labelsTr. Fix that. Missing: ${pyList(missing.slice(0, N))}${missing.length > N ? '...' : ''}"${hint}`,
      });
    }

    const misnamed = new Set(missing.map((id) => id + channelSuffix(0) + fe)); // reported above
    const orphans = a.orphanLabels.filter((f) => !misnamed.has(f));
    if (orphans.length) {
      out.push({
        ...where,
        key: 'orphan-labels',
        severity: 'warning',
        message: `${orphans.length} label file${orphans.length > 1 ? 's have' : ' has'} no image case: ${listSome(orphans.map((f) => `labelsTr/${f}`), N)} (no imagesTr/${pyCutEnd(orphans[0]!, pyLen(fe))}_XXXX${fe}); nnU-Net ignores ${orphans.length > 1 ? 'them' : 'it'} without a word. Add or rename the images (see NNU303), or remove the stray labels`,
      });
    }
    return out;
  },
};

function datasetKeyFindings(ctx: Parameters<Rule['check']>[0], ds: NonNullable<ReturnType<typeof jsonView>['datasetKey']>, status: Record<string, DatasetPathStatus>): Finding[] {
  const missingImages: string[] = [];
  const missingLabels: string[] = [];
  const outside: string[] = [];
  const unchecked: string[] = [];
  const dirs: string[] = [];
  for (const c of ds.children ?? []) {
    const entry = c.children?.[1];
    if (entry?.type !== 'object') continue;
    const images = lastProperty(entry, 'images')?.children?.[1];
    const label = lastProperty(entry, 'label')?.children?.[1];
    const check = (n: typeof label, isLabel: boolean) => {
      if (n?.type !== 'string') return;
      const p = String(n.value);
      switch (status[p]) {
        case 'missing':
          (isLabel ? missingLabels : missingImages).push(p);
          break;
        case 'not-a-file':
          dirs.push(p);
          break;
        case 'outside':
          outside.push(p);
          break;
        case 'variable':
        case 'link':
          unchecked.push(p);
          break;
        default:
          break; // exists, or not seen when the facts were collected
      }
    };
    for (const im of images?.type === 'array' ? images.children ?? [] : []) check(im, false);
    check(label, true);
  }
  const where = anchor(ctx, 'dataset');
  const out: Finding[] = [];
  const uniq = (xs: string[]) => [...new Set(xs)];
  if (missingImages.length || missingLabels.length || dirs.length) {
    const parts: string[] = [];
    if (missingImages.length) parts.push(`${uniq(missingImages).length} image file(s) (${listSome(uniq(missingImages).map(jsonString), N)})`);
    if (missingLabels.length) parts.push(`${uniq(missingLabels).length} label file(s) (${listSome(uniq(missingLabels).map(jsonString), N)})`);
    if (dirs.length) parts.push(`${uniq(dirs).length} path(s) that are folders, not files (${listSome(uniq(dirs).map(jsonString), N)})`);
    out.push({
      ...where,
      key: 'dataset-missing',
      message: `the "dataset" key lists files that do not exist in the dataset folder: ${parts.join('; ')}; paths are relative to the dataset folder, and nnU-Net stops with "Some expected files were missing. Make sure you are properly referencing them in the dataset.json. Or use imagesTr & labelsTr folders!". Correct the paths or add the files`,
    });
  }
  if (outside.length) {
    out.push({
      ...where,
      key: 'dataset-outside',
      severity: 'warning',
      message: `the "dataset" key points outside the dataset folder: ${listSome(uniq(outside).map(jsonString), N)}; not checked (nnunet-doctor never reads or follows paths outside the dataset folder). Make sure this is intended: nnU-Net will open ${uniq(outside).length > 1 ? 'these files' : 'this file'} as training data`,
    });
  }
  if (unchecked.length) {
    out.push({
      ...where,
      key: 'dataset-unchecked',
      severity: 'info',
      message: `${uniq(unchecked).length} "dataset" path(s) use $VARIABLES or lead through a symlink and were not checked: ${listSome(uniq(unchecked).map(jsonString), N)}`,
    });
  }
  return out;
}

export default rule;
