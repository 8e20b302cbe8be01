/**
 * How a repaired segmentation is stored (pure): which sample type and NIfTI scaling
 * hold the new values, which header fields that changes, and the per-sample function
 * from a stored value to its new stored value.
 *
 * The rule is the smallest change that makes nnU-Net read the new values exactly:
 * 1. keep the sample type and the scaling when every new value can be stored under
 *    them (0/255 -> 0/1 in uint8: only voxel data changes, the header stays byte for byte);
 * 2. else reset scl_slope/scl_inter to 1/0 (the case where the scaling is the problem:
 *    stored 0/1 with slope 255), keeping the sample type;
 * 3. else change the sample type to what nnU-Net's own `write_seg` stores: uint8 when
 *    the largest value is below 255, else uint16 (int16/int32 for what those cannot hold).
 */
import { SAMPLE_BYTES, type SampleType } from '../images/datatypes.js';
import { asRead, type ValueChange } from './model.js';

/** NIfTI scaling as stored in the header (slope 0 or not finite: none). */
export interface StoredScaling {
  slope: number;
  inter: number;
}

/** The storage of a file: sample type and the scaling that applies (undefined: none). */
export interface Storage {
  sample: SampleType;
  scaling?: StoredScaling;
}

/** A header field that changes, for messages and `--format json`. */
export interface HeaderChange {
  field: 'datatype' | 'bitpix' | 'scl_slope' | 'scl_inter' | 'bit_depth';
  from: string | number;
  to: string | number;
}

/** The new storage of a file, or why none works. */
export type StoragePlan = { ok: true; storage: Storage; changes: HeaderChange[]; resetScaling: boolean } | { ok: false; reason: string };

const RANGE: Readonly<Partial<Record<SampleType, [number, number]>>> = {
  uint8: [0, 255],
  int8: [-128, 127],
  uint16: [0, 65535],
  int16: [-32768, 32767],
  uint32: [0, 4294967295],
  int32: [-2147483648, 2147483647],
  uint64: [0, Number.MAX_SAFE_INTEGER],
  int64: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
};

/** What nnU-Net reads for a stored value (scaled in double precision, then float32). */
export function readOf(stored: number, scaling: StoredScaling | undefined): number {
  return asRead(scaling ? stored * scaling.slope + scaling.inter : stored);
}

/**
 * The stored value that nnU-Net reads as `target` under `storage`, or undefined when
 * there is none (not an integer for an integer type, out of range, not exact in float32).
 */
export function storedFor(target: number, storage: Storage): number | undefined {
  const { sample, scaling } = storage;
  let s = scaling ? (target - scaling.inter) / scaling.slope : target;
  const range = RANGE[sample];
  if (range) {
    s = Math.round(s);
    if (!(s >= range[0] && s <= range[1])) return undefined;
  } else if (sample === 'float32') {
    s = Math.fround(s);
  }
  if (!Number.isFinite(s)) return undefined;
  return readOf(s, scaling) === asRead(target) ? s : undefined;
}

/** nnU-Net's write_seg choice (uint8 if max < 255 else uint16), widened for what those cannot hold. */
export function nnunetSampleType(values: readonly number[]): SampleType | undefined {
  if (values.some((v) => !Number.isInteger(v))) return undefined;
  const min = Math.min(0, ...values);
  const max = Math.max(0, ...values);
  if (min >= 0 && max < 255) return 'uint8';
  if (min >= 0 && max <= 65535) return 'uint16';
  if (min >= -32768 && max <= 32767) return 'int16';
  if (min >= -2147483648 && max <= 2147483647) return 'int32';
  return undefined;
}

const NIFTI_DATATYPE_CODE: Readonly<Record<SampleType, number>> = {
  uint8: 2,
  int16: 4,
  int32: 8,
  float32: 16,
  float64: 64,
  int8: 256,
  uint16: 512,
  uint32: 768,
  int64: 1024,
  uint64: 1280,
};

/** NIfTI datatype code of a sample type. */
export function niftiCode(sample: SampleType): number {
  return NIFTI_DATATYPE_CODE[sample];
}

/**
 * Chooses the storage for new values. `present` are the values nnU-Net reads in the
 * file now; `mapping` says what each becomes (values without a change are kept).
 */
export function planStorage(current: Storage, present: readonly number[], mapping: readonly ValueChange[]): StoragePlan {
  const table = new Map(mapping.map((c) => [asRead(c.from), c.to] as const));
  const changed = present.filter((v) => table.has(asRead(v)) && table.get(asRead(v)) !== asRead(v));
  const targets = present.map((v) => table.get(asRead(v)) ?? asRead(v));

  // 1. same sample type, same scaling: only the changed values need a stored form
  if (changed.every((v) => storedFor(table.get(asRead(v))!, current) !== undefined)) {
    return { ok: true, storage: current, changes: [], resetScaling: false };
  }
  const scalingChanges = (to: Storage): HeaderChange[] =>
    current.scaling && !to.scaling
      ? [
          { field: 'scl_slope', from: current.scaling.slope, to: 1 },
          { field: 'scl_inter', from: current.scaling.inter, to: 0 },
        ]
      : [];
  // 2. no scaling, same sample type: every value is stored as it is read
  const unscaled: Storage = { sample: current.sample };
  if (targets.every((t) => storedFor(t, unscaled) !== undefined)) {
    return { ok: true, storage: unscaled, changes: scalingChanges(unscaled), resetScaling: !!current.scaling };
  }
  // 3. the type nnU-Net itself would store
  const sample = nnunetSampleType(targets);
  if (!sample) {
    return { ok: false, reason: `the new values (${[...new Set(targets)].join(', ')}) fit no integer sample type` };
  }
  const widened: Storage = { sample };
  return {
    ok: true,
    storage: widened,
    changes: [
      { field: 'datatype', from: current.sample, to: sample },
      { field: 'bitpix', from: SAMPLE_BYTES[current.sample] * 8, to: SAMPLE_BYTES[sample] * 8 },
      ...scalingChanges(widened),
    ],
    resetScaling: !!current.scaling,
  };
}

/**
 * The per-sample function of a repair: stored value -> new stored value, or undefined
 * when the sample keeps its bytes (its value does not change and the storage is the
 * same). Throws for a value that has no stored form (only possible when the file
 * changed since the storage was planned; the caller then refuses the file).
 */
export function sampleFunction(from: Storage, to: Storage, mapping: readonly ValueChange[]): (stored: number) => number | undefined {
  const table = new Map(mapping.map((c) => [asRead(c.from), c.to] as const));
  const sameStorage = from.sample === to.sample && sameScaling(from.scaling, to.scaling);
  return (stored) => {
    const read = readOf(stored, from.scaling);
    const target = table.get(read);
    if (target === undefined || target === read) {
      if (sameStorage) return undefined;
      const s = storedFor(read, to);
      if (s === undefined) throw new RangeError(`value ${read} cannot be stored as ${to.sample}`);
      return s;
    }
    const s = storedFor(target, to);
    if (s === undefined) throw new RangeError(`value ${target} cannot be stored as ${to.sample}${to.scaling ? ` with scl_slope ${to.scaling.slope}` : ''}`);
    return s;
  };
}

function sameScaling(a: StoredScaling | undefined, b: StoredScaling | undefined): boolean {
  return a === b || (!!a && !!b && a.slope === b.slope && a.inter === b.inter);
}
