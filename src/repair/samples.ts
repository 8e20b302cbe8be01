/**
 * Rewriting a stream of stored samples, chunk by chunk, in constant memory (pure over
 * the chunks it is given). Bytes arrive split anywhere; whole samples are rewritten in
 * the file's byte order, and a sample whose value does not change keeps its bytes.
 *
 * 8- and 16-bit samples go through a lookup table indexed by the raw bit pattern
 * (filled on first use), wider ones through a one-entry cache: label maps are long runs
 * of one value, so runs of equal 32-bit words are rewritten at once.
 */
import { SAMPLE_BYTES, type SampleType } from '../images/datatypes.js';

/** Rewrites samples; see {@link createSampleRewriter}. */
export interface SampleRewriter {
  /**
   * Rewrites the whole samples available after `chunk` and returns their new bytes.
   * May change `chunk` in place and return (part of) it: pass chunks you own.
   */
  push(chunk: Uint8Array): Uint8Array;
  /** Bytes held back because they do not yet form a whole sample. */
  readonly pending: number;
}

/** Stored value -> new stored value, or undefined to keep the sample's bytes. */
export type SampleFn = (stored: number) => number | undefined;

const HOST_LE = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Reads one sample of `type` at `offset`. 64-bit integers beyond 2^53 are rounded. */
export function getSample(dv: DataView, offset: number, type: SampleType, le: boolean): number {
  switch (type) {
    case 'uint8':
      return dv.getUint8(offset);
    case 'int8':
      return dv.getInt8(offset);
    case 'uint16':
      return dv.getUint16(offset, le);
    case 'int16':
      return dv.getInt16(offset, le);
    case 'uint32':
      return dv.getUint32(offset, le);
    case 'int32':
      return dv.getInt32(offset, le);
    case 'float32':
      return dv.getFloat32(offset, le);
    case 'float64':
      return dv.getFloat64(offset, le);
    case 'int64':
      return Number(dv.getBigInt64(offset, le));
    case 'uint64':
      return Number(dv.getBigUint64(offset, le));
  }
}

/** Writes one sample of `type` at `offset` (the value must fit: see storage.ts). */
export function setSample(dv: DataView, offset: number, type: SampleType, le: boolean, v: number): void {
  switch (type) {
    case 'uint8':
      return dv.setUint8(offset, v);
    case 'int8':
      return dv.setInt8(offset, v);
    case 'uint16':
      return dv.setUint16(offset, v, le);
    case 'int16':
      return dv.setInt16(offset, v, le);
    case 'uint32':
      return dv.setUint32(offset, v, le);
    case 'int32':
      return dv.setInt32(offset, v, le);
    case 'float32':
      return dv.setFloat32(offset, v, le);
    case 'float64':
      return dv.setFloat64(offset, v, le);
    case 'int64':
      return dv.setBigInt64(offset, BigInt(v), le);
    case 'uint64':
      return dv.setBigUint64(offset, BigInt(v), le);
  }
}

/**
 * Cuts a byte stream into runs of whole samples, each in a buffer of its own that is
 * aligned for typed-array views. (src/images' SampleAligner reuses one scratch buffer,
 * which must not be handed on to an asynchronous writer; this one never reuses.)
 */
class WholeSamples {
  private readonly carry: Uint8Array;
  private carried = 0;
  constructor(private readonly size: number) {
    this.carry = new Uint8Array(size);
  }

  get pending(): number {
    return this.carried;
  }

  take(chunk: Uint8Array): Uint8Array {
    const size = this.size;
    const total = this.carried + chunk.length;
    const whole = total - (total % size);
    let out: Uint8Array;
    if (this.carried === 0 && chunk.byteOffset % size === 0) {
      out = chunk.subarray(0, whole);
    } else {
      out = new Uint8Array(whole);
      out.set(this.carry.subarray(0, Math.min(this.carried, whole)));
      if (whole > this.carried) out.set(chunk.subarray(0, whole - this.carried), this.carried);
    }
    if (whole < this.carried) {
      // not even one sample yet (only possible for size > 1 with tiny chunks)
      this.carry.set(chunk, this.carried);
      this.carried = total;
    } else {
      const rest = chunk.subarray(whole - this.carried);
      this.carry.set(rest, 0);
      this.carried = rest.length;
    }
    return out;
  }
}

