import type { Rule } from '../src/types.js';
import { rawOf, replaceNode } from '../src/edits.js';
import { labelView, readInt } from '../src/labels.js';
import { shorten } from '../src/words.js';

/** NNU103: background's value is not the integer 0. */
const rule: Rule = {
  meta: {
    code: 'NNU103',
    name: 'background-not-zero',
    severity: 'error',
    severities: ['error', 'warning'],
    fix: ['safe', 'none'],
    stage: 'document',
    summary: 'background\'s value is not the integer 0 ([0], "0", 0.0, false, or another number)',
    docs: `nnU-Net requires \`"background": 0\`: \`LabelManager\` asserts that the value is not a list or
tuple and that \`int(value) == 0\`, with "Background label must be 0. Not a list. Not a tuple.
Your background label: {bg}" or "Background label must be 0. Your background label: {bg}".
Generators that stringify values write \`"background": "0"\` (corpus 073).

**Fix (safe):** \`[0]\`, \`"0"\`, \`0.0\` and \`false\` all mean 0 and become \`0\`. \`[0]\` stops
nnU-Net (an **error**); the others pass its \`int()\` by accident (a **warning**, fixed all the same).
**No fix** for any other value: background voxels must be 0 in the segmentations, so a
background of 255 or 1 means the segmentations must be relabelled.`,
  },
  check(ctx) {
    const doc = ctx.doc;
    const view = labelView(doc, ctx.prop('labels')?.children?.[1]);
    const bg = view?.entries.find((e) => e.name === 'background');
    if (!view || !bg) return [];
    if (view.inverted) {
      if (bg.values?.[0] === 0n) return [];
      const value = shorten(String(bg.valueNode.value));
      return [
        {
          node: bg.valueNode,
          key: 'bg',
          message: `background has value ${value}, not 0`,
          nnunet: `stops with "Background label must be 0. Your background label: ${value}"`,
          help: 'relabel the segmentations so background is 0',
        },
      ];
    }
    const v = bg.valueNode;
    const raw = rawOf(doc, v);
    if (v.type === 'number' && raw === '0') return [];
    let zeroLike: boolean;
    if (v.type === 'array') {
      const kids = v.children ?? [];
      const r0 = readInt(doc, kids[0]);
      zeroLike = kids.length === 1 && r0.ok && r0.value === 0n && kids[0]!.type !== 'array';
    } else {
      const r = readInt(doc, v);
      zeroLike = r.ok && r.value === 0n && (v.type !== 'number' || Number(raw) === 0);
    }
    const shown = shorten(raw.replace(/\s+/g, ' '));
    if (zeroLike) {
      const list = v.type === 'array';
      return [
        {
          node: v,
          key: 'bg',
          severity: list ? 'error' : 'warning',
          message: `background is ${shown}, not the integer 0`,
          nnunet: list ? 'stops with "Background label must be 0. Not a list. Not a tuple."' : 'reads it as 0 only by accident of int()',
          fix: { applicability: 'safe', title: `write background as 0 (was ${shown})`, edits: [replaceNode(v, '0')], scope: [['labels', 'background']] },
        },
      ];
    }
    return [
      {
        node: v,
        key: 'bg',
        message: `background is ${shown}, not 0`,
        nnunet: `stops with "Background label must be 0. Your background label: ${shown}"`,
        help: 'background voxels must be 0: relabel the segmentations, then write "background": 0',
      },
    ];
  },
};
export default rule;
