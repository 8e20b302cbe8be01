/**
 * Repair plans for segmentations (pure): from a file's scan (its value counts, as
 * nnU-Net reads them) and the labels dataset.json declares, what is wrong, whether a
 * repair can be offered, and the value mapping it applies.
 *
 * Offered (all unsafe: each is a reading of what the author meant, and it rewrites
 * image files):
 * - `scaling`: scl_slope/scl_inter turn stored declared labels into undeclared values
 *   (stored 0/1 with slope 255 reads as 0/255): reset the scaling to 1/0;
 * - `float-noise`: float values within a few float32 steps of an integer (0.99999994,
 *   2.0000002, what scaling or a float32 round trip leaves): round them;
 * - `binary-mask`: a mask with 0 and one undeclared value (255, 65535, -1, ...) while
 *   labels declares exactly one class: map that value to the class.
 * Not offered, with what to do instead: fractions (interpolated resampling), image data
 * in labelsTr, anti-aliased PNG edges, masks when several classes are declared,
 * undeclared integers (`nnunet-doctor remap`), NaN, multi-channel files, formats the
 * rewriters do not handle.
 */
import path from 'node:path';
import type { ContentFacts, ScannedLabelFile } from '../content-facts.js';
import { parseDocument, type Document } from '../document.js';
import { lastProperty } from '../kind.js';
import { isRegionMode, labelView } from '../labels.js';
import { niftiScaling } from '../images/nifti.js';
import { sampleLayout } from '../images/datatypes.js';
import type { ImageHeader, LabelScan, ValueCount } from '../images/types.js';
import { asRead, effectiveChanges, formatChange, formatCount, formatValue, mapCounts, type ValueChange } from './model.js';
import { planStorage, type HeaderChange, type Storage, type StoragePlan } from './storage.js';

/** The labels of a dataset.json, as the planner needs them. */
export interface DeclaredLabels {
  /** Every declared value (background, classes, region members, ignore). */
  values: number[];
  /** The classes: declared values other than background (0) and the ignore label. */
  classes: { name: string; value: number }[];
  /** Region-based labels (lists of values): no mask guessing then. */
  regions: boolean;
}

/**
 * The declared labels of a dataset.json text, or undefined when `labels` is missing or
 * has a value nnU-Net cannot read as integers (dataset.json rules report that).
 */
export function declaredLabels(text: string): DeclaredLabels | undefined {
  return declaredLabelsOf(parseDocument(text));
}

/** {@link declaredLabels} of a document already parsed. */
export function declaredLabelsOf(doc: Document): DeclaredLabels | undefined {
  const view = labelView(doc, lastProperty(doc.root, 'labels')?.children?.[1]);
  if (!view || !view.entries.length) return undefined;
  const entries: { name: string; values: number[] }[] = [];
  for (const e of view.entries) {
    // label values are small; one beyond 2^53 cannot match a voxel value exactly anyway
    if (!e.values || e.values.some((v) => v > BigInt(Number.MAX_SAFE_INTEGER) || v < -BigInt(Number.MAX_SAFE_INTEGER))) return undefined;
    entries.push({ name: e.name, values: e.values.map(Number) });
  }
  const values = [...new Set(entries.flatMap((e) => e.values))].sort((a, b) => a - b);
  const classes = entries
    .filter((e) => e.name !== 'background' && e.name !== 'ignore' && e.values.length === 1 && e.values[0] !== 0)
    .map((e) => ({ name: e.name, value: e.values[0]! }));
  return { values, classes, regions: isRegionMode(view) };
}

/** What a repair does to a file. */
type RepairKind = 'scaling' | 'float-noise' | 'binary-mask' | 'remap';

/** Why no repair is offered. */
type ProblemKind = 'fractional' | 'image-data' | 'anti-aliased' | 'ambiguous-mask' | 'undeclared' | 'nan' | 'multi-channel' | 'unsupported-format';