/**
 * A rewriter from samples of `from` to samples of `to`, both in the file's byte order
 * (`littleEndian`). `fn` is called once per distinct stored value met (8/16-bit) or per
 * run of equal values (wider types); when `from === to` it may return undefined to keep
 * the bytes.
 */
export function createSampleRewriter(from: SampleType, to: SampleType, littleEndian: boolean, fn: SampleFn): SampleRewriter {
  const size = SAMPLE_BYTES[from];
  const samples = new WholeSamples(size);
  let rewrite: (buf: Uint8Array) => Uint8Array;
  if (from === to && size === 1) rewrite = byteRewrite(from, fn);
  else if (from === to && size === 2) rewrite = shortRewrite(from, littleEndian, fn);
  else if (from === to) rewrite = wideRewrite(from, littleEndian, fn);
  else rewrite = convertRewrite(from, to, littleEndian, fn);
  return {
    push(chunk) {
      const buf = samples.take(chunk);
      return buf.length ? rewrite(buf) : buf;
    },
    get pending() {
      return samples.pending;
    },
  };
}

/**
 * 8-bit in place: a table of new bytes for each stored byte, then one of new byte pairs
 * for each stored pair, so a 32-bit word takes two lookups. A byte whose new value has no
 * stored form is marked invalid and throws only when it is met.
 */
function byteRewrite(type: SampleType, fn: SampleFn): (buf: Uint8Array) => Uint8Array {
  const bytes = new Int16Array(256);
  const dv = new DataView(new ArrayBuffer(1));
  const errors = new Map<number, unknown>();
  for (let p = 0; p < 256; p++) {
    dv.setUint8(0, p);
    try {
      const r = fn(getSample(dv, 0, type, true));
      if (r !== undefined) setSample(dv, 0, type, true, r);
      bytes[p] = dv.getUint8(0);
    } catch (e) {
      bytes[p] = -1;
      errors.set(p, e);
    }
  }
  const fail = (p: number): never => {
    throw errors.get(p);
  };
  // pairs as they sit in a host-order 16-bit lane: each byte maps on its own
  const pairs = new Int32Array(65536);
  for (let p = 0; p < 65536; p++) {
    const lo = bytes[p & 0xff]!;
    const hi = bytes[p >>> 8]!;
    pairs[p] = lo < 0 || hi < 0 ? -1 : lo | (hi << 8);
  }
  return (buf) => {
    let i = 0;
    const n = buf.length;
    while (i < n && (buf.byteOffset + i) % 4 !== 0) {
      const o = bytes[buf[i]!]!;
      buf[i++] = o < 0 ? fail(buf[i - 1]!) : o;
    }
    const words = (n - i) >>> 2;
    if (words > 0) {
      const w = new Uint32Array(buf.buffer, buf.byteOffset + i, words);
      let lastIn = -1;
      let lastOut = 0;
      for (let k = 0; k < words; k++) {
        const v = w[k]!;
        if (v !== lastIn) {
          const lo = pairs[v & 0xffff]!;
          const hi = pairs[v >>> 16]!;
          if (lo < 0 || hi < 0) for (const b of [v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, v >>> 24]) if (bytes[b]! < 0) fail(b);
          lastIn = v;
          lastOut = (lo | (hi << 16)) >>> 0;
        }
        if (lastOut !== v) w[k] = lastOut;
      }
      i += words * 4;
    }
    while (i < n) {
      const o = bytes[buf[i]!]!;
      buf[i++] = o < 0 ? fail(buf[i - 1]!) : o;
    }
    return buf;
  };
}

