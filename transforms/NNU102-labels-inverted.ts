import type { Rule } from '../src/types.js';
import { colonOf, jsonString, rewriteSlots } from '../src/edits.js';
import { duplicateKeysOf } from '../src/keys.js';
import { isBackgroundSpelling, labelView } from '../src/labels.js';
import { pyIntFromString } from '../src/pyint.js';
import { shorten } from '../src/words.js';

const NNUNET_SAYS = '"Background label not declared (remember that this should be label 0!)"';

/** NNU102: v1/MSD `{"0": "background", "1": "liver"}` -> v2 `{"background": 0, "liver": 1}`. */
const rule: Rule = {
  meta: {
    code: 'NNU102',
    name: 'labels-inverted',
    severity: 'error',
    fix: ['safe', 'none'],
    stage: 'document',
    summary: 'labels written the v1/MSD way ("0": "background") instead of name -> value',
    docs: `nnU-Net v1 and the Medical Segmentation Decathlon write \`labels\` as value -> name:

    "labels": {"0": "background", "1": "liver"}

nnU-Net v2 reads name -> value and stops in \`LabelManager\` with
"Background label not declared (remember that this should be label 0!)"
(MIC-DKFZ/nnUNet #2674, #2156, #2762).

**Fix (safe):** every entry is inverted in place, entry order kept and background
(the entry for 0) first: \`{"background": 0, "liver": 1}\`. Within the \`labels\` object
only the key and value tokens change; indentation, line breaks and commas stay. This is
what \`nnUNetv2_convert_MSD_dataset\` does to \`labels\`, without copying the dataset.

**No fix** when two values carry the same name (inverting would create a duplicate key,
and Python would silently keep only the last one): rename one of them first.`,
  },
  check(ctx) {
    const labelsProp = ctx.prop('labels');
    const view = labelView(ctx.doc, labelsProp?.children?.[1]);
    if (view?.unreadableKey) {
      const k = view.unreadableKey;
      const r = pyIntFromString(String(k.value));
      return [
        {
          node: k,
          message: `labels look inverted (v1/MSD style), but the key ${jsonString(shorten(String(k.value)))} is not an integer`,
          nnunet: `v2 stops with ${NNUNET_SAYS}; its converters fail on that key${r.ok ? '' : ` with "${shorten(r.error, 80)}"`}`,
          help: 'not fixed automatically: write the key as the integer it stands for (or the whole object as name -> value), then run again',
        },
      ];
    }
    if (!view?.inverted) return [];
    const first = view.entries[0]!;
    const found = {
      message: `labels are inverted: ${jsonString(shorten(String(first.valueNode.value)))}: ${jsonString(shorten(first.name))} (v1/MSD style)`,
      nnunet: `v2 reads name -> value and stops with ${NNUNET_SAYS}`,
    };
    if (duplicateKeysOf(ctx.doc, view.node).length) {
      return [
        {
          node: view.node,
          ...found,
          help: 'not fixed automatically: labels repeats a key (NNU004), and Python keeps only the last of each; delete the entries you do not mean, then run again',
        },
      ];
    }
    // The entry for 0 is written "background" when it is a spelling of it ("Background", "BG"):
    // nnU-Net matches the key exactly (NNU101 would rename it the same way).
    const nameOf = (e: (typeof view.entries)[number]) => (e.values![0] === 0n && isBackgroundSpelling(e.name) ? 'background' : e.name);
    const names = view.entries.map(nameOf);
    const dup = names.find((n, i) => names.indexOf(n) !== i);
    if (dup !== undefined) {
      return [
        {
          node: view.node,
          ...found,
          help: `not fixed automatically: the name ${jsonString(shorten(dup))} is used for two values, and inverting would keep only one; rename one of them, then run again`,
        },
      ];
    }
    // Background (value 0) first, the rest in their order; each entry goes into the next slot.
    const order = [...view.entries].sort((a, b) => Number(a.values?.[0] !== 0n) - Number(b.values?.[0] !== 0n));
    const texts = order.map((e, i) => jsonString(nameOf(e)) + colonOf(ctx.doc, view.entries[i]!.prop) + String(e.values![0]));
    const preview = order
      .slice(0, 2)
      .map((e) => `${jsonString(shorten(nameOf(e)))}: ${shorten(String(e.values![0]))}`)
      .join(', ');
    return [
      {
        node: view.node,
        ...found,
        fix: {
          applicability: 'safe',
          title: `invert labels to {${preview}${order.length > 2 ? ', ...' : ''}}`,
          edits: rewriteSlots(view.node, texts),
          scope: [['labels']],
        },
      },
    ];
  },
};
export default rule;
