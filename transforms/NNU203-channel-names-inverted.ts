import type { JsonNode, Rule } from '../src/types.js';
import { colonOf, jsonString, rawOf, rewriteSlots } from '../src/edits.js';
import { INT_STRING } from '../src/kind.js';
import { duplicateKeysOf } from '../src/keys.js';
import { shorten } from '../src/words.js';

/** Python's type name of a JSON value, as in "'int' object has no attribute 'casefold'". */
function pyType(raw: string, node: JsonNode): string {
  switch (node.type) {
    case 'number':
      return /^-?\d+$/.test(raw) ? 'int' : 'float';
    case 'boolean':
      return 'bool';
    case 'null':
      return 'NoneType';
    case 'array':
      return 'list';
    case 'object':
      return 'dict';
    default:
      return 'str';
  }
}

/** The channel index a value stands for: an integer token `0`, or an integer string `"0"`. */
function indexOf(raw: string, node: JsonNode): number | undefined {
  if (node.type === 'number' && /^\d+$/.test(raw)) return Number(raw);
  if (node.type === 'string' && /^\d+$/.test(String(node.value))) return Number(node.value);
  return undefined;
}

/** NNU203: `channel_names` written name -> index (`{"T2": 0}`) instead of index -> name. */
const rule: Rule = {
  meta: {
    code: 'NNU203',
    name: 'channel-names-inverted',
    severity: 'error',
    fix: ['safe', 'none'],
    stage: 'document',
    summary: 'channel_names written name -> index ("T2": 0) instead of "0": "T2"',
    docs: `\`channel_names\` maps the channel index (the \`_0000\`, \`_0001\`, ... file of a case) to a
channel name: \`{"0": "T2", "1": "ADC"}\`. Written the other way round, \`{"T2": 0, "ADC": 1}\`,
\`verify_dataset_integrity\` still passes (it only counts the entries), and planning then
crashes with \`AttributeError: 'int' object has no attribute 'casefold'\` when it picks the
normalization from the names (MIC-DKFZ/nnUNet #2443). With string values (\`{"CT": "0"}\`)
nothing crashes, but every channel is called "0" and z-score normalized: a CT scan loses its
CT normalization silently.

nnU-Net never parses the keys: it uses the values in the order they are written. So the
written order must be the channel order.

**Fix (safe)** when every key is a name (not an integer) and the values are exactly the
indices 0, 1, ..., n-1 (integers, or integer strings): each entry becomes \`"index": "name"\`,
and the entries are placed in index order (so \`{"ADC": 1, "T2": 0}\` becomes
\`{"0": "T2", "1": "ADC"}\`, which is what it says). Only the key and value tokens change;
indentation, line breaks and commas stay. The names themselves are never changed: \`CT\`,
\`noNorm\`, \`zscore\`, \`rescale_to_0_1\` and \`rgb_to_0_1\` select the normalization
(anything else is z-score), and the match is on the exact name (#2073).

**No fix** when the values are not the indices 0..n-1 (missing, repeated or 1-based), when
some keys are integers, when a key repeats, or when a value is something else (a list, an
object, \`null\`): write \`{"0": "name", ...}\` by hand, one entry per channel file.

When there is no \`channel_names\` the rule looks at the v1 \`modality\` (which NNU202 renames).`,
  },
  check(ctx) {
    const prop = ctx.prop('channel_names') ?? ctx.prop('modality');
    const obj = prop?.children?.[1];
    if (!prop || obj?.type !== 'object' || !obj.children?.length) return [];
    const keyName = String(prop.children![0]!.value);
    const items = obj.children.flatMap((p) => {
      const k = p.children?.[0];
      const v = p.children?.[1];
      if (!k || !v) return [];
      const raw = rawOf(ctx.doc, v);
      return [{ prop: p, key: String(k.value), keyRaw: rawOf(ctx.doc, k), value: v, raw, index: indexOf(raw, v) }];
    });
    const nonString = items.find((e) => e.value.type !== 'string');
    const namesAsKeys = items.every((e) => !INT_STRING.test(e.key));
    const allIndices = items.every((e) => e.index !== undefined);
    if (!nonString && !(namesAsKeys && allIndices)) return [];

    const shown = (e: (typeof items)[number]) => `${shorten(e.keyRaw)}: ${shorten(e.raw)}`;
    const found = nonString
      ? {
          message: `"${keyName}" values must be channel names (strings such as "CT"), found ${shown(nonString)}`,
          nnunet: `only counts the entries in verify_dataset_integrity, then planning crashes with "AttributeError: '${pyType(nonString.raw, nonString.value)}' object has no attribute 'casefold'" (#2443)`,
        }
      : {
          message: `"${keyName}" is inverted (name -> index), found ${shown(items[0]!)}`,
          nnunet: `reads index -> name, so every channel is called ${shorten(items[0]!.raw)} and z-score normalized: the normalization the names choose (CT, noNorm, ...) is lost`,
        };
    const base = { node: obj, key: 'channels-inverted', ...found };
    if (!namesAsKeys || !allIndices) {
      return [{ ...base, help: 'not fixed automatically: write {"0": "name", "1": ...} by hand, one entry per channel file (_0000, _0001, ...)' }];
    }
    const n = items.length;
    const indices = items.map((e) => e.index!);
    const dupKeys = duplicateKeysOf(ctx.doc, obj);
    if (dupKeys.length) {
      return [
        {
          ...base,
          help: `not fixed automatically: the name ${jsonString(shorten(dupKeys[0]!))} appears twice (Python keeps only the last one); remove the wrong one, then run again`,
        },
      ];
    }
    if (new Set(indices).size !== n || indices.some((i) => i >= n)) {
      return [
        {
          ...base,
          help: `not fixed automatically: the values ${shorten(indices.join(', '), 60)} are not the channel indices 0..${n - 1} (one per channel file _0000, _0001, ...); write {"0": "name", "1": ...} by hand`,
        },
      ];
    }
    // Entry for index i goes into slot i: nnU-Net uses the values in written order.
    const byIndex = [...items].sort((a, b) => a.index! - b.index!);
    const texts = byIndex.map((e, i) => jsonString(String(i)) + colonOf(ctx.doc, items[i]!.prop) + e.keyRaw);
    const reordered = byIndex.some((e, i) => e !== items[i]);
    const preview = byIndex
      .slice(0, 2)
      .map((e, i) => `"${i}": ${shorten(e.keyRaw)}`)
      .join(', ');
    return [
      {
        ...base,
        help: `${reordered ? 'the entries go in index order; ' : ''}the names stay as they are (they choose the normalization)`,
        fix: {
          applicability: 'safe',
          title: `invert ${keyName} to {${preview}${n > 2 ? ', ...' : ''}}`,
          edits: rewriteSlots(obj, texts),
          scope: [[keyName]],
        },
      },
    ];
  },
};
export default rule;
