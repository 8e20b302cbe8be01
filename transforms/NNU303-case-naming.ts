import type { Finding, Rule } from '../src/types.js';
import { jsonString } from '../src/edits.js';
import { analyze, anchor, folderOf, jsonView } from '../src/folder/analysis.js';
import { isHidden, listSome, type NamingIssue } from '../src/folder/identifiers.js';

const N = 5;

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

**No fix** (the files must be renamed): each finding names the files (the first ${N}, then a
count), the case nnU-Net reads from them and the name it expects, e.g.
\`la_007.nii.gz -> la_007_0000.nii.gz\`. Delete AppleDouble files with
\`find DATASET -name '._*' -delete\` (or \`dot_clean\` on macOS). An MSD download (4D images
without \`_0000\`) is converted with \`nnUNetv2_convert_MSD_dataset -i TaskXX_Name\`.`,
  },
  check(ctx) {
    const facts = folderOf(ctx);
    const v = jsonView(ctx);
    if (!facts?.imagesTr || v.datasetKey || !v.fe) return [];
    const a = analyze(facts, v.fe);
    if (!a.usable) return [];
    const fe = v.fe;
    const where = anchor(ctx, 'file_ending');
    const out: Finding[] = [];
    const by = (p: NamingIssue['problem']) => a.naming.filter((i) => i.problem === p);

    const hidden = by('hidden');
    const hiddenLabels = (facts.labelsTr?.files ?? []).filter((f) => isHidden(f) && f.endsWith(fe));
    if (hidden.length) {
      const names = [...hidden.map((i) => `imagesTr/${i.file}`), ...hiddenLabels.map((f) => `labelsTr/${f}`)];
      out.push({
        ...where,
        key: 'hidden',
        message: `${names.length} hidden file${names.length > 1 ? 's' : ''} end${names.length > 1 ? '' : 's'} with ${jsonString(fe)}: ${listSome(names, N)}; nnU-Net counts each hidden image file as a case (e.g. ${jsonString(hidden[0]!.id)}) and then fails to read it (macOS AppleDouble "._" files are not images). Delete them: find ${jsonString((facts.displayDir ?? facts.datasetDir))} -name '._*' -delete (or dot_clean on macOS)`,
      });
    }

    const noChannel = by('no-channel');
    if (noChannel.length) {
      const msd = v.v1 || /^Task\d+_/i.test(facts.folderName);
      const shown = noChannel.map((i) => `${i.file} (read as case ${jsonString(i.id)})`);
      const ids = new Set(noChannel.map((i) => i.id));
      out.push({
        ...where,
        key: 'no-channel',
        message: `${noChannel.length} image file${noChannel.length > 1 ? 's have' : ' has'} no _XXXX channel index: ${listSome(shown, N)}; nnU-Net cuts ${fe.length + 5} characters off every name and gets ${ids.size} bogus case${ids.size > 1 ? 's' : ''} with no image file (#2346). nnU-Net expects CASE_XXXX${fe}: rename e.g. ${noChannel[0]!.file} -> ${noChannel[0]!.suggestion}${msd ? `; this is the MSD/v1 layout: nnUNetv2_convert_MSD_dataset -i ${jsonString((facts.displayDir ?? facts.datasetDir))} converts it` : ''}`,
      });
    }

    const sep = by('separator');
    if (sep.length) {
      const shown = sep.map((i) => `${i.file} (read as case ${jsonString(i.id)})`);
      out.push({
        ...where,
        key: 'separator',
        message: `${sep.length} image file${sep.length > 1 ? 's separate' : ' separates'} the channel index with a dot or dash instead of "_": ${listSome(shown, N)}; nnU-Net finds no image file for ${sep.length > 1 ? 'these cases' : 'this case'} (#2187). Rename e.g. ${sep[0]!.file} -> ${sep[0]!.suggestion}`,
      });
    }
    return out;
  },
};
export default rule;
