import type { Rule } from '../src/types.js';

/** NNU110: labels missing or empty. */
const rule: Rule = {
  meta: {
    code: 'NNU110',
    name: 'labels-empty',
    severity: 'error',
    fix: ['none'],
    stage: 'document',
    summary: '`labels` is missing or empty',
    docs: `\`labels\` is required: \`verify_dataset_integrity\` lists it under "not all required keys are
present in dataset.json", and without the flag \`LabelManager\` fails with \`KeyError: 'labels'\`
or "Background label not declared". An empty object declares no class at all.

**No fix:** the classes are in your segmentations, not in the JSON. Add
\`"labels": {"background": 0, "<class>": 1, ...}\`; \`nnunet-doctor --labels\` lists the values that
occur in labelsTr.`,
  },
  check(ctx) {
    const prop = ctx.prop('labels');
    if (!prop) {
      return [
        {
          node: ctx.root,
          key: 'labels',
          message: 'the required key "labels" is missing',
          nnunet: 'stops with "not all required keys are present in dataset.json" (Missing: [\'labels\'])',
          help: 'add "labels": {"background": 0, ...}',
        },
      ];
    }
    const v = prop.children?.[1];
    if (v?.type === 'object' && !v.children?.length) {
      return [
        {
          node: v,
          key: 'labels',
          message: '"labels" is empty',
          nnunet: 'stops with "Background label not declared (remember that this should be label 0!)"',
          help: 'declare "background": 0 and one entry per class',
        },
      ];
    }
    return [];
  },
};
export default rule;
