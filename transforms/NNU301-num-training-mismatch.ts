import type { Rule, RuleContext, TextEdit } from '../src/types.js';
import { insertLastProperty, jsonString, replaceNode } from '../src/edits.js';
import { analyze, anchor, folderOf, jsonView } from '../src/folder/analysis.js';
import NNU302 from './NNU302-file-ending-mismatch.js';
import NNU303 from './NNU303-case-naming.js';
import NNU304 from './NNU304-missing-label-file.js';
import NNU305 from './NNU305-channel-count.js';

const pyList = (xs: string[]) => `[${xs.map((x) => `'${x}'`).join(', ')}]`;

/** The rules that must find nothing before numTraining may be set to the count. */
const PREREQUISITES = [NNU302, NNU303, NNU304, NNU305];

/** Codes of NNU302-NNU305 reporting an error or warning in this context. */
export function blockingFolderProblems(ctx: RuleContext): string[] {
  return PREREQUISITES.filter((r) => r.check(ctx).some((f) => (f.severity ?? r.meta.severity) !== 'info')).map((r) => r.meta.code);
}

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
    const facts = folderOf(ctx);
    if (!facts) return [];
    const v = jsonView(ctx);
    if (v.numTrainingNode && !v.numTraining?.ok) return []; // not an integer at all: NNU204/NNU201
    let count: number;
    let ids: string[];
    let where: string;
    if (v.datasetKey) {
      ids = [...new Set((v.datasetKey.children ?? []).map((p) => String(p.children?.[0]?.value)))];
      count = ids.length;
      where = 'in the "dataset" key';
    } else if (!facts.imagesTr) {
      if (!facts.labelsTr) return [];
      ids = [];
      count = 0;
      where = `because the dataset has no imagesTr/ folder ("There needs to be a imagesTr subfolder in folder, folder=${(facts.displayDir ?? facts.datasetDir)}")`;
    } else {
      if (v.fe === undefined) return []; // KeyError 'file_ending': NNU302 reports it
      ids = analyze(facts, v.fe).cases.map((c) => c.id);
      count = ids.length;
      where = `in imagesTr/ with file_ending ${jsonString(v.fe)}`;
    }
    const expected = v.numTraining?.ok ? v.numTraining.value : undefined;
    if (expected === count) return [];

    const head =
      expected === undefined
        ? `numTraining is missing; nnU-Net finds ${count} training case${count === 1 ? '' : 's'} ${where}`
        : `numTraining is ${expected} but nnU-Net finds ${count} training case${count === 1 ? '' : 's'} ${where}; it stops with "Did not find the expected number of training cases (${expected}). Found ${count} instead. Examples: ${pyList(ids.slice(0, 5))}"`;
    const base = { ...anchor(ctx, 'numTraining'), key: 'numTraining' };
    const blockers = blockingFolderProblems(ctx);
    if (count === 0) {
      const why = blockers.length ? `see ${blockers.join(', ')}` : `put the training images in imagesTr/ as CASE_XXXX${v.fe ?? '<file_ending>'}`;
      return [{ ...base, message: `${head}. Not fixed automatically (numTraining is never set to 0): ${why}` }];
    }
    if (blockers.length) {
      return [{ ...base, message: `${head}. Not fixed automatically: ${blockers.join(', ')} report${blockers.length === 1 ? 's' : ''} problems that make this count unreliable; fix ${blockers.length === 1 ? 'it' : 'them'} first` }];
    }
    const edit: TextEdit = v.numTrainingNode ? replaceNode(v.numTrainingNode, String(count)) : insertLastProperty(ctx.doc, ctx.root, 'numTraining', String(count));
    return [
      {
        ...base,
        message: `${head}. Unsafe fix: set numTraining to ${count}, the number of cases found`,
        fix: { applicability: 'unsafe', title: `set numTraining to ${count}`, edits: [edit], scope: [['numTraining']] },
      },
    ];
  },
};
export default rule;
