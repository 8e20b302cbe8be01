/**
 * Counting sample values of a raw payload, chunk by chunk, in constant memory.
 *
 * Bytes arrive in file order, split anywhere (a 2-byte sample may straddle two
 * chunks). {@link SampleAligner} turns them into aligned, host-order runs of whole
 * samples; a tally per sample width counts them:
 * - 8 and 16 bit: a Float64Array table indexed by the raw pattern. Label maps are
 *   long runs of one value, so 32-bit words are compared first and whole runs of
 *   equal words are added at once (about 3 GB/s instead of 0.3 GB/s for a plain
 *   `table[v]++`, which stalls on the repeated store to the same slot).
 * - 32/64 bit and floats: a Map from value to count, updated once per run.
 */
import { SAMPLE_BYTES, type SampleType } from './datatypes.js';
import { MAX_DISTINCT_VALUES, type ValueCount } from './types.js';

/** NIfTI intensity scaling `value * slope + inter`, as ITK applies it. */
export interface Scaling {
  slope: number;
  inter: number;
  /** Round each scaled value to float32 (ITK's output pixel type for scaled data). */
  float32: boolean;
}

/** Totals of a finished count. */
export interface CountResult {
  values: ValueCount[];
  nonInteger: boolean;
  nan: boolean;
  nanCount: number;
  /** Samples counted, NaN included. */
  samples: number;
  tooManyValues: boolean;
}

/** Counts the samples of one payload. */
export interface SampleCounter {
  /** Feed the next payload bytes (any length, any split). */
  push(chunk: Uint8Array): void;
  /** Bytes held back because they do not yet form a whole sample. */
  readonly pending: number;
  /** Totals of everything pushed so far (incomplete trailing bytes are ignored). */
  result(): CountResult;
}

/** Byte order of this machine's typed arrays. */
const HOST_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Applies a {@link Scaling} to one raw value. */
function scaleValue(raw: number, scaling: Scaling | undefined): number {
  if (!scaling) return raw;
  const v = raw * scaling.slope + scaling.inter;
  return scaling.float32 ? Math.fround(v) : v;
}

/**
 * Re-chunks a byte stream into whole samples, aligned to the sample size and in host
 * byte order, so typed-array views can be laid over them. Holds back at most
 * `size - 1` bytes between calls. The returned view is valid until the next call.
 */
export class SampleAligner {
  private readonly carry: Uint8Array;
  private carried = 0;
  private scratch = new Uint8Array(0);

  constructor(
    private readonly size: number,
    private readonly swap: boolean,
  ) {
    this.carry = new Uint8Array(size);
  }

  /** Bytes held back from the previous chunk. */
  get pending(): number {
    return this.carried;
  }

  /** The whole samples available after adding `chunk` (length a multiple of `size`). */
  take(chunk: Uint8Array): Uint8Array {
    const size = this.size;
    if (size === 1) return chunk;
    const total = this.carried + chunk.length;
    const whole = total - (total % size);
    let out: Uint8Array;
    if (this.carried === 0 && !this.swap && chunk.byteOffset % size === 0) {
      out = chunk.subarray(0, whole);
    } else {
      if (this.scratch.length < whole) this.scratch = new Uint8Array(Math.max(whole, this.scratch.length * 2));
      out = this.scratch.subarray(0, whole);
      const fromChunk = Math.max(0, whole - this.carried);
      out.set(this.carry.subarray(0, Math.min(this.carried, whole)), 0);
      out.set(chunk.subarray(0, fromChunk), Math.min(this.carried, whole));
      if (this.swap) swapBytes(out, size);
    }
    // Keep what is left over for the next call.
    const restStart = whole - this.carried; // index in chunk where the remainder starts
    if (restStart < 0) {
      // Not even one sample yet: everything is carried.
      this.carry.set(chunk, this.carried);
      this.carried = total;
    } else {
      const rest = chunk.subarray(restStart);
      this.carry.set(rest, 0);
      this.carried = rest.length;
    }
    return out;
  }
}

function swapBytes(bytes: Uint8Array, size: number): void {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  if (size === 2) buf.swap16();
  else if (size === 4) buf.swap32();
  else if (size === 8) buf.swap64();
}

/** Counts aligned host-order samples; `entries` yields raw value and count. */
interface Tally {
  count(bytes: Uint8Array): void;
  entries(): Iterable<[number, number]>;
  readonly nanCount: number;
  readonly tooManyValues: boolean;
  /** Some value that did not fit in the distinct-value table was not an integer. */
  readonly overflowNonInteger: boolean;
}

/** 8-bit samples: a 256-entry table. */
class ByteTally implements Tally {
  readonly table = new Float64Array(256);
  readonly nanCount = 0;
  readonly tooManyValues = false;
  readonly overflowNonInteger = false;
  constructor(private readonly signed: boolean) {}

