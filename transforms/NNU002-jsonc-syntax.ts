import type { Finding, Rule } from '../src/types.js';
import { removeComment } from '../src/edits.js';
import { shorten } from '../src/words.js';

/** NNU002: comments and trailing commas, which Python's json.load rejects. */
const rule: Rule = {
  meta: {
    code: 'NNU002',
    name: 'jsonc-syntax',
    severity: 'error',
    fix: ['safe'],
    stage: 'text',
    summary: "comments (//, /* */, #) or trailing commas: Python's json.load rejects them",
    docs: `Editors and JavaScript tools accept "JSON with comments"; Python's \`json.load\` does not:
a comment or a trailing comma stops nnU-Net with
\`json.decoder.JSONDecodeError: Expecting property name enclosed in double quotes\`
(or \`Expecting value\`). nnU-Net's own \`documentation/dataset_format.md\` shows dataset.json
with \`# formerly modalities\` comments, and copying it verbatim fails (MIC-DKFZ/nnUNet #1456);
hand-edited files often gain a trailing comma (#1602, #2405).

**Fix (safe):** each comment is removed; a comment alone on its line takes the line with it, a
comment after a value takes the blanks before it. Each trailing comma is removed, nothing else:
no value changes, so the verifier requires the values before and after to be identical.
Comments are the only thing nnunet-doctor ever removes from your text, and only because
nnU-Net cannot read the file with them.`,
  },
  check(ctx) {
    const doc = ctx.doc;
    const findings: Finding[] = doc.comments.map((c) => {
      const raw = doc.text.slice(c.offset, c.offset + c.length);
      const style = c.kind === 'hash' ? 'a Python-style # comment' : c.kind === 'line' ? 'a // comment' : 'a /* */ comment';
      return {
        offset: c.offset,
        length: c.length,
        key: `comment@${raw}`,
        message: `found ${style}: ${JSON.stringify(shorten(raw.replace(/\s+/g, ' ')))}`,
        nnunet: 'stops with JSONDecodeError "Expecting property name enclosed in double quotes"',
        fix: { applicability: 'safe', title: 'remove the comment', edits: [removeComment(doc, c)], scope: [] },
      };
    });
    for (const off of doc.trailingCommas) {
      const closing = /^\s*([}\]])/.exec(doc.text.slice(off + 1, off + 200))?.[1];
      findings.push({
        offset: off,
        length: 1,
        key: `comma@${findings.length}`,
        message: `trailing comma before the closing ${closing === ']' ? 'bracket' : closing === '}' ? 'brace' : 'bracket or brace'}`,
        nnunet: `stops with JSONDecodeError ${closing === ']' ? '"Expecting value"' : closing === '}' ? '"Expecting property name enclosed in double quotes"' : '"Expecting property name enclosed in double quotes" (or "Expecting value" in a list)'}`,
        fix: { applicability: 'safe', title: 'remove the trailing comma', edits: [{ offset: off, length: 1, content: '' }], scope: [] },
      });
    }
    return findings;
  },
};
export default rule;
