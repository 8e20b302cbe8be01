import type { Rule } from '../src/types.js';
import { jsonString } from '../src/edits.js';
import { isRegionMode, labelView } from '../src/labels.js';
import { shorten } from '../src/words.js';

/** NNU109: two names with the same value. */
const rule: Rule = {
  meta: {
    code: 'NNU109',
    name: 'duplicate-label-value',
    severity: 'warning',
    fix: ['none'],
    stage: 'document',
    summary: 'two label names share one value (most likely a copy-paste mistake)',
    docs: `Outside region mode each label value should have one name. Two names with the same value
pass every nnU-Net check (only the planner's memory estimate counts \`len(labels)\`), so the
mistake goes unnoticed: usually a copy-pasted line whose value was not updated, which leaves
a class undeclared.

**No fix:** which name is right is not knowable. Give each class its own value, matching the
segmentations.`,
  },
  check(ctx) {
    const view = labelView(ctx.doc, ctx.prop('labels')?.children?.[1]);
    if (!view || view.inverted || isRegionMode(view)) return [];
    const byValue = new Map<bigint, string[]>();
    for (const e of view.entries) {
      if (!e.values || e.values.length !== 1) continue;
      const v = e.values[0]!;
      byValue.set(v, [...(byValue.get(v) ?? []), e.name]);
    }
    const out = [];
    for (const [v, names] of byValue) {
      if (names.length < 2) continue;
      const second = view.entries.filter((e) => e.values?.[0] === v)[1]!;
      out.push({
        node: second.nameNode,
        key: `dup@${v}`,
        message: `labels ${
          names.length > 3
            ? `${names
                .slice(0, 3)
                .map((n) => jsonString(shorten(n)))
                .join(', ')} and ${names.length - 3} more`
            : names.map((n) => jsonString(shorten(n))).join(' and ')
        } share the value ${shorten(String(v))}`,
        nnunet: 'accepts it',
        help: 'most likely a copy-paste mistake that leaves a class undeclared: give each class its own value',
      });
    }
    return out;
  },
};
export default rule;
