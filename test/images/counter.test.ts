import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import { createCounter, SampleAligner } from '../../src/images/counter.js';
import type { SampleType } from '../../src/images/datatypes.js';
import { encodeSamples } from '../helpers/nifti.js';
import { countValues } from './reference.js';

const RANGES: Record<SampleType, fc.Arbitrary<number>> = {
  uint8: fc.integer({ min: 0, max: 255 }),
  int8: fc.integer({ min: -128, max: 127 }),
  int16: fc.integer({ min: -32768, max: 32767 }),
  uint16: fc.integer({ min: 0, max: 65535 }),
  int32: fc.integer({ min: -2147483648, max: 2147483647 }),
  uint32: fc.integer({ min: 0, max: 4294967295 }),
  int64: fc.maxSafeInteger(),
  uint64: fc.maxSafeNat(),
  float32: fc.float({ noDefaultInfinity: false }),
  float64: fc.double(),
};

/** Values with long runs (as in label maps) or fully random. */
function samples(type: SampleType): fc.Arbitrary<number[]> {
  const runs = fc
    .array(fc.tuple(RANGES[type], fc.integer({ min: 1, max: 40 })), { maxLength: 12 })
    .map((rs) => rs.flatMap(([v, k]) => Array<number>(k).fill(v)));
  return fc.oneof(runs, fc.array(RANGES[type], { maxLength: 200 }));
}

/**
 * Splits bytes at the given cut points (sorted, deduplicated) into fresh copies at
 * byte offsets 0..7 of their buffers, so typed views are sometimes misaligned.
 */
function split(bytes: Buffer, cuts: number[]): Uint8Array[] {
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const parts: Uint8Array[] = [];
  let prev = 0;
  for (const p of [...points, bytes.length]) {
    const shift = (parts.length * 3) % 8;
    const host = new Uint8Array(p - prev + 8);
    host.set(bytes.subarray(prev, p), shift);
    parts.push(host.subarray(shift, shift + p - prev));
    prev = p;
  }
  return parts;
}

describe('createCounter: any split of the payload gives the reference counts', () => {
  const types = Object.keys(RANGES) as SampleType[];
  test.each(types)('%s', (type) => {
    fc.assert(
      fc.property(samples(type), fc.array(fc.nat(), { maxLength: 8 }), fc.boolean(), (values, cuts, littleEndian) => {
        const stored = type === 'float32' ? values.map(Math.fround) : values;
        const bytes = encodeSamples(stored, type, littleEndian);
        const counter = createCounter(type, littleEndian);
        for (const part of split(bytes, cuts)) counter.push(part);
        const r = counter.result();
        const ref = countValues(stored);
        expect(r.values).toEqual(ref.values);
        expect(r.nanCount).toBe(ref.nanCount);
        expect(r.samples).toBe(values.length);
        expect(counter.pending).toBe(0);
      }),
      { numRuns: 150 },
    );
  });
});

describe('distinct-value limit', () => {
  test('tooManyValues; non-integer and NaN beyond the limit still flagged', () => {
    const values = [1, 2, 3, 4, 5.5, NaN, 1];
    const counter = createCounter('float64', true, undefined, 4);
    counter.push(encodeSamples(values, 'float64', true));
    const r = counter.result();
    expect(r.tooManyValues).toBe(true);
    expect(r.values).toEqual([
      { value: 1, count: 2 },
      { value: 2, count: 1 },
      { value: 3, count: 1 },
      { value: 4, count: 1 },
    ]);
    expect(r.nonInteger).toBe(true);
    expect(r.nanCount).toBe(1);
  });
});

describe('scaling', () => {
  test('merges raw values that scale to the same float32', () => {
    const counter = createCounter('int32', true, { slope: 1e-10, inter: 1, float32: true });
    counter.push(encodeSamples([0, 1, 2], 'int32', true));
    expect(counter.result().values).toEqual([{ value: 1, count: 3 }]);
  });
});

describe('SampleAligner', () => {
  test('carries partial samples and swaps bytes', () => {
    const a = new SampleAligner(2, true);
    expect([...a.take(new Uint8Array([1]))]).toEqual([]);
    expect(a.pending).toBe(1);
    expect([...a.take(new Uint8Array([2, 3, 4, 5]))]).toEqual([2, 1, 4, 3]);
    expect(a.pending).toBe(1);
    expect([...a.take(new Uint8Array([6]))]).toEqual([6, 5]);
    expect(a.pending).toBe(0);
  });
});
