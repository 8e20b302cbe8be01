import type { Finding, Rule } from '../src/types.js';
import { jsonString } from '../src/edits.js';
import { analyze, anchor, folderOf, jsonView, perFileChannels, realCases, type PerFile } from '../src/folder/analysis.js';
import { channelSuffix, endingOf, isChannelFile, listSome } from '../src/folder/identifiers.js';
import { lastProperty } from '../src/kind.js';

const N = 5;
const plural = (n: number, one: string, many = one + 's') => `${n} ${n === 1 ? one : many}`;

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
    const facts = folderOf(ctx);
    if (!facts) return [];
    const v = jsonView(ctx);
    const expected = v.channelCount;
    const where = anchor(ctx, v.channelSource ?? 'channel_names', 'file_ending');
    const source = v.channelSource ?? 'channel_names';

    if (v.datasetKey) {
      if (expected === undefined) return [];
      const wrong: string[] = [];
      for (const c of v.datasetKey.children ?? []) {
        const images = lastProperty(c.children?.[1], 'images')?.children?.[1];
        if (images?.type === 'array' && (images.children?.length ?? 0) !== expected) wrong.push(`${String(c.children?.[0]?.value)} (${images.children?.length ?? 0})`);
      }
      if (!wrong.length) return [];
      return [{ ...where, key: 'dataset-count', message: `${source} declares ${plural(expected, 'channel')} but ${plural(wrong.length, 'case')} of the "dataset" key list${wrong.length === 1 ? 's' : ''} another number of images: ${listSome(wrong, N)}; nnU-Net (--verify_dataset_integrity) stops with "Error: Unexpected number of modalities. Expected: ${expected}. Got: ...". List one image per channel, in channel order` }];
    }
    if (!facts.imagesTr) return [];
    const out: Finding[] = [];

    // 4D images in an MSD-style folder: the one thing to do is nnU-Net's converter.
    const fe = v.fe;
    const a = fe ? analyze(facts, fe) : undefined;
    const ending = a?.usable ? fe! : undefined;
    const fourD = [...new Set(facts.headers.map((h) => endingOf(h.file)!))]
      .map((e) => ({ e, pf: perFileChannels(facts, e) }))
      .find(({ e, pf }) => pf.fourD && (ending === undefined || e === ending));
    if (fourD) {
      const pf = fourD.pf;
      const msd = v.v1 || /^Task\d+_/i.test(facts.folderName) || !isChannelFile(pf.file!, fourD.e) || !!pf.error || (expected !== undefined && expected !== pf.fourD);
      if (msd) {
        out.push({
          ...where,
          key: '4d',
          message: `imagesTr/${pf.file} is a 4D image (${pf.fourD} volumes in one file, the Medical Segmentation Decathlon layout)${pf.error ? `, ${pf.error}` : ''}; nnU-Net v2 expects one 3D file per channel (CASE_0000${fourD.e}, CASE_0001${fourD.e}, ...). Run nnUNetv2_convert_MSD_dataset -i ${jsonString((facts.displayDir ?? facts.datasetDir))}: it splits the 4D images and converts dataset.json into a new Dataset###_Name folder`,
        });
        return out;
      }
    }
    if (!ending || !a) return out;
    const cases = realCases(a);
    const pf: PerFile = perFileChannels(facts, ending);

    // Gaps in the channel indices: accepted silently, in sorted order.
    const gaps = a.gaps;
    if (gaps.length) {
      const shown = gaps.map((g) => `${g.id} (has ${g.indices.map(channelSuffix).join(', ')}; no ${g.missing.map(channelSuffix).join(', ')})`);
      const g0 = gaps[0]!;
      const pos = g0.indices.findIndex((x, i) => x !== i);
      out.push({
        ...where,
        key: 'gap',
        message: `${plural(gaps.length, 'case')} skip${gaps.length === 1 ? 's' : ''} a channel index: ${listSome(shown, N)}; nnU-Net accepts this and takes the files in sorted order, so ${g0.id}${channelSuffix(g0.indices[pos]!)}${ending} is silently read as channel ${pos}. Add the missing channel file, or renumber the channels from _0000 without gaps`,
      });
    }

    if (pf.error) {
      out.push({ ...where, key: 'reader', message: `imagesTr/${pf.file} is ${pf.error}. Save the images in a layout nnU-Net reads (gray, RGB or RGBA PNG; 3D NIfTI)` });
      return out;
    }
    if (expected === undefined || !cases.length) return out;

    const wrong = cases.filter((c) => c.channels.length * pf.channels !== expected);
    if (!wrong.length) return out;
    const rgb = pf.png === 'rgb' || pf.png === 'rgba';
    if (rgb && wrong.every((c) => c.channels.length === 1) && expected !== pf.channels) {
      const names = pf.channels === 4 ? '{"0": "R", "1": "G", "2": "B", "3": "A"}' : '{"0": "R", "1": "G", "2": "B"}';
      out.push({
        ...where,
        key: 'count',
        message: `imagesTr/${pf.file} is an ${pf.png === 'rgba' ? 'RGBA' : 'RGB'} PNG: nnU-Net reads ${pf.channels} channels from each file, but ${source} declares ${plural(expected, 'channel')}; nnU-Net stops with "Error: Unexpected number of modalities. Expected: ${expected}. Got: ${pf.channels}." (#2177). Declare one channel name per colour: "${source}": ${names} (or save the images as greyscale PNGs)`,
      });
      return out;
    }
    const counts = new Map<number, string[]>();
    for (const c of wrong) {
      const n = c.channels.length * pf.channels;
      counts.set(n, [...(counts.get(n) ?? []), c.id]);
    }
    const groups = [...counts].sort((x, y) => y[1].length - x[1].length).map(([n, ids]) => `${plural(ids.length, 'case')} with ${n} (${listSome(ids, 3)})`);
    const first = [...counts][0]!;
    out.push({
      ...where,
      key: 'count',
      message: `${source} declares ${plural(expected, 'channel')} but ${wrong.length} of ${plural(cases.length, 'case')} ${wrong.length === 1 ? 'has' : 'have'} another number of channel files: ${groups.join('; ')}${pf.channels > 1 ? ` (each file holds ${pf.channels} channels)` : ''}; nnU-Net (--verify_dataset_integrity) stops with "Error: Unexpected number of modalities. Expected: ${expected}. Got: ${first[0]}.", and without the check builds the network for the wrong inputs. Add the missing CASE_XXXX${ending} files, or correct ${source}`,
    });
    return out;
  },
};
export default rule;
