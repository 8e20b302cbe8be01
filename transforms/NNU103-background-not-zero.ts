import type { Rule } from '../src/types.js';
import { rawOf, replaceNode } from '../src/edits.js';
import { labelView, readInt } from '../src/labels.js';

/** NNU103: background's value is not the integer 0. */
const rule: Rule = {
  meta: {
    code: 'NNU103',
    name: 'background-not-zero',
    severity: 'error',
    fix: ['safe', 'none'],
    stage: 'document',
    summary: 'background\'s value is not the integer 0 ([0], "0", 0.0, false, or another number)',
    docs: `nnU-Net requires \`"background": 0\`: \`LabelManager\` asserts that the value is not a list or
tuple and that \`int(value) == 0\`, with "Background label must be 0. Not a list. Not a tuple.
Your background label: {bg}" or "Background label must be 0. Your background label: {bg}".
Generators that stringify values write \`"background": "0"\` (corpus 073).

**Fix (safe):** \`[0]\`, \`"0"\`, \`0.0\` and \`false\` all mean 0 and become \`0\`.
**No fix** for any other value: background voxels must be 0 in the segmentations, so a
background of 255 or 1 means the segmentations must be relabelled.`,
  },
  check(ctx) {
    const doc = ctx.doc;
    const view = labelView(doc, ctx.prop('labels')?.children?.[1]);
    const bg = view?.entries.find((e) => e.name === 'background');
    if (!view || !bg) return [];
    if (view.inverted) {
      return bg.values?.[0] === 0 ? [] : [{ node: bg.valueNode, key: 'bg', message: `background has value ${String(bg.valueNode.value)}, not 0: nnU-Net says "Background label must be 0. Your background label: ${String(bg.valueNode.value)}"; relabel the segmentations so background is 0` }];
    }
    const v = bg.valueNode;
    const raw = rawOf(doc, v);
    if (v.type === 'number' && raw === '0') return [];
    let zeroLike = false;
    if (v.type === 'array') {
      const kids = v.children ?? [];
      zeroLike = kids.length === 1 && readInt(doc, kids[0]).ok && (readInt(doc, kids[0]) as { value: number }).value === 0 && kids[0]!.type !== 'array';
    } else {
      const r = readInt(doc, v);
      zeroLike = r.ok && r.value === 0 && (v.type !== 'number' || Number(raw) === 0);
    }
    if (zeroLike) {
      return [
        {
          node: v,
          key: 'bg',
          message: `background is ${raw.replace(/\s+/g, ' ')}, not the integer 0: nnU-Net ${v.type === 'array' ? 'stops with "Background label must be 0. Not a list. Not a tuple."' : 'reads it only by accident of int()'}; --fix writes 0`,
          fix: { applicability: 'safe', title: `write background as 0 (was ${raw.replace(/\s+/g, ' ')})`, edits: [replaceNode(v, '0')], scope: [['labels', 'background']] },
        },
      ];
    }
    return [
      {
        node: v,
        key: 'bg',
        message: `background is ${raw.replace(/\s+/g, ' ')}, not 0: nnU-Net stops with "Background label must be 0. Your background label: ${raw.replace(/\s+/g, ' ')}"; background voxels must be 0: relabel the segmentations, then write "background": 0`,
      },
    ];
  },
};
export default rule;
