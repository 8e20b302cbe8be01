import type { Finding, Rule } from '../src/types.js';
import { jsonString, rawOf, replaceNode } from '../src/edits.js';
import { labelView, readInt } from '../src/labels.js';
import type { Node as JsonNode } from 'jsonc-parser';

/** NNU105: label values written as strings, floats or booleans. */
const rule: Rule = {
  meta: {
    code: 'NNU105',
    name: 'label-value-not-int',
    severity: 'error',
    fix: ['safe', 'none'],
    stage: 'document',
    summary: 'a label value is a string, float or boolean ("1", 1.0, true, "liver") instead of an integer',
    docs: `nnU-Net reads every label value with Python's \`int()\` (or a list of such values for
regions). \`"1"\`, \`1.0\` and \`true\` survive that by accident (a **warning**: other code, such as
the ignore-label check, tests \`isinstance(v, int)\` and fails on them); \`"1.0"\` or \`"liver"\`
raise \`ValueError: invalid literal for int() with base 10\` (an **error**). Generators that
stringify values write \`"liver": "1"\` (corpus 073).

**Fix (safe):** \`"1"\`, \`1.0\`, \`true\` become \`1\` (inside region lists too).
**No fix** for values \`int()\` cannot read: write the intended integer. \`background\` and
\`ignore\` have their own rules (NNU103, NNU107).`,
  },
  check(ctx) {
    const doc = ctx.doc;
    const view = labelView(doc, ctx.prop('labels')?.children?.[1]);
    if (!view || view.inverted) return [];
    const out: Finding[] = [];
    const checkToken = (name: string, node: JsonNode, path: (string | number)[]) => {
      if (node.type === 'array' || node.type === 'object') {
        if (node.type === 'object' || path.length > 2) out.push({ node, severity: 'error', message: `label ${jsonString(name)} has a nested ${node.type} value: nnU-Net reads a label as an integer or a flat list of integers; write the intended integer(s)` });
        return;
      }
      const raw = rawOf(doc, node);
      const r = readInt(doc, node);
      if (r.ok && r.exact) return;
      if (r.ok && (node.type !== 'number' || Number(raw) === r.value)) {
        out.push({
          node,
          severity: 'warning',
          message: `label ${jsonString(name)} has the value ${raw}, not an integer: nnU-Net's int() happens to read it as ${r.value}, but checks that need an int fail on it; --fix writes ${r.value}`,
          fix: { applicability: 'safe', title: `write ${jsonString(name)} as ${r.value}`, edits: [replaceNode(node, String(r.value))], scope: [path] },
        });
        return;
      }
      if (!r.ok && r.reason.endsWith('too large to be a label value')) {
        out.push({ node, severity: 'error', message: `label ${jsonString(name)} has the value ${raw}, far too large for a label value (labels are small integers 0, 1, 2, ...); write the intended integer` });
        return;
      }
      out.push({
        node,
        severity: 'error',
        message: `label ${jsonString(name)} has the value ${raw}, which is not an integer: nnU-Net fails with "ValueError: invalid literal for int()"${r.ok ? ` (or truncates it to ${r.value})` : ''}; write the intended integer`,
      });
    };
    for (const e of view.entries) {
      if (e.name === 'background' || e.name === 'ignore') continue;
      if (e.valueNode.type === 'array') (e.valueNode.children ?? []).forEach((c, i) => checkToken(e.name, c, ['labels', e.name, i]));
      else checkToken(e.name, e.valueNode, ['labels', e.name]);
    }
    return out;
  },
};
export default rule;
