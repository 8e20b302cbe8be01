import type { Rule } from '../src/types.js';
import { jsonString, rawOf, removeProperty, replaceNode, valueOf } from '../src/edits.js';
import { autoReaderFor, isDuplicateKey, READER_CLASSES } from '../src/keys.js';
import { shorten } from '../src/words.js';

const WARNING = 'Warning: Unable to find ioclass specified in dataset.json: {name}';

/** NNU206: `overwrite_image_reader_writer` is null, miscased, unknown or not a string. */
const rule: Rule = {
  meta: {
    code: 'NNU206',
    name: 'reader-writer',
    severity: 'error',
    severities: ['error', 'warning'],
    fix: ['safe', 'none'],
    stage: 'document',
    summary: 'overwrite_image_reader_writer is null, a miscased or unknown class name, or not a string',
    docs: `\`overwrite_image_reader_writer\` (optional) names the image reader class nnU-Net must use:
one of ${READER_CLASSES.map((c) => `\`${c}\``).join(', ')}, or the string \`"None"\` for automatic
choice by \`file_ending\`. nnU-Net looks the name up with \`hasattr(module, name)\` in every
module of \`nnunetv2.imageio\`:

- JSON \`null\` (or any other non-string) crashes with
  \`TypeError: hasattr(): attribute name must be string\` (MIC-DKFZ/nnUNet #2539);
- a name it cannot find (wrong case, a dotted path, a class of another tool) prints
  "${WARNING}", then "Trying to automatically determine desired class", and the reader is
  chosen from \`file_ending\` instead of the one you named.

**Fix (safe):**
- \`null\` → the key is removed (no key means automatic choice, which is what \`null\` meant);
- a known class name in the wrong case or with blanks around it → the exact name
  (\`"simpleitkio"\` → \`"SimpleITKIO"\`, \`"none"\` → \`"None"\`).

**No fix:**
- an unknown name (warning: nnU-Net still runs, with the automatic reader): set it to one of
  the classes above, to \`"None"\`, or delete the key;
- a number, boolean, list or object (error): same choice;
- a key that appears twice (removing the last one would bring the earlier one back; NNU004).`,
  },
  check(ctx) {
    const prop = ctx.prop('overwrite_image_reader_writer');
    const v = prop ? valueOf(prop) : undefined;
    if (!prop || !v) return [];
    const raw = rawOf(ctx.doc, v);
    const found = `"overwrite_image_reader_writer" is ${shorten(raw, 40)}`;
    const choices = `one of ${READER_CLASSES.join(', ')}, or "None" (automatic choice), or delete the key`;

    if (v.type === 'null') {
      const says = { message: found, nnunet: 'passes it to hasattr() and crashes with "TypeError: hasattr(): attribute name must be string" (#2539)' };
      if (isDuplicateKey(ctx.doc, ctx.root, 'overwrite_image_reader_writer')) {
        return [
          {
            node: v,
            ...says,
            help: 'not fixed automatically: the key appears more than once (NNU004), and removing the last one would bring an earlier one back',
          },
        ];
      }
      return [
        {
          node: v,
          ...says,
          help: 'without the key nnU-Net chooses the reader from file_ending, which is what null meant',
          fix: {
            applicability: 'safe',
            title: 'remove "overwrite_image_reader_writer": null',
            edits: [removeProperty(ctx.root, prop)],
            scope: [['overwrite_image_reader_writer']],
          },
        },
      ];
    }
    if (v.type !== 'string') {
      return [
        {
          node: v,
          message: `${found}, not a string`,
          nnunet: 'passes it to hasattr() and crashes with "TypeError: hasattr(): attribute name must be string"',
          help: `write ${choices}`,
        },
      ];
    }

    const name = String(v.value);
    if (name === 'None' || READER_CLASSES.includes(name)) return [];
    const warned = `cannot find that class and prints "${WARNING.replace('{name}', shorten(name))}"`;
    const fe = ctx.prop('file_ending')?.children?.[1];
    const auto = fe?.type === 'string' ? autoReaderFor(String(fe.value)) : undefined;
    const fallback = auto
      ? `, then chooses the reader from file_ending (${auto} for ${jsonString(String(fe!.value))})`
      : ', then chooses the reader from file_ending';

    const wanted = name.trim().toLowerCase();
    const exact = wanted === 'none' ? 'None' : READER_CLASSES.find((c) => c.toLowerCase() === wanted);
    if (exact) {
      return [
        {
          node: v,
          severity: exact === 'None' ? 'warning' : 'error',
          message: `${found}: ${exact === 'None' ? 'the automatic choice "None"' : exact} written ${name.trim() === name ? 'in the wrong case' : 'with blanks around it'}`,
          nnunet: `${warned}${fallback}${exact === 'None' ? '' : ` instead of ${exact}`}`,
          fix: {
            applicability: 'safe',
            title: `write overwrite_image_reader_writer as ${jsonString(exact)}`,
            edits: [replaceNode(v, jsonString(exact))],
            scope: [['overwrite_image_reader_writer']],
          },
        },
      ];
    }
    const last = name.split('.').pop()!.trim().toLowerCase();
    const hint = READER_CLASSES.find((c) => c.toLowerCase() === last);
    return [
      {
        node: v,
        severity: 'warning',
        message: `${found}, not a reader class of nnunetv2.imageio`,
        nnunet: `${warned}${fallback}`,
        help: `write ${hint ? `the bare class name ${jsonString(hint)}, ` : ''}${choices}`,
      },
    ];
  },
};
export default rule;
