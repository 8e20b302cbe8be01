import type { Rule } from '../src/types.js';
import { jsonString, rawOf, replaceNode, valueOf } from '../src/edits.js';
import { KNOWN_FILE_ENDINGS } from '../src/keys.js';
import { shorten } from '../src/words.js';

const READER_MESSAGE = 'Unable to determine a reader for file ending {fe} and file {f} (file None means no file provided).';

/** NNU205: `file_ending` without its leading dot, with blanks around it, or not a string. */
const rule: Rule = {
  meta: {
    code: 'NNU205',
    name: 'file-ending-format',
    severity: 'error',
    fix: ['safe', 'none'],
    stage: 'document',
    summary: 'file_ending without its leading dot ("nii.gz"), with blanks around it, or not a string',
    docs: `\`file_ending\` is used as an exact, case-sensitive suffix (\`str.endswith\`) of every image
and label file, and nnU-Net cuts \`len(file_ending) + 5\` characters off image names to get the
case identifiers. The reader is chosen by \`file_ending.lower()\`. So \`"nii.gz"\` (no dot) or
\`".nii.gz "\` (a blank) finds no cases or garbled ones ("Did not find the expected number of
training cases (%d). Found %d instead.", MIC-DKFZ/nnUNet #2436, #2346) and no reader:
"${READER_MESSAGE}"

**Fix (safe):**
- blanks around the ending are removed: \`" .nii.gz "\` → \`".nii.gz"\`;
- a glob star is removed: \`"*.nii.gz"\` → \`".nii.gz"\`;
- the missing leading dot is added when the result is an ending an nnU-Net reader knows
  (${KNOWN_FILE_ENDINGS.map((e) => `\`${e}\``).join(', ')}): \`"nii.gz"\` → \`".nii.gz"\`.

The case is never changed here: whether \`.NII.GZ\` is right depends on the files on disk
(NNU302).

**No fix** when \`file_ending\` is not a string, is empty, or lacks the dot but is no known
ending (\`"_0000.nii.gz"\`, \`"gz"\`): write the ending of the files in imagesTr by hand.`,
  },
  check(ctx) {
    const prop = ctx.prop('file_ending');
    const v = prop ? valueOf(prop) : undefined;
    if (!v) return [];
    const raw = rawOf(ctx.doc, v);
    if (v.type !== 'string') {
      return [
        {
          node: v,
          message: `"file_ending" is ${shorten(raw)}, not a string`,
          nnunet: 'calls file_ending.lower() and str.endswith(file_ending) and crashes',
          help: 'write the ending of the files in imagesTr, e.g. "file_ending": ".nii.gz"',
        },
      ];
    }
    const s = String(v.value);
    let fixed = s.trim();
    const steps: string[] = [];
    if (fixed !== s) steps.push('remove the blanks around it');
    if (fixed.startsWith('*')) {
      fixed = fixed.replace(/^\*+/, '');
      steps.push('remove the glob "*"');
    }
    let noDot = false;
    if (fixed && !fixed.startsWith('.')) {
      if (KNOWN_FILE_ENDINGS.includes('.' + fixed.toLowerCase())) {
        fixed = '.' + fixed;
        steps.push('add the leading dot');
      } else noDot = true;
    }
    if (!steps.length && !noDot && fixed) return [];

    const what =
      fixed === ''
        ? s === ''
          ? 'is empty'
          : 'is only blanks'
        : [
            s !== s.trim() ? 'has blanks around it' : '',
            /^\s*\*/.test(s) ? 'starts with a glob "*"' : '',
            !s.trim().replace(/^\*+/, '').startsWith('.') ? 'has no leading dot' : '',
          ]
            .filter(Boolean)
            .join(' and ');
    const found = {
      message: `"file_ending" is ${shorten(raw)}, which ${what}`,
      nnunet: `uses it as an exact suffix of the file names (str.endswith), finds no cases or garbled case names, and stops with "${READER_MESSAGE.replace('{fe}', shorten(s)).replace('{f}', '...')}"`,
    };
    if (fixed === '' || noDot) {
      return [{ node: v, ...found, help: `${fixed === '' ? 'write' : 'add the leading dot and check'} the ending of the files in imagesTr, e.g. ".nii.gz"` }];
    }
    return [
      {
        node: v,
        ...found,
        fix: {
          applicability: 'safe',
          title: `write file_ending as ${jsonString(fixed)} (${steps.join(', ')})`,
          edits: [replaceNode(v, jsonString(fixed))],
          scope: [['file_ending']],
        },
      },
    ];
  },
};
export default rule;
