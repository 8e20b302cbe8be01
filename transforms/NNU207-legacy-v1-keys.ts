import type { Rule } from '../src/types.js';

/** v1/MSD keys nnU-Net v2 never reads (`modality` is NNU202's). */
const LEGACY = ['training', 'test', 'tensorImageSize', 'numTest'] as const;

/** The two that nnUNetv2_convert_MSD_dataset itself keeps. */
const KEPT_BY_CONVERTER = new Set<string>(['tensorImageSize', 'numTest']);

/** NNU207: `training`, `test`, `tensorImageSize`, `numTest` left over from v1/MSD. */
const rule: Rule = {
  meta: {
    code: 'NNU207',
    name: 'legacy-v1-keys',
    severity: 'warning',
    fix: ['none'],
    stage: 'document',
    summary: 'v1/MSD keys training, test, tensorImageSize, numTest: ignored by nnU-Net v2',
    docs: `nnU-Net v1 and the Medical Segmentation Decathlon list the cases in dataset.json
(\`training\`, \`test\`) and describe them (\`tensorImageSize\`, \`numTest\`). nnU-Net v2 ignores
all four: it finds the cases in imagesTr/labelsTr by file name
(\`{CASE}_{XXXX}{file_ending}\`), whatever \`training\` says. A stale \`training\` list is
misleading: editing it changes nothing (MIC-DKFZ/nnUNet #1644).

\`nnUNetv2_convert_old_nnUNet_dataset\` deletes all four; \`nnUNetv2_convert_MSD_dataset\`
deletes \`training\` and \`test\` but keeps \`tensorImageSize\` and \`numTest\`. nnU-Net allows
extra keys, so they do no harm.

**No fix:** the keys are reported once per file and kept. Delete them by hand if you want a
clean v2 file. A warning never changes the exit code (unless \`--max-warnings\` says so): a
file nnU-Net v2 accepts passes.`,
  },
  check(ctx) {
    const present = LEGACY.map((k) => ctx.prop(k))
      .filter((p) => p !== undefined)
      .sort((a, b) => a.offset - b.offset);
    if (!present.length) return [];
    const names = present.map((p) => String(p.children![0]!.value));
    const quoted = names.map((n) => `"${n}"`).join(', ');
    const onlyKept = names.every((n) => KEPT_BY_CONVERTER.has(n));
    const what = onlyKept
      ? 'nnUNetv2_convert_MSD_dataset keeps these two itself'
      : `v2 finds the cases in imagesTr/labelsTr by file name, whatever ${names.includes('training') ? '"training"' : '"test"'} lists`;
    return [
      {
        node: present[0],
        key: 'legacy-v1-keys',
        message: `v1/MSD key${names.length > 1 ? 's' : ''} ${quoted}`,
        nnunet: `v2 ignores ${names.length > 1 ? 'them' : 'it'} (${what})`,
        help: 'kept; delete by hand if you want a clean v2 file',
      },
    ];
  },
};
export default rule;
