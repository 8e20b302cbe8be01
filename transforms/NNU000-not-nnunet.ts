import type { Rule } from '../src/types.js';
import { classify } from '../src/kind.js';

/** NNU000: a file named dataset.json that is not an nnU-Net/MSD description. */
const rule: Rule = {
  meta: {
    code: 'NNU000',
    name: 'not-nnunet',
    severity: 'info',
    fix: ['none'],
    stage: 'kind',
    summary: 'a dataset.json of another framework (nnDetection, COCO, ...): skipped, never changed',
    docs: `Many tools name their description file \`dataset.json\`. nnunet-doctor only checks
nnU-Net v2 and v1/Medical Segmentation Decathlon descriptions. A file is skipped when:

- it has no \`labels\` and none of \`channel_names\`, \`modality\`, \`file_ending\`, \`numTraining\`
  (COCO, Hugging Face, MONAI datalists without labels), or
- it has nnDetection's keys (\`target_class\`, \`dim\`, \`modalities\`, \`test_labels\`) and no
  \`channel_names\`: nnDetection's \`{"0": "lesion"}\` means class 0 is a lesion, not background,
  so "fixing" it for nnU-Net would be wrong.

Skipped files are listed (info) and never written; they do not change the exit code.`,
  },
  check(ctx) {
    const c = classify(ctx.doc);
    if (c.kind !== 'not-nnunet') return [];
    return [{ offset: 0, length: 0, key: 'file', message: `skipped: ${c.reason}`, help: 'not an nnU-Net or MSD dataset description: never changed' }];
  },
};
export default rule;
