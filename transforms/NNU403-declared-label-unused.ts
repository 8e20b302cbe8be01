import type { Rule } from '../src/types.js';
import { jsonString } from '../src/edits.js';
import { labelView } from '../src/labels.js';
import { shorten } from '../src/words.js';

/** NNU403: a declared label occurs in no segmentation. */
const rule: Rule = {
  meta: {
    code: 'NNU403',
    name: 'declared-label-unused',
    severity: 'warning',
    fix: ['none'],
    stage: 'content',
    summary: 'a declared label never occurs in any segmentation',
    docs: `A class declared in \`labels\` whose value occurs in no file of labelsTr trains an output
channel that never sees a positive voxel. Usually \`labels\` was copied from another dataset, or
the conversion dropped a class. Background and \`ignore\` are not checked.

**No fix:** check the conversion; remove the class only if the value truly does not exist
(and keep the values consecutive, see NNU106).`,
  },
  check(ctx) {
    const facts = ctx.content;
    if (!facts || !facts.files.length || facts.files.some((f) => !f.scan)) return [];
    const view = labelView(ctx.doc, ctx.prop('labels')?.children?.[1]);
    if (!view) return [];
    const seen = new Set(facts.files.flatMap((f) => f.scan!.values.map((v) => v.value)));
    return view.entries
      .filter((e) => e.name !== 'background' && e.name !== 'ignore' && e.values && e.values.length === 1 && !seen.has(Number(e.values[0]!)))
      .map((e) => ({
        node: e.nameNode,
        key: `u@${e.name}`,
        message: `label ${jsonString(shorten(e.name))} (${e.values![0]}) occurs in none of the ${facts.files.length} segmentations in labelsTr`,
        nnunet: 'would train a class it never sees',
        help: 'check the conversion',
      }));
  },
};
export default rule;
