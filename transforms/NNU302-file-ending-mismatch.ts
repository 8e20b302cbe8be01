import type { Finding, Rule } from '../src/types.js';
import { insertLastProperty, jsonString, replaceNode } from '../src/edits.js';
import { analyze, anchor, diskEndings, folderOf, jsonView } from '../src/folder/analysis.js';
import { isSupportedEnding, listSome } from '../src/folder/identifiers.js';

/** Endings with counts, most frequent first. */
const fmt = (m: Map<string, number>) =>
  [...m]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .map(([e, n]) => `${jsonString(e)} (${n})`)
    .join(', ');

/** NNU302: file_ending missing, or matching no image file in imagesTr. */
const rule: Rule = {
  meta: {
    code: 'NNU302',
    name: 'file-ending-mismatch',
    severity: 'error',
    fix: ['unsafe', 'none'],
    stage: 'folder',
    summary: 'file_ending is missing or matches no image file in imagesTr/',
    docs: `nnU-Net finds training images with a plain, **case-sensitive** \`str.endswith(file_ending)\`
(\`nnunetv2/utilities/utils.py\`), and picks the image reader from \`file_ending.lower()\`.
A \`file_ending\` that matches no file (\`.nii.gz\` while the files are \`.nii\`, or \`.NII.GZ\` on
disk) makes nnU-Net find no case at all:

    Did not find the expected number of training cases (10). Found 0 instead.

(MIC-DKFZ/nnUNet #2436, #1644). Without \`--verify_dataset_integrity\` it fails later with
\`KeyError: 'file_ending'\` or "Unable to determine a reader for file ending ...".

Files with another image ending than \`file_ending\` are ignored without a word; this rule
also warns about them (and about label files with another ending).

**Fix (unsafe):** when every visible image file in imagesTr/ (and labelsTr/) has the same
ending and nnU-Net has a reader for it (\`.nii.gz\` \`.nii\` \`.nrrd\` \`.mha\` \`.gipl\` \`.png\`
\`.bmp\` \`.tif\` \`.tiff\`), set \`file_ending\` to it (insert it when missing). Hidden files
(\`.DS_Store\`, \`._*\`) and non-image files do not count.

**No fix** for mixed endings (they are listed with counts), for \`.jpg\` (lossy; nnU-Net has no
reader on purpose) and for \`.mhd\`/\`.nhdr\` (no reader: convert the images). A
\`file_ending\` without its leading dot is NNU205's (safe) fix.`,
  },
  check(ctx) {
    const facts = folderOf(ctx);
    if (!facts?.imagesTr) return [];
    const v = jsonView(ctx);
    if (v.datasetKey) return [];
    const { images, labels } = diskEndings(facts);
    const fe = v.fe;
    const where = anchor(ctx, 'file_ending');
    let noReader = false;

    if (fe !== undefined && fe !== '') {
      // A missing leading dot, blanks or a glob star are NNU205's safe fix; don't report them twice.
      const normalized = '.' + fe.trim().replace(/^\*/, '').replace(/^\./, '');
      if (normalized !== fe && images.has(normalized)) return [];
      const a = analyze(facts, fe);
      if (a.matchingVisible > 0 && !isSupportedEnding(fe) && fe.startsWith('.')) {
        noReader = true;
      } else if (a.matchingVisible > 0) {
        // file_ending works, but files with other endings are ignored silently.
        const otherImages = new Map([...images].filter(([e]) => e !== fe));
        const otherLabels = new Map([...labels].filter(([e]) => e !== fe));
        if (!otherImages.size && !otherLabels.size) return [];
        const parts: string[] = [];
        if (otherImages.size) parts.push(`imagesTr/ also holds files ending in ${fmt(otherImages)}`);
        if (otherLabels.size) parts.push(`labelsTr/ holds files ending in ${fmt(otherLabels)}`);
        return [
          {
            ...where,
            key: 'other-endings',
            severity: 'warning',
            message: `file_ending is ${jsonString(fe)}, but ${parts.join(' and ')}: nnU-Net only sees files ending exactly in ${jsonString(fe)} (case-sensitive) and ignores these without a word. Convert or rename them to ${jsonString(fe)}, or move them out of the dataset`,
          },
        ];
      }
    }

    // file_ending missing, empty, not a string, or matching no visible image file.
    const all = new Map(images);
    for (const [e, n] of labels) all.set(e, (all.get(e) ?? 0) + n);
    const what =
      v.feNode === undefined
        ? 'file_ending is missing'
        : fe === undefined
          ? `file_ending is not a string (${ctx.doc.text.slice(v.feNode.offset, v.feNode.offset + v.feNode.length)})`
          : fe === ''
            ? 'file_ending is empty'
            : noReader
              ? `file_ending ${jsonString(fe)} is not an ending nnU-Net has a reader for ("Unable to determine a reader for file ending ${fe}")`
            : `file_ending ${jsonString(fe)} matches none of the ${facts.imagesTr.files.length} files in imagesTr/`;
    if (!images.size) {
      if (v.feNode !== undefined) return []; // no image at all: NNU301 reports "found 0"
      return [{ ...where, key: 'file-ending', message: `${what}, and imagesTr/ holds no image file to derive it from; nnU-Net stops with KeyError: 'file_ending'. Add "file_ending" (e.g. ".nii.gz") for the images you will put in imagesTr/` }];
    }
    const consequence = noReader
      ? 'nnU-Net cannot choose an image reader and stops'
      : v.feNode === undefined
        ? `nnU-Net stops with "not all required keys are present in dataset.json" (--verify_dataset_integrity) or KeyError: 'file_ending'`
        : `nnU-Net finds 0 training cases ("Did not find the expected number of training cases (N). Found 0 instead.", #2436)`;
    const caseHint =
      fe && [...all.keys()].some((e) => e !== fe && e.toLowerCase() === fe.toLowerCase())
        ? ` (str.endswith is case-sensitive: ${jsonString(fe)} does not match ${listSome([...all.keys()].filter((e) => e.toLowerCase() === fe.toLowerCase()).map(jsonString))}; renaming the files to lower case is the portable alternative)`
        : '';

    if (all.size === 1) {
      const ending = [...all.keys()][0]!;
      if (!isSupportedEnding(ending)) {
        return [{ ...where, key: 'file-ending', message: `${what}; the files end in ${jsonString(ending)}, for which nnU-Net has no reader ("Unable to determine a reader for file ending ${ending}")${ending.toLowerCase().startsWith('.jp') ? ': JPEG is lossy and deliberately unsupported' : ''}. Convert the images to .png, .nii.gz, .nrrd or .mha, then set file_ending` }];
      }
      const edit = v.feNode ? replaceNode(v.feNode, jsonString(ending)) : insertLastProperty(ctx.doc, ctx.root, 'file_ending', jsonString(ending));
      const finding: Finding = {
        ...where,
        key: 'file-ending',
        message: `${what} (the image files end in ${jsonString(ending)})${caseHint}; ${consequence}. Unsafe fix: set file_ending to ${jsonString(ending)}, the only image ending on disk`,
        fix: { applicability: 'unsafe', title: `set file_ending to ${jsonString(ending)}`, edits: [edit], scope: [['file_ending']] },
      };
      return [finding];
    }
    return [
      {
        ...where,
        key: 'file-ending',
        message: `${what}${caseHint}; ${consequence}. The image files have mixed endings: ${fmt(all)} (imagesTr/ and labelsTr/); nnU-Net uses exactly one. Not fixed automatically: convert the files to one ending, then set file_ending to it`,
      },
    ];
  },
};
export default rule;
