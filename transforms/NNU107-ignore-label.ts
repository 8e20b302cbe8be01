import type { Finding, Rule } from '../src/types.js';
import { jsonString, rawOf, replaceNode } from '../src/edits.js';
import { labelView, readInt } from '../src/labels.js';

/** NNU107: the ignore label must be an integer equal to max(other labels) + 1. */
const rule: Rule = {
  meta: {
    code: 'NNU107',
    name: 'ignore-label',
    severity: 'error',
    fix: ['safe', 'none'],
    stage: 'document',
    summary: 'the "ignore" label is not an integer, or not the highest value; "Ignore" is a normal class',
    docs: `nnU-Net supports one ignore label for sparse annotation: only the key spelled exactly
\`"ignore"\` counts, its value must be a Python \`int\` (\`isinstance\`, so \`"4"\` and \`4.0\` fail
with "Ignore label has to be an integer. It cannot be a region (list/tuple). Got {type}."), and
it must equal max(other labels) + 1: "If you use the ignore label it must have the highest label
value! It cannot be 0 or in between other labels. Sorry bro." Two \`"ignore"\` keys keep only the
last (#2884, see NNU004).

**Fix (safe):** \`"4"\` and \`4.0\` become \`4\`.
**No fix:** a value that is not max + 1 (the segmentations carry that value), or a region.
\`"Ignore"\`/\`"IGNORE"\` are **warnings**: nnU-Net treats them as a normal class that the network
learns to predict, which is rarely what was meant; rename the key to \`"ignore"\` if it is.`,
  },
  check(ctx) {
    const doc = ctx.doc;
    const view = labelView(doc, ctx.prop('labels')?.children?.[1]);
    if (!view) return [];
    const out: Finding[] = [];
    for (const e of view.entries) {
      if (e.name !== 'ignore' && e.name.trim().toLowerCase() === 'ignore') {
        out.push({ node: e.nameNode, severity: 'warning', message: `found label ${jsonString(e.name)}: nnU-Net only treats the key "ignore" (exact spelling) as the ignore label, so ${jsonString(e.name)} is trained as a normal class; rename it to "ignore" if it marks unlabelled voxels` });
      }
    }
    const ign = view.entries.find((e) => e.name === 'ignore');
    if (!ign) return out;
    const others = view.entries.filter((e) => e !== ign).flatMap((e) => e.values ?? []);
    const expected = others.length ? Math.max(...others) + 1 : 1;
    if (view.inverted) {
      if (ign.values?.[0] !== expected) out.push({ node: ign.valueNode, message: `the ignore label is ${String(ign.valueNode.value)}, but it must be the highest value (${expected}): nnU-Net says "If you use the ignore label it must have the highest label value!"; relabel the segmentations` });
      return out;
    }
    const v = ign.valueNode;
    const raw = rawOf(doc, v);
    const r = readInt(doc, v);
    if (v.type === 'array' || !r.ok) {
      out.push({ node: v, message: `the ignore label is ${raw.replace(/\s+/g, ' ')}: nnU-Net says "Ignore label has to be an integer. It cannot be a region (list/tuple)."; write one integer, ${expected}` });
      return out;
    }
    if (r.value !== expected) {
      out.push({ node: v, message: `the ignore label is ${r.value}, but it must be the highest value, max(other labels) + 1 = ${expected}: nnU-Net says "If you use the ignore label it must have the highest label value! It cannot be 0 or in between other labels."; relabel the segmentations so unlabelled voxels are ${expected}` });
      return out;
    }
    if (!r.exact) {
      out.push({
        node: v,
        message: `the ignore label is ${raw}, not an integer: nnU-Net checks isinstance(value, int) and says "Ignore label has to be an integer."; --fix writes ${r.value}`,
        fix: { applicability: 'safe', title: `write "ignore" as ${r.value}`, edits: [replaceNode(v, String(r.value))], scope: [['labels', 'ignore']] },
      });
    }
    return out;
  },
};
export default rule;
