import { getNodePath } from 'jsonc-parser';
import type { Rule } from '../src/types.js';
import { rawOf } from '../src/edits.js';
import { listSome } from '../src/folder/identifiers.js';
import { shorten } from '../src/words.js';

/** NNU004: the same key twice in one object. */
const rule: Rule = {
  meta: {
    code: 'NNU004',
    name: 'duplicate-key',
    severity: 'error',
    fix: ['none'],
    stage: 'document',
    summary: 'the same key twice in one object: Python silently keeps the last one',
    docs: `JSON does not forbid repeated keys, and Python's \`json.load\` keeps the **last** value
without a word. In \`labels\` that silently drops a class; two \`"ignore"\` keys end in
nnU-Net's "If you use the ignore label it must have the highest label value!" assertion
(MIC-DKFZ/nnUNet #2884). Corpus 013 repeats label keys \`"7"\` and \`"12"\`.

**No fix:** which of the values you meant is not knowable. The message names the key, every
line it appears on, and the value nnU-Net will actually see.`,
  },
  check(ctx) {
    const doc = ctx.doc;
    return doc.duplicateKeys.map((d) => {
      const path = getNodePath(d.object);
      const where = path.length ? `in ${JSON.stringify(shorten(path.join('.')))}` : 'at the top level';
      const lines = d.properties.map((p) => {
        let line = 1;
        for (let i = 0; i < p.offset; i++) if (doc.text.charCodeAt(i) === 10) line++;
        return line;
      });
      const last = d.properties[d.properties.length - 1]!;
      const value = last.children?.[1] ? rawOf(doc, last.children[1]) : '?';
      const key = JSON.stringify(shorten(d.key));
      return {
        node: d.properties[1]!,
        key: `${JSON.stringify(path)}|${d.key}`,
        message: `key ${key} appears ${d.properties.length} times ${where} (lines ${listSome(lines.map(String), 5)})`,
        nnunet: `sees only the last (Python's json.load keeps it): ${key}: ${shorten(value.replace(/\s+/g, ' '), 60)}`,
        help: 'delete the entries you do not mean',
      };
    });
  },
};
export default rule;
