/**
 * The sample rewriter and the storage rules, on their own: every sample type, both byte
 * orders, chunks split at every odd place, against a plain per-sample reference.
 */
import { describe, expect, test } from '@jest/globals';
import { SAMPLE_BYTES, type SampleType } from '../../src/images/datatypes.js';
import { createSampleRewriter, getSample, setSample } from '../../src/repair/samples.js';
import { nnunetSampleType, planStorage, readOf, sampleFunction, storedFor, type Storage } from '../../src/repair/storage.js';

const TYPES: SampleType[] = ['uint8', 'int8', 'uint16', 'int16', 'uint32', 'int32', 'int64', 'uint64', 'float32', 'float64'];

/** Samples as bytes of `type` in the given byte order. */
function encode(values: number[], type: SampleType, le: boolean): Uint8Array {
  const size = SAMPLE_BYTES[type];
  const buf = new Uint8Array(values.length * size);
  const dv = new DataView(buf.buffer);
  values.forEach((v, i) => setSample(dv, i * size, type, le, v));
  return buf;
}

function decode(bytes: Uint8Array, type: SampleType, le: boolean): number[] {
  const size = SAMPLE_BYTES[type];
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  return Array.from({ length: bytes.length / size }, (_, i) => getSample(dv, i * size, type, le));
}

/** Feeds `bytes` in pieces of the given sizes (cycled), each piece a fresh copy at an odd offset. */
function feed(rw: ReturnType<typeof createSampleRewriter>, bytes: Uint8Array, sizes: number[]): Uint8Array {
  const parts: Uint8Array[] = [];
  let p = 0;
  for (let k = 0; p < bytes.length; k++) {
    const n = Math.min(sizes[k % sizes.length]!, bytes.length - p);
    const holder = new Uint8Array(n + 3);
    holder.set(bytes.subarray(p, p + n), 1 + (k % 3)); // misaligned on purpose
    parts.push(rw.push(holder.subarray(1 + (k % 3), 1 + (k % 3) + n)).slice());
    p += n;
  }
  expect(rw.pending).toBe(0);
  return Buffer.concat(parts);
}

// a label map: long runs plus some isolated voxels
const values = (palette: number[]) => Array.from({ length: 997 }, (_, i) => palette[(i % 61 < 40 ? 0 : i % 7 === 0 ? 2 : 1) % palette.length]!);

describe('createSampleRewriter', () => {
  for (const type of TYPES) {
    for (const le of [true, false]) {
      test(`${type} ${le ? 'little' : 'big'}-endian: maps values, keeps the others byte for byte, any split`, () => {
        const signed = type.startsWith('int') || type.startsWith('float');
        const palette = [0, signed ? -1 : 255, 7];
        const input = values(palette);
        const fn = (v: number) => (v === palette[1] ? 1 : undefined);
        const expected = input.map((v) => (v === palette[1] ? 1 : v));
        for (const sizes of [[1], [3, 5], [4096], [SAMPLE_BYTES[type] + 1, 2]]) {
          const rw = createSampleRewriter(type, type, le, fn);
          const out = feed(rw, encode(input, type, le), sizes);
          expect(decode(out, type, le)).toEqual(expected);
        }
      });
    }
  }

  test('uint8 -> uint16 (a value over 255) in both byte orders', () => {
    for (const le of [true, false]) {
      const input = values([0, 4, 1]);
      const rw = createSampleRewriter('uint8', 'uint16', le, (v) => (v === 4 ? 300 : v));
      expect(decode(feed(rw, encode(input, 'uint8', le), [5, 1]), 'uint16', le)).toEqual(input.map((v) => (v === 4 ? 300 : v)));
    }
  });

  test('keeps NaN and -0 bytes when they are not mapped', () => {
    const input = [NaN, -0, 255, 0, NaN];
    const rw = createSampleRewriter('float32', 'float32', true, (v) => (v === 255 ? 1 : undefined));
    const bytes = encode(input, 'float32', true);
    const out = feed(rw, bytes.slice(), [4]);
    expect(Buffer.from(out.subarray(0, 8))).toEqual(Buffer.from(bytes.subarray(0, 8)));
    expect(decode(out, 'float32', true).slice(2)).toEqual([1, 0, NaN]);
  });
});

describe('storage rules', () => {
  const u8: Storage = { sample: 'uint8' };
  test('keeps the sample type and scaling when the new values fit (0/255 -> 0/1 in uint8: no header change)', () => {
    expect(planStorage(u8, [0, 255], [{ from: 255, to: 1 }])).toEqual({ ok: true, storage: u8, changes: [], resetScaling: false });
  });
  test('resets the scaling when the stored values are the labels (stored 0/1, slope 255)', () => {
    const scaled: Storage = { sample: 'uint8', scaling: { slope: 255, inter: 0 } };
    const p = planStorage(scaled, [0, 255], [{ from: 255, to: 1 }]);
    expect(p).toEqual({
      ok: true,
      storage: { sample: 'uint8' },
      resetScaling: true,
      changes: [
        { field: 'scl_slope', from: 255, to: 1 },
        { field: 'scl_inter', from: 0, to: 0 },
      ],
    });
    // the stored bytes stay: 1 is stored as 1
    const fn = sampleFunction(scaled, { sample: 'uint8' }, [{ from: 255, to: 1 }]);
    expect([fn(0), fn(1)]).toEqual([0, 1]);
  });
  test("widens to nnU-Net's write_seg type when the values do not fit (uint8 if max < 255, else uint16)", () => {
    const p = planStorage(u8, [0, 4], [{ from: 4, to: 300 }]);
    expect(p.ok && p.storage.sample).toBe('uint16');
    expect(p.ok && p.changes.map((c) => c.field)).toEqual(['datatype', 'bitpix']);
    expect(nnunetSampleType([0, 254])).toBe('uint8');
    expect(nnunetSampleType([0, 255])).toBe('uint16');
    expect(nnunetSampleType([0, 1.5])).toBeUndefined();
  });
  test('keeps a scaling that can store the new value exactly (slope 2: 4 -> 6 is stored 3)', () => {
    const scaled: Storage = { sample: 'int16', scaling: { slope: 2, inter: 0 } };
    const p = planStorage(scaled, [0, 2, 4], [{ from: 4, to: 6 }]);
    expect(p.ok && p.changes).toEqual([]);
    expect(storedFor(6, scaled)).toBe(3);
    expect(readOf(3, scaled.scaling)).toBe(6);
  });
  test('float32 noise rounds within float32 (0.99999994 -> 1 kept as float32)', () => {
    const f32: Storage = { sample: 'float32' };
    const p = planStorage(f32, [0, Math.fround(0.99999994)], [{ from: Math.fround(0.99999994), to: 1 }]);
    expect(p.ok && p.changes).toEqual([]);
  });
});