/** A repair (or the reason there is none) for one segmentation file. */
export interface SegmentationRepairPlan {
  /** Absolute path of the file. */
  path: string;
  /** The path as shown in messages (`labelsTr/case_001.nii.gz`). */
  display: string;
  /** NNU401 (undeclared values) or NNU402 (non-integer values). */
  code: 'NNU401' | 'NNU402';
  /** `unsafe`: applied with `--fix --unsafe-fixes`; `none`: the description says what to do. */
  applicability: 'unsafe' | 'none';
  /** What the repair does (empty with `none`). */
  kinds: RepairKind[];
  /** Why there is no repair (with `none`). */
  problem?: ProblemKind;
  /** One line: what is wrong and what the repair does, or what to do. */
  description: string;
  /** Value changes, in values as nnU-Net reads them (empty with `none`). */
  mapping: ValueChange[];
  /** Value counts now (as scanned) and after the repair. */
  before: ValueCount[];
  after: ValueCount[];
  /** Header fields the repair changes (NIfTI datatype/bitpix/scl_slope/scl_inter, PNG bit depth). */
  headerChanges: HeaderChange[];
  format: ImageHeader['format'];
  datatype: string;
}

/** Formats the rewriters handle. */
function repairableFormat(header: ImageHeader): boolean {
  if (header.format === 'nifti1' || header.format === 'nifti2') return !!sampleLayout(header.datatype) && header.channels === 1;
  if (header.format === 'png') return header.channels === 1 && (header.datatype === 'uint8' || header.datatype === 'uint16');
  return false;
}

/** The current storage of a scanned file (sample type and NIfTI scaling). */
function storageOfScan(header: ImageHeader): Storage | undefined {
  const layout = sampleLayout(header.datatype);
  if (!layout || layout.components !== 1) return undefined;
  const s = header.format === 'png' ? undefined : niftiScaling(header);
  return { sample: layout.sample, scaling: s ? { slope: s.slope, inter: s.inter } : undefined };
}

/**
 * The storage change in the file's own terms: NIfTI datatype/bitpix/scl fields, PNG bit
 * depth. Undefined when the format cannot hold the new values (a PNG beyond 65535).
 */
function storageChanges(header: ImageHeader, st: StoragePlan): HeaderChange[] | undefined {
  if (!st.ok) return undefined;
  if (header.format !== 'png') return st.changes;
  if (st.storage.sample !== 'uint8' && st.storage.sample !== 'uint16') return undefined;
  const bits = st.storage.sample === 'uint16' ? 16 : 8;
  const from = header.datatype === 'uint16' ? 16 : 8;
  return bits === from ? [] : [{ field: 'bit_depth', from, to: bits }];
}

/** Float32 rounding noise around `n`: a few float32 steps (at least those of 1). */
export function noiseTolerance(n: number): number {
  return 8 * 2 ** (Math.floor(Math.log2(Math.max(1, Math.abs(n)))) - 23);
}

const SHOW = 4;
const listValues = (vs: readonly number[]) => vs.slice(0, SHOW).map(formatValue).join(', ') + (vs.length > SHOW ? `, ... (${vs.length} values)` : '');
const listChanges = (cs: readonly (ValueChange & { voxels: number })[]) =>
  cs
    .slice(0, SHOW)
    .map((c) => `${formatChange(c)}: ${formatCount(c.voxels)} voxel${c.voxels === 1 ? '' : 's'}`)
    .join('; ') + (cs.length > SHOW ? `; ... (${cs.length} values)` : '');

/** Counts merged by the value nnU-Net reads (float64 noise vanishes in float32). */
function readCounts(values: readonly ValueCount[]): ValueCount[] {
  const m = new Map<number, number>();
  for (const v of values) m.set(asRead(v.value), (m.get(asRead(v.value)) ?? 0) + v.count);
  return [...m].map(([value, count]) => ({ value, count })).sort((a, b) => a.value - b.value);
}

/**
 * Plans the repair of one scanned file against the declared labels. Returns undefined
 * when nnU-Net would accept the file as it is (exactly integral floats included).
 */
