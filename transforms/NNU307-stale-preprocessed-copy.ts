import type { Rule } from '../src/types.js';
import { jsonString } from '../src/edits.js';
import { anchor, folderOf } from '../src/folder/analysis.js';
import { parseCopy, readable, staleKeys } from '../src/folder/copy.js';
import { checkDatasetFolderName } from '../src/folder/identifiers.js';

/** NNU307: nnUNet_preprocessed/DatasetXXX/dataset.json differs from this file on the keys nnU-Net reads. */
const rule: Rule = {
  meta: {
    code: 'NNU307',
    name: 'stale-preprocessed-copy',
    severity: 'warning',
    fix: ['safe', 'none'],
    stage: 'folder',
    summary: 'nnUNet_preprocessed/DatasetXXX_Name/dataset.json (the copy training reads) differs from this file',
    docs: `\`nnUNetv2_plan_and_preprocess\` copies \`nnUNet_raw/DatasetXXX_Name/dataset.json\` to
\`nnUNet_preprocessed/DatasetXXX_Name/dataset.json\` (\`shutil.copy\` in the experiment planner),
and preprocessing and training read **the copy**. A repair of the raw file alone therefore
changes nothing for nnU-Net: it keeps failing (or training) on the old labels, channels or
numTraining without saying so.

The copy is looked up in \`$nnUNet_preprocessed\`, else in a \`nnUNet_preprocessed/\` folder next
to the folder that holds the dataset (the usual \`nnUNet_raw/\` + \`nnUNet_preprocessed/\` layout).
It is compared with this file on the keys nnU-Net reads (\`channel_names\`, \`modality\`,
\`labels\`, \`regions_class_order\`, \`numTraining\`, \`file_ending\`,
\`overwrite_image_reader_writer\`, \`dataset\`), as Python's json.load reads them, key order
included.

**Fix (safe):** with \`--fix\`, the copy receives the same repairs as the raw file (the copy is
a byte copy, so the same edits apply), and is written only when it then agrees with the raw
file on every nnU-Net key. When the difference cannot be reproduced (the raw file was edited
by hand after planning), re-run \`nnUNetv2_plan_and_preprocess -d ID\`; since the preprocessed
data was made with the old description, re-planning is the safe choice after any change to
\`labels\` or \`channel_names\`.`,
  },
  check(ctx) {
    const facts = folderOf(ctx);
    const copy = facts?.preprocessed;
    if (!facts || !copy) return [];
    const where = { ...anchor(ctx), key: 'copy' };
    const id = checkDatasetFolderName(facts.folderName).id;
    const replan = `nnUNetv2_plan_and_preprocess -d ${id ?? facts.folderName}`;
    if (copy.text === undefined) {
      return [{ ...where, message: `the preprocessed copy ${jsonString(copy.path)} cannot be read (${copy.error ?? 'unknown error'}); preprocessing and training read that copy, not this file. Re-run ${replan}` }];
    }
    const doc = parseCopy(copy.text);
    if (!readable(doc)) {
      return [{ ...where, message: `the preprocessed copy ${jsonString(copy.path)} is not valid JSON; preprocessing and training read that copy, not this file. Re-run ${replan}, or run nnunet-doctor on the copy` }];
    }
    const keys = staleKeys(ctx.doc, doc);
    if (!keys.length) return [];
    return [
      {
        ...where,
        message: `the preprocessed copy ${jsonString(copy.path)} differs from this file in ${keys.join(', ')}; nnUNetv2_plan_and_preprocess copied dataset.json there and preprocessing and training read the copy, so nnU-Net still uses the old ${keys.length > 1 ? 'values' : 'value'}. nnunet-doctor --fix gives the copy the same repairs when it can; otherwise re-run ${replan}`,
      },
    ];
  },
};
export default rule;
