import type { JsonNode, Rule } from '../src/types.js';
import { rawOf, removeProperty, renameKey, valueOf } from '../src/edits.js';
import type { Document } from '../src/document.js';
import { isDuplicateKey, missingRequiredKeys, pyList } from '../src/keys.js';

/** One entry of a channel object, comparable across `modality` and `channel_names`. */
function entries(doc: Document, obj: JsonNode): string[] {
  return (obj.children ?? []).map((p) => {
    const k = p.children?.[0];
    const v = p.children?.[1];
    const value = v?.type === 'string' ? JSON.stringify(v.value) : v ? rawOf(doc, v) : '';
    return `${JSON.stringify(k?.value)}:${value}`;
  });
}

function count(obj: JsonNode | undefined): string {
  if (obj?.type !== 'object') return obj ? `${/^[aeiou]/.test(obj.type) ? 'an' : 'a'} ${obj.type}` : 'no value';
  const n = obj.children?.length ?? 0;
  return `${n} ${n === 1 ? 'entry' : 'entries'}`;
}

/** NNU202: v1/MSD `modality` instead of (or next to) `channel_names`. */
const rule: Rule = {
  meta: {
    code: 'NNU202',
    name: 'legacy-modality',
    severity: 'error',
    fix: ['safe', 'none'],
    stage: 'document',
    summary: 'the v1/MSD key "modality" instead of "channel_names", or a stale "modality" next to it',
    docs: `nnU-Net v1 and the Medical Segmentation Decathlon call the channel list \`modality\`;
nnU-Net v2 requires \`channel_names\`. With \`--verify_dataset_integrity\` it stops with
"not all required keys are present in dataset.json. ... Missing: ['channel_names', ...]"
(MIC-DKFZ/nnUNet #1602); the planner prints
'WARNING: "modalities" should be renamed to "channel_names" in dataset.json. This will be enforced soon!'

**Fix (safe):** the key is renamed in place, \`"modality": {"0": "T2"}\` becomes
\`"channel_names": {"0": "T2"}\`; only the key token changes. This is what
\`nnUNetv2_convert_MSD_dataset\` does, without copying the dataset.

**Both keys present:** nnU-Net's \`determine_num_input_channels\` *prefers* \`modality\`
(\`len(dataset_json['modality'])\` when the key exists), while the planner's normalization
uses \`channel_names\`. A stale \`modality\` therefore decides how many input channels the
network gets. When both hold the same entries in the same order, \`modality\` is removed
(safe). When they differ there is **no fix**: delete the one that does not describe the
channel files (\`_0000\`, \`_0001\`, ...) yourself.

**No fix** either when \`modality\` is not an object, or when the key appears twice
(removing or renaming the last one would bring the earlier one back; see NNU004).`,
  },
  check(ctx) {
    const modality = ctx.prop('modality');
    if (!modality) return [];
    const channels = ctx.prop('channel_names');
    const mv = valueOf(modality);
    const dup = isDuplicateKey(ctx.doc, ctx.root, 'modality');
    const dupNote = 'not fixed automatically: "modality" appears more than once (NNU004), and changing the last one would bring an earlier one back';

    if (!channels) {
      const found = {
        message: '"modality" is the v1/MSD name of "channel_names"',
        nnunet:
          `v2's verify_dataset_integrity stops with "not all required keys are present in dataset.json. ... Missing: ${pyList(missingRequiredKeys(ctx.root))}" ` +
          `and the planner warns 'WARNING: "modalities" should be renamed to "channel_names" in dataset.json. This will be enforced soon!'`,
      };
      if (dup) return [{ node: modality, ...found, help: dupNote }];
      if (mv?.type !== 'object') {
        return [
          {
            node: modality,
            ...found,
            help: `not fixed automatically: its value is ${count(mv)}, not an object like {"0": "CT"}: write "channel_names" with one name per channel file (_0000, _0001, ...)`,
          },
        ];
      }
      return [
        {
          node: modality,
          ...found,
          help: 'the entries stay as they are',
          fix: {
            applicability: 'safe',
            title: 'rename "modality" to "channel_names"',
            edits: [renameKey(modality, 'channel_names')],
            scope: [['modality'], ['channel_names']],
          },
        },
      ];
    }

    const cv = valueOf(channels);
    const same = mv?.type === 'object' && cv?.type === 'object' && entries(ctx.doc, mv).join('\n') === entries(ctx.doc, cv).join('\n');
    if (same) {
      const found = {
        message: `stale v1 key "modality" next to "channel_names" (both hold the same ${count(mv)})`,
        nnunet: 'counts the input channels from "modality" when both exist (determine_num_input_channels)',
      };
      if (dup) return [{ node: modality, ...found, help: dupNote }];
      return [
        {
          node: modality,
          ...found,
          help: 'the two must never drift apart',
          fix: {
            applicability: 'safe',
            title: 'remove "modality" (same entries as "channel_names")',
            edits: [removeProperty(ctx.root, modality)],
            scope: [['modality']],
          },
        },
      ];
    }
    return [
      {
        node: modality,
        message: `"modality" (${count(mv)}) and "channel_names" (${count(cv)}) disagree`,
        nnunet: 'takes the input channels of the network from "modality" (determine_num_input_channels) and the normalization from "channel_names"',
        help: 'not fixed automatically: delete whichever one does not match the channel files of a case (_0000, _0001, ...), usually "modality"',
      },
    ];
  },
};
export default rule;
