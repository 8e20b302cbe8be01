import type { Rule } from '../src/types.js';
import { rawOf, rewriteSlots } from '../src/edits.js';
import { labelView } from '../src/labels.js';

/** NNU104: background is not the first entry of labels (style, opt-in). */
const rule: Rule = {
  meta: {
    code: 'NNU104',
    name: 'background-not-first',
    severity: 'style',
    fix: ['safe'],
    stage: 'document',
    optIn: true,
    summary: 'background is not the first entry of labels (style; on only with --select NNU104)',
    docs: `nnU-Net does not care where \`background\` stands in \`labels\`: files written with
\`sort_keys=True\` (batchgenerators' \`save_json\` default) put it wherever the alphabet does
(corpus 034, 063), and they work. Background first is still the convention of nnU-Net's
examples and easier to read, so this rule exists, but it is **not in the default set**:
turn it on with \`--select NNU104\`.

**Fix (safe):** the background entry moves to the first slot and the others shift down one
slot, in their order; commas, line breaks and indentation stay where they were. In region
mode the order of the other entries is the region order, and it is kept.`,
  },
  check(ctx) {
    const view = labelView(ctx.doc, ctx.prop('labels')?.children?.[1]);
    if (!view || view.inverted) return [];
    const i = view.entries.findIndex((e) => e.name === 'background');
    if (i <= 0) return [];
    const props = view.node.children ?? [];
    const bg = props[i]!;
    const order = [bg, ...props.filter((p) => p !== bg)];
    return [
      {
        node: view.entries[i]!.nameNode,
        key: 'bg-first',
        message: `"background" is entry ${i + 1} of ${props.length} in labels`,
        nnunet: 'does not mind',
        help: 'background first is the convention',
        fix: {
          applicability: 'safe',
          title: 'move "background" to the first entry',
          edits: rewriteSlots(
            view.node,
            order.map((p) => rawOf(ctx.doc, p)),
          ),
          scope: [['labels']],
        },
      },
    ];
  },
};
export default rule;
