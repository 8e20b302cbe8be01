import type { Finding, Rule } from '../src/types.js';
import { plainValue } from '../src/document.js';
import { insertLastProperty, jsonString, valueOf } from '../src/edits.js';
import { listSome } from '../src/folder/identifiers.js';
import { knownEndingOf, missingRequiredKeys, pyList } from '../src/keys.js';
import { shorten } from '../src/words.js';

/** What nnU-Net's own converters write when nothing says otherwise. */
const DEFAULT_ENDING = '.nii.gz';

/**
 * The path strings of the v1 `training` entries (`image` and `label` of each object, or a
 * bare string), and each entry's image path (undefined when the entry has none), from the
 * list's plain value (a long list is read without building its nodes).
 */
function trainingPaths(training: unknown[]): { paths: string[]; images: (string | undefined)[] } {
  const paths: string[] = [];
  const images: (string | undefined)[] = [];
  for (const entry of training) {
    if (typeof entry === 'string') {
      paths.push(entry);
      images.push(entry);
      continue;
    }
    let image: string | undefined;
    if (entry !== null && typeof entry === 'object' && !Array.isArray(entry)) {
      const o = entry as Record<string, unknown>;
      for (const k in o) {
        const v = o[k];
        if ((k === 'image' || k === 'label') && typeof v === 'string') {
          paths.push(v);
          if (k === 'image') image = v;
        }
      }
    }
    images.push(image);
  }
  return { paths, images };
}

/** The ending a path shows: a known one, else its last dotted suffix (for messages). */
function shownEnding(path: string): string {
  const known = knownEndingOf(path);
  if (known) return known;
  const base = path.slice(path.lastIndexOf('/') + 1);
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot) : '(no ending)';
}

