import type { Rule } from '../src/types.js';
import { insertFirstProperty, jsonString, renameKey, replaceNode } from '../src/edits.js';
import { isBackgroundSpelling, labelView } from '../src/labels.js';
import { shorten } from '../src/words.js';

const NNUNET_SAYS = '"Background label not declared (remember that this should be label 0!)"';

/** NNU101: no key spelled exactly "background". */
const rule: Rule = {
  meta: {
    code: 'NNU101',
    name: 'background-missing',
    severity: 'error',
    fix: ['safe', 'none'],
    stage: 'document',
    summary: 'no label named exactly "background" (Background, BG, " background", or none at all)',
    docs: `nnU-Net's \`LabelManager\` looks for the key \`"background"\` in \`labels\`, exactly: case and
blanks count. Without it every step from preprocessing to inference stops with
${NNUNET_SAYS} (MIC-DKFZ/nnUNet #2893, #1509, #2156;
bhklab/med-imagetools #375). Neither of nnU-Net's converters renames a label 0 called
\`"Background"\` (corpus 020, 021).

**Fix (safe)** in two cases:
- a label with value 0 is a spelling of background (\`Background\`, \`BG\`, \`bg\`, \`" background "\`,
  \`backgroud\`, \`Hintergrund\`): its key is renamed to \`"background"\` in place;
- value 0 is not used by any label (labels start at 1): \`"background": 0\` is inserted as the
  first entry, indented like its siblings. nnU-Net requires the declaration even when no voxel
  is background (#1509).

**No fix** when 0 belongs to a real class (\`"tumour": 0\`): nnU-Net reserves 0 for background,
so the segmentations must be relabelled (shift every value by one) before \`"background": 0\`
can be declared. The message says so.`,
  },
  check(ctx) {
    const view = labelView(ctx.doc, ctx.prop('labels')?.children?.[1]);
    if (!view || !view.entries.length) return [];
    if (view.entries.some((e) => e.name === 'background')) return [];

    const spelled = view.entries.find((e) => isBackgroundSpelling(e.name));
    if (spelled) {
      const name = jsonString(shorten(spelled.name));
      const found = view.inverted
        ? `${jsonString(shorten(String(spelled.valueNode.value)))}: ${name}`
        : `${name}: ${shorten(spelled.values?.join(', ') ?? '?', 20)}`;
      if (!spelled.isList && spelled.values?.length === 1 && spelled.values[0] === 0n) {
        return [
          {
            node: spelled.nameNode,
            key: 'background',
            message: `background label not declared: found ${found}`,
            nnunet: `matches the key "background" exactly (case and blanks count) and stops with ${NNUNET_SAYS}`,
            fix: {
              applicability: 'safe',
              title: `rename ${name} to "background"`,
              edits: [view.inverted ? replaceNode(spelled.nameNode, '"background"') : renameKey(spelled.prop, 'background')],
              scope: [['labels']],
            },
          },
        ];
      }
      return [
        {
          node: spelled.nameNode,
          key: 'background',
          message: `background label not declared: found ${found}, a spelling of background that is not 0`,
          nnunet: `stops with ${NNUNET_SAYS}`,
          help: 'background must be "background": 0: relabel the segmentations so background voxels are 0, then rename the key',
        },
      ];
    }

    const zero = view.entries.find((e) => e.values?.includes(0n));
    if (!zero) {
      const all = view.entries.flatMap((e) => e.values ?? []);
      const lowest = all.length ? all.reduce((a, b) => (b < a ? b : a)) : undefined;
      const content = view.inverted ? ['0', '"background"'] : ['background', '0'];
      return [
        {
          node: view.node,
          key: 'background',
          message: `background label not declared: labels ${lowest !== undefined ? `start at ${shorten(String(lowest))}` : 'have no value 0'} and none is "background"`,
          nnunet: `stops with ${NNUNET_SAYS}`,
          fix: {
            applicability: 'safe',
            title: 'insert "background": 0 as the first label',
            edits: [insertFirstProperty(ctx.doc, view.node, content[0]!, content[1]!)],
            scope: [['labels']],
          },
        },
      ];
    }
    return [
      {
        node: zero.nameNode,
        key: 'background',
        message: `background label not declared, and value 0 is the class ${jsonString(shorten(zero.name))}`,
        nnunet: `reserves 0 for background and stops with ${NNUNET_SAYS}`,
        help: 'not fixable in dataset.json: relabel the segmentations (shift every value by 1, e.g. with numpy or SimpleITK), then declare "background": 0',
      },
    ];
  },
};
export default rule;
