import type { Rule } from '../src/types.js';
import { labelView } from '../src/labels.js';
import { shorten } from '../src/words.js';

/** NNU106: label values (plus ignore) are not 0, 1, 2, ... */
const rule: Rule = {
  meta: {
    code: 'NNU106',
    name: 'labels-not-consecutive',
    severity: 'error',
    fix: ['none'],
    stage: 'document',
    summary: 'label values are not consecutive (0, 1, 2, ...): the segmentations must be relabelled',
    docs: `nnU-Net's \`verify_dataset_integrity\` requires the sorted label values (plus the ignore
label) to be consecutive: "Labels must be in consecutive order (0, 1, 2, ...). The labels {arr}
do not satisfy this restriction". Without \`--verify_dataset_integrity\` the gap surfaces later as
an \`IndexError\` or a CUDA assert during training (MIC-DKFZ/nnUNet #982, #1757, #1264).

**No fix:** the values name voxel values in the segmentation files; a JSON edit cannot close a
gap. Relabel the segmentations to 0..N (the maintainers' advice), then update \`labels\`. If a
class was only forgotten in \`labels\`, declare it (see NNU401 with \`--labels\`).`,
  },
  check(ctx) {
    const view = labelView(ctx.doc, ctx.prop('labels')?.children?.[1]);
    if (!view || !view.entries.length) return [];
    if (view.entries.some((e) => !e.values)) return []; // NNU105 reports unreadable values
    const values = new Set<bigint>([0n]); // a missing background is NNU101's problem
    for (const e of view.entries) for (const v of e.values!) values.add(v);
    const sorted = [...values].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const gaps: bigint[] = [];
    for (let v = 0n; v < sorted[sorted.length - 1]! && gaps.length < 10; v++) if (!values.has(v)) gaps.push(v);
    const negative = sorted.filter((v) => v < 0n);
    if (!gaps.length && !negative.length) return [];
    // numpy prints the array as [0 1 3]; long ones are cut here, big values shortened
    const shown =
      sorted.length > 12
        ? `${sorted
            .slice(0, 12)
            .map((v) => shorten(String(v), 20))
            .join(' ')} ...`
        : sorted.map((v) => shorten(String(v), 20)).join(' ');
    const some = (vs: bigint[]) =>
      vs
        .slice(0, 5)
        .map((v) => shorten(String(v), 20))
        .join(', ') + (vs.length > 5 ? ', ...' : '');
    return [
      {
        node: view.node,
        key: 'consecutive',
        message: `label values are not consecutive (${negative.length ? `negative: ${some(negative)}` : `missing: ${some(gaps)}`})`,
        nnunet: `stops with "Labels must be in consecutive order (0, 1, 2, ...). The labels [${shown}] do not satisfy this restriction" (--verify_dataset_integrity)`,
        help: 'relabel the segmentations to 0..N, then update labels',
      },
    ];
  },
};
export default rule;