/** 16-bit in place: a 65536-entry table indexed by the host-order bit pattern. */
function shortRewrite(type: SampleType, le: boolean, fn: SampleFn): (buf: Uint8Array) => Uint8Array {
  const lut = new Int32Array(65536).fill(-1);
  const dv = new DataView(new ArrayBuffer(2));
  const entry = (p: number): number => {
    let o = lut[p]!;
    if (o < 0) {
      dv.setUint16(0, p, HOST_LE); // the pattern's bytes as they are in the file
      const r = fn(getSample(dv, 0, type, le));
      if (r !== undefined) setSample(dv, 0, type, le, r);
      o = lut[p] = dv.getUint16(0, HOST_LE);
    }
    return o;
  };
  return (buf) => {
    const s = new Uint16Array(buf.buffer, buf.byteOffset, buf.length >>> 1);
    let lastIn = -1;
    let lastOut = 0;
    let i = 0;
    const n = s.length;
    if (n > 0 && (s.byteOffset & 3) !== 0) {
      s[i] = entry(s[i]!);
      i++;
    }
    const words = (n - i) >>> 1;
    if (words > 0) {
      const w = new Uint32Array(s.buffer, s.byteOffset + i * 2, words);
      for (let k = 0; k < words; k++) {
        const v = w[k]!;
        if (v !== lastIn) {
          lastOut = (entry(v & 0xffff) | (entry(v >>> 16) << 16)) >>> 0;
          lastIn = v;
        }
        if (lastOut !== v) w[k] = lastOut;
      }
      i += words * 2;
    }
    if (i < n) s[i] = entry(s[i]!);
    return buf;
  };
}

/** 32/64-bit in place: decode only where the bit pattern changes. */
function wideRewrite(type: SampleType, le: boolean, fn: SampleFn): (buf: Uint8Array) => Uint8Array {
  const size = SAMPLE_BYTES[type];
  const wordsPer = size / 4;
  const out = new DataView(new ArrayBuffer(size));
  const outWords = new Uint32Array(out.buffer);
  let lastLo = -1;
  let lastHi = -1;
  let keep = true;
  return (buf) => {
    const dv = new DataView(buf.buffer, buf.byteOffset, buf.length);
    const w = new Uint32Array(buf.buffer, buf.byteOffset, buf.length >>> 2);
    for (let k = 0; k < w.length; k += wordsPer) {
      const lo = w[k]!;
      const hi = wordsPer === 2 ? w[k + 1]! : 0;
      if (lo !== lastLo || hi !== lastHi) {
        lastLo = lo;
        lastHi = hi;
        const r = fn(getSample(dv, k * 4, type, le));
        keep = r === undefined;
        if (!keep) setSample(out, 0, type, le, r!);
      }
      if (!keep) {
        w[k] = outWords[0]!;
        if (wordsPer === 2) w[k + 1] = outWords[1]!;
      }
    }
    return buf;
  };
}

/** Another sample type: a new buffer, one decode per run of equal values. */
function convertRewrite(from: SampleType, to: SampleType, le: boolean, fn: SampleFn): (buf: Uint8Array) => Uint8Array {
  const inSize = SAMPLE_BYTES[from];
  const outSize = SAMPLE_BYTES[to];
  let lastRaw = NaN;
  let lastOut = 0;
  return (buf) => {
    const n = buf.length / inSize;
    const out = new Uint8Array(n * outSize);
    const dv = new DataView(buf.buffer, buf.byteOffset, buf.length);
    const ov = new DataView(out.buffer);
    for (let k = 0; k < n; k++) {
      const raw = getSample(dv, k * inSize, from, le);
      if (!Object.is(raw, lastRaw)) {
        const r = fn(raw);
        if (r === undefined) throw new RangeError(`no new value for ${raw} while changing ${from} to ${to}`);
        lastRaw = raw;
        lastOut = r;
      }
      setSample(ov, k * outSize, to, le, lastOut);
    }
    return out;
  };
}
