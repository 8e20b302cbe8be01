import { asRead } from '../src/repair/model.js';
import type { Finding, Rule } from '../src/types.js';
import { labelFileIssues, type ContentFacts } from '../src/content-facts.js';
import { colonStyle, insertLastProperty, jsonString } from '../src/edits.js';
import { labelView } from '../src/labels.js';
import { shorten } from '../src/words.js';

const SHOW = 2;
const list = (names: string[]) =>
  names
    .slice(0, SHOW)
    .map((n) => shorten(n))
    .join(', ') + (names.length > SHOW ? ` and ${names.length - SHOW} more` : '');

/** More undeclared values than this are reported together, in one finding. */
const MAX_VALUES_LISTED = 12;

/** NNU401: values in the segmentations that `labels` does not declare. */
const rule: Rule = {
  meta: {
    code: 'NNU401',
    name: 'undeclared-label-value',
    severity: 'error',
    severities: ['error', 'warning', 'info'],
    fix: ['unsafe', 'none'],
    stage: 'content',
    summary: 'a value found in labelsTr is not declared in labels (e.g. masks saved as 0/255)',
    docs: `With \`--labels\`, every segmentation in labelsTr is read (streaming, on all cores) and its
values compared with \`labels\`. nnU-Net's \`verify_dataset_integrity\` says
"Error: Unexpected labels found in file %s. Expected: %s Found: %s" and then "Some segmentation
images contained unexpected labels"; without the flag, training fails later with a CUDA
device-side assert. Typical causes: masks saved as 0/255 (MIC-DKFZ/nnUNet #1678), the BraTS
label 4 not remapped to 3 (#946, #2500), a class forgotten in \`labels\`.

Values are compared as nnU-Net reads them: scaled by \`scl_slope\`/\`scl_inter\`, then cast
to float32 (a float64 0.9999999999 reads as 1).

**Fix (unsafe), in the segmentations** (\`--fix --unsafe-fixes --labels\`):
- a binary mask saved as 0/255 (0/65535, 0/-1, or any single non-zero value) while \`labels\`
  declares exactly one class: the non-zero value becomes that class (a guess at the author's
  intent, hence unsafe; with several classes nothing is guessed: \`nnunet-doctor remap --map
  255:N\` says which);
- \`scl_slope\`/\`scl_inter\` that turn the stored declared labels into other values (stored
  0/1 with slope 255 reads as 0/255): the scaling is reset to 1/0, the voxel data stays.

The file is streamed (gunzip, map, gzip at level 1, nibabel's default), written to a temp
file, read back and its value counts checked against the mapping, then renamed; header bytes
stay as they are except \`scl_slope\`/\`scl_inter\`, and \`datatype\`/\`bitpix\` only when the
new values do not fit (then uint8 if the largest is below 255, else uint16, as nnU-Net's
\`write_seg\`). \`.nii.gz\`, \`.nii\` and 8/16-bit grey PNG are repaired; other formats are
"not supported for repair".

**Fix (unsafe), in dataset.json:** when no repair applies and declaring the undeclared values
keeps the labels consecutive, add \`"label_N": N\` at the end of \`labels\` (name your class
afterwards). **No fix** otherwise: the segmentations must be remapped (BraTS 4 -> 3:
\`nnunet-doctor remap --map 4:3\`).
Label files as a whole are reported here too, one line each, and the scan goes on: a file
that cannot be read (corrupt, truncated, unreadable, a FIFO or device, a header promising
more data than the file holds) is an error, as nnU-Net would fail on it; a format or
variant our readers do not read (such as \`.tif\`, NRRD ascii, a data file outside the
dataset folder) is a warning, "not checked"; an RGB(A), palette or 4D segmentation (more
than one value per voxel) and an image with more than 65536 distinct values are errors;
notes on how a file was read are info.`,
  },
  check(ctx) {
    const facts = ctx.content;
    if (!facts) return [];
    // files as a whole: unreadable or not a label map (error), not checked (warning), notes (info)
    const out: Finding[] = labelFileIssues(facts).map((i) => ({ offset: 0, length: 0, key: i.key, severity: i.severity, message: i.message }));
    const labelsProp = ctx.prop('labels');
    const view = labelView(ctx.doc, labelsProp?.children?.[1]);
    if (!view || view.entries.some((e) => !e.values)) return out;
    const declared = new Set(view.entries.flatMap((e) => e.values!.map(Number)));
    // values as nnU-Net reads them: scaled, then cast to float32 (a float64 0.9999999999 is 1)
    const found = new Map<number, string[]>();
    for (const f of facts.files) {
      for (const x of f.scan?.values ?? []) {
        const v = asRead(x.value);
        if (Number.isInteger(v) && !declared.has(v)) found.set(v, [...(found.get(v) ?? []), f.name]);
      }
    }
    if (!found.size) return out;
    const undeclared = [...found.keys()].sort((a, b) => a - b);
    // Many undeclared values (an image in labelsTr, intensities -1024..3000): one line, not thousands
    if (undeclared.length > MAX_VALUES_LISTED) {
      const files = [...new Set(undeclared.flatMap((v) => found.get(v)!))];
      out.push({
        node: view.node,
        key: 'many-values',
        message: `${undeclared.length} values occur in labelsTr (${list(files)}) that labels does not declare (${undeclared.slice(0, 5).join(', ')}, ... ${undeclared[undeclared.length - 1]})`,
        nnunet: 'stops with "Error: Unexpected labels found in file ..." (--verify_dataset_integrity), or fails later in training',
        help: 'so many values are not class labels: an image (or a probability map) was saved in labelsTr; put the segmentations there',
      });
      return out;
    }
    const all = [...new Set([...declared, ...undeclared])].sort((a, b) => a - b);
    const consecutive = all.every((v, i) => v === i);
    const mask255 = undeclared.includes(255) && [...declared].every((v) => v <= 1);
    // declared classes that occur nowhere: an undeclared value is then most likely one of them
    // with the wrong number (BraTS 4 instead of 3), so remapping beats declaring
    const seen = new Set(facts.files.flatMap((f) => f.scan?.values.map((x) => x.value) ?? []));
    const complete = facts.files.every((f) => f.scan);
    const unused = complete
      ? view.entries.filter((e) => e.name !== 'background' && e.name !== 'ignore' && e.values?.length === 1 && !seen.has(Number(e.values[0]!)))
      : [];
    // the dataset folder as the report shows it, for a command to copy (without folder checks, a placeholder)
    const shownDir = ctx.folder?.facts.displayDir ?? ctx.folder?.facts.datasetDir;
    const datasetArg = shownDir === undefined ? 'DATASET_FOLDER' : jsonString(shownDir);
    const name = (v: number) => (ctx.options.labelName && undeclared.length === 1 ? ctx.options.labelName : `label_${v}`);
    undeclared.forEach((v, i) => {
      const files = found.get(v)!;
      // a planned repair of every file holding the value (a 0/255 mask of a one-class
      // dataset: 255 -> 1): rewriting the segmentations beats declaring the value
      const repairs = repairsOf(facts, files, v);
      if (repairs) {
        out.push({
          node: view.node,
          key: `v${v}`,
          message: `value ${v} occurs in ${files.length} file${files.length === 1 ? '' : 's'} of labelsTr (${list(files)}) but labels does not declare it`,
          nnunet: 'stops with "Error: Unexpected labels found in file ..." (--verify_dataset_integrity), or fails later in training',
          help: repairs.help,
          fix: { applicability: 'unsafe', title: repairs.title, edits: [], scope: [], files: repairs.files },
        });
        return;
      }
      const occurs = `value ${v} occurs in ${files.length} file${files.length === 1 ? '' : 's'} of labelsTr (${list(files)})`;
      const where = `${occurs} but labels does not declare it`;
      const nnunet = 'stops with "Error: Unexpected labels found in file ..." (--verify_dataset_integrity), or fails later in training';
      if (mask255) {
        out.push({
          node: view.node,
          key: `v${v}`,
          message: `${occurs}: masks saved as 0/255`,
          nnunet,
          help: 'save the masks as 0/1 (e.g. seg[seg == 255] = 1), do not declare 255',
        });
      } else if (unused.length) {
        const u = unused[0]!;
        const uname = jsonString(shorten(u.name));
        out.push({
          node: view.node,
          key: `v${v}`,
          message: where,
          nnunet,
          help: `the declared ${uname} (${u.values![0]}) occurs in no file, so the segmentations most likely use ${v} for it: remap the segmentations (${v} -> ${u.values![0]}, as for BraTS label 4 -> 3) rather than declare ${v}: nnunet-doctor remap --map ${v}:${u.values![0]} ${datasetArg}`,
        });
      } else if (consecutive && !view.inverted && i === 0) {
        // one fix declares every undeclared value at once, in ascending order
        const extra = undeclared.map((u) => `${jsonString(name(u))}: ${u}`);
        const first = insertLastProperty(ctx.doc, view.node, name(undeclared[0]!), String(undeclared[0]));
        const sep = first.content.slice(0, first.content.indexOf('"'));
        const colon = colonStyle(ctx.doc, view.node);
        const content = undeclared.map((u) => sep + jsonString(name(u)) + colon + String(u)).join('');
        const edits = [{ offset: first.offset, length: 0, content }];
        out.push({
          node: view.node,
          key: `v${v}`,
          message: where,
          nnunet,
          help: 'then give the class its real name',
          fix: { applicability: 'unsafe', title: `declare ${shorten(extra.join(', '), 80)} in labels`, edits, scope: [['labels']] },
        });
      } else if (consecutive && !view.inverted) {
        out.push({ node: view.node, key: `v${v}`, message: where, nnunet, help: `the fix for value ${undeclared[0]} declares it too` });
      } else {
        out.push({
          node: view.node,
          key: `v${v}`,
          message: where,
          nnunet,
          help: 'declaring it would leave a gap in the label values: remap the segmentations instead (e.g. BraTS 4 -> 3)',
        });
      }
    });
    return out;
  },
};
/**
 * The planned repairs that change value `v` in every one of `files` (file names in labelsTr),
 * or undefined when some file has none.
 */
