import type { Rule, TextEdit } from '../src/types.js';
import { insertLastProperty, jsonString, replaceNode } from '../src/edits.js';
import { pyList } from '../src/keys.js';
import { anchor, jsonView, type CountBlocker } from '../src/folder/analysis.js';
import { plural, shorten } from '../src/words.js';

/** The rule that reports each family of problems that makes the count unreliable (for the message only). */
const REPORTED_BY: Record<CountBlocker, string> = { 'file-ending': 'NNU302', 'case-naming': 'NNU303', 'label-files': 'NNU304', channels: 'NNU305' };

/** NNU301: numTraining differs from the number of training cases nnU-Net finds. */
const rule: Rule = {
  meta: {
    code: 'NNU301',
    name: 'num-training-mismatch',
    severity: 'error',
    fix: ['unsafe', 'none'],
    stage: 'folder',
    summary: 'numTraining differs from the number of training cases nnU-Net finds in imagesTr/',
    docs: `\`--verify_dataset_integrity\` compares \`numTraining\` with the number of case identifiers it
derives from imagesTr/ and stops with

    Did not find the expected number of training cases (10). Found 0 instead.
    Examples: []

(MIC-DKFZ/nnUNet #2436, #2346). The identifiers are computed the way nnU-Net does it: every
file ending with \`file_ending\` (case-sensitive, hidden files included), minus
\`len(file_ending) + 5\` characters, deduplicated. With the \`dataset\` key, the count is the
number of its entries. The planner also uses \`numTraining\` arithmetically.

**Fix (unsafe):** set \`numTraining\` to the count found, only when NNU302-NNU305 find nothing:
a wrong \`file_ending\`, misnamed or hidden files, missing labels or channels make the count
wrong, and writing it into numTraining would hide the real problem. Never set to 0.`,
  },
  check(ctx) {
    const folder = ctx.folder;
    if (!folder) return [];
    const facts = folder.facts;
    const v = jsonView(ctx);
    if (v.numTrainingNode && !v.numTraining?.ok) return []; // not an integer at all: NNU204/NNU201
    let ids: string[];
    let where: string;
    let nnunet: string | undefined;
    if (v.datasetKey) {
      ids = [...new Set((v.datasetKey.children ?? []).map((p) => String(p.children?.[0]?.value)))];
      where = ' in the "dataset" key';
    } else if (!facts.imagesTr) {
      if (!facts.labelsTr) return [];
      ids = [];
      where = ': the dataset has no imagesTr/ folder';
      nnunet = `stops with "There needs to be a imagesTr subfolder in folder, folder=${facts.displayDir ?? facts.datasetDir}"`;
    } else {
      if (v.fe === undefined) return []; // KeyError 'file_ending': NNU302 reports it
      ids = folder.analyze(v.fe).cases.map((c) => c.id);
      where = ` in imagesTr/ (file_ending ${jsonString(shorten(v.fe))})`;
    }
    const count = ids.length;
    const expected = v.numTraining?.ok ? v.numTraining.value : undefined;
    if (expected === BigInt(count)) return [];

    const found = `nnU-Net finds ${plural(count, 'training case')}${where}`;
    const base = {
      ...anchor(ctx, 'numTraining'),
      key: 'numTraining',
      message: expected === undefined ? `numTraining is missing; ${found}` : `numTraining is ${shorten(String(expected))}, but ${found}`,
      nnunet:
        nnunet ??
        (expected === undefined
          ? undefined
          : `stops with "Did not find the expected number of training cases (${shorten(String(expected))}). Found ${count} instead. Examples: ${pyList(ids.slice(0, 5).map((id) => shorten(id)))}"`),
    };
    const blockers = folder.countBlockers(v).map((b) => REPORTED_BY[b]);
    if (count === 0) {
      return [
        {
          ...base,
          help: `numTraining is never set to 0: ${blockers.length ? `see ${blockers.join(', ')}` : `put the training images in imagesTr/ as CASE_XXXX${shorten(v.fe ?? '<file_ending>')}`}`,
        },
      ];
    }
    if (blockers.length) {
      return [
        {
          ...base,
          help: `not fixed automatically: ${blockers.join(', ')} report${blockers.length === 1 ? 's' : ''} problems that make this count unreliable; fix ${blockers.length === 1 ? 'it' : 'them'} first`,
        },
      ];
    }
    const edit: TextEdit = v.numTrainingNode
      ? replaceNode(v.numTrainingNode, String(count))
      : insertLastProperty(ctx.doc, ctx.root, 'numTraining', String(count));
    return [
      {
        ...base,
        help: `${count} is the number of cases found`,
        fix: { applicability: 'unsafe', title: `set numTraining to ${count}`, edits: [edit], scope: [['numTraining']] },
      },
    ];
  },
};
export default rule;