  count(bytes: Uint8Array): void {
    const t = this.table;
    let i = 0;
    const n = bytes.length;
    // Head bytes until 4-byte alignment.
    while (i < n && (bytes.byteOffset + i) % 4 !== 0) t[bytes[i++]!]!++;
    const words = (n - i) >>> 2;
    if (words > 0) {
      const w = new Uint32Array(bytes.buffer, bytes.byteOffset + i, words);
      countByteWords(w, t);
      i += words * 4;
    }
    while (i < n) t[bytes[i++]!]!++;
  }

  *entries(): Iterable<[number, number]> {
    for (let p = 0; p < 256; p++) {
      const c = this.table[p]!;
      if (c > 0) yield [this.signed && p > 127 ? p - 256 : p, c];
    }
  }
}

/** Counts 4 bytes per word; runs of identical single-value words are added at once. */
function countByteWords(w: Uint32Array, t: Float64Array): void {
  const n = w.length;
  let i = 0;
  while (i < n) {
    const v = w[i]!;
    const b0 = v & 0xff;
    if (v === Math.imul(b0, 0x01010101) >>> 0) {
      let j = i + 1;
      while (j < n && w[j] === v) j++;
      t[b0]! += 4 * (j - i);
      i = j;
    } else {
      t[b0]!++;
      t[(v >>> 8) & 0xff]!++;
      t[(v >>> 16) & 0xff]!++;
      t[v >>> 24]!++;
      i++;
    }
  }
}

/** 16-bit samples: a 65536-entry table. */
class ShortTally implements Tally {
  readonly table = new Float64Array(65536);
  readonly nanCount = 0;
  readonly tooManyValues = false;
  readonly overflowNonInteger = false;
  constructor(private readonly signed: boolean) {}

  count(bytes: Uint8Array): void {
    const s = new Uint16Array(bytes.buffer, bytes.byteOffset, bytes.length >>> 1);
    const t = this.table;
    let i = 0;
    const n = s.length;
    if (n > 0 && (s.byteOffset & 3) !== 0) t[s[i++]!]!++;
    const words = (n - i) >>> 1;
    if (words > 0) {
      const w = new Uint32Array(s.buffer, s.byteOffset + i * 2, words);
      countShortWords(w, t);
      i += words * 2;
    }
    if (i < n) t[s[i]!]!++;
  }

  *entries(): Iterable<[number, number]> {
    for (let p = 0; p < 65536; p++) {
      const c = this.table[p]!;
      if (c > 0) yield [this.signed && p > 32767 ? p - 65536 : p, c];
    }
  }
}

/** Counts 2 samples per word; runs of identical words with equal halves at once. */
function countShortWords(w: Uint32Array, t: Float64Array): void {
  const n = w.length;
  let i = 0;
  while (i < n) {
    const v = w[i]!;
    const lo = v & 0xffff;
    const hi = v >>> 16;
    if (lo === hi) {
      let j = i + 1;
      while (j < n && w[j] === v) j++;
      t[lo]! += 2 * (j - i);
      i = j;
    } else {
      t[lo]!++;
      t[hi]!++;
      i++;
    }
  }
}

type NumberArray = Int32Array | Uint32Array | Float32Array | Float64Array;

/** Wider samples: a Map from value to count, bounded by `maxDistinct` entries. */
class MapTally implements Tally {
  private readonly counts = new Map<number, number>();
  nanCount = 0;
  tooManyValues = false;
  overflowNonInteger = false;

  constructor(
    private readonly view: (bytes: Uint8Array) => NumberArray | Float64Array,
    private readonly maxDistinct: number,
    private readonly scaling: Scaling | undefined,
  ) {}

  count(bytes: Uint8Array): void {
    const a = this.view(bytes);
    const n = a.length;
    if (n === 0) return;
    let last = a[0]!;
    let run = 0;
    for (let i = 0; i < n; i++) {
      const v = a[i]!;
      if (v === last || (v !== v && last !== last)) run++;
      else {
        this.add(last, run);
        last = v;
        run = 1;
      }
    }
    this.add(last, run);
  }

  /** Adds a run of one value (also used by the 64-bit tally). */
  add(v: number, run: number): void {
    if (v !== v) {
      this.nanCount += run;
      return;
    }
    const c = this.counts.get(v);
    if (c !== undefined) this.counts.set(v, c + run);
    else if (this.counts.size < this.maxDistinct) this.counts.set(v, run);
    else {
      this.tooManyValues = true;
      const s = scaleValue(v, this.scaling);
      if (s !== s) this.nanCount += run;
      else if (!Number.isInteger(s)) this.overflowNonInteger = true;
    }
  }

  entries(): Iterable<[number, number]> {
    return this.counts.entries();
  }
}

