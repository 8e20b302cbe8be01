import type { Finding, Rule } from '../src/types.js';
import { jsonString, rawOf, replaceNode } from '../src/edits.js';
import { labelView, readInt } from '../src/labels.js';
import type { JsonNode } from '../src/types.js';
import { shorten } from '../src/words.js';

const NOT_HIGHEST = '"If you use the ignore label it must have the highest label value! It cannot be 0 or in between other labels. Sorry bro."';

/** nnU-Net's assertion on an ignore label that is not a Python int, with the type json.load gives it. */
function notInt(v: JsonNode): string {
  const type = { array: 'list', string: 'str', object: 'dict', number: 'float' }[v.type as string];
  return `"Ignore label has to be an integer. It cannot be a region (list/tuple). Got ${type ? `<class '${type}'>` : '...'}."`;
}

/** NNU107: the ignore label must be an integer equal to max(other labels) + 1. */
const rule: Rule = {
  meta: {
    code: 'NNU107',
    name: 'ignore-label',
    severity: 'error',
    severities: ['error', 'warning'],
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
        const name = jsonString(shorten(e.name));
        out.push({
          node: e.nameNode,
          severity: 'warning',
          message: `label ${name} is not the ignore label "ignore"`,
          nnunet: `treats only the key "ignore" (exact spelling) as the ignore label and trains ${name} as a normal class`,
          help: 'rename it to "ignore" if it marks unlabelled voxels',
        });
      }
    }
    const ign = view.entries.find((e) => e.name === 'ignore');
    if (!ign) return out;
    const others = view.entries.filter((e) => e !== ign).flatMap((e) => e.values ?? []);
    const expected = others.length ? others.reduce((a, b) => (b > a ? b : a)) + 1n : 1n;
    if (view.inverted) {
      if (ign.values?.[0] !== expected) {
        out.push({
          node: ign.valueNode,
          message: `the ignore label is ${shorten(String(ign.valueNode.value))}, not the highest value (${expected})`,
          nnunet: `stops with ${NOT_HIGHEST}`,
          help: 'relabel the segmentations',
        });
      }
      return out;
    }
    const v = ign.valueNode;
    const raw = rawOf(doc, v);
    const r = readInt(doc, v);
    if (v.type === 'array' || !r.ok) {
      out.push({
        node: v,
        message: `the ignore label is ${shorten(raw.replace(/\s+/g, ' '))}, not an integer`,
        nnunet: `stops with ${notInt(v)}`,
        help: `write one integer, ${expected}`,
      });
      return out;
    }
    if (r.value !== expected) {
      out.push({
        node: v,
        message: `the ignore label is ${shorten(r.int)}, not max(other labels) + 1 = ${expected}`,
        nnunet: `stops with ${NOT_HIGHEST}`,
        help: `relabel the segmentations so unlabelled voxels are ${expected}`,
      });
      return out;
    }
    if (!r.exact) {
      out.push({
        node: v,
        message: `the ignore label is ${shorten(raw)}, not an integer`,
        nnunet: `checks isinstance(value, int) and stops with ${notInt(v)}`,
        fix: { applicability: 'safe', title: `write "ignore" as ${r.int}`, edits: [replaceNode(v, r.int)], scope: [['labels', 'ignore']] },
      });
    }
    return out;
  },
};
export default rule;