export function planFileRepair(file: { path: string; display: string; scan: LabelScan }, declared: DeclaredLabels): SegmentationRepairPlan | undefined {
  const { scan } = file;
  const read = readCounts(scan.values);
  const D = new Set(declared.values);
  const undeclared = read.map((v) => v.value).filter((v) => !D.has(v));
  const nonInteger = undeclared.filter((v) => !Number.isInteger(v));
  if (!undeclared.length && !scan.nan && !scan.tooManyValues) return undefined;
  const base = {
    path: file.path,
    display: file.display,
    code: nonInteger.length || scan.nan ? ('NNU402' as const) : ('NNU401' as const),
    before: scan.values,
    format: scan.header.format,
    datatype: scan.header.datatype,
  };
  const none = (problem: ProblemKind, description: string): SegmentationRepairPlan => ({
    ...base,
    applicability: 'none',
    kinds: [],
    problem,
    description,
    mapping: [],
    after: scan.values,
    headerChanges: [],
  });
  const what = `${file.display} (${scan.header.datatype})`;

  if (scan.multiChannel)
    return none(
      'multi-channel',
      `${what} has ${scan.header.channels} values per voxel (colour, palette or 4D); nnU-Net needs one label per voxel: save it as a single-channel greyscale/integer image`,
    );
  if (scan.tooManyValues || undeclared.length > 64 || (read[0]?.value ?? 0) < -1) {
    return none(
      'image-data',
      `${what} holds ${scan.tooManyValues ? 'more than 65536' : read.length} distinct values from ${formatValue(read[0]?.value ?? 0)} to ${formatValue(read.at(-1)?.value ?? 0)}: this looks like image data, not a segmentation; check that labelsTr holds the label files (not the images) and re-export it`,
    );
  }
  if (scan.nan)
    return none(
      'nan',
      `${what} has ${formatCount(scan.nanCount)} NaN voxel${scan.nanCount === 1 ? '' : 's'}: there is no label to give them automatically; re-export the segmentation as uint8 from its source`,
    );

  // 1. scaling that makes stored declared labels read as undeclared values
  const mapping = scalingMapping(scan.header, read, D) ?? [];
  const kinds: RepairKind[] = mapping.length ? ['scaling'] : [];
  const why: string[] = mapping.length
    ? [
        `scl_slope ${formatValue(scan.header.sclSlope ?? 0)} / scl_inter ${formatValue(scan.header.sclInter ?? 0)} turn its stored labels into undeclared values`,
      ]
    : [];
  let values = mapping.length ? mapCounts(read, mapping).map((v) => v.value) : read.map((v) => v.value);
  if (!mapping.length) {
    // 2. float32 noise around integers
    const fractional: number[] = [];
    for (const v of values) {
      if (Number.isInteger(v)) continue;
      const n = Math.round(v);
      if (Math.abs(v - n) <= noiseTolerance(n)) mapping.push({ from: v, to: n });
      else fractional.push(v);
    }
    if (fractional.length) {
      return none(
        'fractional',
        `${what} has fractional values (${listValues(fractional)}): it was resampled with linear interpolation (or is a probability map); rounding would move the class borders, so redo the resampling from the original labels with nearest-neighbour interpolation (order 0)`,
      );
    }
    if (mapping.length) {
      kinds.push('float-noise');
      why.push('its float values are integers up to rounding noise');
    }
    values = [...new Set(values.map((v) => mapping.find((c) => c.from === v)?.to ?? v))].sort((a, b) => a - b);
  }
  // 3. a binary mask with the wrong foreground value
  const left = values.filter((v) => !D.has(v));
  if (left.length === 1 && values.every((v) => v === 0 || v === left[0]) && left[0] !== 0) {
    const m = left[0]!;
    if (declared.regions || declared.classes.length !== 1) {
      return none(
        'ambiguous-mask',
        `${what} is a binary mask saved as 0/${formatValue(m)}, but labels declares ${declared.regions ? 'regions' : `${declared.classes.length} classes`}: say which class it is with \`nnunet-doctor remap --map ${formatValue(m)}:N\``,
      );
    }
    const c = declared.classes[0]!;
    composeInto(mapping, m, c.value);
    kinds.push('binary-mask');
    why.push(`it is a binary mask saved as 0/${formatValue(m)} while labels declares one class, ${JSON.stringify(c.name)} (${c.value})`);
  } else if (left.length) {
    if (scan.header.format === 'png' && left.length >= 2 && values[0] === 0 && (values.at(-1) ?? 0) >= 128) {
      return none(
        'anti-aliased',
        `${what} has ${left.length} undeclared values between 0 and ${formatValue(values.at(-1)!)} (${listValues(left)}): anti-aliased (smoothed) mask edges from drawing or resizing; a threshold would move the borders by guesswork: re-export the masks without anti-aliasing (nearest-neighbour), or decide each value with \`nnunet-doctor remap --map V:N\``,
      );
    }
    return none(
      'undeclared',
      `${what} has undeclared value${left.length === 1 ? '' : 's'} ${listValues(left)}: if ${left.length === 1 ? 'it is' : 'they are'} a declared class with another number (BraTS 4 -> 3), run \`nnunet-doctor remap --map ${formatValue(left[0]!)}:N\`; if a new class, declare it in labels`,
    );
  }
  return finishPlan(base, scan, mapping, kinds, what, why);
}

