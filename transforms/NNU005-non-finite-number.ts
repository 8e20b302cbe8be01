import type { Rule } from '../src/types.js';

/** NNU005: NaN / Infinity / -Infinity tokens. */
const rule: Rule = {
  meta: {
    code: 'NNU005',
    name: 'non-finite-number',
    severity: 'error',
    fix: ['none'],
    stage: 'document',
    summary: 'NaN / Infinity / -Infinity: Python accepts them, nnU-Net then crashes',
    docs: `Python's \`json.load\` accepts the non-standard tokens \`NaN\`, \`Infinity\` and \`-Infinity\`
(they come from \`json.dump\` of a float that went wrong, e.g. a mean over an empty list), so
the file loads; nnU-Net then fails later: \`int(nan)\` raises
\`ValueError: cannot convert float NaN to integer\` for a label value, and a NaN \`numTraining\`
breaks the planner. No other JSON reader accepts these tokens.

**No fix:** the value that was meant is unknown; replace the token with the right number.`,
  },
  check(ctx) {
    return ctx.doc.nonFinite.map((n) => ({
      offset: n.offset,
      length: n.length,
      key: `nf@${n.offset}`,
      message: `found ${n.raw}: Python's json.load accepts it, but nnU-Net fails on it later (int(${n.raw === 'NaN' ? 'nan' : 'inf'}) raises ValueError/OverflowError); replace it with the intended number`,
    }));
  },
};
export default rule;
