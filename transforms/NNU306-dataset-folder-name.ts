import type { Finding, Rule } from '../src/types.js';
import { jsonString } from '../src/edits.js';
import { anchor, jsonView } from '../src/folder/analysis.js';
import { checkDatasetFolderName, isChannelFile, isHidden, listSome, sortedWithPrefix } from '../src/folder/identifiers.js';
import { shorten } from '../src/words.js';

/** NNU306: the dataset folder is not `Dataset###_Name`, or its id is used twice. */
const rule: Rule = {
  meta: {
    code: 'NNU306',
    name: 'dataset-folder-name',
    severity: 'warning',
    fix: ['none'],
    stage: 'folder',
    summary: 'dataset folder not named Dataset###_Name, or its dataset id used by another folder',
    docs: `nnU-Net v2 finds a dataset by id with the prefix \`"Dataset%03d" % id\` in \`$nnUNet_raw\`,
\`$nnUNet_preprocessed\` and \`$nnUNet_results\`, and reads the id back as \`int(name[7:10])\`
(\`dataset_name_id_conversion.py\`). So:

- \`Task01_Heart\` (MSD) and \`Task001_X\` (nnU-Net v1) are never found: convert them with
  \`nnUNetv2_convert_MSD_dataset -i Task01_Heart\` or
  \`nnUNetv2_convert_old_nnUNet_dataset Task001_X Dataset001_X\` (MIC-DKFZ/nnUNet #2710);
- \`Dataset_001\`, \`dataset001_x\`, \`Dataset01_X\` are never found:
  "Could not find a dataset with the ID 1..." (#2527);
- \`Dataset1234_X\` has a 4-digit id, read back as 123;
- two folders whose names start with the same \`Dataset%03d\` (in raw, preprocessed or
  results, e.g. a raw folder renamed after preprocessing) stop nnU-Net with
  "More than one dataset name found for dataset id 1. Please correct that."

**No fix** (a folder rename, not a JSON edit): the message proposes the name.`,
  },
  check(ctx) {
    const folder = ctx.folder;
    const facts = folder?.facts;
    if (!facts) return [];
    const name = facts.folderName;
    const c = checkDatasetFolderName(name);
    const where = { ...anchor(ctx), key: 'folder-name' };
    const dir = jsonString(facts.displayDir ?? facts.datasetDir);
    const folderName = jsonString(shorten(name));
    const out: Finding[] = [];
    if (!c.ok) {
      const rename = c.suggestion ? `rename the folder to ${shorten(c.suggestion)}` : 'rename the folder to Dataset###_Name with a free 3-digit id';
      switch (c.problem) {
        case 'task': {
          const v = jsonView(ctx);
          const images = (facts.imagesTr?.files ?? []).filter((f) => !isHidden(f));
          const fe = v.fe ?? '.nii.gz';
          const msd = /^Task\d\d_/i.test(name) || v.v1 || (images.length > 0 && !images.some((f) => isChannelFile(f, fe)));
          const cmd = msd ? `nnUNetv2_convert_MSD_dataset -i ${dir}` : `nnUNetv2_convert_old_nnUNet_dataset ${dir} ${c.suggestion ?? 'Dataset###_Name'}`;
          out.push({
            ...where,
            message: `the dataset folder ${folderName} is ${msd ? 'a Medical Segmentation Decathlon' : 'an nnU-Net v1'} "Task" folder`,
            nnunet: 'v2 only finds Dataset###_Name folders ("Could not find a dataset with the ID ...", #2710)',
            help: `convert it: ${cmd}`,
          });
          break;
        }
        case 'four-digit':
          out.push({
            ...where,
            message: `the dataset folder ${folderName} has a 4-digit id`,
            nnunet: `reads ids as 3 digits (int(name[7:10]) = ${c.id}), so ${folderName} is taken for dataset ${c.id}`,
            help: `use an id from 1 to 999: ${rename}`,
          });
          break;
        case 'no-name':
          out.push({
            ...where,
            message: `the dataset folder ${folderName} has no _Name part`,
            nnunet: 'documents Dataset###_Name and matches folders by prefix, so this only works by accident',
            help: rename,
          });
          break;
        default:
          out.push({
            ...where,
            message: `the dataset folder ${folderName} is not named Dataset###_Name`,
            nnunet: 'v2 never finds it ("Could not find a dataset with the ID ...", #2527)',
            help: rename,
          });
      }
      return out;
    }

    // Duplicate ids: nnU-Net matches the prefix "Dataset%03d" in raw, preprocessed and results.
    const prefix = `Dataset${String(c.id).padStart(3, '0')}`;
    const others: { name: string; where: string }[] = [];
    for (const root of facts.idRoots) {
      for (const n of sortedWithPrefix(root.names, prefix)) {
        if (n !== name)
          others.push({
            name: shorten(n),
            where:
              root.kind === 'raw'
                ? root.path
                    .replace(/[\\/]+$/, '')
                    .split(/[\\/]/)
                    .pop() || root.path
                : `${root.kind}: ${root.path}`,
          });
      }
    }
    if (others.length) {
      out.push({
        ...where,
        key: 'duplicate-id',
        message: `dataset id ${c.id} is also used by ${listSome(
          others.map((o) => o.name),
          2,
        )}`,
        nnunet: `matches the prefix ${jsonString(prefix)} in nnUNet_raw, nnUNet_preprocessed and nnUNet_results and stops with "More than one dataset name found for dataset id ${c.id}. Please correct that."`,
        help: `${listSome(
          others.map((o) => `${o.name} (${o.where})`),
          5,
        )}: give each dataset its own id (rename the folder), or delete the stale preprocessed/results folder`,
      });
    }
    return out;
  },
};
export default rule;
