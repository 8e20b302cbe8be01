import type { Finding, Rule } from '../src/types.js';
import { plural, shorten } from '../src/words.js';
import { jsonString } from '../src/edits.js';
import { anchor, jsonView } from '../src/folder/analysis.js';
import { channelSuffix, listSome } from '../src/folder/identifiers.js';

const N = 5;

/** NNU305: channel files per case vs channel_names; missing middle channels; RGB PNGs; 4D MSD images. */
const rule: Rule = {
  meta: {
    code: 'NNU305',
    name: 'channel-count',
    severity: 'error',
    fix: ['none'],
    stage: 'folder',
    summary: 'channel files per case differ from channel_names (RGB png = 3 channels; 4D MSD images need conversion)',
    docs: `nnU-Net reads one image file per channel, \`CASE_0000\`, \`CASE_0001\`, ..., and expects as
many channels as \`channel_names\` has entries. \`--verify_dataset_integrity\` reports

    Error: Unexpected number of modalities.
    Expected: 1.
    Got: 3.

and without the flag the network is built for the wrong number of input channels. The channel
count of one file depends on the reader:

- an RGB PNG is **3 channels in one file** (RGBA: 4), so \`channel_names\` needs three entries,
  e.g. \`{"0": "R", "1": "G", "2": "B"}\` (MIC-DKFZ/nnUNet #2177, #2077; nnU-Net's own
  \`Dataset120_RoadSegmentation\`);
- a 4D NIfTI (\`dim[0] == 4\`, \`dim[4] > 1\`; only the header is read) holds \`dim[4]\` channels.
  This is the Medical Segmentation Decathlon layout: convert the dataset with
  \`nnUNetv2_convert_MSD_dataset -i TaskXX_Name\`, which splits each 4D image into
  \`CASE_0000.nii.gz ...\` and converts dataset.json (\`.nii\` files cannot be 4D at all:
  "only 3d images are supported by NibabelIO").

A **missing middle channel** (\`_0000\` and \`_0002\` without \`_0001\`) passes nnU-Net's checks when
\`channel_names\` has two entries: the files are taken in sorted order, so \`_0002\` silently
becomes the second input channel.

With the \`dataset\` key, the length of each case's \`images\` list is compared instead.

**No fix**: add or rename the channel files, or correct \`channel_names\` (never renamed
automatically: the names select the normalization).`,
  },
  check(ctx) {
    const folder = ctx.folder;
    if (!folder) return [];
    const v = jsonView(ctx);
    const p = folder.channelProblems(v);
    if (!p) return [];
    const facts = folder.facts;
    const source = v.channelSource ?? 'channel_names';
    const where = anchor(ctx, source, 'file_ending');
    const unexpected = (expected: number, got: string) =>
      `stops with "Error: Unexpected number of modalities. Expected: ${expected}. Got: ${got}." (--verify_dataset_integrity)`;

    if (p.datasetKey) {
      const { expected, wrong } = p.datasetKey;
      return [
        {
          ...where,
          key: 'dataset-count',
          message: `${source} declares ${plural(expected, 'channel')} but ${plural(wrong.length, 'case')} of the "dataset" key list${wrong.length === 1 ? 's' : ''} another number of images`,
          nnunet: unexpected(expected, '...'),
          help: `${listSome(
            wrong.map((w) => `${shorten(w.id)} (${w.images})`),
            N,
          )}: list one image per channel, in channel order`,
        },
      ];
    }
    if (p.fourD) {
      const { ending, perFile: pf } = p.fourD;
      const reader = pf.error ? splitReason(pf.error) : undefined;
      return [
        {
          ...where,
          key: '4d',
          message: `imagesTr/${shorten(pf.file)} is a 4D image (${pf.fourD} volumes in one file)${reader ? `, ${reader.what}` : ''}`,
          nnunet: `v2 expects one 3D file per channel (CASE_0000${ending}, CASE_0001${ending}, ...)${reader ? `; ${reader.says}` : ''}`,
          help: `this is the Medical Segmentation Decathlon layout: run nnUNetv2_convert_MSD_dataset -i ${jsonString(facts.displayDir ?? facts.datasetDir)}: it splits the 4D images and converts dataset.json into a new Dataset###_Name folder`,
        },
      ];
    }

    const out: Finding[] = [];
    // Gaps in the channel indices: accepted silently, in sorted order.
    if (p.gaps.length) {
      const shown = p.gaps.map(
        (g) => `${shorten(g.id)} (has ${shorten(g.indices.map(channelSuffix).join(', '), 40)}; no ${shorten(g.missing.map(channelSuffix).join(', '), 40)})`,
      );
      const g0 = p.gaps[0]!;
      const pos = g0.indices.findIndex((x, i) => x !== i);
      out.push({
        ...where,
        key: 'gap',
        message: `${plural(p.gaps.length, 'case')} skip${p.gaps.length === 1 ? 's' : ''} a channel index: ${listSome(shown, 2)}`,
        nnunet: `accepts this and takes the files in sorted order, so ${shorten(g0.id + channelSuffix(g0.indices[pos]!) + (v.fe ?? ''))} is silently read as channel ${pos}`,
        help: 'add the missing channel file, or renumber the channels from _0000 without gaps',
      });
    }
    if (p.reader) {
      const r = splitReason(p.reader.error);
      out.push({
        ...where,
        key: 'reader',
        message: `imagesTr/${shorten(p.reader.file)} is ${r.what}`,
        ...(r.says ? { nnunet: `stops: ${r.says}` } : {}),
        help: 'save the images in a layout nnU-Net reads (grey, RGB or RGBA PNG; 3D NIfTI)',
      });
    }
    if (p.count) {
      const { expected, ending, perFile: pf, cases, wrong } = p.count;
      const rgb = pf.png === 'rgb' || pf.png === 'rgba';
      if (rgb && wrong.every((c) => c.channels.length === 1) && expected !== pf.channels) {
        const names = pf.channels === 4 ? '{"0": "R", "1": "G", "2": "B", "3": "A"}' : '{"0": "R", "1": "G", "2": "B"}';
        out.push({
          ...where,
          key: 'count',
          message: `imagesTr/${shorten(pf.file ?? '')} is an ${pf.png === 'rgba' ? 'RGBA' : 'RGB'} PNG (${pf.channels} channels), but ${source} declares ${plural(expected, 'channel')}`,
          nnunet: `${unexpected(expected, String(pf.channels))} (#2177)`,
          help: `declare one channel name per colour: "${source}": ${names} (or save the images as greyscale PNGs)`,
        });
        return out;
      }
      const counts = new Map<number, string[]>();
      for (const c of wrong) {
        const n = c.channels.length * pf.channels;
        counts.set(n, [...(counts.get(n) ?? []), c.id]);
      }
      const groups = [...counts]
        .sort((x, y) => y[1].length - x[1].length)
        .map(
          ([n, ids]) =>
            `${plural(ids.length, 'case')} with ${n} (${listSome(
              ids.map((id) => shorten(id)),
              3,
            )})`,
        );
      const first = [...counts][0]!;
      out.push({
        ...where,
        key: 'count',
        message: `${source} declares ${plural(expected, 'channel')} but ${wrong.length} of ${plural(cases.length, 'case')} ${wrong.length === 1 ? 'has' : 'have'} another number of channel files`,
        nnunet: `${unexpected(expected, String(first[0]))}, and without the check builds the network for the wrong inputs`,
        help: `${groups.join('; ')}${pf.channels > 1 ? ` (each file holds ${pf.channels} channels)` : ''}: add the missing CASE_XXXX${shorten(ending)} files, or correct ${source}`,
      });
    }
    return out;
  },
};

/**
 * A reader's refusal ("a 4D .nii file: NibabelIO, the only reader for .nii, asserts ...") as what
 * the file is and what nnU-Net's reader says (src/folder/channels.ts words it that way).
 */
function splitReason(error: string): { what: string; says?: string } {
  const i = error.indexOf(': ');
  return i < 0 ? { what: error } : { what: error.slice(0, i), says: error.slice(i + 2) };
}
export default rule;