/** 64-bit integers: compared as two 32-bit halves, counted as (possibly rounded) numbers. */
class LongTally implements Tally {
  private readonly inner: MapTally;
  constructor(
    private readonly signed: boolean,
    maxDistinct: number,
    scaling: Scaling | undefined,
  ) {
    this.inner = new MapTally(() => new Float64Array(0), maxDistinct, scaling);
  }

  get nanCount(): number {
    return this.inner.nanCount;
  }
  get tooManyValues(): boolean {
    return this.inner.tooManyValues;
  }
  get overflowNonInteger(): boolean {
    return this.inner.overflowNonInteger;
  }

  count(bytes: Uint8Array): void {
    const a = new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.length >>> 2);
    const n = a.length;
    if (n === 0) return;
    const L = HOST_LITTLE_ENDIAN ? 0 : 1;
    const H = 1 - L;
    let lastLo = a[L]!;
    let lastHi = a[H]!;
    let run = 0;
    for (let i = 0; i < n; i += 2) {
      const lo = a[i + L]!;
      const hi = a[i + H]!;
      if (lo === lastLo && hi === lastHi) run++;
      else {
        this.inner.add(this.toNumber(lastLo, lastHi), run);
        lastLo = lo;
        lastHi = hi;
        run = 1;
      }
    }
    this.inner.add(this.toNumber(lastLo, lastHi), run);
  }

  /** Exact for |value| < 2^53; larger values are rounded to the nearest double. */
  private toNumber(lo: number, hi: number): number {
    return (this.signed ? hi | 0 : hi) * 4294967296 + lo;
  }

  entries(): Iterable<[number, number]> {
    return this.inner.entries();
  }
}

function makeTally(sample: SampleType, maxDistinct: number, scaling: Scaling | undefined): Tally {
  switch (sample) {
    case 'uint8':
    case 'int8':
      return new ByteTally(sample === 'int8');
    case 'uint16':
    case 'int16':
      return new ShortTally(sample === 'int16');
    case 'int32':
      return new MapTally((b) => new Int32Array(b.buffer, b.byteOffset, b.length >>> 2), maxDistinct, scaling);
    case 'uint32':
      return new MapTally((b) => new Uint32Array(b.buffer, b.byteOffset, b.length >>> 2), maxDistinct, scaling);
    case 'float32':
      return new MapTally((b) => new Float32Array(b.buffer, b.byteOffset, b.length >>> 2), maxDistinct, scaling);
    case 'float64':
      return new MapTally((b) => new Float64Array(b.buffer, b.byteOffset, b.length >>> 3), maxDistinct, scaling);
    case 'int64':
    case 'uint64':
      return new LongTally(sample === 'int64', maxDistinct, scaling);
  }
}

/** Scales raw counts, merges values that scale to the same number, sorts ascending. */
function summarizeCounts(
  entries: Iterable<[number, number]>,
  opts: { nanCount: number; scaling?: Scaling; tooManyValues?: boolean; nonInteger?: boolean },
): CountResult {
  const merged = new Map<number, number>();
  let nanCount = opts.nanCount;
  let nonInteger = opts.nonInteger ?? false;
  let samples = nanCount;
  for (const [raw, count] of entries) {
    samples += count;
    const v = scaleValue(raw, opts.scaling);
    if (v !== v) {
      nanCount += count;
      continue;
    }
    if (!Number.isInteger(v)) nonInteger = true;
    merged.set(v, (merged.get(v) ?? 0) + count);
  }
  const values = [...merged].map(([value, count]) => ({ value: value === 0 ? 0 : value, count }));
  values.sort((a, b) => a.value - b.value);
  return { values, nonInteger, nan: nanCount > 0, nanCount, samples, tooManyValues: opts.tooManyValues ?? false };
}

/**
 * A counter for samples of `sample` type stored with the given byte order.
 * `scaling` is applied to the values when the result is built (and to values beyond
 * the distinct-value limit as they are met, so `nonInteger` stays exact).
 */
export function createCounter(sample: SampleType, littleEndian: boolean, scaling?: Scaling, maxDistinct: number = MAX_DISTINCT_VALUES): SampleCounter {
  const size = SAMPLE_BYTES[sample];
  const aligner = new SampleAligner(size, size > 1 && littleEndian !== HOST_LITTLE_ENDIAN);
  const tally = makeTally(sample, maxDistinct, scaling);
  return {
    push(chunk: Uint8Array): void {
      const whole = aligner.take(chunk);
      if (whole.length > 0) tally.count(whole);
    },
    get pending(): number {
      return aligner.pending;
    },
    result(): CountResult {
      return summarizeCounts(tally.entries(), {
        nanCount: tally.nanCount,
        scaling,
        tooManyValues: tally.tooManyValues,
        nonInteger: tally.overflowNonInteger,
      });
    },
  };
}