/** Sends every voxel that reads (or is already mapped to) `from` to `to`. */
function composeInto(mapping: ValueChange[], from: number, to: number): void {
  for (const c of mapping) if (c.to === from) c.to = to;
  if (!mapping.some((c) => c.from === from)) mapping.push({ from, to });
}

/**
 * When the file's scaling is the problem: every read value comes from an integer stored
 * value under scl_slope/scl_inter, and the stored values are all declared. Returns the
 * mapping read value -> stored value, or undefined.
 */
function scalingMapping(header: ImageHeader, read: readonly ValueCount[], declared: ReadonlySet<number>): ValueChange[] | undefined {
  if (header.format !== 'nifti1' && header.format !== 'nifti2') return undefined;
  const s = niftiScaling(header);
  if (!s) return undefined;
  const out: ValueChange[] = [];
  for (const { value } of read) {
    const stored = Math.round((value - s.inter) / s.slope);
    if (asRead(stored * s.slope + s.inter) !== value || !declared.has(stored)) return undefined;
    if (stored !== value) out.push({ from: value, to: stored });
  }
  return out.length ? out : undefined;
}

/**
 * How the file must be stored once `mapping` is applied (`st`, undefined for a type that is
 * not repaired) and the header changes that takes (undefined when it cannot be stored).
 */
function storageFor(scan: LabelScan, mapping: ValueChange[]): { st?: StoragePlan; headerChanges?: HeaderChange[] } {
  const storage = storageOfScan(scan.header);
  const st = storage
    ? planStorage(
        storage,
        scan.values.map((v) => v.value),
        mapping,
      )
    : undefined;
  return { st, headerChanges: st ? storageChanges(scan.header, st) : undefined };
}

/** The plan of an offered repair: counts after, storage and header changes, one line. */
function finishPlan(
  base: Omit<SegmentationRepairPlan, 'applicability' | 'kinds' | 'description' | 'mapping' | 'after' | 'headerChanges'>,
  scan: LabelScan,
  mapping: ValueChange[],
  kinds: RepairKind[],
  what: string,
  whyParts: string[],
): SegmentationRepairPlan {
  const changes = effectiveChanges(scan.values, mapping);
  const { st, headerChanges } = storageFor(scan, mapping);
  const after = mapCounts(scan.values, mapping);
  const why = whyParts.join(', and ');
  const how = kinds.includes('scaling')
    ? `reset scl_slope/scl_inter to 1/0 (what nnU-Net reads: ${listChanges(changes)})`
    : `${kinds.includes('float-noise') && !kinds.includes('binary-mask') ? 'round them' : 'map'} ${listChanges(changes)}`;
  if (!repairableFormat(scan.header) || !headerChanges) {
    const reason = st && !st.ok ? st.reason : `${scan.header.format.toUpperCase()} ${scan.header.datatype} files are not supported for repair`;
    return {
      ...base,
      applicability: 'none',
      kinds: [],
      problem: 'unsupported-format',
      description: `${what}: ${why}; the fix would be ${listChanges(changes)}, but ${reason}: convert it to .nii.gz and run again`,
      mapping: [],
      after: scan.values,
      headerChanges: [],
    };
  }
  return { ...base, applicability: 'unsafe', kinds, description: `${what}: ${why}: ${how}`, mapping, after, headerChanges };
}

