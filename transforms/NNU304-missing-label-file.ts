import type { Finding, Rule } from '../src/types.js';
import { jsonString } from '../src/edits.js';
import { pyList } from '../src/keys.js';
import { anchor, jsonView, type LabelFileProblems } from '../src/folder/analysis.js';
import { channelSuffix, listSome, pyCutEnd, pyLen } from '../src/folder/identifiers.js';
import { plural, shorten } from '../src/words.js';

const N = 5;

/** NNU304: training cases without `labelsTr/CASE<file_ending>`; label files without a case; `dataset`-key files. */
const rule: Rule = {
  meta: {
    code: 'NNU304',
    name: 'missing-label-file',
    severity: 'error',
    severities: ['error', 'warning', 'info'],
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
    const folder = ctx.folder;
    if (!folder) return [];
    const v = jsonView(ctx);
    const p = folder.labelFileProblems(v);
    if (!p) return [];
    const facts = folder.facts;
    const dir = facts.displayDir ?? facts.datasetDir;

    if (p.kind === 'dataset-key') return datasetKeyFindings(anchor(ctx, 'dataset'), p);
    const where = anchor(ctx, 'file_ending');
    if (p.kind === 'no-labelsTr') {
      return [
        {
          ...where,
          key: 'no-labelsTr',
          message: 'the dataset has imagesTr/ but no labelsTr/ folder',
          nnunet: `stops with "There needs to be a labelsTr subfolder in folder, folder=${dir}"`,
          help: `put one segmentation per case in labelsTr/ (CASE${shorten(v.fe ?? '<file_ending>')})`,
        },
      ];
    }

    const fe = p.fe;
    const file = (f: string) => shorten(f);
    const out: Finding[] = [];
    if (p.missing.length) {
      const { missing, cases } = p;
      const labelFiles = new Set(facts.labelsTr?.files ?? []);
      const withSuffix = missing.filter((id) => labelFiles.has(id + channelSuffix(0) + fe));
      out.push({
        ...where,
        key: 'missing-labels',
        message: `${missing.length} of ${plural(cases.length, 'training case')} ${missing.length > 1 ? 'have' : 'has'} no label file: ${listSome(
          missing.map((id) => `labelsTr/${file(id + fe)}`),
          2,
        )}`,
        nnunet: `stops with "not all training cases have a label file in labelsTr. Fix that. Missing: ${pyList(missing.slice(0, N).map((id) => shorten(id)))}${missing.length > N ? '...' : ''}"`,
        help: withSuffix.length
          ? `labelsTr/ has ${withSuffix.length > 1 ? 'them' : 'it'} with a channel index (${listSome(
              withSuffix.map((id) => file(`${id}${channelSuffix(0)}${fe}`)),
              3,
            )}): label files must be named CASE${shorten(fe)}, e.g. rename ${file(`${withSuffix[0]}${channelSuffix(0)}${fe}`)} -> ${file(`${withSuffix[0]}${fe}`)}`
          : 'add the segmentations, or move the images of unlabeled cases to imagesTs/',
      });
    }
    if (p.orphans.length) {
      const { orphans } = p;
      out.push({
        ...where,
        key: 'orphan-labels',
        severity: 'warning',
        message: `${plural(orphans.length, 'label file')} ${orphans.length > 1 ? 'have' : 'has'} no image case: ${listSome(
          orphans.map((f) => `labelsTr/${file(f)}`),
          2,
        )}`,
        nnunet: `ignores ${orphans.length > 1 ? 'them' : 'it'} without a word`,
        help: `there is no imagesTr/${file(pyCutEnd(orphans[0]!, pyLen(fe)))}_XXXX${shorten(fe)}: add or rename the images (see NNU303), or remove the stray labels`,
      });
    }
    return out;
  },
};

/** The findings about the `dataset` key's paths: missing files (error), paths outside the folder (warning), unchecked ones (info). */
function datasetKeyFindings(where: Pick<Finding, 'node' | 'offset' | 'length'>, p: Extract<LabelFileProblems, { kind: 'dataset-key' }>): Finding[] {
  const out: Finding[] = [];
  const paths = (xs: string[], n = N) =>
    listSome(
      xs.map((x) => jsonString(shorten(x))),
      n,
    );
  const missing = [...p.missingImages, ...p.missingLabels, ...p.dirs];
  if (missing.length) {
    const parts: string[] = [];
    if (p.missingImages.length) parts.push(`${plural(p.missingImages.length, 'image file')} (${paths(p.missingImages)})`);
    if (p.missingLabels.length) parts.push(`${plural(p.missingLabels.length, 'label file')} (${paths(p.missingLabels)})`);
    if (p.dirs.length) parts.push(`${plural(p.dirs.length, 'path')} that ${p.dirs.length > 1 ? 'are folders' : 'is a folder'}, not a file (${paths(p.dirs)})`);
    out.push({
      ...where,
      key: 'dataset-missing',
      message: `the "dataset" key lists files that do not exist in the dataset folder: ${paths(missing, 2)}`,
      nnunet:
        'stops with "Some expected files were missing. Make sure you are properly referencing them in the dataset.json. Or use imagesTr & labelsTr folders!"',
      help: `missing: ${parts.join('; ')}; paths are relative to the dataset folder: correct them or add the files`,
    });
  }
  if (p.outside.length) {
    out.push({
      ...where,
      key: 'dataset-outside',
      severity: 'warning',
      message: `the "dataset" key points outside the dataset folder: ${paths(p.outside, 2)}`,
      nnunet: `will open ${p.outside.length > 1 ? 'these files' : 'this file'} as training data`,
      help: 'not checked (nnunet-doctor never reads or follows paths outside the dataset folder): make sure this is intended',
    });
  }
  if (p.unchecked.length) {
    out.push({
      ...where,
      key: 'dataset-unchecked',
      severity: 'info',
      message: `${plural(p.unchecked.length, '"dataset" path')} with $VARIABLES or through a symlink, not checked: ${paths(p.unchecked, 2)}`,
    });
  }
  return out;
}

export default rule;