function repairsOf(facts: ContentFacts, files: string[], v: number): { title: string; help: string; files: string[] } | undefined {
  const plans = files.map((name) =>
    facts.repairs?.find((p) => p.applicability === 'unsafe' && p.code === 'NNU401' && baseName(p.path) === name && p.mapping.some((c) => asRead(c.from) === v)),
  );
  if (!plans.length || plans.some((p) => !p)) return undefined;
  const targets = [...new Set(plans.flatMap((p) => p!.mapping.filter((c) => asRead(c.from) === v).map((c) => c.to)))];
  const kinds = [...new Set(plans.flatMap((p) => p!.kinds))];
  const how = kinds.includes('scaling')
    ? 'the scaling (scl_slope/scl_inter) turns stored labels into it'
    : `binary masks saved as 0/${v} while labels declares their one class as ${targets.join(' or ')}`;
  return {
    title: `map ${v} -> ${targets.join(' or ')} in ${files.length} segmentation file${files.length === 1 ? '' : 's'}`,
    help: `${how}; the repair rewrites the files (header bytes kept, verified before it replaces them)`,
    files: plans.map((p) => p!.path),
  };
}

/** The last path segment (the repair plans hold absolute paths). */
const baseName = (p: string) => p.slice(Math.max(p.lastIndexOf('/'), p.lastIndexOf('\\')) + 1);

export default rule;