/**
 * Plans repairs for every scanned segmentation of a dataset. `datasetDir` is the
 * dataset folder (the files are in its labelsTr). Returns one plan per file with a
 * problem, in the order of `facts.files`; files nnU-Net accepts get none. Pure.
 *
 * @param facts - the `--labels` scan (src/content.ts)
 * @param declared - the labels of dataset.json ({@link declaredLabels})
 * @param datasetDir - where labelsTr is (absolute, or as the paths should be shown)
 * @param display - how to show a file's path (default `labelsTr/<name>`)
 */
export function planSegmentationRepairs(
  facts: ContentFacts,
  declared: DeclaredLabels,
  datasetDir: string,
  display: (f: ScannedLabelFile) => string = (f) => `labelsTr/${f.name}`,
): SegmentationRepairPlan[] {
  const plans: SegmentationRepairPlan[] = [];
  for (const f of facts.files) {
    if (!f.scan) continue;
    const p = planFileRepair({ path: path.join(datasetDir, 'labelsTr', f.name), display: display(f), scan: f.scan }, declared);
    if (p) plans.push(p);
  }
  return plans;
}

/**
 * A plan for an explicit mapping (`nnunet-doctor remap`): applies `mapping` to one
 * scanned file. Files whose values the mapping does not touch get a plan with no
 * changes; unsupported formats get `applicability: 'none'`.
 */
export function planRemap(file: { path: string; display: string; scan: LabelScan }, mapping: readonly ValueChange[]): SegmentationRepairPlan {
  const { scan } = file;
  const base = {
    path: file.path,
    display: file.display,
    code: 'NNU401' as const,
    before: scan.values,
    format: scan.header.format,
    datatype: scan.header.datatype,
  };
  const effective = effectiveChanges(scan.values, mapping);
  const used = mapping.filter((c) => effective.some((e) => asRead(e.from) === asRead(c.from)));
  if (!effective.length)
    return {
      ...base,
      applicability: 'unsafe',
      kinds: [],
      description: `${file.display}: no value to change`,
      mapping: [],
      after: scan.values,
      headerChanges: [],
    };
  const what = `${file.display} (${scan.header.datatype})`;
  if (scan.multiChannel)
    return {
      ...base,
      applicability: 'none',
      kinds: [],
      problem: 'multi-channel',
      description: `${what} has ${scan.header.channels} values per voxel; remap handles single-channel label maps only`,
      mapping: [],
      after: scan.values,
      headerChanges: [],
    };
  const { st, headerChanges } = storageFor(scan, used);
  if (!repairableFormat(scan.header) || !headerChanges) {
    const reason = !repairableFormat(scan.header)
      ? `${scan.header.format.toUpperCase()} ${scan.header.datatype} files are not supported for repair (convert to .nii.gz)`
      : st && !st.ok
        ? st.reason
        : `a ${scan.header.format.toUpperCase()} cannot hold the new values`;
    return {
      ...base,
      applicability: 'none',
      kinds: [],
      problem: 'unsupported-format',
      description: `${what}: would map ${listChanges(effective)}, but ${reason}`,
      mapping: [],
      after: scan.values,
      headerChanges: [],
    };
  }
  return {
    ...base,
    applicability: 'unsafe',
    kinds: ['remap'],
    description: `${what}: map ${listChanges(effective)}`,
    mapping: used,
    after: mapCounts(scan.values, used),
    headerChanges,
  };
}
