import type { Rule, Finding } from '../src/types.js';
import { classify, lastProperty } from '../src/kind.js';

/** NNU006: the top level, `labels` or `channel_names` is not an object. */
const rule: Rule = {
  meta: {
    code: 'NNU006',
    name: 'not-an-object',
    severity: 'error',
    fix: ['none'],
    stage: 'text',
    summary: 'the top level, `labels` or `channel_names` is not a JSON object',
    docs: `nnU-Net indexes dataset.json as a dict (\`dataset_json['labels']\`), iterates \`labels.items()\`
and counts \`channel_names\` entries. A top-level list, or \`labels\`/\`channel_names\` written as a
list or a string, fails with \`TypeError\` or \`AttributeError: 'list' object has no attribute
'items'\`.

**No fix:** the mapping from names to values cannot be guessed from a list. Write it as an
object: \`"labels": {"background": 0, "liver": 1}\`, \`"channel_names": {"0": "CT"}\`.`,
  },
  check(ctx) {
    const doc = ctx.doc;
    if (doc.parseErrors.length || !doc.root) return [];
    if (doc.root.type !== 'object') {
      return [
        {
          node: doc.root,
          key: 'top',
          message: `the top level is a${doc.root.type === 'array' ? 'n array' : ` ${doc.root.type}`}, not an object`,
          nnunet: 'reads dataset.json as a dict and fails with TypeError',
          help: 'wrap the keys in { }',
        },
      ];
    }
    if (classify(doc).kind === 'not-nnunet') return [];
    const out: Finding[] = [];
    for (const key of ['labels', 'channel_names', 'modality']) {
      const v = lastProperty(doc.root, key)?.children?.[1];
      if (v && v.type !== 'object') {
        const example = key === 'labels' ? '{"background": 0, "liver": 1}' : '{"0": "CT"}';
        out.push({
          node: v,
          message: `"${key}" is a${v.type === 'array' ? 'n array' : ` ${v.type}`}, not an object`,
          nnunet: 'calls .items() on it and fails',
          help: `write it as ${example}`,
        });
      }
    }
    return out;
  },
};
export default rule;
