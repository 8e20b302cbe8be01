import type { Rule } from '../src/types.js';
import { jsonString } from '../src/edits.js';
import { listSome } from '../src/folder/identifiers.js';
import { isRegionMode, labelView } from '../src/labels.js';
import { shorten } from '../src/words.js';

/** NNU108: region-based labels need regions_class_order with one entry per region. */
const rule: Rule = {
  meta: {
    code: 'NNU108',
    name: 'regions',
    severity: 'error',
    fix: ['none'],
    stage: 'document',
    summary: 'region-based labels without a matching regions_class_order',
    docs: `When a label value is a list of more than one value (\`"whole tumor": [1, 2, 3]\`), nnU-Net
trains on regions, and \`regions_class_order\` must say in which order the regions are painted
back into a segmentation, one entry per region (background and \`ignore\` do not count).
nnU-Net stops with "if region-based training is requested then you need to define
regions_class_order!" or "regions_class_order must have as many entries as there are regions".
Regions are built in **key order** of \`labels\`, so that order carries meaning: nnunet-doctor
never reorders \`labels\` in region mode.

**No fix:** the painting order is a modelling decision (BraTS uses \`[1, 2, 3]\`, KiTS
\`[1, 3, 2]\`; corpus 045, 046).`,
  },
  check(ctx) {
    const view = labelView(ctx.doc, ctx.prop('labels')?.children?.[1]);
    if (!view || view.inverted || !isRegionMode(view)) return [];
    const regions = view.entries.filter((e) => e.name !== 'background' && e.name !== 'ignore' && !(e.values?.length === 1 && e.values[0] === 0n));
    const rco = ctx.prop('regions_class_order');
    const value = rco?.children?.[1];
    if (!value) {
      return [
        {
          node: view.node,
          key: 'rco',
          message: `labels define ${regions.length} regions (list values) but regions_class_order is missing`,
          nnunet: 'stops with "if region-based training is requested then you need to define regions_class_order!"',
          help: `add "regions_class_order": [...] with ${regions.length} entries, in the order the regions are painted`,
        },
      ];
    }
    if (value.type !== 'array')
      return [
        {
          node: value,
          key: 'rco',
          message: `regions_class_order is a${value.type === 'object' ? 'n' : ''} ${value.type}, not a list`,
          help: `write a list with one entry per region (${regions.length})`,
        },
      ];
    const n = value.children?.length ?? 0;
    if (n !== regions.length) {
      return [
        {
          node: value,
          key: 'rco',
          message: `regions_class_order has ${n} entries but labels define ${regions.length} regions`,
          nnunet: 'stops with "regions_class_order must have as many entries as there are regions"',
          help: `the regions, in key order: ${listSome(
            regions.map((r) => jsonString(shorten(r.name))),
            5,
          )}`,
        },
      ];
    }
    return [];
  },
};
export default rule;
