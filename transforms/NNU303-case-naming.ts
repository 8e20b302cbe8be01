import type { Finding, Rule } from '../src/types.js';
import { jsonString } from '../src/edits.js';
import { anchor, jsonView } from '../src/folder/analysis.js';
import { listSome, type NamingIssue } from '../src/folder/identifiers.js';
import { plural, shorten } from '../src/words.js';

/** NNU303: image files nnU-Net misreads as cases (no `_XXXX`, dots, hidden `._` files). */
const rule: Rule = {
  meta: {
    code: 'NNU303',
    name: 'case-naming',
    severity: 'error',
    fix: ['none'],
    stage: 'folder',
    summary: 'image files not named CASE_XXXX<file_ending> (missing _0000, dots, hidden ._ files)',
    docs: `nnU-Net derives case identifiers by cutting \`len(file_ending) + 5\` characters off
**every** file in imagesTr/ that ends with \`file_ending\`, and then assigns the files matching
\`CASE_\\d\\d\\d\\d<file_ending>\` to each case (\`nnunetv2/utilities/utils.py\`). It never checks
the names, so:

- \`la_007.nii.gz\` (no channel index) becomes the case \`"l"\` with no image file; several such
  files collapse into one case (\`Found 1 ... ['word']\`, MIC-DKFZ/nnUNet #2346);
- \`x.001.0000.nii.gz\` (dots instead of \`_\`) becomes the case \`"x.001"\` with no image file (#2187);
- hidden macOS AppleDouble files (\`._case_0000.nii.gz\`, created by Finder, zip and tar on
  non-Mac volumes) are counted as cases and then fail to load.

These show up as "Did not find the expected number of training cases", "not all training
cases have a label file" or reader crashes.

**No fix** (the files must be renamed): each finding names the files (the first two, then a
count), the case nnU-Net reads from them and the name it expects, e.g.
\`la_007.nii.gz -> la_007_0000.nii.gz\`. Delete AppleDouble files with
\`find DATASET -name '._*' -delete\` (or \`dot_clean\` on macOS). An MSD download (4D images
without \`_0000\`) is converted with \`nnUNetv2_convert_MSD_dataset -i TaskXX_Name\`.`,
  },
  check(ctx) {
    const folder = ctx.folder;
    if (!folder) return [];
    const v = jsonView(ctx);
    const p = folder.namingProblems(v);
    if (!p) return [];
    const facts = folder.facts;
    const fe = p.fe;
    const where = anchor(ctx, 'file_ending');
    const dir = jsonString(facts.displayDir ?? facts.datasetDir);
    const file = (f: string) => shorten(f);
    const readAs = (i: NamingIssue) => `${file(i.file)} as case ${jsonString(shorten(i.id))}`;
    const out: Finding[] = [];

    if (p.hidden.length) {
      const names = [...p.hidden.map((i) => `imagesTr/${file(i.file)}`), ...p.hiddenLabels.map((f) => `labelsTr/${file(f)}`)];
      out.push({
        ...where,
        key: 'hidden',
        message: `${plural(names.length, 'hidden file')} end${names.length > 1 ? '' : 's'} with ${jsonString(shorten(fe))}: ${listSome(names, 2)}`,
        nnunet: `counts each hidden image file as a case (e.g. ${jsonString(shorten(p.hidden[0]!.id))}) and then fails to read it`,
        help: `macOS AppleDouble "._" files are not images: delete them with find ${dir} -name '._*' -delete (or dot_clean on macOS)`,
      });
    }

    if (p.noChannel.length) {
      const msd = v.v1 || /^Task\d+_/i.test(facts.folderName);
      const ids = new Set(p.noChannel.map((i) => i.id));
      const first = p.noChannel[0]!;
      out.push({
        ...where,
        key: 'no-channel',
        message: `${plural(p.noChannel.length, 'image file')} ${p.noChannel.length > 1 ? 'have' : 'has'} no _XXXX channel index: ${listSome(
          p.noChannel.map((i) => file(i.file)),
          2,
        )}`,
        nnunet: `cuts ${fe.length + 5} characters off every name and reads ${listSome(p.noChannel.map(readAs), 2)}: ${plural(ids.size, 'bogus case')} with no image file (#2346)`,
        help: `name the images CASE_XXXX${shorten(fe)}, e.g. rename ${file(first.file)} -> ${file(first.suggestion ?? '')}${msd ? `; this is the MSD/v1 layout: nnUNetv2_convert_MSD_dataset -i ${dir} converts it` : ''}`,
      });
    }

    if (p.separator.length) {
      const first = p.separator[0]!;
      out.push({
        ...where,
        key: 'separator',
        message: `${plural(p.separator.length, 'image file')} separate${p.separator.length > 1 ? '' : 's'} the channel index with a dot or dash: ${listSome(
          p.separator.map((i) => file(i.file)),
          2,
        )}`,
        nnunet: `reads ${listSome(p.separator.map(readAs), 2)}, and finds no image file for ${p.separator.length > 1 ? 'these cases' : 'this case'} (#2187)`,
        help: `separate it with "_": rename e.g. ${file(first.file)} -> ${file(first.suggestion ?? '')}`,
      });
    }
    return out;
  },
};
export default rule;
