/**
 * What a value mapping means for `labels` in dataset.json (pure): a declared class whose
 * value is remapped keeps its name under the new value (`"ET": 4` becomes `"ET": 3` with
 * `--map 4:3`); a class merged into another one is removed (only with `allowMerge`).
 * The edit is made of the minimal text edits of src/edits.ts and checked by the same
 * verifier as every fix (src/verify.ts: Python's json.load rules, nothing outside
 * `labels` changed). Refused, with the reason, when the result would not be a valid
 * nnU-Net label set or the object is one this does not edit.
 */
import type { Node as JsonNode } from 'jsonc-parser';
import { parseDocument } from '../document.js';
import { applyEdits, jsonString, removeProperty, replaceNode } from '../edits.js';
import { lastProperty } from '../kind.js';
import { isRegionMode, labelView, type LabelEntry } from '../labels.js';
import { verifyFixed } from '../verify.js';
import type { TextEdit } from '../types.js';
import { asRead, formatChange, type ValueChange } from './model.js';

/** The outcome of {@link planLabelsUpdate}. */
export type LabelsUpdate =
  | { action: 'none'; message: string; declared: number[] }
  | { action: 'update'; message: string; declared: number[]; text: string }
  | { action: 'refuse'; message: string };

const single = (e: LabelEntry): number | undefined =>
  e.values?.length === 1 && e.values[0]! <= BigInt(Number.MAX_SAFE_INTEGER) && e.values[0]! >= 0n ? Number(e.values[0]) : undefined;

/**
 * Plans the edit of `labels` in a dataset.json text for a mapping applied to every
 * segmentation of the dataset.
 */
export function planLabelsUpdate(text: string, mapping: readonly ValueChange[], opts: { allowMerge?: boolean } = {}): LabelsUpdate {
  const doc = parseDocument(text);
  const labelsNode = lastProperty(doc.root, 'labels')?.children?.[1];
  const view = labelView(doc, labelsNode);
  if (!view || !view.entries.length) return { action: 'refuse', message: 'dataset.json has no readable labels object; fix it first (nnunet-doctor --fix)' };
  const table = new Map(mapping.map((c) => [asRead(c.from), c.to] as const));
  const touched = view.entries.filter((e) => e.values?.some((v) => table.has(Number(v))));
  const declaredNow = [...new Set(view.entries.flatMap((e) => (e.values ?? []).map(Number)))].sort((a, b) => a - b);
  if (!touched.length) return { action: 'none', message: 'labels need no change', declared: declaredNow };
  if (view.inverted)
    return { action: 'refuse', message: 'labels is written the v1/MSD way (value -> name); run `nnunet-doctor --fix` on it first (NNU102), then remap' };
  if (isRegionMode(view))
    return {
      action: 'refuse',
      message: `labels is region-based and the mapping changes region values (${touched.map((e) => jsonString(e.name)).join(', ')}): edit labels and regions_class_order yourself`,
    };
  const unreadable = view.entries.find((e) => single(e) === undefined);
  if (unreadable)
    return {
      action: 'refuse',
      message: `the value of ${jsonString(unreadable.name)} in labels is not a plain non-negative integer; fix dataset.json first (nnunet-doctor --fix)`,
    };

  // new value of each class; classes landing on one value merge into the one already there
  const next = view.entries.map((e) => ({ e, from: single(e)!, to: table.get(single(e)!) ?? single(e)! }));
  const byValue = new Map<number, typeof next>();
  for (const n of next) byValue.set(n.to, [...(byValue.get(n.to) ?? []), n]);
  const removed: typeof next = [];
  const merges: string[] = [];
  for (const [value, group] of byValue) {
    if (group.length < 2) continue;
    const keeper = group.find((n) => n.from === value);
    if (!keeper) {
      return {
        action: 'refuse',
        message: `the mapping sends ${group.map((n) => `${jsonString(n.e.name)} (${n.from})`).join(' and ')} to ${value}, which neither of them had: decide the merged class yourself`,
      };
    }
    for (const n of group) {
      if (n === keeper) continue;
      removed.push(n);
      merges.push(`${jsonString(n.e.name)} (${n.from}) into ${jsonString(keeper.e.name)} (${value})`);
    }
  }
  if (merges.length && !opts.allowMerge) {
    return {
      action: 'refuse',
      message: `the mapping merges ${merges.join(', ')}: voxels of two classes become one and cannot be told apart afterwards; add --allow-merge if that is what you want (the merged class is then removed from labels)`,
    };
  }
  const background = next.find((n) => n.from === 0);
  if (background && background.to !== 0)
    return { action: 'refuse', message: `the mapping moves the background (0) to ${background.to}; nnU-Net needs background 0` };
  const kept = next.filter((n) => !removed.includes(n));
  const ignore = kept.find((n) => n.e.name === 'ignore');
  const values = kept
    .filter((n) => n !== ignore)
    .map((n) => n.to)
    .sort((a, b) => a - b);
  if (ignore && ignore.to <= values.at(-1)!)
    return { action: 'refuse', message: `after the mapping the ignore label (${ignore.to}) would not be the largest value, as nnU-Net needs` };
  const gap = values.findIndex((v, i) => v !== i);
  if (gap >= 0) {
    const hint = table.has(values[gap]!) ? '' : ` (e.g. --map ${values[gap]}:${gap})`;
    return {
      action: 'refuse',
      message: `after ${mapping.map(formatChange).join(', ')}, labels would declare ${values.join(', ')}: not consecutive from 0 as nnU-Net needs; map the others too${hint}`,
    };
  }

  // edits: new value tokens first, then removals one at a time (re-parsed: adjacent removals overlap)
  const replace: TextEdit[] = next.filter((n) => n.to !== n.from && !removed.includes(n)).map((n) => valueEdit(n.e, n.to));
  let out = applyEdits(text, replace);
  for (const n of removed) {
    const d = parseDocument(out);
    const obj = lastProperty(d.root, 'labels')!.children![1]!;
    const prop = obj.children!.find((p) => p.children?.[0]?.value === n.e.name);
    if (!prop) return { action: 'refuse', message: `internal: could not find ${jsonString(n.e.name)} again to remove it` };
    out = applyEdits(out, [removeProperty(obj, prop)]);
  }
  const v = verifyFixed(doc, parseDocument(out), [['labels']]);
  if (!v.ok) return { action: 'refuse', message: `the labels edit failed verification, nothing written: ${v.reason}` };
  const what = [
    ...next.filter((n) => n.to !== n.from && !removed.includes(n)).map((n) => `${jsonString(n.e.name)} ${n.from} -> ${n.to}`),
    ...removed.map((n) => `remove ${jsonString(n.e.name)} (merged)`),
  ];
  return { action: 'update', message: `labels: ${what.join(', ')}`, declared: [...new Set(kept.map((n) => n.to))].sort((a, b) => a - b), text: out };
}

/** The edit writing `to` in place of an entry's value token (inside `[v]` for a one-element list), in its spelling. */
function valueEdit(e: LabelEntry, to: number): TextEdit {
  const node: JsonNode = e.isList ? e.valueNode.children![0]! : e.valueNode;
  return replaceNode(node, node.type === 'string' ? jsonString(String(to)) : String(to));
}
