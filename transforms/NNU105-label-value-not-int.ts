import type { Finding, Rule } from '../src/types.js';
import { jsonString, rawOf, replaceNode } from '../src/edits.js';
import { labelView, readInt } from '../src/labels.js';
import { shorten } from '../src/words.js';
import type { Node as JsonNode } from 'jsonc-parser';

/** NNU105: label values written as strings, floats or booleans. */
const rule: Rule = {
  meta: {
    code: 'NNU105',
    name: 'label-value-not-int',
    severity: 'error',
    severities: ['error', 'warning'],
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
      const label = jsonString(shorten(name));
      if (node.type === 'array' || node.type === 'object') {
        if (node.type === 'object' || path.length > 2) {
          out.push({
            node,
            severity: 'error',
            message: `label ${label} has a nested ${node.type} value`,
            nnunet: 'reads a label as an integer or a flat list of integers, and fails on it',
            help: 'write the intended integer(s)',
          });
        }
        return;
      }
      const raw = rawOf(doc, node);
      const r = readInt(doc, node);
      if (r.ok && r.exact) return;
      const found = `label ${label} has the value ${shorten(raw)}, not an integer`;
      if (r.ok && (node.type !== 'number' || Number.isInteger(Number(raw)))) {
        out.push({
          node,
          severity: 'warning',
          message: found,
          nnunet: `reads it as ${shorten(r.int)} only by accident of int(); checks that need an int fail on it`,
          fix: { applicability: 'safe', title: `write ${label} as ${shorten(r.int)}`, edits: [replaceNode(node, r.int)], scope: [path] },
        });
        return;
      }
      out.push({
        node,
        severity: 'error',
        message: found,
        nnunet: r.ok ? `silently truncates it to ${shorten(r.int)} with int()` : `fails with "${shorten(r.reason, 100)}"`,
        help: 'write the intended integer',
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
