import type { Rule } from '../src/types.js';
import { insertLastProperty, jsonString, replaceNode } from '../src/edits.js';
import { anchor, jsonView } from '../src/folder/analysis.js';
import { listSome } from '../src/folder/identifiers.js';
import { shorten } from '../src/words.js';

const ZERO_CASES = 'finds 0 training cases ("Did not find the expected number of training cases (N). Found 0 instead.", #2436)';

/** Endings with counts, most frequent first (the first `n`). */
const fmt = (m: Map<string, number>, n = 5) =>
  listSome(
    [...m].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([e, count]) => `${jsonString(shorten(e, 20))} (${count})`),
    n,
  );

/** NNU302: file_ending missing, or matching no image file in imagesTr. */
const rule: Rule = {
  meta: {
    code: 'NNU302',
    name: 'file-ending-mismatch',
    severity: 'error',
    severities: ['error', 'warning'],
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
    const folder = ctx.folder;
    if (!folder) return [];
    const v = jsonView(ctx);
    const p = folder.endingProblem(v);
    if (!p) return [];
    const where = anchor(ctx, 'file_ending');

    if (p.kind === 'other-endings') {
      const fe = jsonString(shorten(p.fe));
      const parts: string[] = [];
      if (p.otherImages.size) parts.push(`${fmt(p.otherImages, 2)} in imagesTr/`);
      if (p.otherLabels.size) parts.push(`${fmt(p.otherLabels, 2)} in labelsTr/`);
      return [
        {
          ...where,
          key: 'other-endings',
          severity: 'warning',
          message: `other endings than file_ending ${fe}: ${parts.join(', ')}`,
          nnunet: `only sees files ending exactly in ${fe} (case-sensitive) and ignores these without a word`,
          help: `convert or rename them to ${fe}, or move them out of the dataset`,
        },
      ];
    }
    if (p.kind === 'no-images') {
      return [
        {
          ...where,
          key: 'file-ending',
          message: 'file_ending is missing, and imagesTr/ holds no image file to derive it from',
          nnunet: "stops with KeyError: 'file_ending'",
          help: 'add "file_ending" (e.g. ".nii.gz") for the images you will put in imagesTr/',
        },
      ];
    }

    const fe = v.fe;
    const shown = fe === undefined ? '' : jsonString(shorten(fe));
    const what = {
      missing: 'file_ending is missing',
      'not-a-string': `file_ending is not a string (${v.feNode ? shorten(ctx.doc.text.slice(v.feNode.offset, v.feNode.offset + v.feNode.length)) : ''})`,
      empty: 'file_ending is empty',
      'no-reader': `file_ending ${shown} is not an ending nnU-Net has a reader for`,
      'no-match': `file_ending ${shown} matches none of the ${folder.facts.imagesTr?.files.length ?? 0} files in imagesTr/`,
    }[p.state];
    const consequence = {
      missing: `stops with "not all required keys are present in dataset.json" (--verify_dataset_integrity) or KeyError: 'file_ending'`,
      'no-reader': `cannot choose an image reader and stops with "Unable to determine a reader for file ending ${shorten(fe ?? '')} and file ... (file None means no file provided)."`,
      'not-a-string': ZERO_CASES,
      empty: ZERO_CASES,
      'no-match': ZERO_CASES,
    }[p.state];
    // the same ending in another case on disk: str.endswith is case-sensitive
    const sameButCase = fe ? [...p.all.keys()].filter((e) => e !== fe && e.toLowerCase() === fe.toLowerCase()) : [];
    const caseHint = sameButCase.length
      ? `str.endswith is case-sensitive: ${shown} does not match ${listSome([...p.all.keys()].filter((e) => e.toLowerCase() === fe!.toLowerCase()).map(jsonString))}; renaming the files to lower case is the portable alternative`
      : undefined;

    if (p.kind === 'single') {
      const ending = jsonString(p.ending);
      if (!p.supported) {
        return [
          {
            ...where,
            key: 'file-ending',
            message: `${what}; the files end in ${ending}`,
            nnunet: `has no reader for ${ending} ("Unable to determine a reader for file ending ${p.ending}")`,
            help: `${p.ending.toLowerCase().startsWith('.jp') ? 'JPEG is lossy and deliberately unsupported: ' : ''}convert the images to .png, .nii.gz, .nrrd or .mha, then set file_ending`,
          },
        ];
      }
      const edit = v.feNode ? replaceNode(v.feNode, ending) : insertLastProperty(ctx.doc, ctx.root, 'file_ending', ending);
      return [
        {
          ...where,
          key: 'file-ending',
          message: `${what} (the image files end in ${ending})`,
          nnunet: consequence,
          help: [caseHint, `${ending} is the only image ending on disk`].filter(Boolean).join('; '),
          fix: { applicability: 'unsafe', title: `set file_ending to ${ending}`, edits: [edit], scope: [['file_ending']] },
        },
      ];
    }
    return [
      {
        ...where,
        key: 'file-ending',
        message: `${what}, and the files on disk have mixed endings`,
        nnunet: `${consequence}; it uses exactly one ending`,
        help: [caseHint, `not fixed automatically: imagesTr/ and labelsTr/ hold ${fmt(p.all)}; convert the files to one ending, then set file_ending to it`]
          .filter(Boolean)
          .join('; '),
      },
    ];
  },
};
export default rule;
