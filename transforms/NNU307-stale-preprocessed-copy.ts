import type { Rule } from '../src/types.js';
import { jsonString } from '../src/edits.js';
import { listSome } from '../src/folder/identifiers.js';
import { shorten } from '../src/words.js';

/** NNU307: nnUNet_preprocessed/DatasetXXX/dataset.json differs from this file on the keys nnU-Net reads. */
const rule: Rule = {
  meta: {
    code: 'NNU307',
    name: 'stale-preprocessed-copy',
    severity: 'warning',
    fix: ['safe', 'unsafe', 'none'],
    stage: 'copy',
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

**Fix (safe, or unsafe when an unsafe repair is part of it):** with \`--fix\`, the copy receives
the same repairs as the raw file (the copy is a byte copy, so the same edits apply), and is
written only when it then agrees with the raw file on every nnU-Net key; only when it lies
inside the paths you named (name \`$nnUNet_preprocessed\` too: naming both, the copy is
repaired once, by this step), through a symbolic link only to a target inside them, and after
its raw file. When the difference cannot be reproduced (the raw file was edited
by hand after planning), re-run \`nnUNetv2_plan_and_preprocess -d ID\`; since the preprocessed
data was made with the old description, re-planning is the safe choice after any change to
\`labels\` or \`channel_names\`.`,
  },
  check(ctx) {
    const copy = ctx.copy;
    if (!copy || copy.action === 'in-sync') return [];
    // the copy stage runs on a dataset.json that may not parse: doc.root, not ctx.root
    const where = { offset: ctx.doc.root?.offset ?? 0, length: 1, key: 'copy' };
    const at = `the preprocessed copy ${jsonString(shorten(copy.path, 60))}`;
    const reads = 'reads that copy in preprocessing and training, not this file';
    if (copy.action === 'unreadable') {
      return [{ ...where, message: `${at} cannot be read`, nnunet: reads, help: `${copy.error ?? 'unknown error'}; re-run ${copy.replan}` }];
    }
    const keys = listSome(copy.staleAfter, 3);
    // a copy equal to this file as it is now is stale only once this run's fixes are applied
    const why = copy.staleBefore.length ? `differs from this file in ${listSome(copy.staleBefore, 3)}` : `is stale in ${keys} after this run's fixes`;
    if (copy.refused) {
      // --fix could repair it but will not write there (outside the paths the user named)
      return [
        {
          ...where,
          message: `${at} ${why}`,
          nnunet: `${reads}, so it would keep the old ${copy.staleAfter.length > 1 ? 'values' : 'value'}`,
          help: `--fix does not write it: ${copy.refused}`,
        },
      ];
    }
    if (copy.action === 'manual') {
      return [
        { ...where, message: `${at} ${why}`, nnunet: reads, help: `the same repairs cannot reproduce it (edited after planning?): re-run ${copy.replan}` },
      ];
    }
    return [
      {
        ...where,
        message: `${at} ${why}`,
        nnunet: `${reads}, so it would keep the old ${copy.staleAfter.length > 1 ? 'values' : 'value'}`,
        help: `${copy.staleBefore.length ? '' : 'it is a copy of this file as it is now; '}re-running ${copy.replan} also refreshes it`,
        // the copy step writes the copy (src/copy-step.ts): this fix only says it will, with no edit of this file
        fix: { applicability: copy.applicability ?? 'safe', title: `give ${copy.path} the same repairs`, edits: [], scope: [] },
      },
    ];
  },
};
export default rule;
