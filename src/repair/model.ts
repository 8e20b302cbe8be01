/**
 * The mapping model of segmentation repairs (pure): a per-file list of value changes,
 * expressed in the values nnU-Net reads (NIfTI scl_slope/scl_inter applied, cast to
 * float32), and what a mapping does to a file's value counts.
 */
import type { ValueCount } from '../images/types.js';

/** One value change: every voxel nnU-Net reads as `from` becomes `to`. */
export interface ValueChange {
  from: number;
  to: number;
}

/** The value nnU-Net compares with the declared labels: the scaled value cast to float32. */
export function asRead(value: number): number {
  const v = Math.fround(value);
  return v === 0 ? 0 : v; // -0 reads as 0
}

/** A lookup from read value to new value; values without an entry are kept. */
function mappingLookup(mapping: readonly ValueChange[]): (value: number) => number {
  const table = new Map<number, number>();
  for (const c of mapping) table.set(asRead(c.from), c.to);
  return (value) => {
    const to = table.get(asRead(value));
    return to === undefined ? value : to;
  };
}

/**
 * The value counts after a mapping: counts of values mapped to the same new value are
 * added up; the result is sorted ascending, like a scan's `values`.
 */
export function mapCounts(values: readonly ValueCount[], mapping: readonly ValueChange[]): ValueCount[] {
  const lookup = mappingLookup(mapping);
  const merged = new Map<number, number>();
  for (const { value, count } of values) {
    const to = lookup(value);
    merged.set(to, (merged.get(to) ?? 0) + count);
  }
  return [...merged].map(([value, count]) => ({ value, count })).sort((a, b) => a.value - b.value);
}

/** The changes of a mapping that touch at least one voxel of `values`, with their voxel counts. */
export function effectiveChanges(values: readonly ValueCount[], mapping: readonly ValueChange[]): (ValueChange & { voxels: number })[] {
  const lookup = mappingLookup(mapping);
  const out: (ValueChange & { voxels: number })[] = [];
  for (const { value, count } of values) {
    const to = lookup(value);
    if (to !== value) out.push({ from: value, to, voxels: count });
  }
  return out;
}

/** Two count lists are equal (same values, same counts, same order). */
export function sameCounts(a: readonly ValueCount[], b: readonly ValueCount[]): boolean {
  return a.length === b.length && a.every((x, i) => x.value === b[i]!.value && x.count === b[i]!.count);
}

/** Per value: voxels before and after, over several files (the dataset total). */
export interface CountDelta {
  value: number;
  before: number;
  after: number;
}

/** Adds up per-file before/after counts into one table, ascending by value. */
export function totalCounts(files: readonly { before: readonly ValueCount[]; after: readonly ValueCount[] }[]): CountDelta[] {
  const rows = new Map<number, CountDelta>();
  const row = (value: number) => {
    let r = rows.get(value);
    if (!r) rows.set(value, (r = { value, before: 0, after: 0 }));
    return r;
  };
  for (const f of files) {
    for (const v of f.before) row(v.value).before += v.count;
    for (const v of f.after) row(v.value).after += v.count;
  }
  return [...rows.values()].sort((a, b) => a.value - b.value);
}

/** `4 -> 3`, `0.99999994 -> 1`: one change for messages. */
export function formatChange(c: ValueChange): string {
  return `${formatValue(c.from)} -> ${formatValue(c.to)}`;
}

/**
 * A value as people read it: integers plain; a float32 value in the fewest digits that
 * give it back (0.99999994, 10.92), anything else in full.
 */
export function formatValue(v: number): string {
  if (Number.isInteger(v) || Math.fround(v) !== v) return String(v);
  for (let p = 1; p < 9; p++) {
    const s = v.toPrecision(p);
    if (Math.fround(Number(s)) === v) return String(Number(s));
  }
  return String(Number(v.toPrecision(9)));
}

/** `1,234,567`: voxel counts in messages. */
export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}
