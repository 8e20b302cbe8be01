import type { Rule } from '../src/types.js';
import { rawOf, replaceNode, valueOf } from '../src/edits.js';
import { shorten } from '../src/words.js';

const HOW = 'set it to the number of training cases (NNU301 counts them when the dataset folder is checked)';

/** A whole non-negative number written as a string: `"32"`, `" 32 "`, `"32.0"`. */
const WHOLE_STRING = /^\s*\+?(\d+)(?:\.0*)?\s*$/;

/** NNU204: `numTraining` is a string, a float or another non-integer. */
const rule: Rule = {
  meta: {
    code: 'NNU204',
    name: 'num-training-not-int',
    severity: 'error',
    severities: ['error', 'warning'],
    fix: ['safe', 'none'],
    stage: 'document',
    summary: 'numTraining is not a positive integer ("32", 32.0 or 0 instead of 32)',
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
    if (v.type === 'number' && /^-?\d+$/.test(raw)) {
      // an int; NNU301 says when it is the wrong count for the folder. Zero or less is never right:
      // nnU-Net finds no case to read (verify_dataset_integrity picks the image reader from the
      // first case and stops with StopIteration; the MSD template dataset.json has 0, corpus 015).
      if (/^(-\d+|0+)$/.test(raw)) {
        return [
          {
            node: v,
            key: 'numTraining-not-positive',
            message: `"numTraining" is ${shorten(raw)}, not a number of training cases`,
            nnunet:
              'needs at least one training case: verify_dataset_integrity stops with StopIteration while choosing an image reader, and planning has nothing to plan',
            help: HOW,
          },
        ];
      }
      return [];
    }

    let whole: string | undefined;
    if (v.type === 'string') {
      const m = WHOLE_STRING.exec(String(v.value));
      if (m) whole = String(BigInt(m[1]!));
    } else if (v.type === 'number') {
      const x = Number(raw);
      if (Number.isSafeInteger(x) && x >= 0) whole = String(x);
    }

    const found = `"numTraining" is ${shorten(raw)}`;
    if (v.type === 'number') {
      if (whole !== undefined) {
        return [
          {
            node: v,
            severity: 'warning',
            message: `${found}, a float`,
            nnunet: `reads it because Python happens to accept it (${whole} == ${raw}), but its own generate_dataset_json writes an integer`,
            fix: {
              applicability: 'safe',
              title: `write numTraining as the integer ${shorten(whole)}`,
              edits: [replaceNode(v, whole)],
              scope: [['numTraining']],
            },
          },
        ];
      }
      return [
        {
          node: v,
          message: `${found}, not a whole number`,
          nnunet: 'stops with "Did not find the expected number of training cases (%d). Found %d instead." (--verify_dataset_integrity)',
          help: HOW,
        },
      ];
    }
    const says =
      v.type === 'string'
        ? {
            message: `${found}, a string`,
            nnunet: `raises "TypeError: %d format: a real number is required, not str" in verify_dataset_integrity, and the planner's arithmetic on it fails`,
          }
        : {
            message: `${found}, not a number`,
            nnunet: 'compares it with the case count and formats it with %d in verify_dataset_integrity, and the planner multiplies it into the dataset size',
          };
    if (whole !== undefined) {
      return [
        {
          node: v,
          ...says,
          fix: { applicability: 'safe', title: `write numTraining as the integer ${shorten(whole)}`, edits: [replaceNode(v, whole)], scope: [['numTraining']] },
        },
      ];
    }
    return [
      {
        node: v,
        ...says,
        help: 'not fixed automatically: set it to the number of training cases, e.g. "numTraining": 32 (NNU301 counts them when the dataset folder is checked)',
      },
    ];
  },
};
export default rule;
