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
    // keyed by its place among the non-finite tokens, not its offset: a fix elsewhere in the
    // file moves the offset, and the same token must not be reported again as a new problem
    return ctx.doc.nonFinite.map((n, i) => ({
      offset: n.offset,
      length: n.length,
      key: `nf#${i}:${n.raw}`,
      message: `found ${n.raw}, which is not a JSON number`,
      nnunet:
        n.raw === 'NaN'
          ? 'reads it (json.load accepts NaN), then fails in int(): "ValueError: cannot convert float NaN to integer"'
          : `reads it (json.load accepts ${n.raw}), then fails in int(): "OverflowError: cannot convert float infinity to integer"`,
      help: 'replace it with the intended number',
    }));
  },
};
export default rule;