/** NNU201: `channel_names`, `numTraining` or `file_ending` is missing. */
const rule: Rule = {
  meta: {
    code: 'NNU201',
    name: 'missing-key',
    severity: 'error',
    fix: ['unsafe', 'none'],
    stage: 'document',
    summary: 'a required key (channel_names, numTraining, file_ending) is missing',
    docs: `nnU-Net v2 requires four keys in dataset.json: \`labels\`, \`channel_names\`,
\`numTraining\` and \`file_ending\`. With \`--verify_dataset_integrity\`,
\`nnUNetv2_plan_and_preprocess\` stops with

    not all required keys are present in dataset.json.
    ...
    Missing:
    ['channel_names', 'file_ending']

Without the flag the run fails later with \`KeyError: 'file_ending'\`, \`KeyError: 'numTraining'\`
or \`KeyError: 'modality'\` (the planner falls back to the v1 key when \`channel_names\` is absent).
A v1 file used with v2 is the usual cause (MIC-DKFZ/nnUNet #1602).

A missing \`labels\` is reported by NNU110, and a missing \`channel_names\` next to a v1
\`modality\` by NNU202 (which renames it).

**Fix (unsafe, \`--unsafe-fixes\`):**
- \`file_ending\` is added as the last key. Its value is the file ending that every image and
  label path of the v1 \`training\` list shares (\`.nii.gz\`, \`.nii\`, \`.mha\`, \`.nrrd\`, \`.png\`, ...);
  without a \`training\` list it is \`.nii.gz\`, what nnU-Net's converters
  (\`nnUNetv2_convert_MSD_dataset\`, \`nnUNetv2_convert_old_nnUNet_dataset\`) write. When the
  dataset folder is checked, NNU302 sets the ending of the files in imagesTr instead (the
  files on disk beat a guess), and this rule offers no fix of its own.
- \`numTraining\` is added as the last key, set to the number of entries of the v1 \`training\` list.
  NNU301 compares it with the cases actually found in imagesTr.

**No fix:**
- \`channel_names\` without a \`modality\` to rename: add \`"channel_names": {"0": "CT"}\` by hand, one
  entry per channel file of a case (\`_0000\`, \`_0001\`, ...; an RGB \`.png\` holds three channels in
  one file). The names choose the normalization (\`CT\`, \`noNorm\`, \`zscore\`, \`rescale_to_0_1\`,
  \`rgb_to_0_1\`; anything else is z-score).
- \`numTraining\` without a non-empty \`training\` list of cases (or with one naming an image twice, or
  with an entry that has no \`image\`): set it to
  the number of training cases; NNU301 counts them when the folder is checked.
- \`file_ending\` when the \`training\` paths end differently: a person must say which ending the
  files on disk have (NNU302 can tell from the folder).

Remember that planning copies dataset.json to \`nnUNet_preprocessed\`: re-run
\`nnUNetv2_plan_and_preprocess\` after the repair.`,
  },
  check(ctx) {
    const root = ctx.root;
    const missing = missingRequiredKeys(root);
    if (!missing.some((k) => k !== 'labels')) return [];
    const vdi = `verify_dataset_integrity stops with "not all required keys are present in dataset.json. ... Missing: ${pyList(missing)}"`;
    const at = { offset: root.offset, length: 1 };
    const findings: Finding[] = [];
    const trainingProp = ctx.prop('training');
    const training = trainingProp ? valueOf(trainingProp) : undefined;
    const list = training?.type === 'array' ? training : undefined;
    // read once, only when a count or an ending is to be taken from it
    let entries: ReturnType<typeof trainingPaths> | undefined;
    const fromList = () => (entries ??= trainingPaths(list ? (plainValue(ctx.doc, list) as unknown[]) : []));

    if (missing.includes('channel_names') && !ctx.prop('modality')) {
      findings.push({
        ...at,
        key: 'missing:channel_names',
        message: 'required key "channel_names" is missing (and there is no v1 "modality" to rename)',
        nnunet: `${vdi}; without --verify_dataset_integrity planning fails with KeyError: 'modality'`,
        help:
          'add "channel_names": {"0": "CT"} with one entry per channel file of a case (_0000, _0001, ...; an RGB .png holds 3 channels in one file), in that order; ' +
          'the names choose the normalization (CT, noNorm, zscore, rescale_to_0_1, rgb_to_0_1; anything else is z-score)',
      });
    }

    if (missing.includes('numTraining')) {
      const base = { message: 'required key "numTraining" is missing', nnunet: `${vdi}; without that flag the planner fails with KeyError: 'numTraining'` };
      const images = fromList().images;
      const n = images.length;
      const noImage = images.indexOf(undefined);
      const twice = images.find((p, i) => p !== undefined && images.indexOf(p) !== i);
      if (list && n > 0 && noImage < 0 && twice === undefined) {
        findings.push({
          ...at,
          key: 'missing:numTraining',
          ...base,
          help: `${n} is the number of entries of the v1 "training" list; NNU301 compares it with the cases found in imagesTr when the dataset folder is checked`,
          fix: {
            applicability: 'unsafe',
            title: `add "numTraining": ${n} (the length of the "training" list)`,
            edits: [insertLastProperty(ctx.doc, root, 'numTraining', String(n))],
            scope: [['numTraining']],
          },
        });
      } else {
        const why = !list
          ? 'there is no v1 "training" list to count'
          : n === 0
            ? 'the v1 "training" list is empty'
            : noImage >= 0
              ? `entry ${noImage} of the v1 "training" list has no "image" path, so the list is not a list of cases`
              : `the v1 "training" list names ${jsonString(shorten(twice!))} twice`;
        findings.push({
          ...at,
          key: 'missing:numTraining',
          ...base,
          help: `not fixed automatically (${why}): add "numTraining": N, the number of training cases in imagesTr; NNU301 counts them when the dataset folder is checked`,
        });
      }
    }

    if (missing.includes('file_ending')) {
      const base = { message: 'required key "file_ending" is missing', nnunet: `${vdi}; without that flag it fails with KeyError: 'file_ending'` };
      const paths = fromList().paths;
      const endings = paths.map((p) => knownEndingOf(p));
      const shared = endings[0] && endings.every((e) => e === endings[0]) ? endings[0] : undefined;
      if (ctx.folder?.facts.imagesTr) {
        // The files on disk beat any guess from the JSON: NNU302 sets the ending found there.
        findings.push({
          ...at,
          key: 'missing:file_ending',
          ...base,
          help: 'not fixed here: NNU302 sets it to the ending of the files in imagesTr (the dataset folder is checked)',
        });
      } else if (paths.length && !shared) {
        const shown = [...new Set(paths.map(shownEnding))];
        findings.push({
          ...at,
          key: 'missing:file_ending',
          ...base,
          help: `not fixed automatically: the paths of the v1 "training" list do not share one ending nnU-Net can read (found ${listSome(
            shown.map((e) => jsonString(shorten(e))),
            5,
          )}); add "file_ending" with the ending of the files in imagesTr and labelsTr (NNU302 reports it when the dataset folder is checked)`,
        });
      } else {
        const ending = shared ?? DEFAULT_ENDING;
        const source = shared
          ? `taken from the ${paths.length} image and label paths of the v1 "training" list (all end in ${jsonString(shared)})`
          : `the default of nnU-Net's converters (nnUNetv2_convert_MSD_dataset writes ".nii.gz"; no v1 "training" paths to take it from); NNU302 checks it against the files in imagesTr when the dataset folder is checked`;
        findings.push({
          ...at,
          key: 'missing:file_ending',
          ...base,
          help: `the ending is ${source}`,
          fix: {
            applicability: 'unsafe',
            title: `add "file_ending": ${jsonString(ending)}`,
            edits: [insertLastProperty(ctx.doc, root, 'file_ending', jsonString(ending))],
            scope: [['file_ending']],
          },
        });
      }
    }
    return findings;
  },
};
export default rule;
