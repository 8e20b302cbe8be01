import type { Rule } from '../src/types.js';
import { rawOf, replaceNode, valueOf } from '../src/edits.js';

/** A whole non-negative number written as a string: `"32"`, `" 32 "`, `"32.0"`. */
const WHOLE_STRING = /^\s*\+?(\d+)(?:\.0*)?\s*$/;

/** NNU204: `numTraining` is a string, a float or another non-integer. */
const rule: Rule = {
  meta: {
    code: 'NNU204',
    name: 'num-training-not-int',
    severity: 'error',
    fix: ['safe', 'none'],
    stage: 'document',
    summary: 'numTraining is not an integer ("32" or 32.0 instead of 32)',
    docs: `\`numTraining\` must be a JSON integer. nnU-Net uses it twice:
\`verify_dataset_integrity\` compares it with the number of cases and formats it with \`%d\` in
"Did not find the expected number of training cases (%d). Found %d instead." (a string makes
that formatting raise \`TypeError\` instead), and the experiment planner multiplies it into
the dataset size (\`np.prod(...) * dataset_json['numTraining']\`), which fails for a string.
A float such as \`32.0\` happens to work in Python (32 == 32.0) but is not what
\`generate_dataset_json\` writes.

**Fix (safe):** \`"32"\`, \`" 32 "\`, \`"32.0"\` and \`32.0\` become \`32\`; only the value token
changes.

**No fix** for anything that is not a whole number (\`"thirty"\`, \`32.5\`, \`true\`, \`null\`, a
list): set it to the number of training cases (NNU301 counts them when the dataset folder is
checked). \`NaN\`/\`Infinity\` are reported by NNU005.`,
  },
  check(ctx) {
    const prop = ctx.prop('numTraining');
    const v = prop ? valueOf(prop) : undefined;
    if (!v) return [];
    if (ctx.doc.nonFinite.some((n) => n.offset === v.offset)) return [];
    const raw = rawOf(ctx.doc, v);
    if (v.type === 'number' && /^\d+$/.test(raw)) return [];
    if (v.type === 'number' && /^-\d+$/.test(raw)) return []; // an int; NNU301 says it is the wrong count

    let whole: string | undefined;
    if (v.type === 'string') {
      const m = WHOLE_STRING.exec(String(v.value));
      if (m) whole = String(BigInt(m[1]!));
    } else if (v.type === 'number') {
      const x = Number(raw);
      if (Number.isSafeInteger(x) && x >= 0) whole = String(x);
    }

    const found = `"numTraining" is ${raw}`;
    if (v.type === 'number') {
      if (whole !== undefined) {
        return [
          {
            node: v,
            severity: 'warning',
            message: `${found}, a float; Python happens to accept it (${whole} == ${raw}), but nnU-Net's generate_dataset_json writes an integer; fix: write ${whole}`,
            fix: { applicability: 'safe', title: `write numTraining as the integer ${whole}`, edits: [replaceNode(v, whole)], scope: [['numTraining']] },
          },
        ];
      }
      return [
        {
          node: v,
          message: `${found}, not a whole number; verify_dataset_integrity stops with "Did not find the expected number of training cases (%d). Found %d instead."; not fixed automatically: set it to the number of training cases (NNU301 counts them when the dataset folder is checked)`,
        },
      ];
    }
    const consequence =
      v.type === 'string'
        ? `a string: verify_dataset_integrity's "Did not find the expected number of training cases (%d). Found %d instead." raises "TypeError: %d format: a real number is required, not str", and the planner's arithmetic on it fails`
        : `not a number: verify_dataset_integrity compares it with the case count and formats it with %d ("Did not find the expected number of training cases (%d). ..."), and the planner multiplies it into the dataset size`;
    if (whole !== undefined) {
      return [
        {
          node: v,
          message: `${found}, ${consequence}; fix: write the integer ${whole}`,
          fix: { applicability: 'safe', title: `write numTraining as the integer ${whole}`, edits: [replaceNode(v, whole)], scope: [['numTraining']] },
        },
      ];
    }
    return [
      {
        node: v,
        message: `${found}, ${consequence}; not fixed automatically: set it to the number of training cases, e.g. "numTraining": 32 (NNU301 counts them when the dataset folder is checked)`,
      },
    ];
  },
};
export default rule;
